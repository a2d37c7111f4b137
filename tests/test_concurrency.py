"""Many users at once: threads asking together, ingest while answering, rival writers."""

import os
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import SEED

from assistant.config import Settings
from assistant.facade import Assistant
from assistant.index.indexer import ingest

pytestmark = pytest.mark.integration

QUESTIONS = [
    "Who claimed the Lere attack?",
    "How many soldiers were killed?",
    "What did the army say it lost?",
    "When did the CMA sign a peace agreement?",
    "Who won the 2022 football World Cup?",
    "How many soldiers are missing?",
    "Which UN mission is being pushed out by the junta?",
    "What did the CMA say it shot down?",
]


def essence(answer) -> tuple:
    """What must not depend on concurrency: the answer and its evidence (not the timings)."""
    return (
        answer.text,
        answer.abstained,
        tuple((c.article_id, c.start, c.end, round(c.score, 3)) for c in answer.citations),
    )


def test_sixteen_threads_get_the_answers_one_thread_gets(seed_settings: Settings) -> None:
    assistant = Assistant(seed_settings)
    alone = {q: essence(assistant.ask(q)) for q in QUESTIONS}
    work = QUESTIONS * 4
    start = threading.Barrier(16)

    def ask(question: str) -> tuple:
        return essence(assistant.ask(question))

    def ask_together(question: str) -> tuple:
        start.wait(timeout=60)  # the first sixteen start at the same moment
        return ask(question)

    with ThreadPoolExecutor(max_workers=16) as pool:
        together = list(pool.map(ask_together, work[:16])) + list(pool.map(ask, work[16:]))
    for question, got in zip(work, together, strict=True):
        assert got == alone[question], question


def test_answers_keep_coming_while_articles_are_ingested(tmp_path: Path) -> None:
    corpus, more = tmp_path / "corpus", tmp_path / "more"
    corpus.mkdir()
    more.mkdir()
    shutil.copy(SEED, corpus)
    settings = Settings.from_env(index_dir=tmp_path / "index", corpus_dir=corpus)
    ingest([corpus], settings)
    for n in range(30):
        (more / f"story-{n}.txt").write_text(
            f"Story {n}. Rain fell on Vale{n:02} for {n + 2} days. Rivers rose across the valley "
            f"and {n * 3} roads were closed. Officials in Vale{n:02} opened shelters.",
            encoding="utf-8",
        )
    assistant = Assistant(settings)
    expected = essence(assistant.ask("How many soldiers were killed?"))
    stop = threading.Event()
    seen: list[tuple] = []
    errors: list[BaseException] = []

    def keep_asking() -> None:
        while not stop.is_set():
            try:
                seen.append(essence(assistant.ask("How many soldiers were killed?")))
            except BaseException as error:
                errors.append(error)

    askers = [threading.Thread(target=keep_asking) for _ in range(3)]
    for thread in askers:
        thread.start()
    report = assistant.ingest([more])
    stop.set()
    for thread in askers:
        thread.join(timeout=120)
    assert report.added == 30
    assert errors == []
    assert len(seen) >= 3 and all(s[:2] == expected[:2] for s in seen)
    answer = assistant.ask("How many roads were closed in Vale07?")
    assert answer.citations[0].article_id.startswith("story-7-")


def test_two_ingest_processes_on_one_index_cannot_both_write(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    for n in range(40):
        (corpus / f"note-{n}.txt").write_text(
            f"Note {n}. " + "Word salad here. " * 60, encoding="utf-8"
        )
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    command = [sys.executable, "-m", "assistant", "ingest", str(corpus), "--quiet"]
    first = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    # wait until the first holds the writer lock, then start the rival
    lock = tmp_path / "index" / ".writer.lock"
    while first.poll() is None and not lock.exists():
        pass
    rival = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    _, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert rival.returncode == 2
    assert "Another process is writing" in rival.stderr and "--wait" in rival.stderr
    patient = subprocess.run([*command, "--wait", "300"], env=env, capture_output=True,
                             text=True, timeout=600)  # fmt: skip
    assert (
        patient.returncode == 0 and "0 added, 0 updated, 0 removed, 41 unchanged" in patient.stdout
    )


def test_an_index_written_by_another_process_is_picked_up(tmp_path: Path) -> None:
    corpus, extra, more = tmp_path / "corpus", tmp_path / "extra", tmp_path / "more"
    for folder in (corpus, extra, more):
        folder.mkdir()
    shutil.copy(SEED, corpus)
    (extra / "port.txt").write_text(
        "Port strike ends. Dockers in Rotterdam voted on Tuesday to end a nine-day strike.",
        encoding="utf-8",
    )
    (more / "ferry.txt").write_text(
        "Ferries resume. Ferries to Faro sailed again on Friday after a two-day stoppage.",
        encoding="utf-8",
    )
    settings = Settings.from_env(index_dir=tmp_path / "index", corpus_dir=corpus)
    ingest([corpus], settings)
    app = Assistant(settings)  # a long-lived process, like the web app
    assert app.ask("How many soldiers were killed?").short_answer == "five"

    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(settings.index_dir)}
    cli = [sys.executable, "-m", "assistant", "ingest", str(extra), "--quiet"]
    assert subprocess.run(cli, env=env, capture_output=True, timeout=300).returncode == 0
    app.retriever.refresh(force=True)
    for mode in ("hybrid", "dense", "bm25"):
        answer = app.ask("Where did dockers vote to end a strike?", mode=mode)
        assert "Rotterdam" in answer.citations[0].quote, mode

    # this process writes after the other one did: nothing of either is lost
    app.ingest([more])
    fresh_view = subprocess.run(
        [sys.executable, "-m", "assistant", "stats"], env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert fresh_view.stdout.startswith("3 articles,")
    assert "Faro" in app.ask("Where did ferries sail again?").citations[0].quote
