"""The value a watch reads from the articles: the best span that reports what it asks.

A question asked once takes the reader's best span. A watch asks the same question of every
day's articles, and the best span of a busy day is often a near miss: the week a figure
covers ("February 23"), last week's revised figure in the next sentence, another company's
dividend. The reader's runners-up usually hold the value (docs/quality.md, "Watched
questions"), so a watch weighs them all, best first, and takes the first that clears the
calibrated confidence, sits in a sentence that reports on the question
(``reports_on``: most of its words, its names, stated not forecast), is not a date,
and is a value of the kind the watch holds.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Protocol

from assistant.answering.answerer import Reading, cite
from assistant.answering.candidates import Candidate
from assistant.answering.choice import confidence_of
from assistant.config import Settings
from assistant.records import Citation
from assistant.text.question import QuestionType, analyse
from assistant.text.sentences import split_sentences
from assistant.text.terms import term_share, terms
from assistant.watching.values import is_date, new_value, read_value, same_shape

_AMOUNT = re.compile(
    r"\b(?:rates?|prices?|levels?|counts?|dividends?|offer(?:ing)?|ceiling|rebates?|ratio"
    r"|estimates?|forecasts?|figures?|totals?|number|amount|yields?|output|supply|imports"
    r"|exports|crops?|production|quotas?)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b[A-Z][\w.&'’-]*[\w.]")
_QUESTION_WORDS = frozenset({"what", "who", "which", "how", "when", "where", "why", "is", "the"})
# Words of a sentence that predicts rather than reports (lower case: "May" is a month).
_FORECAST = re.compile(
    r"\b(predict\w*|forecast\w*|expect\w*|estimat\w*|project\w*|outlook|could|would|might|"
    r"may|likely|probabl\w*|plan\w*|consider\w*|propos\w*)\b"
)
# The sentence an answer rests on carries this share of the question's content words, or
# it is about something else (Hong Kong's prime rate for "the prime rate of U.S. banks").
ON_TOPIC = 0.5


class Reader(Protocol):
    """What reading a watch needs of the assistant (``facade.Assistant`` is one)."""

    settings: Settings

    def read(self, question: str, *, date_from: object = None,
             date_to: object = None) -> Reading: ...  # fmt: skip


@dataclass(frozen=True)
class Report:
    """A value the articles give for a watch, and the sentence that gives it."""

    value: str  # the span's new value ("17 mln bpd" of "15.8 mln bpd ceiling to 17 mln bpd")
    citation: Citation
    confidence: float


def offers(reading: Reading) -> Iterator[Candidate]:
    """The reader's choice first, then every other span it found, surest first."""
    if reading.best is not None:
        yield reading.best
    spans = [c.instead(alt) for c in reading.candidates for alt in c.alternatives]
    ranked = sorted((*reading.candidates, *spans), key=lambda c: -c.margin)
    seen = {_key(reading.best)} if reading.best is not None else set()
    for candidate in ranked:
        if _key(candidate) not in seen:
            seen.add(_key(candidate))
            yield candidate


def best_report(
    reader: Reader,
    question: str,
    *,
    date_from: object = None,
    date_to: object = None,
    among: Collection[str] | None = None,
    like: str = "",
) -> Report | None:
    """The first of the reader's spans over the window that a watch may take as its answer:
    from one of the articles ``among`` (any, if None), no less sure than the assistant
    answers, reporting on the question, and of the same kind as ``like`` (a rate, a name)."""
    reading = reader.read(question, date_from=date_from, date_to=date_to)
    floor = reader.settings.abstain_below
    dates_wanted = analyse(question).qtype is QuestionType.WHEN
    amount_wanted = asks_amount(question)
    for candidate in offers(reading):
        if among is not None and candidate.passage.article_id not in among:
            continue
        value = new_value(_first_sentence(candidate.text))
        read = read_value(value)
        if not (read.quantities or read.words) or (is_date(value) and not dates_wanted):
            continue  # "<", or the day a figure is for
        if like and not same_shape(like, value):
            continue
        if not like and amount_wanted and not read.quantities:
            continue  # a rate asked, a ticker found
        citation = cite(1, candidate, True)
        if not reports_on(question, citation):
            continue
        confidence = confidence_of(question, candidate, reading.candidates)
        if confidence >= floor:
            return Report(value, citation, confidence)
    return None


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


def asks_amount(question: str) -> bool:
    """Whether the question asks for an amount (how much, a rate, a price, a level): a
    watch's first answer must then hold a number."""
    if analyse(question).qtype in (QuestionType.HOW_MUCH, QuestionType.HOW_MANY):
        return True
    return bool(_AMOUNT.search(question))


def _first_sentence(span: str) -> str:
    """The span up to its first sentence's end: a span that runs on into the next sentence
    ("19 dlrs a barrel. Unocal said its new ... 19.35 dlrs") holds one value, the first."""
    sentences = split_sentences(span)
    return span[: sentences[0].end] if sentences else span


def _key(candidate: Candidate) -> tuple[str, int, int]:
    return candidate.passage.article_id, candidate.start, candidate.end
