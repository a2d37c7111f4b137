"""Shared data for the tuning scripts: the SQuAD split, cached retrieval lists and parses.

The retrieval tuning replays the product's own ranking code over cached inputs (the
dense and BM25 lists of every question), so a change can be scored on all 4,557
questions in seconds rather than minutes.

The split is by SQuAD article, fixed: titles sorted alphabetically, every second one
(positions 1, 3, 5, ...) is DEV (6 articles, used for fitting), the other 7 are TEST.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings
from assistant.evaluation.datasets import QAItem, load_squad
from assistant.facade import Assistant
from assistant.index.keyword_index import KeywordIndex
from assistant.records import (
    Passage,  # noqa: F401  (pickled caches name it)
    Retrieved,
    StoredChunk,
)
from assistant.retrieval.rerank import rank_candidates
from assistant.retrieval.retriever import rrf, to_passage

SQUAD = Path(__file__).resolve().parents[2] / "shared" / "data" / "squad-v1.1-dev-13articles.json"
DEPTH = 50


def split(items: list[QAItem]) -> tuple[set[str], set[str]]:
    """(dev titles, test titles): alphabetical order, every second title is dev."""
    titles = sorted({i.group for i in items})
    dev = set(titles[1::2])
    return dev, set(titles) - dev


@dataclass
class QuestionCache:
    """One question's retrieval inputs."""

    vector: np.ndarray
    dense: list[tuple[str, float]]  # (chunk id, cosine similarity), best first
    bm25: list[tuple[str, float]]  # (chunk id, BM25 score), best first


@dataclass
class Cache:
    """Every question's retrieval lists and every chunk, for one index."""

    items: list[QAItem]
    questions: list[QuestionCache]
    chunks: dict[str, object]  # chunk id -> StoredChunk, with its vector


def build_cache(index_dir: Path, out: Path) -> Cache:
    """Ask the index for the top ``DEPTH`` dense and BM25 chunks of every question."""
    items = load_squad(SQUAD)
    assistant = Assistant(Settings.from_env(index_dir=index_dir))
    retriever = assistant.retriever
    retriever.refresh(force=True)
    questions = []
    vectors = retriever.embedder.encode([i.question for i in items])
    for item, vector in zip(items, vectors, strict=True):
        dense = retriever.store.query(vector, DEPTH)
        hits = retriever.keyword.search(item.question, DEPTH)
        questions.append(
            QuestionCache(
                vector,
                [(c.id, 1.0 - float(c.distance or 0.0)) for c in dense],
                [(h.chunk_id, h.score) for h in hits],
            )
        )
    manifest = assistant.store.manifest()
    ids = [c.id for c in assistant.store.chunks_of(list(manifest))]
    chunks = {}
    for first in range(0, len(ids), 500):
        for chunk in assistant.store.get_chunks(ids[first : first + 500], embeddings=True):
            chunks[chunk.id] = chunk
    cache = Cache(items, questions, chunks)
    out.write_bytes(pickle.dumps(cache))
    return cache


def load_cache(path: Path) -> Cache:
    return pickle.loads(path.read_bytes())


def retrieved_for(
    cache: Cache, index: int, keyword: KeywordIndex, k: int, depth: int = 20
) -> Retrieved:
    """The passages ``HybridRetriever.retrieve`` would return, from the cached lists."""
    q = cache.questions[index]
    chunks = cache.chunks
    dense = [
        StoredChunk(**{**chunks[cid].__dict__, "distance": 1.0 - sim, "embedding": None})
        for cid, sim in q.dense[:depth]
    ]
    scores = dict(q.bm25[:depth])
    fused = rrf([[c.id for c in dense], list(scores)])
    question = cache.items[index].question
    ranked = rank_candidates(
        fused,
        dense,
        scores,
        question,
        q.vector,
        k,
        lambda ids: [chunks[i] for i in ids],
        keyword.idf_of,
    )
    return Retrieved(
        [to_passage(r, n) for n, r in enumerate(ranked, 1)],
        q.vector,
    )


def groups(cache: Cache) -> dict[str, list[int]]:
    """Question indices of the dev split, the test split and all."""
    dev, _ = split(cache.items)
    is_dev = [item.group in dev for item in cache.items]
    return {
        "dev": [i for i, d in enumerate(is_dev) if d],
        "test": [i for i, d in enumerate(is_dev) if not d],
        "all": list(range(len(is_dev))),
    }


if __name__ == "__main__":
    import tune_data  # pickle the classes under their module name, not __main__

    tune_data.build_cache(Path(sys.argv[1]), Path(sys.argv[2]))
