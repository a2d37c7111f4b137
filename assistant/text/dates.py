"""Read publication dates in the forms news text and feeds use.

Handles ISO dates and timestamps, Reuters' ``26-FEB-1987 15:01:01.79``, and written
dates such as ``Mon. May 27th, 2024``, ``May 27, 2024`` and ``27 May 2024``.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>\d\d)-(?P<day>\d\d)(?:[T ][\d:.]+)?(?:Z|[+-]\d\d:?\d\d)?\b"),
    re.compile(rf"\b{_DAY}-{_MONTH}-{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
]


def _build(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None


def month_number(name: str) -> int:
    """ "March", "mar" or "Mar." as 3."""
    return _MONTHS[name.lower().rstrip(".")]


def parse_date(value: str) -> dt.date | None:
    """The date written in ``value`` (a metadata field), or None when there is none."""
    for pattern in _PATTERNS:
        match = pattern.search(value)
        if match and (date := _build(match)):
            return date
    return None


def date_in_lines(text: str, lines: int = 3) -> dt.date | None:
    """A date standing on one of the first non-empty ``lines`` lines, as articles open with."""
    seen = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) <= 80 and (date := parse_date(line)):
            return date
        seen += 1
        if seen >= lines:
            break
    return None


def date_key(date: str | None) -> int:
    """``2024-05-27`` as the integer 20240527, so Chroma can filter on a range; 0 when unknown."""
    return int(date.replace("-", "")) if date else 0


def latest_credible_day() -> dt.date:
    """The last publication day believed: tomorrow, in the world's earliest time zone. An
    article dated 2099 would otherwise be the "latest report" on everything it mentions."""
    return dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
