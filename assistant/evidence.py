"""Rank the sentences of the retrieved passages by how well they answer the question.

Each sentence is scored from cheap features (no parse): its dense similarity to the
question (the same MiniLM model); the share of the question's key words it contains,
weighted by rarity so "Lere" counts more than "attack", alone and together with the
sentence before it (for sentences that say "it"); the same key-word share over its
whole passage; its
passage's retrieval score and rank; and whether it holds the kind of thing asked for
(a number for "how many", a date for "when", a name for "who"). The weights were fitted
on the dev split of the SQuAD benchmark (benchmarks/tune_reader.py, docs/quality.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.embeddings import Embedder
from assistant.models import Passage
from assistant.question import QuestionInfo
from assistant.sentences import split_sentences
from assistant.text_terms import terms

# dense, coverage, window, context, passage score, passage prior, answer cue
WEIGHTS = np.array([3.62, 2.28, 2.0, 1.07, 2.61, 1.34, 1.49])
SCALE = 1.0 / 3.62  # keeps a score near the dense similarity's range, as before

_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|hundred|thousand|million|billion|dozen)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(1\d{3}|20\d{2})s?\b|\b(January|February|March|April|May|June|July|August"
    r"|September|October|November|December|century|decade)\b"
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z]+")  # a capitalised word inside a sentence
_NUMERIC = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_TEMPORAL = frozenset({"DATE", "TIME"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


@dataclass(frozen=True)
class Evidence:
    """One sentence of a retrieved passage, with offsets into its article."""

    passage: Passage
    text: str
    start: int
    end: int
    dense: float
    coverage: float
    context: float
    score: float


@dataclass(frozen=True)
class _Sentence:
    passage: Passage
    position: int
    start: int
    end: int
    text: str
    terms: list[str]
    previous: frozenset[str]  # the key words of the sentence before it in the passage
    context: float


def coverage(
    question_terms: Sequence[str], text_terms: set[str], idf: Callable[[str], float]
) -> float:
    """Share of the question's key-word weight present in ``text_terms`` (0 to 1)."""
    total = sum(idf(t) for t in question_terms)
    if total <= 0:
        return 0.0
    return sum(idf(t) for t in question_terms if t in text_terms) / total


def answer_cue(info: QuestionInfo, text: str) -> float:
    """1 when the sentence holds the kind of thing asked for: a number, a date, a name.

    A regular-expression cue, not an entity tagger: it runs on every candidate sentence,
    and the tagger runs only on the few best.
    """
    if info.labels & _TEMPORAL and _DATE.search(text):
        return 1.0
    if info.labels & _NUMERIC and _NUMBER.search(text):
        return 1.0
    if info.labels & _NAMED:
        names = (m.group(0).lower() for m in _NAME.finditer(text))
        return float(any(name not in info.words for name in names))
    return 0.0


def _sentences(
    info: QuestionInfo, passages: Sequence[Passage], idf: Callable[[str], float]
) -> list[_Sentence]:
    """Every distinct sentence of ``passages``, in order, with its passage context."""
    seen: set[tuple[str, int]] = set()
    found: list[_Sentence] = []
    for position, passage in enumerate(passages):
        context = coverage(info.terms, set(terms(passage.text)), idf)
        previous: frozenset[str] = frozenset()
        for span in split_sentences(passage.text):
            text = passage.text[span.start : span.end]
            sentence_terms = terms(text)
            start = passage.start + span.start
            if (passage.article_id, start) not in seen:
                seen.add((passage.article_id, start))
                end = passage.start + span.end
                sentence = _Sentence(
                    passage, position, start, end, text, sentence_terms, previous, context
                )
                found.append(sentence)
            previous = frozenset(sentence_terms)
    return found


def features(
    info: QuestionInfo,
    sentence: _Sentence,
    dense: float,
    idf: Callable[[str], float],
    focus: Sequence[str],
) -> np.ndarray:
    """The sentence's feature vector, in the order of ``WEIGHTS``."""
    own = set(sentence.terms)
    return np.array(
        [
            dense,
            coverage(focus, own, idf),
            coverage(focus, own | sentence.previous, idf),
            sentence.context,
            sentence.passage.score,
            1.0 / (1 + sentence.position),
            answer_cue(info, sentence.text),
        ]
    )


def rank_sentences(
    info: QuestionInfo,
    query_vector: np.ndarray,
    passages: Sequence[Passage],
    embedder: Embedder,
    idf: Callable[[str], float],
    focus: Sequence[str] | None = None,
) -> list[Evidence]:
    """Every distinct sentence of ``passages``, best first.

    ``focus`` are the key words the sentence itself must carry; for a rewritten follow-up
    they are the words the user typed ("sign", "peace", "deal"), while the words brought
    in from earlier turns ("Coordination of Azawad Movements") need only be in the passage.
    """
    focus = info.terms if focus is None else focus
    found = _sentences(info, passages, idf)
    if not found:
        return []
    similarities = embedder.encode_cached([s.text for s in found]) @ query_vector
    ranked = []
    for sentence, dense in zip(found, similarities, strict=True):
        vector = features(info, sentence, float(dense), idf, focus)
        ranked.append(
            Evidence(
                sentence.passage,
                sentence.text,
                sentence.start,
                sentence.end,
                float(dense),
                float(vector[1]),
                sentence.context,
                SCALE * float(vector @ WEIGHTS),
            )
        )
    ranked.sort(key=lambda e: -e.score)
    return ranked
