"""Should a "who" answer that describes give way to the name in that role? Dev decides.

    python benchmarks/tune_names.py /tmp/ans-full.pkl /tmp/ans-news.pkl

Over the "who" questions of the caches ``tune_answering.py collect`` wrote (SQuAD with
every paragraph indexed, and the news set over Reuters + BBC), the windows are read again
keeping ``--top-k`` spans each, and the answer is chosen with and without
``answering.names`` for each ``NAME_MARGIN`` of the grid: F1 on dev and on test, and how
many answers changed; then, at the shipped margin, the same with and without cutting a
name's trailing description ("X (CMA), an alliance of ..." -> "X (CMA)"). Paste the
chosen margin (and top_k, into reader.json) if it helps.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tune_answering

from assistant.answering import choice, names
from assistant.answering.answerer import shared_reader
from assistant.answering.candidates import Candidate, candidate_of
from assistant.evaluation.datasets import QAItem
from assistant.evaluation.metrics import f1
from assistant.text.question import QuestionType, analyse

MARGINS = (0.0, 2.0, 4.0, float("inf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("caches", type=Path, nargs="+")
    parser.add_argument("--top-k", type=int, default=10)
    args = parser.parse_args()
    sys.modules["__main__"].Read = tune_answering.Read  # type: ignore[attr-defined]
    reader = shared_reader()
    reader = replace(reader, settings=replace(reader.settings, top_k=args.top_k))
    rows = []
    for path in args.caches:
        for read in pickle.loads(path.read_bytes()):
            item = read.item
            if not item.answerable or analyse(item.question).qtype is not QuestionType.WHO:
                continue
            windows = [c.passage for c in read.candidates if c is not None]
            readings = reader.read(item.question, [w.text for w in windows])
            found = tuple(c for w, r in zip(windows, readings, strict=True)
                          if (c := candidate_of(w, r)) is not None)  # fmt: skip
            rows.append((read.index, read.dev, item, found))
    print(f"{len(rows)} who questions")
    shipped, cut = names.NAME_MARGIN, names._without_description
    for margin in MARGINS:
        names.NAME_MARGIN = margin
        table(f"name margin {margin}", rows)
    names.NAME_MARGIN = shipped
    for label, trim in (("descriptions kept", lambda best: best), ("descriptions cut", cut)):
        names._without_description = trim
        table(label, rows)


def table(label: str, rows: list[tuple[str, bool, QAItem, tuple[Candidate, ...]]]) -> None:
    """F1 of the chosen answers per index and split, and how many ``names`` changed."""
    for index in sorted({r[0] for r in rows}):
        for dev in (True, False):
            part = [r for r in rows if r[0] == index and r[1] == dev]
            scores, changed = [], 0
            for _, _, item, found in part:
                if not found:
                    scores.append(0.0)
                    continue
                best = max(found, key=lambda c: choice.choice_score(c, found))
                chosen = names.named_answer(item.question, best, found)
                changed += chosen is not best
                scores.append(f1(chosen.text, item.answers))
            print(f"{label}: {index} {'dev' if dev else 'test'} n {len(part)} "
                  f"f1 {np.mean(scores):.4f} changed {changed}")  # fmt: skip


if __name__ == "__main__":
    main()
