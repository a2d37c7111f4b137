"""One writer at a time per index folder.

Two processes writing one persistent Chroma folder can corrupt it, so every writer
(ingest, upload, delete) holds an exclusive file lock in the index folder. The lock is
released by the operating system if the holder dies, so a killed ingest never leaves
the index locked.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.config import Settings
from assistant.errors import IndexBusy


def lock_path(settings: Settings) -> Path:
    """The lock file: in the index folder, or per server and collection for a Chroma server."""
    if settings.chroma_url:
        key = hashlib.sha256(f"{settings.chroma_url}|{settings.collection}".encode()).hexdigest()
        return Path(tempfile.gettempdir()) / f"assistant-{key[:16]}.lock"
    return Path(settings.index_dir) / ".writer.lock"


@contextlib.contextmanager
def writer_lock(settings: Settings, wait: float = 0.0) -> Iterator[None]:
    """Hold the index's writer lock, waiting up to ``wait`` seconds for another writer."""
    path = lock_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise IndexBusy(
            f"Another process is writing to {settings.backend_label} (lock {path}). "
            "Wait for it to finish and try again, or pass --wait SECONDS."
        ) from None
    try:
        yield
    finally:
        lock.release()
