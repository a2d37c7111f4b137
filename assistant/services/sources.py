"""Web pages and followed feeds, end to end: fetch, keep as files, index.

The one object the CLI and the web app use for the web. Fetched articles live as JSON
files in the web folder (``corpus/web/`` by default), so they are indexed like any other
article, survive a rebuilt index, and are never fetched twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.errors import FetchFailed
from assistant.facade import Assistant
from assistant.records import IngestReport, Problem
from assistant.web.collect import Collected, collect_urls, now_iso, refresh_feed
from assistant.web.feeds import parse_feed
from assistant.web.fetch import Fetcher, FetchPolicy, check_url
from assistant.web.pages import Kind, sniff
from assistant.web.registry import FeedRegistry, FeedState


@dataclass(frozen=True)
class FeedCheck:
    """What one refresh of one feed did, for the CLI's lines and the Feeds panel."""

    url: str
    title: str
    new: int
    error: str


@dataclass(frozen=True)
class WebReport:
    """A fetch-and-index run: the feeds checked, the files written, the index's report."""

    checks: tuple[FeedCheck, ...]
    files: tuple[Path, ...]
    report: IngestReport | None  # None when nothing new was written

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.report.problems if self.report else ()


# Indexes files, waiting up to the seconds given for the index's writer: the assistant's own
# ingest, or (in the web app) its one upload queue, so a refresh waits behind an upload.
Indexer = Callable[[list[Path], float], IngestReport]
REFRESH_RUNNING = "A refresh is already running; its results show here when it ends."


class WebSources:
    """URLs and feeds for one assistant; safe to use from several threads."""

    def __init__(
        self, assistant: Assistant, fetcher: Fetcher | None = None, index: Indexer | None = None
    ) -> None:
        self.assistant = assistant
        self.index = index or (lambda paths, wait: assistant.ingest(paths, wait=wait))
        settings = assistant.settings
        self.folder = settings.web_folder
        self.fetcher = fetcher or Fetcher(FetchPolicy(allow_private=settings.fetch_private))
        self.registry = FeedRegistry(self.folder)
        self._refreshing = threading.Lock()  # one refresh at a time in this process

    def ingest_urls(self, urls: list[str], wait: float = 0.0) -> WebReport:
        """Fetch pages and feeds' current entries once, and index them."""
        collected = collect_urls(urls, self.fetcher, self.folder)
        return self._index(collected, (), wait)

    def feeds(self) -> list[FeedState]:
        return self.registry.feeds()

    def add_feed(self, url: str) -> FeedState:
        """Follow a feed, after checking that it is one (the first refresh takes its entries)."""
        url = check_url(url)
        fetched = self.fetcher.get(url)
        if sniff(fetched) is not Kind.FEED:
            raise FetchFailed(f"{url}: is a web page, not an RSS or Atom feed; not followed")
        feed = parse_feed(fetched.body, url)
        return self.registry.add(url, added=now_iso(), title=feed.title)

    def remove_feed(self, url: str) -> None:
        """Stop following; the articles already taken stay in the index."""
        self.registry.remove(url)

    def refresh(self, urls: list[str] | None = None, wait: float = 30.0) -> WebReport:
        """Check the followed feeds (or those named) and index what is new.

        One refresh at a time: asked while one runs (another user's button, the timer),
        it says so at once rather than queueing behind a slow site.
        """
        if not self._refreshing.acquire(blocking=False):
            raise FetchFailed(REFRESH_RUNNING)
        try:
            return self._refresh(urls, wait)
        finally:
            self._refreshing.release()

    def _refresh(self, urls: list[str] | None, wait: float) -> WebReport:
        chosen = self.feeds()
        if urls:
            wanted = {u.strip() for u in urls}
            unknown = wanted - {f.url for f in chosen}
            if unknown:
                raise FetchFailed(
                    f"{sorted(unknown)[0]} is not followed; add it with `assistant feeds add`"
                )
            chosen = [f for f in chosen if f.url in wanted]
        collected = Collected()
        checks = []
        for state in chosen:
            updated, found = refresh_feed(state, self.fetcher, self.folder)
            self.registry.update(updated)
            collected.files.extend(found.files)
            collected.problems.extend(found.problems)
            checks.append(FeedCheck(state.url, updated.title, updated.last_new, updated.error))
        return self._index(collected, tuple(checks), wait)

    def _index(self, collected: Collected, checks: tuple[FeedCheck, ...], wait: float) -> WebReport:
        report = None
        if collected.files or web_folder_articles(self.folder):
            # the whole folder: incremental, and it picks up files a failed run left behind
            report = self.index([self.folder], wait)
            report = replace(report, problems=(*collected.problems, *report.problems))
        elif collected.problems:
            report = IngestReport(problems=tuple(collected.problems))
        return WebReport(checks=checks, files=tuple(collected.files), report=report)


def web_folder_articles(folder: Path) -> list[Path]:
    """The article files fetched so far (for the tests and the Feeds panel's count)."""
    return sorted(p for p in Path(folder).rglob("*.json") if not p.name.startswith("."))
