"""What the reader offers for one passage: its best span and the runners-up, in article
offsets, with the sentence each sits in and how much of the question it carries."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answering.reader import PassageReading
from assistant.records import Passage
from assistant.text.question import QuestionType, analyse
from assistant.text.sentences import split_sentences
from assistant.text.terms import stem, term_share, words

COUNTED_WITHIN = 4  # words after a count that may name what it counts


@dataclass(frozen=True)
class Alternative:
    """Another span the reader found in the same passage (article offsets)."""

    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Candidate:
    """The best span of one read passage, in article offsets, and how it was scored."""

    passage: Passage
    text: str
    start: int  # offsets of the span in the article
    end: int
    score: float  # the reader's start + end logit
    null_score: float  # the reader's "no answer in this passage" score
    alternatives: tuple[Alternative, ...] = ()  # the passage's next-best spans
    # where the sentence that answers ends, when it comes after the span's own (the span
    # names the actor that sentence calls "it": ``referents``); its support runs to there
    evidence_end: int | None = None
    unresolved: bool = False  # that sentence says "it", and no earlier name was found

    @property
    def margin(self) -> float:
        return self.score - self.null_score

    def instead(self, other: Alternative) -> Candidate:
        """This passage's candidate with ``other`` as its span."""
        return Candidate(self.passage, other.text, other.start, other.end, other.score,
                         self.null_score, self.alternatives)  # fmt: skip


def candidate_of(passage: Passage, reading: PassageReading) -> Candidate | None:
    """The passage's best span as a ``Candidate`` (None when the reader found none)."""
    if not reading.spans:
        return None
    best, *rest = reading.spans
    alternatives = tuple(
        Alternative(s.text, passage.start + s.start, passage.start + s.end, s.score) for s in rest
    )
    return Candidate(
        passage=passage,
        text=best.text,
        start=passage.start + best.start,
        end=passage.start + best.end,
        score=best.score,
        null_score=reading.null_score,
        alternatives=alternatives,
    )


def sentence_around(passage: Passage, start: int, end: int) -> tuple[str, int, int]:
    """The passage's sentence(s) holding article offsets [start, end): (text, start, end)."""
    local_start, local_end = start - passage.start, end - passage.start
    spans = split_sentences(passage.text) or []
    inside = [s for s in spans if s.start < local_end and s.end > local_start]
    if not inside:
        return passage.text[local_start:local_end], start, end
    first, last = inside[0].start, inside[-1].end
    return passage.text[first:last], passage.start + first, passage.start + last


def coverage(question: str, text: str) -> float:
    """The share of the question's key words ``text`` carries (stemmed; 1 when it has none)."""
    return term_share(analyse(question).terms, text)


def counted_named(question: str, sentence: str, start: int, end: int) -> float:
    """For "how many X": 1 when X is counted by the answer (in it or among the few words
    after it: "five soldiers", not "five assailants"), else 0; 1 for other questions."""
    info = analyse(question)
    if info.qtype is not QuestionType.HOW_MANY or not info.focus:
        return 1.0
    after = words(sentence[start:].lower())[: len(words(sentence[start:end])) + COUNTED_WITHIN]
    return 1.0 if info.focus in {stem(w) for w in after} else 0.0
