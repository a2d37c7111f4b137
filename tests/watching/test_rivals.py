"""A figure said of a rival kind of the series asked is not the one asked."""

from __future__ import annotations

import pytest
from test_context import in_story  # a sentence of a story, cited from the story's start

from assistant.watching.reports import reports_on
from assistant.watching.rivals import another_kind_of_series

PRODUCER = "What is South Africa's latest year-on-year producer price inflation rate?"
M3 = "How fast is Australia's M-3 money supply growing?"
GASOLINE = (
    "By how much did U.S. gasoline stocks change in the latest week, according to the "
    "American Petroleum Institute's weekly report?"
)
CARS = (
    "How many cars did Chrysler Corp build in the latest month, according to its monthly car "
    "production figures?"
)

CORN = "How much U.S. corn was sold for export (net sales) in the latest week, according to USDA?"
FRANCE = "What was France's seasonally adjusted trade balance in the latest month?"
PALM = "What export duty does Malaysia levy on processed palm oil (PPO)?"


@pytest.mark.parametrize(
    ("question", "before", "another"),
    [(PRODUCER, "South African year-on-year consumer price inflation rose slightly to", True),
     (PRODUCER, "South African year-on-year producer price inflation fell to", False),
     (PRODUCER, "consumer prices rose 0.4 pct and producer prices", False),  # both: the asked
     (PRODUCER, "The all items index rose a monthly 0.8 pct in January to", False),  # no kind
     ("What is Japan's trade surplus?", "imports fell to", False),  # no kind asked
     ("What were Japan's exports in the latest month?", "Imports fell 3.1 pct to", True),
     (M3, "M-1 money supply rose", True),
     (M3, "M3 rose", False),  # written without its hyphen
     ("At what rate is the Egyptian pound set for buying dollars?", "selling at", True),
     ("How much is Dixons offering to buy Cyclops for?", "Cyclops agreed to sell itself for",
      False),  # a deal's two sides, not two rates
     (CARS, "The company said its U.S. truck production in the month totalled", True),
     (CARS, "Chrysler Corp said its U.S. car production in February totalled", False),
     (GASOLINE, "Distillate fuel stocks held in primary storage fell by", True),
     (GASOLINE, "the oil industry trade group said gasoline stocks fell", False),
     ("What is the posted price for West Texas Intermediate crude?", "gasoline prices rose by",
      True),
     (CORN, "U.S. EXPORT INSPECTIONS, IN THOUS BUSHELS, SOYBEANS 8,392 WHEAT 33,641 CORN",
      True),  # fresh15's l10: inspected for export, not sold
     (CORN, "Net sales of corn for export in the week ended April 2 totalled", False),
     (FRANCE, "France's current account payments surplus slipped to a provisional", True),
     (FRANCE, "The current account, with the trade balance in deficit by", False),  # both
     (PALM, "Export duty on crude palm oil (cpo) rose to", True),  # fresh16's o03
     (PALM, "Export duty on processed palm oil (ppo) rose to", False)],
)  # fmt: skip
def test_a_rival_kind_said_without_the_asked_one(question: str, before: str, another: bool) -> None:
    assert another_kind_of_series(question, before) is another


SOUTH_AFRICA = (  # reuters21578/8211
    "JOHANNESBURG, March 23 - South African year-on-year consumer price inflation rose "
    "slightly to 16.3 pct in February, Central Statistics Office figures show."
)


@pytest.mark.parametrize(
    ("story", "reports"),
    [(SOUTH_AFRICA, False),
     (SOUTH_AFRICA.replace("consumer", "producer"), True)],
)  # fmt: skip
def test_another_price_series_reports_nothing_through_the_guards(story: str, reports: bool) -> None:
    assert reports_on(PRODUCER, in_story(story, "16.3 pct")) is reports


CHRYSLER = (  # reuters21578/1114
    "DETROIT, March 3 - Chrysler Corp said its U.S. car production in February totalled "
    "110,552 units compared with 123,092 a year ago. The company said its U.S. truck "
    "production in the month totalled 21,177 compared with none a year ago. Year-to-date, "
    "Chrysler said its car output was 216,987 compared with 257,941."
)


@pytest.mark.parametrize(
    ("answer", "reports"),
    [("110,552 units", True),
     ("21,177", False),  # the trucks built, asked the cars
     ("216,987", False)],  # the year so far, asked the month
)  # fmt: skip
def test_asked_an_automaker_s_cars_of_the_month_its_trucks_and_year_are_none(
    answer: str, reports: bool
) -> None:
    assert reports_on(CARS, in_story(CHRYSLER, answer, "CHRYSLER FEBRUARY CAR OUTPUT")) is reports
