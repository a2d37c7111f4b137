"""Where a watch's answer sits in its quote: a bare figure given the unit written after it,
the words before it in its own sentence."""

from __future__ import annotations

import pytest

from assistant.records import Citation
from assistant.watching.spans import (
    before_in_sentence,
    before_sentence,
    before_value,
    periods_for,
    periods_named,
    started_from,
    value_of,
    with_unit,
)


@pytest.mark.parametrize(
    ("value", "after", "read"),
    [("7.69", " pct, down from 7.82 pct.", "7.69 pct"),
     ("43.25", " cts a gallon, effective today", "43.25 cts"),
     ("5.47", " PCT, STOP 5.48 PCT", "5.47 PCT"),
     ("17.50 dlrs", " a barrel", "17.50 dlrs"),  # a unit already
     ("766", " rigs were active", "766"),  # a word that is no unit of measure
     ("February 23", " week", "February 23"),  # a day
     ("7.69", ". Shares fell 2 pct", "7.69"),  # the next sentence's unit is not its
     ("Paul Volcker", " said", "Paul Volcker")],
)  # fmt: skip
def test_a_bare_figure_takes_the_unit_written_right_after_it(
    value: str, after: str, read: str
) -> None:
    assert with_unit(value, after) == read


def _cited(quote: str, answer: str) -> Citation:
    at = quote.index(answer)
    return Citation(n=1, article_id="a", title="", date="1987-03-02", source="wire", text=quote,
                    chunk_start=0, quote=quote, start=0, end=len(quote), score=1.0,
                    answer_start=at, answer_end=at + len(answer))  # fmt: skip


def test_a_span_s_value_is_its_first_sentence_s_new_value_with_its_unit() -> None:
    quote = "The 13-week T-bill average rate fell to 7.69 pct from 7.82 pct."
    assert value_of("7.69", _cited(quote, "7.69")) == "7.69 pct"


@pytest.mark.parametrize(
    ("span", "value"),
    [("16,484 passenger cars in March, a 9.7 pct increase over the 15,024",
      "16,484 passenger cars in March"),  # read past its comma into another figure's clause
     ("In March, 16,484 cars", "In March, 16,484 cars"),  # no figure before the comma
     ("7-3/4 pct, the highest since", "7-3/4 pct, the highest since")],  # no figure after
)  # fmt: skip
def test_a_span_s_value_is_its_first_clause_when_a_second_figure_follows(
    span: str, value: str
) -> None:
    quote = f"Chrysler Canada said it sold {span} units."
    assert value_of(span, _cited(quote, span)) == value


@pytest.mark.parametrize(
    ("quote", "span", "value"),
    [("The bank raised its rate to 13-3/4 from 13-1/2 pct on Wednesday.", "13-1/2 pct",
      "13-3/4 pct"),
     ("It raised its rate to 14 pct from 13-3/4 pct.", "13-3/4 pct", "13-3/4 pct"),  # both given
     ("Sales rose to 2 from 1.5 mln dlrs.", "1.5 mln dlrs", "1.5 mln dlrs"),  # a scaled figure
     ("The rate moved to March from 7.5 pct.", "7.5 pct", "7.5 pct")],  # no figure
)  # fmt: skip
def test_the_level_a_move_reached_is_taken_for_the_level_it_left(
    quote: str, span: str, value: str
) -> None:
    assert value_of(span, _cited(quote, span)) == value


@pytest.mark.parametrize(
    ("span", "value"),
    [("14,070 CORN 21,989", "14,070"),  # the next row's label and figure are not its
     ("3.2 MLN VS 1.2 MLN", "3.2 MLN"),  # a scale is no row's label: read as before
     ("5.47 PCT", "5.47 PCT")],
)  # fmt: skip
def test_a_flash_s_table_row_ends_at_the_next_row_s_label(span: str, value: str) -> None:
    quote = f"U.S. EXPORT INSPECTIONS, IN THOUS BUSHELS  SOYBEANS 20,349 WHEAT {span}"
    assert value_of(span, _cited(quote, span)) == value


def test_the_words_before_an_answer_are_those_of_its_own_sentence() -> None:
    quote = "Analysts expect a cut. The bank's rate is 10 pct."
    assert before_in_sentence(_cited(quote, "10 pct")) == "The bank's rate is "


def test_a_period_is_read_in_words_or_figures() -> None:
    assert periods_named("six-month bills, 3-MO bills, a 13-week tender, 91-day") == {
        (6, "m"), (3, "m"), (13, "w"), (91, "d")}  # fmt: skip
    assert periods_named("the two, three and six-month yields") == {(2, "m"), (3, "m"), (6, "m")}
    assert periods_named("13-week and 26-week bills") == {(13, "w"), (26, "w")}


def test_the_period_a_figure_is_for_is_its_clause_s_or_the_last_named_before_it() -> None:
    flash = "U.S. SELLS 3-MO BILLS AT 5.47 PCT, STOP 5.48 PCT, 6-MO 5.51 PCT"
    assert periods_for(_cited(flash, "5.47 PCT")) == {(3, "m")}
    assert periods_for(_cited(flash, "5.48 PCT")) == {(3, "m")}  # its clause names none
    assert periods_for(_cited(flash, "5.51 PCT")) == {(6, "m")}
    uae = ("The one-month issue remained at 6-1/8 pct but the two, three and six-month yields "
           "fell 1/16 point to 6-1/16 pct.")  # fmt: skip
    assert periods_for(_cited(uae, "6-1/16 pct")) == {(2, "m"), (3, "m"), (6, "m")}
    assert periods_for(_cited(uae, "6-1/8 pct")) == {(1, "m")}
    story = ("The Treasury said its auction of three-month bills produced an average rate of "
             "5.63 pct, with a 5.59 pct rate on six-month bills.")  # fmt: skip
    assert periods_for(_cited(story, "5.63 pct")) == {(3, "m")}
    assert periods_for(_cited(story, "5.59 pct")) == {(6, "m")}  # named after it
    after = ("Bills produced an average rate of 5.72 pct for the three-month and 5.80 pct for "
             "six-month bills.")  # fmt: skip
    assert periods_for(_cited(after, "5.72 pct")) == {(3, "m")}
    assert periods_for(_cited(after, "5.80 pct")) == {(6, "m")}
    assert periods_for(_cited("The rate is 7.5 pct.", "7.5 pct")) == set()


@pytest.mark.parametrize(
    ("quote", "span", "old"),
    [("In February, when the Bundesbank cut its discount rate to three pct from 3.5 pct, "
      "the Dutch bank waited.", "3.5 pct", True),
     ("In February, when the Bundesbank cut its discount rate to three pct from 3.5 pct, "
      "the Dutch bank waited.", "three pct", False),
     ("Analysts put the ratio at around 1.15, up from a preliminary 1.13 in February.",
      "1.13", True),
     ("The bank raised its rate to 13-3/4 from 13-1/2 pct on Wednesday.", "13-1/2 pct",
      False),  # read as the level it reached (13-3/4 pct)
     ("The deficit is seen at from 1.5 mln to 2.0 mln bags.", "1.5 mln to 2.0 mln bags",
      False),  # a band of its own
     ("Dan Grubb will take over the title of president from O.C. Davis, who stays chairman.",
      "O.C. Davis", False)],  # a name is no level: the holder till then
)  # fmt: skip
def test_a_figure_right_after_from_is_the_level_a_move_started_at(
    quote: str, span: str, old: bool
) -> None:
    assert started_from(_cited(quote, span)) is old


def test_the_words_before_a_value_run_into_its_span() -> None:
    quote = "Output has risen well above its 15.8 mln bpd ceiling to 17 mln bpd, it said."
    found = before_value(_cited(quote, "15.8 mln bpd ceiling to 17 mln bpd"))
    assert found == "Output has risen well above its 15.8 mln bpd ceiling to "


def test_an_offer_in_cash_and_securities_is_read_whole() -> None:
    quote = ("Dart raised its offer to 42.00\ndlrs in cash and three dlrs in exchangeable\n"
             "preferred stock from 41.75 dlrs.")  # fmt: skip
    whole = "42.00 dlrs in cash and three dlrs in exchangeable preferred stock"
    assert value_of("42.00\ndlrs", _cited(quote, "42.00\ndlrs")) == whole
    assert value_of("42.00 dlrs", _cited("It offered 42.00 dlrs a share.", "42.00 dlrs")) == (
        "42.00 dlrs"
    )


def test_the_words_before_an_answer_s_sentence() -> None:
    quote = "Stocks are seen lower for the week ended March 27. They fell 4 mln in the prior week."
    found = before_sentence(_cited(quote, "4 mln"))
    assert found == "Stocks are seen lower for the week ended March 27. "
