"""Whose figure a sentence gives: not the level a move started at, another rate's, a figure
past the thing asked, a supposed or predicted one (a decision told is made), an analyst's
estimate, a dealer's market, an unadjusted one; a wire table's rows each read alone."""

from __future__ import annotations

import pytest
from test_reports import cited  # the quote-with-a-span builder the report tests share

from assistant.watching.reports import reports_on

MIDLAND = "What is Midland Bank's standard mortgage rate for U.K. home loans?"
M3 = "By how much did U.K. sterling M3 money supply grow, seasonally adjusted, in January?"
TOOLS = (
    "What were U.S. machine tool orders in the latest month, according to the National Machine "
    "Tool Builders Association?"
)
TOOL_ORDERS = (
    "U.S. machine tool orders fell 1.1 pct in February to 145.1 mln dlrs from a revised 146.7 "
    "mln dlrs in January, the National Machine Tool Builders Association said."
)
HEINZ = "What quarterly dividend does H.J. Heinz Co pay on its common stock?"
NOTICE = "Shr 53 cts vs 46 cts\n    Qtly div 28 cts vs 25 cts prior\n    Net 74.7 mln vs 63.2 mln"


@pytest.mark.parametrize(
    ("question", "quote", "answer", "title", "reports"),
    [
        ("Who is chairman of the U.S. House Ways and Means Committee?", "The plan was "
         "proposed by U.S. House Ways and Means Committee Chairman Dan Roe.", "Dan Roe", "", True),
        # a plan proposed by the holder: no forecast of who holds the office
        ("What is OPEC's overall crude oil output ceiling?", "If OPEC adopts the overall crude "
         "oil output ceiling of 16.6 mln bpd, there will be a shortfall.", "16.6 mln bpd", "",
         False),  # supposed, not reported
        ("What is OPEC's overall crude oil output ceiling?", "OPEC adopted an overall crude "
         "oil output ceiling of 16.6 mln bpd, and there will be a shortfall.", "16.6 mln bpd",
         "", True),
        ("What is OPEC's official benchmark oil price?", "OPEC's official benchmark oil price "
         "will be 20 dlrs in January, a Japanese refiner said.", "20 dlrs",
         "FAR EAST TRADERS EXPECT 20 DLR OIL IN JANUARY", False),  # the headline predicts it
        ("What is OPEC's official benchmark oil price?", "OPEC's official benchmark oil price "
         "will be 20 dlrs in January, a Japanese refiner said.", "20 dlrs",
         "FAR EAST TRADERS SEE 20 DLR OIL IN JANUARY", True),  # no word of a forecast
        ("What is OPEC's official benchmark oil price?", "OPEC's official benchmark oil price "
         "is 18 dlrs now, a Japanese refiner said.", "18 dlrs",
         "FAR EAST TRADERS EXPECT 20 DLR OIL IN JANUARY", True),  # another figure than predicted
        ("What is OPEC's official benchmark oil price?", "The pact should enable OPEC to raise "
         "its official benchmark oil price to 20 dlrs a barrel.", "20 dlrs", "", False),
        ("What is OPEC's official benchmark oil price?", "The pact enabled OPEC to raise "
         "its official benchmark oil price to 20 dlrs a barrel.", "20 dlrs", "", True),
        ("What is the semiconductor industry's book-to-bill ratio?", "Semiconductor analysts "
         "contacted by Reuters put the industry's March book-to-bill ratio at around 1.15.",
         "1.15", "", False),  # analysts' estimate
        ("What is the semiconductor industry's book-to-bill ratio?", "The semiconductor "
         "industry association put the industry's March book-to-bill ratio at 1.21.", "1.21",
         "", True),  # the association's report
        ("What is the latest per-share offer for Supermarkets General?", "Jefferies said the "
         "current bid for Supermarkets General stock is 45 dlrs bid, 46 dlrs offered.",
         "45 dlrs bid, 46 dlrs", "", False),  # a dealer's market in the stock
        ("What is the latest per-share offer for Supermarkets General?", "Dart said the "
         "current offer for Supermarkets General stock is 45 dlrs, 46 dlrs in stock.",
         "45 dlrs", "", True),
        ("What is the West German (Bundesbank) discount rate?", "In February, when the "
         "Bundesbank cut its discount rate to three pct from 3.5 pct, the Dutch waited.",
         "3.5 pct", "", False),  # the level it was cut from
        ("What is the Bank of Japan's official discount rate?", "The Bank of Japan said the "
         "yield will be 3.6005 against today's one-month commercial bill discount rate of "
         "3.5625 pct.", "3.5625 pct", "", False),  # another discount rate
        ("What is the Bank of Japan's official discount rate?", "The Bank of Japan said the "
         "yield will be 3.6005 against today's official discount rate of 3.5625 pct.",
         "3.5625 pct", "", True),
        ("What is OPEC's overall crude oil output ceiling?", "OPEC's May output appears to "
         "have risen well above its 15.8 mln bpd ceiling to 17 mln bpd, Kleinwort said.",
         "15.8 mln bpd ceiling to 17 mln bpd", "", False),  # the output's, past the ceiling
        (MIDLAND, "Midland Bank said it would cut its standard rate of mortgage payment on "
         "U.K. home loans to 11.5 pct from April 1.", "11.5 pct", "", True),  # decided, told
        (MIDLAND, "Analysts said Midland Bank would cut its standard rate of mortgage payment "
         "on U.K. home loans to 11.5 pct from April 1.", "11.5 pct", "", False),  # a forecast
        ("What is the Bank of Italy's official discount rate?", "The Bank of Italy announced "
         "that its official discount rate would be cut to 11.5 pct from 12 pct tomorrow.",
         "11.5 pct", "", True),  # decided, told in the passive
        ("What was West Germany's current account surplus in the latest month?", "The "
         "Statistics Office had originally put West Germany's January current account "
         "surplus at 4.9 billion marks.", "4.9 billion marks", "WEST GERMAN SURPLUS", False),
        ("What was West Germany's current account surplus in the latest month?", "The "
         "Statistics Office put West Germany's January current account surplus at 4.9 "
         "billion marks.", "4.9 billion marks", "WEST GERMAN SURPLUS", True),
        (TOOLS, f"{TOOL_ORDERS} Last month the association reported the January total tool "
         "orders at 147.8 mln dlrs.", "147.8 mln dlrs", "U.S. MACHINE TOOL ORDERS FELL",
         False),  # reuters21578/10673, fresh15's l19: the month before's first report
        (TOOLS, TOOL_ORDERS, "145.1 mln dlrs", "U.S. MACHINE TOOL ORDERS FELL", True),
        ("Who is chairman of Allegis Corp (formerly UAL Inc, the parent of United Airlines)?",
         "Today, a UAL executive told Reuters its chairman Jane Roe spoke with Trump.",
         "Jane Roe", "UAL <UAL> SURROUNDED BY TAKEOVER SPECULATION", True),  # the aside's name
        ("Who is chairman of Allegis Corp (formerly UAL Inc, the parent of United Airlines)?",
         "Today, a Delta executive told Reuters its chairman Jane Roe spoke with Trump.",
         "Jane Roe", "DELTA <DAL> SURROUNDED BY TAKEOVER SPECULATION", False),
        (M3, "The Bank of England said U.K. sterling M3 money supply grew by a non-seasonally "
         "adjusted 1.75 billion stg in January.", "1.75 billion stg", "", False),
        (M3, "The Bank of England said U.K. sterling M3 money supply grew by a seasonally "
         "adjusted 1.1 pct in January.", "1.1 pct", "", True),
    ],
)  # fmt: skip
def test_a_report_gives_the_figure_of_the_thing_asked(
    question: str, quote: str, answer: str, title: str, reports: bool
) -> None:
    assert reports_on(question, cited(quote, answer, title)) is reports


@pytest.mark.parametrize(("answer", "reports"), [("28 cts", True), ("25 cts", False)])
def test_a_wire_table_s_row_is_read_alone(answer: str, reports: bool) -> None:
    """The earnings row's "vs 46 cts" is not the dividend row's earlier level; its own is."""
    notice = cited(NOTICE, answer, "H.J. HEINZ CO <HNZ> 3RD QTR JAN 28 NET", start=0)
    assert reports_on(HEINZ, notice) is reports
