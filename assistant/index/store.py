"""Chroma behind the assistant: chunk vectors, the article manifest, and their upkeep.

Two collections per index: ``<name>-chunks`` (one record per chunk: vector, text,
offsets, article metadata for filters) and ``<name>-articles`` (one record per article:
its full text, content hash, source path and chunk count; this is the manifest). Keeping
the manifest in Chroma rather than in a side file means a Chroma server shared by many
machines carries it too, and a local index and a server behave the same.

Vectors are always computed by the assistant and handed to Chroma; no Chroma embedding
function is ever registered or called (the default one would try to download a model).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import IndexProblem
from assistant.index.chroma_client import reload_if_changed, remember_generation, wrap_error
from assistant.index.collections import SCHEMA_VERSION, open_collections
from assistant.index.metadata import (
    article_metadata,
    chunk_metadata,
    manifest_entry,
    minhash,
    stored_article,
    stored_chunk,
)
from assistant.records import Article, ArticleEntry, Chunk, StoredChunk

_PAGE = 2000
_READ_BATCH = 1000  # ids per read by id; writes go in the batches the client allows


class Store:
    """One index: its chunk and article collections in a local folder or a Chroma server."""

    def __init__(self, settings: Settings, client: Any, chunks: Any, articles: Any) -> None:
        self.settings = settings
        self.client = client
        self.chunks = chunks
        self.articles = articles
        self._write_batch: int | None = None

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, settings: Settings, create: bool = False, dimension: int = 0) -> Store:
        """Open the index; with ``create``, make it (recording the model) if it is missing."""
        client, chunks, articles = open_collections(settings, create, dimension)
        store = cls(settings, client, chunks, articles)
        store.check_model(settings.embedding_model, dimension)
        store.catch_up()
        return store

    def info(self) -> dict[str, Any]:
        """The chunk collection's metadata, read fresh (another process may have written)."""
        try:
            collection = self.client.get_collection(self.chunks.name, embedding_function=None)
        except Exception as error:
            raise wrap_error(self.settings, error) from error
        return dict(collection.metadata or {})

    def check_model(self, name: str, dimension: int = 0) -> None:
        """Refuse to mix vectors from two embedding models in one index."""
        meta = dict(self.chunks.metadata or {})
        if meta.get("schema") != SCHEMA_VERSION:
            raise IndexProblem(
                f"{self.settings.backend_label} holds a collection {self.chunks.name!r} that "
                "this assistant did not write. Use another ASSISTANT_COLLECTION or "
                "ASSISTANT_INDEX_DIR, or rebuild it with assistant ingest --rebuild."
            )
        built_with = meta.get("embedding_model")
        stored_dim = int(meta.get("dimension") or 0)
        if built_with != name or (dimension and stored_dim and stored_dim != dimension):
            raise IndexProblem(
                f"The index in {self.settings.backend_label} was built with the embedding model "
                f"{built_with!r} ({stored_dim} dimensions), not {name!r}. Either set "
                f"ASSISTANT_EMBEDDING_MODEL={built_with} or rebuild the index with the new "
                f"model: assistant ingest --rebuild {self.settings.corpus_dir}"
            )

    @property
    def dimension(self) -> int:
        return int((self.chunks.metadata or {}).get("dimension") or 0)

    def set_dimension(self, dimension: int) -> None:
        """Record the model's dimension once it is known (an index is made before loading it)."""
        if self.dimension != dimension:
            meta = self.info()
            meta["dimension"] = dimension
            self._modify(meta)

    def generation(self) -> str:
        """Changes whenever the index content changes; readers use it to refresh caches."""
        return str(self.info().get("generation", ""))

    def bump_generation(self) -> str:
        """Mark the index changed: before a write (so a crash still shows) and after it."""
        meta = self.info()
        meta["generation"] = uuid.uuid4().hex
        self._modify(meta)
        if not self.settings.chroma_url:
            remember_generation(self.client, meta["generation"])
        return meta["generation"]

    def catch_up(self) -> bool:
        """Reload this process's view of a local index that another process changed.

        The index generation tells when that happened (``chroma_client.reload_if_changed``);
        a Chroma server needs none of this. True when it reloaded.
        """
        if self.settings.chroma_url:
            return False
        client = reload_if_changed(self.client, self.generation(), self.settings)
        if client is None:
            return False
        self.client = client
        self.chunks = client.get_collection(self.chunks.name, embedding_function=None)
        self.articles = client.get_collection(self.articles.name, embedding_function=None)
        return True

    def _modify(self, metadata: dict[str, Any]) -> None:
        try:
            self.chunks.modify(metadata=metadata)
            self.chunks = self.client.get_collection(self.chunks.name, embedding_function=None)
        except Exception as error:
            raise wrap_error(self.settings, error) from error

    # -- reading -------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        """(articles, chunks) in the index."""
        try:
            return self.articles.count(), self.chunks.count()
        except Exception as error:
            raise wrap_error(self.settings, error) from error

    def manifest(self, where: dict[str, Any] | None = None) -> dict[str, ArticleEntry]:
        """Every article's manifest line (or those matching ``where``), by id."""
        entries: dict[str, ArticleEntry] = {}
        for ids, metas, _ in self._pages(self.articles, ["metadatas"], where):
            for article_id, meta in zip(ids, metas, strict=True):
                entries[article_id] = manifest_entry(article_id, meta or {})
        return entries

    def entry(self, article_id: str) -> ArticleEntry | None:
        """One article's manifest line, or None when the index does not hold it."""
        found = self._call(self.articles.get, ids=[article_id], include=["metadatas"])
        if not found["ids"]:
            return None
        return manifest_entry(article_id, found["metadatas"][0] or {})

    def get_article(self, article_id: str) -> Article | None:
        """The full article, as ingested, or None when the index does not hold it."""
        result = self._call(self.articles.get, ids=[article_id], include=["documents", "metadatas"])
        if not result["ids"]:
            return None
        return stored_article(article_id, result["documents"][0], result["metadatas"][0] or {})

    def write_batch(self) -> int:
        """Chunks per upsert: the most the Chroma client accepts in one call
        (``get_max_batch_size``, 5,461 for the local client here), asked once."""
        if self._write_batch is None:
            self._write_batch = max(1, int(self._call(self.client.get_max_batch_size)))
        return self._write_batch

    def _write(self, method: Any, **columns: Sequence[Any]) -> None:
        """``method`` (an upsert or update) over ``columns`` in the client's batches: a large
        ingest batch (a Ray job's 16,384 chunks, thousands of articles) is over its limit."""
        size = self.write_batch()
        for first in range(0, len(columns["ids"]), size):
            part: dict[str, Any] = {
                name: list(values[first : first + size]) for name, values in columns.items()
            }
            if "embeddings" in part:
                part["embeddings"] = np.asarray(part["embeddings"], dtype=np.float32)
            self._call(method, **part)

    def titles_and_texts(self, ids: Sequence[str]) -> Iterator[tuple[str, str, str]]:
        """(id, title, text) of the given articles, fetched a page at a time."""
        for first in range(0, len(ids), _READ_BATCH):
            result = self._call(
                self.articles.get,
                ids=list(ids[first : first + _READ_BATCH]),
                include=["documents", "metadatas"],
            )
            for article_id, text, meta in zip(
                result["ids"], result["documents"], result["metadatas"], strict=True
            ):
                yield article_id, str((meta or {}).get("title", "")), text or ""

    def get_chunks(self, ids: Sequence[str], embeddings: bool = False) -> list[StoredChunk]:
        """Chunks by id, in the order asked; ids the index does not hold are left out."""
        if not ids:
            return []
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        result = self._call(self.chunks.get, ids=list(ids), include=include)
        vectors = result.get("embeddings") if embeddings else None
        found = {
            cid: stored_chunk(cid, doc, meta or {}, None if vectors is None else vectors[i])
            for i, (cid, doc, meta) in enumerate(
                zip(result["ids"], result["documents"], result["metadatas"], strict=True)
            )
        }
        return [found[cid] for cid in ids if cid in found]

    def chunks_of(self, article_ids: Sequence[str]) -> Iterator[StoredChunk]:
        """All chunks of the given articles (texts and metadata, no vectors)."""
        for first in range(0, len(article_ids), 200):
            batch = list(article_ids[first : first + 200])
            where = {"article_id": {"$in": batch}} if len(batch) > 1 else {"article_id": batch[0]}
            for ids, metas, docs in self._pages(self.chunks, ["metadatas", "documents"], where):
                for cid, meta, doc in zip(ids, metas, docs, strict=True):
                    yield stored_chunk(cid, doc, meta or {})

    def nearest(self, embedding: np.ndarray, n: int) -> list[tuple[str, float]]:
        """The ids and cosine distances of the ``n`` nearest chunks, best first: without
        their texts and metadata, so thousands cost about what twenty whole chunks do."""
        result = self._nearest(embedding, n, None, ["distances"])
        return list(zip(result["ids"], map(float, result["distances"]), strict=True))

    def query(
        self, embedding: np.ndarray, k: int, where: dict[str, Any] | None = None
    ) -> list[StoredChunk]:
        """The ``k`` chunks nearest to ``embedding`` (cosine), best first."""
        result = self._nearest(embedding, k, where, ["documents", "metadatas", "distances"])
        return [
            stored_chunk(cid, doc, meta or {}, distance=float(dist))
            for cid, doc, meta, dist in zip(
                result["ids"], result["documents"], result["metadatas"], result["distances"],
                strict=True,
            )
        ]  # fmt: skip

    def _nearest(
        self, embedding: np.ndarray, n: int, where: dict[str, Any] | None, include: list[str]
    ) -> dict[str, list[Any]]:
        """Chroma's answer for one query vector: each included field as a list, best first."""
        total = self._call(self.chunks.count)
        if total == 0:
            return {name: [] for name in ("ids", *include)}
        result = self._call(
            self.chunks.query,
            query_embeddings=[embedding.tolist()],
            n_results=min(n, total),
            where=where or None,
            include=include,
        )
        return {name: list(result[name][0]) for name in ("ids", *include)}

    # -- writing (callers hold the writer lock) ---------------------------------------

    def write_articles(
        self,
        batch: Sequence[tuple[Article, Sequence[Chunk], np.ndarray]],
        replacing: set[str],
    ) -> None:
        """Store articles with their chunks and vectors; safe to interrupt at any point.

        Each article is first recorded as not ready, then its chunks are upserted and any
        chunks left from an older, longer version deleted, then it is marked ready. A run
        killed part-way leaves articles that the next run sees as not ready and redoes.
        ``replacing`` names articles already in the index, whose surplus chunks must go.
        """
        if not batch:
            return
        prints = [minhash(article) for article, _, _ in batch]  # once: both writes store it
        self._record_pending(batch, prints)
        ids, vectors, docs, metas = [], [], [], []
        for article, chunks, embeddings in batch:
            for chunk, vector in zip(chunks, embeddings, strict=True):
                ids.append(chunk.id)
                vectors.append(vector)
                docs.append(chunk.text)
                metas.append(chunk_metadata(article, chunk))
        self._write(self.chunks.upsert, ids=ids, embeddings=vectors, documents=docs,
                    metadatas=metas)  # fmt: skip
        for article, chunks, _ in batch:
            if article.id in replacing:
                self._call(
                    self.chunks.delete,
                    where={
                        "$and": [{"article_id": article.id}, {"chunk_no": {"$gte": len(chunks)}}]
                    },
                )
        # only the flag changes: the text and vector written above stay (no second write of
        # every article's text into the full-text index)
        self._write(
            self.articles.update,
            ids=[article.id for article, _, _ in batch],
            metadatas=[
                article_metadata(a, len(chunks), True, fp)
                for (a, chunks, _), fp in zip(batch, prints, strict=True)
            ],
        )

    def _record_pending(
        self, batch: Sequence[tuple[Article, Sequence[Chunk], np.ndarray]], prints: list[str]
    ) -> None:
        """Manifest entries (text, mean vector) marked not ready; ``write_articles`` flips it."""
        vectors = []
        for _, _, embeddings in batch:
            mean = embeddings.mean(axis=0) if len(embeddings) else np.zeros(self.dimension)
            norm = float(np.linalg.norm(mean)) or 1.0
            vectors.append(mean / norm)
        self._write(
            self.articles.upsert,
            ids=[article.id for article, _, _ in batch],
            embeddings=vectors,
            documents=[article.text for article, _, _ in batch],
            metadatas=[
                article_metadata(a, len(chunks), False, fp)
                for (a, chunks, _), fp in zip(batch, prints, strict=True)
            ],
        )

    def delete_articles(self, article_ids: Iterable[str]) -> int:
        """Remove articles and all their chunks; returns how many chunks went."""
        removed = 0
        for article_id in article_ids:
            found = self._call(self.chunks.get, where={"article_id": article_id}, include=[])
            if found["ids"]:
                self._call(self.chunks.delete, ids=found["ids"])
                removed += len(found["ids"])
            self._call(self.articles.delete, ids=[article_id])
        return removed

    def update_article_paths(self, paths: dict[str, str]) -> None:
        """Record a new source path for articles whose content did not change."""
        self.update_manifest("path", paths)

    def update_manifest(self, key: str, values: dict[str, str]) -> None:
        """Set one manifest field of some articles, keeping the rest of their lines."""
        ids = list(values)
        for first in range(0, len(ids), _READ_BATCH):
            current = self._call(
                self.articles.get, ids=ids[first : first + _READ_BATCH], include=["metadatas"]
            )
            metas = [
                {**(meta or {}), key: values[article_id]}
                for article_id, meta in zip(current["ids"], current["metadatas"], strict=True)
            ]
            if metas:
                self._call(self.articles.update, ids=current["ids"], metadatas=metas)

    def drop(self) -> None:
        """Delete both collections (for a rebuild)."""
        for collection in (self.chunks, self.articles):
            try:
                self.client.delete_collection(collection.name)
            except Exception as error:
                raise wrap_error(self.settings, error) from error

    # -- plumbing ------------------------------------------------------------------

    def _call(self, method: Any, **kwargs: Any) -> Any:
        try:
            return method(**kwargs)
        except Exception as error:
            raise wrap_error(self.settings, error) from error

    def _pages(
        self, collection: Any, include: list[str], where: dict[str, Any] | None = None
    ) -> Iterator[tuple[list[str], list[Any], list[Any]]]:
        """Page through a collection: (ids, first included field, second included field)."""
        offset = 0
        while True:
            result = self._call(
                collection.get, where=where, include=include, limit=_PAGE, offset=offset
            )
            ids = result["ids"]
            if not ids:
                return
            fields = [result.get(name) or [None] * len(ids) for name in include]
            while len(fields) < 2:
                fields.append([None] * len(ids))
            yield ids, fields[0], fields[1]
            if len(ids) < _PAGE:
                return
            offset += len(ids)
