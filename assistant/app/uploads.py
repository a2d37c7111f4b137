"""Files that arrive through the web app: which ones may be read, and where they are kept.

A client of the Gradio API names the files of an upload by their path on the server, so
the app must not take a path on trust: only a file that Gradio itself received through
its upload route, still in its upload folder and not a link, is read (``GradioUploads``),
and once copied into ``corpus/uploads/`` it is removed from Gradio's folder, so a path
cannot be replayed later. Trusted callers (tests, scripts) name a folder of their own
(``FolderUploads``). Saved copies get a safe name no other file has (``save_upload``);
a file whose bytes are already kept is not kept twice.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import InvalidInput
from assistant.ingest.formats import suffix_of
from assistant.ingest.loaders import is_within


def upload_path(item: Any) -> Path:
    """A Gradio upload as a path (a str, or an object or dict with ``path`` / ``name``)."""
    if isinstance(item, dict):
        return Path(str(item.get("path") or item.get("name") or ""))
    for attribute in ("path", "name"):
        if isinstance(getattr(item, attribute, None), str):
            return Path(getattr(item, attribute))
    return Path(str(item))


class UploadGate(Protocol):
    """Decides which named files an upload may read."""

    def admit(self, path: Path) -> Path:
        """The file to read, or ``InvalidInput`` saying why it may not be read."""
        ...

    def release(self, path: Path) -> None:
        """The file has been copied (or refused): forget it."""
        ...


NOT_RECEIVED = "was not received as an upload; choose the file again"


def _regular_file_in(path: Path, folder: Path, why: str) -> Path:
    if path.is_symlink() or not path.is_file() or not is_within(path, folder):
        raise InvalidInput(why)
    return path


class GradioUploads:
    """Admits only files Gradio received through its ``/upload`` route for these Blocks."""

    def __init__(self, blocks: Any) -> None:
        from gradio.utils import get_upload_folder

        self.blocks = blocks
        self.folder = Path(get_upload_folder())

    def _received(self) -> set[str]:
        return {os.path.abspath(p) for p in getattr(self.blocks, "upload_file_set", ())}

    def admit(self, path: Path) -> Path:
        if os.path.abspath(path) not in self._received():
            raise InvalidInput(NOT_RECEIVED)
        return _regular_file_in(path, self.folder, NOT_RECEIVED)

    def release(self, path: Path) -> None:
        received: set[str] = getattr(self.blocks, "upload_file_set", set())
        for name in [p for p in received if os.path.abspath(p) == os.path.abspath(path)]:
            received.discard(name)
        if is_within(path, self.folder) and not path.is_symlink():
            path.unlink(missing_ok=True)


class FolderUploads:
    """Admits regular files inside one folder the caller trusts; leaves them in place."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def admit(self, path: Path) -> Path:
        return _regular_file_in(path, self.folder, f"is not a file inside {self.folder}")

    def release(self, path: Path) -> None:
        """Nothing to do: the caller's files stay where they are."""


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def kept_copy(source: Path, folder: Path) -> Path | None:
    """A file in ``folder`` with exactly the bytes of ``source``, if there is one."""
    if not folder.is_dir():
        return None
    size, digest = source.stat().st_size, _digest(source)
    for kept in folder.iterdir():
        visible = kept.is_file() and not kept.name.startswith(".")
        if visible and kept.stat().st_size == size and _digest(kept) == digest:
            return kept
    return None


def safe_name(original_name: str) -> str:
    """The client's file name as one safe for this folder: letters, digits, - _ . only."""
    name = Path(original_name).name
    suffix = suffix_of(name)
    stem = "".join(
        ch if ch.isalnum() or ch in "-_." else "-" for ch in name[: -len(suffix) or None]
    )
    return f"{stem.strip('.-')[:80] or 'upload'}{suffix}"


def save_upload(source: Path, folder: Path, original_name: str) -> Path:
    """Copy an uploaded file into ``folder`` under a safe name no other file has, atomically.

    Several uploads of ``report.txt`` at once, from threads or processes, each keep their
    own bytes: the copy goes to a temporary file of its own, and is then hard-linked to the
    first free name, which the kernel refuses when the name is taken (no check-then-write
    race), so no upload replaces or reads another's.
    """
    name = safe_name(original_name)
    suffix = suffix_of(name)
    stem = name[: -len(suffix) or None]
    folder.mkdir(parents=True, exist_ok=True)
    handle, partial_name = tempfile.mkstemp(dir=folder, prefix=".", suffix=".partial")
    partial = Path(partial_name)  # hidden: ingest never reads half a file
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as data:
            shutil.copyfileobj(data, out)
        for number in itertools.count():
            target = folder / (f"{stem}-{number}{suffix}" if number else name)
            try:
                _claim(partial, target)
            except FileExistsError:
                continue
            return target
        raise AssertionError("unreachable")  # itertools.count() never ends
    finally:
        partial.unlink(missing_ok=True)


def _claim(partial: Path, target: Path) -> None:
    """Give ``partial``'s bytes the name ``target``, or ``FileExistsError`` when it is taken."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: reserve the name, then fill it
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        shutil.copyfile(partial, target)
