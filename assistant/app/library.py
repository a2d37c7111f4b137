"""The Library behind the page and the API: files in, indexed in the background, and out.

One code path for the page's Add and Delete buttons, the Gradio API and the JSON API.
Uploaded files are checked and kept under ``corpus/uploads/`` at once; the background
queue (``ingest_queue``) indexes them; a kept file that gave no article is removed again
(so it can be uploaded anew once fixed). Deleting an article removes the file it came
from when the app itself keeps that file (an upload, a fetched web page), so the next
ingest or feed refresh does not bring it back.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.app.boundary import for_web
from assistant.app.ingest_queue import Job, JobState, new_job_id, queue_for
from assistant.app.upload_journal import UploadJournal
from assistant.app.uploads import UploadGate, kept_copy, save_upload, upload_path
from assistant.errors import AssistantError, IndexBusy, InvalidInput
from assistant.facade import Assistant
from assistant.ingest.formats import suffix_of, supported_suffixes
from assistant.ingest.loaders import is_within
from assistant.records import IngestReport
from assistant.text.invisible import visible

MAX_UPLOAD_FILES = 20
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # "5 MB", as the page and Gradio's own notice say
# Larger limits per type: a PDF edition of 30 pages with its photos runs to megabytes.
UPLOAD_LIMITS = {".pdf": 20 * 1024 * 1024}
LARGEST_UPLOAD = max(MAX_UPLOAD_BYTES, *UPLOAD_LIMITS.values())


def upload_limit(suffix: str) -> int:
    """The largest file of this type an upload may hold, in bytes."""
    return UPLOAD_LIMITS.get(suffix.lower(), MAX_UPLOAD_BYTES)


def limits_line() -> str:
    """ "5 MB each (.pdf 20 MB)": the limits as the page and messages state them."""
    others = ", ".join(f"{s} {n // 2**20} MB" for s, n in UPLOAD_LIMITS.items())
    return f"{MAX_UPLOAD_BYTES // 2**20} MB each ({others})"


_WRITING = threading.Lock()  # the page's and the API's Library share one upload writer
WRITER_WAIT = 600.0  # seconds a job waits for another process's ingest to finish
QUEUE_WAIT = 3600.0  # seconds a feed refresh waits for the uploads queued before it


@dataclass(frozen=True)
class Admitted:
    """An upload checked and kept: its file, whether it is new, a line for the user."""

    path: Path | None
    new: bool
    line: str


class Library:
    """Adds and removes the articles of one assistant; safe to share between threads."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.uploads = Path(assistant.settings.corpus_dir) / "uploads"
        self.queue = queue_for(assistant)
        self.journal = UploadJournal(self.uploads / ".jobs.json")
        _recover(self)

    # -- in --------------------------------------------------------------------------

    def admit(self, item: Any, gate: UploadGate) -> Admitted:
        path = upload_path(item)
        name = visible(path.name)[:120]
        try:
            source = gate.admit(path)
            size = source.stat().st_size
            suffix = suffix_of(source)
            if suffix not in supported_suffixes():
                raise InvalidInput(f"unsupported type; use {', '.join(supported_suffixes())}")
            limit = upload_limit(suffix)
            if size > limit:
                kind = f" for {suffix} files" if limit != MAX_UPLOAD_BYTES else ""
                raise InvalidInput(
                    f"{size / 2**20:.1f} MB, over the {limit // 2**20} MB limit{kind}"
                )
            if size == 0:
                raise InvalidInput("empty file")
            with _WRITING:  # one upload writer: the same bytes sent twice at once kept once
                if kept := kept_copy(source, self.uploads):
                    line = f"{name} is already in the library (as {kept.name})."
                    return Admitted(kept, False, line)
                return Admitted(save_upload(source, self.uploads, path.name), True, "")
        except InvalidInput as error:
            return Admitted(None, False, f"Refused {name}: {error}.")
        except OSError as error:  # a name the file system cannot take, a vanished file
            return Admitted(None, False, f"Refused {name}: cannot be read ({error.strerror}).")
        finally:
            gate.release(path)

    def add(self, files: list[Any], gate: UploadGate) -> tuple[str, Job | None]:
        """Check and keep the files, and queue them for indexing: (lines so far, the job)."""
        if not files:
            return "Choose one or more files first.", None
        if len(files) > MAX_UPLOAD_FILES:
            for item in files:
                gate.release(upload_path(item))
            too_many = f"⚠ {len(files)} files at once; the limit is {MAX_UPLOAD_FILES}."
            return f"{too_many} Nothing was added.", None
        admitted = [self.admit(item, gate) for item in files]
        lines = [a.line for a in admitted if a.line]
        kept = [a.path for a in admitted if a.path is not None]
        if not kept:
            return "\n".join(lines), None
        new = {a.path for a in admitted if a.new and a.path is not None}
        return "\n".join(lines), self._submit(kept, new, lines)

    def _submit(
        self, kept: list[Path], new: set[Path], lines: list[str], job_id: str | None = None
    ) -> Job:
        """Queue the kept files, written to the journal first (a crash loses no job)."""
        job_id = job_id or new_job_id()
        self.journal.queued(job_id, kept, new)

        def work(paths: list[Path], progress: Callable[[int, int], None]) -> str:
            message = "\n".join([self._index(paths, new, progress), *lines])
            self.journal.ended(job_id, JobState.DONE.value, message)
            return message

        return self.queue.submit(kept, work, job_id)

    def _index(
        self, paths: list[Path], new: set[Path], progress: Callable[[int, int], None]
    ) -> str:
        """Index kept uploads (in the queue's thread); a new file that gave no article goes."""
        try:
            report = self.assistant.ingest(paths, progress=progress, wait=WRITER_WAIT)
        except AssistantError as error:
            for path in new:
                path.unlink(missing_ok=True)
            return f"⚠ {for_web(error)} Nothing was added."
        lines = [
            f"Added {report.added}, updated {report.updated}, unchanged {report.unchanged}; "
            f"{report.chunks_embedded} chunks embedded."
        ]
        for problem in report.problems:
            kind = "Skipped" if problem.skipped else "Note:"
            lines.append(f"{kind} {visible(Path(problem.path).name)}: {problem.message}.")
        sources = {Path(e.path.split("#", 1)[0]) for e in self.assistant.articles() if e.path}
        for path in sorted(new):
            if path.resolve() not in {s.resolve() for s in sources}:
                path.unlink(missing_ok=True)
                lines.append(f"Not kept {path.name}: it holds no article to index.")
        return "\n".join(lines)

    # -- out -------------------------------------------------------------------------

    def owned(self, file: Path) -> bool:
        """Whether the app keeps this file itself (an upload or a fetched web page)."""
        return is_within(file, self.uploads) or is_within(file, self.assistant.settings.web_folder)

    def remove(self, article_id: Any) -> tuple[str, int, bool]:
        """Delete an article, and its file when the app keeps it and it held only that
        article: (message, chunks removed, file removed)."""
        if not isinstance(article_id, str) or not article_id.strip():
            raise InvalidInput("Choose an article to delete: give its id (Library or /articles).")
        entry = self.assistant.store.entry(article_id)
        removed = self.assistant.delete(article_id)
        message = f"Deleted {visible(entry.title) if entry else article_id} ({removed} chunks)."
        if entry is None or not entry.path:
            return message, removed, False
        file = Path(entry.path.split("#", 1)[0])
        others = [e for e in self.assistant.articles() if e.path.split("#", 1)[0] == str(file)]
        if not others and file.exists() and self.owned(file):
            file.unlink()
            kind = "uploaded" if is_within(file, self.uploads) else "fetched"
            return f"{message} Its {kind} file was removed too.", removed, True
        if file.exists():
            message += f" It returns if {file.name} is ingested again; remove it there."
        return message, removed, False


def queued_ingest(assistant: Assistant) -> Callable[[list[Path], float], IngestReport]:
    """Indexing through the app's one upload queue (``WebSources``' indexer in the app): a
    feed refresh during a large upload waits its turn instead of failing on the writer
    lock ("Another process is writing"); the files it fetched are kept either way."""
    queue = queue_for(assistant)

    def index(paths: list[Path], wait: float) -> IngestReport:
        done: dict[str, Any] = {}

        def work(files: list[Path], progress: Callable[[int, int], None]) -> str:
            try:
                done["report"] = assistant.ingest(files, progress=progress, wait=WRITER_WAIT)
            except AssistantError as error:
                done["error"] = error
                return f"⚠ {for_web(error)}"
            return str(done["report"].summary())

        job = queue.wait(queue.submit(paths, work).id, QUEUE_WAIT)
        if "error" in done:
            raise done["error"]
        if "report" not in done:
            raise IndexBusy(f"Still waiting behind other uploads (job {job.id if job else ''}).")
        report: IngestReport = done["report"]
        return report

    return index


_RECOVERED: set[Path] = set()
_RECOVERING = threading.Lock()


def _recover(library: Library) -> None:
    """Once per process and uploads folder: queue again the jobs a crash left unfinished
    (under their ids), and remember how the others ended."""
    with _RECOVERING:
        if library.journal.path in _RECOVERED:
            return
        _RECOVERED.add(library.journal.path)
    for entry in library.journal.entries():
        files = [Path(f) for f in entry.files if Path(f).is_file()]
        if entry.state != JobState.QUEUED.value or not files:
            state = JobState.DONE if entry.state == JobState.DONE.value else JobState.FAILED
            message = entry.message or "⚠ Its files were gone when the app restarted."
            if entry.state == JobState.QUEUED.value:
                library.journal.ended(entry.id, state.value, message)
            names = tuple(Path(f).name for f in entry.files)
            library.queue.remember(Job(entry.id, names, state, message=message))
            continue
        again = ["Queued again after the app restarted."]
        library._submit(files, {Path(f) for f in entry.new} & set(files), again, entry.id)


def sweep_stale_folders(parent: Path, prefix: str) -> None:
    """Remove upload folders left by a process that died (their names carry its pid)."""
    for folder in parent.glob(f"{prefix}*"):
        pid = folder.name.removeprefix(prefix).split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            for inner in sorted(folder.rglob("*"), reverse=True):
                inner.rmdir() if inner.is_dir() else inner.unlink(missing_ok=True)
            folder.rmdir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
