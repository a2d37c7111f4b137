"""What a question asks for: its type, the kind of phrase that answers it, its key words.

"Who claimed the Lere attack?" asks for a person or organisation that is the subject of
"claim"; "How many soldiers were killed?" for a number counting soldiers. The answerer
uses this to pick the phrase in a sentence that fills the question's gap.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from assistant.text.terms import STOPWORDS, stem, words


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
_TIME_NOUNS = frozenset("year date day month time decade century".split())
_HOW_DURATION = frozenset("long old often".split())
_HOW_SIZE = frozenset("far big large tall high fast".split())
_SIMPLE: dict[str, QuestionType] = {
    "who": QuestionType.WHO,
    "whom": QuestionType.WHO,
    "whose": QuestionType.WHO,
    "when": QuestionType.WHEN,
    "where": QuestionType.WHERE,
    "why": QuestionType.WHY,
}


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


def _how(tokens: list[str], at: int) -> tuple[QuestionType, str, frozenset[str]]:
    """ "how many X", "how much", "how long/old/often", "how far/big...", or plain "how"."""
    after = tokens[at + 1] if at + 1 < len(tokens) else ""
    if after in _HOW_DURATION:
        return QuestionType.HOW_MUCH, "", frozenset({"DATE", "TIME", "QUANTITY", "CARDINAL"})
    if after in _HOW_SIZE:
        return QuestionType.HOW_MUCH, "", frozenset({"QUANTITY", "CARDINAL"})
    if after == "many":
        return QuestionType.HOW_MANY, _focus_after(tokens, at + 1), frozenset()
    if after == "much":
        return QuestionType.HOW_MUCH, "", frozenset()
    return QuestionType.HOW, "", frozenset()


def _what(tokens: list[str], at: int) -> tuple[QuestionType, str, frozenset[str]]:
    """ "what year" asks when; "which city" for a place; a bare "what" for anything."""
    focus = _focus_after(tokens, at)
    if focus in _TIME_NOUNS:
        return QuestionType.WHEN, focus, frozenset()
    if focus in _FOCUS_LABELS:
        return QuestionType.WHICH, focus, _FOCUS_LABELS[focus]
    if focus:
        return QuestionType.WHICH, focus, frozenset()
    return QuestionType.WHAT, "", frozenset()


def classify(tokens: list[str], lower: str) -> tuple[QuestionType, str, frozenset[str]]:
    """(type, focus word, labels) from the question's first wh-word.

    The first one decides: "What Doctor Who story..." asks what, not who, and "What did
    the army do when..." asks what, not when.
    """
    heads = [w.split("'")[0] for w in tokens]
    at = next((i for i, w in enumerate(heads) if w in _WH_WORDS), -1)
    if at < 0:
        kind = QuestionType.YES_NO if _AUX_START.match(lower) else QuestionType.OTHER
        return kind, "", frozenset()
    if heads[at] in _SIMPLE:
        return _SIMPLE[heads[at]], "", frozenset()
    if heads[at] == "how":
        return _how(heads, at)
    return _what(heads, at)


@functools.lru_cache(maxsize=1024)  # re-ranking and reading both need it, per question
def analyse(question: str) -> QuestionInfo:
    """Classify ``question`` and pick out its key words (no model needed)."""
    text = " ".join(question.split())
    lower = text.lower()
    tokens = words(lower)
    terms = tuple(
        dict.fromkeys(stem(w) for w in tokens if w not in STOPWORDS and w not in _NOT_TERMS)
    )
    qtype, focus, labels = classify(tokens, lower)
    if not labels or qtype is QuestionType.WHEN:
        labels = _LABELS.get(qtype, labels)
    return QuestionInfo(
        text=text,
        qtype=qtype,
        labels=labels,
        terms=terms,
        focus=stem(focus) if focus else "",
        words=frozenset(tokens),
    )
