"""Asking a watch again over some new articles, and deciding whether that is news.

An ``answer`` watch is read over the days the new articles cover (``reports.best_report``:
the reader's surest span from one of the new articles that clears the calibrated
confidence, reports on the question and is a value of the kind the watch holds); it
alerts only when that report is no older than the one the user last saw (nor for a week
no later than the one it is for: ``weeks``), says another value (``sameness.same_value``:
"7-1/2 pct" is "7.5 pct"; for a question asking the highest, a larger one: ``extremes``)
and the week's reports bear it out, or it states the step from the value held ("up by 23
to 784" after 761); a value some report said two days or more before is taken without an
alert (``known``: the news came then), and so is a first name for an office told with no
appointment (``roles.tells_appointment``: the holder the start missed). A value past the
held one's reach (``Wanted``) is taken above it only when the week's surest report, asked
with no answer held, gives it too: a watch that started on a move or a part is not locked
out of every level after it.
A ``stories`` watch alerts once per story among the new articles that concerns the query
and names what it names; a reprint of a story already alerted is the same story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Protocol

from assistant.records import ArticleEntry, Citation, Offer, Passage
from assistant.text.sentences import split_sentences
from assistant.text.terms import term_share, terms
from assistant.watching.extremes import extreme_asked, outranks
from assistant.watching.known import said_before
from assistant.watching.naming import names_given, names_of
from assistant.watching.reports import Reader, Report, Searcher, best_report
from assistant.watching.roles import asks_office, tells_appointment
from assistant.watching.sameness import same_value, told_step
from assistant.watching.spans import answer_sentence
from assistant.watching.table_reports import table_report
from assistant.watching.watches import Alert, AlertKind, Quote, Watch, WatchKind
from assistant.watching.weeks import restates

# Dev split of benchmarks/watches.py (2026-12-03): 0.45 (percolating stories at 0.35) gave
# stories P 0.29 / R 0.91, 551 alerts for 172 stories; at 0.60, 0.55 gave P 0.67 /
# R 0.77 and 0.60 P 0.68 / R 0.77 (195 alerts). STORY_WORDS 0.75 and 1.0 measured the
# same, so it stays.
STORY_NEAR = 0.60  # a passage this close in meaning to a stories watch's query concerns it
STORY_WORDS = 0.75  # or one that carries this share of its words
STORY_PASSAGES = 20
# Windows a new watch's starting answer is looked for in: the day itself first, since the
# reader reads a window's surest passages and a week's may not hold its last day's report
# (the Bank of France's "cut ... to 7-3/4 pct" of 9 March, under 5 March's "eight pct").
LOOK_BACK_DAYS = (0, 7, 31, 366)
# Where a whole month or year holds no report, its parts, newest first: a month's surest
# passages come from two or three articles, and Belgium's finance minister, named on 5
# March, was in none of March's (with Hong Kong's Financial Secretary and the EC's maize
# rebate, three of the seen sets' watches that started empty start right). Read only after
# the whole: read first, a week's weaker report (a dollar price in a week's OPEC story)
# took three watches the month's surer one started right (2026-12-07).
PARTS_BACK = {31: (7, 14, 21, 31), 366: (31, 62, 92, 183, 366)}
# A start is no alert, so a report a little less sure than an answer may start a watch: on
# dev (2026-12-05), 0.6 started OPEC's conference president (read at 0.68 against the floor
# of 0.77) and J.P. Stevens' quarterly dividend right, and took a wrong alert away; no watch
# lost anything.
START_FLOOR = 0.6
CONFIRM_DAYS = 6  # a new value must also be the answer over the week up to its day
# A value some report gave two days or more before the new article's day is no news (one
# day is the slack for an alert's date).
KNOWN_GAP_DAYS = 2


class Asker(Reader, Searcher, Protocol):
    """What a check needs of the assistant (``facade.Assistant`` is one)."""


def days_of(entries: Sequence[ArticleEntry]) -> tuple[str | None, str | None]:
    """The first and last day the articles were published (None: open, when undated)."""
    days = sorted(e.date for e in entries if e.date)
    if not days or len(days) < len(entries):
        return None, None
    return days[0], days[-1]


def first_state(asker: Asker, watch: Watch, as_of: object = None) -> Watch:
    """The watch with what the articles say as of a day (the newest, by default): the
    latest report that answers it (``reports.best_report``, down to ``START_FLOOR``), read
    in windows back from that day (``start_windows``)."""
    day = _day(as_of)
    if watch.kind is not WatchKind.ANSWER:
        return replace(watch, checked=day)
    end = dt.date.fromisoformat(day) if day else None
    floor = min(START_FLOOR, asker.settings.abstain_below)
    for start, stop in start_windows(end) if end else [(None, None)]:  # undated: all at once
        found = _report(asker, watch.question, date_from=start, date_to=stop, floor=floor,
                        latest=True)  # fmt: skip
        if found is not None:
            return replace(watch, answer=found.value, cited=Quote.of(found.citation),
                           checked=day or found.citation.date)  # fmt: skip
    return replace(watch, checked=day)


def start_windows(end: dt.date) -> list[tuple[dt.date | None, dt.date]]:
    """The windows back from ``end`` that a watch's start is looked for in: the day, the
    week, the month, the year (each with its parts after it: ``PARTS_BACK``), all before."""

    def ago(days: int) -> dt.date:
        return end - dt.timedelta(days=days)

    found: list[tuple[dt.date | None, dt.date]] = []
    for days in LOOK_BACK_DAYS:
        parts = pairwise(PARTS_BACK.get(days, ()))
        found += [(ago(days), end), *((ago(older), ago(newer + 1)) for newer, older in parts)]
    return [*found, (None, end)]


def check_answer(
    asker: Asker, watch: Watch, entries: Sequence[ArticleEntry]
) -> tuple[Watch, Alert | None]:
    """The watch after reading ``entries`` (new articles), and its alert if the answer moved."""
    if not entries:
        return watch, None
    first, last = days_of(entries)
    checked = replace(watch, checked=max(filter(None, (watch.checked, last)), default=None))
    asker = _Remembering(asker)  # the week's reading and the new articles' are asked twice
    among = {e.id for e in entries}
    found = _report(asker, watch.question, date_from=first, date_to=last, among=among,
                    like=watch.answer) or _past_reach(asker, watch, first, last, among)  # fmt: skip
    if found is None:
        return checked, None  # no new article reports on it surely enough
    value, cited = found.value, found.citation
    if watch.cited and watch.cited.date and cited.date and cited.date < watch.cited.date:
        return checked, None  # an older report than the one the answer rests on
    if watch.cited and restates(watch.cited.quote, watch.cited.date, answer_sentence(cited),
                                cited.date):  # fmt: skip
        return checked, None  # "a 7.4 mln barrel stockdraw ... in the week ended March 13"
    if watch.answer and same_value(watch.answer, value):
        return checked, None
    if watch.answer and not outranks(extreme_asked(watch.question), watch.answer, value):
        return checked, None  # a lower bid is no news of the highest
    if (
        last
        and not told_step(watch.answer, value, cited.quote)
        and not _confirmed(asker, watch.question, value, last)
    ):
        return checked, None  # one article's answer that the week's reports do not bear out
    quote = Quote.of(cited)
    if not watch.answer and _holder_found(watch.question, cited):  # before ``_known``'s search
        return replace(checked, answer=value, cited=quote), None  # the holder the start missed
    if first and _known(asker, watch, value, first):
        return replace(checked, answer=value, cited=quote), None  # the news came earlier
    alert = Alert(
        watch_id=watch.id,
        kind=AlertKind.ANSWER_CHANGED if watch.answer else AlertKind.FIRST_ANSWER,
        date=cited.date,
        question=watch.question,
        new_answer=value,
        citation=quote,
        old_answer=watch.answer,
        previous_citation=watch.cited,
        also=cited.also,
    )
    return replace(checked, answer=value, cited=quote), alert


def _past_reach(
    asker: Asker, watch: Watch, first: str | None, last: str | None, among: Collection[str]
) -> Report | None:
    """A report of the new articles past the held answer's reach above it
    (``sameness.above_reach``), taken when it is also the surest report of the week up to
    its day, asked with no answer held: a watch that started on a move or a part ("861 mln
    crowns" for Denmark's reserves, which stand at 36.34 billion) would otherwise refuse
    every right figure after it. A figure far below the held one is still refused (a part
    of the level: "1.64 mln tonnes" of Australia's wheat crop of 17.30), as is one of
    another kind (a range of analysts', hectares for tonnes)."""
    if not watch.answer or not last:
        return None
    found = best_report(asker, watch.question, date_from=first, date_to=last, among=among,
                        like=watch.answer, above=True)  # fmt: skip
    if found is None:
        return None
    end = dt.date.fromisoformat(last)
    week = _report(asker, watch.question, date_from=end - dt.timedelta(days=CONFIRM_DAYS),
                   date_to=end)  # fmt: skip
    return found if week is not None and same_value(found.value, week.value) else None


class _Remembering:
    """An asker that keeps its reader's offers for one check: reading the new articles
    without the held answer's kind, and the week's confirmation, ask what was asked."""

    def __init__(self, asker: Asker) -> None:
        self.asker, self.settings = asker, asker.settings
        self.kept: dict[tuple[str, str, str], list[Offer]] = {}

    def offers(self, question: str, *, date_from: object = None,
               date_to: object = None) -> list[Offer]:  # fmt: skip
        key = (question, str(date_from), str(date_to))
        if key not in self.kept:
            self.kept[key] = self.asker.offers(question, date_from=date_from, date_to=date_to)
        return self.kept[key]

    def search(self, question: str, k: int = 5, *, date_from: object = None,
               date_to: object = None) -> list[Passage]:  # fmt: skip
        return self.asker.search(question, k, date_from=date_from, date_to=date_to)


def _confirmed(asker: Asker, question: str, value: str, last: str) -> bool:
    """Whether the question, read over the week up to ``last``, gives ``value`` too: a
    wrong answer from one article of a busy day is not borne out by the week's reports,
    and would otherwise become the value the next report is compared with."""
    end = dt.date.fromisoformat(last)
    start = end - dt.timedelta(days=CONFIRM_DAYS)
    found = _report(asker, question, date_from=start, date_to=end, like=value)
    return found is not None and same_value(value, found.value)


def _holder_found(question: str, cited: Citation) -> bool:
    """Whether a watch's first answer names an office's holder (``roles.asks_office``) in a
    report that tells no appointment (``roles.tells_appointment``, in its sentence or its
    headline): the holder its start did not find, whose name is no news ("Saudi Arabia's Oil
    Minister Hisham Nazir", dev's watch-d29); the watch takes it without an alert."""
    told = f"{cited.title} {answer_sentence(cited)}"
    return asks_office(question) and not tells_appointment(told)


def _known(asker: Asker, watch: Watch, value: str, first: str) -> bool:
    """Whether a report before the new articles (``KNOWN_GAP_DAYS`` back; after the held
    answer's own day, or any before when the watch holds none) already gave ``value``
    (``known.said_before``): the news came then, read or not."""
    end = dt.date.fromisoformat(first) - dt.timedelta(days=KNOWN_GAP_DAYS)
    held = watch.cited.date if watch.cited and watch.cited.date else None
    since = dt.date.fromisoformat(held) + dt.timedelta(days=1) if held else None
    if since is not None and since > end:
        return False
    return said_before(asker, watch.question, value, date_from=since, date_to=end) is not None


def _report(
    asker: Asker,
    question: str,
    *,
    date_from: object = None,
    date_to: object = None,
    among: Collection[str] | None = None,
    like: str = "",
    floor: float | None = None,
    latest: bool = False,
) -> Report | None:
    """The reader's report (``reports.best_report``), or, when no sentence of the window
    reports on the question, a table's cell that does (``table_reports``)."""
    found = best_report(asker, question, date_from=date_from, date_to=date_to, among=among,
                        like=like, floor=floor, latest=latest)  # fmt: skip
    if found is not None:
        return found
    sure = asker.settings.abstain_below if floor is None else floor
    return table_report(asker, question, date_from=date_from, date_to=date_to, among=among,
                        like=like, sure=sure)  # fmt: skip


def check_stories(
    asker: Asker, watch: Watch, entries: Sequence[ArticleEntry], seen: Collection[str] = ()
) -> tuple[Watch, list[Alert]]:
    """One alert per story among ``entries`` that concerns the watch's query, best first;
    ``seen`` are the stories (their earliest article's id) already alerted."""
    if not entries:
        return watch, []
    first, last = days_of(entries)
    story_of = {e.id: e.story or e.id for e in entries}
    wanted = terms(watch.question)
    names = names_of(watch.question, first=True)
    passages = asker.search(watch.question, k=STORY_PASSAGES, date_from=first, date_to=last)
    alerts: list[Alert] = []
    told = set(seen)
    for passage in passages:
        story = story_of.get(passage.article_id)
        if story is None or story in told or passage.flash:
            continue  # a flash (a headline alone) is alerted by the story that follows
        if not _concerns(passage, wanted, names):
            continue
        told.add(story)
        quote = replace(Quote.of(_as_citation(passage)), quote=_best(passage, wanted))
        alerts.append(Alert(
            watch_id=watch.id, kind=AlertKind.NEW_STORY, date=passage.date,
            question=watch.question, new_answer=quote.quote, citation=quote,
            also=passage.also, story=story,
        ))  # fmt: skip
    checked = replace(watch, checked=max(filter(None, (watch.checked, last)), default=None))
    return checked, alerts


def _concerns(passage: Passage, wanted: Sequence[str], names: Sequence[str]) -> bool:
    """Close in meaning or words to the query, and naming what it names ("Argentina debt
    talks": not Brazil's)."""
    if not names_given(names, passage.text, passage.title):
        return False
    near = passage.dense is not None and passage.dense >= STORY_NEAR
    return near or term_share(wanted, passage.text) >= STORY_WORDS


def _best(passage: Passage, wanted: Sequence[str]) -> str:
    """The passage's sentence that carries most of the query's words (the first on a tie)."""
    spans = split_sentences(passage.text) or []
    sentences = [" ".join(passage.text[s.start : s.end].split()) for s in spans]
    sentences = [s for s in sentences if s] or [" ".join(passage.text.split())]
    return max(sentences, key=lambda s: (term_share(wanted, s), -sentences.index(s)))


def _as_citation(passage: Passage) -> Citation:
    return Citation.from_passage(1, passage, quote="", start=passage.start, end=passage.end,
                                 score=passage.score)  # fmt: skip


def _day(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
