"""Chroma clients: the local folder or the server the settings name, and their errors.

Also the one place that knows how Chroma keeps a local index in memory per process
(``reload_if_changed``), so a process sees what another process wrote.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from assistant.config import Settings
from assistant.errors import BackendUnavailable, IndexProblem

# Local index -> the generation this process's Chroma view reflects (see reload_if_changed).
_SEEN: dict[str, str] = {}


_SEEN_LOCK = threading.Lock()


_OWN_FILES = {
    "README.md",
    ".gitkeep",
    ".writer.lock",
    ".watches.lock",
    "watches.sqlite3",
    "watches.sqlite3-wal",
    "watches.sqlite3-shm",
    "work",
}  # may sit in an index folder before it is built (watches and shards are ours)


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def _is_connection_error(error: Exception) -> bool:
    text = f"{type(error).__name__} {error}".lower()
    return any(
        word in text for word in ("connect", "timeout", "timed out", "refused", "unreachable")
    )


def check_index_folder(settings: Settings, create: bool) -> Path:
    """The local index folder, after making sure it is (or may become) an index."""
    path = Path(settings.index_dir)
    if path.exists() and not path.is_dir():
        raise IndexProblem(f"{path} is a file, not an index folder; set ASSISTANT_INDEX_DIR.")
    if not (path / "chroma.sqlite3").exists():
        if not create:
            raise IndexProblem(
                f"No index in {path}/ yet. Build it first: assistant ingest {settings.corpus_dir}"
            )
        foreign = [p.name for p in path.iterdir() if not _own(p.name)] if path.exists() else []
        if foreign:
            raise IndexProblem(
                f"{path}/ is not empty and holds no index ({', '.join(sorted(foreign)[:3])}...); "
                "refusing to write there. Choose an empty folder with --index-dir or "
                "ASSISTANT_INDEX_DIR."
            )
    return path


def open_client(settings: Settings, create: bool = False) -> Any:
    """A Chroma client for the configured backend, or an error that says how to fix it."""
    import chromadb

    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=_chroma_settings(),
            )
        except Exception as error:
            raise BackendUnavailable(
                f"Cannot reach the Chroma server at {settings.chroma_url} ({error}). "
                "Start it (chroma run --path DIR --host 0.0.0.0 --port 8000) or fix "
                "ASSISTANT_CHROMA_URL."
            ) from error
    path = check_index_folder(settings, create)
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except Exception as error:
        raise IndexProblem(
            f"{path}/ is not a readable Chroma index ({type(error).__name__}: {error}). "
            f"Move it aside and rebuild: mv {path} {path}.broken && assistant ingest "
            f"{settings.corpus_dir}"
        ) from error


def _own(name: str) -> bool:
    """Whether a file may sit in an index folder before Chroma's files do."""
    return name in _OWN_FILES or name.startswith(("keyword-", "server-cache"))


def wrap_error(settings: Settings, error: Exception) -> Exception:
    """Turn a Chroma or network exception into one of the assistant's errors."""
    if isinstance(error, IndexProblem | BackendUnavailable):
        return error
    if settings.chroma_url and _is_connection_error(error):
        return BackendUnavailable(
            f"Lost the Chroma server at {settings.chroma_url} ({type(error).__name__}). "
            "Check that it is running; the assistant reconnects when it is back."
        )
    return IndexProblem(
        f"The index in {settings.backend_label} could not be used ({type(error).__name__}: "
        f"{error}). If it is damaged, rebuild it: assistant ingest --rebuild {settings.corpus_dir}"
    )


def wait_for_server(url: str, timeout: float = 30.0) -> bool:
    """Poll a Chroma server's heartbeat until it answers or ``timeout`` passes."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url.rstrip('/')}/api/v2/heartbeat", timeout=2):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def remember_generation(client: Any, generation: str) -> None:
    """This process wrote ``generation`` itself: its view of the local index is current."""
    with _SEEN_LOCK:
        _SEEN[client._identifier] = generation


def reload_if_changed(client: Any, generation: str, settings: Settings) -> Any | None:
    """A new client when another process changed the local index since this one last looked.

    Chroma serves a local index from segments it loads once per process; another
    process's writes reach the shared SQLite file but not those segments, so vectors
    written elsewhere would be missing here. Chroma has no public way to drop one
    index's cached system, so this uses its private registry; it is the only place that
    does; ``tests/test_concurrency.py::test_an_index_written_by_another_process_is_picked_up``
    shows the need.
    """
    key = client._identifier
    with _SEEN_LOCK:
        seen = _SEEN.get(key)
        _SEEN[key] = generation
    if seen is None or seen == generation:
        return None
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(key, None)  # the next client reloads
    return open_client(settings)
