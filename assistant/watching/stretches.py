"""The stretch of time a statistic covers: a month's move, the year's, or a longer total.

"Australia's M-3 money supply growth was 1.5 pct in March and 11.3 pct in the 12 months to
March": asked the growth over 12 months, 1.5 pct is the month's; asked South Korea's trade
surplus in the latest month, "7.4 billion dlrs in 1986" and "9.34 billion dlrs in the first
three months" are totals of longer stretches. A figure's stretch is read from the words
right after it in its clause ("in the year to January", "from the previous month", "in
1986"), or from a word before it with no other figure between ("monthly inflation ... was
0.4 pct"; "Last year South Korea had a trade surplus of 7.1 billion"; "Year-to-date, Chrysler
said its U.S. car output was 216,987"), or after it ("Rose to 7.1 billion dlrs last year").
A figure "in March" is the month's only where its sentence gives another figure for the
year: alone, "inflation was 3.4 pct in March" is March's year-on-year rate.
"""

from __future__ import annotations

import re
from enum import Enum

from assistant.text.date_phrases import MONTH


class Stretch(Enum):
    """How long a stretch of time a figure covers."""

    MONTH = "month"
    YEAR = "year"  # the twelve months to a month ("year-on-year")
    LONGER = "longer"  # a calendar year's or a quarter's total ("in 1986", "first quarter")


_YEARS_MOVE = (
    r"year[\s-]+(?:on|to|over)[\s-]+year|(?:12|twelve)[\s-]+months?|(?:in|over)\s+the\s+year\s+to"
    r"|(?:from|on|over|against|than)\s+(?:a|the)\s+year\s+(?:earlier|ago|before)"
    r"|(?:from|on|over)\s+(?:the\s+)?(?:same\s+(?:month|period)\s+)?(?:a\s+year\s+)?"
    r"(?:earlier|ago)\s+(?:level|period|month)"
)
_MONTHS_MOVE = (
    r"(?:from|on|over)\s+the\s+(?:previous|preceding|prior)\s+month|month[\s-]+on[\s-]+month"
    r"|(?:from|on)\s+the\s+month\s+before|(?:in|on|over)\s+the\s+month\b"
)
# What a question asks: the move over twelve months, or over (or the level in) one month or
# a shorter period ("For the year-to-date, Volkswagen said it sold 10,951 vehicles" is no
# figure of its latest 10-day sales period: fresh16's o17, read after its blind run).
_ASKS_YEAR = re.compile(
    rf"\b(?:{_YEARS_MOVE}|annual\s+(?:inflation|growth|increase|rise|rate\s+of\s+"
    r"(?:increase|growth|inflation)))",
    re.IGNORECASE,
)
# A period of days or weeks a figure is given for ("10-day", "four-week"); ``asking`` reads
# "the latest four-week period" as when a question asks, not what.
DAYS_OR_WEEKS = r"(?:two|three|four|ten|\d+)-(?:week|day)"
_ASKS_MONTH = re.compile(
    rf"\b(?:{_MONTHS_MOVE}|(?:in|over|for)\s+the\s+(?:latest|last|past|most\s+recent)\s+month"
    r"|monthly\s+(?:change|rise|increase|fall|growth|inflation|move)"
    rf"|(?:in|over|for)\s+the\s+(?:latest|last|most\s+recent)\s+{DAYS_OR_WEEKS}"
    r"(?:\s+sales)?\s+period)",  # a month or less: "the latest 10-day sales period"
    re.IGNORECASE,
)
# A stretch of several months, and the year so far.
_SEVERAL_MONTHS = (
    r"(?:quarter|half|(?:two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months)"
)
_YEAR_TO_DATE = r"(?:year[\s-]+to[\s-]+date|so\s+far\s+this\s+year)\b"
# The words right after a figure that say its stretch (up to the next figure or clause).
_TOLD_AFTER = (
    (Stretch.YEAR, re.compile(rf"\b(?:{_YEARS_MOVE})", re.IGNORECASE)),
    (Stretch.MONTH, re.compile(rf"\b(?:{_MONTHS_MOVE})", re.IGNORECASE)),
    (
        Stretch.LONGER,
        re.compile(
            r"^\W*(?:\w+\s+){0,3}?(?:(?:in|for|during)\s+(?:calendar\s+)?(?:(?:19|20)\d\d\b"
            rf"(?![-/])|the\s+(?:first|second|third|fourth|last|latest)\s+{_SEVERAL_MONTHS})"
            r"|last\s+year\b)",
            re.IGNORECASE,
        ),
    ),
)
_IN_A_MONTH = re.compile(rf"^\W*(?:\w+\s+){{0,2}}?in\s+{MONTH}(?!\w)", re.IGNORECASE)
# A word before a figure that says its stretch, with no figure between.
_TOLD_BEFORE = (
    (  # "monthly inflation ... was 0.4 pct"; not "in its monthly report"
        Stretch.MONTH,
        re.compile(
            r"\bmonthly\s+(?:inflation|rise|increase|fall|decline|growth|change|gain)", re.I
        ),
    ),
    (Stretch.YEAR, re.compile(rf"\b(?:{_YEARS_MOVE}|annual\s+(?:inflation|growth))", re.I)),
    (Stretch.LONGER, re.compile(r"^\W*last\s+year\b", re.IGNORECASE)),
    (  # "Year-to-date, Chrysler said its U.S. car output was 216,987"
        Stretch.LONGER,
        re.compile(rf"\b{_YEAR_TO_DATE}", re.IGNORECASE),
    ),
    (  # "For the first four months of the fiscal year, ... its total volume ... increased to"
        Stretch.LONGER,
        re.compile(
            rf"\b(?:for|in|during|over)\s+the\s+(?:first|past|last)\s+{_SEVERAL_MONTHS}\b",
            re.IGNORECASE,
        ),
    ),
)
# A day after its month is no figure between a stretch's words and the figure they tell:
# "For the first four months of the fiscal year, ending Sept 30, the company said" (fresh15's
# l20, read after its blind run).
_A_DAY = re.compile(rf"\b({MONTH})\s+\d{{1,2}}\b(?![.,]?\d)", re.IGNORECASE)
# A sentence that opens with the year to date gives every figure in it for that stretch:
# "Year to date, it said sales gained to 499.6 mln dlrs from 422.0 mln dlrs, or four pct on
# a comparable store basis" (fresh15's l17, read after its blind run).
_OPENS_YEAR_TO_DATE = re.compile(rf"^\W*{_YEAR_TO_DATE}", re.IGNORECASE)
# A move's level reached, right after the words of the stretch it moved over (fresh15's l12,
# read after its blind run: Japan's housing starts for the month).
_LEVEL_REACHED = re.compile(r"\s*to\s*$", re.IGNORECASE)
# A figure: not a year ("in 1986") nor a count of months ("in the 12 months to March").
FIGURE = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d[\d.,]*(?![\d.,]*[\s-]+months?\b)")
CLAUSE_END = re.compile(r"[,;(]|\s(?:and|against|compared|while|but|after|versus|vs)\s", re.I)
# Another figure joined to this one and given for the year: "(1.5 pct in March) and 11.3 pct
# in the 12 months to March"; not one it is compared with ("against 3.1 pct in the year to").
_AND_THE_YEAR = re.compile(rf"^[^;]*?\b(?:and|while|but)\s[^;]*?\b(?:{_YEARS_MOVE})", re.I)


def stretch_asked(question: str) -> Stretch | None:
    """The stretch a question asks a statistic over, if it says one."""
    if _ASKS_YEAR.search(question):
        return Stretch.YEAR
    if _ASKS_MONTH.search(question):
        return Stretch.MONTH
    return None


def stretch_told(before: str, after: str) -> Stretch | None:
    """The stretch a figure is given for, read from its sentence's words ``before`` and
    ``after`` it."""
    clause = CLAUSE_END.split(after, maxsplit=1)[0]
    clause = clause[: m.start()] if (m := FIGURE.search(clause)) else clause
    for stretch, told in _TOLD_AFTER:
        if told.search(clause) if stretch is not Stretch.LONGER else told.match(clause):
            return stretch
    lead = _A_DAY.sub(r"\1", before.split(";")[-1])
    if _OPENS_YEAR_TO_DATE.match(lead):
        return Stretch.LONGER  # every figure of "Year to date, it said sales gained to ..."
    for stretch, told in _TOLD_BEFORE:
        found = list(told.finditer(lead))
        if found and not FIGURE.search(lead, found[-1].end()):
            if stretch is not Stretch.LONGER and _LEVEL_REACHED.match(lead, found[-1].end()):
                continue  # "rose 13.4 pct from a year earlier to 109,254": the move's
            return stretch
    rest = after[len(clause) :]
    if _IN_A_MONTH.match(clause) and FIGURE.search(rest) and _AND_THE_YEAR.match(rest):
        return Stretch.MONTH  # "1.5 pct in March and 11.3 pct in the 12 months to March"
    return None


def of_another_stretch(question: str, before: str, after: str) -> bool:
    """Whether a figure covers another stretch of time than the question asks: asked the
    year's move, a month's; asked a month's (move or level), a year's or a longer total."""
    asked = stretch_asked(question)
    if asked is None:
        return False
    told = stretch_told(before, after)
    return told is not None and told is not asked
