"""Whether a value the articles give a watch today was already said before: no news then.

A watch that started empty (its question's reports read below the start's floor, or a
name the reader did not take) met its first sure answer weeks later and alerted it as
news, though the archive had said the same all along: a minister named since March, an
OPEC member's quota, a dividend declared in the dev weeks (fresh4's four false alarms of
seven, fresh3's OMB director; docs/quality.md). The reader's own reads of the question
missed those reports, so they are looked for by the value's words: a search cued by the
question and the value, then any sentence of its passages that gives the value where the
watch's guards (``reports.reports_on``) take it as a report on the question.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.records import Citation
from assistant.text.periods import named_period
from assistant.text.sentences import split_sentences
from assistant.watching.reports import Searcher, reports_on
from assistant.watching.spans import span_citation

KNOWN_PASSAGES = 10  # of the cued search, the best this many are read
# A sentence that tells the value as still to come did not say it: "when the inevitable cut
# in bank base rates to 10 pct materialises" (a week before the cut; dev's watch-a04), nor
# one that gives it as proposed or provisional ("proposed ceilings of 16.6 mln for the third
# quarter", nine days before OPEC set the ceiling at 16.6).
_TO_COME = re.compile(
    r"\b(?:inevitabl\w*|imminent|looming|materiali[sz]\w*|provisional\w*|propos(?:ed|al|als))\b",
    re.IGNORECASE,
)
# A value given for a quarter or half of the year that had not begun on the article's day is
# a plan, not the standing value: "raise the ceiling to 16.6 mln barrels per day in the
# third quarter" (19 June, of OPEC's December accord) said nothing of the 16.6 OPEC set for
# July-December on 27 June (the watch-a41).
_FOR_A_PERIOD = re.compile(
    r"\s*(?:[a-z]+\s+){0,2}?(?:in|for|during|from)\s+the\s+(?P<period>(?:first|second|third"
    r"|fourth)\s+(?:quarter|half))\b",
    re.IGNORECASE,
)


def said_before(
    searcher: Searcher, question: str, value: str, *, date_from: object, date_to: object
) -> Citation | None:
    """The first sentence dated in the window that gives ``value`` as written (its figure
    not part of a longer one: "15 cts" is not "115 cts") and reports on ``question``."""
    written = re.compile(rf"(?<![\w.,/-]){re.escape(value.strip())}(?![\w/-]|[.,]\d)", re.I)
    cued = f"{question} {value}"
    found = searcher.search(cued, k=KNOWN_PASSAGES, date_from=date_from, date_to=date_to)
    for passage in found:
        for sentence in split_sentences(passage.text):
            if _TO_COME.search(passage.text, sentence.start, sentence.end):
                continue
            for match in written.finditer(passage.text, sentence.start, sentence.end):
                if _planned(passage.text, match.end(), passage.date):
                    continue
                cited = span_citation(passage, (sentence.start, sentence.end), match.span())
                if reports_on(question, cited):
                    return cited
    return None


def _planned(text: str, end: int, published: str | None) -> bool:
    """Whether the value ending at ``end`` is given for a quarter or half of the year that
    begins after ``published`` (the article's day)."""
    found = _FOR_A_PERIOD.match(text, end)
    if found is None or not published:
        return False
    day = dt.date.fromisoformat(published[:10])
    span = named_period(f"{found['period']} {day.year}", day)
    return span is not None and span[0] > day
