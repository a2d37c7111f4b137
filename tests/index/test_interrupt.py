"""SIGKILL an ingest part-way; the next run must end with exactly the index a clean run gives."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpora import make_corpus, snapshot

from assistant.config import Settings
from assistant.facade import Assistant
from assistant.index.indexer import ingest

pytestmark = pytest.mark.integration


def kill_during_ingest(corpus: Path, index: Path, delay: float) -> bool:
    """Start `assistant ingest`; once its progress bar shows a written batch, wait ``delay`` s
    and SIGKILL it. True when it was still running (so the kill landed mid-ingest)."""
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index)}
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "ingest", str(corpus)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    seen = ""
    while process.poll() is None:
        seen += process.stderr.read(1).decode("utf-8", "replace")
        progress = re.findall(r"\| (\d+)/(\d+) ", seen)
        if progress and int(progress[-1][0]) > 0:
            break
    time.sleep(delay)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    process.wait()
    return killed


def test_sigkill_mid_ingest_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    clean = Settings.from_env(index_dir=tmp_path / "clean", corpus_dir=corpus)
    ingest([corpus], clean)
    expected = snapshot(clean)
    assert expected["count"] > 2 * 256  # three embedding batches or more

    interrupted = Settings.from_env(index_dir=tmp_path / "interrupted", corpus_dir=corpus)
    # kill right after a batch is written, mid-embedding, and near the next write
    kills = [kill_during_ingest(corpus, interrupted.index_dir, delay) for delay in (0.05, 4.0, 7.9)]
    assert any(kills), "ingest finished before it could be killed; make the corpus larger"
    report = ingest([corpus], interrupted)
    assert report.skipped == ()
    assert snapshot(interrupted) == expected
    # and it answers from the completed index
    answer = Assistant(interrupted).ask("Which report covers a rail merger in region 4?")
    assert answer.citations and answer.citations[0].article_id.startswith("report-004")
