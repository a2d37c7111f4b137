import itertools

from conftest import SEED

from assistant.text.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_founding_article_opens_with_its_date_line() -> None:
    sentences = texts(SEED.read_text(encoding="utf-8"))
    assert sentences[0] == "Mon. May 27th, 2024"
    assert sentences[1].startswith("An attack on two military camps")
    assert sentences[1].endswith("the army said late Monday.")


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. J. Smith met Gen. Lee on Jan. 5 in the U.S. capital. He left. See No. 5 too."
    assert texts(text) == [
        "Mr. J. Smith met Gen. Lee on Jan. 5 in the U.S. capital.",
        "He left.",
        "See No. 5 too.",
    ]


def test_an_initialism_before_a_capital_does_not_end_a_sentence() -> None:
    """ "N.Z. Dlrs" and "E.F. Hutton" go on; the sentence that ends on one ends at its next
    period (as "U.S." did before initialisms were read as a kind)."""
    text = (
        "The deficit narrowed to 76 mln N.Z. Dlrs in April, the Statistics Department said. "
        "Shares of E.F. Hutton rose. It closed at 4 p.m. Trading was light."
    )
    assert texts(text) == [
        "The deficit narrowed to 76 mln N.Z. Dlrs in April, the Statistics Department said.",
        "Shares of E.F. Hutton rose.",
        "It closed at 4 p.m. Trading was light.",
    ]


def test_quotes_close_sentences_and_numbers_do_not_split() -> None:
    text = 'He said "no." Then shares rose 3.5 pct. Why? Nobody knows!'
    assert texts(text) == ['He said "no."', "Then shares rose 3.5 pct.", "Why?", "Nobody knows!"]


def test_paragraph_breaks_split_but_wrapped_lines_do_not() -> None:
    text = "A headline without a period\n\nThe text runs\n    on a wrapped line. Next one."
    assert texts(text) == [
        "A headline without a period",
        "The text runs\n    on a wrapped line.",
        "Next one.",
    ]


def test_spans_are_trimmed_and_in_order() -> None:
    text = "  One.   Two!\n\n\n  Three?  "
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["One.", "Two!", "Three?"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []
