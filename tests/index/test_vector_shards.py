"""Embedding's hand-over through Parquet shards: what a job finished is written down part
by part, a rerun embeds only the rest, and a shard is whole or absent."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from fakes import HashingEmbedder

from assistant.index.engines import LocalEncoder, PartDone
from assistant.index.vector_shards import EmbeddingStage, VectorShards, shard_folder, text_key

TEXTS = [f"Article {n}: the council met on day {n} and voted" for n in range(10)]


class Killed(Exception):
    """The job dies here, as a SIGKILLed driver would stop."""


class PartsThenDeath:
    """An engine that finishes its texts in parts of ``part`` and dies after ``parts`` of
    them (the texts of a Ray job coming back block by block, then the driver killed)."""

    def __init__(self, part: int, parts: int | None = None) -> None:
        self.part, self.parts = part, parts
        self.asked: list[str] = []
        self.embedder = HashingEmbedder()

    def encode(self, texts: Sequence[str], batch_size: int, done: PartDone | None = None):
        self.asked.extend(texts)
        vectors = self.embedder.encode(texts)
        for count, first in enumerate(range(0, len(texts), self.part)):
            if self.parts is not None and count == self.parts:
                raise Killed
            positions = range(first, min(first + self.part, len(texts)))
            if done:
                done(positions, vectors[first : first + self.part])
        return vectors


def test_a_job_killed_after_two_parts_is_resumed_embedding_only_the_rest(tmp_path: Path) -> None:
    folder = shard_folder(tmp_path, "all-MiniLM-L6-v2")
    dying = PartsThenDeath(part=3, parts=2)
    with pytest.raises(Killed):
        EmbeddingStage(dying, VectorShards(folder), 384).encode(TEXTS, batch_size=16)
    assert len(list(folder.glob("*.parquet"))) == 2  # one shard per finished part
    assert len(VectorShards(folder)) == 6

    rerun = PartsThenDeath(part=3)
    stage = EmbeddingStage(rerun, VectorShards(folder), 384)
    vectors = stage.encode(TEXTS, batch_size=16)
    assert rerun.asked == TEXTS[6:] and stage.encoded == 4  # the six written were not redone
    np.testing.assert_allclose(vectors, HashingEmbedder().encode(TEXTS), atol=1e-6)


def test_the_local_engine_hands_over_its_call_as_one_part(tmp_path: Path) -> None:
    folder = tmp_path / "shards"
    stage = EmbeddingStage(LocalEncoder(HashingEmbedder()), VectorShards(folder), 384)
    stage.encode([*TEXTS, TEXTS[0]], batch_size=4)  # a repeated text is embedded once
    assert stage.encoded == 10 and len(list(folder.glob("*.parquet"))) == 1
    again = EmbeddingStage(LocalEncoder(HashingEmbedder()), VectorShards(folder), 384)
    again.encode(TEXTS, batch_size=4)
    assert again.encoded == 0


def test_a_half_written_shard_is_not_read_and_clear_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "shards"
    shards = VectorShards(folder)
    shards.add([text_key("a")], np.ones((1, 384), dtype=np.float32))
    (folder / ".cut-short.parquet.partial").write_bytes(b"PAR1 not a whole file")
    assert list(VectorShards(folder).lookup([text_key("a"), text_key("b")])) == [text_key("a")]
    shards.clear()
    assert not folder.exists() and len(VectorShards(folder)) == 0


def test_each_model_has_its_own_folder(tmp_path: Path) -> None:
    one = shard_folder(tmp_path, "sentence-transformers/all-MiniLM-L6-v2")
    other = shard_folder(tmp_path, "../other model")
    assert one != other and one.parent == other.parent == tmp_path / "work" / "vectors"
