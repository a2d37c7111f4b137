"""RSS and Atom feeds: what a feed lists, and which of its entries are new.

Parsing is feedparser's (it reads RSS 0.9x-2.0, RDF and Atom, and survives broken XML).
An entry is known by its id (its link when it has none), so a feed that re-orders or
re-dates its items does not bring the same story in twice.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import feedparser

from assistant.errors import FetchFailed
from assistant.ingest.html_text import html_to_document
from assistant.ingest.web_extract import ExtractedPage


@dataclass(frozen=True)
class Entry:
    """One item of a feed, with the feed's own copy of the story as a fallback."""

    id: str
    link: str
    title: str
    date: str  # ISO yyyy-mm-dd or ""
    summary: str  # plain text: the entry's content, else its summary

    def as_page(self, feed_title: str) -> ExtractedPage:
        """The entry as an article, for when its page cannot be fetched or read."""
        return ExtractedPage(
            text=self.summary, title=self.title, date=self.date, sitename=feed_title, url=self.link
        )


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and its entries, newest first as the feed lists them."""

    title: str
    entries: tuple[Entry, ...]


def parse_feed(body: bytes, url: str) -> Feed:
    """The feed in ``body``; ``FetchFailed`` when it is not RSS or Atom at all."""
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True,
                              response_headers={"content-location": url})  # fmt: skip
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise FetchFailed(f"{url}: is not an RSS or Atom feed ({reason}); not followed")
    entries = _distinct(_entry(raw) for raw in parsed.entries)
    title = " ".join(str(parsed.feed.get("title", "")).split())
    return Feed(title=title, entries=entries)


def _entry(raw: Any) -> Entry:
    link = str(raw.get("link", "")).strip()
    title = " ".join(str(raw.get("title", "")).split())
    content = raw.get("content") or []
    markup = str(content[0].get("value", "")) if content else str(raw.get("summary", ""))
    summary = html_to_document(markup).text if markup else ""
    key = str(raw.get("id", "")).strip() or link
    if not key:
        key = "sha256:" + hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()[:24]
    return Entry(id=key, link=link, title=title, date=_date(raw), summary=summary)


def _distinct(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Entries with one id each: a feed that repeats an id (or a link, for entries without
    one) for different stories keeps them all, each known by its content as well."""
    out: list[Entry] = []
    used: set[str] = set()
    for entry in entries:
        if entry.id in used:
            content = f"{entry.link}\n{entry.title}\n{entry.summary}".encode()
            entry = replace(entry, id=f"{entry.id}#{hashlib.sha256(content).hexdigest()[:16]}")
        if entry.id not in used:  # the very same entry twice is one
            used.add(entry.id)
            out.append(entry)
    return tuple(out)


def _date(raw: Any) -> str:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(name)
        if value:
            stamp = calendar.timegm(value)
            return dt.datetime.fromtimestamp(stamp, dt.UTC).date().isoformat()
    return ""
