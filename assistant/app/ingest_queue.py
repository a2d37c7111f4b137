"""Uploads are indexed in the background, one job at a time, each with its progress.

Embedding a large upload takes minutes on a small machine. Holding the request open that
long left the uploader without an answer and every other uploader failing on the
index's writer lock. Instead the web app keeps the files (a second), hands them to this
queue and answers at once (or when a small job is done within a few seconds): one worker
thread per process indexes the jobs in order, so uploads never contend for the lock with
each other, and anyone can ask how a job is doing (the page polls it; ``GET
/api/ingest/jobs/{id}``).
"""

from __future__ import annotations

import queue
import secrets
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from assistant.app.boundary import said
from assistant.ingest.reading_progress import listening

KEPT_JOBS = 200  # finished jobs remembered for their status


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class Job:
    """One upload's indexing: what it holds, how far it got, what it said at the end."""

    id: str
    files: tuple[str, ...]
    state: JobState = JobState.QUEUED
    done: int = 0  # chunks embedded so far
    total: int = 0  # chunks to embed (known once the job runs)
    message: str = ""  # the result, once done or failed
    reading: str = ""  # what a slow reader is at ("reading scan.pdf: page 3 of 10 by OCR")
    ahead: int = 0  # jobs before this one when it was queued

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    def describe(self) -> str:
        """One line for the page and the API."""
        if self.state is JobState.QUEUED:
            behind = f" behind {self.ahead} other upload(s)" if self.ahead else ""
            return f"Waiting to be indexed{behind} (job {self.id}, {len(self.files)} file(s))."
        if self.state is JobState.RUNNING:
            progress = f": {self.done}/{self.total} chunks embedded" if self.total else ""
            progress = progress or (f": {self.reading}" if self.reading else "")
            return f"Indexing in the background (job {self.id}){progress}."
        return self.message

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state.value,
            "files": list(self.files),
            "done": self.done,
            "total": self.total,
            "message": self.describe(),
        }


def new_job_id() -> str:
    """96 random bits: not a counter, so one user cannot read another's job."""
    return secrets.token_hex(12)


# The work of one job: index these files, report progress (done, total); returns the message.
Work = Callable[[list[Path], Callable[[int, int], None]], str]


class IngestQueue:
    """One worker thread indexing jobs in the order they came."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._work: dict[str, tuple[list[Path], Work]] = {}
        self._pending: queue.Queue[str] = queue.Queue()
        self._lock = threading.Condition()
        self._worker: threading.Thread | None = None

    def submit(self, files: list[Path], work: Work, job_id: str | None = None) -> Job:
        """Queue ``work`` on ``files``; ``job_id`` names it (``new_job_id``'s by default)."""
        with self._lock:
            job_id = job_id or new_job_id()
            ahead = sum(1 for j in self._jobs.values() if not j.finished)
            job = Job(job_id, tuple(p.name for p in files), ahead=ahead)
            self._jobs[job_id] = job
            self._work[job_id] = (list(files), work)
            self._forget_old()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="ingest-queue", daemon=True)
                self._worker.start()
        self._pending.put(job_id)
        return job

    def remember(self, job: Job) -> None:
        """Keep a finished job's status (one that ended before the app restarted)."""
        with self._lock:
            self._jobs.setdefault(job.id, job)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, job_id: str, seconds: float) -> Job | None:
        """The job once finished, or as it stands after ``seconds``."""
        end = time.monotonic() + seconds
        with self._lock:
            while (job := self._jobs.get(job_id)) is not None and not job.finished:
                left = end - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
            return job

    def active(self) -> list[Job]:
        with self._lock:
            return [j for j in self._jobs.values() if not j.finished]

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)
            self._lock.notify_all()

    def _run(self) -> None:
        while True:
            job_id = self._pending.get()
            files, work = self._work.pop(job_id)
            self._update(job_id, state=JobState.RUNNING)

            def progress(done: int, total: int, job_id: str = job_id) -> None:
                self._update(job_id, done=done, total=total)

            def reading(line: str, job_id: str = job_id) -> None:
                self._update(job_id, reading=line)

            try:
                with listening(reading):
                    message = work(files, progress)
            except Exception as error:  # the worker's boundary: the work reports its own
                # errors, so this is a bug; logged, and the job says so (the thread goes on)
                message = f"⚠ {said(error, 'indexing the upload')}"
                self._update(job_id, state=JobState.FAILED, message=message)
            else:
                self._update(job_id, state=JobState.DONE, message=message)

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.finished]
        for key in finished[: max(0, len(finished) - KEPT_JOBS)]:
            del self._jobs[key]


_QUEUES: weakref.WeakKeyDictionary[Any, IngestQueue] = weakref.WeakKeyDictionary()
_QUEUES_LOCK = threading.Lock()


def queue_for(owner: Any) -> IngestQueue:
    """The one queue of an ``Assistant`` (the page and the JSON API share it)."""
    with _QUEUES_LOCK:
        if owner not in _QUEUES:
            _QUEUES[owner] = IngestQueue()
        return _QUEUES[owner]
