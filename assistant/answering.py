"""Turn retrieved passages into an ``Answer``: a short answer, its evidence, or a refusal.

The default answerer is extractive: it ranks the passages' sentences, reads the answer
phrase out of the best ones, and only answers when the evidence is strong; otherwise it
says the articles do not answer and still shows the nearest passages. Every answer
carries the sentences it rests on as numbered citations.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from assistant.config import Settings
from assistant.embeddings import Embedder
from assistant.evidence import Evidence, rank_sentences
from assistant.extraction import SpanCandidate, best_span, question_shape, reason_clause
from assistant.keyword import KeywordIndex
from assistant.models import Answer, Citation
from assistant.nlp import parse
from assistant.question import QuestionType, analyse
from assistant.retrieval import Retrieved

ABSTAIN_TEXT = "The articles do not answer this. The nearest passages are listed below."
_READ_PASSAGES = 4
_PARSE_SENTENCES = 5
W_SENTENCE = 3.13  # a sentence's score against its best phrase's (benchmarks/tune_reader.py)
NO_SPAN = -1.0  # the phrase score of a sentence with no phrase that could answer
CONFIDENCE_WEIGHTS = np.array([2.22, 4.21, 3.62, 4.38])  # the order of confidence_features
CONFIDENCE_BIAS = -5.45


@dataclass(frozen=True)
class Reading:
    """The answerer's choice before it becomes an ``Answer``."""

    evidence: Evidence | None
    span: SpanCandidate | None
    confidence: float
    ranked: tuple[Evidence, ...]


def confidence_features(best: Evidence) -> np.ndarray:
    """Key-word coverage and dense similarity of the chosen sentence and of its passage."""
    return np.array([best.coverage, best.dense, best.context, best.passage.dense or 0.0])


def confidence_of(best: Evidence) -> float:
    """The chance that the articles answer the question (0 to 1); below
    ``Settings.abstain_below`` the answer abstains.

    A logistic regression fitted on the dev split with 30% of the articles left out
    (benchmarks/tune_reader.py confidence): a question whose article is missing finds
    passages that share few of its key words and little of its meaning.
    """
    z = CONFIDENCE_BIAS + float(CONFIDENCE_WEIGHTS @ confidence_features(best))
    return round(1.0 / (1.0 + math.exp(-z)), 4)


def _citations(reading: Reading, limit: int) -> tuple[Citation, ...]:
    """The chosen sentence's passage first, then the next best passages' best sentences."""
    chosen: list[Evidence] = []
    if reading.evidence is not None:
        chosen.append(reading.evidence)
    for evidence in reading.ranked:
        if len(chosen) >= limit:
            break
        if any(
            e.passage.chunk_id == evidence.passage.chunk_id
            or (e.passage.article_id == evidence.passage.article_id and e.start == evidence.start)
            for e in chosen
        ):
            continue
        chosen.append(evidence)
    return tuple(
        Citation(
            n=n,
            article_id=e.passage.article_id,
            title=e.passage.title,
            date=e.passage.date,
            source=e.passage.source,
            url=e.passage.url,
            text=e.passage.text,
            chunk_start=e.passage.start,
            quote=e.text,
            start=e.start,
            end=e.end,
            score=round(e.score, 4),
        )
        for n, e in enumerate(chosen, start=1)
    )


class ExtractiveAnswerer:
    """Answers from the passages' own words; needs no language model."""

    def __init__(self, embedder: Embedder, keyword: KeywordIndex, settings: Settings) -> None:
        self.embedder = embedder
        self.keyword = keyword
        self.settings = settings

    def read(
        self,
        question: str,
        retrieved: Retrieved,
        timings: dict[str, float],
        typed: str | None = None,
    ) -> Reading:
        """Rank sentences, extract the answer phrase, and judge the evidence.

        ``question`` is the standalone question; ``typed`` what the user typed, when a
        follow-up was rewritten (its own words must be in the supporting sentence).
        """
        info = analyse(question)
        focus = analyse(typed).terms if typed and typed != question else None
        started = time.perf_counter()
        ranked = rank_sentences(
            info,
            retrieved.query_vector,
            retrieved.passages[:_READ_PASSAGES],
            self.embedder,
            self.keyword.idf_of,
            focus or None,
        )
        timings["sentences_ms"] = (time.perf_counter() - started) * 1000
        if not ranked:
            return Reading(None, None, 0.0, ())
        started = time.perf_counter()
        top = ranked[:_PARSE_SENTENCES]
        docs = parse([info.text, *[e.text for e in top]])
        shape = question_shape(docs[0])
        best: tuple[float, Evidence, SpanCandidate | None] | None = None
        for evidence, doc in zip(top, docs[1:], strict=True):
            if info.qtype is QuestionType.WHY:
                span = reason_clause(doc)
            else:
                span = best_span(info, doc, shape)
            total = W_SENTENCE * evidence.score + (span.score if span else NO_SPAN)
            if best is None or total > best[0]:
                best = (total, evidence, span)
        timings["extract_ms"] = (time.perf_counter() - started) * 1000
        assert best is not None
        _, evidence, span = best
        return Reading(evidence, span, confidence_of(evidence), tuple(ranked))

    def answer(
        self,
        question: str,
        standalone: str,
        retrieved: Retrieved,
        timings: dict[str, float],
    ) -> Answer:
        reading = self.read(standalone, retrieved, timings, typed=question)
        return self.compose(question, standalone, reading, timings)

    def compose(
        self,
        question: str,
        standalone: str,
        reading: Reading,
        timings: dict[str, float],
        abstain: bool = False,
    ) -> Answer:
        """The ``Answer`` for a reading; it abstains when the evidence is weak (or if told to)."""
        abstained = (
            abstain or reading.evidence is None or reading.confidence < self.settings.abstain_below
        )
        citations = _citations(reading, self.settings.citations)
        if abstained:
            text, short = ABSTAIN_TEXT, ""
        else:
            assert reading.evidence is not None
            short = reading.span.text if reading.span else reading.evidence.text
            text = f"{short} [1]"
        return Answer(
            question=question,
            text=text,
            citations=citations,
            abstained=abstained,
            timings=timings,
            standalone_question=standalone,
            confidence=reading.confidence,
            short_answer=short,
        )
