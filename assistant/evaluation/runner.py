"""Run the assistant over question-answer pairs (``assistant eval``), optionally on a
throwaway SQuAD index with a share of its articles or paragraphs left out.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.config import RetrievalMode, Settings, TimeMode
from assistant.errors import InvalidInput
from assistant.evaluation.datasets import (
    QAItem,
    left_out_groups,
    left_out_paragraphs,
    load_items,
    without_answers,
)
from assistant.evaluation.metrics import RunResult, score_item
from assistant.evaluation.report import table, type_table, write_outputs
from assistant.ingest.documents import record_article_id
from assistant.ingest.formats import squad_record_id


def evaluate(
    items: Sequence[QAItem],
    assistant: Any,
    mode: RetrievalMode | None = None,
    progress: Callable[[int], None] | None = None,
    time_mode: TimeMode = TimeMode.AUTO,
) -> RunResult:
    """Ask every question (no history), each at its own reference and as-of day when the
    set gives them, and score the answer and all retrieved passages."""
    started = time.perf_counter()
    results = []
    for item in items:
        answer, retrieved = assistant.run(
            item.question, mode=mode, as_of=item.as_of, time=time_mode, reference=item.reference
        )
        results.append(score_item(item, answer, retrieved.passages))
        if progress:
            progress(1)
    label = (mode or assistant.settings.retrieval).value
    if time_mode is TimeMode.OFF:
        label += ", time off"
    return RunResult(label, results, time.perf_counter() - started)


def build_squad_index(
    path: Path,
    settings: Settings,
    leave_out: set[str],
    leave_out_docs: frozenset[str] = frozenset(),
) -> Settings:
    """A throwaway index of the SQuAD paragraphs, minus left-out articles and paragraphs."""
    from assistant.facade import Assistant

    data = json.loads(path.read_text(encoding="utf-8"))
    data["data"] = [a for a in data["data"] if a.get("title") not in leave_out]
    for article in data["data"]:
        for number, paragraph in enumerate(article.get("paragraphs", [])):
            doc_id = record_article_id(path.stem, squad_record_id(str(article["title"]), number))
            if doc_id in leave_out_docs:
                paragraph["context"] = ""  # skipped as empty; the others keep their numbers
    folder = Path(tempfile.mkdtemp(prefix="assistant-eval-"))
    copy = folder / "corpus" / path.name
    copy.parent.mkdir()
    copy.write_text(json.dumps(data), encoding="utf-8")
    eval_settings = settings.with_overrides(index_dir=folder / "index", corpus_dir=copy.parent)
    Assistant(eval_settings).ingest([copy.parent])
    return eval_settings


def run_cli(args: Any, settings: Settings) -> int:
    """``assistant eval``: load, (index,) run, print, write."""
    import sys

    from tqdm import tqdm

    from assistant.facade import Assistant

    path = Path(args.file)
    items = load_items(path)
    leave_out: set[str] = set()
    leave_out_docs: frozenset[str] = frozenset()
    if (args.leave_out or args.leave_out_paragraphs) and not args.ingest:
        raise InvalidInput("--leave-out and --leave-out-paragraphs need --ingest (a fresh index).")
    if args.leave_out:
        leave_out = left_out_groups(items, args.leave_out)
        items = [without_answers(i) if i.group in leave_out else i for i in items]
    if args.leave_out_paragraphs:
        leave_out_docs = frozenset(left_out_paragraphs(items, args.leave_out_paragraphs))
        items = [without_answers(i) if i.doc_id in leave_out_docs else i for i in items]
    if args.sample:
        items = random.Random(13).sample(items, min(args.sample, len(items)))
    if args.limit:
        items = items[: args.limit]
    if args.ingest:
        if path.suffix.lower() != ".json":
            raise InvalidInput("--ingest builds an index of a SQuAD .json file only.")
        print(
            f"indexing {path.name} (leaving out {len(leave_out)} articles and "
            f"{len(leave_out_docs)} paragraphs)...",
            file=sys.stderr,
        )
        settings = build_squad_index(path, settings, leave_out, leave_out_docs)
    assistant = Assistant(settings)
    assistant.warm_up()
    modes = [settings.retrieval]
    if args.compare:
        modes += [m for m in RetrievalMode if m is not settings.retrieval]
    times = [TimeMode.AUTO, TimeMode.OFF] if args.time == "compare" else [TimeMode(args.time)]
    runs = []
    for mode in modes:
        for time_mode in times:
            with tqdm(total=len(items), desc=f"eval {mode.value}", disable=args.quiet) as bar:
                runs.append(evaluate(items, assistant, mode, bar.update, time_mode))
    print(table(runs))
    print()
    print(type_table(runs[0]))
    if args.out:
        command = "assistant eval " + " ".join(sys.argv[2:])
        write_outputs(Path(args.out), runs, path.name, command)
        print(f"\nwrote {args.out}/results.json, failures.csv, report.md", file=sys.stderr)
    return 0
