"""The wires' line labels written out for the reader, and every span mapped back exactly."""

from __future__ import annotations

import re

import pytest

from assistant.text.wire_labels import written_out

NOTICE = "ALLENTOWN, Pa., March 19 - Qtly div 20 cts vs 20 cts prior\n    Pay May 11"
RESULTS = "Oper shr loss 10 cts vs profit five cts per shr\n    Avg shrs 51.7 mln\n    Revs 9.9 mln"


@pytest.mark.parametrize(
    ("text", "legible"),
    [
        (
            NOTICE,
            "ALLENTOWN, Pa., March 19 - Quarterly dividend 20 cts vs 20 cts prior\n    Pay May 11",
        ),
        (
            RESULTS,
            "Operating per share loss 10 cts vs profit five cts per share\n"
            "    Average shares 51.7 mln\n    Revenues 9.9 mln",
        ),
        ("SHR 1.20 dlrs vs 1.10 dlrs", "PER SHARE 1.20 dlrs vs 1.10 dlrs"),
        ("Mthly div 7.5 cts", "Monthly dividend 7.5 cts"),
        (
            "NEW YORK, March 3 - Div 10 cts vs 10 cts",
            "NEW YORK, March 3 - Dividend 10 cts vs 10 cts",
        ),
        ("Note: the qtrly div is payable", "Note: the quarterly dividend is payable"),
    ],
)
def test_labels_are_written_out(text: str, legible: str) -> None:
    assert written_out(text).text == legible


@pytest.mark.parametrize(
    "text",
    [
        "The division's dividend rose.",
        "A shrewd average.",
        "div.example and shr's",
        "",
        "Revsion",
        "the 1st Armored Div moved; Premier Div 2 and Div. 3",
    ],
)
def test_prose_is_left_as_it_is(text: str) -> None:
    written = written_out(text)
    assert written.text == text
    assert written.original(0, len(text)) == (0, len(text))


@pytest.mark.parametrize("text", [NOTICE, RESULTS, "Qtly div 5 cts", "x Div"])
def test_every_span_maps_back_to_the_articles_own_characters(text: str) -> None:
    written = written_out(text)
    labels = {"qtly", "div", "shr", "shr.", "avg", "shrs", "revs", "oper"}
    for word in re.finditer(r"\S+", written.text):
        first, last = written.original(*word.span())
        own = text[first:last]
        assert own == word.group() or own.lower() in labels, (word.group(), own)
    assert text[slice(*written.original(0, len(written.text)))] == text


def test_a_span_across_a_label_takes_the_whole_label() -> None:
    written = written_out(NOTICE)
    start = written.text.index("dividend 20")
    first, last = written.original(start + 3, start + len("dividend 20"))
    assert NOTICE[first:last] == "div 20"
    whole = written.original(0, len(written.text))
    assert whole == (0, len(NOTICE))
