"""The news set over real reprints: every passage of an article reaches the reader (issue 20).

A small archive of the shape of the full benchmark (docs/quality.md, "News"): Reuters items
with their near-duplicates (re-sent and corrected copies, grouped into stories at ingest)
and long BBC articles, plus unrelated articles around them; the questions of
``tests/eval/news.jsonl`` whose answers sit in those articles, mostly beyond the first
chunk. When "one passage per story" kept one passage per *article*, the answer's chunk
was dropped whenever another chunk of its article ranked higher.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_file

from assistant.config import Settings
from assistant.evaluation.datasets import QAItem, load_items
from assistant.evaluation.runner import evaluate
from assistant.facade import Assistant

pytestmark = [pytest.mark.integration, pytest.mark.shared_data]
NEWS_SET = Path(__file__).resolve().parents[1] / "eval" / "news.jsonl"
AROUND = 120  # unrelated articles from each corpus


def _subset(source: Path, keep: set[str], prefix: str, target: Path) -> None:
    """The records of ``source`` named in ``keep``, plus the first ``AROUND`` with text."""
    lines, extra = [], 0
    for line in source.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        wanted = f"{prefix}/{record['id']}" in keep
        if wanted or (extra < AROUND and len(record.get("text") or "") > 400):
            lines.append(line)
            extra += not wanted
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _questions() -> list[QAItem]:
    items = [i for i in load_items(NEWS_SET) if i.answerable]
    reprinted = [i for i in items if i.duplicates][:10]
    deep_bbc = [i for i in items if i.doc_id.startswith("bbc-news/") and not i.duplicates]
    return reprinted + deep_bbc[:10]


def test_answers_deep_in_reprinted_and_long_articles_are_found(fresh: Settings) -> None:
    reuters, bbc = shared_file("reuters21578.jsonl"), shared_file("bbc-news.jsonl")
    items = _questions()
    keep = {a for i in items for a in i.gold_articles}
    corpus = Path(fresh.corpus_dir)
    _subset(reuters, keep, "reuters21578", corpus / "reuters21578.jsonl")
    _subset(bbc, keep, "bbc-news", corpus / "bbc-news.jsonl")
    assistant = Assistant(fresh)
    assistant.ingest([corpus])
    stories = {e.story for e in assistant.store.manifest().values() if e.story}
    assert len(stories) >= 5  # the reprints are grouped, as in the full archive

    run = evaluate(items, assistant)
    found = [r.hit_rank > 0 for r in run.results]
    assert sum(found) >= 0.9 * len(items), [r.id for r in run.results if not r.hit_rank]
    assert run.summary()["f1"] >= 0.6
