"""The command line's web doors: ``assistant ingest URL...`` and ``assistant feeds ...``.

The command line runs as the user on their own machine, so it may fetch addresses on the
local network (an intranet feed); the web app may not unless ASSISTANT_FETCH_PRIVATE=1.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.records import Problem
from assistant.text.invisible import visible

if TYPE_CHECKING:
    from assistant.services.sources import WebSources

ProblemPrinter = Callable[[list[Problem]], None]


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _sources(settings: Settings) -> WebSources:
    from assistant.facade import Assistant
    from assistant.services.sources import WebSources
    from assistant.web.fetch import Fetcher, FetchPolicy

    return WebSources(Assistant(settings), Fetcher(FetchPolicy(allow_private=True)))


def ingest_urls(settings: Settings, urls: list[str], wait: float, show: ProblemPrinter) -> None:
    """Fetch and index ``urls``; prints what happened."""
    done = _sources(settings).ingest_urls(urls, wait=wait)
    show(list(done.problems))
    print(f"{len(done.files)} web articles fetched into {settings.web_folder}/.")
    if done.report is not None and done.files:
        print(done.report.summary())


def cmd_feeds(args: argparse.Namespace, settings: Settings, show: ProblemPrinter) -> int:
    sources = _sources(settings)
    if args.action == "add":
        state = sources.add_feed(args.url)
        print(visible(f"Following {state.url} ({state.title or 'untitled'}); fetching it now."))
        return _refresh(sources, [state.url], args.wait, show)
    if args.action == "remove":
        sources.remove_feed(args.url)
        print(f"No longer following {args.url}; its articles stay in the index.")
        return 0
    if args.action == "refresh":
        return _refresh(sources, args.urls or None, args.wait, show)
    feeds = sources.feeds()
    if not feeds:
        print("No feeds followed yet. Add one: assistant feeds add https://example.com/rss.xml")
    for feed in feeds:
        checked = feed.last_checked or "never checked"
        status = f"error: {feed.error}" if feed.error else f"{feed.last_new} new"
        line = f"{feed.url}\t{feed.title or '-'}\t{checked}\t{status}\t{feed.total} articles"
        print(visible(line))
    return 0


def _refresh(sources: WebSources, urls: list[str] | None, wait: float, show: ProblemPrinter) -> int:
    done = sources.refresh(urls, wait=wait)
    show(list(done.problems))
    for check in done.checks:
        status = f"error: {check.error}" if check.error else "ok"
        print(visible(f"{check.url}: {check.new} new ({status})"))
    if done.report is not None and done.files:
        print(done.report.summary())
    elif not done.checks:
        print("No feeds followed yet. Add one: assistant feeds add https://example.com/rss.xml")
    return 0


def add_feeds_parser(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    p = sub.add_parser("feeds", parents=[common], help="follow RSS/Atom feeds")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("add", help="follow a feed and fetch its entries now")
    a.add_argument("url")
    a.add_argument("--wait", type=float, default=30.0, help="seconds to wait for another writer")
    actions.add_parser("list", help="the followed feeds and their last check")
    r = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    r.add_argument("url")
    f = actions.add_parser("refresh", help="fetch what is new in every (or the named) feed")
    f.add_argument("urls", nargs="*")
    f.add_argument("--wait", type=float, default=30.0, help="seconds to wait for another writer")
