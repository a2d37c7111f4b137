"""Find article files and read each with its format's reader (``formats.FORMATS``).

A bad file or record never stops a load: it becomes a ``Problem`` that names the file
(and line), what is wrong and what to do, and everything else is still read.
Loading streams: records come out one at a time, so a large archive needs little memory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from assistant.ingest.decoding import Unreadable
from assistant.ingest.documents import build_article
from assistant.ingest.formats import FORMATS, suffix_of, supported_suffixes
from assistant.records import Article, Problem
from assistant.text.dates import latest_credible_day

log = logging.getLogger(__name__)


def load_file(path: Path, max_bytes: int = 20_000_000) -> Iterator[Article | Problem]:
    """Articles in one file, and a ``Problem`` for each part that could not be read."""
    reader = FORMATS.get(suffix_of(path))
    if reader is None:
        yield Problem(str(path), unsupported_message(path))
        return
    try:
        if path.stat().st_size == 0:
            yield Problem(str(path), "is empty; skipped")
            return
        empty = True
        for item in reader(path, max_bytes):
            empty = False
            if isinstance(item, Problem):
                yield item
            elif (article := build_article(item)) is None:
                yield Problem(item.path, "has no text; skipped")
            elif article.date and article.date > latest_credible_day().isoformat():
                note = f"is dated {article.date}, after today; indexed as undated"
                yield Problem(item.path, note, skipped=False)
                yield replace(article, date=None)
            else:
                yield article
        if empty:
            yield Problem(str(path), "holds no articles; skipped")
    except Unreadable as error:
        yield Problem(str(path), f"{error}; skipped")
    except OSError as error:
        yield Problem(str(path), f"cannot be read ({error.strerror or error}); skipped")
    except Exception as error:  # one bad file never stops the others
        log.exception("reading %s failed", path)
        yield Problem(
            str(path), f"could not be read ({type(error).__name__}); skipped, the others were read"
        )


def unsupported_message(path: Path) -> str:
    suffix = suffix_of(path) or "(no extension)"
    return f"has an unsupported type {suffix}; use one of {', '.join(supported_suffixes())}"


def find_files(paths: Iterable[Path], within: Path | None = None) -> Iterator[Path | Problem]:
    """Every supported file under ``paths``, sorted; hidden files and folders are ignored.

    With ``within``, a path that resolves outside that folder is refused, so a name
    like ``../../etc/passwd`` cannot reach beyond the folder the user chose. Inside a
    folder, a file that links out of it is refused too: naming a folder names only what
    is in it.
    """
    for path in paths:
        if within is not None and not is_within(path, within):
            yield Problem(str(path), f"is outside {within}; only files inside it can be added")
            continue
        if not path.exists():
            yield Problem(str(path), "does not exist; check the path")
            continue
        if path.is_file():
            yield path.resolve()
            continue
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path)
            if any(part.startswith(".") for part in relative.parts) or not child.is_file():
                continue
            if not is_within(child, within or path):  # a link out of the folder
                yield Problem(str(child), f"points outside {within or path}; skipped")
            elif suffix_of(child) in FORMATS:
                yield child.resolve()
            elif child.name.lower() not in ("readme", "license"):
                yield Problem(str(child), unsupported_message(child))


def is_within(path: Path, folder: Path) -> bool:
    """True when ``path`` (links resolved) lies inside ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())


def load_paths(paths: Iterable[Path], max_bytes: int = 20_000_000) -> Iterator[Article | Problem]:
    """All articles under ``paths``, streamed, with a ``Problem`` for whatever was skipped."""
    for item in find_files(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from load_file(item, max_bytes)
