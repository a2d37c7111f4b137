"""Which watches new articles can affect: the articles are matched against the watches.

A search engine matches a query against documents; a percolator matches new documents
against stored queries. After an ingest, only the watches some new chunk resembles (by
meaning, or by carrying most of the watch's words) are asked again, so a hundred watches
cost a hundred re-asks only when a hundred stories concern them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from assistant.protocols import Embedder
from assistant.records import StoredChunk
from assistant.text.terms import stem, terms, words
from assistant.watching.watches import Watch, WatchKind

# Stories watches, chosen on the dev split of benchmarks/watches.py (2026-12-03): NEAR
# 0.35 passed 18,835 articles to 57 watches (698 asks), stories P 0.29 / R 0.91; 0.60
# passes 411 (183 asks), stories P 0.68 / R 0.77; 0.65 cut stories recall to 0.63.
# WORDS_SHARED 0.67 let 634 articles through at NEAR 0.60 for the same recall, 1.0 411.
# Answer watches are percolated more loosely: what a new article may change is then
# judged by the re-ask and its guards (``checks``), and a report such as "a further half
# point cut in British bank base lending rates to 10 pct" sits at 0.45-0.50 from "What
# are British clearing banks' base lending rates?" (dev, watch-a04).
_BATCH = 2000  # chunk vectors read at once
THRESHOLDS = {  # kind: (cosine of a chunk and the watch, or share of the watch's words)
    WatchKind.ANSWER: (0.40, 0.67),
    WatchKind.STORIES: (0.60, 1.0),
}


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
        floors = np.array([THRESHOLDS[w.kind][0] for w in watches], dtype=np.float32)
        near[:, columns] = cosines >= floors[:, None]
    found: dict[str, set[str]] = {}
    chunk_words = [{stem(w) for w in words(c.text)} for c in chunks]
    for row, watch in enumerate(watches):
        wanted = _terms(watch.question)
        enough = THRESHOLDS[watch.kind][1]
        for column, chunk in enumerate(chunks):
            shared = len(wanted & chunk_words[column]) / len(wanted) if wanted else 0.0
            if near[row, column] or shared >= enough:
                found.setdefault(watch.id, set()).add(chunk.article_id)
    return found


def chunks_with_vectors(store: Any, article_ids: Sequence[str]) -> list[StoredChunk]:
    """The chunks of the articles, with their vectors, read ``_BATCH`` at a time."""
    ids = [c.id for c in store.chunks_of(list(article_ids))]
    return [chunk for at in range(0, len(ids), _BATCH)
            for chunk in store.get_chunks(ids[at : at + _BATCH], embeddings=True)]  # fmt: skip


def _unit(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)
