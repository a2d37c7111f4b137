"""Pick the phrase in a sentence that answers the question.

No reading model ships offline (see DESIGN.md), so this is the classic feature-based
approach: candidate phrases (named entities, noun phrases, verb arguments) are scored by
whether their type fits the question (a date for "when"), how close they sit to the
question's words in the sentence, whether they fill the role the question word plays
("who" as the subject of the question's verb), and whether they merely repeat the
question. The weights were set by measurement on the evaluation suite (docs/quality.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.question import QuestionInfo, QuestionType
from assistant.text_terms import STOPWORDS, stem

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "pobj", "oprd", "appos", "dative"}
_PRUNE_DEPS = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep", "mark"}
_PRONOUNS = set(
    "it they he she we i you this that these those who which what them him her us its their"
    " there".split()
)
_REASON_MARKERS = ("because", "due", "since", "so", "order", "result", "caused", "lead")
_MAX_TOKENS = 12


@dataclass(frozen=True)
class SpanCandidate:
    """A phrase of a sentence, by character offsets into the sentence text."""

    text: str
    start: int
    end: int
    score: float
    label: str = ""


def _with_acronym(doc: Doc, start: int, end: int) -> int:
    """Extend a phrase over a following "(CMA)"-style parenthetical of one or two tokens."""
    if end + 2 < len(doc) + 1 and end < len(doc) and doc[end].text == "(":
        for width in (1, 2):
            close = end + 1 + width
            if close < len(doc) and doc[close].text == ")":
                return close + 1
    return end


def _argument_span(token: Token) -> tuple[int, int]:
    """The token's phrase: its subtree without clauses, appositions and conjuncts."""
    left = token.i
    for child in token.lefts:
        if child.dep_ not in _PRUNE_DEPS:
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in _PRUNE_DEPS and not (child.dep_ == "prep" and child.text.lower() == "of"):
            break
        right = max(right, child.right_edge.i)
    return left, right + 1


def _candidates(doc: Doc) -> dict[tuple[int, int], str]:
    """Token ranges worth considering, with the entity label where the range is an entity."""
    found: dict[tuple[int, int], str] = {}
    for ent in doc.ents:
        found[(ent.start, _with_acronym(doc, ent.start, ent.end))] = ent.label_
        found.setdefault((ent.start, ent.end), ent.label_)
    for chunk in doc.noun_chunks:
        found.setdefault((chunk.start, _with_acronym(doc, chunk.start, chunk.end)), "")
    for token in doc:
        if token.dep_ in _ARGUMENT_DEPS and token.pos_ in ("NOUN", "PROPN", "NUM"):
            left, right = _argument_span(token)
            if right - left <= _MAX_TOKENS:
                found.setdefault((left, _with_acronym(doc, left, right)), "")
    return found


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation at either end of a range."""
    while start < end and (doc[start].is_punct and doc[start].text not in "($"):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in ")%":
        end -= 1
    return start, end


def _contains_label(doc: Doc, start: int, end: int, labels: frozenset[str]) -> bool:
    return any(ent.label_ in labels and ent.start >= start and ent.end <= end for ent in doc.ents)


def _matches(doc: Doc, info: QuestionInfo) -> list[int]:
    """Positions of sentence tokens that are question words (by stem or lemma)."""
    terms = set(info.terms)
    return [
        t.i
        for t in doc
        if not t.is_punct
        and t.lower_ not in STOPWORDS
        and (stem(t.lower_) in terms or stem(t.lemma_.lower()) in terms)
    ]


def _score(
    doc: Doc,
    info: QuestionInfo,
    start: int,
    end: int,
    label: str,
    matched: list[int],
) -> float | None:
    tokens = doc[start:end]
    content = [t for t in tokens if not t.is_punct and t.lower_ not in STOPWORDS]
    if not content:
        return None
    if all(t.lower_ in _PRONOUNS for t in content):
        return None
    novel = [t for t in content if t.lower_ not in info.words and stem(t.lower_) not in info.terms]
    if not novel:
        return None  # only repeats the question
    score = 0.0
    overlap = 1.0 - len(novel) / len(content)
    score -= 1.5 * overlap

    if info.labels:
        if label in info.labels:
            score += 2.0
        elif _contains_label(doc, start, end, info.labels):
            score += 1.0
        else:
            score -= 1.5
    elif label:
        score += 0.3

    if info.qtype is QuestionType.HOW_MANY and info.focus:
        heads = {stem(t.head.lower_) for t in tokens if t.like_num}
        if info.focus in heads:
            score += 1.0

    if matched:
        positions = range(start, end)
        distances = [min(abs(m - p) for p in positions) for m in matched]
        score += 1.5 * sum(1.0 / (1 + d) for d in distances) / len(distances)
        root = tokens.root
        if root.head.i in matched or any(c.i in matched for c in root.head.children):
            score += 0.5
    score -= 0.06 * max(0, len(content) - 4)
    return score


def best_span(info: QuestionInfo, doc: Doc) -> SpanCandidate | None:
    """The best-scoring answer phrase in the sentence ``doc``, or None if nothing fits."""
    matched = _matches(doc, info)
    best: SpanCandidate | None = None
    for (start, end), label in _candidates(doc).items():
        start, end = _trim(doc, start, end)
        if end <= start:
            continue
        score = _score(doc, info, start, end, label, matched)
        if score is None:
            continue
        if best is None or score > best.score:
            span: Span = doc[start:end]
            best = SpanCandidate(span.text, span.start_char, span.end_char, score, label)
    return best


def reason_clause(doc: Doc) -> SpanCandidate | None:
    """For "why": the clause introduced by "because", "due to", "in order to" and the like."""
    for token in doc:
        if token.lower_ in _REASON_MARKERS and token.i + 1 < len(doc):
            end = token.i + 1
            while end < len(doc) and doc[end].text not in ".;":
                end += 1
            span = doc[token.i : end]
            if len(span) >= 3:
                return SpanCandidate(span.text, span.start_char, span.end_char, 1.0, "REASON")
    return None
