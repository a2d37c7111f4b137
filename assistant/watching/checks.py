"""Asking a watch again over some new articles, and deciding whether that is news.

An ``answer`` watch is asked over the days the new articles cover; it alerts only when the
answer rests on one of those new articles, is no older than the answer the user last saw,
clears the reader's calibrated confidence (an abstention never alerts), rests on a
sentence about the question (``ON_TOPIC``) and says another value of the same kind
(``values.same_shape``, ``values.same_value``: "7-1/2 pct" is "7.5 pct"). A ``stories``
watch alerts once per story among the new articles that concerns the query; a reprint of
a story already alerted is the same story.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Protocol

from assistant.config import TimeMode
from assistant.records import Answer, ArticleEntry, Citation, Passage
from assistant.text.sentences import split_sentences
from assistant.text.terms import term_share, terms
from assistant.watching.values import new_value, same_shape, same_value
from assistant.watching.watches import Alert, AlertKind, Quote, Watch, WatchKind

# Dev split of benchmarks/watches.py (2026-12-03): 0.45 (percolating stories at 0.35) gave
# stories P 0.29 / R 0.91, 551 alerts for 172 stories; at 0.60, 0.55 gave P 0.67 /
# R 0.77 and 0.60 P 0.68 / R 0.77 (195 alerts). STORY_WORDS 0.75 and 1.0 measured the
# same, so it stays.
STORY_NEAR = 0.60  # a passage this close in meaning to a stories watch's query concerns it
STORY_WORDS = 0.75  # or one that carries this share of its words
STORY_PASSAGES = 20
# The sentence an answer rests on carries this share of the question's content words, or
# it is about something else (Hong Kong's prime rate for "the prime rate of U.S. banks").
ON_TOPIC = 0.5
LOOK_BACK_DAYS = (7, 31, 366)  # windows a new watch's starting answer is looked for in
CONFIRM_DAYS = 6  # a new value must also be the answer over the week up to its day
_NAME = re.compile(r"\b[A-Z][\w.&'’-]*[\w.]")
_QUESTION_WORDS = frozenset({"what", "who", "which", "how", "when", "where", "why", "is", "the"})
# Words of a sentence that predicts rather than reports (lower case: "May" is a month).
_FORECAST = re.compile(
    r"\b(predict\w*|forecast\w*|expect\w*|estimat\w*|project\w*|outlook|could|would|might|"
    r"may|likely|probabl\w*|plan\w*|consider\w*|propos\w*)\b"
)


class Asker(Protocol):
    """What a check needs of the assistant (``facade.Assistant`` is one)."""

    def ask(self, question: str, *, date_from: object = None, date_to: object = None,
            as_of: object = None, time: TimeMode | str | None = None) -> Answer: ...  # fmt: skip

    def search(self, question: str, k: int = 5, *, date_from: object = None,
               date_to: object = None) -> list[Passage]: ...  # fmt: skip


def days_of(entries: Sequence[ArticleEntry]) -> tuple[str | None, str | None]:
    """The first and last day the articles were published (None: open, when undated)."""
    days = sorted(e.date for e in entries if e.date)
    if not days or len(days) < len(entries):
        return None, None
    return days[0], days[-1]


def first_state(asker: Asker, watch: Watch, as_of: object = None) -> Watch:
    """The watch with what the articles say as of a day (the newest, by default): the
    latest report that answers it, read in widening windows back from that day (the last
    week, month, year, then all before), each answer held to ``reports_on``."""
    day = _day(as_of)
    if watch.kind is not WatchKind.ANSWER:
        return replace(watch, checked=day)
    end = dt.date.fromisoformat(day) if day else None
    for back in (*LOOK_BACK_DAYS, None):
        start = end - dt.timedelta(days=back) if end and back is not None else None
        if back is not None and end is None:
            continue
        answer = asker.ask(watch.question, date_from=start, date_to=end, time=TimeMode.OFF)
        cited = _supporting(answer, None)
        if answer.abstained or not answer.short_answer or cited is None:
            continue
        if reports_on(watch.question, cited):
            return replace(watch, answer=new_value(answer.short_answer), cited=Quote.of(cited),
                           checked=day or cited.date)  # fmt: skip
    return replace(watch, checked=day)


def check_answer(
    asker: Asker, watch: Watch, entries: Sequence[ArticleEntry]
) -> tuple[Watch, Alert | None]:
    """The watch after reading ``entries`` (new articles), and its alert if the answer moved."""
    if not entries:
        return watch, None
    first, last = days_of(entries)
    answer = asker.ask(watch.question, date_from=first, date_to=last, time=TimeMode.OFF)
    checked = replace(watch, checked=max(filter(None, (watch.checked, last)), default=None))
    cited = _supporting(answer, {e.id for e in entries})
    if answer.abstained or not answer.short_answer or cited is None:
        return checked, None
    value = new_value(answer.short_answer)  # "7-3/4 pct from 7-1/2 pct": 7-3/4 pct
    if watch.cited and watch.cited.date and cited.date and cited.date < watch.cited.date:
        return checked, None  # an older report than the one the answer rests on
    if not reports_on(watch.question, cited):
        return checked, None  # about something else, or a forecast of it
    if watch.answer and not same_shape(watch.answer, value):
        return checked, None  # "prime interest rate" is no value of a rate
    if watch.answer and same_value(watch.answer, value):
        return checked, None
    if last and not _confirmed(asker, watch.question, value, last):
        return checked, None  # one article's answer that the week's reports do not bear out
    quote = Quote.of(cited)
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


def _confirmed(asker: Asker, question: str, value: str, last: str) -> bool:
    """Whether the question, asked over the week up to ``last``, gives ``value`` too: a
    wrong answer from one article of a busy day is not borne out by the week's reports,
    and would otherwise become the value the next report is compared with."""
    end = dt.date.fromisoformat(last)
    start = end - dt.timedelta(days=CONFIRM_DAYS)
    answer = asker.ask(question, date_from=start, date_to=end, time=TimeMode.OFF)
    if answer.abstained or not answer.short_answer:
        return False
    return same_value(value, new_value(answer.short_answer))


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
    passages = asker.search(watch.question, k=STORY_PASSAGES, date_from=first, date_to=last)
    alerts: list[Alert] = []
    told = set(seen)
    for passage in passages:
        story = story_of.get(passage.article_id)
        if story is None or story in told or not _concerns(passage, wanted):
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


def reports_on(question: str, cited: Citation) -> bool:
    """Whether the sentence an answer rests on reports what the question asks: it carries
    most of the question's words (``ON_TOPIC``), the names the question gives are in it or
    in its headline ("U.S." banks, not "U.K." ones), and it states the value rather than
    predicts it ("predicted a rise ... to eight pct"), unless the question asks for a forecast."""
    if term_share(terms(question), cited.quote) < ON_TOPIC:
        return False
    said = f"{cited.quote} {cited.title}".casefold()
    if any(name not in said for name in _names(question)):
        return False
    asks_forecast = bool(_FORECAST.search(question.casefold()))
    return asks_forecast or not _FORECAST.search(_before_answer(cited))


def _before_answer(cited: Citation) -> str:
    """The words of the quote that lead up to the answer ("predicted a rise to" ...): a
    forecast word after it ("... while they see what rates would do") does not make the
    value a forecast."""
    if cited.answer_start is None:
        return cited.quote
    return cited.quote[: max(0, cited.answer_start - cited.start)]


def _names(question: str) -> list[str]:
    """The names a question gives: its capitalised words after the first (casefolded)."""
    words = _NAME.findall(question)[1:] if question[:1].isupper() else _NAME.findall(question)
    return [w.casefold().removesuffix("'s").removesuffix("’s") for w in words
            if w.casefold() not in _QUESTION_WORDS]  # fmt: skip


def _concerns(passage: Passage, wanted: Sequence[str]) -> bool:
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


def _supporting(answer: Answer, among: set[str] | None) -> Citation | None:
    """The citation the answer rests on, if it is one of the articles ``among``."""
    for citation in answer.citations:
        if citation.supports and (among is None or citation.article_id in among):
            return citation
        if citation.supports:
            return None
    return None


def _day(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
