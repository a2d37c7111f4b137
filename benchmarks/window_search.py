"""A window's dense search: Chroma's filtered search, 200 whole chunks filtered here, and
2,000 ids filtered here (``retrieval.filtered_search``), in one run, over the time set.

    python benchmarks/window_search.py --index-dir /tmp/bench-full

Each question of ``tests/eval/news-time.jsonl`` is asked at its own reference and as-of
day, once with each dense search, taking turns (same index, same process, the reader
included). Reported: hit@5 and F1 over all questions, and the dense search and whole
ask() p50 / p95 over the questions whose window narrowed the search. Results go to
benchmarks/results/window-search-*.json.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
from _shared import ROOT, write_results

from assistant.config import Settings
from assistant.evaluation.datasets import load_items
from assistant.evaluation.metrics import score_item
from assistant.facade import Assistant
from assistant.retrieval.filtered_search import admits, where_of

TIME_SET = ROOT / "tests" / "eval" / "news-time.jsonl"


def chroma_filter(store: Any, keyword: Any, vector: Any, k: int, filters: Any, mask: Any) -> Any:
    """First: Chroma's own filtered search for every window."""
    return store.query(vector, k, where_of(filters))


def whole_chunks(store: Any, keyword: Any, vector: Any, k: int, filters: Any, mask: Any) -> Any:
    """Then (2026-12-03, morning): the nearest 10 x k whole chunks, filtered here."""
    where = where_of(filters)
    if where is None:
        return store.query(vector, k)
    wide = store.query(vector, k * 10)
    kept = [chunk for chunk in wide if admits(chunk, filters)]
    return kept[:k] if len(kept) >= k or len(wide) < k * 10 else store.query(vector, k, where)


SEARCHES = {"chroma filter": chroma_filter, "200 whole chunks, filtered here": whole_chunks,
            "2,000 ids, filtered here": None}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", required=True, help="an index of all of Reuters + BBC")
    args = parser.parse_args()
    assistant = Assistant(Settings.from_env(index_dir=Path(args.index_dir)))
    assistant.warm_up()
    items = load_items(TIME_SET)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SEARCHES}
    for item in items[:5]:  # warm the caches of both
        assistant.run(item.question, as_of=item.as_of, reference=item.reference)
    for item in items:
        for name in rows:  # taking turns
            search = SEARCHES[name]
            patch = mock.patch("assistant.retrieval.retriever.dense_search", search)
            with patch if search is not None else contextlib.nullcontext():
                answer, found = assistant.run(item.question, as_of=item.as_of,
                                              reference=item.reference)  # fmt: skip
            result = score_item(item, answer, found.passages)
            narrowed = bool(answer.time and (answer.time.date_from or answer.time.date_to))
            rows[name].append({"hit5": 0 < result.hit_rank <= 5, "f1": result.f1,
                               "answerable": item.answerable, "narrowed": narrowed,
                               "dense_ms": answer.timings.get("dense_ms", 0.0),
                               "total_ms": answer.timings.get("total_ms", 0.0)})  # fmt: skip
    out: dict[str, Any] = {"date": dt.date.today().isoformat(), "questions": len(items)}
    for name, measured in rows.items():
        windowed = [m for m in measured if m["narrowed"]]
        answerable = [m for m in measured if m["answerable"]]
        figures = {
            "hit@5": round(float(np.mean([m["hit5"] for m in answerable])), 3),
            "f1": round(float(np.mean([m["f1"] for m in answerable])), 3),
            "windowed": len(windowed),
            "dense_p50_ms": round(float(np.percentile([m["dense_ms"] for m in windowed], 50)), 1),
            "dense_p95_ms": round(float(np.percentile([m["dense_ms"] for m in windowed], 95)), 1),
            "total_p50_ms": round(float(np.percentile([m["total_ms"] for m in windowed], 50)), 1),
            "total_p95_ms": round(float(np.percentile([m["total_ms"] for m in windowed], 95)), 1),
        }
        out[name] = figures
        print(f"{name:20} {figures}", flush=True)
    target = write_results("window-search", out)
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
