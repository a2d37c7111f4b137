"""A statistics office's monthly figures, read as a researcher reads them: "retail prices" rose
by a percentage, not by money; "This gave a year-on-year March inflation rate of 9.8 pct" is
the rate asked, read with its lead; a source's name may be written otherwise; "in January
last year" is a year-ago level; "at the end of the latest month" says when, not what."""

from __future__ import annotations

import dataclasses

import pytest
from test_context import in_story  # a sentence of a story, cited from the story's start
from test_report_order import Offered  # offers written out, as the assistant hands them

from assistant.config import Settings
from assistant.records import Offer
from assistant.text.places import countries_in, with_other_names
from assistant.watching.asking import asked_about, measure_asked, topic_terms
from assistant.watching.kin import same_things
from assistant.watching.naming import names_given, names_of, source_names
from assistant.watching.reports import best_report, reports_on
from assistant.watching.series import anothers_figure
from assistant.watching.values import Measure
from assistant.watching.wanted import Wanted

TURKEY = "By how much did Turkey's retail (consumer) prices rise in the latest month?"
PORTUGAL = (
    "What is Portugal's latest year-on-year consumer price inflation rate, according to the "
    "National Statistics Institute?"
)
LISBON = (
    "LISBON, April 13 - Portugal's consumer prices rose 1.4 pct in March after a one pct "
    "increase in February and a 1.2 pct rise in March 1986, the National Statistics Institute "
    "said. The consumer price index (base 100 for 1976) rose to 772.0 from 761.3 in February. "
    "This gave a year-on-year March inflation rate of 9.8 pct against 9.5 pct in February."
)
FINLAND = (
    "What is Finland's latest monthly unemployment rate, according to the Central Statistical "
    "Office?"
)
HELSINKI = (
    "HELSINKI, April 6 - Finnish unemployment was 6.9 pct in January after 6.9 pct in "
    "December and 6.8 pct in January last year according to the revised formula of the "
    "Central Statistics Office."
)
JOBLESS = "FINNISH JOBLESS RATE UNCHANGED UNDER NEW SYSTEM"


@pytest.mark.parametrize(
    ("question", "measure"),
    [(TURKEY, Measure.ANY),  # a move of an index's prices: a percentage will do
     ("What is the latest level of Yugoslav retail prices?", Measure.ANY),
     ("What is Colombia's latest year-on-year inflation rate (cost of living index)?",
      Measure.RATE),  # the aside names the index; the rate is asked
     ("What is the latest reading of the Tokyo-area consumer price index (base 1985)?",
      Measure.INDEX),
     ("What is Sun Co's (Sun Refining and Marketing) posted price for heating oil?",
      Measure.MONEY)],
)  # fmt: skip
def test_an_index_s_prices_are_no_money_and_an_aside_asks_nothing(
    question: str, measure: Measure
) -> None:
    assert measure_asked(question) is measure


def test_a_retail_price_rise_takes_a_percentage() -> None:
    assert Wanted.of(TURKEY).takes("2.7 pct")
    colombia = "What is Colombia's latest year-on-year inflation rate (cost of living index)?"
    assert Wanted.of(colombia).takes("19.77 pct")


def test_a_sentence_that_opens_on_this_is_read_with_its_lead() -> None:
    assert reports_on(PORTUGAL, in_story(LISBON, "9.8 pct"))
    assert not reports_on(PORTUGAL, in_story(LISBON.replace("This gave", "Spain had"), "9.8 pct"))
    this_year = LISBON.replace("This gave a", "This year's")
    assert not reports_on(PORTUGAL, in_story(this_year, "9.8 pct"))  # a thing of its own


def test_a_source_s_name_need_be_written_only_for_the_most_part() -> None:
    source = source_names(FINLAND)
    assert source == ["central", "statistical", "office"]
    assert names_given(names_of(FINLAND), HELSINKI, loose=source)
    assert reports_on(FINLAND, in_story(HELSINKI, "6.9 pct", JOBLESS))
    union = HELSINKI.replace("the Central Statistics Office", "the Labour Union")
    assert not names_given(names_of(FINLAND), union, loose=source)
    assert not names_given(["finland"], "Swedish unemployment", loose=source)  # the country
    assert source_names("What is Finland's latest monthly unemployment rate?") == []


def test_a_month_last_year_is_a_year_ago_level_when_a_year_has_passed() -> None:
    april = dataclasses.replace(in_story(HELSINKI, "6.8 pct", JOBLESS), date="1987-04-06")
    assert not reports_on(FINLAND, april)  # "6.8 pct in January last year", told in April
    march = HELSINKI.replace(
        "in January after 6.9 pct in December and 6.8 pct in January last year",
        "in February after 6.8 pct in December last year",
    )
    assert reports_on(FINLAND, in_story(march, "6.8 pct", JOBLESS))  # December: the latest but one


def test_turkish_says_turkey_but_a_turkey_is_no_country() -> None:
    assert "turkey" in with_other_names("Turkish retail prices rose 2.7 pct").split()
    assert countries_in("a turkey farm's output") == set()
    quote = "ANKARA, March 2 - Turkish retail prices rose 2.7 pct in February, officials said."
    assert reports_on(TURKEY, in_story(quote, "2.7 pct"))


def test_the_frame_of_when_is_no_word_of_the_thing() -> None:
    japan = "What were Japan's external reserves at the end of the latest month?"
    assert asked_about(japan) == ["external", "reserve"]
    assert "month" in asked_about("By how much did X's prices rise from the previous month?")
    assert "month" in topic_terms("What average rate did three-month bills produce?")


def test_a_trust_s_distribution_is_its_dividend() -> None:
    question = "What monthly distribution does the Freeport-McMoRan Royalty Trust pay per unit?"
    notice = "HOUSTON, Oct 20 - Mthly div 7.354 cts vs nine cts prior Pay Jan 10."
    title = "FREEPORT-MCMORAN ROYALTY TRUST <FMR> PAYOUT OFF"
    assert reports_on(question, in_story(notice, "7.354 cts", title))
    assert not reports_on(question, in_story(notice, "7.354 cts", "FREEPORT-MCMORAN TO SELL UNIT"))


WIESBADEN = (
    "WIESBADEN, March 18 - West German producer prices fell 0.3 pct in February from January "
    "and were 4.2 pct below prices in February last year, the Federal Statistics Office said."
)
BELGRADE = (
    "BELGRADE, April 1 - Yugoslav retail prices in March rose 7.0 pct from February, to stand "
    "93.2 pct higher than in March 1986, Federal Statistics Office figures show."
)


def test_prices_that_fell_changed_and_the_latest_figures_are_no_thing() -> None:
    question = (
        "By how much did West German producer prices change from the previous month, according "
        "to the latest figures from the Federal Statistics Office?"
    )
    assert "figure" not in asked_about(question)
    assert reports_on(question, in_story(WIESBADEN, "0.3 pct"))
    assert "change" in same_things("producer prices fell 0.3 pct").split()
    assert "change" not in same_things("producer prices stood at 0.3 pct").split()


def test_asked_a_month_s_move_a_figure_higher_than_a_year_before_is_the_year_s() -> None:
    month = "By how much did Yugoslav retail prices rise from the previous month?"
    assert reports_on(month, in_story(BELGRADE, "7.0 pct"))
    assert not reports_on(month, in_story(BELGRADE, "93.2 pct higher"))
    year = "By how much were Yugoslav retail prices higher than a year before?"
    assert reports_on(year, in_story(BELGRADE, "93.2 pct higher"))


def test_a_sentence_that_says_the_week_asked_refers_back_to_its_lead() -> None:
    """ "In the latest week" is no word of the thing, but "for the week" still points back
    to the lead that names the Gulf of Mexico's rigs."""
    question = (
        "How many mobile offshore rigs were working in the Gulf of Mexico in the latest week, "
        "according to Offshore Data Services?"
    )
    story = (
        "HOUSTON, March 2 - Utilization of offshore mobile rigs in the Gulf of Mexico declined "
        "during the past week, Offshore Data Services said. The total number of working rigs "
        "fell to 83 for the week, compared to 85 last week."
    )
    assert "week" not in asked_about(question)
    assert reports_on(question, in_story(story, "83"))
    assert not reports_on(question, in_story(story.replace("for the week", "in Texas"), "83"))


def test_a_figure_a_list_gives_to_another_owner_is_not_the_one_asked() -> None:
    question = "What is OPEC's overall crude oil output ceiling?"
    supply = (
        "The overall crude oil output figure is made up of 16.1 mln bpd OPEC crude production, "
        "16.6 mln bpd OECD crude and ngls, 8.3 mln bpd other developing countries' crude."
    )
    assert not reports_on(question, in_story(supply, "16.6 mln bpd"))
    own = supply.replace("OECD", "OPEC")  # the same list giving it to the owner asked
    assert reports_on(question, in_story(own, "16.6 mln bpd"))
    assert anothers_figure("What is Saudi Arabia's OPEC quota?", " OECD crude and ngls")
    assert not anothers_figure("What is Saudi Arabia's OPEC quota?", " Saudi output")
    assert not anothers_figure(question, " FOB Rotterdam")  # no owner: a trade term, a place


MONEY_FUNDS = (  # reuters21578/58
    "WASHINGTON, Feb 26 - Assets of money market mutual funds increased 720.4 mln dlrs in the "
    "week ended yesterday to 236.90 billion dlrs, the Investment Company Institute said."
)
FUNDS_MOVE = (
    "By how much did total assets of U.S. money market mutual funds change in the latest week?"
)
RETAIL_SALES = (  # reuters21578/4152
    "WASHINGTON, March 12 - U.S. retail sales rose 4.77 billion dlrs, or 4.1 pct, in February "
    "to a seasonally adjusted 122.29 billion dlrs, the Commerce Department said."
)
SALES_MOVE = "By how much did U.S. retail sales change in the latest month?"
ZAYRE = (  # reuters21578/2192
    "FRAMINGHAM, Mass., March 5 - Zayre Corp said sales for the four weeks ended February 28 "
    "were up 25.7 pct to 327.0 mln dlrs from 260.2 mln dlrs a year before."
)
ZAYRE_MOVE = (
    "By how much did Zayre Corp's sales in the latest monthly period change from a year earlier?"
)

LOWES = (  # reuters21578/2204
    "NORTH WILKESBORO, N.C., March 5 - Lowe's Cos Inc said sales for the four weeks ended "
    "February 27 were up seven pct to 136.6 mln dlrs from 127.4 mln dlrs a year earlier."
)
LOWES_MOVE = (
    "By how much did Lowe's Cos' sales in the latest four-week period rise from a year earlier?"
)
FOOD_LION = (  # reuters21578/2724
    "SALISBURY, N.C., March 6 - Food Lion Inc said sales for the first eight weeks of the year "
    "were up 26.1 pct to 411.1 mln dlrs from 326.0 mln dlrs."
)
FOOD_LION_MOVE = "By how much did Food Lion Inc's sales rise from a year earlier?"
MERCANTILE = (  # reuters21578/2070
    "Mercantile Stores Co Inc said its February sales totaled 113.2 mln dlrs, up 6.9 pct "
    "105.9 mln dlrs in the year earlier month."
)
MERCANTILE_MOVE = (
    "By how much did Mercantile Stores Co's sales in the latest monthly period change from a "
    "year earlier?"
)
TURNOVER = (  # reuters21578/10739
    "West German wholesale turnover provisionally totalled about 58 billion marks in "
    "February, a rise of a real one pct compared with the same month last year, the Federal "
    "Statistics Office said."
)
TURNOVER_MOVE = (
    "By how much did West German wholesale turnover change in real terms from a year earlier "
    "in the latest month, according to the Federal Statistics Office?"
)


@pytest.mark.parametrize(
    ("question", "story", "answer", "reports"),
    [(FUNDS_MOVE, MONEY_FUNDS, "236.90 billion dlrs", False),  # the level the move brought
     (FUNDS_MOVE, MONEY_FUNDS, "720.4 mln dlrs", True),  # the move
     ("What were total assets of U.S. money market mutual funds in the latest week?",
      MONEY_FUNDS, "236.90 billion dlrs", True),  # the level, asked
     (SALES_MOVE, RETAIL_SALES, "122.29 billion dlrs", False),  # "to a seasonally adjusted"
     (SALES_MOVE, RETAIL_SALES, "4.1 pct", True),
     (ZAYRE_MOVE, ZAYRE, "327.0 mln dlrs", False),  # "were up 25.7 pct to": the level
     (ZAYRE_MOVE, ZAYRE, "25.7 pct", True),
     (LOWES_MOVE, LOWES, "136.6 mln dlrs", False),  # "were up seven pct to": in words
     (LOWES_MOVE, LOWES, "seven pct", True),
     (FOOD_LION_MOVE, FOOD_LION, "26.1 pct to 411.1 mln dlrs", True),  # read as its move
     (FOOD_LION_MOVE, FOOD_LION, "26.1 pct", True),
     (MERCANTILE_MOVE, MERCANTILE, "113.2 mln dlrs", False),  # ", up 6.9 pct": the level
     (MERCANTILE_MOVE, MERCANTILE, "6.9 pct", True),
     (TURNOVER_MOVE, TURNOVER, "58 billion marks", False),  # "in February, a rise of"
     (TURNOVER_MOVE, TURNOVER, "one pct", True)],
)  # fmt: skip
def test_asked_the_size_of_a_move_the_level_it_brought_is_none(
    question: str, story: str, answer: str, reports: bool
) -> None:
    assert reports_on(question, in_story(story, answer)) is reports


FEDERATED = (  # reuters21578/2083, its line breaks kept
    "CINCINNATI, March 5 - Federated Department Stores Inc said\nsales for the four weeks "
    "ended February 28 were up 9.6 pct to\n720.0 mln dlrs from 656.8 mln dlrs a year before."
)
FEDERATED_MOVE = (
    "By how much did Federated Department Stores' sales in the latest monthly period change "
    "from a year earlier?"
)


@pytest.mark.parametrize(
    ("question", "story", "span", "value"),
    [(FEDERATED_MOVE, FEDERATED, "9.6 pct to\n720.0 mln dlrs from 656.8 mln dlrs", "9.6 pct"),
     (FOOD_LION_MOVE, FOOD_LION, "26.1 pct to 411.1 mln dlrs", "26.1 pct"),
     ("What were Federated Department Stores' sales in the latest monthly period?",
      FEDERATED, "9.6 pct to\n720.0 mln dlrs from 656.8 mln dlrs", "720.0 mln dlrs"),  # asked
     (FEDERATED_MOVE, FEDERATED.replace("up 9.6 pct to", "up from 656.8 mln dlrs to"),
      "656.8 mln dlrs to\n720.0 mln dlrs", "720.0 mln dlrs")],  # from a level: no move told
)  # fmt: skip
def test_asked_the_size_of_a_move_a_span_that_tells_it_and_the_level_gives_the_move(
    question: str, story: str, span: str, value: str
) -> None:
    """The reader's span runs from the move to the level it brought ("9.6 pct to 720.0 mln
    dlrs", across a line break): asked by how much, the watch takes the move; asked the
    level, the level."""
    found = best_report(Offered([Offer(span, in_story(story, span), 0.99)],
                                Settings(abstain_below=0.5)), question)  # fmt: skip
    assert found is not None and found.value == value


BRUSSELS = (  # reuters21578/9191
    "BRUSSELS, March 25 - Belgian public debt rose a nominal 89.5 billion francs in February "
    "to 5,591.1 billion francs, and compared with 5,074.2 billion in February 1986, the "
    "finance ministry said in its monthly statement."
)


def test_a_span_that_runs_on_past_its_new_level_is_read_as_that_level() -> None:
    """The reader's span "89.5 billion francs in February to 5,591.1 billion francs, and
    compared with 5,074.2 billion" tells the new level; the "February 1986" after it is the
    year-ago figure's, not the level's."""
    question = (
        "What was the total amount of Belgium's public debt at the end of the latest month, "
        "according to the Finance Ministry's monthly statement?"
    )
    span = (
        "89.5 billion francs in February to 5,591.1 billion francs, and compared with "
        "5,074.2 billion"
    )
    assert reports_on(question, in_story(BRUSSELS, span))
    assert not reports_on(question, in_story(BRUSSELS, "5,074.2 billion"))


LONDON_RPI = (  # reuters21578/7584
    "LONDON, March 20 - The Retail Price Index (RPI), Britain's measure of inflation, rose 0.4 "
    "pct in February on a revised basis, to give a year-on-year rise of 3.9 pct, the Employment "
    "Department said."
)


@pytest.mark.parametrize(
    ("answer", "reports"),
    [("3.9 pct", True),  # a year's rise, asked as the inflation rate
     ("0.4 pct", False)],  # the month's move
)  # fmt: skip
def test_a_year_on_year_rise_is_the_inflation_rate_asked(answer: str, reports: bool) -> None:
    question = (
        "What is the U.K.'s latest year-on-year retail price (RPI) inflation rate, according "
        "to the Employment Department?"
    )
    assert reports_on(question, in_story(LONDON_RPI, answer)) is reports


CHINA_SO_FAR = "What is China's cumulative trade deficit for 1987 so far?"
CHINA = (  # reuters21578/5220
    "PEKING, March 16 - China's trade deficit totalled 700 mln dlrs in the first two months "
    "of this year, according to figures released by the State Statistics Bureau."
)
MANILA = (  # reuters21578/8138
    "MANILA, March 23 - The Philippines posted a trade deficit of 68 mln dlrs in January, "
    "compared with deficits of 57 mln in January 1986 and 28 mln in December."
)


@pytest.mark.parametrize(
    ("question", "story", "answer", "reports"),
    [(CHINA_SO_FAR, CHINA, "700 mln dlrs", True),  # "in the first two months of this year"
     (CHINA_SO_FAR, CHINA.replace("the first two months", "February"), "700 mln dlrs",
      False),  # one month's, not the year's so far
     (CHINA_SO_FAR.replace("China", "the Philippines"), MANILA, "68 mln dlrs", True),  # the
     # year's first month is its total so far
     (CHINA_SO_FAR.replace("China", "the Philippines"), MANILA.replace("in January,", "in "
      "February,"), "68 mln dlrs", False)],
)  # fmt: skip
def test_a_running_total_said_as_the_year_s_first_months(
    question: str, story: str, answer: str, reports: bool
) -> None:
    assert reports_on(question, in_story(story, answer)) is reports
