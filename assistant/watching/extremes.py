"""A question that asks for the highest or the lowest of its values ("What is the highest
offer per share for Harper and Row?"): its answer is not the surest report but the largest
(or smallest) of the reports that answer it, and a lower bid is no news of the highest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from typing import Protocol, TypeVar

from assistant.watching.values import read_value

# "What is the record closing high of ...": a record high is the highest, a record low the
# lowest (fresh12's watch-c02, read after it was run blind: the second section's record
# 2,404.64 was taken for the Nikkei's 24,992.78).
_RECORD = r"(?:record|all-time)\s+(?:\w+\s+)?"
_HIGHEST = re.compile(rf"\b(?:highest|largest|biggest|{_RECORD}high)\b", re.IGNORECASE)
_LOWEST = re.compile(rf"\b(?:lowest|smallest|{_RECORD}low)\b", re.IGNORECASE)


class Valued(Protocol):
    """A report of a value (``reports.Report`` is one)."""

    @property
    def value(self) -> str: ...


R = TypeVar("R", bound=Valued)


class Extreme(Enum):
    """Which end of its values a question asks for."""

    NONE = 0
    HIGHEST = 1
    LOWEST = -1


def extreme_asked(question: str) -> Extreme:
    """The end a question asks for: "highest offer", "lowest bid"; NONE for the rest."""
    if _HIGHEST.search(question):
        return Extreme.HIGHEST
    return Extreme.LOWEST if _LOWEST.search(question) else Extreme.NONE


def amount(value: str) -> float | None:
    """A value's first figure ("50 dlrs" is 50.0), or None when it holds none."""
    quantities = read_value(value).quantities
    return quantities[0].amount if quantities else None


def outermost(extreme: Extreme, found: Iterable[R]) -> R | None:
    """Of ``found`` (best first, read lazily for NONE): the first for NONE; for HIGHEST the
    first with the largest figure, for LOWEST the smallest."""
    if extreme is Extreme.NONE:
        return next(iter(found), None)
    reports = list(found)
    figured = [(i, f) for i, r in enumerate(reports) if (f := amount(r.value)) is not None]
    if not figured:
        return reports[0] if reports else None
    at, _ = max(figured, key=lambda pair: (pair[1] * extreme.value, -pair[0]))
    return reports[at]


def outranks(extreme: Extreme, held: str, new: str) -> bool:
    """Whether ``new`` may replace ``held`` as the answer: any value unless the question
    asks for an end and both hold figures, then only one further out (a lower bid is no
    news of the highest)."""
    if extreme is Extreme.NONE:
        return True
    before, after = amount(held), amount(new)
    return before is None or after is None or after * extreme.value > before * extreme.value
