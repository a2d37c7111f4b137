"""The year a figure is for, against the years a question names: asked the growth the OECD
forecasts for Italy in 1987, "Last year Italy ranked as one of the OECD's fastest growing
economies with Gross Domestic Product (GDP) growth at 2.7 pct" is 1986's, told in June 1987
(fresh15's l04, read after its blind run).

A figure's year is read from the words right after it in its clause ("2.5 pct in 1988",
"last year") or, failing that, the last year named before it in its sentence with no other
figure between ("In 1986, exports rose to"); "last year" and "this year" count from the
report's day. A crop or fiscal year ("1986/87") is no calendar year and is left alone.
"""

from __future__ import annotations

import re

from assistant.watching.stretches import CLAUSE_END, FIGURE

_A_YEAR = r"(?<![\d/.,-])(?P<year>(?:19|20)\d\d)(?![\d/]|-\d)"
_RELATIVE = r"(?P<relative>last|this|next)\s+year\b"
_ASKED = re.compile(_A_YEAR)
_TOLD = rf"(?:(?:in|for|during)\s+(?:calendar\s+)?{_A_YEAR}|{_RELATIVE})"  # "in 1986"
_TOLD_AFTER = re.compile(rf"^\W*(?:\w+\s+){{0,3}}?{_TOLD}", re.IGNORECASE)  # its clause's first
_TOLD_BEFORE = re.compile(rf"\b{_TOLD}", re.IGNORECASE)
_OFFSET = {"last": -1, "this": 0, "next": 1}


def years_asked(question: str) -> set[int]:
    """The calendar years a question names ("for 1987"), none for a crop year's."""
    return {int(m["year"]) for m in _ASKED.finditer(question)}


def year_told(before: str, after: str, day: str | None) -> int | None:
    """The year a figure is given for, read from its sentence's words ``before`` and
    ``after`` it (``day``: the report's, for "last year")."""
    found = _TOLD_AFTER.match(CLAUSE_END.split(after, maxsplit=1)[0])
    if found is None:
        named = list(_TOLD_BEFORE.finditer(before))
        found = named[-1] if named and not FIGURE.search(before, named[-1].end()) else None
    if found is None:
        return None
    if found["year"]:
        return int(found["year"])
    return int(day[:4]) + _OFFSET[found["relative"].casefold()] if day else None


def of_another_year(question: str, before: str, after: str, day: str | None) -> bool:
    """Whether a figure is given for another year than the one(s) the question names."""
    asked = years_asked(question)
    told = year_told(before, after, day) if asked else None
    return told is not None and told not in asked
