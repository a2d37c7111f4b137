"""Turn retrieved passages into an ``Answer``: the trained span reader's answer, or a refusal.

The reader (``reader.SpanReader``, shipped in ``models/reader/``) reads the best passages
of the question in one batch. Every passage offers its best span and a "no answer"
score. The answer is the span with the best ``choice_score`` (the reader's own margin
over "no answer" plus a prior on the passage's retrieval rank and score, weights fitted
on the dev split, benchmarks/tune_answering.py); ``[1]`` is its passage, the supporting
sentence is the one holding the span, and the span's offsets travel with the citation.
``confidence`` is the fitted chance that the articles hold the answer; below
``Settings.abstain_below`` the answer says the articles do not answer, and still shows
the nearest passages.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answering.latest import Report, latest_report
from assistant.answering.reader import PassageReading, SpanReader
from assistant.config import Device, Settings
from assistant.index.devices import onnx_providers
from assistant.records import Answer, Citation, Partial, Passage, Retrieved
from assistant.text.sentences import split_sentences
from assistant.text.terms import normalize_answer as normalize
from assistant.text.time_scope import human_day

ABSTAIN_TEXT = "The articles do not answer this. The nearest passages are listed below."
# Span choice: margin over "no answer" + W_RANK / rank + W_RETRIEVAL x retrieval score.
W_RANK = 4.0
W_RETRIEVAL = 8.0
# Confidence: logistic regression on ``confidence_features`` (benchmarks/tune_answering.py).
CONFIDENCE_WEIGHTS = np.array([0.1124, 0.1142, 0.2289, 3.1556, 0.8906, 0.0526])
CONFIDENCE_BIAS = -3.6276
# Another passage supports the answer when its own best span says the same thing (token
# F1 of the two at least this); else it is shown as related, with nothing highlighted.
SUPPORT_OVERLAP = 0.5


_READERS: dict[tuple[Path | None, Device], SpanReader] = {}
_READERS_LOCK = threading.Lock()


def shared_reader(model_dir: Path | None = None, device: Device = Device.AUTO) -> SpanReader:
    """The span reader in ``model_dir`` (default: the shipped one), loaded once per process."""
    with _READERS_LOCK:
        key = (model_dir, device)
        if key not in _READERS:
            _READERS[key] = SpanReader.load(model_dir, providers=onnx_providers(device))
        return _READERS[key]


@dataclass(frozen=True)
class Candidate:
    """The best span of one read passage, in article offsets, and how it was scored."""

    passage: Passage
    text: str
    start: int  # offsets of the span in the article
    end: int
    score: float  # the reader's start + end logit
    null_score: float  # the reader's "no answer in this passage" score

    @property
    def margin(self) -> float:
        return self.score - self.null_score


@dataclass(frozen=True)
class Reading:
    """What the answerer read: the chosen candidate, every passage's best, the confidence."""

    best: Candidate | None
    candidates: tuple[Candidate, ...]  # every read passage's best span, in retrieval order
    confidence: float
    earlier: Candidate | None = None  # an earlier report that said otherwise (latest.py)


def choice_score(candidate: Candidate) -> float:
    """How much the candidate deserves to be the answer (higher is better)."""
    passage = candidate.passage
    return candidate.margin + W_RANK / max(1, passage.rank) + W_RETRIEVAL * passage.score


def confidence_features(best: Candidate, candidates: tuple[Candidate, ...]) -> np.ndarray:
    """Reader and retrieval evidence that the passages hold the answer at all."""
    agreeing = sum(1 for c in candidates if normalize(c.text) == normalize(best.text))
    return np.array(
        [
            best.margin,
            max(c.margin for c in candidates),
            best.passage.dense or 0.0,
            best.passage.score,
            1.0 / max(1, best.passage.rank),
            float(agreeing - 1),
        ]
    )


def confidence_of(best: Candidate, candidates: tuple[Candidate, ...]) -> float:
    """The fitted chance (0 to 1) that the articles answer the question."""
    z = CONFIDENCE_BIAS + float(CONFIDENCE_WEIGHTS @ confidence_features(best, candidates))
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 4)


def overlap(one: str, other: str) -> float:
    """Token F1 of two answers after SQuAD normalisation: do they say the same thing?"""
    a, b = normalize(one).split(), normalize(other).split()
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    return 0.0 if not common else 2 * common / (len(a) + len(b))


def _candidate(passage: Passage, reading: PassageReading) -> Candidate | None:
    if not reading.spans:
        return None
    span = reading.spans[0]
    return Candidate(
        passage=passage,
        text=span.text,
        start=passage.start + span.start,
        end=passage.start + span.end,
        score=span.score,
        null_score=reading.null_score,
    )


def _report(index: int, candidate: Candidate) -> Report | None:
    if not candidate.passage.date:
        return None
    sentence, _, _ = sentence_around(candidate.passage, candidate.start, candidate.end)
    day = dt.date.fromisoformat(candidate.passage.date)
    return Report(index, candidate.text, day, candidate.margin, sentence)


def _according(latest: Candidate, earlier: Candidate) -> str:
    """ "according to Reuters on 3 June 2024; AFP reported five on 27 May 2024"."""

    def who(c: Candidate) -> str:
        return c.passage.source or c.passage.title or "an earlier report"

    def when(c: Candidate) -> str:
        return human_day(dt.date.fromisoformat(c.passage.date)) if c.passage.date else "undated"

    return (
        f"according to {who(latest)} on {when(latest)}; "
        f"{who(earlier)} reported {earlier.text} on {when(earlier)}"
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


def _citation(n: int, candidate: Candidate, supports: bool) -> Citation:
    quote, start, end = sentence_around(candidate.passage, candidate.start, candidate.end)
    return Citation.from_passage(
        n,
        candidate.passage,
        quote=quote,
        start=start,
        end=end,
        score=round(candidate.margin, 4),
        supports=supports,
        answer_start=candidate.start if supports else None,
        answer_end=candidate.end if supports else None,
    )


def _same_quote(one: Citation, other: Citation) -> bool:
    """Whether two citations quote overlapping text of one article (neighbouring chunks
    share a sentence, and both may find their best span in it)."""
    return one.article_id == other.article_id and one.start < other.end and other.start < one.end


def citations_for(reading: Reading, limit: int, abstained: bool) -> tuple[Citation, ...]:
    """The answer's passage first (then the earlier report it replaced, if any), then the
    passages the reader found most answer-like (ordering by the reader's margin rather
    than by retrieval rank cites the right passage more often: docs/quality.md), each
    marked supporting or related; a quote is shown once."""
    chosen: list[Citation] = []
    answer = None
    if reading.best is not None and not abstained:
        chosen.append(_citation(1, reading.best, True))
        answer = reading.best.text
        if reading.earlier is not None and limit > 1:
            chosen.append(_citation(2, reading.earlier, False))
    for candidate in sorted(reading.candidates, key=lambda c: -c.margin):
        if len(chosen) >= limit:
            break
        supports = answer is not None and overlap(candidate.text, answer) >= SUPPORT_OVERLAP
        citation = _citation(len(chosen) + 1, candidate, supports)
        if not any(_same_quote(citation, c) for c in chosen):  # the answer's own, too
            chosen.append(citation)
    return tuple(chosen)


class ReaderAnswerer:
    """Answers with the trained span reader; the short answer is always a span of [1]."""

    def __init__(self, reader: SpanReader, settings: Settings) -> None:
        self.reader = reader
        self.settings = settings

    def read(self, question: str, retrieved: Retrieved, timings: dict[str, float]) -> Reading:
        """Read the best passages in one batch and choose the answer span."""
        passages = retrieved.passages[: self.settings.read_passages]
        if not passages:
            return Reading(None, (), 0.0)
        started = time.perf_counter()
        readings = self.reader.read(question, [p.text for p in passages])
        timings["read_ms"] = (time.perf_counter() - started) * 1000
        found = (_candidate(p, r) for p, r in zip(passages, readings, strict=True))
        candidates = tuple(c for c in found if c is not None)
        if not candidates:
            return Reading(None, (), 0.0)
        best = max(candidates, key=choice_score)
        best, earlier = self._latest(question, best, candidates, retrieved.recency)
        return Reading(best, candidates, confidence_of(best, candidates), earlier)

    def _latest(
        self, question: str, best: Candidate, candidates: tuple[Candidate, ...], recency: bool
    ) -> tuple[Candidate, Candidate | None]:
        """The newest of conflicting dated reports, and the one it replaces (latest.py)."""
        reports = [_report(n, c) for n, c in enumerate(candidates)]
        dated = [r for r in reports if r is not None]
        mine = reports[candidates.index(best)]
        if mine is None or len(dated) < 2:
            return best, None
        chosen, earlier = latest_report(question, mine, dated, recency)
        return candidates[chosen.index], candidates[earlier.index] if earlier else None

    def answer(
        self, question: str, standalone: str, retrieved: Retrieved, timings: dict[str, float]
    ) -> Answer:
        reading = self.read(standalone, retrieved, timings)
        return self.compose(question, standalone, reading, timings)

    def stream(
        self, question: str, standalone: str, retrieved: Retrieved, timings: dict[str, float]
    ) -> Iterator[Partial]:
        """The reader writes nothing gradually: one reply, the whole ``Answer``."""
        answer = self.answer(question, standalone, retrieved, timings)
        yield Partial(answer.text, answer.citations, answer)

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
            abstain or reading.best is None or reading.confidence < self.settings.abstain_below
        )
        citations = citations_for(reading, self.settings.citations, abstained)
        if abstained or reading.best is None:
            text, short = ABSTAIN_TEXT, ""
        else:
            short = reading.best.text
            text = f"{short} [1]"
            if reading.earlier is not None:
                text = f"{short} [1], {_according(reading.best, reading.earlier)} [2]"
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
