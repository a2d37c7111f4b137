"""Questions and filters as users type them: refused with a message, or cleaned."""

import pytest

from assistant.errors import InvalidInput
from assistant.text.user_input import clean_question, make_filters


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("?!?", "no words"),
        ("x" * 100_000, "limit is 2,000"),
        (b"\xff\xfe\x00\x81", "not UTF-8"),
        (42, "must be text"),
    ],
)
def test_bad_questions_get_a_clear_message(question: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        clean_question(question, 2000)


def test_control_characters_are_dropped_from_questions() -> None:
    assert clean_question("Who\x00 claimed\x1b[31m it?", 2000) == "Who claimed [31m it?"


def test_filters_accept_loose_input_and_reject_nonsense() -> None:
    filters = make_filters("2024-05-01", "May 31, 2024", "AFP")
    assert str(filters.date_from) == "2024-05-01" and str(filters.date_to) == "2024-05-31"
    assert filters.sources == ("AFP",)
    with pytest.raises(InvalidInput, match="not a date"):
        make_filters("yesterday-ish")
    with pytest.raises(InvalidInput, match="after"):
        make_filters("2024-06-01", "2024-05-01")
    for nonsense in (5, [5], {"AFP": 1}, [None]):
        with pytest.raises(InvalidInput, match="sources must be a source name or a list"):
            make_filters(sources=nonsense)
    assert make_filters(sources=["AFP", " "]).sources == ("AFP",)


def test_a_question_with_undecodable_bytes_or_bidi_controls() -> None:
    with pytest.raises(InvalidInput, match="bytes that are not UTF-8"):
        clean_question("Who claimed \udcff the attack?", 2000)  # how argv keeps a bad byte
    assert clean_question("Who \u202eclaimed\u202c it?", 2000) == "Who claimed it?"
