import datetime as dt

import pytest

from assistant.text.dates import date_in_lines, date_key, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon. May 27th, 2024", dt.date(2024, 5, 27)),
        ("May 27, 2024", dt.date(2024, 5, 27)),
        ("27 May 2024", dt.date(2024, 5, 27)),
        ("2024-05-27", dt.date(2024, 5, 27)),
        ("2024-05-27T10:30:00Z", dt.date(2024, 5, 27)),
        ("26-FEB-1987 15:01:01.79", dt.date(1987, 2, 26)),
        ("Thursday, 3rd of March 2005", dt.date(2005, 3, 3)),
    ],
)
def test_parses_news_date_forms(value: str, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["", "no date here", "February 30, 2024", "2024-13-01"])
def test_rejects_non_dates(value: str) -> None:
    assert parse_date(value) is None


def test_date_only_from_the_opening_lines() -> None:
    assert date_in_lines("Mon. May 27th, 2024\n\nText.") == dt.date(2024, 5, 27)
    late = "One.\nTwo.\nThree.\nFour, on May 1, 2020."
    assert date_in_lines(late) is None


def test_date_key_orders_like_dates() -> None:
    assert date_key("2024-05-27") == 20240527
    assert date_key(None) == 0
    assert date_key("1987-02-26") < date_key("2024-05-27")
