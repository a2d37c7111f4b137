"""Dense search under a time window or sources that stays fast.

Chroma's filtered search (a metadata ``where`` on its HNSW index) cost 7x the plain one at
41k chunks (retrieve p50 157 against 21 ms, issue 31), and 200 ms for a week's window.
The ids and distances of the nearest ``WIDE`` chunks cost little (about 10 ms at 41k:
no texts or metadata are read), so they are fetched without the filter, the keyword
index's in-memory dates and sources say which the filters admit, and only the k nearest
admitted chunks are read whole. Only when fewer than k pass (a window of a few days over a
large archive, a rare source) does Chroma search with the filter, so nothing the filtered
search would find is lost. A search over an index no larger than ``WIDE`` is exact.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from assistant.index.keyword_index import KeywordIndex
from assistant.index.store import Store
from assistant.records import Filters, StoredChunk
from assistant.text.dates import date_key

WIDE = 2000  # nearest ids fetched before the filter (ids only: 7 ms for 1,000, 14 for 3,000)


def where_of(filters: Filters) -> dict[str, Any] | None:
    """The filters as a Chroma ``where`` (None when there are none)."""
    clauses: list[dict[str, Any]] = []
    if filters.date_from:
        clauses.append({"date_key": {"$gte": date_key(filters.date_from.isoformat())}})
    if filters.date_to:
        clauses.append({"date_key": {"$lte": date_key(filters.date_to.isoformat())}})
        clauses.append({"date_key": {"$gt": 0}})
    if filters.sources:
        sources = list(filters.sources)
        clauses.append({"source": {"$in": sources}} if len(sources) > 1 else {"source": sources[0]})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def admits(chunk: StoredChunk, filters: Filters) -> bool:
    """Whether ``where_of(filters)`` holds for the chunk (undated chunks are in no window)."""
    if filters.date_from and chunk.date_key < date_key(filters.date_from.isoformat()):
        return False
    if filters.date_to and not 0 < chunk.date_key <= date_key(filters.date_to.isoformat()):
        return False
    return not filters.sources or chunk.source in filters.sources


def filter_mask(keyword: KeywordIndex, filters: Filters) -> np.ndarray | None:
    """The keyword index's rows the filters admit (None when there are none)."""
    return keyword.mask(
        date_key(filters.date_from.isoformat()) if filters.date_from else 0,
        date_key(filters.date_to.isoformat()) if filters.date_to else 0,
        filters.sources,
    )


def dense_search(
    store: Store,
    keyword: KeywordIndex,
    vector: np.ndarray,
    k: int,
    filters: Filters,
    mask: np.ndarray | None = None,
) -> list[StoredChunk]:
    """The ``k`` chunks nearest to ``vector`` that the filters admit, best first.

    ``keyword`` must be caught up with ``store`` (the retriever syncs it first); a chunk it
    does not know is treated as not admitted, and if the chunks read say otherwise than
    its metadata, Chroma's filtered search answers instead. ``mask`` is
    ``filter_mask(keyword, filters)`` when the caller has it already (BM25 uses it too).
    """
    where = where_of(filters)
    if mask is None:
        mask = filter_mask(keyword, filters)
    if where is None or mask is None:
        return store.query(vector, k)
    wide = max(WIDE, k)
    near = store.nearest(vector, wide)
    passed = keyword.admitted([cid for cid, _ in near], mask)
    chosen = dict([pair for pair, ok in zip(near, passed, strict=True) if ok][:k])
    if len(chosen) < k and len(near) == wide:  # too few, and the index holds more
        return store.query(vector, k, where)
    chunks = [replace(c, distance=chosen[c.id]) for c in store.get_chunks(list(chosen))]
    if len(chunks) < len(chosen) or not all(admits(c, filters) for c in chunks):
        return store.query(vector, k, where)  # the keyword index was not in step
    return chunks
