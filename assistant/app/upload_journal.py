"""The upload jobs on disk, so a crash loses none: what each held, and how it ended.

The background queue lives in memory. Killed with uploads waiting, the app forgot them:
their files sat in ``corpus/uploads`` unindexed and their job ids answered 404. Each job
is written here (``corpus/uploads/.jobs.json``, replaced atomically) when it is queued and
when it ends; at start-up the app queues again every job that had not ended, under the
same id, and remembers how the others ended.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

KEPT = 200  # jobs remembered, the newest


@dataclass(frozen=True)
class Entry:
    """One job as written: its files, which of them were new, and its end (when it ended)."""

    id: str
    files: tuple[str, ...]
    new: tuple[str, ...]
    state: str = "queued"  # queued, done or failed (a running job is queued after a crash)
    message: str = ""


class UploadJournal:
    """Upload jobs in one JSON file; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def entries(self) -> list[Entry]:
        """The jobs written, oldest first (none when the file is missing or unreadable)."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [
                Entry(e["id"], tuple(e["files"]), tuple(e["new"]), e["state"], e["message"])
                for e in raw
            ]
        except (OSError, ValueError, KeyError, TypeError):
            return []

    def queued(self, job_id: str, files: list[Path], new: set[Path]) -> None:
        self._write(Entry(job_id, tuple(map(str, files)), tuple(str(p) for p in sorted(new))))

    def ended(self, job_id: str, state: str, message: str) -> None:
        with self._lock:
            entries = self.entries()
            kept = [e for e in entries if e.id != job_id]
            ended = [Entry(e.id, e.files, e.new, state, message) for e in entries if e.id == job_id]
            self._save([*kept, *ended])

    def _write(self, entry: Entry) -> None:
        with self._lock:
            self._save([*(e for e in self.entries() if e.id != entry.id), entry])

    def _save(self, entries: list[Entry]) -> None:
        unfinished = [e for e in entries if e.state == "queued"]
        finished = [e for e in entries if e.state != "queued"][-KEPT:]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.path.parent, prefix=".jobs-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump([asdict(e) for e in [*finished, *unfinished]], out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, self.path)
