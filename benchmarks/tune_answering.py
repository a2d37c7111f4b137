"""Fit how the answer span is chosen and when to abstain, on the dev split only.

    python benchmarks/tune_answering.py collect full /tmp/ans-full.pkl
    python benchmarks/tune_answering.py collect articles /tmp/ans-articles.pkl   # 30% articles out
    python benchmarks/tune_answering.py collect paragraphs /tmp/ans-paragraphs.pkl  # 30% paras
    python benchmarks/tune_answering.py fit /tmp/ans-{full,articles,paragraphs}.pkl

``collect`` builds the index ``assistant eval --ingest`` would build for that leave-out
(none, 30% of the articles, 30% of the paragraphs), asks every question through the
product's own retrieval, and runs the shipped reader once over the ``MAX_READ`` best
passages; it keeps each passage's ranking scores and its best spans. ``fit`` then, on
the dev split (docs/quality.md) and only there:

1. chooses how many passages to read and the span-choice weights (``answering.W_RANK``,
   ``W_RETRIEVAL``) by the F1 of the chosen span, over a grid;
2. fits ``answering.CONFIDENCE_WEIGHTS`` / ``CONFIDENCE_BIAS``, a logistic regression of
   "the question's paragraph is in the index" on ``answering.confidence_features``, over
   the dev questions of all three indexes;
3. picks ``Settings.abstain_below``: the highest paragraph-level abstention recall that
   keeps answered >= 0.965 on the full and article-level indexes and >= 0.93 on the
   paragraph-level one;

and prints the figures on dev and on the held-out test split. Paste the printed values
into ``assistant/answering/answerer.py`` and ``assistant/config.py``, then measure with
``assistant eval`` (docs/quality.md).
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tune_data

from assistant import answering
from assistant.answering.answerer import Candidate, Reading, confidence_features
from assistant.config import Settings
from assistant.evaluation.datasets import (
    QAItem,
    left_out_groups,
    left_out_paragraphs,
    load_squad,
    without_answers,
)
from assistant.evaluation.metrics import contains_answer, f1
from assistant.evaluation.runner import build_squad_index
from assistant.facade import Assistant
from assistant.records import Citation, Passage

MAX_READ = 6
SHARE = 0.3
L2 = 1e-2
TARGETS = {"full": 0.965, "articles": 0.965, "paragraphs": 0.93}  # answered, with a margin


@dataclass(frozen=True)
class Read:
    """One question's retrieved passages and the reader's best span in each."""

    item: QAItem
    index: str  # full, articles or paragraphs
    candidates: tuple[Candidate | None, ...]  # per passage, in retrieval order
    seconds: tuple[float, ...]  # reader time for the first 1..MAX_READ passages, one sample


def collect(kind: str, out: Path) -> None:
    items = load_squad(tune_data.SQUAD)
    groups: set[str] = set()
    docs: frozenset[str] = frozenset()
    if kind == "articles":
        groups = left_out_groups(items, SHARE)
        items = [without_answers(i) if i.group in groups else i for i in items]
    elif kind == "paragraphs":
        docs = frozenset(left_out_paragraphs(items, SHARE))
        items = [without_answers(i) if i.doc_id in docs else i for i in items]
    dev, _ = tune_data.split(items)
    # only dev is fitted on; every third test question shows how the fit carries over
    items = [i for n, i in enumerate(items) if i.group in dev or n % 3 == 0]
    settings = build_squad_index(tune_data.SQUAD, Settings.from_env(), groups, docs)
    assistant = Assistant(settings)
    assistant.warm_up()
    reader = answering.shared_reader(settings.reader_dir)
    reads = []
    started = time.perf_counter()
    for number, item in enumerate(items):
        passages = assistant.retriever.retrieve(item.question).passages[:MAX_READ]
        readings = reader.read(item.question, [p.text for p in passages])
        found = tuple(answering._candidate(p, r) for p, r in zip(passages, readings, strict=True))
        seconds: tuple[float, ...] = ()
        if number % 50 == 0:  # the reader's time for 1..MAX_READ passages, now and then
            seconds = tuple(_timed(reader, item.question, passages[:n]) for n in range(1, 7))
        reads.append(Read(item, kind, found, seconds))
        if number % 200 == 0:
            print(f"{kind}: {number}/{len(items)} in {time.perf_counter() - started:.0f} s")
    out.write_bytes(pickle.dumps(reads))
    print(f"wrote {out}: {len(reads)} questions")


def _timed(reader: answering.SpanReader, question: str, passages: list[Passage]) -> float:
    started = time.perf_counter()
    reader.read(question, [p.text for p in passages])
    return time.perf_counter() - started


# -- choosing the span -------------------------------------------------------------------


def choose(read: Read, n: int, w_rank: float, w_retrieval: float) -> Candidate | None:
    found = [c for c in read.candidates[:n] if c is not None]
    if not found:
        return None
    return max(
        found,
        key=lambda c: c.margin + w_rank / max(1, c.passage.rank) + w_retrieval * c.passage.score,
    )


def span_f1(reads: list[Read], n: int, w_rank: float, w_retrieval: float) -> float:
    scores = []
    for read in reads:
        best = choose(read, n, w_rank, w_retrieval)
        scores.append(f1(best.text, read.item.answers) if best else 0.0)
    return float(np.mean(scores))


GRID_RANK = (0.0, 1.0, 2.0, 4.0, 6.0, 8.0, 12.0)
GRID_RETRIEVAL = (0.0, 1.0, 2.0, 4.0, 8.0, 16.0)


def fit_choice(dev: list[Read]) -> tuple[int, float, float]:
    print("passages read | best dev f1 | w_rank | w_retrieval | reader ms (p50)")
    best: tuple[float, int, float, float] = (-1.0, 1, 0.0, 0.0)
    timed = [r.seconds for r in dev if r.seconds]
    for n in range(1, MAX_READ + 1):
        score, w_rank, w_ret = max(
            (span_f1(dev, n, a, b), a, b) for a, b in itertools.product(GRID_RANK, GRID_RETRIEVAL)
        )
        ms = 1000 * float(np.median([s[n - 1] for s in timed])) if timed else float("nan")
        print(f"{n:>13} | {score:.4f}      | {w_rank:>6} | {w_ret:>11} | {ms:.0f}")
        best = max(best, (score - 0.002 * n, n, w_rank, w_ret))  # a passage must earn its cost
    _, n, w_rank, w_ret = best
    return n, w_rank, w_ret


# -- confidence ------------------------------------------------------------------------------


def rows(reads: list[Read], n: int, w_rank: float, w_ret: float) -> tuple[np.ndarray, np.ndarray]:
    x, y = [], []
    for read in reads:
        best = choose(read, n, w_rank, w_ret)
        found = tuple(c for c in read.candidates[:n] if c is not None)
        if best is None:
            continue
        x.append(confidence_features(best, found))
        y.append(1.0 if read.item.answerable else 0.0)
    return np.array(x), np.array(y)


def logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Newton's method on the L2-penalised log-likelihood; features standardised inside."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + L2 * np.r_[0, w[1:]] * len(y)
        hess = (z * (p * (1 - p))[:, None]).T @ z + L2 * len(y) * np.diag(
            np.r_[0, np.ones(len(w) - 1)]
        )
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = w[1:] / scale
    return weights, float(w[0] - weights @ mean)


def metrics(reads: list[Read], conf: dict[int, float], threshold: float) -> dict[str, float]:
    answerable = [r for r in reads if r.item.answerable]
    unanswerable = [r for r in reads if not r.item.answerable]
    answered = [r for r in answerable if conf.get(id(r), 0.0) >= threshold]
    declined = [r for r in unanswerable if conf.get(id(r), 0.0) < threshold]
    return {
        "answered": len(answered) / max(1, len(answerable)),
        "recall": len(declined) / len(unanswerable) if unanswerable else float("nan"),
    }


def report(name: str, reads: list[Read], n: int, w_rank: float, w_ret: float, t: float) -> None:
    conf = {id(r): _confidence(r, n, w_rank, w_ret) for r in reads}
    answerable = [r for r in reads if r.item.answerable]
    chosen = [(r, choose(r, n, w_rank, w_ret)) for r in answerable]
    kept = [(r, c) for r, c in chosen if conf[id(r)] >= t]
    f1s = [f1(c.text, r.item.answers) if c and conf[id(r)] >= t else 0.0 for r, c in chosen]
    sentence = [
        c is not None and conf[id(r)] >= t and c.passage.article_id == r.item.doc_id
        and contains_answer(answering.sentence_around(c.passage, c.start, c.end)[0], r.item.answers)
        for r, c in chosen
    ]  # fmt: skip
    m = metrics(reads, conf, t)
    cited = [
        any(_holds(c, r) for c in _cited(r, n, w_rank, w_ret, abstained=conf[id(r)] < t))
        for r in answerable
    ]
    print(f"{name:<22} n {len(reads):>5}  f1 {np.mean(f1s):.3f}  sentence {np.mean(sentence):.3f}"
          f"  citation {np.mean(cited):.3f}  answered {m['answered']:.3f}"
          f"  abstention recall {m['recall']:.3f}  (kept {len(kept)})")  # fmt: skip


def _holds(citation: Citation, read: Read) -> bool:
    return citation.article_id == read.item.doc_id and contains_answer(
        citation.text, read.item.answers
    )


def _cited(
    read: Read, n: int, w_rank: float, w_ret: float, abstained: bool, limit: int = 3
) -> tuple[Citation, ...]:
    """The citations the product would show (``answering.citations_for``)."""
    best = choose(read, n, w_rank, w_ret)
    candidates = tuple(c for c in read.candidates[:n] if c)
    return answering.citations_for(Reading(best, candidates, 0.0), limit, abstained)


def _confidence(read: Read, n: int, w_rank: float, w_ret: float) -> float:
    best = choose(read, n, w_rank, w_ret)
    found = tuple(c for c in read.candidates[:n] if c is not None)
    return answering.confidence_of(best, found) if best else 0.0


def fit(paths: list[Path], read: int | None = None) -> None:
    reads: dict[str, list[Read]] = {}
    for path in paths:
        loaded: list[Read] = pickle.loads(path.read_bytes())
        reads[loaded[0].index] = loaded
    dev_titles, _ = tune_data.split([r.item for r in reads["full"]])
    dev = {k: [r for r in v if r.item.group in dev_titles] for k, v in reads.items()}
    test = {k: [r for r in v if r.item.group not in dev_titles] for k, v in reads.items()}

    n, w_rank, w_ret = fit_choice([r for r in dev["full"] if r.item.answerable])
    if read:  # chosen for another reason (citations): the weights that read best with it
        n = read
        _, w_rank, w_ret = max(
            (span_f1(dev["full"], n, a, b), a, b)
            for a, b in itertools.product(GRID_RANK, GRID_RETRIEVAL)
        )
    print(f"\nread {n} passages, W_RANK = {w_rank}, W_RETRIEVAL = {w_ret}")
    answering.W_RANK, answering.W_RETRIEVAL = w_rank, w_ret

    x, y = rows([r for v in dev.values() for r in v], n, w_rank, w_ret)
    weights, bias = logistic(x, y)
    answering.CONFIDENCE_WEIGHTS, answering.CONFIDENCE_BIAS = weights, bias
    print(f"CONFIDENCE_WEIGHTS = np.array({np.round(weights, 4).tolist()})")
    print(f"CONFIDENCE_BIAS = {bias:.4f}")

    confs = {k: {id(r): _confidence(r, n, w_rank, w_ret) for r in v} for k, v in dev.items()}
    best_t, best_recall = 0.5, -1.0
    for t in np.arange(0.05, 0.96, 0.01):
        m = {k: metrics(dev[k], confs[k], t) for k in dev}
        if (
            all(m[k]["answered"] >= TARGETS[k] for k in m)
            and m["paragraphs"]["recall"] > best_recall
        ):
            best_t, best_recall = float(t), m["paragraphs"]["recall"]
    print(f"abstain_below = {best_t:.2f}\n")
    calibration(dev, n, w_rank, w_ret)
    for split, parts in (("dev", dev), ("test", test)):
        for kind, part in parts.items():
            if part:
                report(f"{split} {kind}", part, n, w_rank, w_ret, best_t)


def calibration(dev: dict[str, list[Read]], n: int, w_rank: float, w_ret: float) -> None:
    """Predicted confidence against the observed share answerable, in bins (dev, pooled)."""
    pooled = [r for v in dev.values() for r in v]
    conf = np.array([_confidence(r, n, w_rank, w_ret) for r in pooled])
    truth = np.array([r.item.answerable for r in pooled], dtype=float)
    print("confidence bin | questions | mean confidence | share answerable")
    for low in np.arange(0, 1, 0.1):
        inside = (conf >= low) & (conf < low + 0.1 + (1e-9 if low >= 0.9 else 0))
        if inside.any():
            mean, share = conf[inside].mean(), truth[inside].mean()
            print(f"{low:.1f}-{low + 0.1:.1f}        | {inside.sum():>9} | {mean:.3f}"
                  f"           | {share:.3f}")  # fmt: skip
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    c = sub.add_parser("collect")
    c.add_argument("kind", choices=["full", "articles", "paragraphs"])
    c.add_argument("out", type=Path)
    f = sub.add_parser("fit")
    f.add_argument("caches", type=Path, nargs=3)
    f.add_argument("--read", type=int, help="passages to read (default: chosen by dev f1)")
    args = parser.parse_args()
    if args.step == "collect":
        collect(args.kind, args.out)
    else:
        fit(args.caches, args.read)


if __name__ == "__main__":
    main()
