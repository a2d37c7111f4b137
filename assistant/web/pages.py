"""A fetched response to an article record on disk, ready for the indexer.

What a server says its response is cannot be trusted, so the body is sniffed: markup
that opens with ``<rss``, ``<feed`` or ``<rdf:RDF`` is a feed, other markup or text is a
page, and anything else (images, archives, JSON) is refused with a message. A page is
extracted once (``ingest.web_extract``) and kept as a small JSON file under the web
folder, so re-indexing never fetches again and the index can always be rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from assistant.errors import FetchFailed
from assistant.ingest.decoding import Unreadable, decode
from assistant.ingest.documents import slug
from assistant.ingest.web_extract import ExtractedPage, extract_page
from assistant.web.fetch import Fetched

_FEED = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|title|meta)[\s>/]",
                     re.IGNORECASE)  # fmt: skip
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


class Kind(StrEnum):
    """What a URL turned out to hold."""

    PAGE = "page"
    FEED = "feed"


def sniff(fetched: Fetched) -> Kind:
    """Feed or page, by the bytes themselves; ``FetchFailed`` for anything else."""
    head = fetched.body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    declared = fetched.content_type.split(";")[0].strip().lower() or "no content type"
    if not head:
        raise FetchFailed(f"{fetched.url}: the server sent an empty response")
    if _FEED.search(head):
        return Kind.FEED
    if _MARKUP.search(head):
        return Kind.PAGE
    try:
        decode(fetched.body[:65536])
    except Unreadable:
        raise FetchFailed(
            f"{fetched.url}: is not a web page or feed (it says {declared} but holds binary "
            "data); not indexed"
        ) from None
    if declared.startswith(_TEXT_TYPES) or declared == "no content type":
        return Kind.PAGE
    raise FetchFailed(f"{fetched.url}: is {declared}, not a web page or feed; not indexed")


def page_text(fetched: Fetched) -> str:
    """The body as text: the declared charset, then the page's own, then UTF-8/Windows-1252."""
    for charset in _charsets(fetched):
        try:
            return fetched.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return decode(fetched.body)[0]
    except Unreadable as error:
        raise FetchFailed(f"{fetched.url}: {error}; not indexed") from None


def _charsets(fetched: Fetched) -> list[str]:
    found = [fetched.charset] if fetched.charset else []
    if match := _META_CHARSET.search(fetched.body[:4096]):
        found.append(match.group(1).decode("ascii"))
    if fetched.body.startswith(b"\xef\xbb\xbf"):
        found.insert(0, "utf-8-sig")
    return found


def extract(fetched: Fetched) -> ExtractedPage:
    """The page's article and metadata; ``FetchFailed`` when it holds no article text."""
    if sniff(fetched) is Kind.FEED:
        raise FetchFailed(f"{fetched.url}: is a feed, not an article page; not indexed")
    page = extract_page(page_text(fetched), url=fetched.url)
    if not page.text.strip():
        raise FetchFailed(f"{fetched.url}: no article text found on the page; not indexed")
    return page


def same_site(one: str, other: str) -> bool:
    """Whether two URLs are on one site: the same host, or one a subdomain of the other
    (``amp.example.com`` and ``www.example.com``), ports aside."""
    a, b = (
        (urlsplit(u).hostname or "").lower().removeprefix("www.").rstrip(".") for u in (one, other)
    )
    return bool(a and b) and (a == b or a.endswith(f".{b}") or b.endswith(f".{a}"))


def shown_url(page: ExtractedPage, fetched_from: str) -> str:
    """The page's canonical URL when it is on the fetched page's own site, else the
    fetched URL: a page cannot claim to be another site's story."""
    if page.url and same_site(page.url, fetched_from):
        return page.url
    return fetched_from


def save_article(
    page: ExtractedPage, fetched_from: str, folder: Path, feed: str = "", key: str = ""
) -> Path:
    """Write the article as ``<folder>/<host>/<title>-<hash of its key>.json``.

    ``key`` (default: the fetched URL) says which stored article this is: the same URL
    fetched again, or the same feed entry, replaces its file (the old one goes if the title
    changed), so the indexer sees an update, not a second article. What the page says
    about itself (its canonical URL) never decides it, so one page cannot replace
    another's article; two URLs of one text are kept once by the indexer.
    """
    host = urlsplit(fetched_from).hostname or "web"
    record = {
        "title": page.title,
        "date": page.date,
        "source": page.sitename or host.removeprefix("www."),
        "author": page.author,
        "url": shown_url(page, fetched_from),
        "text": page.text,
    }
    return keep_record(record, fetched_from, folder, feed, key)


def keep_record(
    record: Mapping[str, object], fetched_from: str, folder: Path, feed: str = "", key: str = ""
) -> Path:
    """Write a fetched article record as ``<folder>/<host>/<title>-<hash of its key>.json``,
    replacing the file the same key had before (``save_article`` says why)."""
    host = urlsplit(fetched_from).hostname or "web"
    digest = hashlib.sha256((key or fetched_from).encode("utf-8")).hexdigest()[:10]
    where = folder / slug(host.removeprefix("www."))
    target = where / f"{slug(str(record['title']) or 'article')[:50]}-{digest}.json"
    for older in where.glob(f"*-{digest}.json"):
        if older != target:
            older.unlink(missing_ok=True)
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write_json(target, {**record, "fetched_from": fetched_from, "fetched_at": stamp, "feed": feed})
    return target


def write_json(target: Path, data: object) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
