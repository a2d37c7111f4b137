"""The records of watching: a saved question, and the alerts it raises.

A watch is a question (``answer``: alert when its short answer changes) or a query
(``stories``: alert once per new story) the user saved. Its state is the answer it holds
now and the passage that said it, so the next report is compared with what the user last
saw. Every alert carries both citations, so "changed from A to B" shows both reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from assistant.codec import from_data, to_data
from assistant.records import Citation, Publication, Reprint, publication_fields


def also_published(also: tuple[Reprint, ...]) -> str:
    """ "also published by 1 other", "... by 3 others"."""
    return f"also published by {len(also)} other{'s' if len(also) != 1 else ''}"


def _quoted(label: str, quote: Quote | None) -> str:
    if quote is None:
        return ""
    head = " | ".join(p for p in (quote.title, quote.source, quote.date or "undated") if p)
    return f"{label}: {head}\n“{quote.quote}”\n" if quote.quote else f"{label}: {head}\n"


class WatchKind(StrEnum):
    ANSWER = "answer"  # a question: alert when its answer changes
    STORIES = "stories"  # a query: alert once per new story that matches it


class AlertKind(StrEnum):
    ANSWER_CHANGED = "answer_changed"
    FIRST_ANSWER = "first_answer"  # the articles now say what they did not
    NEW_STORY = "new_story"


@dataclass(frozen=True, kw_only=True)
class Quote(Publication):
    """An article and the sentence of it an alert rests on."""

    quote: str = ""

    @classmethod
    def of(cls, citation: Citation) -> Quote:
        return cls(**publication_fields(citation), quote=citation.quote)

    @property
    def where(self) -> str:
        """ "Reuters, 1987-04-02" (what the alert's message names)."""
        return ", ".join(p for p in (self.source or self.title, self.date or "undated") if p)


@dataclass(frozen=True)
class Watch:
    """A saved question and what it answers now."""

    id: str
    kind: WatchKind
    question: str
    created: str  # UTC ISO timestamp
    answer: str = ""  # the short answer it holds now; "" while the articles do not say
    cited: Quote | None = None  # the passage that said it
    checked: str | None = None  # the newest article day it was checked against
    daily_quota: int = 5  # alerts a day at most (a flood is worse than a late alert)

    def to_dict(self) -> dict[str, Any]:
        return to_data(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Watch:
        return from_data(cls, data)


@dataclass(frozen=True)
class Alert:
    """What a watch found: the answer changed (or first appeared), or a new story."""

    watch_id: str
    kind: AlertKind
    date: str | None  # the date of the article that brought it
    question: str
    new_answer: str  # for a new story: its lead or best-matching sentence
    citation: Quote
    old_answer: str = ""
    previous_citation: Quote | None = None
    also: tuple[Reprint, ...] = ()  # the story's other publications ("also published by")
    story: str = ""  # a new story's earliest article: a reprint of it is the same story
    id: str = ""  # set by the store
    raised: str = ""  # UTC ISO timestamp, set by the store
    read: bool = False

    @property
    def key(self) -> str:
        """What makes two alerts the same: raised twice, it is stored once."""
        if self.kind is AlertKind.NEW_STORY:
            return f"{self.watch_id}|story|{self.story or self.citation.article_id}"
        return f"{self.watch_id}|{self.kind}|{self.citation.article_id}|{self.new_answer}"

    @property
    def message(self) -> str:
        """One line a person reads: what changed, and where each answer was said."""
        new = f"{self.new_answer} ({self.citation.where})"
        if self.kind is AlertKind.ANSWER_CHANGED:
            before = self.previous_citation.where if self.previous_citation else "earlier"
            return f"{self.question} changed from {self.old_answer} ({before}) to {new}"
        if self.kind is AlertKind.FIRST_ANSWER:
            return f"{self.question} is now answered: {new}"
        others = f"; {also_published(self.also)}" if self.also else ""
        return f"New on {self.question}: {self.citation.title} ({self.citation.where}){others}"

    @property
    def details(self) -> str:
        """Both reports as plain text, newest first: where each was said, and its sentence."""
        return _quoted("Now", self.citation) + _quoted("Before", self.previous_citation)

    JSON_EXTRAS: ClassVar[tuple[str, ...]] = ("message",)

    def to_dict(self) -> dict[str, Any]:
        return to_data(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        return from_data(cls, data)
