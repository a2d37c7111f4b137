"""The Library: uploads kept and indexed in the background, files that give nothing go,
uploads cannot take an operator's article ids (issue 21)."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import FAKE_EMBEDDER

from assistant.app.handlers import AppHandlers
from assistant.app.ingest_queue import IngestQueue, JobState
from assistant.app.library import Library, sweep_stale_folders
from assistant.app.uploads import FolderUploads
from assistant.config import Settings
from assistant.facade import Assistant


@pytest.fixture
def handlers(own_settings: Settings, tmp_path: Path) -> AppHandlers:
    return AppHandlers(Assistant(own_settings, embedder=FAKE_EMBEDDER), FolderUploads(tmp_path))


def test_a_file_that_gives_no_article_is_not_kept_and_can_come_again(
    handlers: AppHandlers, tmp_path: Path
) -> None:
    weird = tmp_path / "weird.json"
    weird.write_text(json.dumps({"title": " ", "text": ""}), encoding="utf-8")  # a headline
    # alone would be a wire's flash, and kept
    message, *_ = handlers.upload([str(weird)])
    assert "Not kept weird.json: it holds no article" in message
    assert not list(handlers.uploads.glob("weird*"))
    weird.write_text(json.dumps({"title": "Fixed", "text": "Ferries to Faro resumed."}))
    again, *_ = handlers.upload([str(weird)])
    assert "already in the library" not in again and "Added 1" in again


def test_an_upload_cannot_replace_an_operators_article_by_its_ids(
    handlers: AppHandlers, tmp_path: Path
) -> None:
    record = {"id": "business/001", "title": "Ad sales boost Time Warner profit",
              "text": "Quarterly profits at Time Warner jumped 76% to $1.13bn."}  # fmt: skip
    operator = Path(handlers.assistant.settings.corpus_dir) / "bbc-news.jsonl"
    operator.write_text(json.dumps(record) + "\n", encoding="utf-8")
    handlers.assistant.ingest([operator])
    forged = tmp_path / "bbc-news.jsonl"
    forged.write_text(json.dumps({**record, "text": "Time Warner went bankrupt."}) + "\n")
    message, *_ = handlers.upload([str(forged)])
    assert "Added 1" in message
    ids = {e.id for e in handlers.assistant.articles()}
    assert {"bbc-news/business/001", "uploads/bbc-news/business/001"} <= ids
    kept = handlers.assistant.article("bbc-news/business/001")
    assert "76%" in kept.text  # the operator's article is untouched


def test_jobs_run_one_at_a_time_in_order_and_report_progress() -> None:
    queue = IngestQueue()
    release = threading.Event()
    order: list[str] = []

    def slow(paths: list[Path], progress) -> str:  # type: ignore[no-untyped-def]
        progress(1, 3)
        release.wait(10)
        order.append("slow")
        return "slow done"

    def quick(paths: list[Path], progress) -> str:  # type: ignore[no-untyped-def]
        order.append("quick")
        return "quick done"

    first = queue.submit([Path("big.txt")], slow)
    second = queue.submit([Path("small.txt")], quick)
    assert second.ahead == 1 and "behind 1 other" in second.describe()
    running = queue.wait(first.id, 0.5)
    assert running is not None and running.state is JobState.RUNNING
    assert "1/3 chunks embedded" in running.describe()
    assert queue.wait(second.id, 0.2).state is JobState.QUEUED  # type: ignore[union-attr]
    release.set()
    assert queue.wait(second.id, 10).message == "quick done"  # type: ignore[union-attr]
    assert order == ["slow", "quick"] and queue.active() == []


def test_a_running_job_says_which_page_ocr_is_reading_until_chunks_are_embedded() -> None:
    from assistant.ingest.reading_progress import tell

    queue = IngestQueue()
    release, embedding = threading.Event(), threading.Event()

    def scanning(paths: list[Path], progress) -> str:  # type: ignore[no-untyped-def]
        tell(paths[0], 3, 10)  # what the OCR readers call before each page
        release.wait(10)
        progress(2, 8)
        embedding.wait(10)
        return "done"

    job = queue.submit([Path("uploads/scan.pdf")], scanning)
    running = queue.wait(job.id, 0.5)
    assert running is not None and running.to_dict()["message"] == (
        f"Indexing in the background (job {job.id}): reading scan.pdf: page 3 of 10 by OCR."
    )
    release.set()
    for _ in range(100):
        if (now := queue.get(job.id)) is not None and now.done == 2:
            break
        time.sleep(0.02)
    assert now is not None and "2/8 chunks embedded" in now.describe()
    embedding.set()
    assert queue.wait(job.id, 10).message == "done"  # type: ignore[union-attr]
    tell("elsewhere.pdf", 1, 1)  # no job listens in this thread: nothing happens


def test_upload_folders_of_a_dead_process_are_swept(tmp_path: Path) -> None:
    dead = tmp_path / "assistant-api-upload-999999999-abc"
    (dead / "0").mkdir(parents=True)
    (dead / "0" / "story.txt").write_text("left behind by a SIGKILL")
    alive = tmp_path / f"assistant-api-upload-{__import__('os').getpid()}-def"
    alive.mkdir()
    sweep_stale_folders(tmp_path, "assistant-api-upload-")
    assert not dead.exists() and alive.exists()


def test_the_page_and_the_api_share_one_queue(handlers: AppHandlers) -> None:
    assert Library(handlers.assistant).queue is handlers.archive.queue


def test_jobs_a_crash_left_in_the_queue_are_queued_again_under_their_ids(
    fake_seed_settings: Settings, tmp_path: Path
) -> None:
    """Issue 26: killed with uploads waiting, the app forgot them (their ids answered 404)."""
    from assistant.app.upload_journal import UploadJournal

    shutil.copytree(fake_seed_settings.index_dir, tmp_path / "index")
    uploads = tmp_path / "corpus" / "uploads"
    uploads.mkdir(parents=True)
    waiting = uploads / "ferries.txt"
    waiting.write_text("Ferry strike\n\nFerries to Faro stopped on Monday.", encoding="utf-8")
    journal = UploadJournal(uploads / ".jobs.json")  # as the killed process left it
    journal.queued("a" * 24, [waiting], {waiting})
    journal.queued("b" * 24, [uploads / "gone.txt"], set())
    journal.queued("c" * 24, [waiting], set())
    journal.ended("c" * 24, "done", "Added 1, updated 0, unchanged 0; 1 chunks embedded.")
    settings = fake_seed_settings.with_overrides(
        index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus"
    )
    library = Library(Assistant(settings, embedder=FAKE_EMBEDDER))  # the app starting again
    again = library.queue.wait("a" * 24, 60)
    assert again is not None and again.state is JobState.DONE
    assert again.message.startswith("Added 1") and "after the app restarted" in again.message
    assert "Ferry strike" in {e.title for e in library.assistant.articles()}
    gone = library.queue.get("b" * 24)
    assert gone is not None and gone.state is JobState.FAILED and "gone" in gone.message
    assert library.queue.get("c" * 24).message.startswith("Added 1")  # type: ignore[union-attr]
    assert {e.id: e.state for e in journal.entries()} == {
        "a" * 24: "done", "b" * 24: "failed", "c" * 24: "done"
    }  # fmt: skip


def test_a_feed_refresh_waits_behind_an_upload_instead_of_failing(
    handlers: AppHandlers,
) -> None:
    """Issue 26: a refresh while a large upload was indexed failed "Another process is
    writing"; in the app it goes through the same queue and waits its turn."""
    from local_site import LocalSite, Reply, article_page, rss

    from assistant.app.library import queued_ingest
    from assistant.index.locking import writer_lock
    from assistant.services.sources import WebSources
    from assistant.web.fetch import Fetcher, FetchPolicy

    assistant = handlers.assistant
    holding, release = threading.Event(), threading.Event()

    def large_upload(paths: list[Path], progress) -> str:  # type: ignore[no-untyped-def]
        with writer_lock(assistant.settings):
            holding.set()
            release.wait(30)
        return "large done"

    policy = FetchPolicy(timeout=2, deadline=5, retries=0, host_delay=0.0, allow_private=True)
    with LocalSite() as site:
        site.routes["/feed.xml"] = Reply(rss("Port news", [("p-1", site.url("/p"), "Port", "")]),
                                         content_type="application/rss+xml")  # fmt: skip
        site.routes["/p"] = Reply(article_page("Port strike ends", ["Dockers in Tema voted."]))
        web = WebSources(assistant, Fetcher(policy), index=queued_ingest(assistant))
        web.add_feed(site.url("/feed.xml"))
        handlers.archive.queue.submit([Path("large.txt")], large_upload)
        assert holding.wait(10)
        threading.Timer(1.0, release.set).start()
        done = web.refresh(wait=0)  # the direct ingest gave up at once: the lock was held
    assert done.report is not None and done.report.added == 1
    assert "Port strike ends" in {e.title for e in assistant.articles()}
