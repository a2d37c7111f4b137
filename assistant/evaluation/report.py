"""Evaluation results for people: the console tables, results.json, failures.csv,
report.md and its plots.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.evaluation.metrics import RunResult, by_type

_TABLE_KEYS = ("hit@1", "hit@3", "hit@5", "hit@10", "mrr", "citation_accuracy",
               "sentence_accuracy", "em", "f1", "grounded", "answered_rate",
               "abstention_precision", "abstention_recall", "range_accuracy")  # fmt: skip


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def table(runs: Sequence[RunResult]) -> str:
    """Metrics side by side, one column per run ("hybrid", "hybrid, time off", ...)."""
    summaries = [r.summary() for r in runs]
    widths = [max(10, len(r.mode) + 2) for r in runs]
    head = f"{'metric':<22}" + "".join(f"{r.mode:>{w}}" for r, w in zip(runs, widths, strict=True))

    def row(name: str, cells: Sequence[str]) -> str:
        return f"{name:<22}" + "".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))

    lines = [head, "-" * len(head), row("n", [str(s["n"]) for s in summaries])]
    for key in _TABLE_KEYS:
        lines.append(row(key, [_fmt(s[key]) for s in summaries]))
    for stage in ("retrieve", "answer", "total"):
        times = [s["latency_ms"].get(stage, {}) for s in summaries]
        cells = [f"{t.get('p50', 0):.0f}/{t.get('p95', 0):.0f}" for t in times]
        lines.append(row(f"{stage} ms p50/p95", cells))
    return "\n".join(lines)


def type_table(run: RunResult) -> str:
    rows = by_type(run.results)
    keys = ("n", "hit@5", "citation_accuracy", "sentence_accuracy", "em", "f1", "answered_rate")
    head = f"{'type':<14}" + "".join(f"{k[:10]:>11}" for k in keys)
    lines = [head, "-" * len(head)]
    for qtype, values in rows.items():
        lines.append(f"{qtype:<14}" + "".join(f"{_fmt(values.get(k)):>11}" for k in keys))
    return "\n".join(lines)


_FAILURE_COLUMNS = ["id", "type", "answerable", "question", "gold", "prediction", "abstained",
                    "confidence", "hit_rank", "cited", "sentence", "f1"]  # fmt: skip


def write_outputs(out: Path, runs: Sequence[RunResult], source: str, command: str) -> None:
    """results.json, failures.csv, report.md and two plots in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    main = runs[0]
    results = main.summary()
    results["mode"] = main.mode
    results["by_type"] = by_type(main.results)
    if len(runs) > 1:
        results["compare"] = {r.mode: r.summary() for r in runs}
    results["source"] = source
    results["command"] = command
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")

    with (out / "failures.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(_FAILURE_COLUMNS)
        for r in main.results:
            failed = (r.answerable and (r.f1 < 1.0 or r.abstained)) or (
                not r.answerable and not r.abstained
            )
            if failed:
                writer.writerow([r.id, r.qtype, r.answerable, r.question, " | ".join(r.gold),
                                 r.prediction, r.abstained, r.confidence, r.hit_rank,
                                 r.cited, r.sentence, round(r.f1, 3)])  # fmt: skip
    _plots(out, runs)
    report = [
        f"# Evaluation: {source}",
        "",
        f"Command: `{command}`",
        "",
        "## Metrics",
        "",
        "```",
        table(runs),
        "```",
        "",
        f"## By question type ({main.mode})",
        "",
        "```",
        type_table(main),
        "```",
        "",
        "![recall@k](recall_at_k.png)",
        "",
        "![latency](latency.png)",
        "",
    ]
    (out / "report.md").write_text("\n".join(report), encoding="utf-8")


def _plots(out: Path, runs: Sequence[RunResult]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.5))
    for run in runs:
        answerable = [r for r in run.results if r.answerable]
        ks = list(range(1, 21))
        recall = [
            float(np.mean([0 < r.hit_rank <= k for r in answerable])) if answerable else 0.0
            for k in ks
        ]
        ax.plot(ks, recall, marker=".", label=run.mode)
    ax.set_xlabel("k (passages retrieved)")
    ax.set_ylabel("recall@k (hit)")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "recall_at_k.png", dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5, 3.5))
    totals = [r.timings.get("total_ms", 0.0) for r in runs[0].results]
    ax.hist(totals, bins=40)
    ax.set_xlabel(f"ask() total latency, ms ({runs[0].mode})")
    ax.set_ylabel("questions")
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=120)
    plt.close(fig)
