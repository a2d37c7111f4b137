"""Which series a figure, and which office a name, is given under."""

from __future__ import annotations

import pytest

from assistant.watching.series import (
    a_year_before,
    another_name,
    another_rate,
    another_series,
    measured_against,
    moved_past,
    past_a_benchmark,
    qualifiers,
)

FRANCE = "What is the Bank of France's money market intervention rate?"
CUT = ("The Bank of France cut its intervention rate to 7-3/4 pct from eight pct and its "
       "seven-day repurchase rate to 8-1/2 pct from 8-3/4 pct.")  # fmt: skip


def before(sentence: str, figure: str) -> str:
    return sentence[: sentence.index(figure)]


def test_a_figure_under_another_rate_s_name_is_that_rate_s() -> None:
    assert not another_rate(FRANCE, before(CUT, "7-3/4"))
    assert another_rate(FRANCE, before(CUT, "8-1/2"))


@pytest.mark.parametrize(
    ("question", "words", "another"),
    [("What is the Federal Reserve's discount rate?", "cut its discount rate to ", False),
     ("What is the Federal Reserve's discount rate?", "the Fed funds rate was ", True),
     ("What is the Federal Reserve's discount rate?", "Citibank raised its prime rate to ",
      True),
     ("What is Citibank's prime rate?", "Citibank raised its prime lending rate to ", False),
     ("What is Citibank's prime rate?", "Citibank cut its rate to ", False),  # no word of a kind
     ("What is the Bundesbank's Lombard emergency financing rate?", "left its Lombard rate at ",
      False),  # the name asked says whose
     ("What is the Bundesbank's Lombard emergency financing rate?",
      "left its discount rate at ", True),
     ("What is the Bank of Spain's overnight call money rate?", "its key rate at ", False),
     ("What is the prime rate of U.S. banks?", "raised their rate, which had been ", False),
     ("What is the prime rate of U.S. banks?", "the exchange rate of the dollar was ", True),
     ("What is the Bank of France's seven-day repurchase rate?",
      "also cut its seven-day repossession rate to ", False),  # its period asked, misspelt
     ("What is the Bank of Japan's official discount rate?", "3.6005 against today's "
      "one-month commercial bill discount rate of ", True),  # words before the asked ones
     ("What is the Bank of Japan's official discount rate?",
      "the central bank's discount rate at ", False),  # a possessive says whose
     ("What is the Bank of France's repurchase rate?", "cut its seven-day repurchase rate to ",
      False),  # a period is the periods' rule, not another kind
     ("What is Belgium's central bank discount rate?", "Belgium cuts discount rate to ",
      False),  # a headline's verb ends the words that qualify
     ("What is Citibank's U.S. prime rate?", "Quarter-point prime rate increases to ", False)],
    # a move's size is no other kind
)  # fmt: skip
def test_a_rate_is_another_when_its_words_name_another_kind(
    question: str, words: str, another: bool
) -> None:
    assert another_rate(question, words) is another


def test_a_question_that_asks_no_rate_reads_no_rate() -> None:
    assert not another_rate("What quarterly dividend does Witco pay?", "its prime rate at ")


@pytest.mark.parametrize(
    ("question", "words", "another"),
    [("Who is the Philippine agriculture secretary?", "said Trade ", True),
     ("Who is the Philippine agriculture secretary?", "said Agriculture ", False),
     ("Who is the Philippine agriculture secretary?", "the ", False),
     ("Who is chairman of the U.S. Federal Reserve Board?", "Fed ", False),  # a name cut short
     ("Who is chairman of the U.S. Federal Reserve Board?", "the Fed vice ", True),
     ("Who is OPEC's conference president?", "OPEC ", False),  # an acronym says whose
     ("Who is Saudi Arabia's oil minister?", "Saudi Oil ", False),
     ("Who is Saudi Arabia's oil minister?", "Saudi Planning ", True),
     ("Who is chairman of the New York Mercantile Exchange?", "outgoing ", False)],
)  # fmt: skip
def test_an_office_is_another_when_its_words_name_another_kind(
    question: str, words: str, another: bool
) -> None:
    assert another_series(question, words) is another


@pytest.mark.parametrize(
    ("words", "found"),
    [("cut its seven-day repurchase ", ["seven-day", "repurchase"]),
     ("cut its ", []),
     ("said Trade ", ["Trade"]),
     ("at 7-3/4 pct, and the discount ", ["discount"]),
     ("the rate fell, official ", ["official"]),
     ("the central bank's ", [])],  # whose, not which
)  # fmt: skip
def test_the_words_that_run_up_to_a_head(words: str, found: list[str]) -> None:
    assert qualifiers(words) == found


BRAZIL = "Who is president of Brazil's central bank?"


@pytest.mark.parametrize(
    ("words", "another"),
    [("WASHINGTON, March 20 - World Bank ", True),  # "Bank" asked, "World" another's name
     ("said Central Bank ", False),
     ("said Brazilian Central Bank ", False),  # a country says whose
     ("said Bundesbank ", False)],  # wholly another's: ``another_series`` judges it
)  # fmt: skip
def test_an_office_of_another_institution_beside_a_word_asked(words: str, another: bool) -> None:
    assert another_name(BRAZIL, words) is another


SAUDI = "What is Saudi Arabia's OPEC crude oil production quota?"


@pytest.mark.parametrize(
    ("following", "against"),
    [(" (bpd) of crude oil, well below its OPEC quota.", True),  # the output, not the quota
     (" (bpd), well down on Saudi Arabia's OPEC quota of 4.13 mln", True),
     (" bpd, above the quota", True),
     (" bpd under a production restraint scheme approved last December", False),
     (" bpd, above last year's 2.6 mln", False),  # measured, but not against the quota
     (" bpd, above the 15.8 mln bpd ceiling", False),  # another level's name
     (" bpd in February, compared with 3.1 mln in January and above the quota", False),  # far
     (" bpd. Output was well below the quota.", False)],  # another sentence
)  # fmt: skip
def test_a_figure_measured_against_the_thing_asked_is_not_it(following: str, against: bool) -> None:
    assert measured_against(SAUDI, following) is against


def test_a_comparison_with_another_thing_is_read_for_the_question_that_asks_it() -> None:
    following = " bpd, well below its OPEC quota"
    assert not measured_against("How much crude oil is Saudi Arabia producing?", following)


OPEC = "What is OPEC's overall crude oil output ceiling?"


@pytest.mark.parametrize(
    ("before", "past"),
    [("OPEC's May output appears to have risen well above its 15.8 mln bpd ceiling to ", True),
     ("output rose above its ceiling to ", True),
     ("OPEC raised its ceiling to ", False),  # the ceiling moved
     ("output rose above its quota to ", False),  # past another thing
     ("output was held below its ceiling at ", False)],  # "at" may give the ceiling
)  # fmt: skip
def test_a_figure_a_move_reached_past_the_thing_asked_is_not_it(before: str, past: bool) -> None:
    assert moved_past(OPEC, before) is past


RUBBER = "What is Malaysia's gazetted price of rubber (the reference price for rubber export duty)?"


@pytest.mark.parametrize(
    ("question", "before", "past"),
    [(RUBBER, "after the gazetted price moved above the threshold price of ", True),  # 884
     (RUBBER, "The gazetted price, effective March 1, rose to ", False),  # the price itself
     (OPEC, "output was held below the ceiling of ", False),  # the thing asked
     (OPEC, "output rose above the previous record of ", True)],
)  # fmt: skip
def test_a_benchmark_the_thing_moved_past_is_not_it(question: str, before: str, past: bool) -> None:
    assert past_a_benchmark(question, before) is past


def test_a_rate_the_question_s_aside_names_is_the_one_asked() -> None:
    """ "(seasonally adjusted annual rate)" asked: the report's "revised seasonally adjusted
    annual rate of 0.5 pct" is it; without the aside, "annual" qualifies another rate."""
    asked = "What was the latest change in U.S. productivity (seasonally adjusted annual rate)?"
    before = "Productivity increased at a revised seasonally adjusted annual rate of "
    assert not another_rate(asked, before)
    assert another_rate(asked.split(" (")[0] + " rate?", before)


@pytest.mark.parametrize(
    ("after", "day", "earlier"),
    [
        (" in May 1986, the Central Bank said.", "1987-06-19", True),  # the year-ago month
        (" a year ago.", "1987-06-19", True),
        (" at end-March 1986", "1987-04-24", True),
        (" in May against 76.06 billion in April", "1987-06-19", False),  # the latest
        (" in December 1986, the ministry said.", "1987-02-27", False),  # the latest month
        (" in 1986, the ministry said.", "1987-02-27", False),  # last year's total
        (" marks 1986 budget", "1987-06-19", False),  # no month
        (" in September 1986", "1987-10-19", True),
    ],
)
def test_a_figure_given_the_month_a_year_before_is_no_latest_level(
    after: str, day: str, earlier: bool
) -> None:
    assert a_year_before("What were Norway's central bank reserves?", after, day) is earlier
    assert not a_year_before("What were Norway's reserves in May 1986?", after, day)
