"""Scores per question and in total: retrieval hits, citations, SQuAD EM/F1, abstention.

Short answers are scored with the official SQuAD normalisation (lower case, no
punctuation, no articles, white space folded).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.evaluation.datasets import QAItem
from assistant.records import Answer, Citation, Passage
from assistant.text.question import analyse
from assistant.text.terms import normalize_answer as normalize  # the official SQuAD one
from assistant.text.time_scope import read_time

KS = (1, 3, 5, 10)


def exact_match(prediction: str, golds: Sequence[str]) -> float:
    return float(any(normalize(prediction) == normalize(g) for g in golds))


def f1(prediction: str, golds: Sequence[str]) -> float:
    """Token F1 against the best gold answer."""
    best = 0.0
    predicted = normalize(prediction).split()
    for gold in golds:
        expected = normalize(gold).split()
        common = Counter(predicted) & Counter(expected)
        same = sum(common.values())
        if same == 0:
            continue
        precision, recall = same / len(predicted), same / len(expected)
        best = max(best, 2 * precision * recall / (precision + recall))
    return best


def contains_answer(text: str, golds: Sequence[str]) -> bool:
    """Whether ``text`` holds a gold answer (normalised, on word boundaries)."""
    haystack = f" {normalize(text)} "
    return any(normalize(g) and f" {normalize(g)} " in haystack for g in golds)


def holds_answer(
    passage_article: str, passage_text: str, item: QAItem, also: Iterable[str] = ()
) -> bool:
    """A passage counts when it holds a gold answer and comes from the gold article (if the
    set names one): that article, a duplicate the set lists, or the copy of its story that
    retrieval kept (``also``: the ids of the story's other publications)."""
    gold = item.gold_articles
    if gold and passage_article not in gold and gold.isdisjoint(also):
        return False
    return contains_answer(passage_text, item.answers)


def _reprints(found: Passage | Citation) -> tuple[str, ...]:
    return tuple(r.article_id for r in found.also)


@dataclass(frozen=True)
class ItemResult:
    """One question's outcome."""

    id: str
    question: str
    qtype: str
    answerable: bool
    gold: tuple[str, ...]
    prediction: str
    abstained: bool
    confidence: float
    hit_rank: int  # 1-based rank of the first retrieved passage holding an answer; 0: none
    cited: bool  # a cited passage holds an answer
    sentence: bool  # the highlighted sentence holds an answer
    grounded: bool  # the short answer is a verbatim span of a cited passage
    em: float
    f1: float
    timings: dict[str, float] = field(default_factory=dict)
    range_ok: bool | None = None  # the time set: the range read from the question is right
    kind: str = ""  # the time set's kind of question (window, latest, as_of, changed, control)


def score_item(item: QAItem, answer: Answer, passages: Sequence[Passage]) -> ItemResult:
    rank = next(
        (
            i
            for i, p in enumerate(passages, start=1)
            if holds_answer(p.article_id, p.text, item, _reprints(p))
        ),
        0,
    )
    cited = any(holds_answer(c.article_id, c.text, item, _reprints(c)) for c in answer.citations)
    first = answer.citations[0] if answer.citations else None
    sentence = bool(
        first
        and not answer.abstained
        and holds_answer(first.article_id, first.quote, item, _reprints(first))
    )
    prediction = "" if answer.abstained else answer.short_answer
    grounded = bool(prediction) and any(prediction in c.text for c in answer.citations)
    return ItemResult(
        id=item.id,
        question=item.question,
        qtype=analyse(item.question).qtype.value,
        answerable=item.answerable,
        gold=item.answers,
        prediction=prediction,
        abstained=answer.abstained,
        confidence=answer.confidence,
        hit_rank=rank,
        cited=cited,
        sentence=sentence,
        grounded=grounded,
        em=exact_match(prediction, item.answers) if item.answerable else 0.0,
        f1=f1(prediction, item.answers) if item.answerable else 0.0,
        timings=dict(answer.timings),
        range_ok=range_read_right(item),
        kind=item.kind,
    )


def range_read_right(item: QAItem) -> bool | None:
    """Whether the question's time words were read as the range the set expects (None
    when the set gives none): the parse alone, at the item's reference day."""
    if item.expected_range is None or item.reference is None:
        return None
    reference = dt.date.fromisoformat(item.reference)
    scope = read_time(item.question, reference).scope
    bounds: tuple[str | None, str | None] = (None, None)
    if scope is not None and scope.bounded:
        bounds = (
            scope.start.isoformat() if scope.start else None,
            scope.end.isoformat() if scope.end else None,
        )
    return bounds == tuple(item.expected_range)


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return round(float(np.mean(values)), 4) if values else None


def summarise(results: Sequence[ItemResult]) -> dict[str, Any]:
    """The metrics of ``results`` (retrieval and answer metrics over answerable items)."""
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    answered = [r for r in results if not r.abstained]
    abstained = [r for r in results if r.abstained]
    summary: dict[str, Any] = {"n": len(results), "n_answerable": len(answerable)}
    for k in KS:
        summary[f"hit@{k}"] = _mean(1.0 if 0 < r.hit_rank <= k else 0.0 for r in answerable)
    summary["mrr"] = _mean(1.0 / r.hit_rank if 0 < r.hit_rank <= 10 else 0.0 for r in answerable)
    summary["citation_accuracy"] = _mean(float(r.cited) for r in answerable)
    summary["em"] = _mean(r.em for r in answerable)
    summary["f1"] = _mean(r.f1 for r in answerable)
    summary["sentence_accuracy"] = _mean(float(r.sentence) for r in answerable)
    summary["grounded"] = _mean(float(r.grounded) for r in answered)
    correct_abstentions = sum(1 for r in abstained if not r.answerable)
    summary["abstention_precision"] = (
        round(correct_abstentions / len(abstained), 4) if abstained and unanswerable else None
    )
    summary["abstention_recall"] = (
        round(correct_abstentions / len(unanswerable), 4) if unanswerable else None
    )
    summary["answered_rate"] = _mean(0.0 if r.abstained else 1.0 for r in answerable)
    ranged = [r for r in results if r.range_ok is not None]
    summary["range_accuracy"] = _mean(float(bool(r.range_ok)) for r in ranged)
    stages: dict[str, list[float]] = defaultdict(list)
    for r in results:
        for stage, ms in r.timings.items():
            stages[stage.removesuffix("_ms")].append(ms)
    summary["latency_ms"] = {
        stage: {
            "p50": round(float(np.percentile(v, 50)), 2),
            "p95": round(float(np.percentile(v, 95)), 2),
        }
        for stage, v in sorted(stages.items())
    }
    return summary


def by_type(results: Sequence[ItemResult]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for r in results:
        groups[r.qtype].append(r)
    keep = ("n", "hit@1", "hit@5", "citation_accuracy", "sentence_accuracy", "em", "f1",
            "answered_rate", "abstention_recall")  # fmt: skip
    return {
        qtype: {k: v for k, v in summarise(rs).items() if k in keep}
        for qtype, rs in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    }


@dataclass
class RunResult:
    """One retrieval mode's run over the items."""

    mode: str
    results: list[ItemResult]
    seconds: float

    def summary(self) -> dict[str, Any]:
        return summarise(self.results)
