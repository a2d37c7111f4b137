"""Find the passages that answer a question: dense (Chroma) and BM25, fused by rank.

Reciprocal rank fusion needs no score calibration between the two retrievers, which
matters because cosine similarities and BM25 scores live on unrelated scales. The
keyword index is kept in step with Chroma by the index generation: a question only
checks it; a changed index is caught up article by article, never rebuilt per question.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import RetrievalMode, Settings
from assistant.index.embeddings import Embedder
from assistant.index.keyword_index import ChunkRow, KeywordIndex
from assistant.index.store import Store, StoredChunk
from assistant.records import Filters, Passage
from assistant.retrieval.rerank import Ranked, fuse
from assistant.text.dates import date_key

RRF_K = 60


@dataclass
class Retrieved:
    """Passages, best first, with the query vector and per-stage timings (ms)."""

    passages: list[Passage]
    query_vector: np.ndarray
    timings: dict[str, float] = field(default_factory=dict)


def keyword_cache_dir(settings: Settings) -> Path:
    """Where the BM25 state is saved: the index folder, per server when using one."""
    base = Path(settings.index_dir)
    if settings.chroma_url:
        key = hashlib.sha256(settings.chroma_url.encode()).hexdigest()[:12]
        return base / "server-cache" / f"{key}-{settings.collection}"
    return base / f"keyword-{settings.collection}"


def sync_keyword_index(index: KeywordIndex, store: Store, folder: Path | None) -> bool:
    """Bring ``index`` in line with ``store``; True when anything changed."""
    generation = store.generation()
    if generation == index.generation:
        return False
    store.catch_up()
    manifest = store.manifest()
    current = {aid: e.content_hash for aid, e in manifest.items() if e.ready}
    stale = [aid for aid, h in current.items() if index.article_hashes.get(aid) != h]
    removed = [aid for aid in index.article_hashes if aid not in current]
    rows = [
        ChunkRow(c.id, c.article_id, c.text, c.date_key, c.source) for c in store.chunks_of(stale)
    ]
    index.replace_articles(removed, rows, {aid: current[aid] for aid in stale}, generation)
    if folder is not None:
        index.save(folder)
    return True


def _where(filters: Filters) -> dict[str, Any] | None:
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


def rrf(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion: sum of 1/(k + rank) over the lists an id appears in."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


class Retriever:
    """Hybrid retrieval over one index; safe to share between threads."""

    def __init__(self, store: Store, embedder: Embedder, settings: Settings) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self.cache_dir = keyword_cache_dir(settings)
        self.keyword = KeywordIndex.load(self.cache_dir) or KeywordIndex()
        self._sync_lock = threading.Lock()
        self._checked = 0.0

    def refresh(self, force: bool = False) -> bool:
        """Catch the keyword index up with Chroma (cheap when nothing changed)."""
        now = time.monotonic()
        if not force and now - self._checked < 1.0:
            return False
        with self._sync_lock:
            self._checked = now
            return sync_keyword_index(self.keyword, self.store, self.cache_dir)

    def retrieve(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        mode: RetrievalMode | None = None,
    ) -> Retrieved:
        """The ``k`` best passages for ``query`` under ``filters``."""
        k = k or self.settings.candidates
        filters = filters or Filters()
        mode = mode or self.settings.retrieval
        timings: dict[str, float] = {}

        started = time.perf_counter()
        self.refresh()
        timings["sync_ms"] = _ms(started)

        started = time.perf_counter()
        vector = self.embedder.encode_one(query)
        timings["embed_ms"] = _ms(started)

        dense: list[StoredChunk] = []
        if mode in (RetrievalMode.HYBRID, RetrievalMode.DENSE):
            started = time.perf_counter()
            dense = self.store.query(vector, k, _where(filters))
            timings["dense_ms"] = _ms(started)

        keyword_scores: dict[str, float] = {}
        if mode in (RetrievalMode.HYBRID, RetrievalMode.BM25):
            started = time.perf_counter()
            mask = self.keyword.mask(
                date_key(filters.date_from.isoformat()) if filters.date_from else 0,
                date_key(filters.date_to.isoformat()) if filters.date_to else 0,
                filters.sources,
            )
            hits = self.keyword.search(query, k, mask)
            keyword_scores = {hit.chunk_id: hit.score for hit in hits}
            timings["bm25_ms"] = _ms(started)

        started = time.perf_counter()
        fused = rrf([[c.id for c in dense], list(keyword_scores)])
        ranked = fuse(
            fused,
            dense,
            keyword_scores,
            query,
            vector,
            k,
            lambda ids: self.store.get_chunks(ids, embeddings=True),
            self.keyword.idf_of,
        )
        passages = [to_passage(r, rank) for rank, r in enumerate(ranked, start=1)]
        timings["fuse_ms"] = _ms(started)
        return Retrieved(passages, vector, timings)


def to_passage(ranked: Ranked, rank: int) -> Passage:
    """A fused candidate as the passage answers and citations are built from."""
    chunk = ranked.chunk
    return Passage(
        chunk_id=chunk.id,
        article_id=chunk.article_id,
        title=chunk.title,
        date=chunk.date,
        source=chunk.source,
        url=chunk.url,
        text=chunk.text,
        start=chunk.start,
        end=chunk.end,
        score=ranked.score,
        dense=ranked.dense,
        bm25=ranked.bm25,
        rank=rank,
    )


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
