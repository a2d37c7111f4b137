"""A question that says more than its report: its frame of when ("over the latest
four-week period"); the thing in other words ("sell" told as "sales", a "percentage" held
as a "pct stake"); initials with their dots ("U.S.A.") written without; a wire's bare
"Inflation for the 12 months ending ..." read with its lead (fresh16's watches,
2026-12-08)."""

from __future__ import annotations

import pytest
from test_context import in_story  # a sentence of a story, cited from the story's start

from assistant.watching.asking import topic_terms
from assistant.watching.context import lead_referred_to
from assistant.watching.kin import same_things
from assistant.watching.naming import names_given, names_of
from assistant.watching.reports import reports_on

GASOLINE = (
    "What was average U.S. gasoline demand over the latest four-week period, according to "
    "the Energy Information Administration's weekly petroleum status report?"
)
EIA = (
    "U.S. oil demand as measured by products supplied rose 0.1 pct in the four weeks ended "
    "March 20 to 16.16 mln barrels per day from 16.15 mln in the same period a year ago, "
    "the Energy Information Administration (EIA) said. Gasoline demand averaged 6.72 mln "
    "bpd, off 1.2 pct from 6.80 mln last year, the EIA said."
)
OIL_DEMAND = "RECENT U.S. OIL DEMAND UP 0.1 PCT FROM YEAR AGO"
PORSCHE = "How many cars did Porsche Cars North America sell in the U.S. in the latest month?"
RENO = (
    "RENO, Nev., April 3 - Porsche Cars North America Inc said its domestic car sales for "
    "the month of March fell to 2,394 from 2,545 a year earlier."
)
NISSAN = (
    "How many cars did Nissan Motor Corp in U.S.A. sell in the U.S. in the latest 10-day "
    "sales period it reported?"
)
ECUADOR = (
    "What is Ecuador's latest 12-month consumer price inflation rate, according to the "
    "National Statistics and Census Institute?"
)
QUITO = (
    "QUITO, March 5 - Ecuador's consumer price index rose 2.5 pct in February to 562.4 (base "
    "1978), the National Statistics and Census Institute said. Inflation for the 12 months "
    "ending February 1987 was 25.5 pct compared to 13.0 pct for the 12 months ending "
    "February 1986."
)


def test_a_four_week_period_asked_is_when_not_what() -> None:
    cited = in_story(EIA, "6.72 mln bpd", OIL_DEMAND)
    assert reports_on(GASOLINE, cited)  # "the EIA said": its source by its initials
    other = EIA.replace("Gasoline demand averaged", "Residual fuel demand averaged")
    assert not reports_on(GASOLINE, in_story(other, "6.72 mln bpd", OIL_DEMAND))


@pytest.mark.parametrize(
    "frame",
    ["over the latest four-week period", "in the latest 10-day sales period",
     "in the latest two-week statement period", "in the latest month"],
)  # fmt: skip
def test_a_frame_of_when_is_no_word_of_the_thing(frame: str) -> None:
    terms = topic_terms(f"What were U.S. car sales {frame}?")
    assert not {"period", "four", "week", "day", "month", "10", "latest"} & set(terms)
    assert {"car", "sale"} <= set(terms)


def test_sold_cars_are_their_sales_and_a_stake_is_what_is_held() -> None:
    assert reports_on(PORSCHE, in_story(RENO, "2,394"))
    assert {"sell", "sale"} <= set(same_things("its domestic car sales").split())
    assert {"hold", "percentage"} <= set(same_things("it had 9.7 pct stake").split())
    assert "sell" not in same_things("its domestic car output").split()


def test_initials_with_dots_are_the_same_without() -> None:
    names = names_of(NISSAN)
    assert "u.s.a." in names
    written = "Nissan Motor Corp in USA, a unit of Nissan Motor Co Ltd, said its car sales"
    assert names_given(names, written, "NISSAN U.S. CAR SALES RISE")
    assert not names_given(names, written.replace(" in USA", ""), "NISSAN CAR SALES RISE")
    assert not names_given(["u.s."], "let us say")  # two letters: never the word "us"


def test_a_bare_opening_with_its_stretch_is_read_with_its_lead() -> None:
    cited = in_story(QUITO, "25.5 pct")
    assert lead_referred_to(ECUADOR, ["inflation"], cited).startswith("QUITO, March 5")
    assert reports_on(ECUADOR, cited)
    named = QUITO.replace("Inflation for the 12 months", "Inflation in Peru for the 12 months")
    assert not lead_referred_to(ECUADOR, ["inflation"], in_story(named, "25.5 pct"))


def test_a_clause_of_its_own_after_an_estimate_states_its_figure() -> None:
    crude = (
        "What were average U.S. gross crude oil imports (excluding SPR) over the latest "
        "four-week period, according to the Energy Information Administration's weekly "
        "petroleum status report?"
    )
    story = EIA.replace(
        "Gasoline demand averaged 6.72 mln bpd, off 1.2 pct from 6.80 mln last year",
        "Domestic crude oil production was estimated at 8.35 mln bpd, down 7.8 pct from 9.06 "
        "mln a year ago, and gross daily crude imports (excluding those for the SPR) "
        "averaged 3.44 mln bpd, up 16.3 pct from 2.95 mln",
    )
    assert reports_on(crude, in_story(story, "3.44 mln bpd", OIL_DEMAND))
    assert not reports_on(crude, in_story(story, "8.35 mln bpd", OIL_DEMAND))  # production
