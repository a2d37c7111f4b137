"""What an answer is as of, and how the question's time was read, on the ``Answer``.

The reply says how it read the question ("Looking at articles from 1-31 May 2024."), or
that the window it named held nothing and the whole archive answered instead, so the
user can see it and undo it (``time="off"``); and it carries the newest cited article's
date as ``Answer.as_of``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from assistant.config import TimeMode
from assistant.records import Answer, AnswerTime
from assistant.retrieval.time_plan import TimePlan
from assistant.text.time_scope import TimeScope


@dataclass(frozen=True)
class TimeAsked:
    """What the caller said about time: an as-of day, and whether to read time words."""

    as_of: dt.date | None = None
    mode: TimeMode = TimeMode.AUTO
    reference: dt.date | None = None  # "today", when the caller fixes it (the evaluation)


@dataclass(frozen=True)
class TimeRead:
    """What retrieval made of it: the plan, and whether the window had to be dropped."""

    plan: TimePlan
    fallback: bool = False


def note(read: TimeRead) -> str:
    """How the question's time was read, and what looked like time and was not."""
    unread = read.plan.unread
    if read.plan.scope is None:
        return f"I did not read '{unread}' as dates; searching every date." if unread else ""
    said = _read_note(read)
    return f"{said} I did not read '{unread}' as dates." if unread else said


def _read_note(read: TimeRead) -> str:
    scope = read.plan.scope
    assert scope is not None
    if read.fallback:
        return (
            f"No article in the window the question names ({scope.label()}) matches; "
            "these passages come from the whole archive."
        )
    return (
        f"Looking at {scope.label()}."
        if scope.bounded or scope.as_of
        else ("Looking at the whole archive, the newest reports first.")
    )


def dated(answer: Answer, read: TimeRead) -> Answer:
    """``answer`` with its as-of day and, when time played a part, how it was read."""
    days = [c.date for c in answer.citations if c.date]
    as_of = max(days) if days and not answer.abstained else None
    scope = read.plan.scope
    time = None
    if scope is not None or read.plan.unread:
        time = AnswerTime.from_dict({
            **(scope or TimeScope()).to_dict(),  # the window read: from, to, as_of, label...
            "unread": read.plan.unread,
            "reference": read.plan.reference.isoformat(),
            "fallback": read.fallback,
            "note": note(read),
        })  # fmt: skip
    return replace(answer, as_of=as_of, time=time)
