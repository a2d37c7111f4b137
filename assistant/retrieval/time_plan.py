"""How a question's time shapes its retrieval: which days, what to search for, what first.

The published work on time-aware news QA found two things worth copying (DESIGN.md):
split the question into its content and its time constraint and rank on both; and filter
only on an explicit window (a hard filter loses recall), falling back when it leaves
nothing, with recency a soft preference. So: a window the question names ("in May
2024", "since 2015") narrows the user's own filters; ``as_of`` ends them at that day;
"latest" and its kin set no bound but ask for the newest reports first; and retrieval
searches for the question without its time words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assistant.config import TimeMode
from assistant.records import Filters
from assistant.text.time_scope import TimeScope, read_time
from assistant.text.time_unread import unread_time

RECENT_ARCHIVE_DAYS = 30  # an archive with articles this fresh is asked relative to today


@dataclass(frozen=True)
class TimePlan:
    """What retrieval does with the question's time."""

    query: str  # the question without its time words (the question itself without any)
    filters: Filters  # the user's filters, narrowed by the window the question names
    scope: TimeScope | None
    reference: dt.date  # the day relative words were read against
    recent: bool  # prefer the newest reports (a recency cue, or an as-of day)
    unread: str = ""  # words that look like time and were not read ("during Ramadan 2019")

    @property
    def narrowed(self) -> bool:
        return self.scope is not None and self.scope.bounded


def reference_day(newest: dt.date | None, today: dt.date, as_of: dt.date | None) -> dt.date:
    """The day "last week" is counted from: the as-of day when given; today when the
    archive holds articles from the last 30 days; else the archive's newest day (an
    archive of 1987 wire stories is asked "last week" relative to its own end)."""
    if as_of is not None:
        return as_of
    if newest is None or (today - newest).days <= RECENT_ARCHIVE_DAYS:
        return today
    return newest


def plan_time(
    question: str,
    filters: Filters,
    reference: dt.date,
    as_of: dt.date | None = None,
    mode: TimeMode = TimeMode.AUTO,
) -> TimePlan:
    """The plan for ``question``; with ``mode`` off, only ``as_of`` (the caller's) counts."""
    reading = read_time(question, reference) if mode is TimeMode.AUTO else None
    scope = reading.scope if reading else None
    query = reading.content if reading and scope is not None else question
    unread = unread_time(reading.content) if reading else ""
    if as_of is not None:
        scope = TimeScope(
            start=scope.start if scope else None,
            end=min(d for d in (as_of, scope.end if scope else None) if d),
            recency=True,
            as_of=as_of,
            phrase=scope.phrase if scope else "",
        )
    narrowed = filters
    if scope is not None and scope.bounded:
        narrowed = narrow(filters, scope.start, scope.end)
    recent = scope is not None and scope.recency
    return TimePlan(query, narrowed, scope, reference, recent, unread)


def narrow(filters: Filters, start: dt.date | None, end: dt.date | None) -> Filters:
    """The user's filters and the question's window together (both must hold)."""
    starts = [d for d in (filters.date_from, start) if d is not None]
    ends = [d for d in (filters.date_to, end) if d is not None]
    return Filters(
        date_from=max(starts) if starts else None,
        date_to=min(ends) if ends else None,
        sources=filters.sources,
    )
