"""The latest of conflicting reports: "seven, according to Reuters on 3 June; AFP reported
five on 27 May".

A story told over days changes its numbers and names. When the reader finds, in
passages of different dates, confident answers that differ (a count, a name, a status)
and whose sentences are about the same thing (they carry the question's key words), the
answer is the most recent report's, and the earlier report is cited beside it. "Same
thing" is the guard: passages of other stories also give answers, and those must not
win just by being newer. The thresholds were chosen on the dev split of the time set
(docs/quality.md, "Time").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering.candidates import coverage
from assistant.text.question import analyse
from assistant.text.terms import STOPWORDS, normalize_answer, stem, words

# A report takes part only when the reader is this sure of its span (margin over "no
# answer"), and its sentence carries this share of the question's key words.
MIN_MARGIN = 2.0
MIN_TOPIC = 0.6
# ... and the two sentences share this much of their other words (beyond the question's
# and the answers'): the same event told twice, not two stories that share the topic
MIN_CONTEXT = 0.25
SAME_ANSWER = 0.5  # token F1 at which two answers say the same


@dataclass(frozen=True)
class Report:
    """One dated answer: which candidate it is, what it says, and when it was published."""

    index: int  # into the candidates
    text: str
    date: dt.date
    margin: float
    sentence: str


def _f1(one: str, other: str) -> float:
    a, b = normalize_answer(one).split(), normalize_answer(other).split()
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    return 0.0 if not common else 2 * common / (len(a) + len(b))


def _numeric(text: str) -> bool:
    return any(ch.isdigit() for ch in text) or bool(set(words(text.lower())) & _NUMBER_WORDS)


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty"
    " hundred thousand million billion dozen dozens hundreds thousands".split()
)


def topic_share(question: str, sentence: str) -> float:
    """The share of the question's key words the sentence carries (0 when it has none)."""
    return coverage(question, sentence) if analyse(question).terms else 0.0


def _context(question: str, report: Report) -> set[str]:
    """The sentence's content words but the question's and the answer's."""
    skip = set(analyse(question).terms) | {stem(w) for w in words(report.text.lower())}
    return {stem(w) for w in words(report.sentence.lower()) if w not in STOPWORDS} - skip


def same_event(question: str, one: Report, other: Report) -> bool:
    """Whether two reports' sentences tell the same event (share their other words)."""
    a, b = _context(question, one), _context(question, other)
    return bool(a and b) and len(a & b) >= MIN_CONTEXT * min(len(a), len(b))


def latest_report(
    question: str, best: Report, others: Sequence[Report], recency: bool
) -> tuple[Report, Report | None]:
    """(the report to answer with, the earlier report that said otherwise, or None).

    ``best`` is the reader's own choice. Among confident reports on the same topic whose
    answers differ from it and are of its kind (a number for a number), the newest wins
    when it is newer than ``best``; the one it replaces (or, when ``best`` is newest
    already, the latest that disagrees) is returned as the earlier report. A question
    asking for the latest (``recency``) needs no more than that; one that does not needs
    ``best`` itself to be on the topic too.
    """
    if best.margin < MIN_MARGIN or (
        not recency and topic_share(question, best.sentence) < MIN_TOPIC
    ):
        return best, None
    rivals = [
        r
        for r in others
        if r.index != best.index
        and r.date != best.date
        and r.margin >= MIN_MARGIN
        and topic_share(question, r.sentence) >= MIN_TOPIC
        and _f1(r.text, best.text) < SAME_ANSWER
        and _numeric(r.text) == _numeric(best.text)
        and same_event(question, r, best)
    ]
    if not rivals:
        return best, None
    newest = max(rivals, key=lambda r: (r.date, r.margin))
    if newest.date > best.date:
        return newest, best
    older = max((r for r in rivals if r.date < best.date), key=lambda r: r.date, default=None)
    return best, older
