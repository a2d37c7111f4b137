"""What a question asks for: its type, the kind of phrase that answers it, its key words.

"Who claimed the Lere attack?" asks for a person or organisation that is the subject of
"claim"; "How many soldiers were killed?" for a number counting soldiers. The answerer
uses this to pick the phrase in a sentence that fills the question's gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from assistant.text_terms import STOPWORDS, stem, words


class QuestionType(StrEnum):
    """The gap a question asks to fill; the evaluation reports figures per type."""

    WHO = "who"
    WHEN = "when"
    WHERE = "where"
    HOW_MANY = "how many"
    HOW_MUCH = "how much"
    WHICH = "which/what X"
    WHAT = "what"
    WHY = "why"
    HOW = "how"
    YES_NO = "yes/no"
    OTHER = "other"


# spaCy entity labels that can answer each type.
_LABELS: dict[QuestionType, frozenset[str]] = {
    QuestionType.WHO: frozenset({"PERSON", "ORG", "NORP", "GPE"}),
    QuestionType.WHEN: frozenset({"DATE", "TIME"}),
    QuestionType.WHERE: frozenset({"GPE", "LOC", "FAC", "ORG"}),
    QuestionType.HOW_MANY: frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}),
    QuestionType.HOW_MUCH: frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"}),
}

# The head noun of "what/which X" and the labels it asks for.
_FOCUS_LABELS: dict[str, frozenset[str]] = {}
for _labels, _nouns in (
    ({"DATE"}, "year years decade decades century centuries month months day days date dates"
     " season seasons era period week weeks"),
    ({"TIME"}, "time hour hours"),
    ({"GPE", "LOC", "FAC"}, "city cities country countries state states nation nations place"
     " places region regions location locations continent town towns county province area"
     " island islands capital river mountain neighborhood district village"),
    ({"ORG"}, "company companies team teams organization organizations organisation group"
     " groups agency agencies university universities party parties band club network"
     " league firm newspaper school college institution government body union"),
    ({"PERSON"}, "person people man woman player players coach president king queen leader"
     " author writer singer artist actor scientist emperor minister name general"),
    ({"PERCENT"}, "percentage percent proportion share"),
    ({"MONEY"}, "amount price cost sum fee salary revenue"),
    ({"CARDINAL", "QUANTITY"}, "number numbers count population"),
    ({"NORP", "LANGUAGE"}, "language languages nationality religion ethnicity"),
    ({"EVENT"}, "event war battle"),
):  # fmt: skip
    for _noun in _nouns.split():
        _FOCUS_LABELS[_noun] = frozenset(_labels)

_WH_WORDS = frozenset(["who", "whom", "whose", "what", "which", "when", "where", "why", "how"])
_NOT_TERMS = frozenset({"many", "much"})
_AUX_START = re.compile(
    r"^(is|are|was|were|do|does|did|can|could|will|would|has|have|had|should|may|might)\b"
)
_DURATION = re.compile(r"\bhow (long|old|often|far|big|large|tall|high|fast)\b")


@dataclass(frozen=True)
class QuestionInfo:
    """The parts of a question the answerer needs."""

    text: str
    qtype: QuestionType
    labels: frozenset[str]  # entity labels that can answer; empty when any phrase may
    terms: tuple[str, ...]  # stemmed content words
    focus: str = ""  # head noun of "what/which X" or "how many X"
    words: frozenset[str] = frozenset()  # every lower-cased word of the question


def _focus_after(tokens: list[str], index: int) -> str:
    """The first word after ``index`` that is not an article, adjective-like stop word or aux."""
    for word in tokens[index + 1 : index + 4]:
        if word in STOPWORDS or word in _WH_WORDS:
            if word in ("of",):
                continue
            break
        return word
    return ""


def analyse(question: str) -> QuestionInfo:
    """Classify ``question`` and pick out its key words (no model needed)."""
    text = " ".join(question.split())
    lower = text.lower()
    tokens = words(lower)
    terms = tuple(
        dict.fromkeys(stem(w) for w in tokens if w not in STOPWORDS and w not in _NOT_TERMS)
    )
    qtype, focus = QuestionType.OTHER, ""
    labels: frozenset[str] = frozenset()

    if match := _DURATION.search(lower):
        qtype = QuestionType.HOW_MUCH
        labels = frozenset({"DATE", "TIME", "QUANTITY", "CARDINAL"}) if match.group(1) in (
            "long", "old", "often") else frozenset({"QUANTITY", "CARDINAL"})  # fmt: skip
    elif re.search(r"\bhow many\b", lower):
        qtype = QuestionType.HOW_MANY
        position = tokens.index("many") if "many" in tokens else -1
        focus = _focus_after(tokens, position) if position >= 0 else ""
    elif re.search(r"\bhow much\b", lower):
        qtype = QuestionType.HOW_MUCH
    elif re.search(r"\b(who|whom|whose)\b", lower):
        qtype = QuestionType.WHO
    elif re.search(r"\bwhen\b|\bwhat (year|date|day|month|time|decade|century)\b", lower):
        qtype = QuestionType.WHEN
    elif re.search(r"\bwhere\b", lower):
        qtype = QuestionType.WHERE
    elif re.search(r"\bwhy\b", lower):
        qtype = QuestionType.WHY
    elif re.search(r"\bhow\b", lower):
        qtype = QuestionType.HOW
    elif re.search(r"\b(what|which)\b", lower):
        wh = next((i for i, w in enumerate(tokens) if w.startswith(("what", "which"))), -1)
        focus = _focus_after(tokens, wh) if wh >= 0 else ""
        if focus in _FOCUS_LABELS:
            qtype = QuestionType.WHICH
            labels = _FOCUS_LABELS[focus]
        else:
            qtype = QuestionType.WHICH if focus and focus not in STOPWORDS else QuestionType.WHAT
    elif _AUX_START.match(lower):
        qtype = QuestionType.YES_NO

    if not labels:
        labels = _LABELS.get(qtype, frozenset())
    if qtype is QuestionType.WHEN:
        labels = _LABELS[QuestionType.WHEN]
    return QuestionInfo(
        text=text,
        qtype=qtype,
        labels=labels,
        terms=terms,
        focus=stem(focus) if focus else "",
        words=frozenset(tokens),
    )
