"""Chunking's hand-over through Parquet shards: each new article is chunked once per job,
a killed job's rerun chunks only what no shard holds, and a shard is whole or ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FAKE_EMBEDDER
from corpora import make_corpus, snapshot

from assistant.config import Settings
from assistant.index import chunk_shards, indexer
from assistant.index.chunk_shards import ChunkShards, chunk_folder
from assistant.ingest.chunking import chunk_article
from assistant.records import Article, Chunk


def article(n: int) -> Article:
    text = " ".join(f"Sentence {k} of report {n} says the port reopened." for k in range(12))
    return Article(id=f"a{n}", title=f"Report {n}", text=text, path=f"/corpus/{n}.txt")


def chunks_of(n: int) -> list[Chunk]:
    return chunk_article(article(n), max_chars=200, overlap=1)


class Stop(Exception):
    """The job dies here, as a killed ingest would stop."""


class Counting:
    """``chunk_article`` counting the articles it chunks."""

    def __init__(self) -> None:
        self.articles: list[str] = []

    def __call__(self, item: Article, max_chars: int, overlap: int) -> list[Chunk]:
        self.articles.append(item.id)
        return chunk_article(item, max_chars, overlap)


def test_chunks_come_back_whole_from_shards_written_every_few_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chunk_shards, "SHARD_ARTICLES", 2)
    folder = chunk_folder(tmp_path, 200, 1)
    shards = ChunkShards(folder)
    for n in range(5):
        shards.stage(f"a{n}", chunks_of(n))
    assert len(list(folder.glob("*.parquet"))) == 2  # a shard per two articles so far
    assert shards.count("a4") is None  # staged, not yet written
    shards.flush()

    again = ChunkShards(folder)  # a new job reads what the last one wrote
    for n in range(5):
        assert again.count(f"a{n}") == len(chunks_of(n)) > 1
        assert again.chunks(f"a{n}") == chunks_of(n)
    assert again.chunks("a9") is None
    again.clear()
    assert not folder.exists() and ChunkShards(folder).count("a0") is None


def test_a_broken_or_half_written_shard_is_not_read(tmp_path: Path) -> None:
    folder = chunk_folder(tmp_path, 200, 1)
    shards = ChunkShards(folder)
    shards.stage("a0", chunks_of(0))
    shards.flush()
    (folder / ".half.parquet.partial").write_bytes(b"PAR1 half")
    (folder / "broken.parquet").write_bytes(b"not parquet at all")
    again = ChunkShards(folder)
    assert again.chunks("a0") == chunks_of(0)
    again.stage("a1", chunks_of(1))
    again.flush()
    assert ChunkShards(folder).chunks("a1") == chunks_of(1)  # and writing goes on beside it


def test_other_chunker_settings_have_their_own_folder(tmp_path: Path) -> None:
    assert chunk_folder(tmp_path, 800, 1) != chunk_folder(tmp_path, 400, 1)
    assert chunk_folder(tmp_path, 800, 1).parent == tmp_path / "work" / "chunks"


def test_an_ingest_chunks_each_new_article_once_and_leaves_no_shards(
    fake_fresh: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus(fake_fresh.corpus_dir, articles=12)
    counting = Counting()
    monkeypatch.setattr(indexer, "chunk_article", counting)
    report = indexer.ingest([fake_fresh.corpus_dir], fake_fresh, embedder=FAKE_EMBEDDER)
    assert report.added == 12
    assert sorted(counting.articles) == sorted(set(counting.articles))  # none chunked twice
    assert len(counting.articles) == 12
    assert not (fake_fresh.index_dir / "work").exists()  # nothing left to resume


def test_a_job_killed_after_its_first_write_is_rerun_chunking_nothing_again(
    fake_fresh: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = fake_fresh.corpus_dir
    make_corpus(corpus, articles=150)
    clean = fake_fresh.with_overrides(index_dir=tmp_path / "clean")
    indexer.ingest([corpus], clean, embedder=FAKE_EMBEDDER)

    writes: list[list[str]] = []

    def die_on_the_second_write(ids: list[str]) -> None:
        writes.append(ids)
        if len(writes) == 2:
            raise Stop

    with pytest.raises(Stop):
        indexer.ingest([corpus], fake_fresh, embedder=FAKE_EMBEDDER,
                       before_write=die_on_the_second_write)  # fmt: skip
    folder = chunk_folder(fake_fresh.index_dir, fake_fresh.chunk_max_chars,
                          fake_fresh.chunk_overlap_sentences)  # fmt: skip
    assert list(folder.glob("*.parquet"))  # the plan's chunks were written down

    counting = Counting()
    monkeypatch.setattr(indexer, "chunk_article", counting)
    report = indexer.ingest([corpus], fake_fresh, embedder=FAKE_EMBEDDER)
    assert counting.articles == []  # every article it still had to write came from a shard
    assert report.added == 150 - len(writes[0])
    assert snapshot(fake_fresh) == snapshot(clean)
    assert not folder.exists()
