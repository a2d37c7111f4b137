"""Re-rank the pooled candidates of both retrievers by meaning and key-word coverage.

Reciprocal rank fusion only sees ranks, so a chunk that both retrievers place tenth
beats one that holds every key word of the question but is ranked first by only one.
Scoring the pool directly does better: the chunk's cosine similarity to the question
plus the rarity-weighted share of the question's key words it contains (the same
coverage the sentence ranker uses). On the SQuAD benchmark this lifts hit@5 from 0.917
to 0.944 (docs/quality.md); the weight was fitted on the dev split
(benchmarks/tune_retrieval.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.evidence import coverage
from assistant.text_terms import terms

if TYPE_CHECKING:
    from assistant.retrieval import Ranked

W_COVERAGE = 0.5


def rerank(
    candidates: Sequence[Ranked], key_terms: Sequence[str], idf: Callable[[str], float]
) -> list[Ranked]:
    """``candidates`` scored by dense similarity + ``W_COVERAGE`` x key-word coverage."""
    scored = [
        replace(
            c,
            score=(c.dense or 0.0)
            + W_COVERAGE * coverage(key_terms, set(terms(c.chunk.text)), idf),
        )
        for c in candidates
    ]
    return sorted(scored, key=lambda c: -c.score)
