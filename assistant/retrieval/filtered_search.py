"""Dense search under a time window or sources that stays fast.

Chroma's filtered search (a metadata ``where`` on its HNSW index) cost 7x the plain one at
41k chunks (retrieve p50 157 against 21 ms, issue 31). A window the question names is
most often wide enough that the nearest chunks already hold enough inside it, so the
nearest ``WIDEN`` x k chunks are fetched without the filter and filtered here; only when
fewer than k of them pass (a narrow window, a rare source) does Chroma search with the
filter, so nothing the filtered search would find is lost. A search over an index no
larger than the wide fetch is exact either way.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from assistant.index.store import Store
from assistant.records import Filters, StoredChunk
from assistant.text.dates import date_key

WIDEN = 10  # nearest chunks fetched per one wanted, before the filter


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


def dense_search(store: Store, vector: np.ndarray, k: int, filters: Filters) -> list[StoredChunk]:
    """The ``k`` chunks nearest to ``vector`` that the filters admit, best first."""
    where = where_of(filters)
    if where is None:
        return store.query(vector, k)
    wide = store.query(vector, k * WIDEN)
    kept = [chunk for chunk in wide if admits(chunk, filters)]
    if len(kept) >= k or len(wide) < k * WIDEN:  # enough, or the whole index was seen
        return kept[:k]
    return store.query(vector, k, where)
