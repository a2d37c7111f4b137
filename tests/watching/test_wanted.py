"""The kind of value a watch takes: an amount opens with its figure, not a clause."""

from __future__ import annotations

import pytest

from assistant.watching.wanted import Wanted

SURPLUS = "What was West Germany's latest monthly trade surplus?"


@pytest.mark.parametrize(
    ("value", "taken"),
    [("10.1 billion marks", True),
     ("a record 10.4 billion marks", True),
     ("about 10.6 billion marks", True),
     ("March trade surplus had also risen strongly from the year-ago month total of 8.5 "
      "billion marks", False)],  # a clause about another month's figure
)  # fmt: skip
def test_a_value_of_an_amount_opens_with_its_figure(value: str, taken: bool) -> None:
    assert Wanted.of(SURPLUS, "7.2 billion marks").takes(value) is taken
