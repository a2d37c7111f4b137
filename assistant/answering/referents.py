"""Who "it" is: the actor a pronoun or a description stands for, named where it first
appears.

News names an actor once and then says "it", "they", "the group", "the minister". Over
the founding article, "Who shot down an army plane?" was answered "Tuaregs": the sentence
that says so reads "It also said it took control of two military camps in Lere and shot
down an army plane", and the reader took a name from the sentence before. So, for "who"
and "which <actor>" questions: the read windows' sentences that carry the question's verb
and most of its words are parsed (spaCy); when that verb's subject (through "and" and
"said it ...") is a pronoun or a definite description ("the group", "the company"), the
earlier sentences of the window are read back, nearest first, for the subject of their
main verb that is a name agreeing in kind ("it" and "the company": an organisation, a
country or a group; "he", "she" and "the minister": a person; "they": any but one
person); a subject that is itself "it" or "the group" passes the search further back.
The name becomes the answer, its sentence through the one that answers the support.
Where no name is found, the reader's answer stays, marked unresolved: its confidence is
lowered (``choice.UNRESOLVED``), not a name guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from assistant.answering.candidates import Candidate
from assistant.text.datelines import DATELINE
from assistant.text.nlp import parse, parse_question
from assistant.text.question import QuestionType, analyse
from assistant.text.sentences import split_sentences
from assistant.text.terms import plain_terms, stem, words

LOOK_BACK = 4  # sentences: an actor named further back is not what "it" means here
MIN_SHARED = 0.6  # of the question's content words the answering sentence must carry
ORGANISATIONS = frozenset({"ORG", "GPE", "NORP"})
PEOPLE = frozenset({"PERSON"})
ANY = ORGANISATIONS | PEOPLE
_PRONOUNS = {"it": ORGANISATIONS, "its": ORGANISATIONS, "he": PEOPLE, "she": PEOPLE,
             "they": ANY, "we": ANY}  # fmt: skip
_ROLES = frozenset(
    "minister president spokesman spokeswoman chairman chief executive director governor "
    "secretary senator leader prime chancellor premier official singer actor star player "
    "manager coach striker author writer man woman".split()
)
_BODIES = frozenset(
    "group alliance movement coalition company firm bank government party army rebels union "
    "agency organisation organization ministry commission council board court body club "
    "teamband club airline carrier bidder buyer seller partnership consortium venture "
    "corporation concern maker producer exporter importer lender insurer subsidiary unit "
    "network broadcaster newspaper league federation association regime junta militia "
    "country state".split()
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECT = re.compile(r"\bwhom\b", re.IGNORECASE)
_TITLES = frozenset("Mr Mrs Ms Miss Dr Sir Lord Lady Dame".split())
_CARRIED = frozenset({"conj", "xcomp", "advcl"})  # a verb whose subject is its head's


@dataclass(frozen=True)
class _Reference:
    """A subject that names no one: which kinds of name it may stand for."""

    kinds: frozenset[str]


def asks_for_an_actor(question: str) -> bool:
    """ "Who ...", "Which company ...": the actor, the subject ("For whom ..." asks for
    an object, and is no such question)."""
    if _OBJECT.search(question):
        return False
    if analyse(question).qtype is QuestionType.WHO:
        return True
    return _which_noun(question) in _BODIES | _ROLES


def _which_noun(question: str) -> str:
    """The noun of "Which company ...", "What group ..." ("" for other questions)."""
    head = words(question.lower())[:2]
    return head[1] if len(head) == 2 and head[0] in ("which", "what") else ""


def _subject(verb: Any) -> Any | None:
    """The verb's subject token, through "and"-joined and dependent verbs to their head's."""
    for _ in range(4):
        found = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if found:
            return found[0]
        if verb.dep_ not in _CARRIED:
            return None
        verb = verb.head
    return None


def _reference(token: Any) -> _Reference | None:
    """What a subject that names no one may stand for, or None when it names someone."""
    lowered = token.text.lower()
    if token.pos_ == "PRON":
        kinds = _PRONOUNS.get(lowered)
        return _Reference(kinds) if kinds else None
    determiners = [c.text.lower() for c in token.children if c.dep_ == "det"]
    if token.pos_ == "NOUN" and determiners[:1] == ["the"]:
        if lowered in _ROLES:
            return _Reference(PEOPLE)
        if lowered.rstrip("s") in _BODIES or lowered in _BODIES:
            return _Reference(ORGANISATIONS | (PEOPLE if lowered.endswith("s") else frozenset()))
    return None


def _named_subject(doc: Any, kinds: frozenset[str]) -> tuple[int, int] | _Reference | None:
    """The main verb's subject of a sentence: a name of one of ``kinds`` (its character
    offsets, "The" and an acronym in brackets included), a reference to look past, or None."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    subject = _subject(roots[0]) if roots else None
    if subject is None:
        return None
    for entity in doc.ents:
        if entity.start <= subject.i < entity.end:
            if entity.label_ not in kinds or entity.text.islower():
                return None  # another actor, or no name ("unions said")
            start, end = entity.start_char, entity.end_char
            if start >= 4 and doc.text[start - 4 : start] in ("The ", "the "):
                start -= 4
            elif entity.start and doc[entity.start - 1].text.rstrip(".") in _TITLES:
                start = doc[entity.start - 1].idx  # "Mr McConnell", as news names him
            rest = doc.text[end:]
            if rest.startswith(" (") and ")" in rest[:14] and rest[2:3].isupper():
                end += rest.index(")") + 1
            return start, end
    return _reference(subject)


def resolved(question: str, best: Candidate) -> Candidate:
    """``best``, or the named actor behind the pronoun that the answering sentence of its
    passage has for subject (that sentence its evidence), or ``best`` marked unresolved
    when no name is found (its confidence is lowered: ``choice``)."""
    if not asks_for_an_actor(question):
        return best
    asked = _content(question)
    verbs = _question_verbs(question)
    if not verbs or not asked:
        return best
    focus = {stem(noun)} if (noun := _which_noun(question)) else set()
    return _in_passage(best, asked, asked - focus, verbs) or best


def _question_verbs(question: str) -> set[str]:
    doc = parse_question(question)
    return {stem(t.lemma_.lower()) for t in doc if t.pos_ == "VERB" and t.lemma_ != "be"}


def _in_passage(
    candidate: Candidate, asked: set[str], own: set[str], verbs: set[str]
) -> Candidate | None:
    """The actor of the passage's answering sentence when its subject is a reference
    (``own``: the question's words that a name it asks for cannot hold)."""
    passage = candidate.passage
    sentences = split_sentences(passage.text) or []
    for n, sentence in enumerate(sentences):
        text = passage.text[sentence.start : sentence.end]
        if len(asked & _content(text)) < MIN_SHARED * len(asked):  # verbs: by lemma below
            continue
        [(_, doc)] = _parsed([text])
        for token in doc:
            if token.pos_ != "VERB" or stem(token.lemma_.lower()) not in verbs:
                continue
            subject = _subject(token)
            reference = _reference(subject) if subject is not None else None
            if reference is None:
                return None  # the sentence names its actor: the reader's answer stands
            evidence = passage.start + sentence.end
            earlier = sentences[max(0, n - LOOK_BACK) : n]
            parsed = _parsed([passage.text[s.start : s.end] for s in earlier])
            for span, (skip, before) in zip(reversed(earlier), reversed(parsed), strict=True):
                found = _named_subject(before, reference.kinds)
                if isinstance(found, _Reference):
                    continue  # "It had signed ...": the actor is further back still
                if found is None:
                    break  # someone else acts there: "it" is not further back
                start = passage.start + span.start + skip + found[0]
                end = passage.start + span.start + skip + found[1]
                name = passage.text[start - passage.start : end - passage.start]
                if own & _content(name):
                    return None  # the question's own subject ("Who did ABC hire?")
                if _same_name(name, candidate.text):  # the reader named it already
                    return replace(candidate, evidence_end=max(candidate.end, evidence))
                return replace(candidate, text=name, start=start, end=end,
                               evidence_end=evidence)  # fmt: skip
            return replace(candidate, unresolved=True)
    return None


def _parsed(texts: list[str]) -> list[tuple[int, Any]]:
    """Each sentence parsed without a wire dateline, and how many characters that cut."""
    skips = [len(m.group()) if (m := DATELINE.match(text)) else 0 for text in texts]
    docs = parse([text[skip:] for text, skip in zip(texts, skips, strict=True)])
    return list(zip(skips, docs, strict=True))


def _same_name(name: str, answer: str) -> bool:
    """Whether the reader's answer is that name, or holds it ("Presidency Minister Patricio
    Quevedo"), or is held by it ("Bell" of "Bell and Howell")."""
    one, other = (" ".join(words(t.lower())) for t in (name, answer))
    return bool(one and other) and (one in other or other in one)


def _content(text: str) -> set[str]:
    """Stems of the text's content words, a possessive's "'s" off ("ABC's" is "abc")."""
    return set(plain_terms(text))
