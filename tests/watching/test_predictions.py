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
     ("Midland said it would cut its standard rate to", False)],  # a decision told
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
