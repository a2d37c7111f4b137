"""Which span answers, and how surely: the span choice and the confidence model.

The answer is the candidate with the best ``choice_score``: the reader's margin over "no
answer", a prior on the passage's retrieval rank and score, and the support of other
passages giving the same answer (answers several passages give are scored together). A
"who" question answered by a description takes the name the passages give in that role
instead (``names``).
``confidence`` is a logistic regression of reader and retrieval signals, and of whether
the answer's sentence says what the question asks about (its key words); every weight is
fitted on the dev split (benchmarks/tune_answering.py).
"""

from __future__ import annotations

import math

import numpy as np

from assistant.answering.candidates import (
    Candidate,
    counted_named,
    coverage,
    sentence_around,
)
from assistant.answering.names import named_answer
from assistant.answering.referents import resolved
from assistant.text.terms import normalize_answer as normalize

# Span choice: margin + W_RANK / rank + W_RETRIEVAL x retrieval score + W_AGREE x others.
W_RANK = 2.0
W_RETRIEVAL = 8.0
W_AGREE = 1.0
# Confidence: logistic regression on ``confidence_features``.
CONFIDENCE_WEIGHTS = np.array(
    [0.1028, 0.1028, 1.0949, 1.8919, 0.5891, 0.047, 1.1295, 0.5823, 0.1822]
)
CONFIDENCE_BIAS = -3.6784
# An answer whose sentence calls its actor "it" with no name found before: less sure.
UNRESOLVED = 0.85


def agreeing(best: Candidate, candidates: tuple[Candidate, ...]) -> int:
    """How many other read passages give the same answer."""
    key = normalize(best.text)
    return sum(1 for c in candidates if c is not best and normalize(c.text) == key)


def choice_score(candidate: Candidate, candidates: tuple[Candidate, ...] = ()) -> float:
    """How much the candidate deserves to be the answer (higher is better)."""
    passage = candidate.passage
    prior = W_RANK / max(1, passage.rank) + W_RETRIEVAL * passage.score
    return candidate.margin + prior + W_AGREE * agreeing(candidate, candidates)


def choose(question: str, candidates: tuple[Candidate, ...]) -> Candidate:
    """The answer among the read passages' candidates (a name where "who" asks for one,
    the actor's name where the answering sentence calls it "it")."""
    best = max(candidates, key=lambda c: choice_score(c, candidates))
    return resolved(question, named_answer(question, best, candidates))


def confidence_features(
    question: str, best: Candidate, candidates: tuple[Candidate, ...]
) -> np.ndarray:
    """Evidence that the passages hold the answer at all: the reader's margins, the
    retrieval's scores, agreement between passages, and whether the answer's sentence (and
    passage, with its headline: a wire notice names its company only there) carry the
    question's key words, and whether the count counts what was asked
    (civilians, not assailants)."""
    sentence, first, _ = sentence_around(best.passage, best.start, best.evidence_end or best.end)
    return np.array(
        [
            best.margin,
            max(c.margin for c in candidates),
            best.passage.dense or 0.0,
            best.passage.score,
            1.0 / max(1, best.passage.rank),
            float(agreeing(best, candidates)),
            coverage(question, sentence),
            coverage(question, f"{best.passage.title}\n{best.passage.text}"),
            counted_named(question, sentence, best.start - first, best.end - first),
        ]
    )


def confidence_of(question: str, best: Candidate, candidates: tuple[Candidate, ...]) -> float:
    """The fitted chance (0 to 1) that the articles answer the question."""
    features = confidence_features(question, best, candidates)
    z = CONFIDENCE_BIAS + float(CONFIDENCE_WEIGHTS @ features)
    chance = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return round(chance * (UNRESOLVED if best.unresolved else 1.0), 4)
