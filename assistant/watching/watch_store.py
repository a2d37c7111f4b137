"""Watches, their alerts and the articles waiting to be checked, in SQLite beside the index.

One file (``watches.sqlite3`` in the index folder), so the watches travel with the index
they watch. Every change is one transaction: a refresh writes the watches' new state,
their alerts and the removal of the articles it checked together, so a process killed
mid-refresh leaves the articles waiting (checked again next time) and no alert half
written; an alert's ``key`` is unique, so checking again never raises it twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import InvalidInput, NotFound
from assistant.watching.watches import Alert, Watch, WatchKind

FILE_NAME = "watches.sqlite3"
MAX_QUESTION_CHARS = 500
MAX_WATCHES = 200
_SCHEMA = """
CREATE TABLE IF NOT EXISTS watches (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, watch_id TEXT NOT NULL, key TEXT NOT NULL UNIQUE,
    raised TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS alerts_by_watch ON alerts (watch_id, raised);
CREATE TABLE IF NOT EXISTS waiting (article_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS delivered (reader TEXT NOT NULL, sentence TEXT NOT NULL,
    PRIMARY KEY (reader, sentence));
"""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def make_watch(question: str, kind: WatchKind | str = WatchKind.ANSWER) -> Watch:
    """A new watch of ``question``, not yet saved; a blank or overlong question is refused."""
    question = " ".join(str(question or "").split())
    if not question:
        raise InvalidInput("A watch needs a question (or, for a stories watch, a query).")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidInput(f"A watched question is at most {MAX_QUESTION_CHARS} characters.")
    try:
        kind = WatchKind(kind)
    except ValueError:
        raise InvalidInput(f"A watch is 'answer' or 'stories', not {str(kind)[:40]!r}.") from None
    return Watch(id="w" + secrets.token_hex(5), kind=kind, question=question, created=now())


class WatchStore:
    """The watches of one index. Cheap to open; every method is its own transaction."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir) / FILE_NAME

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def _db(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    # -- watches ---------------------------------------------------------------------

    def add(self, watch: Watch) -> Watch:
        """Save a watch (``make_watch``'s, with its answer so far); at most ``MAX_WATCHES``,
        as each one is asked again whenever new articles concern it."""
        with self._db(write=True) as db:
            (count,) = db.execute("SELECT count(*) FROM watches").fetchone()
            if count >= MAX_WATCHES:
                raise InvalidInput(
                    f"This index has {MAX_WATCHES} watches, the most it keeps; remove one first."
                )
            db.execute("INSERT INTO watches VALUES (?, ?)", (watch.id, _json(watch.to_dict())))
        return watch

    def watches(self) -> list[Watch]:
        if not self.exists:
            return []
        with self._db() as db:
            rows = db.execute("SELECT data FROM watches ORDER BY rowid").fetchall()
        return [Watch.from_dict(json.loads(data)) for (data,) in rows]

    def get(self, watch_id: str) -> Watch:
        for watch in self.watches():
            if watch.id == watch_id:
                return watch
        raise _no_watch(watch_id)

    def remove(self, watch_id: str) -> None:
        """Forget a watch and its alerts."""
        if not self.exists:
            raise _no_watch(watch_id)
        with self._db(write=True) as db:
            if not db.execute("DELETE FROM watches WHERE id = ?", (watch_id,)).rowcount:
                raise _no_watch(watch_id)
            db.execute("DELETE FROM alerts WHERE watch_id = ?", (watch_id,))

    # -- articles waiting to be checked ------------------------------------------------

    def wait_for(self, article_ids: Iterable[str]) -> None:
        """Note articles the watches have not been checked against (before checking)."""
        ids = [(a,) for a in article_ids]
        if ids and self.exists:
            with self._db(write=True) as db:
                db.executemany("INSERT OR IGNORE INTO waiting VALUES (?)", ids)

    def waiting(self) -> list[str]:
        if not self.exists:
            return []
        with self._db() as db:
            return [a for (a,) in db.execute("SELECT article_id FROM waiting ORDER BY rowid")]

    # -- sentences a digest delivered -------------------------------------------------

    def delivered(self, reader: str, sentences: Iterable[str]) -> set[str]:
        """Which of ``sentences`` an earlier digest already gave ``reader``."""
        wanted = {_fingerprint(s): s for s in sentences}
        if not wanted or not self.exists:
            return set()
        with self._db() as db:
            found = {
                key
                for key in wanted
                if db.execute(
                    "SELECT 1 FROM delivered WHERE reader = ? AND sentence = ?", (reader, key)
                ).fetchone()
            }
        return {wanted[key] for key in found}

    def deliver(self, reader: str, sentences: Iterable[str]) -> None:
        rows = [(reader, _fingerprint(s)) for s in sentences]
        if rows:
            with self._db(write=True) as db:
                db.executemany("INSERT OR IGNORE INTO delivered VALUES (?, ?)", rows)

    # -- alerts ----------------------------------------------------------------------

    def record(
        self, watches: Sequence[Watch], alerts: Sequence[Alert], checked: Iterable[str] = ()
    ) -> list[Alert]:
        """In one transaction: the watches' new state, the alerts (each once, within the
        watch's daily quota) and the ``checked`` articles no longer waiting. The alerts
        actually stored, with their ids."""
        stored: list[Alert] = []
        raised = now()
        quotas = {w.id: w.daily_quota for w in watches}
        with self._db(write=True) as db:
            for watch in watches:
                db.execute(
                    "UPDATE watches SET data = ? WHERE id = ?", (_json(watch.to_dict()), watch.id)
                )
            for alert in alerts:
                (today,) = db.execute(
                    "SELECT count(*) FROM alerts WHERE watch_id = ? AND substr(raised, 1, 10) = ?",
                    (alert.watch_id, raised[:10]),
                ).fetchone()
                if today >= quotas.get(alert.watch_id, 5):
                    continue
                cursor = db.execute(
                    "INSERT OR IGNORE INTO alerts (watch_id, key, raised, data) "
                    "VALUES (?, ?, ?, ?)",
                    (alert.watch_id, alert.key, raised, _json(alert.to_dict())),
                )
                if cursor.rowcount:
                    stored.append(_with_id(alert, cursor.lastrowid, raised))
            db.executemany("DELETE FROM waiting WHERE article_id = ?", [(a,) for a in checked])
        return stored

    def alerts(
        self, since: str | None = None, watch_id: str | None = None, unread: bool = False
    ) -> list[Alert]:
        """Alerts newest first: raised on or after ``since`` (an ISO day or time)."""
        if not self.exists:
            return []
        query, args = "SELECT id, raised, read, data FROM alerts WHERE 1 = 1", list[str]()
        if since:
            query, args = query + " AND raised >= ?", [*args, since]
        if watch_id:
            query, args = query + " AND watch_id = ?", [*args, watch_id]
        if unread:
            query += " AND read = 0"
        with self._db() as db:
            rows = db.execute(query + " ORDER BY id DESC", args).fetchall()
        return [
            _with_id(Alert.from_dict(json.loads(data)), n, raised, bool(read))
            for n, raised, read, data in rows
        ]

    def mark_read(self, alert_ids: Iterable[str] | None = None) -> int:
        """Mark alerts read (all of them when ``alert_ids`` is None); how many changed."""
        if not self.exists:
            return 0
        with self._db(write=True) as db:
            if alert_ids is None:
                return db.execute("UPDATE alerts SET read = 1 WHERE read = 0").rowcount
            ids = [(int(a),) for a in alert_ids if str(a).isdigit() and len(str(a)) <= 18]
            return sum(
                db.execute("UPDATE alerts SET read = 1 WHERE id = ? AND read = 0", i).rowcount
                for i in ids
            )


def _no_watch(watch_id: str) -> NotFound:
    return NotFound(f"No watch {str(watch_id)[:40]!r}; the list of watches names them.")


def _fingerprint(sentence: str) -> str:
    """A sentence as stored: its words, case-folded, hashed (the same sentence, however spaced)."""
    return hashlib.sha1(" ".join(sentence.casefold().split()).encode()).hexdigest()[:20]


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)


def _with_id(alert: Alert, n: int | None, raised: str, read: bool = False) -> Alert:
    return Alert.from_dict({**alert.to_dict(), "id": str(n), "raised": raised, "read": read})
