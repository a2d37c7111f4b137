"""Reading a wire's tables (``text.tables``): each figure's row, column and unit, from tables
written here in the wires' layout (the figures are made up)."""

from __future__ import annotations

from assistant.text.tables import Cell, cells

SURVEY = (
    "Output by member is as follows, in\n"
    "mln bpd -\n"
    " MEMBER         CURRENT        JANUARY     QUOTA\n"
    " RURITANIA      0.31           0.29        0.250\n"
    " NORTH FREEDONIA  1.62         1.70        1.575\n"
    " TOTAL          1.93           1.99\n"
)
FLASH = "U.S. EXPORT INSPECTIONS, IN THOUS BUSHELS SOYBEANS 18,111 WHEAT 12,345 CORN 22,222"


def _by_place(found: list[Cell]) -> dict[tuple[str, str], Cell]:
    return {(c.row, c.column): c for c in found}


def test_a_column_table_gives_each_figure_its_row_its_column_and_the_unit_said_before() -> None:
    found = _by_place(cells(SURVEY))
    quota = found[("RURITANIA", "QUOTA")]
    assert (quota.figure, quota.unit) == ("0.250", "mln bpd")
    assert SURVEY[quota.start : quota.end] == "0.250"
    assert SURVEY[quota.table_start : quota.row_end].startswith(" MEMBER")
    assert SURVEY[quota.table_start : quota.row_end].endswith("0.250")
    assert found[("NORTH FREEDONIA", "CURRENT")].figure == "1.62"
    assert found[("RURITANIA", "JANUARY")].figure == "0.29"


def test_a_short_row_is_placed_under_the_heads_nearest_its_figures() -> None:
    found = _by_place(cells(SURVEY))
    assert found[("TOTAL", "CURRENT")].figure == "1.93"
    assert found[("TOTAL", "JANUARY")].figure == "1.99"
    assert ("TOTAL", "QUOTA") not in found


def test_a_flash_runs_labels_and_figures_after_its_unit() -> None:
    found = _by_place(cells(FLASH))
    wheat = found[("WHEAT", "")]
    assert (wheat.figure, wheat.unit) == ("12,345", "thousand bushels")
    assert FLASH[wheat.start : wheat.end] == "12,345"
    assert [c.row for c in cells(FLASH)] == ["SOYBEANS", "WHEAT", "CORN"]


def test_a_flash_may_set_its_pairs_apart_with_commas() -> None:
    flash = "U.S. EXPORT INSPECTIONS, IN THOUS BUSHELS, SOYBEANS 7,654, WHEAT 15,432, CORN 2"
    assert {c.row: c.figure for c in cells(flash)} == {
        "SOYBEANS": "7,654", "WHEAT": "15,432", "CORN": "2"
    }  # fmt: skip
    assert {c.unit for c in cells(flash)} == {"thousand bushels"}


def test_prose_and_a_headline_without_a_unit_hold_no_table() -> None:
    prose = (
        "Ruritania's output fell to 0.31 mln bpd in January.\n"
        "    The minister said the quota of 0.250 mln bpd would stand.\n"
    )
    assert cells(prose) == []
    assert cells("FREEDONIA RAISES PRIME RATE 8 PCT TO 9 PCT") == []


def test_rows_after_a_sentence_that_ends_the_table_have_no_heads() -> None:
    text = (
        " MEMBER    CURRENT    QUOTA\n RURITANIA   0.31   0.250\n"
        "The survey was taken by telephone.\n OTHERS   0.50   0.60\n"
    )
    assert [c.row for c in cells(text)] == ["RURITANIA", "RURITANIA"]
