"""SIGKILL the app while it indexes an upload; the next start-up ingest completes the work."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from app_process import running_app
from corpora import make_corpus, snapshot
from gradio_client import Client, handle_file

from assistant.config import Settings
from assistant.facade import Assistant
from assistant.index.indexer import ingest
from assistant.index.store import Store

pytestmark = pytest.mark.integration


def test_killed_mid_upload_then_restart_completes(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    make_corpus(drafts, articles=18, sentences=80)  # under the 20-file upload limit
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    with running_app(index, corpus) as app:
        client = Client(app.url, verbose=False)
        files = [handle_file(str(p)) for p in sorted(drafts.iterdir())]
        job = client.submit(files, "", api_name="/upload")
        uploads = corpus / "uploads"
        deadline = time.monotonic() + 120
        while len(list(uploads.glob("*.txt"))) < 18 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(list(uploads.glob("*.txt"))) == 18, job.result()
        time.sleep(4)  # part-way through embedding
        assert app.process.poll() is None
        app.process.send_signal(signal.SIGKILL)
        app.process.wait()
    ready = [
        e for e in Store.open(Settings.from_env(index_dir=index)).manifest().values() if e.ready
    ]
    assert len(ready) < 18, "the kill came after the upload finished; kill sooner"
    # what `make run` does at start-up: ingest corpus/ (uploads included)
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ingest", str(corpus), "--quiet"],
        env={**os.environ, "ASSISTANT_INDEX_DIR": str(index)}, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    clean = Settings.from_env(index_dir=tmp_path / "clean", corpus_dir=corpus)
    ingest([corpus], clean)
    recovered = Settings.from_env(index_dir=index, corpus_dir=corpus)
    assert snapshot(recovered)["chunks"] == snapshot(clean)["chunks"]
    answer = Assistant(recovered).ask("Which report covers a rail merger in region 4?")
    assert answer.citations[0].article_id.startswith("report-004")
