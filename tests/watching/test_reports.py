"""Which of the reader's spans a watch takes: the surest that reports on the question, is
not a date, and is a value of the kind the watch holds (no model: the reader's spans are
written out as a real reading of the Fed's M-1 report scored them, 1987-03-05, and made
offers as ``Assistant.offers`` makes them)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.answering.answerer import Reading
from assistant.answering.candidates import Alternative, Candidate
from assistant.answering.offers import offers
from assistant.config import Settings
from assistant.records import Offer, Passage
from assistant.watching.reports import asks_amount, best_report
from assistant.watching.values import is_date

M1 = "What is the latest weekly level of U.S. M-1 money supply reported by the Federal Reserve?"
TEXT = (
    "U.S. M-1 money supply rose 1.9 billion dlrs to a seasonally adjusted 738.5 billion dlrs "
    "in the February 23 week, the Federal Reserve said. The previous week's M-1 level was "
    "revised to 736.6 billion dlrs from 736.7 billion dlrs."
)


@dataclass
class Reads:
    """Hands back the offers of one reading, as ``Assistant.offers`` would make them."""

    reading: Reading
    settings: Settings

    def offers(
        self, question: str, *, date_from: object = None, date_to: object = None
    ) -> list[Offer]:
        return offers(question, self.reading)


def span(text: str, score: float) -> Alternative:
    start = TEXT.index(text)
    return Alternative(text, start, start + len(text), score)


def reading(article: str = "fed-0305", *spans: Alternative) -> Reading:
    passage = Passage(chunk_id=f"{article}:0", article_id=article, title="U.S. M-1 MONEY SUPPLY "
                      "RISES 1.9 BILLION DLRS", date="1987-03-05", source="Reuters", text=TEXT,
                      start=0, end=len(TEXT), score=0.9, dense=0.7, rank=1)  # fmt: skip
    best, *rest = spans or (
        span("736.6 billion dlrs from 736.7", 10.9),  # last week's, revised
        span("February 23", 8.4),  # the week the figure covers
        span("738.5 billion dlrs", 6.2),
    )
    candidate = Candidate(passage, best.text, best.start, best.end, best.score, -1.9,
                          tuple(rest))  # fmt: skip
    return Reading(candidate, (candidate,), 0.97, question=M1)


def reads(found: Reading, floor: float = 0.0) -> Reads:
    return Reads(found, Settings(abstain_below=floor))


@pytest.mark.parametrize(
    ("text", "date"),
    [("February 23", True), ("week ended March 4", True), ("March 5, 1987", True),
     ("Monday", True), ("738.5 billion dlrs", False), ("7-3/4 pct", False),
     ("May Department Stores", False)],
)  # fmt: skip
def test_a_day_is_no_value_of_a_watch(text: str, date: bool) -> None:
    assert is_date(text) is date


def test_a_watch_takes_the_runner_up_that_reports_the_figure() -> None:
    found = best_report(reads(reading()), M1)
    assert found is not None and found.value == "738.5 billion dlrs"
    assert found.citation.quote.startswith("U.S. M-1 money supply rose")
    assert found.citation.answer_start == TEXT.index("738.5")


def test_a_report_from_another_article_or_of_another_kind_is_not_taken() -> None:
    assert best_report(reads(reading()), M1, among={"another-article"}) is None
    assert best_report(reads(reading()), M1, like="Paul Volcker") is None  # a name is held
    dated = reading("fed-0305", span("February 23", 8.4), span("738.5 billion dlrs", 6.2))
    found = best_report(reads(dated), M1, like="736.7 billion dlrs")  # the reader's choice
    assert found is not None and found.value == "738.5 billion dlrs"  # is a day: passed over


def test_no_report_below_the_assistant_s_confidence() -> None:
    assert best_report(reads(reading(), floor=0.0), M1) is not None
    assert best_report(reads(reading(), floor=1.0), M1) is None


def test_a_span_that_runs_on_is_read_to_its_sentence_s_end() -> None:
    run_on = "738.5 billion dlrs in the February 23 week, the Federal Reserve said. The previous"
    found = best_report(reads(reading("fed-0305", span(run_on, 9.0))), M1)
    assert found is not None and found.value.startswith("738.5 billion dlrs")
    assert "previous" not in found.value


@pytest.mark.parametrize(
    ("question", "amount"),
    [(M1, True), ("How much per share is GAF offering for Borg-Warner?", True),
     ("What quarterly dividend does Pillsbury pay?", True),
     ("Who is chairman of the U.S. Federal Reserve Board?", False),
     ("Who is Brazil's finance minister?", False)],
)  # fmt: skip
def test_a_question_asks_for_an_amount(question: str, amount: bool) -> None:
    assert asks_amount(question) is amount


def test_a_watch_on_a_level_starts_from_a_number_not_the_reader_s_name() -> None:
    named = reading("fed-0305", span("Federal Reserve", 9.0), span("738.5 billion dlrs", 6.2))
    found = best_report(reads(named), M1)  # no value held yet: the question asks a level
    assert found is not None and found.value == "738.5 billion dlrs"
