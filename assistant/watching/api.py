"""Watching as plain functions: what the CLI, the HTTP API, MCP and Python callers share.

Each takes the ``Assistant`` of the index whose articles are watched (by default the one
the environment names, as ``ask`` does); the watches live beside that index.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assistant.facade import Assistant, default_assistant
from assistant.text.user_input import make_filters
from assistant.watching.backtest import backtest
from assistant.watching.checks import first_state
from assistant.watching.digest import Digest
from assistant.watching.digest import digest as build_digest
from assistant.watching.refresh import refresh_watches
from assistant.watching.watch_store import WatchStore, make_watch
from assistant.watching.watches import Alert, Watch, WatchKind


def _store(assistant: Assistant | None) -> tuple[Assistant, WatchStore]:
    chosen = assistant or default_assistant()
    return chosen, WatchStore(chosen.settings.index_dir)


def watch_add(
    question: str, kind: WatchKind | str = WatchKind.ANSWER, *, assistant: Assistant | None = None
) -> Watch:
    """Save a watch; an ``answer`` watch starts from what the articles say now."""
    chosen, store = _store(assistant)
    chosen.retriever.refresh()
    newest = chosen.retriever.newest  # "now", in an archive that ended in 1987 too
    return store.add(first_state(chosen, make_watch(question, kind), as_of=newest))


def watch_list(*, assistant: Assistant | None = None) -> list[Watch]:
    return _store(assistant)[1].watches()


def watch_get(watch_id: str, *, assistant: Assistant | None = None) -> Watch:
    return _store(assistant)[1].get(watch_id)


def watch_remove(watch_id: str, *, assistant: Assistant | None = None) -> None:
    _store(assistant)[1].remove(watch_id)


def watch_alerts(
    since: Any = None,
    watch_id: str | None = None,
    unread: bool = False,
    *,
    assistant: Assistant | None = None,
) -> list[Alert]:
    """The alerts raised (on or after ``since``, a day), newest first."""
    day = make_filters(since).date_from
    return _store(assistant)[1].alerts(day.isoformat() if day else None, watch_id, unread)


def watch_read(
    alert_ids: Iterable[str] | None = None, *, assistant: Assistant | None = None
) -> int:
    """Mark alerts read (all when ``alert_ids`` is None); how many were unread."""
    return _store(assistant)[1].mark_read(alert_ids)


def watch_test(
    question: str,
    date_from: Any,
    date_to: Any = None,
    kind: WatchKind | str = WatchKind.ANSWER,
    *,
    assistant: Assistant | None = None,
) -> list[Alert]:
    """The alerts a watch saved on ``date_from`` would have raised up to ``date_to``."""
    return backtest(assistant or default_assistant(), question, date_from, date_to, kind)


def watch_refresh(*, assistant: Assistant | None = None) -> list[Alert]:
    """Check the watches against the articles still waiting (a killed refresh's)."""
    return refresh_watches(assistant or default_assistant())


def digest(
    query: str,
    since: Any,
    to: Any = None,
    reader: str = "",
    *,
    assistant: Assistant | None = None,
) -> Digest:
    """The new stories on ``query`` after ``since``, by day; ``reader``'s seen ones left out."""
    chosen, store = _store(assistant)
    return build_digest(chosen, chosen.store, store, query, since, to, reader)
