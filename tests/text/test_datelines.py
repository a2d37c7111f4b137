"""A wire story's dateline: the one pattern the "it" reader skips and a watch reads the
U.S. from."""

from __future__ import annotations

import pytest

from assistant.text.datelines import DATELINE, dateline_country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("CUPERTINO, Calif., March 6 - The Semiconductor Industry Association said", "u.s."),
        ("WASHINGTON, March 5 - Federal Reserve Board Vice Chairman", "u.s."),
        ("NEW YORK, March 3 - Most major banks", "u.s."),
        ("DES MOINES, Iowa, March 9 - Farmers", "u.s."),
        ("ST. LOUIS, March 9 - x", "u.s."),
        ("LONDON, March 3 - Britain's clearing banks", "britain"),  # a bureau abroad
        ("MANILA, March 9 - Philippine President Corazon Aquino", "philippines"),
        ("KUWAIT, March 2 - x", ""),  # a city and a country: not read
        ("LONDON - x", ""),  # undated
        ("VANCOUVER, British Columbia, March 3 - x", ""),
        ("The bank in Cupertino, Calif., March 6 - x", ""),  # a dateline opens the story
        ("Washington, which said on March 5 - x", ""),  # a city in a sentence
        ("New York, March 25 - Noranda Aluminum Inc. said", "u.s."),  # a desk's title case
        ("Toronto, March 12 - x", "canada"),
        ("St Louis, April 2 - x", "u.s."),
        ("ADELAIDE, March 23 - Cooper Basin oil producer Santos Ltd", "australia"),
        ("Noranda said on March 25 - x", ""),  # a name and a date in a sentence
        ("New York - x", ""),  # undated, in title case
    ],
)
def test_a_dateline_places_a_story_in_its_country(text: str, country: str) -> None:
    assert dateline_country(text) == country


def test_a_dateline_is_matched_to_its_dash() -> None:
    found = DATELINE.match("NEW YORK, March 3 - Most major banks")
    assert found is not None and found.group() == "NEW YORK, March 3 - "
    assert DATELINE.match("Most major banks said on March 3 - x") is None
