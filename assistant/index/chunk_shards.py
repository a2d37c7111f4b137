"""Chunking's durable hand-over: an ingest's chunks as Parquet shards in the work folder.

The plan reads every new article once and chunks it to count the work; those chunks are
written down, a shard per ``SHARD_ARTICLES`` articles, one row per chunk keyed by chunk
id, and the pass that embeds and writes takes them from there instead of chunking again.
A job killed and run again finds the chunks it already made (by article id: a changed
text has a new id) and chunks only the rest. Chunks depend on the chunker's settings, so
each setting has its own folder. A finished ingest clears them, as it does the vectors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from assistant.index.shard_files import clear_folder, shards_of, work_folder, write_shard
from assistant.records import Chunk

SHARD_ARTICLES = 512  # articles per shard: what the write pass holds in memory at a time
_COLUMNS = ("id", "article_id", "chunk_no", "text", "start", "end")


def chunk_folder(index_dir: Path, max_chars: int, overlap: int) -> Path:
    """``index/work/chunks/<max chars>x<overlap>/``: chunks made with other settings differ."""
    return work_folder(index_dir, "chunks", f"{max_chars}x{overlap}")


class ChunkShards:
    """Chunks by article: written a shard at a time, read back a shard at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._where: dict[str, tuple[Path, int]] | None = None  # article -> (shard, chunks)
        self._staged: list[Chunk] = []
        self._staged_articles: list[tuple[str, int]] = []
        self._open: tuple[Path, dict[str, list[Chunk]]] | None = None  # the shard read last

    def _index(self) -> dict[str, tuple[Path, int]]:
        """Which shard holds each article (read from the shards' article ids only)."""
        if self._where is None:
            self._where = {}
            for shard in shards_of(self.folder):
                try:
                    ids = pq.read_table(shard, columns=["article_id"]).column(0).to_pylist()
                except (OSError, pa.ArrowException):  # unreadable: its articles chunk again
                    continue
                self._where.update((a, (shard, n)) for a, n in Counter(ids).items())
        return self._where

    def count(self, article_id: str) -> int | None:
        """How many chunks a shard holds for the article, or None when none does."""
        found = self._index().get(article_id)
        return found[1] if found else None

    def stage(self, article_id: str, chunks: Sequence[Chunk]) -> None:
        """Keep an article's chunks for the next shard; written every ``SHARD_ARTICLES``."""
        self._staged.extend(chunks)
        self._staged_articles.append((article_id, len(chunks)))
        if len(self._staged_articles) >= SHARD_ARTICLES:
            self.flush()

    def flush(self) -> None:
        """Write what is staged as one shard (whole or not at all)."""
        if not self._staged_articles:
            return
        rows = self._staged
        table = pa.table({
            "id": pa.array([c.id for c in rows], pa.string()),
            "article_id": pa.array([c.article_id for c in rows], pa.string()),
            "chunk_no": pa.array([c.chunk_no for c in rows], pa.int32()),
            "text": pa.array([c.text for c in rows], pa.string()),
            "start": pa.array([c.start for c in rows], pa.int64()),
            "end": pa.array([c.end for c in rows], pa.int64()),
        })  # fmt: skip
        shard = write_shard(self.folder, table)
        self._index().update((a, (shard, n)) for a, n in self._staged_articles)
        self._staged, self._staged_articles = [], []

    def chunks(self, article_id: str) -> list[Chunk] | None:
        """The article's chunks from its shard, or None when no shard (readable) holds them.

        The write pass asks in the plan's order, so one shard is read at a time."""
        found = self._index().get(article_id)
        if found is None:
            return None
        shard = found[0]
        if self._open is None or self._open[0] != shard:
            try:
                table = pq.read_table(shard, columns=list(_COLUMNS))
            except (OSError, pa.ArrowException):
                return None
            by_article: dict[str, list[Chunk]] = {}
            for row in table.to_pylist():
                by_article.setdefault(row["article_id"], []).append(Chunk(**row))
            self._open = (shard, by_article)
        chunks = self._open[1].get(article_id)  # in order: a shard is written as chunked
        return chunks if chunks is not None and len(chunks) == found[1] else None

    def clear(self) -> None:
        """After a finished ingest: nothing is left to resume."""
        clear_folder(self.folder)
        self._where, self._open = {}, None
        self._staged, self._staged_articles = [], []
