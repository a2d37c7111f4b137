"""The dates an article's sentences mention, read against the article's own date.

News says "on Sunday" and "late Monday" more often than "26 May 2024": such words mean a
day only relative to when the story was published ("on Sunday" in a story of Monday 27
May 2024 is 26 May 2024). This reads the forms news text uses, fast enough for every
chunk at ingest (a regular expression and calendar arithmetic; no date parser):
weekdays, yesterday/today, "27 May 2024", "May 27", "27 May", "May 2024", "in 2015".
Each mention keeps its granularity, so a timeline can place "signed in 2015" in its year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.text.sentences import split_sentences

_MONTHS = {m.lower(): n for n, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): n for n, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): n for n, d in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_A = _MONTH.replace("?P<month>", "?P<month_a>")
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DAY_A = _DAY.replace("?P<day>", "?P<day_a>")
_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y1>1[89]\d\d|20\d\d))?"
    rf"|{_MONTH_A}\s+{_DAY_A}(?:,?\s+(?P<y2>1[89]\d\d|20\d\d))?"
    rf"|(?P<month_b>{'|'.join(_MONTHS)})\s+(?P<y3>1[89]\d\d|20\d\d)"
    rf"|(?:in|since|by|until|from|of)\s+{_YEAR}"
    r"|(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
    r"|(?P<relative>yesterday|today|tonight)"
    r")(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A date a sentence mentions: the days it covers, and the sentence's offsets."""

    start: dt.date
    end: dt.date
    granularity: str  # day, month or year
    sentence_start: int
    sentence_end: int

    @property
    def key(self) -> str:
        """``2024-05-26``, ``2024-05`` or ``2015``, as stored with the chunk."""
        if self.granularity == "year":
            return f"{self.start.year}"
        if self.granularity == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        return self.start.isoformat()


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(
    match: re.Match[str], published: dt.date | None
) -> tuple[dt.date, dt.date, str] | None:
    """The days one match means; a date without its year takes the publication's (the
    year before when that would put it more than half a year after publication)."""
    g = match.groupdict()
    named = g["month"] or g["month_a"] or g["month_b"] or ""
    if named.lower() == "may" and not named.startswith("M"):
        return None  # the verb, not the month
    if g["relative"]:
        if published is None:
            return None
        day = published - dt.timedelta(days=1 if g["relative"].lower() == "yesterday" else 0)
        return day, day, "day"
    if g["weekday"]:
        if published is None:
            return None
        back = (published.weekday() - _WEEKDAYS[g["weekday"].lower()]) % 7
        day = published - dt.timedelta(days=back)  # the last such day, the day itself counts
        return day, day, "day"
    if g["year"] and not g["day"] and not g["day_a"]:
        year = int(g["year"])
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if g["month_b"]:
        year, month = int(g["y3"]), _MONTHS[g["month_b"].lower()]
        return (
            dt.date(year, month, 1),
            dt.date(year, month, calendar.monthrange(year, month)[1]),
            "month",
        )
    month = _MONTHS[(g["month"] or g["month_a"]).lower()]
    day_text = g["day"] or g["day_a"]
    year_text = g["y1"] or g["y2"]
    if year_text:
        found = _day(int(year_text), month, int(day_text))
    elif published is not None:
        found = _day(published.year, month, int(day_text))
        if found and found > published + dt.timedelta(days=183):
            found = _day(published.year - 1, month, int(day_text))
    else:
        return None
    return (found, found, "day") if found else None


def mentions(text: str, published: dt.date | None) -> Iterator[Mention]:
    """Every date the text's sentences mention, in order."""
    for sentence in split_sentences(text) or []:
        body = text[sentence.start : sentence.end]
        for match in _PATTERN.finditer(body):
            resolved = _resolve(match, published)
            if resolved is not None:
                yield Mention(*resolved, sentence.start, sentence.end)


def event_keys(text: str, published: str | None) -> str:
    """The distinct dates a chunk mentions, as stored in its metadata ("2024-05-26 2015")."""
    day = dt.date.fromisoformat(published) if published else None
    keys = dict.fromkeys(m.key for m in mentions(text, day))
    return " ".join(keys)
