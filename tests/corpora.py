"""Generated corpora and index snapshots that several tests compare."""

from __future__ import annotations

import random
from pathlib import Path

from assistant.config import Settings
from assistant.index.store import Store

TOPICS = ["floods", "elections", "cocoa prices", "a port strike", "a rail merger", "drought"]


def make_corpus(folder: Path, articles: int = 200, sentences: int = 18) -> None:
    """Distinct articles long enough for several chunks each (several embedding batches)."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        topic = TOPICS[n % len(TOPICS)]
        lines = [
            f"Report {n} covers {topic} in district {rng.randint(1, 999)} of region {n}. "
            f"Officials counted {rng.randint(2, 900)} cases on day {k} and said more was coming."
            for k in range(sentences)
        ]
        (folder / f"report-{n:03}.txt").write_text(" ".join(lines), encoding="utf-8")


def snapshot(settings: Settings) -> dict[str, object]:
    """Everything that defines the index: chunk ids, texts, offsets, the manifest."""
    store = Store.open(settings)
    chunks = store.chunks.get(include=["documents", "metadatas"])
    manifest = store.manifest()
    return {
        "chunks": sorted(
            (cid, doc, meta["start"], meta["end"])
            for cid, doc, meta in zip(
                chunks["ids"], chunks["documents"], chunks["metadatas"], strict=True
            )
        ),
        "count": store.chunks.count(),
        "articles": sorted((e.id, e.content_hash, e.chunks, e.ready) for e in manifest.values()),
    }
