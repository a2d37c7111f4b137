"""Watched answers as values: a reworded answer is the same, a changed one is not."""

from __future__ import annotations

import pytest

from assistant.watching.sameness import above_reach, in_reach, same_value, told_step
from assistant.watching.values import (
    Quantity,
    Value,
    describe,
    is_range,
    new_value,
    read_value,
)

SAME = [
    ("3.70 mln gt", "3.70 mln gross tons"),  # a ship's size, as the wires write it short
    ("5,000 dwt", "5,000 deadweight tonnes"),
    # the brief's own examples
    ("7-1/2 pct", "7.5 pct"),
    ("7.5", "7.5 pct"),
    ("7-1/2 pct", "a 7.5 percent rate"),
    ("27 dlrs a share", "27 dlrs"),
    ("340 to 350 cruzados", "340-350 cruzados"),
    ("The Coordination of Azawad Movements (CMA)", "CMA"),
    ("Coordination of Azawad Movements", "the CMA"),
    ("five", "5"),
    ("", ""),
    # numbers as the wire and modern copy write them
    ("7-3/4 pct", "7.75%"),
    ("7 1/2 pct", "7½ per cent"),
    ("7.50 pct", "7-1/2 percent"),
    ("1.50 dlrs per share", "150 cts a share"),
    ("10 pct", "ten percent"),
    ("2.5 billion dlrs", "2,500 mln dlrs"),
    ("15.8 mln barrels per day", "15.8 mln bpd"),
    ("15.8 mln barrels a day", "15.8 mln b/d"),
    ("948,000 barrels of crude daily", "948,000 bpd"),
    # a figure written to three digits or more, rounded
    ("4.133 mln bpd", "4.13 mln"),
    ("98.554", "98.55"),
    ("18 dlrs a barrel", "18 dlrs"),
    ("18 dlrs a barrel", "$18 per barrel"),
    ("1.5 mln dlrs", "US$1.5m"),
    ("1.5 mln dlrs", "1,500,000 U.S. dlrs"),
    ("2.5 bln dlrs", "$2.5bn"),
    ("5 mln stg", "£5 million"),
    ("5 mln stg", "five million pounds sterling"),
    ("200 mln yen", "¥200m"),
    ("DM5 mln", "5 mln Deutsche marks"),
    ("1,105 tonnes", "1105 tonnes"),
    (".5 pct", "a half pct"),
    ("0.5 pct", "one half per cent"),
    ("two and a half pct", "2-1/2 pct"),
    ("minus 2 pct", "-2 pct"),
    ("-0.3 pct", "minus 0.3 percent"),
    ("25 basis points", "25 bps"),
    ("3 mln shares", "three million shares"),
    ("7,500 dlrs", "7.5 thousand dlrs"),
    ("5k", "5,000"),
    ("1 trln yen", "1,000 bln yen"),
    ("up 7.5 pct to 15.8 mln bpd", "15.8 mln bpd, up 7.5 pct"),
    ("between 2 and 3 mln dlrs", "2 mln to 3 mln dlrs"),
    ("Prime rate raised to 7-3/4 pct", "7.75 pct"),
    ("twenty-five pct", "25%"),
    ("7.5pct", "7.5 pct"),
    ("5 pct a year earlier", "5 pct"),
    # the day a figure is for is not part of it
    ("32.94 billion dlrs in week ended March 11", "32.94 billion dlrs"),
    ("7-3/4 pct effective March 2", "7.75 pct"),
    ("738.5 billion dlrs in the February 23 week", "738.5 billion dlrs"),
    # names and other words
    ("Citibank", "Citibank N.A."),
    ("Chase Manhattan", "Chase Manhattan Bank's"),
    ("the Bank of England", "Bank of England"),
    ("Bank of England", "the BOE"),
    ("U.S.", "the US"),
    ("Citibank, one of the largest banks", "Citibank"),
    ("Kidal", "the town of Kidal"),
]

DIFFERENT = [
    ("3.70 mln gt", "3.70 mln tonnes"),  # a ship's volume is no weight
    ("7.5 pct", "7.75 pct"),
    ("15.8 mln bpd", "16.6 mln bpd"),
    ("4.133 mln bpd", "4.14 mln"),  # not its rounding
    ("10.5 pct", "10 pct"),  # a half-point step, not a rounding: "10" is two digits
    ("7.35 mln barrels", "7.4 mln barrels"),
    ("9.875 pct", "9.88 pct"),  # half the last place: no closer than a step may be
    ("4.3 pct", "4 pct"),
    ("Citibank", "Chase Manhattan"),
    ("", "Citibank"),
    ("", "7.5 pct"),
    ("7.5 pct", "Citibank"),
    ("7.5 pct", "7.5 dlrs"),
    ("25 basis points", "25 pct"),
    ("2 percentage points", "2 pct"),
    ("18 dlrs a barrel", "18 dlrs a share"),
    ("1.50 dlrs per share", "1.50 cts a share"),
    ("2.5 mln dlrs", "2.5 bln dlrs"),
    ("5 mln stg", "5 mln dlrs"),
    ("DM5 mln", "5 mln yen"),
    ("2 pct", "-2 pct"),
    ("minus 0.3 pct", "0.3 pct"),
    ("340 to 350 cruzados", "340 to 360 cruzados"),
    ("340 to 350 cruzados", "350 cruzados"),
    ("3 mln shares", "3 mln dlrs"),
    ("five", "six"),
    ("7-1/2 pct", "7-1/4 pct"),
    ("5 ships", "5 tankers"),
    ("F-16", "F-18"),
    ("Kidal", "Gao"),
    ("Bank of England", "Bundesbank"),
    ("Coordination of Azawad Movements", "the MNLA"),
    ("Chase Manhattan", "Chemical Bank"),
    ("March 3, 1987", "March 4, 1987"),
    ("June 25", "June 26"),  # unless the answer is a day
    ("32.94 billion dlrs in week ended March 11", "32.42 billion dlrs in week ended March 11"),
    ("1.5 mln dlrs", "1.5 mln Canadian dlrs"),
    ("5 pct a year", "5 pct a month"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_a_reworded_answer_is_the_same_value_both_ways(a: str, b: str) -> None:
    assert same_value(a, b)
    assert same_value(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_a_changed_answer_is_a_different_value_both_ways(a: str, b: str) -> None:
    assert not same_value(a, b)
    assert not same_value(b, a)


@pytest.mark.parametrize("answer", sorted({t for pair in SAME + DIFFERENT for t in pair}))
def test_every_answer_is_its_own_value(answer: str) -> None:
    assert same_value(answer, answer)


@pytest.mark.parametrize(
    ("answer", "quantities"),
    [
        ("7-1/2 pct", [(7.5, "pct")]),
        ("7½", [(7.5, "")]),
        ("7,500", [(7500.0, "")]),
        (".5", [(0.5, "")]),
        ("1.5 mln", [(1_500_000.0, "")]),
        ("2.5m dlrs", [(2_500_000.0, "usd")]),
        ("two", [(2.0, "")]),
        ("minus 2 pct", [(-2.0, "pct")]),
        ("-0.3 pct", [(-0.3, "pct")]),
        ("150 cts a share", [(1.5, "usd/share")]),
        ("27 dlrs a share", [(27.0, "usd/share")]),
        ("27 per share", [(27.0, "/share")]),
        ("15.8 mln barrels per day", [(15_800_000.0, "bpd")]),
        ("18 dlrs a barrel", [(18.0, "usd/barrel")]),
        ("25 basis points", [(25.0, "bp")]),
        ("340 to 350 cruzados", [(340.0, "cruzado"), (350.0, "cruzado")]),
        ("5 mln U.S. dlrs and 3 mln stg", [(5e6, "usd"), (3e6, "gbp")]),
        ("a 7.5 percent rate", [(7.5, "pct")]),
        ("700p", [(7.0, "gbp")]),
        ("138.75 Ecus per tonne", [(138.75, "ecu/tonne")]),
        ("an 18-dlr-a-share offer", [(18.0, "usd/share")]),  # figure and unit hyphened
        ("a 1.5-billion-dlr loan", [(1.5e9, "usd")]),
        ("3-MO", [(3.0, "")]),  # a bill's term, no unit
        ("711.0037 ringgit per tonne", [(711.0037, "ringgit/tonne")]),  # other currencies
        ("73.71 billion crowns", [(73.71e9, "crown")]),
        ("5 billion Taiwan dlrs", [(5e9, "twd")]),
        ("201.66 Malaysian/Singapore cents", [(2.0166, "ringgit")]),  # INRA's price, in sen
        ("7.80 H.K. dlrs", [(7.8, "hkd")]),
        ("Citibank", []),
        ("one of the banks", []),
    ],
)
def test_read_value_scales_numbers_and_names_units(
    answer: str, quantities: list[tuple[float, str]]
) -> None:
    value = read_value(answer)
    assert [q.unit for q in value.quantities] == [unit for _, unit in quantities]
    for q, (amount, _) in zip(value.quantities, quantities, strict=True):
        assert q.amount == pytest.approx(amount)
    assert value.text == answer


def test_read_value_keeps_the_other_content_words() -> None:
    assert read_value("a 7.5 percent rate").words == ("rate",)
    assert read_value("The Coordination of Azawad Movements (CMA)").words == (
        "coordination",
        "azawad",
        "movements",
        "cma",
    )
    assert read_value("Chase Manhattan Bank's").words == ("chase", "manhattan", "bank")
    assert read_value("") == Value((), (), "")


@pytest.mark.parametrize(
    ("answer", "short"),
    [
        ("7-1/2 pct", "7.5 pct"),
        ("15.8 mln barrels per day", "15.8 mln bpd"),
        ("2,500 mln dlrs", "2.5 bln usd"),
        ("150 cts a share", "1.5 usd/share"),
        ("27 a share", "27 per share"),
        ("minus 0.3 percent", "-0.3 pct"),
        ("340-350 cruzados", "340 cruzado, 350 cruzado"),
        ("1,105", "1105"),
        ("The Bank of England", "bank england"),
        ("", ""),
    ],
)
def test_describe_gives_the_canonical_short_form(answer: str, short: str) -> None:
    assert describe(read_value(answer)) == short


NUMBERED = sorted({t for pair in SAME + DIFFERENT for t in pair if read_value(t).quantities})


@pytest.mark.parametrize("answer", NUMBERED)
def test_describe_reads_back_as_the_same_quantities(answer: str) -> None:
    value = read_value(answer)
    again = read_value(describe(value))
    assert len(again.quantities) == len(value.quantities)
    for q, r in zip(value.quantities, again.quantities, strict=True):
        assert r.unit == q.unit
        assert r.amount == pytest.approx(q.amount)
    assert same_value(answer, describe(value))


def test_describe_reads_back_as_the_same_words_for_a_name() -> None:
    for answer in ("The Coordination of Azawad Movements (CMA)", "Chase Manhattan Bank's"):
        value = read_value(answer)
        assert read_value(describe(value)).words == value.words
        assert same_value(answer, describe(value))


def test_quantities_are_plain_frozen_values() -> None:
    q = Quantity(7.5, "pct")
    assert read_value("7.5 pct").quantities == (q,)
    with pytest.raises(AttributeError):
        q.amount = 8.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("answer", "new"),
    [
        ("739.0 billion dlrs from 738.7 billion", "739.0 billion dlrs"),
        ("15.8 mln bpd ceiling to 17 mln bpd", "17 mln bpd"),
        ("from 5 to 6 pct", "6 pct"),
        ("7-3/4 pct", "7-3/4 pct"),
        ("CMA to the army", "CMA to the army"),  # not two quantities: no move
        ("95 cts vs 95 cts", "95 cts"),  # a dividend against the last one
        ("5.63 pct against 5.55 pct", "5.63 pct"),
        ("the dollar against the yen", "the dollar against the yen"),
        ("7.1 pct, compared with 6.9 pct", "7.1 pct"),
        (
            "89.5 billion francs in February to 5,591.1 billion francs, and compared with "
            "5,074.2 billion",
            "5,591.1 billion francs",
        ),  # a move, then the year-ago level
        ("7.7 mln bales of 375 pounds each, up 500,000", "7.7 mln bales of 375 pounds each"),
        ("7.7 mln bales, up from last season", "7.7 mln bales, up from last season"),
    ],
)
def test_an_answer_that_tells_a_move_is_read_as_its_new_value(answer: str, new: str) -> None:
    assert new_value(answer) == new


@pytest.mark.parametrize(
    ("old", "new", "text", "told"),
    [
        ("761", "784", "rigs up by 23 to 784, against 1,063 a year ago", True),
        (
            "736.6 billion dlrs",
            "738.5 billion dlrs",
            "rose 1.9 billion dlrs to 738.5 billion",
            True,
        ),
        ("7-1/2 pct", "7-3/4 pct", "raised it a quarter point, 1/4 pct, to 7-3/4 pct", True),
        ("761", "784", "rigs rose to 784 from 761", False),  # no step stated
        ("10 pct", "20 pct", "doubled from 10 pct to 20 pct", False),  # 10 is the old value
        ("", "784", "up by 23 to 784", False),  # nothing held: no step
        ("17 dlrs", "17.50 dlrs", "raised 50 cts a barrel", True),  # cents are dollars
        ("17 dlrs", "17.50 dlrs", "up 0.5 pct", False),  # a rate is no step of a price
        ("Paul Volcker", "Alan Greenspan", "replacing Volcker", False),  # names: no step
        ("10.5 pct", "10 pct", "a further half point cut in base rates to 10 pct", True),
        ("10.5 pct", "10 pct", "cut by half a percentage point to 10 pct", True),
        ("7.5 pct", "7.75 pct", "a quarter-point rise to 7.75 pct", True),
        ("7 pct", "7.75 pct", "up three-quarters of a point to 7.75 pct", True),
        ("11 pct", "10 pct", "a half-point cut to 10 pct", False),  # a whole point was cut
        ("17 dlrs", "17.50 dlrs", "half a point over WTI at 17.50 dlrs", False),  # not a rate
    ],
)
def test_a_report_may_state_the_step_from_the_value_held(
    old: str, new: str, text: str, told: bool
) -> None:
    assert told_step(old, new, text) is told


@pytest.mark.parametrize(
    ("answer", "band"),
    [("25-28 mln tonnes", True), ("20 to 21 mln tonnes", True), ("340 to 350 cruzados", True),
     ("7-1/2 pct", False), ("26 mln tonnes", False), ("1986/87", False),
     ("42.00 dlrs in cash and three dlrs in exchangeable preferred stock", False)],
)  # fmt: skip
def test_a_band_of_two_figures_is_a_range(answer: str, band: bool) -> None:
    assert is_range(answer) is band


@pytest.mark.parametrize(
    ("bare", "written", "same"),
    [("736.7", "736.7 billion dlrs", True),  # a table's figure under "billions"
     ("2,820.1", "2,820.1 billion dlrs", True),
     ("748", "748", True),
     ("736.7", "738.5 billion dlrs", False),
     ("15", "15 cts", False),  # cents are hundredths: no table scale
     ("7.5 pct", "7.5 mln dlrs", False)],  # both with units: the units decide
)  # fmt: skip
def test_a_bare_figure_is_the_same_written_figure_at_a_table_s_scale(
    bare: str, written: str, same: bool
) -> None:
    assert same_value(bare, written) is same
    assert same_value(written, bare) is same


@pytest.mark.parametrize(
    ("held", "new", "reach"),
    [("740.2 billion dlrs", "eight billion dlr", False),  # M-1's level, then a week's rise
     ("92.30 mln tonnes", "210 mln tonnes", False), ("3.0 pct", "6-1/4 pct", False),
     ("233 mln dlrs", "148 mln dlrs", True), ("148 mln dlrs", "228 mln dlrs", True),
     ("10.5 pct", "10 pct", True), ("50 dlrs", "65 dlrs a share", True),
     ("736.7", "738.5 billion dlrs", True),  # a table's bare figure: its scale unsaid
     ("15.8 mln bpd", "36.50 dlrs", True),  # other units: not weighed here
     ("948,000 barrels of crude daily", "15.8 mln barrels per day", False),
     ("Paul Volcker", "Alan Greenspan", True), ("0 pct", "5 pct", True)],
)  # fmt: skip
def test_a_series_next_figure_is_within_reach_of_the_one_held(
    held: str, new: str, reach: bool
) -> None:
    assert in_reach(held, new) is reach
    assert in_reach(new, held) is reach


@pytest.mark.parametrize(
    ("held", "new", "above"),
    [("861 mln crowns", "49.49 billion crowns", True),  # the level a part's start missed
     ("1.60 dlrs per barrel", "20.25 dlrs a barrel", True),  # a rise held, the posting
     ("17.30 mln tonnes", "1.64 mln tonnes", False),  # below: a part of the level
     ("7-1/2 pct", "7-3/4 pct", False),  # within reach
     ("90 pct", "136 mln dlrs", False)],  # another unit: not weighed
)  # fmt: skip
def test_a_figure_above_the_reach_of_the_one_held(held: str, new: str, above: bool) -> None:
    assert above_reach(held, new) is above
