"""Find the passages that answer a question: dense (Chroma) and BM25, pooled and re-ranked.

Both retrievers' candidates are pooled (their reciprocal-rank-fusion order decides which
are kept when only one retriever runs) and re-ranked by ``rerank.rank_candidates``. The
keyword index is caught up with Chroma before each search (``index.keyword_sync``), and
near-duplicate articles give one passage per story (``index.stories``).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import replace

from assistant.config import RetrievalMode, Settings
from assistant.index.keyword_index import KeywordIndex
from assistant.index.keyword_sync import keyword_cache_dir, sync_keyword_index
from assistant.index.store import Store
from assistant.index.stories import Stories
from assistant.protocols import Embedder
from assistant.records import Filters, Passage, Retrieved, StoredChunk
from assistant.retrieval.filtered_search import dense_search, filter_mask
from assistant.retrieval.recency import prefer_recent
from assistant.retrieval.rerank import Ranked, rank_candidates

RRF_K = 60


def rrf(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion: sum of 1/(k + rank) over the lists an id appears in."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


class HybridRetriever:
    """Hybrid retrieval over one index; safe to share between threads."""

    newest: dt.date | None = None  # the archive's newest publication day (after refresh)

    def __init__(self, store: Store, embedder: Embedder, settings: Settings) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self.cache_dir = keyword_cache_dir(settings)
        self.keyword = KeywordIndex.load(self.cache_dir) or KeywordIndex()
        self._sync_lock = threading.Lock()
        self._checked = 0.0
        self._stories: Stories | None = None

    def refresh(self, force: bool = False) -> bool:
        """Catch the keyword index up with Chroma (cheap when nothing changed)."""
        now = time.monotonic()
        if not force and now - self._checked < 1.0:
            return False
        with self._sync_lock:
            self._checked = now
            changed = sync_keyword_index(self.keyword, self.store, self.cache_dir)
            if changed or self._stories is None:
                manifest = [e for e in self.store.manifest().values() if e.ready]
                self._stories = Stories.of(manifest)
                days = [e.date for e in manifest if e.date]
                self.newest = dt.date.fromisoformat(max(days)) if days else None
            return changed

    def retrieve(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        mode: RetrievalMode | None = None,
        recent_to: dt.date | None = None,
    ) -> Retrieved:
        """The ``k`` best passages for ``query`` under ``filters``; with ``recent_to``, newer
        passages rank higher (``recency.prefer_recent``), none is dropped for its age."""
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

        mask = filter_mask(self.keyword, filters)  # the rows the filters admit, for both
        dense: list[StoredChunk] = []
        if mode in (RetrievalMode.HYBRID, RetrievalMode.DENSE):
            started = time.perf_counter()
            dense = dense_search(self.store, self.keyword, vector, k, filters, mask)
            timings["dense_ms"] = _ms(started)

        keyword_scores: dict[str, float] = {}
        if mode in (RetrievalMode.HYBRID, RetrievalMode.BM25):
            started = time.perf_counter()
            hits = self.keyword.search(query, k, mask)
            keyword_scores = {hit.chunk_id: hit.score for hit in hits}
            timings["bm25_ms"] = _ms(started)

        started = time.perf_counter()
        fused = rrf([[c.id for c in dense], list(keyword_scores)])
        ranked = rank_candidates(
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
        if self._stories is not None and self._stories.story_of:
            passages = self._stories.one_per_story(passages)
        if recent_to is not None:
            passages = prefer_recent(passages, recent_to)
        passages = [replace(p, rank=rank) for rank, p in enumerate(passages, start=1)]
        timings["rerank_ms"] = _ms(started)
        return Retrieved(passages, vector, timings)


def to_passage(ranked: Ranked, rank: int) -> Passage:
    """A ranked candidate as the passage answers and citations are built from."""
    return Passage.from_chunk(
        ranked.chunk, score=ranked.score, dense=ranked.dense, bm25=ranked.bm25, rank=rank
    )


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
