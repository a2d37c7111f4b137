"""Turn a loaded record into an ``Article``: normalised text, title, date, source, id.

Every loader ends here, so articles from any format look the same to the index. The
text is normalised once (Unicode NFC, one newline style, no control or invisible
format characters, see ``invisible``) and never changed again: all offsets stored
anywhere point into this text. Title, source and URL are cleaned the same way.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.records import Article
from assistant.text.dates import date_in_lines, parse_date
from assistant.text.invisible import visible

_MANY_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_COPYRIGHT = re.compile(
    r"^\s*(?:©\ufe0f?|\(c\)|copyright\b)\s*(?:\d{4}\s+)?(?P<source>[^\n]{2,80}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# Comment-form debris that web scrapes leave after an article's last line.
_TRAILER = re.compile(
    r"\n\s*(?:(?:leave a reply|leave a comment|your email address will not be published\.?"
    r"|required fields are marked \*|share this:?|related posts?:?)\s*)+\Z",
    re.IGNORECASE,
)
_SLUG = re.compile(r"[^a-z0-9]+")
_FILE_DATE = re.compile(r"(?P<year>(?:19|20)\d\d)[-_](?P<mnum>\d\d)[-_](?P<day>\d\d)")


@dataclass(frozen=True)
class Record:
    """One article as a loader found it, before normalisation and metadata inference."""

    text: str
    path: str  # file path, with #key for one record of a multi-record file
    file_stem: str
    collection: str = ""  # a multi-record file's name: its records' source when they name none
    id_prefix: str = ""  # before a record's own id (``id_prefix``): uploads are kept apart
    title: str = ""
    date: str = ""
    source: str = ""
    url: str = ""
    record_id: str = ""
    author: str = ""
    pages: tuple[str, ...] = ()  # a paged document's pages, in order (the text joins them)
    ocr: tuple[float, ...] = ()  # per page: OCR's confidence (0-100), -1 for a text layer
    page_story: int = 0  # one of several stories on its first page: which (1-based), else 0
    may_be_flash: bool = False  # a data file's article object: a headline alone is a flash


def paged_text(pages: tuple[str, ...]) -> tuple[str, tuple[int, ...]]:
    """Pages normalised one by one and joined by a blank line, with where each starts
    (an empty page starts where the next one does); no starts when joining the
    normalised pages does not give the normalised whole."""
    parts = [normalise_text(page) for page in pages]
    starts, offset = [], 0
    for part in parts:
        starts.append(offset)
        offset += len(part) + 2 if part else 0
    text = "\n\n".join(part for part in parts if part)
    return (text, tuple(starts)) if normalise_text(text) == text else (normalise_text(text), ())


def normalise_text(text: str) -> str:
    """The canonical form of an article's text; idempotent."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = visible(text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    text = _TRAILER.sub("", text.strip())
    return text.strip()


def content_hash(*parts: str) -> str:
    """Short, stable fingerprint of an article's text and metadata."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


def slug(value: str) -> str:
    """Lower-case ASCII words joined by dashes, for readable ids."""
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_value.lower()).strip("-")[:60] or "article"


def _title_from_stem(stem: str) -> str:
    """``lere-attack-2024-05-27`` -> ``Lere attack``."""
    words = _FILE_DATE.sub(" ", stem).replace("_", " ").replace("-", " ").split()
    phrase = " ".join(words)
    return phrase[:1].upper() + phrase[1:] if phrase else stem


def _title_from_text(text: str) -> str:
    """A first line that reads as a headline: short, no final period, not a date."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line:
            continue
        if (
            len(line) <= 150
            and not line.endswith((".", ",", ";", ":"))
            and not (len(line) <= 40 and parse_date(line))
        ):
            return line
        return ""
    return ""


def _first_sentence_title(text: str) -> str:
    first = " ".join(text.split())[:90]
    return first.rsplit(" ", 1)[0] + "…" if len(" ".join(text.split())) > 90 else first


UPLOADS_FOLDER = "uploads"  # corpus/uploads/: what the web app received


def id_prefix(path: Path) -> str:
    """``uploads/`` for a file in the app's uploads folder, else nothing.

    A record's own id is only unique within its source: an uploaded ``bbc-news.jsonl``
    with the id ``business/001`` must not become (and replace) the operator's
    ``bbc-news/business/001``.
    """
    return f"{UPLOADS_FOLDER}/" if path.parent.name == UPLOADS_FOLDER else ""


def record_article_id(file_stem: str, record_id: str, prefix: str = "") -> str:
    """The id of a record that carries its own: ``bbc-news/business/001`` (an upload's:
    ``uploads/bbc-news/business/001``)."""
    return f"{prefix}{slug(file_stem)}/{record_id}"


def build_article(record: Record) -> Article | None:
    """The record as an ``Article``, or None when it holds no text. A data file's record
    of a headline alone is a wire's flash, sent before the story (8% of Reuters-21578):
    its headline is its text (``records.headline_only``)."""
    text, pages = paged_text(record.pages) if record.pages else (normalise_text(record.text), ())
    if not text and record.may_be_flash and not record.pages:
        text = " ".join(normalise_text(record.title).split())
    if not text:
        return None
    title = " ".join(normalise_text(record.title).split()) or _title_from_text(text)
    if not title:
        title = _title_from_stem(record.file_stem) if record.file_stem else ""
    title = title or _first_sentence_title(text)

    date = parse_date(record.date) if record.date else None
    date = date or date_in_lines(text)
    if date is None and (match := _FILE_DATE.search(record.file_stem)):
        date = parse_date(match.group(0).replace("_", "-"))

    source = " ".join(normalise_text(record.source).split())
    if not source and (match := _COPYRIGHT.search(text)):
        source = match.group("source").strip(" .")
    source = source or record.collection

    iso = date.isoformat() if date else None
    url = normalise_text(record.url)
    author = " ".join(normalise_text(record.author).split())
    # the author joins the hash only when there is one: older indexes keep their hashes
    fingerprint = content_hash(text, title, iso or "", source, url, *([author] if author else []))
    text_hash = content_hash(text)
    if record.record_id:
        article_id = record_article_id(record.file_stem, record.record_id, record.id_prefix)
    else:
        article_id = f"{slug(record.file_stem or title)}-{text_hash[:10]}"
    return Article(
        id=article_id,
        title=title,
        text=text,
        date=iso,
        source=source,
        url=url,
        path=record.path,
        content_hash=fingerprint,
        text_hash=text_hash,
        author=author,
        pages=pages,
        ocr=record.ocr if pages else (),
        page_story=record.page_story if pages else 0,
    )
