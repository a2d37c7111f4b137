"""Fit how the answer is chosen, how sure it is, and when to stop reading, on dev only.

    python benchmarks/tune_answering.py collect full /tmp/ans-full.pkl
    python benchmarks/tune_answering.py collect articles /tmp/ans-articles.pkl   # 30% articles out
    python benchmarks/tune_answering.py collect paragraphs /tmp/ans-paragraphs.pkl  # 30% paras
    python benchmarks/tune_answering.py collect news /tmp/ans-news.pkl --index-dir /tmp/news-index
    python benchmarks/tune_answering.py fit /tmp/ans-{full,articles,paragraphs,news}.pkl

``collect`` builds the index ``assistant eval --ingest`` would build for a SQuAD leave-out
(none, 30% of the articles, 30% of the paragraphs), or uses an index of all of Reuters +
BBC for ``news`` (``tests/eval/news.jsonl``, with its unanswerable questions), asks every
dev question and every third test question through the product's own retrieval, and
reads the first ``MAX_READ`` windows exactly as the product reads them (neighbouring
chunks joined, whole paragraphs: ``Assistant.reading_windows``), keeping every window's
best spans and "no answer" score. Each window is read alone, so reading fewer of them
later is a replay, not a new run. ``fit`` then, on the dev split only (SQuAD: every
second title; news: the set's ``split``):

1. the span-choice weights (``choice.W_RANK``, ``W_RETRIEVAL``, ``W_AGREE``) by the F1
   of the chosen span (names for "who" included), over a grid;
2. ``choice.CONFIDENCE_WEIGHTS`` / ``CONFIDENCE_BIAS``, a logistic regression of "the
   index holds the answer" on ``choice.confidence_features`` over the dev questions of
   every index;
3. ``Settings.abstain_below``: the most same-topic declines (30% of paragraphs out) that
   keep answered >= 0.93 on the full index and article-absent declines >= 0.95;
4. ``answerer.STOP_MARGIN``: the lowest that costs at most ``STOP_COST`` dev F1;

and prints every figure on dev and on the held-out test split. Paste the printed values
into ``assistant/answering/choice.py``, ``answerer.py`` and ``assistant/config.py``.
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

from assistant.answering import choice
from assistant.answering.answerer import shared_reader
from assistant.answering.candidates import Candidate, candidate_of, sentence_around
from assistant.config import Settings
from assistant.evaluation.datasets import (
    QAItem,
    left_out_groups,
    left_out_paragraphs,
    load_items,
    load_squad,
    without_answers,
)
from assistant.evaluation.metrics import contains_answer, f1
from assistant.evaluation.runner import build_squad_index
from assistant.facade import Assistant

MAX_READ = 5
READ_FIRST = 2
SHARE = 0.3
L2 = 1e-2
STOP_COST = 0.003  # dev F1 the early stop may cost
NEWS = Path(__file__).resolve().parents[1] / "tests" / "eval" / "news.jsonl"
GRID_RANK = (0.0, 2.0, 4.0, 8.0)
GRID_RETRIEVAL = (0.0, 4.0, 8.0, 16.0)
GRID_AGREE = (0.0, 1.0, 2.0, 4.0)
STOPS = (4.0, 6.0, 8.0, 10.0, 12.0, 14.0, float("inf"))


@dataclass(frozen=True)
class Read:
    """One question's read windows: each one's candidate (best span and runners-up)."""

    item: QAItem
    index: str  # full, articles, paragraphs or news
    dev: bool
    candidates: tuple[Candidate | None, ...]  # per window, in retrieval order
    ms: tuple[float, ...]  # the reader's time per window


def _squad_items(kind: str) -> tuple[list[QAItem], set[str], frozenset[str]]:
    items = load_squad(tune_data.SQUAD)
    groups: set[str] = set()
    docs: frozenset[str] = frozenset()
    if kind == "articles":
        groups = left_out_groups(items, SHARE)
        items = [without_answers(i) if i.group in groups else i for i in items]
    elif kind == "paragraphs":
        docs = frozenset(left_out_paragraphs(items, SHARE))
        items = [without_answers(i) if i.doc_id in docs else i for i in items]
    return items, groups, docs


def collect(kind: str, out: Path, index_dir: Path | None) -> None:
    if kind == "news":
        items = load_items(NEWS)
        settings = Settings.from_env(index_dir=index_dir)
        dev_of = {i.id: i.split == "dev" for i in items}
    else:
        items, groups, docs = _squad_items(kind)
        dev_titles, _ = tune_data.split(items)
        items = [i for n, i in enumerate(items) if i.group in dev_titles or n % 3 == 0]
        dev_of = {i.id: i.group in dev_titles for i in items}
        settings = build_squad_index(tune_data.SQUAD, Settings.from_env(), groups, docs)
    assistant = Assistant(settings)
    assistant.warm_up()
    reader = shared_reader(settings.reader_dir)
    reads, started = [], time.perf_counter()
    for number, item in enumerate(items):
        windows = assistant.reading_windows(item.question)[:MAX_READ]
        found, ms = [], []
        for window in windows:
            began = time.perf_counter()
            [reading] = reader.read(item.question, [window.text])
            ms.append(1000 * (time.perf_counter() - began))
            found.append(candidate_of(window, reading))
        reads.append(Read(item, kind, dev_of[item.id], tuple(found), tuple(ms)))
        if number % 200 == 0:
            print(f"{kind}: {number}/{len(items)} in {time.perf_counter() - started:.0f} s")
    out.write_bytes(pickle.dumps(reads))
    print(f"wrote {out}: {len(reads)} questions")


# -- replaying the product's choice ---------------------------------------------------


def read_windows(read: Read, stop: float) -> tuple[Candidate, ...]:
    """The candidates the product sees with early stopping at ``stop``."""
    first = [c for c in read.candidates[:READ_FIRST] if c is not None]
    if any(c.margin >= stop for c in first):
        return tuple(first)
    return tuple(c for c in read.candidates if c is not None)


def chosen(read: Read, stop: float = float("inf")) -> Candidate | None:
    found = read_windows(read, stop)
    return choice.choose(read.item.question, found) if found else None


def span_f1(reads: list[Read], stop: float = float("inf")) -> float:
    scores = []
    for read in reads:
        best = chosen(read, stop)
        scores.append(f1(best.text, read.item.answers) if best else 0.0)
    return float(np.mean(scores)) if scores else 0.0


def fit_choice(dev: list[Read]) -> None:
    best = (-1.0, 0.0, 0.0, 0.0)
    for a, b, c in itertools.product(GRID_RANK, GRID_RETRIEVAL, GRID_AGREE):
        choice.W_RANK, choice.W_RETRIEVAL, choice.W_AGREE = a, b, c
        best = max(best, (span_f1(dev), a, b, c))
    _, choice.W_RANK, choice.W_RETRIEVAL, choice.W_AGREE = best
    print(f"W_RANK = {choice.W_RANK}, W_RETRIEVAL = {choice.W_RETRIEVAL}, "
          f"W_AGREE = {choice.W_AGREE} (dev span f1 {best[0]:.4f})")  # fmt: skip


_CONFIDENCE: dict[tuple[int, float], float] = {}  # (id of the read, stop) -> confidence


def confidence(read: Read, stop: float) -> float:
    """The product's confidence for ``read`` (cached: the weights change only in the fit)."""
    key = (id(read), stop)
    if key not in _CONFIDENCE:
        found = read_windows(read, stop)
        best = chosen(read, stop)
        _CONFIDENCE[key] = choice.confidence_of(read.item.question, best, found) if best else 0.0
    return _CONFIDENCE[key]


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


def fit_confidence(dev: list[Read]) -> None:
    x, y = [], []
    for read in dev:
        found = read_windows(read, float("inf"))
        best = chosen(read)
        if best is not None:
            x.append(choice.confidence_features(read.item.question, best, found))
            y.append(1.0 if read.item.answerable else 0.0)
    choice.CONFIDENCE_WEIGHTS, choice.CONFIDENCE_BIAS = logistic(np.array(x), np.array(y))
    _CONFIDENCE.clear()
    print(f"CONFIDENCE_WEIGHTS = np.array({np.round(choice.CONFIDENCE_WEIGHTS, 4).tolist()})")
    print(f"CONFIDENCE_BIAS = {choice.CONFIDENCE_BIAS:.4f}")


def rates(reads: list[Read], threshold: float, stop: float) -> dict[str, float]:
    answerable = [r for r in reads if r.item.answerable]
    unanswerable = [r for r in reads if not r.item.answerable]
    conf = {id(r): confidence(r, stop) for r in reads}
    return {
        "answered": np.mean([conf[id(r)] >= threshold for r in answerable]) if answerable else 1,
        "declined": np.mean([conf[id(r)] < threshold for r in unanswerable])
        if unanswerable else float("nan"),
    }  # fmt: skip


def fit_threshold(dev: dict[str, list[Read]]) -> float:
    best_t, best_recall = 0.5, -1.0
    for t in np.arange(0.05, 0.96, 0.01):
        full = rates(dev["full"], t, float("inf"))
        articles = rates(dev["articles"], t, float("inf"))
        paragraphs = rates(dev["paragraphs"], t, float("inf"))
        ok = full["answered"] >= 0.93 and articles["declined"] >= 0.95
        if ok and paragraphs["declined"] > best_recall:
            best_t, best_recall = float(t), paragraphs["declined"]
    print(f"abstain_below = {best_t:.2f}")
    return best_t


def fit_stop(dev: list[Read]) -> float:
    full = span_f1(dev)
    for stop in STOPS:
        cost = full - span_f1(dev, stop)
        read = np.mean([len(read_windows(r, stop)) for r in dev])
        print(f"stop margin {stop}: dev f1 cost {cost:.4f}, windows read {read:.2f}")
        if cost <= STOP_COST:
            print(f"STOP_MARGIN = {stop}")
            return stop
    return float("inf")


def report(name: str, reads: list[Read], threshold: float, stop: float) -> None:
    answerable = [r for r in reads if r.item.answerable]
    conf = {id(r): confidence(r, stop) for r in reads}
    scores, sentences = [], []
    for read in answerable:
        best = chosen(read, stop)
        kept = best is not None and conf[id(read)] >= threshold
        scores.append(f1(best.text, read.item.answers) if kept and best else 0.0)
        quote = sentence_around(best.passage, best.start, best.end)[0] if best else ""
        sentences.append(kept and contains_answer(quote, read.item.answers))
    m = rates(reads, threshold, stop)
    ms = [sum(r.ms[: len(read_windows(r, stop))]) for r in reads]
    print(f"{name:<18} n {len(reads):>5}  f1 {np.mean(scores):.3f}  sentence "
          f"{np.mean(sentences):.3f}  answered {m['answered']:.3f}  declined "
          f"{m['declined']:.3f}  reader ms p50 {np.median(ms):.0f}")  # fmt: skip


def fit(paths: list[Path]) -> None:
    reads: dict[str, list[Read]] = {}
    for path in paths:
        loaded: list[Read] = pickle.loads(path.read_bytes())
        reads[loaded[0].index] = loaded
    dev = {k: [r for r in v if r.dev] for k, v in reads.items()}
    test = {k: [r for r in v if not r.dev] for k, v in reads.items()}
    answerable_dev = [r for k in ("full", "news") for r in dev.get(k, []) if r.item.answerable]
    fit_choice(answerable_dev)
    fit_confidence([r for v in dev.values() for r in v])
    threshold = fit_threshold(dev)
    stop = fit_stop(answerable_dev)
    for split, parts in (("dev", dev), ("test", test)):
        for kind, part in parts.items():
            report(f"{split} {kind}", part, threshold, stop)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    c = sub.add_parser("collect")
    c.add_argument("kind", choices=["full", "articles", "paragraphs", "news"])
    c.add_argument("out", type=Path)
    c.add_argument("--index-dir", type=Path, help="the Reuters + BBC index, for news")
    f = sub.add_parser("fit")
    f.add_argument("caches", type=Path, nargs="+")
    args = parser.parse_args()
    if args.step == "collect":
        collect(args.kind, args.out, args.index_dir)
    else:
        fit(args.caches)


if __name__ == "__main__":
    main()
