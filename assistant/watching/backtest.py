"""A watch replayed over the archive: what it would have said, had it been saved then.

The answer as of ``date_from``, then the articles published after it up to ``date_to``
in date order, each day read as a refresh would have read it (``refresh.advance``): no
article from a later day is seen before its day. It is how a user checks a watch before
saving it, and how the evaluation measures the watches (``benchmarks/watches.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from assistant.errors import InvalidInput
from assistant.records import ArticleEntry
from assistant.text.dates import date_key
from assistant.text.user_input import make_filters
from assistant.watching.checks import first_state
from assistant.watching.percolator import chunks_with_vectors, matches
from assistant.watching.refresh import advance
from assistant.watching.watch_store import make_watch
from assistant.watching.watches import Alert, Watch, WatchKind

MAX_DAYS = 366  # days with articles: a replay is for checking a watch, not reading a decade


def published_between(store: Any, first: dt.date, last: dt.date | None) -> list[ArticleEntry]:
    """The ready articles published from ``first`` to ``last`` (open: to the newest)."""
    where: dict[str, Any] = {"date_key": {"$gte": date_key(first.isoformat())}}
    if last is not None:
        where = {"$and": [where, {"date_key": {"$lte": date_key(last.isoformat())}}]}
    return [e for e in store.manifest(where).values() if e.ready]


def replay(
    assistant: Any, watches: Sequence[Watch], date_from: Any, date_to: Any = None
) -> dict[str, list[Alert]]:
    """Each watch's alerts over the archive after ``date_from`` (its state as of that day
    first), by watch id; the articles are read once for all the watches."""
    window = make_filters(date_from, date_to)
    if window.date_from is None:
        raise InvalidInput("A backtest needs the day it starts from (--from YYYY-MM-DD).")
    later = published_between(
        assistant.store, window.date_from + dt.timedelta(days=1), window.date_to
    )
    if len({e.date for e in later}) > MAX_DAYS:
        raise InvalidInput(f"A backtest reads at most {MAX_DAYS} days of articles; give --to.")
    chunks = chunks_with_vectors(assistant.store, [e.id for e in later])
    affected = matches(list(watches), chunks, assistant.embedder)
    by_id = {e.id: e for e in later}
    found: dict[str, list[Alert]] = {}
    for watch in watches:
        start = first_state(assistant, watch, as_of=window.date_from)
        mine = [by_id[a] for a in affected.get(watch.id, ()) if a in by_id]
        _, found[watch.id] = advance(assistant, start, mine)
    return found


def backtest(
    assistant: Any,
    question: str,
    date_from: Any,
    date_to: Any = None,
    kind: WatchKind | str = WatchKind.ANSWER,
) -> list[Alert]:
    """The alerts a watch of ``question`` saved on ``date_from`` would have raised by
    ``date_to``, oldest first."""
    watch = make_watch(question, kind)
    return replay(assistant, [watch], date_from, date_to)[watch.id]
