"""Query speed: ask() latency per stage at about 1k, 10k and all chunks of Reuters + BBC.

    python benchmarks/query.py --full-index /tmp/bench-full   # reuse a full index
    python benchmarks/query.py --sizes 1000 10000              # build only the smaller ones

For each size an index is built from the first articles of both corpora (or reused from
--work), then a fresh process opens it, warms up, and asks --questions questions made
from article headlines of that index; it reports p50/p95 per stage and memory. Targets:
p50 <= 100 ms and p95 <= 150 ms at full size (the span reader included), p50 at full
size within 2x of p50 at 1k, and the reader loaded in under 3 s.

``--variants before after`` measures, in one run and taking turns, the reading of
2026-12-01 before this release's changes to it ("before": the five best passages read
as retrieved, every one of them) and the product's ("after": neighbouring chunks joined
and whole paragraphs, two windows first and the rest only when they do not settle it),
with the same reader, and prints the ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from _shared import ROOT, corpus_files, current_rss_mb, emit, peak_rss_mb, write_results

STAGES = (
    "time",
    "embed",
    "dense",
    "bm25",
    "rerank",
    "retrieve",
    "windows",
    "read",
    "choice",
    "confidence",
    "answer",
    "total",
)
# what a time window adds to each question ("" for none): a whole year, one month
WINDOWS = {"none": "", "year": " in 1987", "month": " in March 1987"}


def subset_for_chunks(target: int, folder: Path) -> list[Path]:
    """The smallest prefix of both corpora (same share of each) with about ``target`` chunks."""
    from assistant.ingest.chunking import chunk_article
    from assistant.ingest.loaders import load_file
    from assistant.records import Article

    files = corpus_files()
    counts = []
    for file in files:
        per_line = [len(chunk_article(a)) for a in load_file(file) if isinstance(a, Article)]
        counts.append(np.cumsum(per_line))
    total = sum(int(c[-1]) for c in counts)
    share = min(1.0, target / total)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for file in files:
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        keep = lines[: max(1, round(len(lines) * share))]
        (folder / file.name).write_text("".join(keep), encoding="utf-8")
        out.append(folder / file.name)
    return out


def questions_for(index: Path, count: int) -> list[str]:
    """Questions built from headlines of articles in the index (fixed seed)."""
    from assistant.config import Settings
    from assistant.index.store import Store

    entries = list(Store.open(Settings.from_env(index_dir=index)).manifest().values())
    rng = random.Random(21)
    picked = rng.sample(entries, min(count, len(entries)))
    templates = ["What happened in {}?", "Who is involved in {}?", "When was {}?", "What about {}?"]
    return [rng.choice(templates).format(e.title.lower().strip(" .")) for e in picked]


def use_variant(variant: str) -> None:
    """ "before": every one of the five passages read as retrieved (no windows, no stop)."""
    if variant != "before":
        return
    from assistant.answering import answerer
    from assistant.facade import assistant

    answerer.STOP_MARGIN = float("inf")
    assistant.whole_paragraphs = lambda passages, store: list(passages)  # type: ignore[assignment]


def stage_measure(index: Path, count: int, variant: str = "after", window: str = "none") -> None:
    from assistant.answering.reader import SpanReader
    from assistant.config import Settings
    from assistant.facade import Assistant

    use_variant(variant)
    started = time.perf_counter()
    SpanReader.load()  # the shipped reader alone, as a fresh process loads it
    reader_seconds = time.perf_counter() - started
    assistant = Assistant(Settings.from_env(index_dir=index))
    started = time.perf_counter()
    assistant.warm_up()
    warm_seconds = time.perf_counter() - started
    articles, chunks = assistant.stats()
    questions = [q.rstrip("?") + WINDOWS[window] + "?" for q in questions_for(index, count + 5)]
    for question in questions[:5]:
        assistant.ask(question)
    timings: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for question in questions[5:]:
        answer = assistant.ask(question)
        for stage in STAGES:
            timings[stage].append(answer.timings.get(f"{stage}_ms", 0.0))
    emit({
        "chunks": chunks,
        "articles": articles,
        "questions": len(questions) - 5,
        "open_and_warm_s": warm_seconds,
        "reader_load_s": reader_seconds,
        "p50_ms": {s: float(np.percentile(v, 50)) for s, v in timings.items()},
        "p95_ms": {s: float(np.percentile(v, 95)) for s, v in timings.items()},
        "rss_mb": current_rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
    })  # fmt: skip


def build(files: list[Path], index: Path) -> None:
    from assistant.config import Settings
    from assistant.index.indexer import ingest

    report = ingest(files, Settings.from_env(index_dir=index))
    print(f"  built {index}: {report.summary()}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument(
        "--full-index", help="an index of all of Reuters + BBC (from ingest.py --keep-index)"
    )
    parser.add_argument(
        "--work", default="/tmp/bench-query", help="where the smaller indexes are built"
    )
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument(
        "--repeat", type=int, default=3, help="measurements per size (medians reported)"
    )
    parser.add_argument("--variants", nargs="*", default=["after"], choices=["before", "after"])
    parser.add_argument("--windows", nargs="*", default=["none"], choices=list(WINDOWS),
                        help="questions with no window, 'in 1987', 'in March 1987'")  # fmt: skip
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="after", help=argparse.SUPPRESS)
    parser.add_argument("--window", default="none", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        stage_measure(Path(args.measure), args.questions, args.variant, args.window)
        return

    work = Path(args.work)
    indexes: list[tuple[str, Path]] = []
    for size in args.sizes:
        index = work / f"index-{size}"
        if not (index / "chroma.sqlite3").exists():
            print(f"building the {size}-chunk index...", flush=True)
            build(subset_for_chunks(size, work / f"corpus-{size}"), index)
        indexes.append((str(size), index))
    if args.full_index:
        indexes.append(("full", Path(args.full_index)))

    rows = []
    for label, index in indexes:
        turns = [(v, w) for v in args.variants for w in args.windows]
        by_variant: dict[str, list[dict]] = {_turn(v, w, args): [] for v, w in turns}
        for _ in range(args.repeat):
            for variant, window in turns:  # taking turns, so the machine's load falls on all
                done = subprocess.run(
                    [sys.executable, __file__, "--measure", str(index),
                     "--questions", str(args.questions), "--variant", variant,
                     "--window", window],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                if done.returncode != 0:
                    sys.exit(done.stderr[-3000:])
                measured = json.loads(done.stdout.strip().splitlines()[-1])
                by_variant[_turn(variant, window, args)].append(measured)
        for variant, measures in by_variant.items():
            rows.append(_row(f"{label} {variant}" if len(by_variant) > 1 else label, measures))
            row = rows[-1]
            total = (
                f"p50 {row['p50_ms']['total']:.0f} ms, p95 {row['p95_ms']['total']:.0f} ms, "
                f"reader load {row['reader_load_s']:.2f} s"
            )
            print(f"{row['size']:>12}: {row['chunks']} chunks, {total}, "
                  f"RSS {row['rss_mb']:.0f} MiB", flush=True)  # fmt: skip
        if len(args.windows) > 1:  # each window against none, in the same run
            plain = rows[-len(by_variant)]
            for row in rows[-len(by_variant) + 1 :]:
                print(f"  {row['size']} / {plain['size']}: p50 "
                      f"{row['p50_ms']['total'] / plain['p50_ms']['total']:.2f}, retrieve p50 "
                      f"{row['p50_ms']['retrieve'] / plain['p50_ms']['retrieve']:.2f}")  # fmt: skip
        elif len(by_variant) == 2:
            before, after = rows[-2], rows[-1]
            print(f"  after / before, {label}: p50 "
                  f"{after['p50_ms']['total'] / before['p50_ms']['total']:.2f}, p95 "
                  f"{after['p95_ms']['total'] / before['p95_ms']['total']:.2f}")  # fmt: skip
    _table(rows)
    afters = [r for r in rows if not r["size"].endswith(" before")]
    if len(afters) > 1:
        print(f"\np50 ratio {afters[-1]['size']} / {afters[0]['size']}: "
              f"{afters[-1]['p50_ms']['total'] / afters[0]['p50_ms']['total']:.2f}")  # fmt: skip
    out = write_results("query", rows)
    print(f"wrote {out.relative_to(ROOT)}")


def _turn(variant: str, window: str, args: argparse.Namespace) -> str:
    """A row's label: the variant and the window, where more than one is measured."""
    parts = [variant] if len(args.variants) > 1 else []
    parts += [f"window {window}"] if len(args.windows) > 1 else []
    return " ".join(parts) or variant


def _row(label: str, measures: list[dict]) -> dict:
    return {
        "size": label,
        "chunks": measures[0]["chunks"],
        "articles": measures[0]["articles"],
        "p50_ms": {s: float(np.median([m["p50_ms"][s] for m in measures])) for s in STAGES},
        "p95_ms": {s: float(np.median([m["p95_ms"][s] for m in measures])) for s in STAGES},
        "rss_mb": float(np.median([m["rss_mb"] for m in measures])),
        "open_and_warm_s": float(np.median([m["open_and_warm_s"] for m in measures])),
        "reader_load_s": float(np.median([m["reader_load_s"] for m in measures])),
    }


def _table(rows: list[dict]) -> None:
    print("\n| size | chunks | " + " | ".join(f"{s} p50/p95 ms" for s in STAGES) + " | RSS MiB |")
    print("| --- " * (len(STAGES) + 3) + "|")
    for row in rows:
        cells = " | ".join(f"{row['p50_ms'][s]:.1f} / {row['p95_ms'][s]:.1f}" for s in STAGES)
        print(f"| {row['size']} | {row['chunks']} | {cells} | {row['rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
