"""Rank the sentences of the retrieved passages by how well they answer the question.

Each sentence gets a dense similarity to the question (the same MiniLM model), the
share of the question's key words it contains (weighted by rarity, so "Lere" counts more
than "attack"), the same share over its whole passage (for sentences that say "it"), and
its passage's retrieval rank. The weights were set by measurement (docs/quality.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.embeddings import Embedder
from assistant.models import Passage
from assistant.question import QuestionInfo
from assistant.sentences import split_sentences
from assistant.text_terms import terms

W_DENSE = 1.0
W_COVERAGE = 1.0
W_CONTEXT = 0.3
W_RANK = 0.3


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


def coverage(
    question_terms: Sequence[str], text_terms: set[str], idf: Callable[[str], float]
) -> float:
    """Share of the question's key-word weight present in ``text_terms`` (0 to 1)."""
    total = sum(idf(t) for t in question_terms)
    if total <= 0:
        return 0.0
    return sum(idf(t) for t in question_terms if t in text_terms) / total


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
    seen: set[tuple[str, int]] = set()
    found: list[tuple[Passage, int, int, str, float, float]] = []
    for position, passage in enumerate(passages):
        passage_terms = set(terms(passage.text))
        context = coverage(info.terms, passage_terms, idf)
        prior = 1.0 / (1 + position)
        for span in split_sentences(passage.text):
            start, end = passage.start + span.start, passage.start + span.end
            if (passage.article_id, start) in seen:
                continue
            seen.add((passage.article_id, start))
            found.append((passage, start, end, passage.text[span.start : span.end], context, prior))
    if not found:
        return []
    vectors = embedder.encode_cached([text for _, _, _, text, _, _ in found])
    similarities = vectors @ query_vector
    ranked = []
    for (passage, start, end, text, context, prior), dense in zip(found, similarities, strict=True):
        share = coverage(focus, set(terms(text)), idf)
        score = W_DENSE * float(dense) + W_COVERAGE * share + W_CONTEXT * context + W_RANK * prior
        ranked.append(Evidence(passage, text, start, end, float(dense), share, context, score))
    ranked.sort(key=lambda e: -e.score)
    return ranked
