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
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.config import Settings
from assistant.errors import AssistantError, IndexBusy
from assistant.facade import Assistant
from assistant.records import ArticleEntry, IngestReport
from assistant.watching.checks import Asker, check_answer, check_stories
from assistant.watching.notify import notify_alerts
from assistant.watching.percolator import chunks_with_vectors, matches
from assistant.watching.watch_store import WatchStore
from assistant.watching.watches import Alert, Watch, WatchKind
from assistant.watching.webhook import post_alerts

log = logging.getLogger(__name__)
LOCK_FILE = ".watches.lock"
LOCK_WAIT = 600.0  # seconds a refresh waits for another to finish
_MANY = 100  # waiting articles past which the whole manifest is read once, not each entry
DELIVERIES: tuple[Callable[[Settings, Sequence[Alert]], object], ...] = (
    post_alerts,  # ASSISTANT_WATCH_WEBHOOK
    notify_alerts,  # ASSISTANT_WATCH_NOTIFY (the notify extra)
)  # each is told the alerts once they are stored; one that fails loses none of them


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
    a killed refresh or ingest left waiting); the alerts newly stored. Costs nothing without
    watches. One refresh at a time per index: another waits for this one to end."""
    settings = assistant.settings
    watch_store = WatchStore(settings.index_dir)
    if not watch_store.exists:
        return []
    watch_store.wait_for(written)
    try:
        with FileLock(str(Path(settings.index_dir) / LOCK_FILE), timeout=LOCK_WAIT):
            stored = _refresh(assistant, watch_store)
    except Timeout:
        raise IndexBusy("Another refresh of the watches is running; its articles wait.") from None
    for deliver in DELIVERIES:
        deliver(settings, stored)
    return stored


def _refresh(assistant: Assistant, watch_store: WatchStore) -> list[Alert]:
    waiting = watch_store.waiting()
    watches = watch_store.watches()
    if not waiting or not watches:
        return watch_store.record([], [], checked=waiting) if waiting else []
    store = assistant.store
    store.catch_up()  # another process (a killed refresh's ingest) may have written
    known = store.manifest() if len(waiting) > _MANY else {a: store.entry(a) for a in waiting}
    entries = {a: e for a in waiting if (e := known.get(a)) is not None and e.ready}
    affected = matches(watches, chunks_with_vectors(store, list(entries)), assistant.embedder)
    changed: list[Watch] = []
    alerts: list[Alert] = []
    for watch in watches:
        mine = [entries[a] for a in affected.get(watch.id, ()) if a in entries]
        if not mine:
            continue
        seen = {a.story for a in watch_store.alerts(watch_id=watch.id)}
        try:
            after, raised = advance(assistant, watch, mine, seen)
        except AssistantError as error:  # one watch that cannot be checked stops no other
            log.warning("watch %s was not checked: %s", watch.id, error)
            continue
        changed.append(after)
        alerts += raised
    return watch_store.record(changed, alerts, checked=waiting)


def note_written(assistant: Assistant, article_ids: list[str]) -> None:
    """The facade's before-write hook: the articles about to be written wait to be checked."""
    WatchStore(assistant.settings.index_dir).wait_for(article_ids)


def on_ingest(assistant: Assistant, report: IngestReport) -> None:
    """The facade's after-ingest hook (``assistant/__init__`` registers it)."""
    refresh_watches(assistant, report.written)
