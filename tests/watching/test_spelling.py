"""One name spelt two ways is one answer; two names are two."""

from __future__ import annotations

import pytest

from assistant.watching.sameness import same_value
from assistant.watching.spelling import among, spelled_alike


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [("nazer", "nazir", True), ("subroto", "soebroto", True), ("volcker", "volcker", True),
     ("ali", "al", False),  # too short to tell
     ("marks", "bradt", False), ("nazer", "mazer", False)],  # another first letter
)  # fmt: skip
def test_one_name_spelt_two_ways(a: str, b: str, alike: bool) -> None:
    assert spelled_alike(a, b) is alike


def test_each_word_must_be_among_the_others() -> None:
    assert among(["hisham", "nazir"], ["hisham", "nazer"])
    assert not among(["alan", "greenspan"], ["paul", "volcker"])


def test_a_name_spelt_anew_is_no_new_answer() -> None:
    assert same_value("Hisham Nazer", "Hisham Nazir")
    assert not same_value("Michel Marks", "William Bradt")
