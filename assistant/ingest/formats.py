"""One reader per file format, in one table: ``FORMATS`` maps a suffix to its reader.

A reader turns a file into ``Record``s (text and whatever metadata the format carries)
and a ``Problem`` for each part it cannot read. Adding a format is one function and one
entry; the loaders, the upload check and every message listing the formats follow the
table. Formats read in one piece go through ``whole_file`` (size limit, decoding).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from assistant.ingest.decoding import Unreadable, decode
from assistant.ingest.documents import Record, id_prefix
from assistant.ingest.docx_format import read_docx
from assistant.ingest.image_format import read_scan
from assistant.ingest.mail_format import read_eml, read_mbox
from assistant.ingest.pdf_format import read_pdf
from assistant.ingest.warc_format import read_warc
from assistant.ingest.web_extract import extract_page
from assistant.ingest.wire_format import is_ninjs, ninjs_fields, read_wire_xml
from assistant.records import Problem

Reader = Callable[[Path, int], Iterator[Record | Problem]]  # (file, byte limit) -> records
Parser = Callable[[str, Path], Iterator[Record | Problem]]  # (decoded text, file) -> records

_TEXT_KEYS = ("text", "body", "content", "article", "story")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "published_at", "publishedAt", "pubDate", "datetime")
_SOURCE_KEYS = ("source", "publisher", "outlet", "byline", "author")
_AUTHOR_KEYS = ("author", "authors", "byline", "creator")
_URL_KEYS = ("url", "link", "href")
_ID_KEYS = ("id", "doc_id", "guid", "article_id")
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)
_MD_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[([^\]]+)\]" + _MD_TARGET)
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_TOO_DEEP = "is nested too deeply to be an article (JSON arrays or objects inside each other)"


def _first(obj: dict[str, Any], keys: Iterable[str]) -> str:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return ", ".join(value)
    return ""


def _record_from_object(obj: dict[str, Any], path: Path, key: str) -> Record:
    if is_ninjs(obj):  # IPTC's JSON: its own names for headline, body, dates, byline
        obj = {**obj, **ninjs_fields(obj)}
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
        author=_first(obj, _AUTHOR_KEYS),
        id_prefix=id_prefix(path),
        pages=_strings(obj.get("pages")),  # a paged document kept as JSON (a fetched PDF)
        ocr=tuple(float(c) for c in obj.get("ocr") or () if isinstance(c, int | float)),
        page_story=story if isinstance(story := obj.get("page_story"), int) else 0,
        may_be_flash=True,
    )


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


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
                id_prefix=id_prefix(path),
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
            except Unreadable as error:
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


def _markdown(text: str, path: Path) -> Iterator[Record]:
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
    yield Record(
        text=text,
        path=str(path),
        file_stem=path.stem,
        title=title,
        date=_first(meta, _DATE_KEYS),
        source=_first(meta, _SOURCE_KEYS),
        url=_first(meta, _URL_KEYS),
        author=_first(meta, _AUTHOR_KEYS),
    )


def _html(text: str, path: Path) -> Iterator[Record]:
    """A saved web page: its article's text and metadata, without the page's boilerplate."""
    page = extract_page(text)
    yield Record(
        text=page.text,
        path=str(path),
        file_stem=path.stem,
        title=page.title,
        date=page.date,
        source=page.sitename or page.author,
        url=page.url,
        author=page.author,
    )


def _plain(text: str, path: Path) -> Iterator[Record]:
    yield Record(text=text, path=str(path), file_stem=path.stem)


def whole_file(parse: Parser) -> Reader:
    """A reader for a format parsed in one piece: size-checked and decoded, then ``parse``d."""

    def read(path: Path, max_bytes: int) -> Iterator[Record | Problem]:
        size = path.stat().st_size
        if size > max_bytes:
            raise Unreadable(
                f"is {size:,} bytes, over the {max_bytes:,}-byte limit; split it "
                "(or raise ASSISTANT_MAX_FILE_BYTES)"
            )
        text, caveat = decode(path.read_bytes())
        if caveat:
            yield Problem(str(path), caveat, skipped=False)
        yield from parse(text, path)

    return read


FORMATS: dict[str, Reader] = {
    ".txt": whole_file(_plain),
    ".md": whole_file(_markdown),
    ".markdown": whole_file(_markdown),
    ".html": whole_file(_html),
    ".htm": whole_file(_html),
    ".json": whole_file(_json_records),
    ".jsonl": _jsonl_records,  # streamed line by line: the size limit is per line
    ".pdf": read_pdf,  # pages with a text layer, in reading order (pdf_format)
    ".docx": read_docx,  # Word (docx_format)
    ".xml": read_wire_xml,  # NITF or NewsML-G2, by the root element (wire_format)
    ".nitf": read_wire_xml,
    ".warc": read_warc,  # web archives: each captured article page (warc_format)
    ".warc.gz": read_warc,
    ".png": read_scan,  # scanned pages, read by OCR (image_format, ocr)
    ".jpg": read_scan,
    ".jpeg": read_scan,
    ".tif": read_scan,
    ".tiff": read_scan,
}
# What an e-mail's attachment may be to be read as an article of its own.
_ATTACHED = {s: FORMATS[s] for s in (".pdf", ".docx", ".txt", ".md", ".html", ".htm")}
FORMATS[".eml"] = read_eml(_ATTACHED)  # e-mail (mail_format)
FORMATS[".mbox"] = read_mbox(_ATTACHED)


def register_format(suffix: str, reader: Reader | Parser, *, whole: bool = True) -> None:
    """Read files ending in ``suffix`` with ``reader`` (a plugin's entry point calls this).

    With ``whole`` (the default) ``reader`` is a ``Parser`` of the decoded text and gets
    the size limit and decoding of ``whole_file``; otherwise it is a ``Reader`` of its own.
    """
    suffix = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
    FORMATS[suffix] = whole_file(reader) if whole else reader  # type: ignore[arg-type,assignment]


def suffix_of(path: Path | str) -> str:
    """The format suffix of a file name: the longest in ``FORMATS`` it ends with
    (``.warc.gz`` before ``.gz``), else its last suffix, lower-cased."""
    name = Path(path).name.lower()
    known = [s for s in FORMATS if name.endswith(s) and len(name) > len(s)]
    return max(known, key=len) if known else Path(name).suffix


def supported_suffixes() -> tuple[str, ...]:
    """The suffixes ``FORMATS`` can read, in its order (for messages and file pickers)."""
    return tuple(FORMATS)
