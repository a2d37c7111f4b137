"""Which watches new articles can affect: the articles are matched against the watches.

A search engine matches a query against documents; a percolator matches new documents
against stored queries. After an ingest, only the watches some new chunk resembles (by
meaning, or by carrying most of the watch's words) are asked again, so a hundred watches
cost a hundred re-asks only when a hundred stories concern them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from assistant.protocols import Embedder
from assistant.records import StoredChunk
from assistant.text.terms import stem, terms, words
from assistant.watching.watches import Watch

NEAR = 0.35  # cosine of a chunk and a watch's question above which the chunk may concern it
WORDS_SHARED = 0.67  # or: the share of the watch's content words a chunk carries


@lru_cache(maxsize=4096)
def _terms(question: str) -> frozenset[str]:
    return frozenset(terms(question))


def matches(
    watches: Sequence[Watch], chunks: Sequence[StoredChunk], embedder: Embedder
) -> dict[str, set[str]]:
    """For each watch id, the articles among ``chunks`` that may change its answer."""
    if not watches or not chunks:
        return {}
    questions = embedder.encode_cached([w.question for w in watches])
    with_vectors = [c for c in chunks if c.embedding is not None]
    near = np.zeros((len(watches), len(chunks)), dtype=bool)
    if with_vectors:
        vectors = np.stack([np.asarray(c.embedding, dtype=np.float32) for c in with_vectors])
        cosines = _unit(questions) @ _unit(vectors).T
        columns = [i for i, c in enumerate(chunks) if c.embedding is not None]
        near[:, columns] = cosines >= NEAR
    found: dict[str, set[str]] = {}
    chunk_words = [{stem(w) for w in words(c.text)} for c in chunks]
    for row, watch in enumerate(watches):
        wanted = _terms(watch.question)
        for column, chunk in enumerate(chunks):
            shared = len(wanted & chunk_words[column]) / len(wanted) if wanted else 0.0
            if near[row, column] or shared >= WORDS_SHARED:
                found.setdefault(watch.id, set()).add(chunk.article_id)
    return found


def articles_matching(watch: Watch, chunks: Iterable[StoredChunk], embedder: Embedder) -> set[str]:
    """The articles among ``chunks`` that may concern ``watch`` (``matches`` for one)."""
    return matches([watch], list(chunks), embedder).get(watch.id, set())


def _unit(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)
