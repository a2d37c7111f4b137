"""What the benchmarks share: the news corpora from ../shared/data, subsets, memory.

The corpora are read in place (they are never copied into the repository); a subset is
the first N lines of each file, written to a temporary folder, so the raw encode and
the pipeline see exactly the same articles.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CORPORA = ("reuters21578.jsonl", "bbc-news.jsonl")
sys.path.insert(0, str(ROOT))


def corpus_files() -> list[Path]:
    """Reuters-21578 and BBC News, or exit saying they are missing."""
    files = [SHARED / name for name in CORPORA]
    missing = [f.name for f in files if not f.exists()]
    if missing:
        sys.exit(f"../shared/data is missing {', '.join(missing)}; the benchmarks need it.")
    return files


def subset(files: list[Path], fraction: float, folder: Path) -> list[Path]:
    """The first ``fraction`` of each file's lines, as new files in ``folder``."""
    if fraction >= 1.0:
        return files
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for file in files:
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        keep = lines[: max(1, int(len(lines) * fraction))]
        target = folder / file.name
        target.write_text("".join(keep), encoding="utf-8")
        out.append(target)
    return out


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def emit(record: dict[str, object]) -> None:
    """One JSON line on stdout: how a stage subprocess reports to its parent."""
    print(json.dumps(record), flush=True)


def write_results(name: str, results: object) -> Path:
    """``results`` as ``benchmarks/results/<name>-<local time>.json``; returns the path."""
    stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M%S")
    out = ROOT / "benchmarks" / "results" / f"{name}-{stamp}.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return out
