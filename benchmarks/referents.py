"""Who "it" is, measured: answers with and without the referent step, in one run.

    python benchmarks/referents.py [--sets coref news squad] [--limit N]

Every question that asks for an actor ("who", "which company ...": the only ones the
step can change, ``referents.resolved`` returns any other answer untouched) is asked
twice over the same index: once with the step (today's code) and once with it replaced
by "keep the reader's answer" (before). Sets:
  coref  tests/eval/coref.jsonl: answers whose sentence calls the actor "it", "he", "the
         company" (pronoun, description) and controls that name it (control);
  news   tests/eval/news.jsonl's actor questions;
  squad  ../shared/data's SQuAD v1.1 dev (13 articles) actor questions.
coref and news are asked of one index of their articles (and their reprints) with 120
unrelated articles of each corpus around them; squad of its own paragraphs. Reported per
set (and per kind): F1, EM, answered, and the change over the whole set (questions the
step cannot change count as unchanged). Results go to benchmarks/results/referents-*.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from _shared import ROOT, SHARED, corpus_files, write_results

from assistant.answering.referents import asks_for_an_actor
from assistant.config import Settings
from assistant.evaluation.datasets import QAItem, load_items
from assistant.evaluation.metrics import ItemResult, score_item
from assistant.evaluation.runner import build_squad_index
from assistant.facade import Assistant

SETS = {"coref": ROOT / "tests/eval/coref.jsonl", "news": ROOT / "tests/eval/news.jsonl",
        "squad": SHARED / "squad-v1.1-dev-13articles.json"}  # fmt: skip
AROUND = 120  # unrelated articles from each corpus


def news_index(items: list[QAItem], folder: Path) -> Settings:
    """One index of the sets' articles (and reprints) and ``AROUND`` others per corpus."""
    wanted = {d for item in items for d in item.gold_articles}
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for source in corpus_files():
        kept, extra = [], 0
        for line in source.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            named = f"{source.stem}/{record['id']}" in wanted
            if named or (extra < AROUND and len(record.get("text") or "") > 400):
                kept.append(line)
                extra += not named
        (corpus / source.name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    settings = Settings.from_env(index_dir=folder / "index", corpus_dir=corpus)
    Assistant(settings).ingest([corpus])
    return settings


def ask_both(assistant: Assistant, items: list[QAItem]) -> dict[str, list[ItemResult]]:
    """Each item answered with the referent step (after) and without it (before)."""
    out: dict[str, list[ItemResult]] = {"before": [], "after": []}
    for item in items:
        with mock.patch("assistant.answering.choice.resolved", lambda question, best: best):
            answer, found = assistant.run(item.question, reference=item.reference)
        out["before"].append(score_item(item, answer, found.passages))
        answer, found = assistant.run(item.question, reference=item.reference)
        out["after"].append(score_item(item, answer, found.passages))
    return out


def figures(results: list[ItemResult], whole: int) -> dict[str, Any]:
    answerable = [r for r in results if r.answerable] or results
    return {
        "questions": len(results),
        "f1": round(sum(r.f1 for r in answerable) / max(len(answerable), 1), 4),
        "em": round(sum(r.em for r in answerable) / max(len(answerable), 1), 4),
        "answered": round(sum(not r.abstained for r in results) / max(len(results), 1), 4),
        "f1_sum_over_set": round(sum(r.f1 for r in answerable) / max(whole, 1), 4),
    }


def report(name: str, items: list[QAItem], both: dict[str, list[ItemResult]], whole: int,
           kinds: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    row: dict[str, Any] = {"whole_set_answerable": whole}
    groups = sorted({kinds.get(r.id, "") for r in both["after"]})
    for group in groups:
        label = f"{name}/{group}" if group else name
        picked = {k: [r for r in v if kinds.get(r.id, "") == group] for k, v in both.items()}
        before, after = (figures(picked[k], whole) for k in ("before", "after"))
        row[group or "all"] = {"before": before, "after": after,
                               "changed": [(b.id, b.prediction, a.prediction)
                                           for b, a in zip(picked["before"], picked["after"],
                                                           strict=True)
                                           if b.prediction != a.prediction]}  # fmt: skip
        change = after["f1_sum_over_set"] - before["f1_sum_over_set"]
        print(f"{label:18} {before['questions']:4} questions  F1 {before['f1']:.3f} -> "
              f"{after['f1']:.3f}  EM {before['em']:.3f} -> {after['em']:.3f}  answered "
              f"{before['answered']:.3f} -> {after['answered']:.3f}  over the whole set "
              f"{change:+.4f}", flush=True)  # fmt: skip
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--limit", type=int, default=0, help="only the first N actor questions")
    args = parser.parse_args()
    loaded = {name: load_items(SETS[name]) for name in args.sets}
    kinds = {}
    if "coref" in loaded:
        for line in SETS["coref"].read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            kinds[record["id"]] = record.get("kind", "")
    results: dict[str, Any] = {"date": dt.date.today().isoformat(), "sets": {}}
    with tempfile.TemporaryDirectory() as work:
        news_like = [i for name in ("coref", "news") if name in loaded for i in loaded[name]]
        shared = Assistant(news_index(news_like, Path(work) / "news")) if news_like else None
        for name, items in loaded.items():
            asked = [i for i in items if asks_for_an_actor(i.question) or name == "coref"]
            asked = asked[: args.limit] if args.limit else asked
            if name == "squad":
                assistant = Assistant(build_squad_index(SETS["squad"], Settings.from_env(), set()))
            else:
                assert shared is not None
                assistant = shared
            whole = sum(1 for i in items if i.answerable)
            results["sets"][name] = report(name, asked, ask_both(assistant, asked), whole, kinds)
    out = write_results("referents", results)
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
