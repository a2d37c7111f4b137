"""Issue 26's attacks through the running app, as an outsider sends them: uploads of the
same name at once, a sign-in brake reset by a 404 or a 405, guessed job ids, uploads
waiting while the server must still answer, and a crash with uploads in the queue."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from app_process import App, running_app, seed_app

from assistant.config import Settings

pytestmark = pytest.mark.integration
AUTH = ("ana", "correct-horse-battery")


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("held")


@pytest.fixture(scope="module")
def app(work: Path, seed_settings: Settings) -> Iterator[App]:
    with seed_app(work, seed_settings.index_dir, ASSISTANT_AUTH=":".join(AUTH)) as app:
        yield app


def client_from(address: str) -> httpx.Client:
    """A client whose requests come from another loopback address: the brake counts per
    address, so each test has its own count."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(transport=transport, timeout=120)


def wait_for(app: App, job: dict) -> dict:
    with client_from("127.0.0.1") as client:
        while True:
            status = client.get(f"{app.url}/api/ingest/jobs/{job['id']}", auth=AUTH).json()
            if status["state"] in ("done", "failed"):
                return status
            threading.Event().wait(0.3)


def test_uploads_of_the_same_name_at_once_each_keep_their_own_text(app: App, work: Path) -> None:
    """Four clients sent report.txt at the same moment, six rounds: 24 sent, 15 kept, the
    others told "No such file or directory" or pointed at another user's text."""
    replies: list[httpx.Response] = []

    def send(round_no: int, n: int) -> None:
        text = f"Harbour report {round_no}-{n}\n\nBoats in harbour {round_no}-{n} were counted."
        with client_from("127.0.0.1") as client:
            files = {"files": ("report.txt", text.encode(), "text/plain")}
            replies.append(client.post(f"{app.url}/api/ingest?wait=0", files=files, auth=AUTH))

    for round_no in range(6):
        threads = [threading.Thread(target=send, args=(round_no, n)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(replies) == 24 and all(r.status_code in (200, 202) for r in replies), [
        r.text for r in replies
    ]
    jobs = [r.json()["job"] for r in replies]
    assert len({job["id"] for job in jobs}) == 24
    finished = [wait_for(app, job) for job in jobs]
    assert all(f["message"].startswith("Added 1") for f in finished), finished
    kept = sorted((work / "corpus" / "uploads").glob("report*.txt"))
    assert len(kept) == 24
    texts = {path.read_text(encoding="utf-8").split("\n")[0] for path in kept}
    assert texts == {f"Harbour report {r}-{n}" for r in range(6) for n in range(4)}
    titles = {a["title"] for a in httpx.get(f"{app.url}/api/articles", auth=AUTH).json()}
    assert {f"Harbour report {r}-{n}" for r in range(6) for n in range(4)} <= titles


def test_a_404_or_a_405_does_not_reset_the_sign_in_brake(app: App) -> None:
    """Four wrong passwords, then a wrong one to an unknown route or with the wrong method
    counted as a success: 260 guesses, never a 429."""
    with client_from("127.0.0.2") as client:
        statuses = []
        for n in range(8):
            wrong = ("ana", f"guess-{n}")
            statuses.append(client.get(f"{app.url}/api/articles", auth=wrong).status_code)
            statuses.append(client.get(f"{app.url}/api/no-such-route", auth=wrong).status_code)
            statuses.append(client.put(f"{app.url}/api/ask", auth=wrong).status_code)
            if statuses[-1] == 429:
                break
        assert statuses[:4] == [401, 404, 405, 401] and statuses[-1] == 429, statuses
        assert client.get(f"{app.url}/api/articles", auth=AUTH).status_code == 429  # locked


def test_upload_job_ids_cannot_be_guessed(app: App) -> None:
    """They were a counter and the clock: anyone could read another user's job."""
    with client_from("127.0.0.1") as client:
        files = {"files": ("guess.txt", b"Guess\n\nA story about ids.", "text/plain")}
        job = client.post(f"{app.url}/api/ingest", files=files, auth=AUTH).json()["job"]
    assert re.fullmatch(r"[0-9a-f]{24}", job["id"])  # 96 random bits (was "7-41234")


def large_story(n: int = 2500) -> bytes:
    paragraphs = [f"Report {k}: the harbour of town {k} reopened after {k} days." for k in range(n)]
    return ("Storm season\n\n" + "\n\n".join(paragraphs)).encode()


def test_waiting_uploads_do_not_stall_the_other_routes(app: App) -> None:
    """45 uploads waiting on their jobs held every worker thread: /api/health took 58 s."""
    with client_from("127.0.0.1") as client:
        files = {"files": ("storms.txt", large_story(), "text/plain")}
        big = client.post(f"{app.url}/api/ingest?wait=0", files=files, auth=AUTH)
    assert big.status_code == 202
    answered: list[int] = []

    def upload(n: int) -> None:
        with client_from("127.0.0.1") as client:
            story = f"Wait {n}\n\nQueue story {n}.".encode()
            files = {"files": (f"wait-{n}.txt", story, "text/plain")}
            client.post(f"{app.url}/api/ingest?wait=60", files=files, auth=AUTH)
        answered.append(n)

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(45)]
    for thread in threads:
        thread.start()
    threading.Event().wait(3)  # all 45 sent: their jobs queue behind the large upload
    health = httpx.get(f"{app.url}/api/health", auth=AUTH, timeout=120)
    still_waiting = 45 - len(answered)
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert still_waiting > 0, "the uploads finished first: the large one was too small"
    for thread in threads:
        thread.join()
    wait_for(app, big.json()["job"])


def test_uploads_queued_when_the_app_was_killed_are_indexed_after_it_restarts(
    tmp_path: Path, seed_settings: Settings
) -> None:
    """After a crash the queued uploads were never indexed and their job ids answered 404."""
    with seed_app(tmp_path, seed_settings.index_dir) as first:
        files = {"files": ("storms.txt", large_story(), "text/plain")}
        httpx.post(f"{first.url}/api/ingest?wait=0", files=files, timeout=120)
        ferry = {"files": ("ferry.txt", b"Ferry strike\n\nFerries to Faro stopped.", "text/plain")}
        queued = httpx.post(f"{first.url}/api/ingest?wait=0", files=ferry, timeout=120).json()
        assert queued["job"]["state"] == "queued"
        first.process.send_signal(signal.SIGKILL)
        first.process.wait()
    with running_app(tmp_path / "index", tmp_path / "corpus") as again:
        job = httpx.get(f"{again.url}/api/ingest/jobs/{queued['job']['id']}", timeout=30)
        assert job.status_code == 200, job.text
        with client_from("127.0.0.1") as client:
            while (status := client.get(f"{again.url}/api/ingest/jobs/{queued['job']['id']}")
                   .json())["state"] not in ("done", "failed"):  # fmt: skip
                threading.Event().wait(0.5)
        assert status["state"] == "done" and "Added 1" in status["message"], status
        titles = {a["title"] for a in httpx.get(f"{again.url}/api/articles", timeout=30).json()}
        assert {"Ferry strike", "Storm season"} <= titles
