"""Fit the answerer's weights on the dev split; report dev, test and all 13 articles.

    python benchmarks/tune_reader.py sentences INDEX CACHE   # evidence.WEIGHTS
    python benchmarks/tune_reader.py spans INDEX CACHE       # extraction.WEIGHTS, W_SENTENCE
    python benchmarks/tune_reader.py confidence LO_INDEX LO_CACHE  # CONFIDENCE_*, abstain_below

Both fits are conditional logistic regressions (a softmax over one question's
candidates), written with numpy and scipy. ``sentences``: over every candidate sentence
of the passages read, the target is the sentences that hold a gold answer (in the gold
article). ``spans``: over every candidate phrase of the best sentences (as the product
ranks them now), the target is each phrase's share of the phrases' summed token F1, and
the sentence's score is one more feature. ``confidence``: a plain logistic regression of
"the question's article is in the index" over an index built without the articles
``assistant eval --leave-out 0.3`` leaves out (LO_INDEX; its cache by tune_data.py), and
the threshold on dev that keeps 98.5% of the answerable questions answered. Paste the
printed weights into the product, then run ``tune_replay.py`` for the end-to-end figures.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tune_replay as replay

from assistant import answering, evidence, extraction
from assistant.evaluation import contains_answer, f1, left_out_groups
from assistant.question import analyse

L2 = 1e-3
KEEP_ANSWERED = 0.985  # the share of dev's answerable questions the threshold answers
Problem = tuple[np.ndarray, np.ndarray]  # (candidates x features, target weights)


def loss(w: np.ndarray, problems: Sequence[Problem]) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of the softmax over each problem's candidates, and its gradient."""
    total, grad = 0.0, np.zeros_like(w)
    for x, target in problems:
        s = x @ w
        p = np.exp(s - s.max())
        p /= p.sum()
        total -= float(target @ np.log(p + 1e-12))
        grad -= x.T @ (target - p)
    n = len(problems)
    return total / n + L2 * float(w @ w), grad / n + 2 * L2 * w


def fit(problems: Sequence[Problem], start: np.ndarray) -> np.ndarray:
    usable = [(x, t / t.sum()) for x, t in problems if t.sum() > 0]
    return minimize(loss, start, args=(usable,), jac=True, method="L-BFGS-B").x


def sentence_problems(cache, answerer, keyword, indices) -> list[tuple[Problem, int]]:
    """Per question: every candidate sentence's features; target: holds a gold answer."""
    out = []
    idf = keyword.idf_of
    for i in indices:
        item = cache.items[i]
        info = analyse(item.question)
        retrieved = replay.retrieved_for(cache, i, keyword, answerer.settings.candidates)
        found = evidence._sentences(info, retrieved.passages[: answering._READ_PASSAGES], idf)
        if not found:
            continue
        dense = answerer.embedder.encode_cached([s.text for s in found]) @ retrieved.query_vector
        x = np.array(
            [
                evidence.features(info, s, float(d), idf, info.terms)
                for s, d in zip(found, dense, strict=True)
            ]
        )
        target = np.array(
            [
                float(s.passage.article_id == item.doc_id and contains_answer(s.text, item.answers))
                for s in found
            ]
        )
        out.append(((x, target), i))
    return out


def span_problems(cache, answerer, keyword, indices) -> list[tuple[Problem, list[float], int]]:
    """Per question: [sentence score, phrase features] of every candidate phrase of the
    sentences the answerer parses; target: the phrase's token F1 (also returned)."""
    parser = replay.CachedParser()
    out = []
    for i in indices:
        item = cache.items[i]
        info = analyse(item.question)
        retrieved = replay.retrieved_for(cache, i, keyword, answerer.settings.candidates)
        ranked = evidence.rank_sentences(
            info,
            retrieved.query_vector,
            retrieved.passages[: answering._READ_PASSAGES],
            answerer.embedder,
            keyword.idf_of,
        )
        top = ranked[: answering._PARSE_SENTENCES]
        docs = parser([info.text, *[e.text for e in top]])
        shape = extraction.question_shape(docs[0])
        rows, scores, positive = [], [], []
        for e, doc in zip(top, docs[1:], strict=True):
            matched = extraction._matches(doc, info)
            sentence_ok = e.passage.article_id == item.doc_id and contains_answer(
                e.text, item.answers
            )
            for (start, end), label in extraction._candidates(doc).items():
                start, end = extraction._trim(doc, start, end)
                if end <= start:
                    continue
                v = extraction.span_features(doc, info, start, end, label, matched, shape)
                if v is None:
                    continue
                rows.append(np.concatenate([[e.score], v]))
                scores.append(f1(doc[start:end].text, item.answers))
                positive.append(float(sentence_ok))
        if rows:
            gold = np.array(scores)
            out.append(((np.array(rows), gold * np.array(positive)), (gold, positive), i))
    parser.save()
    return out


def confidence_problems(cache, answerer, keyword) -> tuple[np.ndarray, np.ndarray]:
    """Per question, the product's confidence features, and whether its article is indexed."""
    parser = replay.CachedParser()
    original, answering.parse = answering.parse, parser
    left_out = left_out_groups(cache.items, 0.3)
    rows, labels = [], []
    try:
        for i, item in enumerate(cache.items):
            retrieved = replay.retrieved_for(cache, i, keyword, answerer.settings.candidates)
            reading = answerer.read(item.question, retrieved, {})
            assert reading.evidence is not None
            rows.append(answering.confidence_features(reading.evidence))
            labels.append(float(item.group not in left_out))
    finally:
        answering.parse = original
        parser.save()
    return np.array(rows), np.array(labels)


def logistic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights then bias of an L2-regularised logistic regression."""
    a = np.column_stack([x, np.ones(len(x))])

    def objective(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        value = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
        penalty = np.r_[w[:-1], 0.0]
        return value + L2 * float(penalty @ penalty), a.T @ (p - y) / len(y) + 2 * L2 * penalty

    return minimize(objective, np.zeros(a.shape[1]), jac=True, method="L-BFGS-B").x


def confidence(cache, answerer, keyword, split: dict[str, list[int]]) -> None:
    x, y = confidence_problems(cache, answerer, keyword)
    dev = np.zeros(len(y), dtype=bool)
    dev[split["dev"]] = True
    w = logistic(x[dev], y[dev])
    p = 1.0 / (1.0 + np.exp(-(x @ w[:-1] + w[-1])))
    threshold = float(np.quantile(p[dev & (y == 1)], 1 - KEEP_ANSWERED))
    print("answering.CONFIDENCE_WEIGHTS =", np.round(w[:-1], 2).tolist())
    print("answering.CONFIDENCE_BIAS =", round(float(w[-1]), 2))
    print(f"Settings.abstain_below = {threshold:.2f}")
    for name, chosen in split.items():
        mask = np.zeros(len(y), dtype=bool)
        mask[chosen] = True
        answered = np.mean(p[mask & (y == 1)] >= round(threshold, 2))
        declined = np.mean(p[mask & (y == 0)] < round(threshold, 2))
        print(f"{name:<5} answered_rate {answered:.3f}  abstention_recall {declined:.3f}")


def main() -> None:
    what, index_dir, cache_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    cache, answerer, keyword = replay.load(index_dir, cache_path)
    split = replay.groups(cache)
    dev = set(split["dev"])
    np.set_printoptions(precision=2, suppress=True)
    if what == "sentences":
        problems = sentence_problems(cache, answerer, keyword, split["all"])
        train = [p for p, i in problems if i in dev]
        w = fit(train, evidence.WEIGHTS.copy())
        print("evidence.WEIGHTS =", np.round(w, 2).tolist())
        for name, chosen in split.items():
            part = [p for p, i in problems if i in set(chosen)]
            top1 = np.mean([t[int(np.argmax(x @ w))] for x, t in part])
            now = np.mean([t[int(np.argmax(x @ evidence.WEIGHTS))] for x, t in part])
            print(f"{name:<5} top sentence holds the answer: fitted {top1:.3f}, current {now:.3f}")
    elif what == "spans":
        problems = span_problems(cache, answerer, keyword, split["all"])
        start = np.concatenate([[answering.W_SENTENCE], extraction.WEIGHTS])
        w = fit([p for p, _, i in problems if i in dev], start)
        print("answering.W_SENTENCE =", round(float(w[0]), 2))
        print("extraction.FITTED = {")
        for name, value in zip(extraction.FEATURES, w[1:], strict=True):
            print(f'    "{name}": {value:.2f},')
        print("}")
        for name, chosen in split.items():
            part = [p for p in problems if p[2] in set(chosen)]
            for label, weights in (("fitted", w), ("current", start)):
                picks = [int(np.argmax(x @ weights)) for (x, _), _, _ in part]
                f1s = np.mean([g[k] for (_, (g, _), _), k in zip(part, picks, strict=True)])
                sents = np.mean([p[k] for (_, (_, p), _), k in zip(part, picks, strict=True)])
                print(f"{name:<5} {label:<8} f1 {f1s:.3f}  sentence {sents:.3f}")
    elif what == "confidence":
        confidence(cache, answerer, keyword, split)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
