"""Turn URLs and feeds into article files on disk; the indexer takes it from there.

Nothing is lost on the way: an entry whose page cannot be fetched falls back to the
feed's own copy of the story, and an entry that yields nothing at all stays unseen, so the
next refresh tries it again. Every failure becomes a ``Problem`` naming the URL.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.errors import FetchFailed
from assistant.records import Problem
from assistant.web.documents import document_suffix, save_document
from assistant.web.feeds import Entry, Feed, parse_feed
from assistant.web.fetch import Fetcher
from assistant.web.pages import Kind, extract, save_article, sniff
from assistant.web.registry import FeedState

MAX_NEW_PER_REFRESH = 50  # a feed's backlog beyond this waits for the next refresh
_PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,application/pdf;q=0.8,*/*;q=0.5"
_FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"


@dataclass
class Collected:
    """Article files written, and what went wrong on the way."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def collect_urls(urls: list[str], fetcher: Fetcher, folder: Path) -> Collected:
    """Fetch each URL: a page becomes one article, a feed every entry it lists now."""
    out = Collected()
    for url in urls:
        try:
            fetched = fetcher.get(url, accept=_PAGE_ACCEPT)
            if suffix := document_suffix(fetched):  # a PDF or Word file behind the link
                out.files.extend(save_document(fetched, suffix, folder))
            elif sniff(fetched) is Kind.FEED:
                feed = parse_feed(fetched.body, fetched.url)
                taken, _ = _take_entries(feed, list(feed.entries), fetcher, folder, out, url)
                if not taken and feed.entries:
                    out.problems.append(Problem(url, "no entry of the feed could be read"))
                elif not feed.entries:
                    out.problems.append(Problem(url, "the feed lists no entries", skipped=False))
            else:
                out.files.append(save_article(extract(fetched), url, folder))
        except FetchFailed as error:
            out.problems.append(Problem(url, _without_url(str(error), url)))
    return out


def refresh_feed(state: FeedState, fetcher: Fetcher, folder: Path) -> tuple[FeedState, Collected]:
    """Fetch the feed if it changed and take its new entries; the state to save after."""
    out = Collected()
    checked = now_iso()
    try:
        fetched = fetcher.get(
            state.url, etag=state.etag, last_modified=state.last_modified, accept=_FEED_ACCEPT
        )
    except FetchFailed as error:
        out.problems.append(Problem(state.url, _without_url(str(error), state.url)))
        return replace(state, last_checked=checked, last_new=0, error=str(error)), out
    if fetched.not_modified:
        return replace(state, last_checked=checked, last_new=0, error=""), out
    try:
        if sniff(fetched) is not Kind.FEED:
            raise FetchFailed(f"{state.url}: is a web page, not an RSS or Atom feed")
        feed = parse_feed(fetched.body, fetched.url)
    except FetchFailed as error:
        out.problems.append(Problem(state.url, _without_url(str(error), state.url)))
        return replace(state, last_checked=checked, last_new=0, error=str(error)), out
    seen = set(state.seen)
    new = [e for e in feed.entries if e.id not in seen][:MAX_NEW_PER_REFRESH]
    until = time.monotonic() + fetcher.policy.refresh_budget
    taken, failed = _take_entries(feed, new, fetcher, folder, out, state.url, until)
    unread = f"{len(failed)} entries could not be read; they are tried again next time"
    if left := len(new) - len(taken) - len(failed):
        unread = f"{left} entries left for the next refresh (the site answers slowly)"
    updated = replace(
        state,
        title=feed.title or state.title,
        last_checked=checked,
        last_new=len(taken),
        total=state.total + len(taken),
        error=unread if failed or left else "",
        # validators only once every entry was taken: otherwise a 304 would hide the rest
        etag="" if failed or left else fetched.etag,
        last_modified="" if failed or left else fetched.last_modified,
        seen=state.remember(taken),
    )
    return updated, out


def _take_entries(
    feed: Feed,
    entries: list[Entry],
    fetcher: Fetcher,
    folder: Path,
    out: Collected,
    origin: str,
    until: float = float("inf"),
) -> tuple[list[str], list[str]]:
    """Save each entry's article until the time is up; (ids taken, ids that yielded
    nothing). Entries not reached stay unseen, for the next refresh."""
    taken, failed = [], []
    for entry in entries:
        if time.monotonic() > until:
            break
        page = None
        if entry.link:
            try:
                page = extract(fetcher.get(entry.link, accept=_PAGE_ACCEPT))
            except FetchFailed as error:
                note = "; the feed's summary was indexed instead" if entry.summary else ""
                out.problems.append(
                    Problem(entry.link, _without_url(str(error), entry.link) + note, not note)
                )
        if page is None and entry.summary:
            page = entry.as_page(feed.title)
        elif page is not None:
            page = replace(
                page,
                title=page.title or entry.title,
                date=page.date or entry.date,
                sitename=page.sitename or feed.title,
            )
        if page is None:
            if not entry.link:
                out.problems.append(Problem(origin, f"entry {entry.id!r} has no link and no text"))
            failed.append(entry.id)
            continue
        key = f"{origin}#{entry.id}"  # one file per entry, even when entries share a link
        out.files.append(save_article(page, entry.link or origin, folder, feed=origin, key=key))
        taken.append(entry.id)
    return taken, failed


def _without_url(message: str, url: str) -> str:
    """A ``FetchFailed`` message without its leading URL (the ``Problem`` names it)."""
    return message.removeprefix(f"{url}: ")
