"""A figure given for another year than the question names is not the one asked."""

from __future__ import annotations

import pytest
from test_context import in_story  # a sentence of a story, cited from the story's start

from assistant.watching.reports import reports_on
from assistant.watching.years import of_another_year, year_told, years_asked

ITALY = "What growth in Italy's gross domestic product does the OECD forecast for 1987?"
OUTLOOK = (  # reuters21578/18990, 18 June 1987: fresh15's l04
    "PARIS, June 18 - Last year Italy ranked as one of the OECD's fastest growing economies "
    "with Gross Domestic Product (GDP) growth at 2.7 pct. The OECD forecast Italy's gross "
    "domestic product growth at three pct in 1987, but 2.5 pct in 1988."
)  # the second sentence written out here: the story's own "GDP may grow by" is off the topic


@pytest.mark.parametrize(
    ("question", "years"),
    [(ITALY, {1987}),
     ("What is the 1986/87 world wheat crop estimate?", set()),  # a crop year's
     ("What is Italy's GDP growth?", set())],
)  # fmt: skip
def test_the_years_a_question_names(question: str, years: set[int]) -> None:
    assert years_asked(question) == years


@pytest.mark.parametrize(
    ("before", "after", "year"),
    [("Last year Italy grew with GDP growth at ", ".", 1986),  # counted from the day
     ("The OECD said Italy's GDP may grow by ", " in 1987, but will then fall", 1987),
     ("but will then fall back to ", " in 1988.", 1988),
     ("In 1986 exports rose 12 pct and they may grow ", ".", None),  # a figure between
     ("Exports this year may grow ", ".", 1987),
     ("Exports may grow ", " next year.", 1988),
     ("Exports may grow ", " in the 1987/88 season.", None)],
)  # fmt: skip
def test_the_year_a_figure_is_told_for(before: str, after: str, year: int | None) -> None:
    assert year_told(before, after, "1987-06-18") == year


def test_no_day_leaves_last_year_unread() -> None:
    assert year_told("Last year growth was ", ".", None) is None
    assert not of_another_year(ITALY, "Last year growth was ", ".", None)


@pytest.mark.parametrize(
    ("answer", "reports"),
    [("2.7 pct", False),  # last year's growth, asked the forecast for 1987
     ("three pct", True),
     ("2.5 pct", False)],  # 1988's
)  # fmt: skip
def test_another_year_s_figure_reports_nothing_through_the_guards(
    answer: str, reports: bool
) -> None:
    assert reports_on(ITALY, in_story(OUTLOOK, answer)) is reports
