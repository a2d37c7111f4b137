"""Embedding's durable hand-over: vectors as Parquet shards in the index's work folder.

Embedding is the whole cost of ingest, so what it computed is written down before it is
handed to the writer: each batch of vectors goes to a Parquet file of its own (written
under a temporary name and renamed, so a file is whole or absent), keyed by the text that
was embedded and kept per embedder. A job killed at any point (the driver, a worker) is
run again and embeds only the texts no shard holds; the writer's upserts by chunk id make
writing twice harmless. Keyed by the embedded text rather than the chunk id, an identical
text costs one encode however many articles carry it. A finished ingest clears the shards.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from assistant.index.shard_files import clear_folder, shards_of, work_folder, write_shard


def text_key(text: str) -> str:
    """The shard key of an embedded text (a hash: the text itself is in Chroma)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def shard_folder(index_dir: Path, embedder: str) -> Path:
    """``index/work/vectors/<embedder>/``: one model's vectors never meet another's."""
    return work_folder(index_dir, "vectors", embedder)


class VectorShards:
    """The vectors computed so far, by text key; read once, then grown a shard at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._known: dict[str, np.ndarray] | None = None

    def _load(self) -> dict[str, np.ndarray]:
        if self._known is None:
            self._known = {}
            for shard in shards_of(self.folder):
                table = pq.read_table(shard)
                keys = table.column("key").to_pylist()
                vectors = np.asarray(table.column("vector").to_pylist(), dtype=np.float32)
                self._known.update(zip(keys, vectors, strict=True))
        return self._known

    def __len__(self) -> int:
        return len(self._load())

    def lookup(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        known = self._load()
        return {key: known[key] for key in keys if key in known}

    def add(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Write one shard of ``vectors`` (whole or not at all) and remember them."""
        if not keys:
            return
        table = pa.table({
            "key": pa.array(list(keys), pa.string()),
            "vector": pa.array(np.asarray(vectors, dtype=np.float32).tolist(),
                               pa.list_(pa.float32())),
        })  # fmt: skip
        write_shard(self.folder, table)
        self._load().update(zip(keys, np.asarray(vectors, dtype=np.float32), strict=True))

    def clear(self) -> None:
        """After a finished ingest: nothing is left to resume."""
        clear_folder(self.folder)
        self._known = {}


class EmbeddingStage:
    """Texts to vectors through an engine, with the shards as the hand-over: a text a
    shard holds is read back, the others are encoded once each and written down part by
    part as the engine finishes them, before they are returned. ``encoded`` counts the
    texts actually encoded."""

    def __init__(self, encoder: Any, shards: VectorShards, dimension: int) -> None:
        self.encoder = encoder
        self.shards = shards
        self.dimension = dimension
        self.encoded = 0

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        keys = [text_key(text) for text in texts]
        have = self.shards.lookup(keys)
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in have:
                todo.setdefault(key, text)
        if todo:
            asked = list(todo)

            def written(positions: Sequence[int], vectors: np.ndarray) -> None:
                self.shards.add([asked[n] for n in positions], vectors)  # one shard per part

            vectors = np.asarray(self.encoder.encode(list(todo.values()), batch_size, written))
            have.update(zip(asked, vectors.astype(np.float32), strict=True))
            self.encoded += len(todo)
        return np.stack([have[key] for key in keys])
