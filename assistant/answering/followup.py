"""Rewrite a follow-up question so it stands alone, without a language model.

"Who claimed responsibility for the attack?" -> "The Coordination of Azawad Movements
(CMA)", then "When did they sign a peace deal?" becomes "When did the CMA sign a peace
deal?". Pronouns are resolved to the previous answer when it names
someone, else to the topic of the previous question; "there" to the last place named.
The history is read as Gradio-style messages; each earlier turn is condensed in turn, so
a chain of follow-ups keeps its thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.answering.answerer import ABSTAIN_TEXT
from assistant.errors import InvalidInput
from assistant.text.markers import without_markers
from assistant.text.nlp import parse
from assistant.text.question import QuestionType, analyse

_SUBJECT = {"they", "he", "she", "it"}
_OBJECT = {"them", "him", "her"}
_POSSESSIVE = {"their", "its", "his"}
_ELLIPTIC = re.compile(r"^(and|what about|how about|and what about|also)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(they|he|she|it|them|him|her|their|its|his|there|this|these|that)\b",
                      re.IGNORECASE)  # fmt: skip
_WHO_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_WH = {"who", "whom", "what", "which", "when", "where", "why", "how"}


def _text_of(content: Any) -> str:
    """Message content as text: a string, or Gradio's structured content."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, list):
        return " ".join(_text_of(part) for part in content)
    return ""


def turns(history: Sequence[Any] | None) -> list[tuple[str, str]]:
    """(question, answer) pairs from a message list; a question with no answer yet pairs with ""."""
    pairs: list[tuple[str, str]] = []
    for message in history or []:
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            raise InvalidInput(
                "history must be a list of messages like "
                '{"role": "user" | "assistant", "content": "..."}'
            )
        text = _text_of(message.get("content"))
        if message["role"] == "user":
            pairs.append((text, ""))
        elif pairs and not pairs[-1][1]:
            pairs[-1] = (pairs[-1][0], text)
    return pairs


def short_answer_of(reply: str) -> str:
    """The answer phrase of an assistant reply: its first line without [n] markers."""
    first = reply.strip().split("\n", 1)[0]
    if first.startswith(ABSTAIN_TEXT[:20]):
        return ""
    return without_markers(first).strip().rstrip(".")


def is_follow_up(question: str) -> bool:
    """Whether the question leans on an earlier turn (a pronoun, "there", "and ...")."""
    return bool(_ELLIPTIC.match(question.strip()) or _PRONOUN.search(question))


def _topic(question: str) -> str:
    """The main noun phrase of a question: "the Lere attack" in "Who claimed the Lere attack?"."""
    doc = parse([question])[0]
    chunks = [
        c for c in doc.noun_chunks if c.root.pos_ != "PRON" and not any(t.lower_ in _WH for t in c)
    ]
    if not chunks:
        return ""
    return max(chunks, key=lambda c: (any(t.pos_ == "PROPN" for t in c), c.start)).text


def _place(texts: Sequence[str]) -> str:
    """The place most recently named in ``texts`` (latest text first).

    Tagged places win; failing those, a proper noun that is not part of a name of a
    person or organisation (the small tagger misses many place names).
    """
    docs = list(reversed(parse(list(texts))))
    for doc in docs:
        places = [e.text for e in doc.ents if e.label_ in _PLACE_LABELS]
        if places:
            return places[-1]
    for doc in docs:
        named = {t.i for e in doc.ents if e.label_ in _WHO_LABELS - _PLACE_LABELS for t in e}
        proper = [t.text for t in doc if t.pos_ == "PROPN" and t.i > 0 and t.i not in named]
        if proper:
            return proper[-1]
    return ""


def _names_someone(answer: str) -> bool:
    if not answer:
        return False
    doc = parse([answer])[0]
    return any(e.label_ in _WHO_LABELS for e in doc.ents) or any(t.pos_ == "PROPN" for t in doc)


_SHORT_FORM = re.compile(r"^(?P<long>.+?)\s*\((?P<short>[A-Z][A-Za-z0-9&.-]{1,11})\)$")


def _referent(answer: str) -> str:
    """How a later question names the answer: "the CMA" for "The Coordination of Azawad
    Movements (CMA)", as the article itself does after the first mention (the long form
    pulls in the passage that introduces the name rather than the one that answers), and
    "the Coordination ..." for a name without a short form."""
    named = _SHORT_FORM.match(answer)
    if named:
        short = named["short"]
        return f"the {short}" if named["long"][:4].lower() == "the " else short
    if answer[:4] in ("The ", "A ") or answer[:3] == "An ":
        return answer[0].lower() + answer[1:]
    return answer


def rewrite(question: str, previous_question: str, previous_answer: str) -> str:
    """``question`` made standalone with the help of one earlier exchange."""
    if not is_follow_up(question):
        return question
    answer = short_answer_of(previous_answer)
    asked = analyse(previous_question).qtype
    referent = ""
    if answer and asked in (QuestionType.WHO, QuestionType.WHICH) and _names_someone(answer):
        referent = _referent(answer)
    referent = referent or _topic(previous_question)

    def substitute(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower == "there":
            place = _place([previous_question, answer] if answer else [previous_question])
            return f"in {place}" if place else word
        if not referent or lower in ("this", "these", "that"):
            return word
        if lower in _POSSESSIVE:
            return f"{referent}'s"
        if lower in _SUBJECT | _OBJECT:
            return referent
        return word

    rewritten = _PRONOUN.sub(substitute, question, count=2)
    if rewritten == question:  # elliptic: "And the army?" -> carry the earlier topic along
        topic = referent or _topic(previous_question)
        return f"{question.rstrip('?')} ({topic})?" if topic else question
    return rewritten[:1].upper() + rewritten[1:]


def condense(question: str, history: Sequence[Any] | None) -> str:
    """The standalone form of ``question`` given the conversation so far."""
    exchanges = [(q, a) for q, a in turns(history) if q.strip()]
    if not exchanges:
        return question
    standalone = exchanges[0][0]
    for index in range(1, len(exchanges)):
        standalone = rewrite(exchanges[index][0], standalone, exchanges[index - 1][1])
    return rewrite(question, standalone, exchanges[-1][1])
