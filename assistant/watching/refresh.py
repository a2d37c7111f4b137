"""After articles arrive: check the watches they can affect, and keep what that raised.

Runs after every ingest, upload and feed refresh (the facade's after-ingest hook). The new
articles are first noted as waiting, then matched against the watches (``percolator``);
each affected watch reads them day by day, oldest first (``checks``), so a day's report is
compared with the one before it; last, the watches' state, the alerts and the end of the
articles' wait are written in one transaction (``WatchStore.record``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby

from assistant.facade import Assistant
from assistant.records import ArticleEntry, IngestReport
from assistant.watching.checks import Asker, check_answer, check_stories
from assistant.watching.percolator import matches
from assistant.watching.watch_store import WatchStore
from assistant.watching.watches import Alert, Watch, WatchKind
from assistant.watching.webhook import post_alerts

log = logging.getLogger(__name__)
Delivery = Callable[[Sequence[Alert]], None]
_DELIVERIES: list[Delivery] = []


def register_delivery(deliver: Delivery) -> None:
    """Also hand every new alert to ``deliver`` (a webhook, a notifier); failures are logged."""
    _DELIVERIES.append(deliver)


def by_day(entries: Iterable[ArticleEntry]) -> list[list[ArticleEntry]]:
    """The articles in groups of one publication day, oldest first (undated last)."""
    ordered = sorted(entries, key=lambda e: (e.date is None, e.date or "", e.id))
    return [list(group) for _, group in groupby(ordered, key=lambda e: e.date)]


def advance(
    asker: Asker, watch: Watch, entries: Sequence[ArticleEntry], seen: Iterable[str] = ()
) -> tuple[Watch, list[Alert]]:
    """The watch after reading ``entries`` day by day, and the alerts it raised."""
    alerts: list[Alert] = []
    told = set(seen)
    for day in by_day(entries):
        if watch.kind is WatchKind.ANSWER:
            watch, alert = check_answer(asker, watch, day)
            alerts += [alert] if alert else []
        else:
            watch, found = check_stories(asker, watch, day, told)
            told |= {a.story for a in found}
            alerts += found
    return watch, alerts


def refresh_watches(assistant: Assistant, written: Sequence[str] = ()) -> list[Alert]:
    """Check the watches of ``assistant``'s index against the articles ``written`` (and any
    a killed refresh left waiting); the alerts newly stored. Costs nothing without watches."""
    settings = assistant.settings
    watch_store = WatchStore(settings.index_dir)
    if not watch_store.exists:
        return []
    watch_store.wait_for(written)
    waiting = watch_store.waiting()
    watches = watch_store.watches()
    if not waiting or not watches:
        return watch_store.record([], [], checked=waiting) if waiting else []
    store = assistant.store
    store.catch_up()  # another process (a killed refresh's ingest) may have written
    entries = {a: e for a in waiting if (e := store.entry(a)) is not None and e.ready}
    chunk_ids = [c.id for c in store.chunks_of(list(entries))]
    chunks = store.get_chunks(chunk_ids, embeddings=True)
    affected = matches(watches, chunks, assistant.embedder)
    changed: list[Watch] = []
    alerts: list[Alert] = []
    for watch in watches:
        mine = [entries[a] for a in affected.get(watch.id, ()) if a in entries]
        if not mine:
            continue
        seen = {a.story for a in watch_store.alerts(watch_id=watch.id)}
        after, raised = advance(assistant, watch, mine, seen)
        changed.append(after)
        alerts += raised
    stored = watch_store.record(changed, alerts, checked=waiting)
    post_alerts(settings, stored)
    for deliver in _DELIVERIES:
        try:
            deliver(stored)
        except Exception as error:  # a delivery that fails never loses the stored alert
            log.warning("delivering %d alerts failed: %s", len(stored), error)
    return stored


def on_ingest(assistant: Assistant, report: IngestReport) -> None:
    """The facade's after-ingest hook (``assistant/__init__`` registers it)."""
    refresh_watches(assistant, report.written)
