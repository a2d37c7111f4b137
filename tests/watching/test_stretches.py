"""The stretch of time a statistic covers (``stretches``): asked the year's growth, the month's
figure beside it is another; asked a month's, the year's total is. Read through the watch's
guards (``reports_on``) as a report of the Reserve Bank, the OECD, a trade ministry."""

from __future__ import annotations

import pytest
from test_context import in_story  # a sentence of a story, cited from the story's start

from assistant.watching.reports import reports_on
from assistant.watching.series import another_basis
from assistant.watching.stretches import Stretch, of_another_stretch, stretch_asked, stretch_told

M3 = (
    "By how much did Australia's M-3 money supply grow over the latest 12 months, according "
    "to the Reserve Bank?"
)
SYDNEY = (
    "SYDNEY, April 24 - Australia's M-3 money supply growth was 1.5 pct in March and 11.3 pct "
    "in the 12 months to March, the Reserve Bank said."
)
KOREA = (
    "What was South Korea's customs-cleared trade surplus in the latest month, according to "
    "provisional trade ministry figures?"
)
OECD = "What is the OECD area's latest year-on-year consumer price inflation rate?"
OUTPUT = "By how much did U.K. industrial production change from the previous month?"
VW = "How many cars did Volkswagen sell in the U.S. in the latest 10-day sales period it reported?"
DETROIT = (  # reuters21578/12892, shortened (fresh16's o17, read after its blind run)
    "Volkswagen of America Inc, the U.S. arm of Volkswagen AG, said its domestic car sales "
    "for late March fell to 2,145 "
    "vehicles, from 3,342 vehicles for the same period in 1986. For the year-to-date, "
    "Volkswagen said it sold 10,951 vehicles, versus 18,392 last year-to-date."
)


@pytest.mark.parametrize(
    ("question", "stretch"),
    [(M3, Stretch.YEAR), (OECD, Stretch.YEAR), (KOREA, Stretch.MONTH), (OUTPUT, Stretch.MONTH),
     ("What is the underlying annual rate of increase in U.K. average earnings?", Stretch.YEAR),
     ("What monthly dividend does the Franklin New York Tax-Free Income Fund pay?", None),
     ("What is Citibank's prime rate?", None),
     (VW, Stretch.MONTH),  # a month or less
     ("What was U.S. gasoline demand over the latest four-week period?", Stretch.MONTH)],
)  # fmt: skip
def test_the_stretch_a_question_asks(question: str, stretch: Stretch | None) -> None:
    assert stretch_asked(question) is stretch


def _told(sentence: str, figure: str) -> Stretch | None:
    at = sentence.index(figure)
    return stretch_told(sentence[:at], sentence[at + len(figure) :])


@pytest.mark.parametrize(
    ("sentence", "figure", "stretch"),
    [(SYDNEY, "1.5 pct", Stretch.MONTH),  # beside the year's figure, "in March" is the month's
     (SYDNEY, "11.3 pct", Stretch.YEAR),
     ("Inflation was 3.4 pct in March, against 3.1 pct in the year to February.", "3.4 pct",
      None),  # alone (the year's is only compared), March's rate may be the year's
     ("Prices rose 0.3 pct in February and inflation rose to 2.4 pct year-on-year.", "0.3 pct",
      Stretch.MONTH),
     ("But monthly inflation throughout the OECD was an average 0.4 pct in January.",
      "0.4 pct", Stretch.MONTH),
     ("Output was 3.9 pct higher than a year earlier.", "3.9 pct", Stretch.YEAR),
     ("Last year South Korea had a trade surplus of 7.1 billion dlrs with the U.S.",
      "7.1 billion dlrs", Stretch.LONGER),
     ("Its trade surplus rose to 7.4 billion dlrs in 1986 from 4.3 billion dlrs in 1985.",
      "7.4 billion dlrs", Stretch.LONGER),
     ("South Korea's trade surplus with the U.S. Rose to 7.1 billion dlrs last year from 4.3 "
      "billion in 1985.", "7.1 billion dlrs", Stretch.LONGER),  # reuters21578/11209
     ("Exports rose 35 pct to 9.34 billion dlrs in the first three months of this year.",
      "9.34 billion dlrs", Stretch.LONGER),
     ("The trade surplus narrowed to 110 mln dlrs in February from 525 mln in January.",
      "110 mln dlrs", None),
     ("Mthly div 5.8 cts vs six cts last month", "5.8 cts", None),
     ("In its monthly report the Bundesbank said money supply grew 7.5 pct.", "7.5 pct", None),
     ("Year-to-date, Chrysler said its U.S. car output was 216,987 compared with 257,941.",
      "216,987", Stretch.LONGER),  # reuters21578/1114
     ("Chrysler said its U.S. car production in February totalled 110,552 units.", "110,552",
      None),
     ("For the first four months of the fiscal year, ending Sept 30, the company said its "
      "total volume of packages increased to 69,826,000 from 54,232,000.", "69,826,000",
      Stretch.LONGER),  # reuters21578/21225, fresh15's l20: a day is no figure between
     ("The total volume of packages in September increased to 17,687,000 from 14,077,000.",
      "17,687,000", None),
     ("Japan's housing starts in February rose 13.4 pct from a year earlier to 109,254.",
      "109,254", None),  # reuters21578/11170, fresh15's l12: the level the move reached
     ("Japan's housing starts in February rose 13.4 pct from a year earlier to 109,254.",
      "13.4 pct", Stretch.YEAR),
     ("Year to date, it said sales gained to 499.6 mln dlrs from 422.0 mln dlrs, or four pct "
      "on a comparable store basis.", "four pct", Stretch.LONGER)],  # reuters21578/15519
)  # fmt: skip
def test_the_stretch_a_figure_is_told_for(
    sentence: str, figure: str, stretch: Stretch | None
) -> None:
    assert _told(sentence, figure) is stretch


@pytest.mark.parametrize(
    ("question", "story", "answer", "reports"),
    [(M3, SYDNEY, "1.5 pct", False),  # the month's growth, asked the year's
     (M3, SYDNEY, "11.3 pct", True),
     (M3.replace("over the latest 12 months", "in the latest month"), SYDNEY, "1.5 pct", True),
     (M3.replace("over the latest 12 months", "in the latest month"), SYDNEY, "11.3 pct",
      False),
     (KOREA, "SEOUL, April 8 - South Korea's customs-cleared trade surplus rose to 7.4 "
      "billion dlrs in 1986 from 4.3 billion dlrs in 1985, provisional trade ministry figures "
      "show.", "7.4 billion dlrs", False),  # the year's total, asked the month's
     (KOREA, "SEOUL, April 8 - South Korea's customs-cleared trade surplus widened to 460 mln "
      "dlrs in March from 110 mln in February, provisional trade ministry figures show.",
      "460 mln dlrs", True),
     (VW, DETROIT, "10,951", False),  # the year so far, asked a 10-day period
     (VW, DETROIT, "2,145", True)],
)  # fmt: skip
def test_a_figure_of_another_stretch_is_no_report(
    question: str, story: str, answer: str, reports: bool
) -> None:
    assert reports_on(question, in_story(story, answer)) is reports


def test_no_stretch_asked_leaves_every_figure_alone() -> None:
    assert not of_another_stretch("What is Australia's M-3 money supply growth?", "", " in 1986")


def test_a_figure_less_a_part_is_not_the_whole_asked() -> None:
    """A figure "excluding food and energy, at 0.4 pct" is another series than the
    consumer price inflation asked, unless the question asks it less that part."""
    before = "The increase in consumer prices excluding food and energy, at "
    assert another_basis(OECD, before)
    assert not another_basis(OECD.replace("consumer price", "consumer price (excluding food)"),
                         before)  # fmt: skip
    assert not another_basis(OECD, "The increase in consumer prices, at ")


TOTAL_SALES = "By how much did Wal-Mart's total sales in the latest month change?"
SAME_STORE = "By how much did Dayton Hudson's comparable-store sales in the latest month change?"


@pytest.mark.parametrize(
    ("question", "before", "another"),
    [(TOTAL_SALES, "Wal-Mart said March sales were up 32 pct to 1.13 billion dlrs from 855 mln "
      "dlrs a year earlier, with same-store sales up", True),  # the stores open a year
     (TOTAL_SALES, "Wal-Mart said March sales were up", False),
     (TOTAL_SALES, "Same-store sales rose five pct and total sales rose", False),  # its clause
     (SAME_STORE, "On a comparable store basis, it said sales declined", False),
     (SAME_STORE, "Dayton Hudson said retail sales for the five weeks were", True)],  # all
)  # fmt: skip
def test_a_retailer_s_sales_and_its_stores_open_a_year_are_two_series(
    question: str, before: str, another: bool
) -> None:
    """A clause "with same-store sales up five pct" is no total (fresh9's p15, fresh10's
    x09, seen test sets); asked the stores open a year, a sentence that never says so gives
    the total."""
    assert another_basis(question, before) is another


@pytest.mark.parametrize(
    ("after", "another"),
    [
        (" on a comparable store basis to 108.6 mln dlrs from 89.3 mln dlrs a year ago.", False),
        (" to 46.5 mln dlrs, while comparable store sales declined 10 pct.", True),
    ],
)
def test_the_stores_open_a_year_may_be_said_after_the_figure(after: str, another: bool) -> None:
    """A figure's own clause may give its basis after it: sales "rose six pct on a
    comparable store basis" is the same-store figure (fresh15's l17 and l30); the basis of
    another clause after it is not."""
    before = "Payless Cashways Inc said its sales for the four weeks ended February 28 rose"
    assert another_basis(SAME_STORE, before, after) is another
