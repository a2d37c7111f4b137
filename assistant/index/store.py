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

import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.config import Settings
from assistant.text.dates import date_key
from assistant.errors import BackendUnavailable, IndexProblem
from assistant.records import ArticleEntry, StoredChunk, Article, Chunk

SCHEMA_VERSION = 1
# Local index folder -> the generation this process's Chroma view reflects. Chroma keeps
# a local index's segments in memory per process, so after another process writes, this
# process must reload its view (see Store.catch_up).
_SEEN: dict[str, str] = {}
_SEEN_LOCK = threading.Lock()
_PAGE = 2000
_OWN_FILES = {
    "README.md",
    ".gitkeep",
    ".writer.lock",
}  # may sit in an index folder before it is built
_WRITE_BATCH = 1000


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def _is_connection_error(error: Exception) -> bool:
    text = f"{type(error).__name__} {error}".lower()
    return any(
        word in text for word in ("connect", "timeout", "timed out", "refused", "unreachable")
    )


def check_index_folder(settings: Settings, create: bool) -> Path:
    """The local index folder, after making sure it is (or may become) an index."""
    path = Path(settings.index_dir)
    if path.exists() and not path.is_dir():
        raise IndexProblem(f"{path} is a file, not an index folder; set ASSISTANT_INDEX_DIR.")
    if not (path / "chroma.sqlite3").exists():
        if not create:
            raise IndexProblem(
                f"No index in {path}/ yet. Build it first: assistant ingest {settings.corpus_dir}"
            )
        foreign = [p.name for p in path.iterdir() if not _own(p.name)] if path.exists() else []
        if foreign:
            raise IndexProblem(
                f"{path}/ is not empty and holds no index ({', '.join(sorted(foreign)[:3])}...); "
                "refusing to write there. Choose an empty folder with --index-dir or "
                "ASSISTANT_INDEX_DIR."
            )
    return path


def open_client(settings: Settings, create: bool = False) -> Any:
    """A Chroma client for the configured backend, or an error that says how to fix it."""
    import chromadb

    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=_chroma_settings(),
            )
        except Exception as error:
            raise BackendUnavailable(
                f"Cannot reach the Chroma server at {settings.chroma_url} ({error}). "
                "Start it (chroma run --path DIR --host 0.0.0.0 --port 8000) or fix "
                "ASSISTANT_CHROMA_URL."
            ) from error
    path = check_index_folder(settings, create)
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except Exception as error:
        raise IndexProblem(
            f"{path}/ is not a readable Chroma index ({type(error).__name__}: {error}). "
            f"Move it aside and rebuild: mv {path} {path}.broken && assistant ingest "
            f"{settings.corpus_dir}"
        ) from error


def _own(name: str) -> bool:
    """Whether a file may sit in an index folder before Chroma's files do."""
    return name in _OWN_FILES or name.startswith(("keyword-", "server-cache"))


def _chunk_metadata(article: Article, chunk: Chunk) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "chunk_no": chunk.chunk_no,
        "start": chunk.start,
        "end": chunk.end,
        "title": article.title,
        "date": article.date or "",
        "date_key": date_key(article.date),
        "source": article.source,
        "url": article.url,
    }


def _article_metadata(article: Article, chunks: int, ready: bool) -> dict[str, Any]:
    return {
        "title": article.title,
        "date": article.date or "",
        "date_key": date_key(article.date),
        "source": article.source,
        "url": article.url,
        "path": article.path,
        "content_hash": article.content_hash,
        "text_hash": article.text_hash,
        "chunks": chunks,
        "ready": ready,
    }


def _entry(article_id: str, meta: dict[str, Any]) -> ArticleEntry:
    return ArticleEntry(
        id=article_id,
        title=str(meta.get("title", "")),
        date=str(meta.get("date") or "") or None,
        source=str(meta.get("source", "")),
        url=str(meta.get("url", "")),
        path=str(meta.get("path", "")),
        content_hash=str(meta.get("content_hash", "")),
        chunks=int(meta.get("chunks", 0)),
        ready=bool(meta.get("ready", False)),
        text_hash=str(meta.get("text_hash", "")),
    )


def _stored_chunk(
    chunk_id: str,
    text: str,
    meta: dict[str, Any],
    embedding: Any = None,
    distance: float | None = None,
) -> StoredChunk:
    return StoredChunk(
        id=chunk_id,
        article_id=str(meta["article_id"]),
        text=text or "",
        start=int(meta["start"]),
        end=int(meta["end"]),
        title=str(meta.get("title", "")),
        date=str(meta.get("date") or "") or None,
        source=str(meta.get("source", "")),
        url=str(meta.get("url", "")),
        date_key=int(meta.get("date_key", 0)),
        embedding=None if embedding is None else np.asarray(embedding, dtype=np.float32),
        distance=distance,
    )


class Store:
    """One index: its chunk and article collections in a local folder or a Chroma server."""

    def __init__(self, settings: Settings, client: Any, chunks: Any, articles: Any) -> None:
        self.settings = settings
        self.client = client
        self.chunks = chunks
        self.articles = articles

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, settings: Settings, create: bool = False, dimension: int = 0) -> Store:
        """Open the index; with ``create``, make it (recording the model) if it is missing."""
        client = open_client(settings, create)
        names = (f"{settings.collection}-chunks", f"{settings.collection}-articles")
        try:
            existing = {c.name for c in client.list_collections()}
        except Exception as error:
            raise _wrap(settings, error) from error
        if not all(name in existing for name in names):
            if not create:
                raise IndexProblem(
                    f"No index in {settings.backend_label} yet. Build it first: "
                    f"assistant ingest {settings.corpus_dir}"
                )
            metadata = {
                "embedding_model": settings.embedding_model,
                "dimension": dimension,
                "schema": SCHEMA_VERSION,
                "generation": uuid.uuid4().hex,
            }
            config = {"hnsw": {"space": "cosine"}}
            try:
                chunks = client.get_or_create_collection(
                    names[0], metadata=metadata, configuration=config, embedding_function=None
                )
                articles = client.get_or_create_collection(
                    names[1], metadata={"schema": SCHEMA_VERSION}, configuration=config,
                    embedding_function=None,
                )  # fmt: skip
            except Exception as error:
                raise _wrap(settings, error) from error
        else:
            chunks = client.get_collection(names[0], embedding_function=None)
            articles = client.get_collection(names[1], embedding_function=None)
        store = cls(settings, client, chunks, articles)
        store.check_model(settings.embedding_model, dimension)
        store.catch_up()
        return store

    def info(self) -> dict[str, Any]:
        """The chunk collection's metadata, read fresh (another process may have written)."""
        try:
            collection = self.client.get_collection(self.chunks.name, embedding_function=None)
        except Exception as error:
            raise _wrap(self.settings, error) from error
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
            with _SEEN_LOCK:
                _SEEN[self.client._identifier] = meta["generation"]
        return meta["generation"]

    def catch_up(self) -> bool:
        """Reload this process's view of a local index that another process changed.

        Chroma serves a local index from segments it loads once per process; another
        process's writes reach the shared SQLite file but not those segments, so
        vectors written elsewhere would be missing here. The index generation tells when
        that happened. A Chroma server needs none of this. True when it reloaded.
        """
        if self.settings.chroma_url:
            return False
        generation = self.generation()
        key = self.client._identifier
        with _SEEN_LOCK:
            seen = _SEEN.get(key)
            _SEEN[key] = generation
        if seen is None or seen == generation:
            return False
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(key, None)  # the next client reloads
        self.client = open_client(self.settings)
        self.chunks = self.client.get_collection(self.chunks.name, embedding_function=None)
        self.articles = self.client.get_collection(self.articles.name, embedding_function=None)
        return True

    def _modify(self, metadata: dict[str, Any]) -> None:
        try:
            self.chunks.modify(metadata=metadata)
            self.chunks = self.client.get_collection(self.chunks.name, embedding_function=None)
        except Exception as error:
            raise _wrap(self.settings, error) from error

    # -- reading -------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        """(articles, chunks) in the index."""
        try:
            return self.articles.count(), self.chunks.count()
        except Exception as error:
            raise _wrap(self.settings, error) from error

    def manifest(self) -> dict[str, ArticleEntry]:
        """Every article's manifest line, by id."""
        entries: dict[str, ArticleEntry] = {}
        for ids, metas, _ in self._pages(self.articles, ["metadatas"]):
            for article_id, meta in zip(ids, metas, strict=True):
                entries[article_id] = _entry(article_id, meta or {})
        return entries

    def get_article(self, article_id: str) -> Article | None:
        """The full article, as ingested, or None when the index does not hold it."""
        result = self._call(self.articles.get, ids=[article_id], include=["documents", "metadatas"])
        if not result["ids"]:
            return None
        meta = result["metadatas"][0] or {}
        return Article(
            id=article_id,
            title=str(meta.get("title", "")),
            text=result["documents"][0] or "",
            date=str(meta.get("date") or "") or None,
            source=str(meta.get("source", "")),
            url=str(meta.get("url", "")),
            path=str(meta.get("path", "")),
            content_hash=str(meta.get("content_hash", "")),
            text_hash=str(meta.get("text_hash", "")),
        )

    def get_chunks(self, ids: Sequence[str], embeddings: bool = False) -> list[StoredChunk]:
        """Chunks by id, in the order asked; ids the index does not hold are left out."""
        if not ids:
            return []
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        result = self._call(self.chunks.get, ids=list(ids), include=include)
        vectors = result.get("embeddings") if embeddings else None
        found = {
            cid: _stored_chunk(cid, doc, meta or {}, None if vectors is None else vectors[i])
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
                    yield _stored_chunk(cid, doc, meta or {})

    def query(
        self, embedding: np.ndarray, k: int, where: dict[str, Any] | None = None
    ) -> list[StoredChunk]:
        """The ``k`` chunks nearest to ``embedding`` (cosine), best first."""
        total = self._call(self.chunks.count)
        if total == 0:
            return []
        result = self._call(
            self.chunks.query,
            query_embeddings=[embedding.tolist()],
            n_results=min(k, total),
            where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        return [
            _stored_chunk(cid, doc, meta or {}, distance=float(dist))
            for cid, doc, meta, dist in zip(
                result["ids"][0],
                result["documents"][0],
                result["metadatas"][0],
                result["distances"][0],
                strict=True,
            )
        ]

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
        self._record_pending(batch)
        ids, vectors, docs, metas = [], [], [], []
        for article, chunks, embeddings in batch:
            for chunk, vector in zip(chunks, embeddings, strict=True):
                ids.append(chunk.id)
                vectors.append(vector)
                docs.append(chunk.text)
                metas.append(_chunk_metadata(article, chunk))
        for first in range(0, len(ids), _WRITE_BATCH):
            last = first + _WRITE_BATCH
            self._call(
                self.chunks.upsert,
                ids=ids[first:last],
                embeddings=np.asarray(vectors[first:last], dtype=np.float32),
                documents=docs[first:last],
                metadatas=metas[first:last],
            )
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
        self._call(
            self.articles.update,
            ids=[article.id for article, _, _ in batch],
            metadatas=[_article_metadata(a, len(chunks), True) for a, chunks, _ in batch],
        )

    def _record_pending(self, batch: Sequence[tuple[Article, Sequence[Chunk], np.ndarray]]) -> None:
        """Manifest entries (text, mean vector) marked not ready; ``write_articles`` flips it."""
        vectors = []
        for _, _, embeddings in batch:
            mean = embeddings.mean(axis=0) if len(embeddings) else np.zeros(self.dimension)
            norm = float(np.linalg.norm(mean)) or 1.0
            vectors.append(mean / norm)
        self._call(
            self.articles.upsert,
            ids=[article.id for article, _, _ in batch],
            embeddings=np.asarray(vectors, dtype=np.float32),
            documents=[article.text for article, _, _ in batch],
            metadatas=[_article_metadata(a, len(chunks), False) for a, chunks, _ in batch],
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
        if not paths:
            return
        ids = list(paths)
        current = self._call(self.articles.get, ids=ids, include=["metadatas"])
        metas = []
        for article_id, meta in zip(current["ids"], current["metadatas"], strict=True):
            metas.append({**(meta or {}), "path": paths[article_id]})
        self._call(self.articles.update, ids=current["ids"], metadatas=metas)

    def drop(self) -> None:
        """Delete both collections (for a rebuild)."""
        for collection in (self.chunks, self.articles):
            try:
                self.client.delete_collection(collection.name)
            except Exception as error:
                raise _wrap(self.settings, error) from error

    # -- plumbing ------------------------------------------------------------------

    def _call(self, method: Any, **kwargs: Any) -> Any:
        try:
            return method(**kwargs)
        except Exception as error:
            raise _wrap(self.settings, error) from error

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


def _wrap(settings: Settings, error: Exception) -> Exception:
    """Turn a Chroma or network exception into one of the assistant's errors."""
    if isinstance(error, IndexProblem | BackendUnavailable):
        return error
    if settings.chroma_url and _is_connection_error(error):
        return BackendUnavailable(
            f"Lost the Chroma server at {settings.chroma_url} ({type(error).__name__}). "
            "Check that it is running; the assistant reconnects when it is back."
        )
    return IndexProblem(
        f"The index in {settings.backend_label} could not be used ({type(error).__name__}: "
        f"{error}). If it is damaged, rebuild it: assistant ingest --rebuild {settings.corpus_dir}"
    )


def wait_for_server(url: str, timeout: float = 30.0) -> bool:
    """Poll a Chroma server's heartbeat until it answers or ``timeout`` passes."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url.rstrip('/')}/api/v2/heartbeat", timeout=2):
                return True
        except OSError:
            time.sleep(0.2)
    return False
