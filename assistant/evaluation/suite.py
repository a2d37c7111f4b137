"""Score the assistant on question-answer pairs: retrieval, citations, answers, abstention.

Reads JSONL (``question``, ``answers``, optional ``doc_id``, ``answerable``, ``id``) and
SQuAD JSON (v1.1, and v2.0 with unanswerable questions). For SQuAD, ``--ingest`` builds a
throwaway index of its paragraphs, optionally leaving a share of its articles out so
their questions test abstention. Short answers are scored with the official SQuAD
normalisation (lower case, no punctuation, no articles, white space folded).
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import RetrievalMode, Settings
from assistant.errors import InvalidInput
from assistant.ingest.documents import record_article_id
from assistant.ingest.formats import squad_record_id
from assistant.records import Answer, Passage
from assistant.retrieval.question import analyse
from assistant.text.terms import normalize_answer

KS = (1, 3, 5, 10)


# -- data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QAItem:
    """One question with its gold answers; ``doc_id`` names the article that holds them."""

    id: str
    question: str
    answers: tuple[str, ...]
    doc_id: str | None = None
    answerable: bool = True
    group: str = ""  # the SQuAD article title, for leave-out splits


def load_squad(path: Path) -> list[QAItem]:
    """Questions of a SQuAD v1.1 or v2.0 file, each tied to its paragraph's article id."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items: list[QAItem] = []
    for article in data["data"]:
        title = str(article.get("title", ""))
        for number, paragraph in enumerate(article.get("paragraphs", [])):
            doc_id = record_article_id(path.stem, squad_record_id(title, number))
            for qa in paragraph.get("qas", []):
                impossible = bool(qa.get("is_impossible", False))
                answers = tuple(dict.fromkeys(a["text"] for a in qa.get("answers", [])))
                items.append(
                    QAItem(
                        id=str(qa.get("id", len(items))),
                        question=qa["question"],
                        answers=() if impossible else answers,
                        doc_id=doc_id,
                        answerable=not impossible and bool(answers),
                        group=title,
                    )
                )
    return items


def load_jsonl(path: Path) -> list[QAItem]:
    """Questions from a JSONL file; ``answers: []`` marks a question the articles cannot answer."""
    items = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            answers = obj["answers"]
            answers = [answers] if isinstance(answers, str) else list(answers)
            answerable = bool(obj.get("answerable", bool(answers)))
            if answerable and not answers:
                raise ValueError("an answerable item needs answers")
            items.append(
                QAItem(
                    id=str(obj.get("id", line_no)),
                    question=str(obj["question"]),
                    answers=tuple(str(a) for a in answers),
                    doc_id=obj.get("doc_id"),
                    answerable=answerable,
                    group=str(obj.get("group", "")),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise InvalidInput(f"{path}:{line_no}: not a QA item ({error}); fix the line") from None
    return items


def load_items(path: Path) -> list[QAItem]:
    if not path.exists():
        raise InvalidInput(f"{path} does not exist.")
    if path.suffix.lower() == ".jsonl":
        return load_jsonl(path)
    if path.suffix.lower() == ".json":
        try:
            return load_squad(path)
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InvalidInput(f"{path} is not SQuAD JSON ({error}).") from None
    raise InvalidInput(f"{path}: use .jsonl (question, answers) or SQuAD .json.")


# -- scoring ------------------------------------------------------------------------------


normalize = normalize_answer  # the official SQuAD normalisation


def exact_match(prediction: str, golds: Sequence[str]) -> float:
    return float(any(normalize(prediction) == normalize(g) for g in golds))


def f1(prediction: str, golds: Sequence[str]) -> float:
    """Token F1 against the best gold answer."""
    best = 0.0
    predicted = normalize(prediction).split()
    for gold in golds:
        expected = normalize(gold).split()
        common = Counter(predicted) & Counter(expected)
        same = sum(common.values())
        if same == 0:
            continue
        precision, recall = same / len(predicted), same / len(expected)
        best = max(best, 2 * precision * recall / (precision + recall))
    return best


def contains_answer(text: str, golds: Sequence[str]) -> bool:
    """Whether ``text`` holds a gold answer (normalised, on word boundaries)."""
    haystack = f" {normalize(text)} "
    return any(normalize(g) and f" {normalize(g)} " in haystack for g in golds)


def _hit(passage_article: str, passage_text: str, item: QAItem) -> bool:
    if item.doc_id is not None and passage_article != item.doc_id:
        return False
    return contains_answer(passage_text, item.answers)


@dataclass(frozen=True)
class ItemResult:
    """One question's outcome."""

    id: str
    question: str
    qtype: str
    answerable: bool
    gold: tuple[str, ...]
    prediction: str
    abstained: bool
    confidence: float
    hit_rank: int  # 1-based rank of the first retrieved passage holding an answer; 0: none
    cited: bool  # a cited passage holds an answer
    sentence: bool  # the highlighted sentence holds an answer
    grounded: bool  # the short answer is a verbatim span of a cited passage
    em: float
    f1: float
    timings: dict[str, float] = field(default_factory=dict)


def score_item(item: QAItem, answer: Answer, passages: Sequence[Passage]) -> ItemResult:
    rank = next((i for i, p in enumerate(passages, start=1) if _hit(p.article_id, p.text, item)), 0)
    cited = any(_hit(c.article_id, c.text, item) for c in answer.citations)
    first = answer.citations[0] if answer.citations else None
    sentence = bool(first and not answer.abstained and _hit(first.article_id, first.quote, item))
    prediction = "" if answer.abstained else answer.short_answer
    grounded = bool(prediction) and any(prediction in c.text for c in answer.citations)
    return ItemResult(
        id=item.id,
        question=item.question,
        qtype=analyse(item.question).qtype.value,
        answerable=item.answerable,
        gold=item.answers,
        prediction=prediction,
        abstained=answer.abstained,
        confidence=answer.confidence,
        hit_rank=rank,
        cited=cited,
        sentence=sentence,
        grounded=grounded,
        em=exact_match(prediction, item.answers) if item.answerable else 0.0,
        f1=f1(prediction, item.answers) if item.answerable else 0.0,
        timings=dict(answer.timings),
    )


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return round(float(np.mean(values)), 4) if values else None


def summarise(results: Sequence[ItemResult]) -> dict[str, Any]:
    """The metrics of ``results`` (retrieval and answer metrics over answerable items)."""
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    answered = [r for r in results if not r.abstained]
    abstained = [r for r in results if r.abstained]
    summary: dict[str, Any] = {"n": len(results), "n_answerable": len(answerable)}
    for k in KS:
        summary[f"hit@{k}"] = _mean(1.0 if 0 < r.hit_rank <= k else 0.0 for r in answerable)
    summary["mrr"] = _mean(1.0 / r.hit_rank if 0 < r.hit_rank <= 10 else 0.0 for r in answerable)
    summary["citation_accuracy"] = _mean(float(r.cited) for r in answerable)
    summary["em"] = _mean(r.em for r in answerable)
    summary["f1"] = _mean(r.f1 for r in answerable)
    summary["sentence_accuracy"] = _mean(float(r.sentence) for r in answerable)
    summary["grounded"] = _mean(float(r.grounded) for r in answered)
    correct_abstentions = sum(1 for r in abstained if not r.answerable)
    summary["abstention_precision"] = (
        round(correct_abstentions / len(abstained), 4) if abstained and unanswerable else None
    )
    summary["abstention_recall"] = (
        round(correct_abstentions / len(unanswerable), 4) if unanswerable else None
    )
    summary["answered_rate"] = _mean(0.0 if r.abstained else 1.0 for r in answerable)
    stages: dict[str, list[float]] = defaultdict(list)
    for r in results:
        for stage, ms in r.timings.items():
            stages[stage.removesuffix("_ms")].append(ms)
    summary["latency_ms"] = {
        stage: {
            "p50": round(float(np.percentile(v, 50)), 2),
            "p95": round(float(np.percentile(v, 95)), 2),
        }
        for stage, v in sorted(stages.items())
    }
    return summary


def by_type(results: Sequence[ItemResult]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for r in results:
        groups[r.qtype].append(r)
    keep = ("n", "hit@1", "hit@5", "citation_accuracy", "sentence_accuracy", "em", "f1",
            "answered_rate", "abstention_recall")  # fmt: skip
    return {
        qtype: {k: v for k, v in summarise(rs).items() if k in keep}
        for qtype, rs in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    }


# -- running --------------------------------------------------------------------------------


@dataclass
class RunResult:
    """One retrieval mode's run over the items."""

    mode: str
    results: list[ItemResult]
    seconds: float

    def summary(self) -> dict[str, Any]:
        return summarise(self.results)


def evaluate(
    items: Sequence[QAItem],
    assistant: Any,
    mode: RetrievalMode | None = None,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Ask every question (no history) and score the answer and all retrieved passages."""
    started = time.perf_counter()
    results = []
    for item in items:
        answer, retrieved = assistant.run(item.question, mode=mode)
        results.append(score_item(item, answer, retrieved.passages))
        if progress:
            progress(1)
    label = (mode or assistant.settings.retrieval).value
    return RunResult(label, results, time.perf_counter() - started)


def left_out_groups(items: Sequence[QAItem], share: float) -> set[str]:
    """A fixed (hash-ordered) share of the item groups (SQuAD articles) to leave out."""
    groups = sorted({i.group for i in items if i.group})
    if not 0 < share < 1 or len(groups) < 2:
        raise InvalidInput("--leave-out needs a share between 0 and 1 and a SQuAD file.")
    ordered = sorted(groups, key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    count = max(1, round(share * len(groups)))
    return set(ordered[:count])


def left_out_paragraphs(items: Sequence[QAItem], share: float) -> set[str]:
    """A fixed (hash-ordered) share of the paragraphs (``doc_id``) to leave out.

    The rest of each paragraph's article stays indexed: the topic is there, the answer
    is not, which is the harder case for abstention.
    """
    docs = sorted({i.doc_id for i in items if i.doc_id})
    if not 0 < share < 1 or len(docs) < 2:
        raise InvalidInput("--leave-out-paragraphs needs a share between 0 and 1 and a SQuAD file.")
    ordered = sorted(docs, key=lambda d: hashlib.sha256(d.encode()).hexdigest())
    return set(ordered[: max(1, round(share * len(docs)))])


def without_answers(item: QAItem) -> QAItem:
    """The item as a question the index cannot answer (its article or paragraph was left out)."""
    return QAItem(item.id, item.question, (), item.doc_id, False, item.group)


def build_squad_index(
    path: Path,
    settings: Settings,
    leave_out: set[str],
    leave_out_docs: frozenset[str] = frozenset(),
) -> Settings:
    """A throwaway index of the SQuAD paragraphs, minus left-out articles and paragraphs."""
    from assistant.index.indexer import ingest

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
    ingest([copy.parent], eval_settings)
    return eval_settings


# -- reporting ------------------------------------------------------------------------------

_TABLE_KEYS = ("hit@1", "hit@3", "hit@5", "hit@10", "mrr", "citation_accuracy",
               "sentence_accuracy", "em", "f1", "grounded", "answered_rate",
               "abstention_precision", "abstention_recall")  # fmt: skip


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def table(runs: Sequence[RunResult]) -> str:
    """Metrics side by side, one column per retrieval mode."""
    summaries = [r.summary() for r in runs]
    head = f"{'metric':<22}" + "".join(f"{r.mode:>10}" for r in runs)
    lines = [head, "-" * len(head)]
    lines.append(f"{'n':<22}" + "".join(f"{s['n']:>10}" for s in summaries))
    for key in _TABLE_KEYS:
        lines.append(f"{key:<22}" + "".join(f"{_fmt(s[key]):>10}" for s in summaries))
    for stage in ("retrieve", "answer", "total"):
        row = [s["latency_ms"].get(stage, {}) for s in summaries]
        cells = "".join(f"{r.get('p50', 0):>5.0f}/{r.get('p95', 0):<4.0f}" for r in row)
        lines.append(f"{stage + ' ms p50/p95':<22}" + cells)
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
    runs = []
    for mode in modes:
        with tqdm(total=len(items), desc=f"eval {mode.value}", disable=args.quiet) as bar:
            runs.append(evaluate(items, assistant, mode, bar.update))
    print(table(runs))
    print()
    print(type_table(runs[0]))
    if args.out:
        command = "assistant eval " + " ".join(sys.argv[2:])
        write_outputs(Path(args.out), runs, path.name, command)
        print(f"\nwrote {args.out}/results.json, failures.csv, report.md", file=sys.stderr)
    return 0
