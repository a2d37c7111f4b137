"""Turn retrieved passages into an ``Answer``: the trained span reader's answer, or a refusal.

The reader (``reader.SpanReader``, shipped in ``models/reader/``) reads the best passages
of the question. Every passage offers its best spans and a "no answer" score
(``candidates``); ``choice`` picks the answer and the confidence; ``latest`` prefers the
newest of conflicting dated reports. ``[1]`` is the answer's passage, the supporting
sentence is the one holding the span, and the span's offsets travel with the citation.
``confidence`` is the fitted chance that the articles hold the answer; below
``Settings.abstain_below`` the answer says the articles do not answer, and still shows
the nearest passages.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.answering.candidates import Candidate, candidate_of, coverage, sentence_around
from assistant.answering.choice import choose, confidence_of
from assistant.answering.latest import Report, latest_report
from assistant.answering.reader import SpanReader
from assistant.config import Device, Settings
from assistant.index.devices import onnx_providers
from assistant.records import Answer, Citation, Partial, Passage, Retrieved
from assistant.text.dates import latest_credible_day
from assistant.text.sentences import split_sentences
from assistant.text.terms import normalize_answer as normalize
from assistant.text.time_scope import human_day

ABSTAIN_TEXT = "The articles do not answer this. The nearest passages are listed below."
# Windows read first; the rest only when none of them gives an answer this sure (fitted on
# the dev split: benchmarks/tune_answering.py; inf would always read them all).
READ_FIRST = 2
STOP_MARGIN = 12.0
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
class Reading:
    """What the answerer read: the chosen candidate, every passage's best, the confidence."""

    best: Candidate | None
    candidates: tuple[Candidate, ...]  # every read passage's best span, in retrieval order
    confidence: float
    earlier: Candidate | None = None  # an earlier report that said otherwise (latest.py)
    unread: tuple[Passage, ...] = ()  # windows not read, once the first ones decided
    question: str = ""


def overlap(one: str, other: str) -> float:
    """Token F1 of two answers after SQuAD normalisation: do they say the same thing?"""
    a, b = normalize(one).split(), normalize(other).split()
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    return 0.0 if not common else 2 * common / (len(a) + len(b))


def _report(index: int, candidate: Candidate) -> Report | None:
    """The candidate as a dated report; none when undated or dated after tomorrow."""
    if not candidate.passage.date or candidate.passage.date > latest_credible_day().isoformat():
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


def cite(n: int, candidate: Candidate, supports: bool) -> Citation:
    """Citation ``n`` for a candidate: the sentence holding its span (and the sentence its
    "it" points back to), the span's offsets when it supports the answer."""
    quote, start, end = sentence_around(
        candidate.passage, candidate.start, candidate.evidence_end or candidate.end
    )
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
        chosen.append(cite(1, reading.best, True))
        answer = reading.best.text
        if reading.earlier is not None and limit > 1:
            chosen.append(cite(2, reading.earlier, False))
    for candidate in sorted(reading.candidates, key=lambda c: -c.margin):
        if len(chosen) >= limit:
            break
        supports = answer is not None and overlap(candidate.text, answer) >= SUPPORT_OVERLAP
        citation = cite(len(chosen) + 1, candidate, supports)
        if not any(_same_quote(citation, c) for c in chosen):  # the answer's own, too
            chosen.append(citation)
    for passage in reading.unread:  # the reader stopped early: still cite what was found
        if len(chosen) >= limit:
            break
        citation = _unread_citation(len(chosen) + 1, passage, reading.question)
        if not any(_same_quote(citation, c) for c in chosen):
            chosen.append(citation)
    return tuple(chosen)


def _unread_citation(n: int, passage: Passage, question: str) -> Citation:
    """A window the reader did not read, as a related passage: its sentence with the most
    of the question's key words, scored by its retrieval score."""
    spans = split_sentences(passage.text) or []
    best = max(spans, key=lambda s: coverage(question, passage.text[s.start : s.end]), default=None)
    first, last = (best.start, best.end) if best else (0, len(passage.text))
    return Citation.from_passage(
        n, passage, quote=passage.text[first:last], start=passage.start + first,
        end=passage.start + last, score=round(passage.score, 4), supports=False,
        answer_start=None, answer_end=None,
    )  # fmt: skip


class ReaderAnswerer:
    """Answers with the trained span reader; the short answer is always a span of [1]."""

    def __init__(self, reader: SpanReader, settings: Settings) -> None:
        self.reader = reader
        self.settings = settings

    def read(self, question: str, retrieved: Retrieved, timings: dict[str, float]) -> Reading:
        """Read the best passages and choose the answer span.

        The first ``READ_FIRST`` windows are read; when one already gives an answer the
        reader is this sure of (a margin of ``STOP_MARGIN`` over "no answer"), the rest
        are not read (each window is read alone, so stopping changes nothing already
        read; docs/quality.md measures what it costs and saves). A wire's flash (a
        headline alone) does not stop the reading: the story under it says more.
        """
        passages = retrieved.passages[: self.settings.read_passages]
        if not passages:
            return Reading(None, (), 0.0)
        started = time.perf_counter()
        candidates = self._candidates(question, passages[:READ_FIRST])
        decided = any(c.margin >= STOP_MARGIN and not c.passage.flash for c in candidates)
        unread = tuple(passages[READ_FIRST:]) if decided else ()
        if len(passages) > READ_FIRST and not decided:
            candidates += self._candidates(question, passages[READ_FIRST:])
        timings["read_ms"] = (time.perf_counter() - started) * 1000
        timings["read_windows"] = float(
            min(len(passages), READ_FIRST) if decided else len(passages)
        )
        if not candidates:
            return Reading(None, (), 0.0)
        started = time.perf_counter()
        best = choose(question, candidates)
        best, earlier = self._latest(question, best, candidates, retrieved.recency)
        timings["choice_ms"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        confidence = confidence_of(question, best, candidates)
        timings["confidence_ms"] = (time.perf_counter() - started) * 1000
        return Reading(best, candidates, confidence, earlier, unread, question)

    def _candidates(self, question: str, passages: Sequence[Passage]) -> tuple[Candidate, ...]:
        readings = self.reader.read(question, [p.text for p in passages])
        found = (candidate_of(p, r) for p, r in zip(passages, readings, strict=True))
        return tuple(c for c in found if c is not None)

    def _latest(
        self, question: str, best: Candidate, candidates: tuple[Candidate, ...], recency: bool
    ) -> tuple[Candidate, Candidate | None]:
        """The newest of conflicting dated reports, and the one it replaces (latest.py)."""
        reports = [_report(n, c) for n, c in enumerate(candidates)]
        dated = [r for r in reports if r is not None]
        index = next(n for n, c in enumerate(candidates) if c.passage is best.passage)
        mine = _report(index, best)  # the chosen span (it may be a runner-up of its passage)
        if mine is None or len(dated) < 2:
            return best, None
        chosen, earlier = latest_report(question, mine, dated, recency)
        winner = best if chosen is mine else candidates[chosen.index]
        return winner, candidates[earlier.index] if earlier else None

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
