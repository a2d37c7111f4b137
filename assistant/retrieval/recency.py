"""Newer reports first, softly: a bonus that halves with every ``HALF_LIFE_DAYS`` of age.

A preference, not a cut (the published results on time-aware retrieval show hard cuts
losing recall): an old passage that matches much better still ranks above a new one that
barely does. The weight and half-life were chosen on the dev split of the time set
(docs/quality.md, "Time"); undated passages get no bonus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from assistant.records import Passage

WEIGHT = 0.3  # the bonus of a passage published on the reference day
HALF_LIFE_DAYS = 90.0


def recency_bonus(date: str | None, reference: dt.date) -> float:
    """A date after ``reference`` gets none: it was not published by then (an article dated
    2099 in an index built before such dates were doubted would win every "latest")."""
    if not date or date > reference.isoformat():
        return 0.0
    age = (reference - dt.date.fromisoformat(date)).days
    return WEIGHT * 0.5 ** (age / HALF_LIFE_DAYS)


def prefer_recent(passages: Sequence[Passage], reference: dt.date) -> list[Passage]:
    """The passages re-ordered by score plus their recency bonus (scores keep the bonus)."""
    boosted = [replace(p, score=p.score + recency_bonus(p.date, reference)) for p in passages]
    return sorted(boosted, key=lambda p: -p.score)
