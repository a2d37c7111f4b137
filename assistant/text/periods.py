"""Named periods people bound news questions with, which a date parser does not know:
seasons, quarters, halves, the early, middle or late part of a month or year, the first or
last week of a month, decades, and holidays.

Seasons are meteorological, in the northern hemisphere unless ``in_hemisphere("south")``
says otherwise (north: spring is March to May, "winter 2019" is December 2019 to February
2020; south: the opposite season of the same year, "summer 2019" is December 2019 to
February 2020); early, mid and late cut a month (1-10, 11-20,
21-end) or a year (January-April, May-August, September-December) in thirds. A month
without a year is the most recent one up to the reference day. ``PERIOD`` is the shape
(``date_phrases.DATE`` includes it, so every preposition takes it: "before the summer of
2019"); ``named_period`` says which days it means. A name that holds such a word is no
period: "the Summer Olympics", "the Spring Festival" carry no year after the season.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from assistant.text.dates import month_number

_HEMISPHERE: ContextVar[str] = ContextVar("hemisphere", default="north")


@contextmanager
def in_hemisphere(name: str) -> Iterator[None]:
    """Read seasons as they fall in ``name`` ("north" or "south") within this block."""
    token = _HEMISPHERE.set(name)
    try:
        yield
    finally:
        _HEMISPHERE.reset(token)


def _season_start(season: str) -> int:
    """The month a season begins in, in the hemisphere being read."""
    month = _SEASONS[season.lower()]
    return (month + 5) % 12 + 1 if _HEMISPHERE.get() == "south" else month


_SEASONS = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
    "printemps": 3, "été": 6, "ete": 6, "automne": 9, "hiver": 12,
    "primavera": 3, "verano": 6, "otoño": 9, "otono": 9, "invierno": 12,
    "frühling": 3, "frühjahr": 3, "sommer": 6, "herbst": 9,
}  # fmt: skip
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4}  # fmt: skip
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_MONTH_EN = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_SEASON = "(?:" + "|".join(sorted(_SEASONS, key=len, reverse=True)) + ")"
_FORMS = {
    "season": rf"(?P<season>{_SEASON})(?:\s+(?:of|de|del|d')\s*|\s+)(?P<year>{_YEAR})",
    "quarter": rf"(?:(?P<qword>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?"
    rf"\s+(?P<qyear>{_YEAR})|q(?P<q>[1-4])\s*(?P<qyear2>{_YEAR})|(?P<qyear3>{_YEAR})\s*q(?P<q3>[1-4]))",
    "half": rf"(?:(?P<hword>first|second|1st|2nd)\s+half(?:\s+of)?\s+(?P<hyear>{_YEAR})"
    rf"|h(?P<h>[12])\s*(?P<hyear2>{_YEAR}))",
    "part": rf"(?P<part>early|mid|late)[\s-]*(?:(?P<pmonth>{_MONTH_EN})"
    rf"(?:\s+(?P<pmyear>{_YEAR}))?|(?P<pyear>{_YEAR}))",
    "week": rf"(?P<which>first|last)\s+week\s+of\s+(?P<wmonth>{_MONTH_EN})"
    rf"(?:\s+(?P<wyear>{_YEAR}))?",
    "decade": r"(?:(?P<dpart>early|mid|late)[\s-]+)?(?P<decade>(?:1[89]|20)\d)0s",
    "holiday": r"(?P<holiday>christmas\s+eve|christmas\s+day|christmas|new\s+year'?s\s+eve"
    rf"|new\s+year'?s\s+day|easter\s+sunday|easter\s+monday|easter)\s+(?P<hdyear>{_YEAR})",
}  # fmt: skip
_ARTICLE = r"(?:(?:the|la|le|el|der|die|das)\s+|l')?"  # the, l'été, el verano
PERIOD = (
    _ARTICLE
    + "(?:"
    + "|".join(re.sub(r"\(\?P<\w+>", "(?:", form) for form in _FORMS.values())
    + ")"
)
_COMPILED = {k: re.compile(rf"{_ARTICLE}{form}", re.IGNORECASE) for k, form in _FORMS.items()}


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    """``count`` months from ``first`` of ``year`` (running into the next year)."""
    last = first + count - 1
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), _month_span(end_year, end_month)[1]


def _recent_year(month: int, reference: dt.date) -> int:
    return reference.year if month <= reference.month else reference.year - 1


def season_span(season: str, year: int) -> tuple[dt.date, dt.date]:
    """A meteorological season of ``year`` (the one that begins in December runs into the
    next year)."""
    return _months(year, _season_start(season), 3)


def named_period(phrase: str, reference: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day ``phrase`` (a ``PERIOD``) names, or None."""
    text = " ".join(phrase.lower().split())
    for kind, pattern in _COMPILED.items():
        if m := pattern.fullmatch(text):
            return _resolve(kind, m, reference)
    return None


def _resolve(kind: str, m: re.Match[str], reference: dt.date) -> tuple[dt.date, dt.date] | None:
    g = m.groupdict()
    if kind == "season":
        return season_span(g["season"], int(g["year"]))
    if kind == "quarter":
        quarter = _ORDINALS[g["qword"]] if g["qword"] else int(g["q"] or g["q3"])
        return _months(int(g["qyear"] or g["qyear2"] or g["qyear3"]), 3 * quarter - 2, 3)
    if kind == "half":
        half = _ORDINALS[g["hword"]] if g["hword"] else int(g["h"])
        return _months(int(g["hyear"] or g["hyear2"]), 6 * half - 5, 6)
    if kind == "part":
        third = ("early", "mid", "late").index(g["part"])
        if g["pyear"]:
            return _months(int(g["pyear"]), 4 * third + 1, 4)
        month = month_number(g["pmonth"])
        year = int(g["pmyear"]) if g["pmyear"] else _recent_year(month, reference)
        first, last = _month_span(year, month)
        return (
            first.replace(day=10 * third + 1),
            last if third == 2 else first.replace(day=10 * third + 10),
        )
    if kind == "week":
        month = month_number(g["wmonth"])
        year = int(g["wyear"]) if g["wyear"] else _recent_year(month, reference)
        first, last = _month_span(year, month)
        return (
            (first, first + dt.timedelta(days=6))
            if g["which"] == "first"
            else (last - dt.timedelta(days=6), last)
        )
    if kind == "decade":  # early, mid and late take 0-3, 4-6 and 7-9
        start = int(g["decade"]) * 10
        lo, hi = {None: (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}[g["dpart"]]
        return dt.date(start + lo, 1, 1), dt.date(start + hi, 12, 31)
    return _holiday(" ".join(g["holiday"].replace("'", "").split()), int(g["hdyear"]))


def _holiday(name: str, year: int) -> tuple[dt.date, dt.date]:
    from dateutil.easter import easter

    fixed = {"christmas eve": (12, 24, 0), "christmas day": (12, 25, 0), "christmas": (12, 24, 2),
             "new years eve": (12, 31, 0), "new years day": (1, 1, 0)}  # fmt: skip
    if name in fixed:
        month, day, more = fixed[name]
        start = dt.date(year, month, day)
        return start, start + dt.timedelta(days=more)
    sunday = easter(year)
    if name == "easter sunday":
        return sunday, sunday
    if name == "easter monday":
        return sunday + dt.timedelta(days=1), sunday + dt.timedelta(days=1)
    return sunday - dt.timedelta(days=2), sunday + dt.timedelta(days=1)  # Good Friday - Monday


def recent_season(season: str, which: str, reference: dt.date) -> tuple[dt.date, dt.date]:
    """ "this summer" (the one of the reference day's year; a winter that began in the
    December before it, in January or February) or "last summer" (the latest one over)."""
    december = _season_start(season) == 12
    year = reference.year - 1 if december and reference.month <= 2 else reference.year
    span = season_span(season, year)
    if which == "this":
        return span
    return span if span[1] < reference else season_span(season, year - 1)


def recent_weekend(which: str, reference: dt.date) -> tuple[dt.date, dt.date]:
    """The Saturday and Sunday of the latest weekend up to the reference day ("last": the
    one before it when the reference day is itself at a weekend)."""
    saturday = reference - dt.timedelta(days=(reference.weekday() - 5) % 7)
    if which == "last" and reference.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return saturday, saturday + dt.timedelta(days=1)
