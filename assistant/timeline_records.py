"""What a story's timeline is made of: its dated events and its articles counted by period.

Built by ``answering.timeline`` from passages (``records.Passage``), shown by every door;
frozen dataclasses like the records of ``records``, turned to JSON by ``codec``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from assistant.codec import to_data
from assistant.records import Publication, Reprint


@dataclass(frozen=True, kw_only=True)
class TimelineEvent(Publication):
    """One dated event: the sentence that tells it and where it stands.

    ``day`` is when the event happened and ``date`` (as for every publication) when its
    article was published; JSON keeps the names it always had, ``date`` and ``published``.
    """

    day: str  # ISO day the event happened (or the month's / year's first day)
    granularity: str  # day, month or year
    sentence: str
    start: int  # the sentence's offsets in the article
    end: int
    also: tuple[Reprint, ...] = ()
    JSON_NAMES: ClassVar[dict[str, str]] = {"day": "date", "date": "published"}
    JSON_EXTRAS: ClassVar[tuple[str, ...]] = ("label",)

    @property
    def label(self) -> str:
        day = dt.date.fromisoformat(self.day)
        if self.granularity == "year":
            return str(day.year)
        if self.granularity == "month":
            return day.strftime("%B %Y")
        return f"{day.day} {day.strftime('%B')} {day.year}"


@dataclass(frozen=True)
class PeriodCount:
    """How many matching articles appeared in one day, week or month."""

    start: str  # ISO first day of the period
    label: str
    articles: tuple[tuple[str, str, str | None, str], ...]  # (id, title, date, source)
    JSON_EXTRAS: ClassVar[tuple[str, ...]] = ("count",)

    @property
    def count(self) -> int:
        return len(self.articles)


@dataclass(frozen=True)
class Timeline:
    query: str
    events: tuple[TimelineEvent, ...]
    counts: tuple[PeriodCount, ...]
    granularity: str  # of the counts: day, week or month
    date_from: str | None = None
    date_to: str | None = None

    def to_dict(self) -> dict[str, object]:  # events with their label, counts their count
        return to_data(self)

    def lines(self) -> list[str]:
        """One line per event: "27 May 2024 — the sentence (source)"."""
        return [f"{e.label} — {e.sentence} ({e.source or e.title})" for e in self.events]
