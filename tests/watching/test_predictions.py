"""A figure predicted is not yet news; one stated, or counted first, is."""

from __future__ import annotations

import pytest
from test_context import in_story  # a sentence of a story, cited from the story's start

from assistant.watching.predictions import predicted_figure
from assistant.watching.reports import reports_on


@pytest.mark.parametrize(
    ("before", "predicted"),
    [("the broad-based Liquid Assets in Public Hands, grew at an estimated annualised rate of",
      False),  # a month past, counted first
     ("output rose an estimated", False),
     ("the ministry estimated the crop at", True),  # an estimate of what is to come
     ("Semiconductor analysts contacted by Reuters put the March book-to-bill at around", True),
     ("the rate could rise to", True),
     ("Midland said it would cut its standard rate to", False),  # a decision told
     ("Domestic crude oil production was estimated at 8.35 mln bpd, down 7.8 pct from 9.06 "
      "mln a year ago, and gross daily crude imports (excluding those for the SPR) averaged",
      False),  # a clause of its own, stated (fresh16's o12)
     ("OPEC expects output to rise to 16 mln bpd in 1987, and to", True),  # no verb of its own
     ("output was put at 8.3 mln, and imports are expected to reach", True)],
)  # fmt: skip
def test_a_past_move_at_an_estimated_figure_is_stated(before: str, predicted: bool) -> None:
    assert predicted_figure(before, "", offer=False) is predicted


MADRID = (  # reuters21578/12576, shortened
    "MADRID, April 2 - Bank of Spain governor Mariano Rubio said money supply was growing too "
    "fast. Rubio said the main measure of money supply, the broad-based Liquid Assets in Public "
    "Hands, grew at an estimated annualised rate of 17 pct in March, the same as in February."
)


def test_an_estimated_month_past_reports_through_the_guards() -> None:
    question = (
        "What is the annualised growth rate of Spain's broad money supply (liquid assets in "
        "public hands, ALP) in the latest month, according to Bank of Spain figures?"
    )
    assert reports_on(question, in_story(MADRID, "17 pct"))
    assert not reports_on(question, in_story(MADRID.replace("grew at", "will grow at"), "17 pct"))
