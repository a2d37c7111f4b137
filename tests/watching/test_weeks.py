"""The week a weekly figure is for, and a later report of that week told again."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.watching.weeks import an_earlier_week, last_week_named, restates

HELD = ("Distillate fuel stocks held in primary storage fell by 7.35 mln barrels in the week "
        "ended March 13 to 112.74 mln barrels from 120.09 mln the previous week.")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "week"),
    [("fell by 4.4 mln barrels in the week ended Feb 27 to 127.10", "1987-03-03",
      dt.date(1987, 2, 27)),
     ("in the week ending Friday, December 26", "1987-01-05", dt.date(1986, 12, 26)),
     ("in the week ended Feb 29", "1988-03-05", dt.date(1988, 2, 29)),
     ("in the week ended Feb 29", "1987-03-05", None),  # no such day that year or the last
     ("the week ended March 6, and 2.1 billion in the week ended March 13", "1987-03-19",
      dt.date(1987, 3, 13)),  # the latest it names
     ("in the week ended 13 mars", "1987-03-19", None),  # not the wire's English
     ("rose 3.1 billion dlrs last week", "1987-03-19", None),
     ("in the week ended March 13", None, None)],  # undated: no year to read it in
)  # fmt: skip
def test_the_latest_week_a_text_names(text: str, published: str | None, week: object) -> None:
    assert last_week_named(text, published) == week


@pytest.mark.parametrize(
    ("sentence", "date", "again"),
    [("The API recorded a 7.4 mln barrel stockdraw for U.S. distillates in the week ended "
      "March 13.", "1987-03-24", True),  # a week later, the same week in other words
     ("API said distillate stocks dropped four mln barrels for the week ended March 20.",
      "1987-03-24", False),  # the next week
     ("Distillate stocks fell 4.07 mln barrels last week, the API said.", "1987-03-24",
      False)],  # no week named: left to the other rules
)  # fmt: skip
def test_a_report_of_the_week_held_restates_it(sentence: str, date: str, again: bool) -> None:
    assert restates(HELD, "1987-03-17", sentence, date) is again


def test_a_held_report_that_names_no_week_is_restated_by_none() -> None:
    assert not restates("Distillate stocks fell 7.35 mln barrels.", "1987-03-17",
                        "in the week ended March 13", "1987-03-24")  # fmt: skip


PREVIEW = ("U.S. DISTILLATE, GASOLINE INVENTORIES SEEN LOWER Tonight's API weekly inventory "
           "report is expected to show moderate drawdowns in distillates for the week ended "
           "March 27, analysts said. API said distillate stocks dropped four mln barrels for "
           "the week ended March 20.")  # fmt: skip
API = "By how much did U.S. distillate fuel stocks change in the latest week?"


@pytest.mark.parametrize(
    ("question", "sentence", "earlier"),
    [(API, "API said distillate stocks dropped four mln barrels for the week ended March 20.",
      True),  # last week's, under this week's preview
     (API, "Distillate stocks fell 2.52 mln barrels in the week ended March 27.", False),
     (API, "Distillate stocks fell 2.52 mln barrels.", False),  # names no week
     ("What is Phillips' posted price?", "The price was 18 dlrs in the week ended March 20.",
      False)],  # no week asked
)  # fmt: skip
def test_a_figure_for_a_week_before_another_its_article_names_is_old(
    question: str, sentence: str, earlier: bool
) -> None:
    assert an_earlier_week(question, sentence, PREVIEW, "1987-03-31") is earlier
