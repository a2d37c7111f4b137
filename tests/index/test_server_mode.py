"""Server mode against a real `chroma run` on 127.0.0.1, started and stopped by the tests."""

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED

from assistant.config import Settings
from assistant.errors import BackendUnavailable
from assistant.facade import Assistant
from assistant.index.chroma_client import wait_for_server
from assistant.index.indexer import ingest

pytestmark = [pytest.mark.integration, pytest.mark.server]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ChromaServer:
    """A `chroma run` process with its data folder; can be stopped and started again."""

    def __init__(self, path: Path, port: int) -> None:
        self.path, self.port = path, port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        chroma = Path(sys.executable).with_name("chroma")
        self.process = subprocess.Popen(
            [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1",
             "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if not wait_for_server(self.url, timeout=60):
            self.stop()
            pytest.fail("chroma run did not answer its heartbeat within 60 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ChromaServer]:
    running = ChromaServer(tmp_path / "chroma-data", free_port())
    running.start()
    yield running
    running.stop()


def server_settings(server: ChromaServer, tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    return Settings.from_env(
        chroma_url=server.url, index_dir=tmp_path / "local-cache", corpus_dir=corpus
    )


def test_ingest_update_and_ask_through_a_chroma_server(
    server: ChromaServer, tmp_path: Path
) -> None:
    settings = server_settings(server, tmp_path)
    shutil.copy(SEED, settings.corpus_dir)
    first = ingest([settings.corpus_dir], settings)
    assert first.added == 1 and first.chunks > 3
    again = ingest([settings.corpus_dir], settings)
    assert (again.unchanged, again.chunks_embedded) == (1, 0)

    assistant = Assistant(settings)
    answer = assistant.ask("Who claimed responsibility for the attack?")
    assert "Coordination of Azawad Movements" in answer.short_answer
    assert "claimed responsibility" in answer.citations[0].quote

    (settings.corpus_dir / "port.txt").write_text(
        "Port strike ends. Dockers in Rotterdam voted on Tuesday to end a nine-day strike.",
        encoding="utf-8",
    )
    update = ingest([settings.corpus_dir], settings)
    assert (update.added, update.unchanged) == (1, 1)
    answer = assistant.ask("Where did dockers vote to end a nine-day strike?")
    assert "Rotterdam" in answer.citations[0].quote
    # nothing of the index is in the local folder: only the keyword cache
    assert not list((tmp_path / "local-cache").rglob("chroma.sqlite3"))


def test_a_server_that_goes_away_gives_a_clear_error_and_recovers(
    server: ChromaServer, tmp_path: Path
) -> None:
    settings = server_settings(server, tmp_path)
    shutil.copy(SEED, settings.corpus_dir)
    ingest([settings.corpus_dir], settings)
    assistant = Assistant(settings)
    assert assistant.ask("How many soldiers were killed?").short_answer == "five"

    server.stop()
    with pytest.raises(BackendUnavailable, match="Chroma server"):
        assistant.ask("How many soldiers were killed?")

    server.start()
    assert assistant.ask("How many soldiers were killed?").short_answer == "five"


def test_cli_flag_selects_the_server(server: ChromaServer, tmp_path: Path) -> None:
    settings = server_settings(server, tmp_path)
    shutil.copy(SEED, settings.corpus_dir)
    cli = [sys.executable, "-m", "assistant"]
    common = ["--chroma-url", server.url, "--index-dir", str(tmp_path / "cache")]
    done = subprocess.run(
        [*cli, "ingest", str(settings.corpus_dir), "--quiet", *common],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stats = subprocess.run([*cli, "stats", *common], capture_output=True, text=True, timeout=120)
    assert stats.stdout.startswith("1 articles,") and server.url in stats.stdout
