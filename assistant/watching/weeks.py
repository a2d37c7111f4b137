"""The week a weekly figure is for, as its sentence names it ("fell by 7.35 mln barrels in
the week ended March 13"): a later article that names the same week again ("The API
recorded a 7.4 mln barrel stockdraw ... in the week ended March 13") restates an old figure,
in other words or rounded, and is no news of the series. So is a figure whose sentence names
only a week before another its article names: a preview of this week's report restates last
week's ("API said distillate stocks dropped four mln barrels for the week ended March 20",
under "expected to show moderate drawdowns ... for the week ended March 27")."""

from __future__ import annotations

import datetime as dt
import re

from assistant.text.date_phrases import DAY, MONTH, WEEKDAY
from assistant.text.event_dates import mentions

_WEEK_ENDED = re.compile(
    rf"\bweek\s+(?:ended|ending)\s+(?:{WEEKDAY},?\s+)?(?P<day>{MONTH}\s+{DAY})",
    re.IGNORECASE,
)
_ASKS_WEEK = re.compile(r"\bweek(?:ly)?\b", re.IGNORECASE)


def last_week_named(text: str, published: str | None) -> dt.date | None:
    """The latest "week ended <day>" ``text`` names, in the year its publication gives
    (``event_dates``: a week ended "December 26" in a January story is last year's); None
    when it names none, or when undated."""
    if not published:
        return None
    day_published = dt.date.fromisoformat(published[:10])
    found = (
        mention.start
        for match in _WEEK_ENDED.finditer(text)
        for mention in mentions(match["day"], day_published)
    )
    return max(found, default=None)


def restates(held_quote: str, held_date: str | None, sentence: str, date: str | None) -> bool:
    """Whether a new report's ``sentence`` is for a week no later than the one the held
    report's quote names: both name one, and the new one's is not after it."""
    held = last_week_named(held_quote, held_date)
    new = last_week_named(sentence, date)
    return held is not None and new is not None and new <= held


def an_earlier_week(question: str, sentence: str, article: str, published: str | None) -> bool:
    """Whether a week's figure is asked and ``sentence`` names only weeks that ended before
    the last one its ``article`` names before it (headline and lead: what the story is
    about; a later week deeper in a story may be another series', as a central bank's loans
    for the week after its money supply's)."""
    if not _ASKS_WEEK.search(question):
        return False
    mine, last = last_week_named(sentence, published), last_week_named(article, published)
    return mine is not None and last is not None and mine < last
