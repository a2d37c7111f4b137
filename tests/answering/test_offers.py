"""Every span the reader found, each as an answer of its own (what a watch weighs)."""

from assistant.answering.answerer import Reading
from assistant.answering.candidates import Alternative, Candidate
from assistant.answering.choice import confidence_of
from assistant.answering.offers import offers
from assistant.records import Passage

TEXT = "Citibank raised its prime rate to 7-3/4 pct on April 1. Chase kept 7-1/2 pct."
QUESTION = "What is Citibank's prime rate?"


def candidate(article: str, span: str, score: float, *runners_up: tuple[str, float]) -> Candidate:
    passage = Passage(chunk_id=f"{article}:0", article_id=article, title="T",
                      date="1987-04-01", source="S", text=TEXT, start=0, end=len(TEXT),
                      score=0.5, rank=1)  # fmt: skip
    at = TEXT.index(span)
    alternatives = tuple(
        Alternative(text, TEXT.index(text), TEXT.index(text) + len(text), s)
        for text, s in runners_up
    )
    return Candidate(passage, span, at, at + len(span), score, -2.0, alternatives)


def test_the_choice_comes_first_then_every_runner_up_surest_first_once_each() -> None:
    first = candidate("a", "April 1", 9.0, ("7-3/4 pct", 8.0), ("Citibank", 3.0))
    second = candidate("b", "7-1/2 pct", 5.0, ("April 1", 7.5))
    reading = Reading(second, (first, second), 0.9)  # the choice need not be the surest
    found = offers(QUESTION, reading)
    assert [(o.citation.article_id, o.text) for o in found] == [
        ("b", "7-1/2 pct"), ("a", "April 1"), ("a", "7-3/4 pct"), ("b", "April 1"),
        ("a", "Citibank")]  # fmt: skip


def test_each_offer_is_cited_at_its_span_with_its_own_confidence() -> None:
    first = candidate("a", "April 1", 9.0, ("7-3/4 pct", 8.0))
    reading = Reading(first, (first,), 0.9)
    chosen, runner_up = offers(QUESTION, reading)
    quote = runner_up.citation.quote
    assert quote.startswith("Citibank raised") and runner_up.citation.supports
    assert runner_up.citation.answer_start == TEXT.index("7-3/4 pct")
    assert chosen.confidence == confidence_of(QUESTION, first, (first,))
    assert runner_up.confidence == confidence_of(QUESTION, first.instead(first.alternatives[0]),
                                                 (first,))  # fmt: skip
    assert not offers(QUESTION, Reading(None, (), 0.0))
