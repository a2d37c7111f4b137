"""The soft preference for newer reports, and no credit for a date that has not come."""

import datetime as dt

from assistant.retrieval.recency import WEIGHT, recency_bonus


def test_newer_reports_get_more_and_a_date_after_the_reference_gets_nothing() -> None:
    day = dt.date(2024, 6, 3)
    assert recency_bonus("2024-06-03", day) == WEIGHT
    assert 0 < recency_bonus("2024-03-05", day) < recency_bonus("2024-05-27", day) < WEIGHT
    assert recency_bonus("2099-01-01", day) == 0.0  # issue 26: it won every "latest"
    assert recency_bonus(None, day) == 0.0
