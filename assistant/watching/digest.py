"""What's new on a subject since a day: the new stories, grouped by day, one line each.

A digest reads the days after ``since`` as a ``stories`` watch would (``checks.check_stories``:
one line per story, reprints folded into "also published by"), so the two never disagree
on what is a story about the subject. Sentences already delivered to the same reader (in
an earlier digest) are left out, so asking every morning shows only what is new.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from assistant.codec import to_data
from assistant.errors import InvalidInput
from assistant.records import Reprint
from assistant.text.user_input import make_filters
from assistant.watching.backtest import MAX_DAYS, published_between
from assistant.watching.checks import Asker, check_stories
from assistant.watching.refresh import by_day
from assistant.watching.watch_store import WatchStore, make_watch
from assistant.watching.watches import Quote, WatchKind, also_published


@dataclass(frozen=True)
class DigestLine:
    """One new story: its best-matching sentence, cited, and who else ran it."""

    sentence: str
    citation: Quote
    also: tuple[Reprint, ...] = ()

    @property
    def text(self) -> str:
        others = f"; {also_published(self.also)}" if self.also else ""
        return f"{self.sentence} ({self.citation.where}{others})"


@dataclass(frozen=True)
class DigestDay:
    day: str
    lines: tuple[DigestLine, ...]


@dataclass(frozen=True)
class Digest:
    query: str
    since: str
    to: str | None
    days: tuple[DigestDay, ...]
    JSON_EXTRAS: ClassVar[tuple[str, ...]] = ("note",)

    @property
    def note(self) -> str:
        """ "Nothing new since 1 April 1987." when there is nothing to tell."""
        if self.days:
            return ""
        day = dt.date.fromisoformat(self.since)
        return f"Nothing new on {self.query} since {day.day} {day:%B} {day.year}."

    def lines(self) -> list[str]:
        if not self.days:
            return [self.note]
        out = [f"New on {self.query} since {self.since}:"]
        for day in self.days:
            out += [day.day] + [f"  - {line.text}" for line in day.lines]
        return out

    def to_dict(self) -> dict[str, Any]:
        return to_data(self)


def digest(
    asker: Asker,
    store: Any,
    watches: WatchStore,
    query: str,
    since: Any,
    to: Any = None,
    reader: str = "",
) -> Digest:
    """The new stories on ``query`` published after ``since`` up to ``to``; ``reader``
    names whose delivered sentences are not repeated (and records this digest's)."""
    window = make_filters(since, to)
    if window.date_from is None:
        raise InvalidInput("A digest needs the day to start after (--since YYYY-MM-DD).")
    first = window.date_from + dt.timedelta(days=1)
    arrived = by_day(published_between(store, first, window.date_to))
    if len(arrived) > MAX_DAYS:
        raise InvalidInput(
            f"A digest reads at most {MAX_DAYS} days of articles; give --to as well."
        )
    subject = make_watch(query, WatchKind.STORIES)
    days: list[DigestDay] = []
    told: set[str] = set()
    fresh: list[str] = []
    for entries in arrived:
        _, alerts = check_stories(asker, subject, entries, told)
        told |= {a.story for a in alerts}
        delivered = watches.delivered(reader, [a.new_answer for a in alerts])
        lines = tuple(
            DigestLine(a.new_answer, a.citation, a.also)
            for a in alerts
            if a.new_answer not in delivered
        )
        if lines and entries[0].date:  # an undated story is not shown, so not delivered
            fresh += [line.sentence for line in lines]
            days.append(DigestDay(entries[0].date, lines))
    watches.deliver(reader, fresh)
    return Digest(subject.question, window.date_from.isoformat(),
                  window.date_to.isoformat() if window.date_to else None, tuple(days))  # fmt: skip
