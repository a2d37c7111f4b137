"""Ingest on a real local Ray cluster (the cluster extra; one cluster for these tests):
the index it builds is the in-process one, a worker killed mid-job is restarted without
loss, and a driver killed mid-job resumes from the vector shards without embedding twice
(a job's parts are written down as the actors finish them, before the job ends)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from corpora import make_corpus

from assistant.config import Settings
from assistant.index.embeddings import get_embedder
from assistant.index.indexer import ingest
from assistant.index.ray_engine import RayEncoder
from assistant.index.store import Store
from assistant.index.vector_shards import VectorShards, shard_folder

ray = pytest.importorskip(
    "ray", reason="the cluster extra is not installed (make test installs it)"
)
pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A local Ray cluster of two CPUs, no dashboard; its address for other drivers."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ray-corpus")
    make_corpus(folder, articles=10, sentences=8)
    return folder


LOCAL_EMBEDDED: list[int] = []  # chunks the in-process ingest embedded


@pytest.fixture(scope="module")
def local_index(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings.from_env(index_dir=tmp_path_factory.mktemp("local"), corpus_dir=corpus)
    LOCAL_EMBEDDED.append(ingest([corpus], settings).chunks_embedded)
    return settings


def contents(settings: Settings) -> dict[str, Any]:
    store = Store.open(settings)
    got = store.chunks.get(include=["documents", "metadatas", "embeddings"])
    order = np.argsort(got["ids"])
    manifest = {a: (e.title, e.date, e.source, e.story, e.chunks, e.ready)
                for a, e in store.manifest().items()}  # fmt: skip
    return {
        "ids": [got["ids"][i] for i in order],
        "texts": [got["documents"][i] for i in order],
        "metas": [got["metadatas"][i] for i in order],
        "vectors": np.asarray(got["embeddings"])[order],
        "manifest": manifest,
    }


def assert_same_index(ours: Settings, theirs: Settings) -> None:
    a, b = contents(ours), contents(theirs)
    assert a["ids"] == b["ids"] and a["texts"] == b["texts"] and a["metas"] == b["metas"]
    assert a["manifest"] == b["manifest"]
    np.testing.assert_allclose(a["vectors"], b["vectors"], atol=1e-5)


def _kill_a_worker(killed: list[int], stop: threading.Event) -> None:
    """SIGKILL the first Ray Data worker process (an embedding actor) that appears."""
    while not stop.is_set() and not killed:
        for pid in os.listdir("/proc"):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except (OSError, ValueError):
                continue
            if pid.isdigit() and b"MapWorker" in cmdline:
                os.kill(int(pid), signal.SIGKILL)
                killed.append(int(pid))
                return
        time.sleep(0.02)


def test_the_ray_engine_builds_the_in_process_index_though_a_worker_is_killed(
    cluster: str, corpus: Path, local_index: Settings, tmp_path: Path
) -> None:
    settings = Settings.from_env(index_dir=tmp_path / "ray", corpus_dir=corpus, engine="ray",
                                 ray_address=cluster)  # fmt: skip
    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_kill_a_worker, args=(killed, stop), daemon=True)
    killer.start()
    try:
        report = ingest([corpus], settings)
    finally:
        stop.set()
        killer.join(timeout=5)
    assert killed, "no embedding worker was seen to kill"
    assert report.added == 10 and report.chunks_embedded == report.chunks == LOCAL_EMBEDDED[0]
    assert_same_index(settings, local_index)  # Ray restarted it and reran its batch
    assert not shard_folder(settings.index_dir, "all-MiniLM-L6-v2").exists()  # cleared


DRIVER = """
import sys
from assistant.config import Settings
from assistant.index import indexer
indexer.RAY_BATCHES = 1000  # the whole corpus in one job: its parts are saved as they end
settings = Settings.from_env(index_dir=sys.argv[1], corpus_dir=sys.argv[2], engine="ray",
                             ray_address=sys.argv[3])
report = indexer.ingest([sys.argv[2]], settings)
print("embedded", report.chunks_embedded, "of", report.chunks, flush=True)
"""


def test_a_driver_killed_mid_job_resumes_without_embedding_twice(
    cluster: str, corpus: Path, local_index: Settings, tmp_path: Path
) -> None:
    index = tmp_path / "ray"
    command = [sys.executable, "-c", DRIVER, str(index), str(corpus), cluster]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shards = shard_folder(index, "all-MiniLM-L6-v2")
    driver = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not list(shards.glob("*.parquet")) and driver.poll() is None:
        assert time.monotonic() < deadline, "no shard was written"
        time.sleep(0.02)
    driver.send_signal(signal.SIGKILL)
    driver.wait(timeout=30)
    kept = len(VectorShards(shards))  # texts embedded before the kill, written down
    assert kept >= 1, "the killed driver left no shard"

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    embedded = int(rerun.stdout.split()[1])
    assert embedded <= LOCAL_EMBEDDED[0] - kept  # what the shards held was not embedded again
    settings = Settings.from_env(index_dir=index, corpus_dir=corpus)
    assert_same_index(settings, local_index)  # and nothing is there twice


def test_a_ray_job_hands_back_its_parts_as_they_end(cluster: str) -> None:
    settings = Settings.from_env(engine="ray", ray_address=cluster)
    texts = [f"The council met on day {n} and voted on the budget." for n in range(40)]
    parts: list[list[int]] = []
    vectors = RayEncoder(settings, 384).encode(texts, 4, lambda at, _: parts.append(list(at)))
    assert len(parts) > 1  # several parts, each told as it ended
    assert sorted(n for part in parts for n in part) == list(range(40))
    local = get_embedder(settings.embedding_model).encode(texts, batch_size=4)
    np.testing.assert_allclose(vectors, local, atol=1e-5)
