"""Every span the reader found for a question, each as an answer of its own.

A question asked once takes the reader's choice (``answerer``). A watched question is
asked every day and knows what kind of value it wants, so it weighs the runners-up too
(``watching.reports``): each offer carries the citation it would have and the confidence
the fitted model gives it, as if it had been chosen.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.answering.answerer import Reading, cite
from assistant.answering.candidates import Candidate
from assistant.answering.choice import confidence_of
from assistant.records import Offer


def offers(question: str, reading: Reading) -> list[Offer]:
    """The reader's choice first, then every other span it found, surest first."""
    return [
        Offer(c.text, cite(1, c, True), confidence_of(question, c, reading.candidates))
        for c in ranked(reading)
    ]


def ranked(reading: Reading) -> Iterator[Candidate]:
    """The reading's candidates and their runners-up: the choice, then by margin."""
    if reading.best is not None:
        yield reading.best
    spans = [c.instead(alt) for c in reading.candidates for alt in c.alternatives]
    seen = {_key(reading.best)} if reading.best is not None else set()
    for candidate in sorted((*reading.candidates, *spans), key=lambda c: -c.margin):
        if _key(candidate) not in seen:
            seen.add(_key(candidate))
            yield candidate


def _key(candidate: Candidate) -> tuple[str, int, int]:
    return candidate.passage.article_id, candidate.start, candidate.end
