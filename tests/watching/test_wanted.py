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
     ("Year-on-year surplus was 9.6 billion marks", False),  # a clause: three words first
     ("March trade surplus had also risen strongly from the year-ago month total of 8.5 "
      "billion marks", False)],  # a clause about another month's figure
)  # fmt: skip
def test_a_value_of_an_amount_opens_with_its_figure(value: str, taken: bool) -> None:
    assert Wanted.of(SURPLUS, "7.2 billion marks").takes(value) is taken


@pytest.mark.parametrize(
    "value", ["dollar currency", "the same month last year", "weekly statistical bulletin"]
)
def test_a_surplus_asked_takes_no_words_without_a_figure(value: str) -> None:
    """A watch that starts empty holds no value to compare with: the question alone says a
    surplus is an amount."""
    assert Wanted.of(SURPLUS).takes(value) is False
    assert Wanted.of(SURPLUS).takes("8.1 billion marks") is True


def test_a_move_asked_may_be_of_any_size_a_level_stays_in_reach() -> None:
    """A month's rise of reserves may be six times the last ("287 mln dlrs" then "1.785
    billion dlrs"); a level so far from the last is another series'."""
    move = "By how much did Britain's gold and currency reserves change in the latest month?"
    level = "What is the level of Britain's gold and currency reserves?"
    assert Wanted.of(move, "287 mln dlrs").takes("1.785 billion dlrs")
    assert not Wanted.of(level, "287 mln dlrs").takes("1.785 billion dlrs")


def test_a_dateline_s_day_is_no_amount() -> None:
    reserves = "What is the latest reported level of Taiwan's foreign exchange reserves?"
    wanted = Wanted.of(reserves, "53 billion U.S. dlrs")
    assert not wanted.takes("Oct 20 - Taiwan's foreign exchange reserves have hit a record")
    assert wanted.takes("about 60 billion U.S. dlrs by March 20")


@pytest.mark.parametrize(
    "value", ["711.0037 ringgit per tonne", "33,463.4 billion won", "300 cruzados", "12 kroner"]
)
def test_a_price_asked_takes_any_currency(value: str) -> None:
    """Malaysia's gazetted palm oil price is in ringgit: money, as a price in dlrs is."""
    assert Wanted.of("What is Malaysia's gazetted price for crude palm oil (CPO)?").takes(value)
