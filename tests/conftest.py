"""Shared fixtures: an offline guard, seeded indexes built once, fresh temporary indexes.

Integration tests (marked ``integration``) use the real model, real Chroma, real files,
servers and a browser. Unit tests may use ``HashingEmbedder`` (tests/fakes.py) in place
of the sentence-transformers model, through the ``fake_*`` fixtures; everything else
they touch (Chroma, the reader, spaCy) is real.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUARD = ROOT / "tests" / "netguard"
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED = ROOT / "corpus" / "lere-attack-2024-05-27.txt"

# Exported ONNX models go to a folder of the test session's own, not the user's cache.
os.environ.setdefault("ASSISTANT_CACHE_DIR", tempfile.mkdtemp(prefix="assistant-test-cache-"))
# Every process the tests start inherits the guard through PYTHONPATH (sitecustomize).
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(GUARD), str(ROOT), os.environ.get("PYTHONPATH", "")) if p
)
sys.path.insert(0, str(GUARD))
import netguard  # noqa: E402,F401  (the same guard in this process)
from fakes import HashingEmbedder  # noqa: E402

from assistant.config import Settings  # noqa: E402
from assistant.facade import Assistant  # noqa: E402
from assistant.index.indexer import ingest  # noqa: E402

FAKE_EMBEDDER = HashingEmbedder()


def fake_archive(
    tmp_path_factory: pytest.TempPathFactory, name: str, records: Sequence[Mapping[str, object]]
) -> Assistant:
    """``records`` (article objects) written to ``<name>.jsonl`` and indexed with the
    hashing embedder, in a corpus and an index of their own."""
    corpus = tmp_path_factory.mktemp(f"{name}-corpus")
    (corpus / f"{name}.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    settings = Settings.from_env(index_dir=tmp_path_factory.mktemp(f"{name}-index"),
                                 corpus_dir=corpus, embedding_model=FAKE_EMBEDDER.name)  # fmt: skip
    assistant = Assistant(settings, embedder=FAKE_EMBEDDER)
    assistant.ingest([corpus])
    return assistant


def shared_file(name: str) -> Path:
    """A file from ../shared/data, or skip the test saying why."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"../shared/data/{name} is not here (it is never copied into the repo)")
    return path


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An index of the founding article, built once for the whole session (read-only)."""
    index = tmp_path_factory.mktemp("seed-index")
    corpus = tmp_path_factory.mktemp("seed-corpus")
    shutil.copy(SEED, corpus / SEED.name)
    settings = Settings.from_env(index_dir=index, corpus_dir=corpus)
    ingest([corpus], settings)
    return settings


@pytest.fixture(scope="session")
def seed_assistant(seed_settings: Settings) -> Assistant:
    return Assistant(seed_settings)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Settings]:
    """Settings for an empty index and an empty corpus folder of this test's own."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    yield Settings.from_env(index_dir=tmp_path / "index", corpus_dir=corpus)


@pytest.fixture(scope="session")
def fake_seed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The founding article indexed with ``HashingEmbedder``, once per session (read-only)."""
    index = tmp_path_factory.mktemp("fake-seed-index")
    corpus = tmp_path_factory.mktemp("fake-seed-corpus")
    shutil.copy(SEED, corpus / SEED.name)
    settings = Settings.from_env(
        index_dir=index, corpus_dir=corpus, embedding_model=HashingEmbedder.name
    )
    ingest([corpus], settings, embedder=FAKE_EMBEDDER)
    return settings


@pytest.fixture(scope="session")
def fake_seed_assistant(fake_seed_settings: Settings) -> Assistant:
    return Assistant(fake_seed_settings, embedder=FAKE_EMBEDDER)


@pytest.fixture
def own_settings(fake_seed_settings: Settings, tmp_path: Path) -> Settings:
    """A private copy of the fake seed index, with an empty corpus (for tests that write)."""
    shutil.copytree(fake_seed_settings.index_dir, tmp_path / "index")
    (tmp_path / "corpus").mkdir()
    return fake_seed_settings.with_overrides(
        index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus"
    )


@pytest.fixture
def fake_fresh(fresh: Settings) -> Settings:
    """``fresh``, for an index built with ``HashingEmbedder``."""
    return fresh.with_overrides(embedding_model=HashingEmbedder.name)
