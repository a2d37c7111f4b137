"""Pick the phrase in a sentence that answers the question.

No reading model ships offline (see DESIGN.md), so this is the classic feature-based
approach: candidate phrases (named entities, noun phrases, verb arguments) are scored by
whether their type fits the question (a date for "when"), how close they sit to the
question's words in the sentence, whether they fill the role the question word plays
("who" as the subject of the question's verb), and whether they merely repeat the
question. The weights were fitted on the dev split of the SQuAD benchmark
(benchmarks/tune_reader.py, docs/quality.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

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
_WH = frozenset("who whom whose what which when where why how".split())
_MODIFIER_DEPS = {"det", "advmod", "amod", "npadvmod"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_OBJECT_DEPS = {"dobj", "attr", "oprd", "dative"}
_REASON_MARKERS = ("because", "due", "since", "so", "order", "result", "caused", "lead")
_MAX_TOKENS = 12

# Phrase feature weights, in the order ``span_features`` returns them; fitted on the dev
# split of the SQuAD benchmark (benchmarks/tune_reader.py spans).
FITTED = {
    "overlap": -0.85,
    "label": 1.16,
    "contains_label": 0.26,
    "wrong_label": -1.42,
    "entity_untyped": 0.23,
    "counts_focus": 1.93,
    "proximity": 0.79,
    "nearest": 0.57,
    "attached": 0.27,
    "length_over_4": -0.10,
    "subject": 0.31,
    "object": 0.25,
    "prep_object": 0.45,
    "apposition": 0.39,
    "proper_noun": 0.51,
    "number": 0.29,
    "entity": -0.12,
    "focus_head": 0.55,
    "anchored": 0.30,
    "same_role": 0.67,
    "same_prep": 0.23,
    "same_word_before": 0.55,
    "left_is_question_word": 0.35,
    "question_words_near": 1.56,
    "in_parentheses": -0.25,
}
FEATURES = tuple(FITTED)
WEIGHTS = np.array(list(FITTED.values()))


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


def _without_acronym(doc: Doc, start: int, end: int) -> int:
    """The end of a phrase without its closing "(CMA)", which only restates it."""
    for width in (1, 2):
        opening = end - width - 2
        if opening > start and doc[end - 1].text == ")" and doc[opening].text == "(":
            return opening
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
    for ent in doc.ents:  # a name keeps its "(CMA)": the reader will meet the acronym
        found[(ent.start, _with_acronym(doc, ent.start, ent.end))] = ent.label_
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


@dataclass(frozen=True)
class QuestionShape:
    """Where the question's gap sits, read from its parse.

    "Who claimed the attack?": the wh-phrase is the subject (``nsubj``) of "claim";
    "In what year did ABC agree...": it is the object of "in", which hangs on "agree".
    An answer phrase that plays the same part around the same word is likely right.
    """

    dep: str
    anchor: frozenset[str]  # stems of the word the wh-phrase hangs on
    prep: str  # the preposition the wh-phrase is the object of, if any
    before: str  # the word just before the wh-phrase


def question_shape(doc: Doc) -> QuestionShape | None:
    """The shape of the question ``doc``; None when it has no wh-word."""
    wh = next((t for t in doc if t.lower_ in _WH), None)
    if wh is None:
        return None
    phrase = wh
    while phrase.dep_ in _MODIFIER_DEPS and phrase.head.i != phrase.i:
        if phrase.head.pos_ in ("VERB", "AUX"):
            break
        phrase = phrase.head
    anchor, prep = phrase.head, ""
    if anchor.dep_ == "prep" or anchor.pos_ == "ADP":
        anchor, prep = anchor.head, anchor.lower_
    first = min(t.i for t in phrase.subtree) if phrase is not wh else wh.i
    return QuestionShape(
        dep=phrase.dep_,
        anchor=frozenset({stem(anchor.lower_), stem(anchor.lemma_.lower())}),
        prep=prep,
        before=doc[first - 1].lower_ if first > 0 else "",
    )


def _stems(token: Token) -> set[str]:
    return {stem(token.lower_), stem(token.lemma_.lower())}


def _shape_features(
    doc: Doc, root: Token, start: int, shape: QuestionShape | None
) -> tuple[float, float, float, float]:
    """(hangs on the anchor word, in the same role, after the same preposition, after the
    same word)."""
    if shape is None:
        return 0.0, 0.0, 0.0, 0.0
    head, role, same_prep = root.head, root.dep_, 0.0
    if head.dep_ == "agent":  # "claimed by the CMA" answers "who claimed"
        role = "nsubj"
    if head.dep_ in ("prep", "agent") or head.pos_ == "ADP":
        same_prep = float(head.lower_ == shape.prep)
        head = head.head
    anchored = float(bool(_stems(head) & shape.anchor))
    same_role = anchored * float(role == shape.dep)
    before = float(start > 0 and bool(shape.before) and doc[start - 1].lower_ == shape.before)
    return anchored, same_role, same_prep, before


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the parse: "X, an alliance of ..., claimed" is one."""
    up = {t.i: n for n, t in enumerate([b, *b.ancestors])}
    for n, token in enumerate([a, *a.ancestors]):
        if token.i in up:
            return n + up[token.i]
    return len(up) + n + 1


def _matched_before(doc: Doc, start: int, matched: set[int]) -> float:
    """1 when the content word just before the phrase (within three tokens) is a question
    word, as "founded" in "founded in *1990*"."""
    for index in range(start - 1, max(-1, start - 4), -1):
        token = doc[index]
        if not token.is_punct and token.lower_ not in STOPWORDS:
            return float(index in matched)
    return 0.0


def _context_features(
    doc: Doc, root: Token, start: int, end: int, matched: list[int], n_terms: int
) -> tuple[float, float, float]:
    """(question word just before, share of question words near it, in parentheses).

    Near: within six tokens, or within three edges of the parse, so that "The CMA, an
    alliance of ... groups, had claimed" keeps "claimed" near "The CMA".
    """
    found = set(matched)
    window = {
        doc[i].lower_
        for i in found
        if start - 6 <= i < end + 6 or _tree_distance(root, doc[i]) <= 3
    }
    return (
        _matched_before(doc, start, found),
        min(1.0, len(window) / n_terms) if n_terms else 0.0,
        float(start > 0 and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")"),
    )


def span_features(
    doc: Doc,
    info: QuestionInfo,
    start: int,
    end: int,
    label: str,
    matched: list[int],
    shape: QuestionShape | None,
) -> np.ndarray | None:
    """The phrase's feature vector, in the order of ``WEIGHTS``; None for a non-answer.

    A phrase of only pronouns, stop words or the question's own words is no answer.
    """
    tokens = doc[start:end]
    content = [
        t
        for t in doc[start : _without_acronym(doc, start, end)]
        if not t.is_punct and t.lower_ not in STOPWORDS
    ]
    if not content or all(t.lower_ in _PRONOUNS for t in content):
        return None
    novel = [t for t in content if t.lower_ not in info.words and stem(t.lower_) not in info.terms]
    if not novel:
        return None  # repeats the question, give or take an "(ABC)"
    root = tokens.root
    typed = bool(info.labels)
    exact = typed and label in info.labels
    contains = typed and not exact and _contains_label(doc, start, end, info.labels)
    counted = 0.0
    if info.qtype is QuestionType.HOW_MANY and info.focus:
        counted = float(info.focus in {stem(t.head.lower_) for t in tokens if t.like_num})
    prox = near = syntax = 0.0
    if matched:
        distances = [min(abs(m - p) for p in range(start, end)) for m in matched]
        prox = sum(1.0 / (1 + d) for d in distances) / len(distances)
        near = 1.0 / (1 + min(_tree_distance(root, doc[m]) for m in matched))
        syntax = float(root.head.i in matched or any(c.i in matched for c in root.head.children))
    return np.array(
        [
            1.0 - len(novel) / len(content),
            float(exact),
            float(contains),
            float(typed and not exact and not contains),
            float(not typed and bool(label)),
            counted,
            prox,
            near,
            syntax,
            max(0, len(content) - 4),
            float(root.dep_ in _SUBJECT_DEPS),
            float(root.dep_ in _OBJECT_DEPS),
            float(root.dep_ == "pobj"),
            float(root.dep_ == "appos"),
            float(root.pos_ == "PROPN"),
            float(root.like_num),
            float(bool(label)),
            float(info.qtype is not QuestionType.HOW_MANY and stem(root.lower_) == info.focus),
            *_shape_features(doc, root, start, shape),
            *_context_features(doc, root, start, end, matched, len(info.terms)),
        ]
    )


def best_span(
    info: QuestionInfo, doc: Doc, shape: QuestionShape | None = None
) -> SpanCandidate | None:
    """The best-scoring answer phrase in the sentence ``doc``, or None if nothing fits."""
    matched = _matches(doc, info)
    best: SpanCandidate | None = None
    for (start, end), label in _candidates(doc).items():
        start, end = _trim(doc, start, end)
        if end <= start:
            continue
        vector = span_features(doc, info, start, end, label, matched, shape)
        if vector is None:
            continue
        score = float(vector @ WEIGHTS)
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
