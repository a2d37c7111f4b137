"""Which format should the span reader ship in: fp32, fp16 or int8 (and which int8)?

    python benchmarks/reader_formats.py --limit 1500 --ship models/reader

Each variant is exported from the same Hugging Face model folder with
``training/export_reader.py`` into a temporary folder and loaded with
``assistant/answering/reader.py``, as the product loads it. Every question of a fixed
seeded sample of
``../shared/data/squad-v1.1-dev-13articles.json`` is read the way the product reads: the
gold paragraph and 3 other paragraphs of the same article in one call, 2 threads. The
variants take turns on each question (the order rotates), so a busy machine slows them
alike. Reported per variant: official SQuAD F1/EM of the best span of the gold paragraph,
the share where [CLS] beats that span, milliseconds per passage (median), file size.

The choice: among variants that give the same answers on every CPU
(``export_reader.same_on_every_cpu``: fp32 arithmetic, or int8 with 7-bit weights;
``benchmarks/reader_cpus.py`` measures it), of at most ``--max-mb`` and with F1 within
``--tolerance`` of the best, the fastest; a point of F1 is worth more to a user than a few
milliseconds. ``--ship DIR`` exports the
chosen one there, with its figures in the model card.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.answering.reader import SpanReader  # noqa: E402
from assistant.evaluation.metrics import exact_match, f1  # noqa: E402
from training.evaluate_reader import Item, best_span_text, load_squad, sample  # noqa: E402
from training.export_reader import (  # noqa: E402
    DEFAULT_INT8,
    INT8_RECIPES,
    export,
    same_on_every_cpu,
)

MODEL = ROOT.parent / "shared" / "models" / "minilm-l6-squad-reader"
SQUAD = ROOT.parent / "shared" / "data" / "squad-v1.1-dev-13articles.json"
RESULTS = ROOT / "benchmarks" / "results" / "reader_formats.json"
PASSAGES = 4  # what the product reads per question


@dataclass(frozen=True)
class Variant:
    name: str
    quantize: str
    recipe: str = DEFAULT_INT8
    fused: bool = True


VARIANTS = {
    v.name: v
    for v in (
        Variant("fp32", "fp32", fused=False),
        Variant("fp32-fused", "fp32"),
        Variant("fp16-fused", "fp16"),
        Variant("int8-weights-fused", "int8-weights"),
        *(Variant(f"int8-{name}", "int8", name, fused=False) for name in INT8_RECIPES),
        *(Variant(f"int8-fused-{name}", "int8", name) for name in INT8_RECIPES),
    )
}


def passages(item: Item, paragraphs: list[list[str]]) -> list[str]:
    """The gold paragraph first, then 3 others of its article (seeded by the question)."""
    others = [p for n, p in enumerate(paragraphs[item.article]) if n != item.paragraph]
    chosen = random.Random(item.id).sample(others, min(PASSAGES - 1, len(others)))
    return [item.context, *chosen]


def measure(
    readers: dict[str, SpanReader], items: list[Item], paragraphs: list[list[str]]
) -> dict[str, dict[str, Any]]:
    """Quality and time per variant, the variants taking turns on every question."""
    names = list(readers)
    record: dict[str, dict[str, list[float]]] = {
        n: {"em": [], "f1": [], "null": [], "ms": []} for n in names
    }
    for reader in readers.values():  # first runs allocate; keep them out of the figures
        reader.read(items[0].question, passages(items[0], paragraphs))
    for number, item in enumerate(items):
        texts = passages(item, paragraphs)
        for name in names[number % len(names) :] + names[: number % len(names)]:
            began = time.perf_counter()
            gold = readers[name].read(item.question, texts)[0]
            elapsed = time.perf_counter() - began
            answer = best_span_text(gold)
            rows = record[name]
            rows["em"].append(exact_match(answer, item.answers))
            rows["f1"].append(f1(answer, item.answers))
            rows["null"].append(not gold.spans or gold.null_score > gold.spans[0].score)
            rows["ms"].append(1000 * elapsed / len(texts))
        if (number + 1) % 100 == 0:
            print(f"{number + 1}/{len(items)} questions", file=sys.stderr, flush=True)
    return {
        name: {
            "f1": round(float(np.mean(r["f1"])), 4),
            "em": round(float(np.mean(r["em"])), 4),
            "null_preferred": round(float(np.mean(r["null"])), 4),
            "ms_per_passage": round(float(np.median(r["ms"])), 1),
            "ms_per_passage_p90": round(float(np.percentile(r["ms"], 90)), 1),
        }
        for name, r in record.items()
    }


def choose(rows: dict[str, dict[str, Any]], max_mb: float, tolerance: float) -> str:
    """The fastest variant that fits, reads within ``tolerance`` F1 of the best and gives
    the same answers on every CPU (benchmarks/reader_cpus.py measures which do)."""
    best = max(row["f1"] for row in rows.values() if row["every_cpu"])
    fit = [
        n
        for n, r in rows.items()
        if r["size_mb"] <= max_mb and r["f1"] >= best - tolerance and r["every_cpu"]
    ]
    if not fit:
        raise SystemExit(f"no variant within {tolerance} F1 of fp32 fits in {max_mb} MB")
    return min(fit, key=lambda n: rows[n]["ms_per_passage"])


def table(rows: dict[str, dict[str, Any]], chosen: str) -> str:
    lines = [
        "| variant | size MB | same on every CPU | F1 | EM | [CLS] wins | ms/passage p50 / p90 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in rows.items():
        label = f"**{name}** (chosen)" if name == chosen else name
        lines.append(
            f"| {label} | {r['size_mb']:.1f} | {'yes' if r['every_cpu'] else 'no'} "
            f"| {r['f1']:.3f} | {r['em']:.3f} "
            f"| {100 * r['null_preferred']:.1f}% | {r['ms_per_passage']:.1f} / "
            f"{r['ms_per_passage_p90']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL, help="a HF QA model folder")
    parser.add_argument("--squad", type=Path, default=SQUAD)
    parser.add_argument("--limit", type=int, default=1500, help="questions (0: all 4,557)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--variants", nargs="*", choices=sorted(VARIANTS), default=list(VARIANTS))
    parser.add_argument("--max-mb", type=float, default=50.0)
    parser.add_argument("--tolerance", type=float, default=0.01, help="F1 given up at most")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--ship", type=Path, help="export the chosen variant here")
    parser.add_argument("--card-note", default="", help="provenance paragraph for the card")
    args = parser.parse_args()
    for needed in (args.model / "config.json", args.squad):
        if not needed.exists():
            sys.exit(f"{needed} is missing; the benchmark needs ../shared (never copied here).")
    items, paragraphs = load_squad(args.squad)
    items = sample(items, args.limit, args.seed)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="reader-formats-") as scratch:
        readers, rows = {}, {}
        for name in args.variants:
            variant = VARIANTS[name]
            folder = export(
                args.model,
                Path(scratch) / name,
                variant.quantize,
                INT8_RECIPES[variant.recipe],
                fused=variant.fused,
            )
            readers[name] = SpanReader.load(folder, threads=args.threads)
            rows[name] = {
                "quantize": variant.quantize,
                "recipe": variant.recipe if variant.quantize == "int8" else None,
                "fused": variant.fused,
                "every_cpu": same_on_every_cpu(variant.quantize, INT8_RECIPES[variant.recipe]),
                "size_mb": round((folder / "model.onnx").stat().st_size / 2**20, 1),
            }
            print(f"exported {name}: {rows[name]['size_mb']} MB", file=sys.stderr, flush=True)
        for name, figures in measure(readers, items, paragraphs).items():
            rows[name].update(figures)
    result = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}",
        "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "model": str(args.model),
        "squad": args.squad.name,
        "questions": len(items),
        "seed": args.seed,
        "passages_per_question": PASSAGES,
        "threads": args.threads,
        "rule": f"fastest of the same on every CPU, size <= {args.max_mb} MB, "
        f"F1 >= best - {args.tolerance}",
        "variants": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    chosen = choose(rows, args.max_mb, args.tolerance)
    result["chosen"] = chosen
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(rows, chosen))
    print(f"chosen: {chosen} ({result['rule']})")
    if args.ship:
        variant = VARIANTS[chosen]
        figures = {
            "benchmark": "benchmarks/reader_formats.py",
            "questions": f"{len(items)} of {args.squad.name} (seed {args.seed})",
            "setting": f"gold paragraph + {PASSAGES - 1} others of its article, one call",
            **{k: rows[chosen][k] for k in ("f1", "em", "null_preferred", "ms_per_passage")},
            "fp32_f1_em_ms": [rows["fp32"][k] for k in ("f1", "em", "ms_per_passage")]
            if "fp32" in rows
            else None,
            "threads": args.threads,
            "measured": result["date"],
        }
        export(
            args.model,
            args.ship,
            variant.quantize,
            INT8_RECIPES[variant.recipe],
            figures=figures,
            card_note=args.card_note,
            fused=variant.fused,
        )
        print(f"shipped {chosen} to {args.ship}")


if __name__ == "__main__":
    main()
