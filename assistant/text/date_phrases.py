"""Date phrases in questions: which words are a date, and which days they mean.

Two halves. The shapes of a date phrase (``27 May 2024``, ``May 27``, ``mai 2024``,
``März 1987``, ``1987``, ``Sunday``, ``2024-05-27``) are a regular expression of our own,
in English, French, Spanish and German, so the parser only ever sees words that look like
a date (run over a whole question, a date parser finds dates in ordinary words). What
such a phrase means is dateparser's job: it reads it against a reference day, preferring
the past ("May" in June 2024 is May 2024; "Sunday" is the last one), and says whether it
named a day, a month or a year, which gives the range of days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

from assistant.text.periods import PERIOD, named_period

LANGUAGES = ("en", "fr", "es", "de")
_MONTH_NAMES = (
    # English
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    # French
    "|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
    "|novembre|décembre|decembre"
    # Spanish
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    "|noviembre|diciembre"
    # German
    "|januar|jänner|februar|märz|maerz|juni|juli|oktober|dezember"
)
_WEEKDAY_NAMES = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    "|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    "|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
    "|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
)
MONTH = rf"(?:{_MONTH_NAMES})\.?"
WEEKDAY = rf"(?:{_WEEKDAY_NAMES})"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|\.)?"
# The shapes, longest first (a regex alternation takes the first that matches).
DATE = (
    r"(?:"
    rf"{PERIOD}"  # a season, quarter, half, early/mid/late, a month's week, a decade, a holiday
    rf"|{YEAR}-\d\d-\d\d"
    rf"|(?:{WEEKDAY},?\s+)?{DAY}\s+(?:de\s+|of\s+)?{MONTH}(?:,?\s+(?:de\s+)?{YEAR})?"
    rf"|(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?(?![\d])"
    rf"|{MONTH}(?:,?\s+(?:de\s+)?{YEAR})?"
    rf"|{YEAR}"
    rf"|{WEEKDAY}"
    r")"
)


@dataclass(frozen=True)
class Period:
    """The days a date phrase names, both ends included, and how wide it is."""

    start: dt.date
    end: dt.date
    granularity: str  # day, week, month or year


_LOCK = threading.Lock()


def _parser(reference: dt.date) -> Any:
    from dateparser.date import DateDataParser  # loads its language data on first use

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(reference, dt.time(12)),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=list(LANGUAGES), settings=settings)


def period_of(phrase: str, reference: dt.date) -> Period | None:
    """The days ``phrase`` (one of the shapes in ``DATE``) means, read against ``reference``."""
    if named := named_period(phrase, reference):  # what dateparser does not know
        return Period(named[0], named[1], "period")
    cleaned = " ".join(phrase.replace(",", " ").split())
    with _LOCK:  # dateparser keeps caches that are not built for threads
        data = _parser(reference).get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    granularity = data.period or "day"
    if granularity == "year":
        return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year")
    if granularity == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return Period(day.replace(day=1), day.replace(day=last), "month")
    if granularity == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return Period(monday, monday + dt.timedelta(days=6), "week")
    return Period(day, day, "day")


def warm_up() -> None:
    """Load dateparser's language data now (about a second) rather than at a question."""
    for text in ("27 May 2024", "mai 2024", "mayo de 2024", "März 2024"):
        period_of(text, dt.date(2024, 6, 1))
