"""Choose the recency bonus and the latest-report guard on the dev split only.

    python benchmarks/tune_time.py --index-dir /tmp/news-index

Over an index of all of Reuters-21578 and BBC News (``assistant ingest
../shared/data/reuters21578.jsonl ../shared/data/bbc-news.jsonl``), asks the dev
questions of ``tests/eval/news-time.jsonl`` (and, for the guard, of
``tests/eval/news.jsonl``, whose questions carry no time words but whose answers a wrong
"latest" would change) with each setting of ``retrieval.recency.WEIGHT`` /
``HALF_LIFE_DAYS`` and ``answering.latest.MIN_CONTEXT``, and prints F1 per setting on dev
and, for the chosen one, on the held-out test split. Paste the chosen values into those
modules.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.answering import latest  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.evaluation.datasets import QAItem, load_items  # noqa: E402
from assistant.evaluation.runner import evaluate  # noqa: E402
from assistant.facade import Assistant  # noqa: E402
from assistant.retrieval import recency  # noqa: E402

TIME_SET = ROOT / "tests" / "eval" / "news-time.jsonl"
NEWS_SET = ROOT / "tests" / "eval" / "news.jsonl"
WEIGHTS = (0.0, 0.05, 0.15, 0.3)
HALF_LIVES = (7.0, 30.0, 90.0)
CONTEXTS = (0.0, 0.25, 0.4, 0.6)


def f1(items: list[QAItem], assistant: Assistant) -> float:
    return float(evaluate(items, assistant).summary()["f1"] or 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, help="write the grid as JSON here")
    args = parser.parse_args()
    assistant = Assistant(Settings.from_env(index_dir=args.index_dir))
    assistant.warm_up()
    timed = load_items(TIME_SET)
    news = [i for i in load_items(NEWS_SET) if i.answerable]
    split = {s: ([i for i in timed if i.split == s], [i for i in news if i.split == s])
             for s in ("dev", "test")}  # fmt: skip
    grid: dict[str, Any] = {"recency": {}, "guard": {}}
    for weight, half in itertools.product(WEIGHTS, HALF_LIVES):
        if weight == 0.0 and half != HALF_LIVES[0]:
            continue
        recency.WEIGHT, recency.HALF_LIFE_DAYS = weight, half
        score = f1(split["dev"][0], assistant)
        grid["recency"][f"{weight}/{half}"] = score
        print(f"recency weight {weight} half-life {half}: time dev f1 {score:.4f}", flush=True)
    best = max(grid["recency"], key=lambda k: (grid["recency"][k], -float(k.split("/")[0])))
    recency.WEIGHT, recency.HALF_LIFE_DAYS = (float(x) for x in best.split("/"))
    for context in CONTEXTS:
        latest.MIN_CONTEXT = context
        time_dev, news_dev = f1(split["dev"][0], assistant), f1(split["dev"][1], assistant)
        grid["guard"][str(context)] = {"time_dev": time_dev, "news_dev": news_dev}
        print(f"min context {context}: time dev f1 {time_dev:.4f}, news dev f1 {news_dev:.4f}",
              flush=True)  # fmt: skip
    chosen = max(grid["guard"], key=lambda k: sum(grid["guard"][k].values()))
    latest.MIN_CONTEXT = float(chosen)
    test = {
        "time_test": f1(split["test"][0], assistant),
        "news_test": f1(split["test"][1], assistant),
    }
    result = {"recency": best, "min_context": chosen, "test": test, "grid": grid}
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
