"""A country's other names: a text naming one of them gives them all, as words only."""

from __future__ import annotations

import pytest

from assistant.text.places import countries_in, spelled_otherwise, with_other_names


@pytest.mark.parametrize(
    ("written", "asked"),
    [
        ("U.K. CLEARING BANKS CUT BASE RATES", "british"),
        ("Britain's banks", "united kingdom"),
        ("the Japanese finance ministry", "japan"),
        ("Japan's trade surplus", "japanese"),
        ("Dutch money supply", "netherlands"),
        ("talks in Wellington, N.Z.", "new zealand"),
    ],
)
def test_a_country_named_one_way_is_named_every_way(written: str, asked: str) -> None:
    assert asked in with_other_names(written)


@pytest.mark.parametrize(
    ("written", "absent"),
    [
        ("Thailand's rice exports", "japan"),  # another country adds nothing
        ("the frenchman's bid", "france"),  # part of a longer word is no name
        ("U.S. turkey production rose", "turkish"),  # the bird is not the country
        ("American Express raised fees", "u.s."),  # "American" is a company's word too
    ],
)
def test_a_text_gains_no_country_it_does_not_name(written: str, absent: str) -> None:
    assert absent not in with_other_names(written)


def test_the_text_itself_comes_first_casefolded() -> None:
    assert with_other_names("Iraqi Oil").startswith("iraqi oil ")


def test_the_countries_a_text_names() -> None:
    assert countries_in("Kuwait's Oil Minister") == {"kuwait kuwaiti"}
    assert countries_in("Turkey's ambassador in Athens") == {"turkey"}  # as the country is
    assert countries_in("talks between Greece and Turkey") == {"greece greek", "turkey"}
    assert countries_in("Turkey poults placed rose. Turkey hatchings fell.") == set()  # birds
    assert countries_in("Saudi Oil Minister") == {"saudi arabia saudi saudi arabian"}
    assert countries_in("OPEC President") == set()


@pytest.mark.parametrize(
    ("written", "asked"),
    [
        ("Federal Reserve Board chairman Paul Volcker said", "u.s."),
        ("the Bundesbank left its discount rate unchanged", "west german"),
    ],
)
def test_a_national_institution_gives_its_country(written: str, asked: str) -> None:
    assert asked in with_other_names(written)
    assert countries_in("Bundesbank President Karl Otto Poehl") == {"west germany west german"}


@pytest.mark.parametrize(
    ("written", "spelled"),
    [("Belgian unemployment fell", "belgium belgian"),
     ("TURKISH OUTPUT", "turkey"),  # one way only
     ("The Bundesbank has set a fixed rate", ""),  # an institution is no spelling
     ("a turkey farm", ""),
     ("The Australia and New Zealand Banking\nGroup Ltd <ANZA.S> rate", ""),  # a company's
     ("JAPANESE BANK LENDING ROSE", "japan japanese")],  # "Bank" alone names no company
)  # fmt: skip
def test_a_country_s_other_spellings_are_its_own_names_alone(written: str, spelled: str) -> None:
    assert spelled_otherwise(written) == spelled
