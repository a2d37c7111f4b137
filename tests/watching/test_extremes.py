"""A watch that asks for the highest (or lowest) value: it takes the largest figure of the
reports that answer it, and a lower one is no news. The reader's spans are written out as
offers over a real sentence of Reuters (15 March 1987), as ``Assistant.offers`` gives them."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from assistant.config import Settings
from assistant.records import ArticleEntry, Citation, Offer, Passage
from assistant.watching.checks import check_answer
from assistant.watching.extremes import Extreme, extreme_asked, outermost, outranks
from assistant.watching.reports import best_report
from assistant.watching.watch_store import make_watch

HIGHEST = "What is the highest offer per share for Harper and Row?"
BIDS = (
    "Private investor Theodore Cross last week offered 34 dlrs a share for Harper and Row, "
    "prompting a rival bid of 50 dlrs a share from another publishing firm, Harcourt Brace."
)


@dataclass
class Spans:
    """Hands back the reader's spans over the sentence, surest first."""

    spans: tuple[str, ...]
    settings: Settings

    def offers(
        self, question: str, *, date_from: object = None, date_to: object = None
    ) -> list[Offer]:
        return [Offer(span, _cited(span), 0.99 - 0.01 * i) for i, span in enumerate(self.spans)]


def _cited(span: str) -> Citation:
    at = BIDS.index(span)
    return Citation(n=1, article_id="reuters-5177", title="HARPER AND ROW TO MULL OPTIONS "
                    "AFTER BIDS", date="1987-03-15", source="wire", text=BIDS, chunk_start=0,
                    quote=BIDS, start=0, end=len(BIDS), score=1.0, answer_start=at,
                    answer_end=at + len(span))  # fmt: skip


@pytest.mark.parametrize(
    ("question", "extreme"),
    [(HIGHEST, Extreme.HIGHEST), ("What is the largest bid for GenCorp?", Extreme.HIGHEST),
     ("Which is the lowest bid for Borg-Warner?", Extreme.LOWEST),
     ("What is the latest per-share offer for Supermarkets General?", Extreme.NONE),
     ("Who is the top official at the Fed?", Extreme.NONE),
     ("What is the record closing high of the Nikkei average?", Extreme.HIGHEST),
     ("What is the all-time low of the Australian dollar?", Extreme.LOWEST),
     ("What is the U.S. price for high grade zinc?", Extreme.NONE)],
)  # fmt: skip
def test_which_end_a_question_asks_for(question: str, extreme: Extreme) -> None:
    assert extreme_asked(question) is extreme


def test_the_highest_is_the_largest_figure_not_the_surest_span() -> None:
    reader = Spans(("34 dlrs", "50 dlrs"), Settings(abstain_below=0.5))
    found = best_report(reader, HIGHEST)
    assert found is not None and found.value == "50 dlrs"
    latest = best_report(reader, "What is the latest offer per share for Harper and Row?")
    assert latest is not None and latest.value == "34 dlrs"  # no end asked: the surest


@dataclass(frozen=True)
class Said:
    value: str


def test_of_equal_figures_the_surest_and_without_figures_the_first() -> None:
    said = [Said("34 dlrs"), Said("50 dlrs"), Said("50 dlrs a share")]
    assert outermost(Extreme.HIGHEST, said) is said[1]
    assert outermost(Extreme.LOWEST, said) is said[0]
    names = [Said("Harcourt Brace"), Said("Theodore Cross")]
    assert outermost(Extreme.HIGHEST, names) is names[0]
    assert outermost(Extreme.HIGHEST, []) is None


@pytest.mark.parametrize(
    ("extreme", "held", "new", "news"),
    [(Extreme.HIGHEST, "50 dlrs", "34 dlrs", False), (Extreme.HIGHEST, "50 dlrs", "65 dlrs", True),
     (Extreme.LOWEST, "50 dlrs", "34 dlrs", True), (Extreme.NONE, "50 dlrs", "34 dlrs", True),
     (Extreme.HIGHEST, "Harcourt", "34 dlrs", True)],
)  # fmt: skip
def test_a_lower_bid_is_no_news_of_the_highest(
    extreme: Extreme, held: str, new: str, news: bool
) -> None:
    assert outranks(extreme, held, new) is news


def test_a_watch_on_the_highest_bid_does_not_alert_a_lower_one() -> None:
    """Held: Harcourt's 50 dlrs; a new article surest about Cross's 34 dlrs (and saying no
    higher bid) raises nothing, where a watch on the latest offer alerts it."""
    reader = _Asking(("34 dlrs",), Settings(abstain_below=0.5))
    new = ArticleEntry("reuters-5177", "HARPER AND ROW", "1987-03-15", "wire", "", "", "", 1,
                       True)  # fmt: skip
    for question, alerts in ((HIGHEST, False), (HIGHEST.replace("highest", "latest"), True)):
        held = replace(make_watch(question), answer="50 dlrs", checked="1987-03-14")
        _, alert = check_answer(reader, held, [new])
        assert (alert is not None) is alerts
        if alert:
            assert alert.old_answer == "50 dlrs" and alert.new_answer == "34 dlrs"


@dataclass
class _Asking(Spans):
    """The spans, and no passages to search (an answer watch reads only offers)."""

    def search(self, question: str, k: int = 5, *, date_from: object = None,
               date_to: object = None) -> list[Passage]:  # fmt: skip
        return []
