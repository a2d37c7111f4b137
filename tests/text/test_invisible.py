"""Invisible format characters: removed, except joiners a script or an emoji needs."""

from hypothesis import given
from hypothesis import strategies as st

from assistant.text.invisible import visible

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_bidi_controls_and_zero_width_characters_go() -> None:
    assert visible("Filed \u202e50-60-4202\u202c today") == "Filed 50-60-4202 today"
    assert visible("a\u200bb\u2060c\ufeffd\u2063e") == "abcde"
    assert visible("line\tone\nline two") == "line\tone\nline two"


def test_joiners_stay_where_they_join_something() -> None:
    family = "👩\u200d👩\u200d👧"
    rainbow = "🏳\ufe0f\u200d🌈"
    persian = "می\u200cخواهم"
    hindi = "क्\u200dष"
    assert (
        visible(f"{family} {rainbow} {persian} {hindi}") == f"{family} {rainbow} {persian} {hindi}"
    )
    assert visible("ab\u200dcd \u200c x\u200d") == "abcd  x"  # Latin letters need no joiner


@given(st.text())
def test_visible_is_idempotent_and_leaves_no_bidi_control(text: str) -> None:
    once = visible(text)
    assert visible(once) == once
    assert not any(ch in once for ch in BIDI)
