"""What time a question is about: a range of days, an "as of" day, a wish for the latest.

``read_time(question, reference)`` splits a question into its content and its time
constraint, read against a reference day (what "last week" is counted from). A small rule
layer of our own knows the constructions (``between X and Y``, ``from X to Y``, ``since
X`` and ``after X`` set only a start, ``before X`` and ``until X`` only an end, ``as of
X``, ``in``/``on``/``during X``, ``last week``, ``past 3 months``, ``yesterday``, ``this
year``) in English, with the common French, Spanish and German prepositions; the date
words themselves are read by ``date_phrases`` (dateparser underneath). A date must follow
its preposition directly, so a year that names the subject is no filter: "the 2015 peace
deal", "since the 2012 rebellion", "World Cup 2022". Recency cues (``latest``, ``most
recent``, ``now``, ``currently``, ``still``) set no bound, only a preference.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from assistant.text.date_phrases import DATE, Period, period_of
from assistant.text.periods import named_period, recent_season, recent_weekend

_I = re.IGNORECASE
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
_UNIT = r"(?P<unit>day|week|month|year)s?"
_COUNT = rf"(?P<n>\d{{1,3}}|{'|'.join(_NUMBERS)})"
_B = r"(?<![\w-])"  # a word starts here
_E = r"(?![\w-])"  # and ends here

_DAY_ONLY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|\.)?"
_RANGE = [
    re.compile(rf"{_B}(?:between|entre|zwischen)\s+(?P<a>{DATE})\s+(?:and|et|y|und)\s+(?P<b>{DATE}){_E}", _I),  # noqa: E501
    re.compile(rf"{_B}(?:between|entre|zwischen)\s+(?P<a>{_DAY_ONLY})\s+(?:and|et|y|und)\s+(?P<b>{DATE}){_E}", _I),  # noqa: E501
    re.compile(rf"{_B}(?:from|du|desde|vom|von)\s+(?P<a>{_DAY_ONLY})\s+(?:to|until|till|au|hasta|bis)\s+(?P<b>{DATE}){_E}", _I),  # noqa: E501
    re.compile(rf"{_B}(?:from|du|desde|vom|von)\s+(?P<a>{DATE})\s+(?:to|until|till|through|thru|au|hasta|bis)\s+(?P<b>{DATE}){_E}", _I),  # noqa: E501
]  # fmt: skip
_AS_OF = re.compile(rf"{_B}as\s+(?:of|at)\s+(?P<a>{DATE}){_E}", _I)
_OPEN = [  # (pattern, which bound the date sets)
    (re.compile(rf"{_B}(?:since|depuis|desde|seit)\s+(?P<a>{DATE}){_E}", _I), "since"),
    (re.compile(rf"{_B}(?:after|après|apres|después\s+de|despues\s+de|nach)\s+(?P<a>{DATE}){_E}", _I), "after"),  # noqa: E501
    (re.compile(rf"{_B}(?:before|avant|antes\s+de|vor)\s+(?P<a>{DATE}){_E}", _I), "before"),
    (re.compile(rf"{_B}(?:until|till|up\s+to|through|by|jusqu'au|jusqu'en|hasta|bis)\s+(?P<a>{DATE}){_E}", _I), "until"),  # noqa: E501
]  # fmt: skip
_IN = re.compile(rf"{_B}(?:in|on|during|at|over|en|à|au|le|el|durante|im|am|in\s+the\s+week\s+of)\s+(?P<a>{DATE}){_E}", _I)  # fmt: skip  # noqa: E501
# a whole date with no preposition ("What happened 27 May 2024?"); never a bare year
_BARE = re.compile(rf"(?<!\bthe\s){_B}(?P<a>{DATE}){_E}", _I)
_BARE_SHAPE = re.compile(r"\d.*[a-zäéû]|[a-zäéû].*\d|\d{4}-\d\d-\d\d", _I)

_ROLLING = re.compile(rf"{_B}(?:(?:in|over|during|for)\s+)?(?:the\s+)?(?:last|past|previous)\s+{_COUNT}\s+{_UNIT}{_E}", _I)  # fmt: skip  # noqa: E501
_LAST = re.compile(rf"{_B}(?:(?:in|over|during)\s+)?(?:the\s+)?(?P<which>last|past|previous)\s+{_UNIT}{_E}(?!\s+of\s)", _I)  # fmt: skip  # noqa: E501
_THIS = re.compile(rf"{_B}(?:(?:earlier|later)\s+)?(?P<which>this|next)\s+{_UNIT}{_E}", _I)
_AGO = re.compile(rf"{_B}{_COUNT}\s+{_UNIT}\s+ago{_E}", _I)
_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "hier": -1,
         "aujourd'hui": 0, "demain": 1, "ayer": -1, "hoy": 0, "gestern": -1, "heute": 0}  # fmt: skip  # noqa: E501
_DAY_WORD = re.compile(rf"{_B}(?P<word>{'|'.join(map(re.escape, _DAYS))}){_E}", _I)
_FOREIGN_LAST = re.compile(
    r"(?P<unit>la\s+semaine\s+dernière|le\s+mois\s+dernier|l'année\s+dernière|la\s+semana\s+pasada"
    r"|el\s+mes\s+pasado|el\s+año\s+pasado|(?:letzte|vergangene)\s+woche|(?:letzten|vergangenen)"
    r"\s+monat|(?:letztes|vergangenes)\s+jahr)", _I,
)  # fmt: skip
_RECENT = re.compile(
    rf"{_B}(?:latest|most\s+recent(?:ly)?|newest|now|currently|current(?!\s+account)|still"
    r"|so\s+far|to\s+date|right\s+now|at\s+present|at\s+the\s+moment|these\s+days|recently"
    rf"|up[- ]to[- ]date|last\s+(?:reported|known)){_E}", _I,
)  # fmt: skip


@dataclass(frozen=True)
class TimeScope:
    """The time a question asks about: a range (either end may be open), an as-of day, or
    only a wish for the newest reports (``recency``)."""

    start: dt.date | None = None
    end: dt.date | None = None
    recency: bool = False
    as_of: dt.date | None = None  # answer from what was published up to this day
    phrase: str = ""  # the question's own words that said it

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None

    def label(self) -> str:
        """How the question was read, for the reply: "articles from 1-31 May 2024"."""
        parts = []
        if self.as_of is not None:
            parts.append(f"articles published up to {human_day(self.as_of)}")
        elif self.start and self.end:
            parts.append(f"articles from {_span(self.start, self.end)}")
        elif self.start:
            parts.append(f"articles from {human_day(self.start)} on")
        elif self.end:
            parts.append(f"articles up to {human_day(self.end)}")
        if self.recency:
            parts.append("the newest reports first")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "recency": self.recency,
            "phrase": self.phrase,
            "label": self.label(),
        }


@dataclass(frozen=True)
class TimeReading:
    """A question split into what it asks (``content``) and when (``scope``, or None)."""

    content: str
    scope: TimeScope | None


def read_time(question: str, reference: dt.date) -> TimeReading:
    """The question's time constraint, read against ``reference``; no time words, no scope
    (and the question comes back unchanged)."""
    found = _bounded(question, reference)
    recent = _RECENT.search(question)
    if found is None and recent is None:
        return TimeReading(question, None)
    if found is None:
        assert recent is not None
        return TimeReading(question, TimeScope(recency=True, phrase=recent.group()))
    scope, span = found
    content = _without(question, span)
    if recent is not None:
        scope = replace(scope, recency=True)
    return TimeReading(content, scope)


def _bounded(question: str, ref: dt.date) -> tuple[TimeScope, tuple[int, int]] | None:
    """The first construction that names days, with its span in the question."""
    for pattern in _RANGE:
        if (m := pattern.search(question)) and (scope := _range(m, ref)):
            return scope, m.span()
    if (m := _AS_OF.search(question)) and (p := period_of(m["a"], ref)):
        return TimeScope(end=p.end, as_of=p.end, recency=True, phrase=m.group()), m.span()
    for pattern, kind in _OPEN:
        if (m := pattern.search(question)) and (p := period_of(m["a"], ref)):
            return _open(kind, p, m.group()), m.span()
    for finder in (_rolling, _last, _this, _ago, _day_word, _foreign_last, _season, _weekend):
        if found := finder(question, ref):
            return found
    if (m := _IN.search(question)) and (p := period_of(m["a"], ref)):
        return TimeScope(p.start, p.end, phrase=m.group()), m.span()
    for m in _BARE.finditer(question):  # a named period needs its preposition ("the 1980s
        # music programme" names a kind of programme)
        if named_period(m["a"], ref) is not None:
            continue
        if _BARE_SHAPE.search(m["a"]) and (p := period_of(m["a"], ref)) and p.granularity != "year":
            return TimeScope(p.start, p.end, phrase=m.group()), m.span()
    return None


def _range(m: re.Match[str], ref: dt.date) -> TimeScope | None:
    """Both ends; a first date without a year takes the second's ("March and June 1987")."""
    last = period_of(m["b"], ref)
    if last is None:
        return None
    if re.fullmatch(_DAY_ONLY, m["a"]):  # "between 1 and 15 March": the second's month
        day = int(re.sub(r"\D", "", m["a"]))
        if day > last.start.day:
            return None
        return TimeScope(last.start.replace(day=day), last.end, phrase=m.group())
    first = period_of(m["a"], last.end)
    if first is None or first.start > last.end:
        return None
    return TimeScope(first.start, last.end, phrase=m.group())


def _open(kind: str, p: Period, phrase: str) -> TimeScope:
    one = dt.timedelta(days=1)
    if kind == "since":
        return TimeScope(start=p.start, phrase=phrase)
    if kind == "after":
        return TimeScope(start=p.end + one, phrase=phrase)
    if kind == "before":
        return TimeScope(end=p.start - one, phrase=phrase)
    return TimeScope(end=p.end, phrase=phrase)


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text.lower()]


def _back(ref: dt.date, unit: str, n: int) -> dt.date:
    """``n`` units before ``ref`` (a month back from 31 March is the end of February)."""
    if unit == "day":
        return ref - dt.timedelta(days=n)
    if unit == "week":
        return ref - dt.timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    year, month = divmod(ref.year * 12 + ref.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(ref.day, calendar.monthrange(year, month)[1]))


def _calendar(unit: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar week (Monday-Sunday), month or year holding ``day``."""
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


Found = tuple[TimeScope, tuple[int, int]] | None


def _rolling(question: str, ref: dt.date) -> Found:
    """ "past 3 months", "last 10 days": that far back, up to the reference day."""
    if m := _ROLLING.search(question):
        start = _back(ref, m["unit"].lower(), _count(m["n"]))
        return TimeScope(start, ref, phrase=m.group()), m.span()
    return None


def _last(question: str, ref: dt.date) -> Found:
    """ "last week" is the calendar week before this one; "past week" the last 7 days."""
    if m := _LAST.search(question):
        unit = m["unit"].lower()
        if m["which"].lower() == "past" or unit == "day":
            return TimeScope(_back(ref, unit, 1), ref, phrase=m.group()), m.span()
        start, _ = _calendar(unit, ref)
        first, last = _calendar(unit, start - dt.timedelta(days=1))
        return TimeScope(first, last, phrase=m.group()), m.span()
    return None


def _this(question: str, ref: dt.date) -> Found:
    if m := _THIS.search(question):
        unit = m["unit"].lower()
        start, end = _calendar(unit, ref)
        if m["which"].lower() == "next":
            start, end = _calendar(unit, end + dt.timedelta(days=1))
        return TimeScope(start, end, phrase=m.group()), m.span()
    return None


def _ago(question: str, ref: dt.date) -> Found:
    """ "3 days ago" is that day, "two weeks ago" that calendar week; "five years ago" is
    three months either side of that date, not its whole calendar year (issue 28)."""
    if m := _AGO.search(question):
        unit = m["unit"].lower()
        then = _back(ref, unit, _count(m["n"]))
        if unit == "year":
            start, end = _back(then, "month", 3), _back(then, "month", -3)
        else:
            start, end = _calendar(unit, then)
        return TimeScope(start, end, phrase=m.group()), m.span()
    return None


def _day_word(question: str, ref: dt.date) -> Found:
    if m := _DAY_WORD.search(question):
        day = ref + dt.timedelta(days=_DAYS[m["word"].lower()])
        return TimeScope(day, day, phrase=m.group()), m.span()
    return None


def _foreign_last(question: str, ref: dt.date) -> Found:
    if m := _FOREIGN_LAST.search(question):
        words = m["unit"].lower()
        unit = "week" if ("sem" in words or "woche" in words) else "month"
        unit = "year" if any(y in words for y in ("année", "año", "jahr")) else unit
        start, _ = _calendar(unit, ref)
        first, last = _calendar(unit, start - dt.timedelta(days=1))
        return TimeScope(first, last, phrase=m.group()), m.span()
    return None


_SEASON_REL = re.compile(
    rf"{_B}(?:(?:in|during|over)\s+)?(?:the\s+)?(?P<which>last|this|past)\s+"
    rf"(?P<season>spring|summer|autumn|fall|winter){_E}", _I,
)  # fmt: skip
_WEEKEND = re.compile(
    rf"{_B}(?:(?:over|during|on|at)\s+)?(?P<which>the|this|last|past)\s+weekend{_E}", _I
)
_FORTNIGHT = re.compile(
    rf"{_B}(?:(?:in|over|during)\s+)?(?:the\s+)?(?:last|past|previous)\s+fortnight{_E}", _I
)


def _season(question: str, ref: dt.date) -> Found:
    """ "last summer", "this winter": a whole meteorological season (``periods``)."""
    if m := _SEASON_REL.search(question):
        which = "this" if m["which"].lower() == "this" else "last"
        start, end = recent_season(m["season"].lower(), which, ref)
        return TimeScope(start, end, phrase=m.group()), m.span()
    return None


def _weekend(question: str, ref: dt.date) -> Found:
    """ "over the weekend": the latest Saturday and Sunday; "the past fortnight": 14 days."""
    if m := _WEEKEND.search(question):
        start, end = recent_weekend(m["which"].lower(), ref)
        return TimeScope(start, end, phrase=m.group()), m.span()
    if m := _FORTNIGHT.search(question):
        return TimeScope(ref - dt.timedelta(days=14), ref, phrase=m.group()), m.span()
    return None


def _without(question: str, span: tuple[int, int]) -> str:
    """The question with the time phrase taken out, tidied ("Who won in May 2024?" ->
    "Who won?")."""
    text = question[: span[0]] + question[span[1] :]
    text = re.sub(r"\s+([?.!,;:])", r"\1", " ".join(text.split()))
    return re.sub(r"^[,;:\s]+|[,;:]\s*(?=[?.!]$)", "", text) or question


_MONTH_NAMES = ("January February March April May June July August September October "
                "November December").split()  # fmt: skip


def human_day(day: dt.date) -> str:
    """ "3 June 2024"."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _span(start: dt.date, end: dt.date) -> str:
    """ "27 May 2024", "1-31 May 2024", "1 March - 30 June 1987", across years in full."""
    if start == end:
        return human_day(start)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {_MONTH_NAMES[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTH_NAMES[start.month - 1]} - {human_day(end)}"
    return f"{human_day(start)} - {human_day(end)}"
