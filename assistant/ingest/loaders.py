"""Find article files and read them, one format each: txt, md, html, json, jsonl.

A bad file or record never stops a load: it becomes a ``Problem`` that names the file
(and line), what is wrong and what to do, and everything else is still read.
Loading streams: records come out one at a time, so a large archive needs little memory.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.ingest.documents import Record, build_article
from assistant.ingest.html_text import html_to_document
from assistant.records import Article

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
_TEXT_KEYS = ("text", "body", "content", "article", "story")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "published_at", "publishedAt", "pubDate", "datetime")
_SOURCE_KEYS = ("source", "publisher", "outlet", "byline", "author")
_URL_KEYS = ("url", "link", "href")
_ID_KEYS = ("id", "doc_id", "guid", "article_id")
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)
# a link's target may hold one level of parentheses: [text](javascript:f(1)), [w](/a_(b))
_MD_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[([^\]]+)\]" + _MD_TARGET)
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_TOO_DEEP = "is nested too deeply to be an article (JSON arrays or objects inside each other)"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """Why a file or record was skipped (or read with a caveat)."""

    path: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class _Skip(Exception):
    """Internal: this file cannot be read at all."""


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of ``data`` and a caveat, if any; raises ``_Skip`` for bytes that are not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as error:
            raise _Skip("is marked UTF-16 but does not decode; save it as UTF-8") from error
    if _looks_binary(data):
        raise _Skip("looks like a binary file, not text; convert it to .txt, .html or .json")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise _Skip(
            f"has bytes that are neither UTF-8 nor Windows-1252 (at byte {error.start}); "
            "re-save it as UTF-8"
        ) from error
    if sum(1 for ch in text if ord(ch) > 127) > len(text) * 0.3:
        raise _Skip("is not valid UTF-8 and does not read as text; re-save it as UTF-8")
    return text, "is not valid UTF-8; read it as Windows-1252 (check accented characters)"


def _first(obj: dict[str, Any], keys: Iterable[str]) -> str:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return ", ".join(value)
    return ""


def _record_from_object(obj: dict[str, Any], path: Path, key: str) -> Record:
    text = _first(obj, _TEXT_KEYS)
    title = _first(obj, _TITLE_KEYS)
    if isinstance(obj.get("dateline"), str) and obj["dateline"].strip() and text:
        text = f"{obj['dateline'].strip()} {text}"
    return Record(
        text=text,
        path=f"{path}#{key}",
        file_stem=path.stem,
        collection=path.stem,
        title=title,
        date=_first(obj, _DATE_KEYS),
        source=_first(obj, _SOURCE_KEYS),
        url=_first(obj, _URL_KEYS),
        record_id=_first(obj, _ID_KEYS),
    )


def squad_record_id(title: str, paragraph: int) -> str:
    """A SQuAD paragraph's record id: ``Super_Bowl_50/3``."""
    return f"{'_'.join(title.replace('_', ' ').split())}/{paragraph}"


def _squad_records(data: dict[str, Any], path: Path) -> Iterator[Record]:
    """SQuAD JSON: each paragraph becomes an article titled after its Wikipedia page."""
    for article in data["data"]:
        raw_title = str(article.get("title", ""))
        title = raw_title.replace("_", " ")
        for number, paragraph in enumerate(article.get("paragraphs", [])):
            yield Record(
                text=paragraph.get("context", ""),
                path=f"{path}#{title}/{number}",
                file_stem=path.stem,
                collection=path.stem,
                title=title,
                source=path.stem,
                record_id=squad_record_id(raw_title, number),
            )


def is_squad(data: Any) -> bool:
    """Whether parsed JSON has the SQuAD layout (``data[].paragraphs[].context``)."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("data"), list)
        and all(isinstance(a, dict) and "paragraphs" in a for a in data["data"][:3])
    )


def _json_records(text: str, path: Path) -> Iterator[Record | Problem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield Problem(
            str(path),
            f"is not valid JSON ({error.msg}: line {error.lineno}, column {error.colno}); "
            "fix it, or use .jsonl with one article object per line",
        )
        return
    except RecursionError:
        yield Problem(str(path), f"{_TOO_DEEP}; skipped")
        return
    if is_squad(data):
        yield from _squad_records(data, path)
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items):
        if isinstance(item, dict):
            yield _record_from_object(item, path, str(number))
        else:
            yield Problem(f"{path}#{number}", "is not a JSON object with a text field; skipped")


def _jsonl_records(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
    with path.open("rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            where = f"{path}:{line_no}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield Problem(where, f"line is larger than the {max_bytes:,}-byte limit; skipped")
                continue
            try:
                line, caveat = decode(raw)
                obj = json.loads(line)
            except _Skip as error:
                yield Problem(where, f"line {error}; skipped")
                continue
            except json.JSONDecodeError as error:
                yield Problem(
                    where, f"is not valid JSON ({error.msg}: column {error.colno}); line skipped"
                )
                continue
            except RecursionError:
                yield Problem(where, f"{_TOO_DEEP}; the line was skipped")
                continue
            if caveat:
                yield Problem(where, caveat, skipped=False)
            if not isinstance(obj, dict):
                yield Problem(where, "is not a JSON object with a text field; skipped")
                continue
            yield _record_from_object(obj, path, str(line_no))


def front_matter(body: str) -> dict[str, Any]:
    """YAML front matter as a dict; a block YAML cannot read is taken as ``key: value`` lines."""
    try:
        parsed = yaml.safe_load(body)
    except yaml.YAMLError:
        parsed = None
    if isinstance(parsed, dict):  # YAML reads 2024-05-27 as a date: keep it as text
        return {
            str(k).strip().lower(): v.isoformat() if isinstance(v, dt.date) else v
            for k, v in parsed.items()
        }
    meta: dict[str, Any] = {}
    for line in body.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta


def _markdown_record(text: str, path: Path) -> Record:
    meta: dict[str, Any] = {}
    if match := _FRONT_MATTER.match(text):
        meta = front_matter(match.group("body"))
        text = text[match.end() :]
    title = _first(meta, _TITLE_KEYS)
    if not title:
        heading = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
        title = heading.group(1).strip() if heading else ""
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return Record(
        text=text,
        path=str(path),
        file_stem=path.stem,
        title=title,
        date=_first(meta, _DATE_KEYS),
        source=_first(meta, _SOURCE_KEYS),
        url=_first(meta, _URL_KEYS),
    )


def _html_record(text: str, path: Path) -> Record:
    page = html_to_document(text)
    return Record(
        text=page.text,
        path=str(path),
        file_stem=path.stem,
        title=page.meta.get("title", ""),
        date=page.meta.get("date", ""),
        source=page.meta.get("source") or page.meta.get("byline", ""),
        url=page.meta.get("url", ""),
    )


def _records(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_records(path, max_bytes)
        return
    size = path.stat().st_size
    if size > max_bytes:
        raise _Skip(
            f"is {size:,} bytes, over the {max_bytes:,}-byte limit; split it "
            "(or raise ASSISTANT_MAX_FILE_BYTES)"
        )
    text, caveat = decode(path.read_bytes())
    if caveat:
        yield Problem(str(path), caveat, skipped=False)
    if suffix == ".json":
        yield from _json_records(text, path)
    elif suffix in (".md", ".markdown"):
        yield _markdown_record(text, path)
    elif suffix in (".html", ".htm"):
        yield _html_record(text, path)
    else:
        yield Record(text=text, path=str(path), file_stem=path.stem)


def load_file(path: Path, max_bytes: int = 20_000_000) -> Iterator[Article | Problem]:
    """Articles in one file, and a ``Problem`` for each part that could not be read."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        yield Problem(str(path), unsupported_message(path))
        return
    try:
        if path.stat().st_size == 0:
            yield Problem(str(path), "is empty; skipped")
            return
        empty = True
        for item in _records(path, max_bytes):
            empty = False
            if isinstance(item, Problem):
                yield item
            elif (article := build_article(item)) is None:
                yield Problem(item.path, "has no text; skipped")
            else:
                yield article
        if empty:
            yield Problem(str(path), "holds no articles; skipped")
    except _Skip as error:
        yield Problem(str(path), f"{error}; skipped")
    except OSError as error:
        yield Problem(str(path), f"cannot be read ({error.strerror or error}); skipped")
    except Exception as error:  # one bad file never stops the others
        log.exception("reading %s failed", path)
        yield Problem(
            str(path), f"could not be read ({type(error).__name__}); skipped, the others were read"
        )


def unsupported_message(path: Path) -> str:
    suffix = path.suffix or "(no extension)"
    return f"has an unsupported type {suffix}; use one of {', '.join(SUPPORTED_SUFFIXES)}"


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
            elif child.suffix.lower() in SUPPORTED_SUFFIXES:
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
