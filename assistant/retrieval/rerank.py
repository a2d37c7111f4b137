"""Order the pooled candidates of both retrievers by meaning and key-word coverage.

Reciprocal rank fusion only sees ranks, so a chunk that both retrievers place tenth
beats one that holds every key word of the question but is ranked first by only one.
Scoring the pool directly does better: the chunk's cosine similarity to the question
plus the rarity-weighted share of the question's key words it contains (the same
coverage the sentence ranker uses). On the SQuAD benchmark this lifts hit@5 from 0.917
to 0.944 (docs/quality.md); the weight was chosen on the dev split
(benchmarks/tune_retrieval.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.records import StoredChunk
from assistant.text.question import analyse
from assistant.text.terms import terms

W_COVERAGE = 0.5


def coverage(
    question_terms: Sequence[str], text_terms: set[str], idf: Callable[[str], float]
) -> float:
    """Share of the question's key-word weight present in ``text_terms`` (0 to 1)."""
    total = sum(idf(t) for t in question_terms)
    if total <= 0:
        return 0.0
    return sum(idf(t) for t in question_terms if t in text_terms) / total


@dataclass(frozen=True)
class Ranked:
    """A candidate chunk, its score and each retriever's own score."""

    chunk: StoredChunk
    score: float
    dense: float | None
    bm25: float | None


def _similarity(chunk: StoredChunk, vector: np.ndarray) -> float | None:
    if chunk.distance is not None:
        return 1.0 - chunk.distance
    if chunk.embedding is not None:
        return float(np.dot(chunk.embedding, vector))
    return None


def rerank(
    candidates: Sequence[Ranked], key_terms: Sequence[str], idf: Callable[[str], float]
) -> list[Ranked]:
    """``candidates`` scored by dense similarity + ``W_COVERAGE`` x key-word coverage."""
    scored = [
        replace(
            c,
            score=(c.dense or 0.0)
            + W_COVERAGE * coverage(key_terms, set(terms(c.chunk.searched_text)), idf),
        )
        for c in candidates
    ]
    return sorted(scored, key=lambda c: -c.score)


def rank_candidates(
    fused: dict[str, float],
    dense: list[StoredChunk],
    keyword_scores: dict[str, float],
    query: str,
    vector: np.ndarray,
    k: int,
    fetch: Callable[[list[str]], list[StoredChunk]],
    idf: Callable[[str], float],
) -> list[Ranked]:
    """The ``k`` best candidates, best first; ``fused`` are their RRF scores.

    With both retrievers' lists the whole pool is re-ranked (``rerank``); with one list,
    its own order stands. ``fetch`` loads the chunks only BM25 found, with vectors.
    """
    hybrid = bool(dense) and bool(keyword_scores)
    wanted = sorted(fused, key=lambda cid: -fused[cid])
    wanted = wanted if hybrid else wanted[:k]
    known = {c.id: c for c in dense}
    for chunk in fetch([cid for cid in wanted if cid not in known]):
        known[chunk.id] = chunk
    ranked = [
        Ranked(known[cid], fused[cid], _similarity(known[cid], vector), keyword_scores.get(cid))
        for cid in wanted
        if cid in known  # a chunk deleted between the two searches is skipped
    ]
    if hybrid:
        ranked = rerank(ranked, analyse(query).terms, idf)
    return ranked[:k]
