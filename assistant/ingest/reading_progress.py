"""How far a slow reader is (OCR takes seconds a page), told to whoever listens.

The upload queue listens while a job runs and shows "reading scan.pdf: page 3 of 10 by
OCR" until chunks are being embedded; readers call ``tell`` whether anyone listens or not.
A context variable carries the listener, so readers need no extra argument and threads
that did not ask to listen hear nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

Listener = Callable[[str], None]
_LISTENER: ContextVar[Listener | None] = ContextVar("reading_progress", default=None)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Hear readers' progress lines within this block (in this thread)."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


def tell(path: Path | str, page: int, pages: int) -> None:
    """Say that OCR is reading ``page`` (1-based) of ``pages`` of ``path``."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(f"reading {Path(path).name}: page {page} of {pages} by OCR")
