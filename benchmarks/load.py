"""Load: many conversations at once against the running web app, through its API.

    python benchmarks/load.py --conversations 50 --turns 3

Starts app.py on loopback over an index of the founding article, then runs that many
conversations concurrently with gradio_client (each its own session; a question, a
follow-up with the history, another question) and reports latency p50/p95 per request,
errors, and throughput, against a baseline in the same run: the same conversations one
at a time (its p50, and the ratio of the loaded p50 to it). Loopback only; bounded in
count and time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from _shared import ROOT, write_results

sys.path.insert(0, str(ROOT / "tests"))
from app_process import running_app

TURNS = [
    ("Who claimed responsibility for the attack?", "Coordination of Azawad Movements"),
    ("When did they sign a peace deal?", "2015"),
    ("How many soldiers were killed?", "five"),
    ("What did the army say it lost?", "plane"),
]


def conversation(url: str, turns: int) -> list[tuple[float, bool]]:
    """One user's session: (seconds, answered correctly) per request."""
    from gradio_client import Client

    # httpx's 5 s default is shorter than a queue of 100 questions on 2 cores: a client
    # would give up on a server that is answering, just slowly
    client = Client(url, verbose=False, httpx_kwargs={"timeout": 120})
    history: list[dict[str, str]] = []
    results = []
    for question, expected in TURNS[:turns]:
        started = time.perf_counter()
        answer = client.predict(question, history or None, "", "", None, api_name="/ask")
        seconds = time.perf_counter() - started
        ok = "error" not in answer and expected in answer.get("short_answer", "")
        results.append((seconds, ok))
        history += [{"role": "user", "content": question},
                    {"role": "assistant", "content": answer.get("text", "")}]  # fmt: skip
    return results


def run(conversations: int, turns: int, limit: float) -> dict[str, object]:
    from assistant.config import Settings
    from assistant.index.indexer import ingest

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    corpus = work / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    ingest([corpus], Settings.from_env(index_dir=work / "index", corpus_dir=corpus))
    with running_app(work / "index", corpus) as app:
        conversation(app.url, 1)  # warm
        # the baseline, in the same run: the same conversations one at a time
        alone = [s for _ in range(5) for s, _ in conversation(app.url, turns)]
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=conversations) as pool:
            futures = [pool.submit(conversation, app.url, turns) for _ in range(conversations)]
            outcomes = []
            for future in futures:
                try:
                    outcomes.append(future.result(timeout=limit))
                except Exception as error:  # counted, reported
                    outcomes.append([(float("nan"), False)])
                    print(f"conversation failed: {type(error).__name__}: {error}", file=sys.stderr)
        wall = time.perf_counter() - started
    shutil.rmtree(work, ignore_errors=True)
    latencies = [s for o in outcomes for s, _ in o if s == s]
    failures = sum(1 for o in outcomes for _, ok in o if not ok)
    return {
        "conversations": conversations,
        "requests": sum(len(o) for o in outcomes),
        "failures": failures,
        "p50_ms": float(np.percentile(latencies, 50) * 1000),
        "p95_ms": float(np.percentile(latencies, 95) * 1000),
        "alone_p50_ms": float(np.percentile(alone, 50) * 1000),
        "p50_ratio_to_alone": float(np.percentile(latencies, 50) / np.percentile(alone, 50)),
        "wall_s": wall,
        "requests_per_s": len(latencies) / wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--turns", type=int, default=3, choices=range(1, len(TURNS) + 1))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=600, help="seconds allowed per conversation")
    args = parser.parse_args()
    runs = [run(args.conversations, args.turns, args.limit) for _ in range(args.repeat)]
    for r in runs:
        print(json.dumps(r))
    summary = {
        key: float(np.median([r[key] for r in runs]))
        for key in (
            "p50_ms",
            "p95_ms",
            "alone_p50_ms",
            "p50_ratio_to_alone",
            "requests_per_s",
            "wall_s",
            "failures",
        )
    }
    print(f"median of {args.repeat}: {json.dumps(summary)}")
    out = write_results("load", {"summary": summary, "runs": runs})
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
