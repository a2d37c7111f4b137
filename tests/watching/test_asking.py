"""What a watch's question asks for (``watching.asking``): an amount, the measure of its
value, and its own words for the thing asked (its names and asking words aside)."""

from __future__ import annotations

import pytest

from assistant.watching.asking import (
    asked_about,
    asks_amount,
    gives_running_total,
    measure_asked,
    running_total,
    topic_terms,
)
from assistant.watching.values import Measure, measures, read_value

M1 = "What is the latest weekly level of U.S. M-1 money supply reported by the Federal Reserve?"


@pytest.mark.parametrize(
    ("question", "amount"),
    [(M1, True), ("How much per share is GAF offering for Borg-Warner?", True),
     ("What quarterly dividend does Pillsbury pay?", True),
     ("What was the purchasing managers' latest composite index reading?", True),
     ("What are cumulative U.S. green coffee roastings for calendar 1987?", True),
     ("Who is chairman of the U.S. Federal Reserve Board?", False),
     ("Who is Brazil's finance minister?", False),
     ("What was Brazil's latest monthly trade surplus?", True),
     ("What was Canada's federal budget deficit in the latest month?", True),
     ("What were New Zealand's official foreign reserves at the end of the month?", True),
     ("What inflation target has the Spanish government set for 1987?", True),
     ("Who heads the Bank of Credit and Commerce?", False),  # an amount word in a name
     ("Who chairs OPEC's price committee?", False),  # "who" asks a name
     ("What percentage of CalMat Co's stock does Industrial Equity hold?", True),
     ("What import levy does the EC charge on raw sugar?", True),  # not "levies"
     ("What was Comair Inc's passenger load factor in the latest month?", True)],
)  # fmt: skip
def test_a_question_asks_for_an_amount(question: str, amount: bool) -> None:
    assert asks_amount(question) is amount


@pytest.mark.parametrize(
    ("question", "measure"),
    [("How much per share is GAF offering for Borg-Warner?", Measure.MONEY),
     ("What is Unocal's posted price for West Texas Intermediate crude?", Measure.MONEY),
     ("What quarterly dividend does Pillsbury pay?", Measure.MONEY),
     ("What is the Bundesbank's Lombard emergency financing rate?", Measure.RATE),
     ("What maximum export rebate did the latest EC barley tender set?", Measure.MONEY),
     ("What is the dollar's exchange rate against the yen?", Measure.ANY),
     ("What is Spain's latest year-on-year consumer price inflation rate?", Measure.RATE),
     (M1, Measure.ANY), ("What is the latest weekly U.S. drilling rig count?", Measure.ANY),
     ("How many rigs were working in the North Sea last week?", Measure.COUNT),
     ("At what level is the index of leading indicators (1967=100)?", Measure.INDEX),
     ("By how much did the index of leading indicators rise?", Measure.ANY),
     ("What is the level of the U.S. producer price index?", Measure.INDEX),  # no price
     ("What yield is the central bank paying at its latest weekly offering?", Measure.RATE),
     ("What average yield of orange juice per box does USDA project?", Measure.ANY),
     ("At what dollar rate has Egypt's Central Bank set the Egyptian pound (pounds per "
      "dollar)?", Measure.ANY),  # a currency's price, "1.373/87", no percentage
     ("At what rate is the Hong Kong dollar pegged (linked) to the U.S. dollar?", Measure.ANY),
     ("What percentage of CalMat Co's stock does Industrial Equity hold?", Measure.RATE),
     ("What was Comair Inc's passenger load factor in the latest month?", Measure.RATE),
     ("How much liquidity did the Bundesbank allocate at its latest tender?", Measure.AMOUNT),
     ("How much electricity did U.S. power companies generate?", Measure.AMOUNT),
     ("How much of Allegis does Coniston hold?", Measure.ANY),  # a share may be a percentage
     ("By how much did Woolworth's sales rise?", Measure.ANY)],  # a move may be too
)  # fmt: skip
def test_what_a_question_s_value_is_measured_in(question: str, measure: Measure) -> None:
    assert measure_asked(question) is measure


@pytest.mark.parametrize(
    ("value", "counted"),
    [("83 rigs", True), ("83", True), ("35.6 pct", False), ("12 dlrs", False),
     ("35.6 pct of 233 rigs", True)],
)  # fmt: skip
def test_a_count_is_neither_money_nor_a_percentage(value: str, counted: bool) -> None:
    assert measures(read_value(value), Measure.COUNT) is counted


@pytest.mark.parametrize(
    ("value", "amount"),
    [("6.1 billion marks", True), ("50.08 billion kilowatt-hours", True), ("725,023", True),
     ("3.80 pct", False)],
)  # fmt: skip
def test_how_much_of_a_thing_is_no_bare_percentage(value: str, amount: bool) -> None:
    """Asked "How much liquidity did the Bundesbank allocate?", its tender's "3.80 pct" is
    no answer (fresh12's watch-c16, read after it was run blind)."""
    assert measures(read_value(value), Measure.AMOUNT) is amount


@pytest.mark.parametrize(
    ("value", "level"), [("183.8", True), ("1.0 pct", False), ("12 dlrs", False)]
)
def test_an_index_s_level_is_no_percentage(value: str, level: bool) -> None:
    assert measures(read_value(value), Measure.INDEX) is level


def test_a_running_total_is_asked_and_said_in_its_own_words() -> None:
    question = "What are the Ghana Cocoa Board's cumulative cocoa purchases this season?"
    assert running_total(question)
    assert running_total("Cumulative purchases so far this season stand at 216,095 tonnes")
    assert not running_total("The board said it purchased 1,323 tonnes in the 21st week")
    assert not running_total("What are the Ghana Cocoa Board's cocoa purchases?")
    assert running_total("bringing CD issues so far this year to 115.47 billion dlrs")
    # a report gives the year's total so far by its stretch too; a question naming the
    # stretch asks it, not a running total
    assert gives_running_total("totalled 700 mln dlrs in the first two months of this year")
    assert gives_running_total("a trade deficit of 68 mln dlrs in January")
    assert not gives_running_total("a trade deficit of 57 mln in January 1986")
    assert not running_total("What was the Philippines' trade deficit in January?")


def test_what_a_question_asks_about_is_its_own_words_not_its_names() -> None:
    assert asked_about("What is the West German (Bundesbank) discount rate?") == [
        "discount", "rate"]  # fmt: skip
    assert asked_about("What is the latest weekly U.S. drilling rig count reported by Hughes "
                       "Tool?") == ["drill", "rig", "count"]  # fmt: skip
    assert asked_about("How much per share is GAF offering for Borg-Warner?") == [
        "share", "offer"]  # fmt: skip
    assert asked_about("What is the highest offer per share for Harper and Row?") == [
        "offer", "share"]  # fmt: skip
    assert asked_about("What is the industry's book-to-bill ratio?") == [
        "industry",
        "book",
        "bill",
        "ratio",
    ]  # fmt: skip  (a possessive read as its word)


@pytest.mark.parametrize(
    ("question", "about"),
    [("Who is the U.S. Agriculture Secretary?", ["agriculture", "secretary"]),
     ("Who is the U.S. Trade Representative?", ["trade", "representative"]),
     ("Who is Japan's finance minister?", ["finance", "minister"]),
     ("Who is chairman of the U.S. Federal Reserve Board?", ["chairman"])],  # a body's name
)  # fmt: skip
def test_an_office_written_capitalised_is_asked_not_a_name(question: str, about: list[str]) -> None:
    assert asked_about(question) == about


@pytest.mark.parametrize(
    ("question", "topic"),
    [(M1, ["level", "u", "m", "1", "money", "supply", "federal", "reserve"]),
     ("What is the latest monthly U.S. civilian unemployment rate reported by the Labor "
      "Department?", ["u", "civilian", "unemployment", "rate", "labor", "department"]),
     ("What quarterly dividend does Sun Co (Sun Refining) pay?", ["quarterly", "dividend",
      "sun", "pay"])],
)  # fmt: skip
def test_a_topic_is_told_without_asking_words_or_a_legal_form(
    question: str, topic: list[str]
) -> None:
    assert topic_terms(question) == topic


def test_a_season_asked_counts_only_against_a_report_that_names_one() -> None:
    """ "Pakistan cotton production during the current crop season ... reached 7.7 mln bales"
    (reuters21578/374) names no season to contradict "1986/87"; "the 1987/88 crop" does."""
    question = "What is Pakistan's official estimate of its 1986/87 cotton crop?"
    season = ["pakistan", "official", "estimate", "1986", "87", "cotton", "crop"]
    assert topic_terms(question) == season
    assert topic_terms(question, "the current crop season") == [t for t in season if t.isalpha()]
    assert topic_terms(question, "the 1987/88 crop") == season
    assert topic_terms(question, "in 1986") == season
    assert topic_terms(question, "sold 1,987 bales") == [t for t in season if t.isalpha()]
