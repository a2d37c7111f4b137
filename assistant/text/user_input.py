"""What a user types, checked: the question and the filters, from loose input to values.

Every door (the page, the HTTP API, the CLI, Python) passes through here, so each bad
input gets the same one-line message wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from assistant.errors import InvalidInput
from assistant.records import Filters
from assistant.text.dates import parse_date
from assistant.text.invisible import visible

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")


_UNDECODED = re.compile(r"[\ud800-\udfff]")  # how Python keeps undecodable argv bytes


def clean_question(question: Any, limit: int) -> str:
    """The question as text, or ``InvalidInput`` saying what is wrong with it."""
    if isinstance(question, bytes):
        try:
            question = question.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(
                "The question is not text (it has bytes that are not UTF-8)."
            ) from None
    if not isinstance(question, str):
        raise InvalidInput(f"The question must be text, not {type(question).__name__}.")
    if _UNDECODED.search(question):  # a terminal's bytes that were not UTF-8
        raise InvalidInput(
            "The question has bytes that are not UTF-8; retype it, or set the terminal to UTF-8."
        )
    text = " ".join(visible(_CONTROL.sub(" ", question)).split())
    if not text:
        raise InvalidInput("Ask a question: it is empty.")
    if len(text) > limit:
        raise InvalidInput(
            f"The question is {len(text):,} characters long; the limit is {limit:,}. "
            "Ask about one thing at a time."
        )
    if not any(ch.isalnum() for ch in text):
        raise InvalidInput("The question has no words in it.")
    return text


def as_day(value: Any, name: str) -> dt.date | None:
    """A day given as YYYY-MM-DD, a date, a datetime or a timestamp (None when empty)."""
    return _as_date(value, name)


def _as_date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise InvalidInput(f"{name}={value!r} is not a date; use YYYY-MM-DD.")
    if isinstance(value, int | float):  # a timestamp, as Gradio's DateTime gives
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):  # NaN, infinity, beyond year 9999
            raise InvalidInput(
                f"{name}={value!r} is not a date; use YYYY-MM-DD or a timestamp in seconds."
            ) from None
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a date as YYYY-MM-DD, not {type(value).__name__}.")
    parsed = parse_date(value[:100])
    if parsed is None:
        raise InvalidInput(f"{name}={value[:40]!r} is not a date; use YYYY-MM-DD.")
    return parsed


MAX_SOURCES = 100  # a filter naming more is a mistake or an attack (40,000 names took 500s)
MAX_SOURCE_CHARS = 300


def make_filters(
    date_from: Any = None, date_to: Any = None, sources: Iterable[str] | str | None = None
) -> Filters:
    """Filters from loose user input (strings, dates, timestamps, one source or several)."""
    start, end = _as_date(date_from, "date_from"), _as_date(date_to, "date_to")
    if start and end and start > end:
        raise InvalidInput(f"date_from {start} is after date_to {end}.")
    return Filters(start, end, _source_names(sources))


def _source_names(sources: Any) -> tuple[str, ...]:
    """One source name or a list of them; anything else is refused, saying what was given."""
    if sources is None or sources == "":
        return ()
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list | tuple | set | frozenset) or not all(
        isinstance(s, str) for s in sources
    ):
        raise InvalidInput(
            f"sources must be a source name or a list of names (as /articles lists them), "
            f"not {sources!r:.60}."
        )
    names = tuple(dict.fromkeys(s.strip() for s in sources if s.strip()))
    if len(names) > MAX_SOURCES:
        raise InvalidInput(f"{len(names)} sources at once; name at most {MAX_SOURCES}.")
    if any(len(name) > MAX_SOURCE_CHARS or "\x00" in name for name in names):
        raise InvalidInput(
            f"a source name is at most {MAX_SOURCE_CHARS} characters of text (as /articles "
            "lists them)."
        )
    return names
