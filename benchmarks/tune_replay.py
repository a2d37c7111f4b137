"""Replay the answerer over cached retrieval lists, sentence vectors and parses.

``replay`` builds each question's passages with the product's fusion code, runs the
product's ``ExtractiveAnswerer`` on them and scores the answer with the evaluation
suite's ``score_item``, so the figures match ``assistant eval`` (bar latency) while
sentence vectors and spaCy parses are computed once and kept in ``/tmp``.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tune_data

import assistant.answering as answering
from assistant.config import Settings
from assistant.embeddings import get_embedder
from assistant.evaluation import (
    ItemResult,
    left_out_groups,
    score_item,
    summarise,
    without_answers,
)
from assistant.keyword import KeywordIndex
from assistant.nlp import parse, pipeline
from assistant.rerank import fuse
from assistant.retrieval import Retrieved, keyword_cache_dir, rrf, to_passage
from assistant.store import StoredChunk

VECTORS = Path("/tmp/q-sentence-vectors.pkl")
DOCS = Path("/tmp/q-docs.pkl")


class CachedEmbedder:
    """``encode_cached`` from a dictionary kept on disk; encodes what it lacks."""

    def __init__(self) -> None:
        self.vectors: dict[str, np.ndarray] = (
            pickle.loads(VECTORS.read_bytes()) if VECTORS.exists() else {}
        )
        self.dirty = False

    def encode_cached(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            fresh = get_embedder().encode(missing)
            self.vectors.update(zip(missing, fresh, strict=True))
            self.dirty = True
        return np.vstack([self.vectors[t] for t in texts])

    def save(self) -> None:
        if self.dirty:
            VECTORS.write_bytes(pickle.dumps(self.vectors))


class CachedParser:
    """``nlp.parse`` from a dictionary of serialised docs kept on disk."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = pickle.loads(DOCS.read_bytes()) if DOCS.exists() else {}
        self.docs: dict[str, object] = {}
        self.dirty = False

    def __call__(self, texts: Sequence[str]) -> list[object]:
        from spacy.tokens import Doc

        missing = [t for t in dict.fromkeys(texts) if t not in self.data]
        if missing:
            for text, doc in zip(missing, parse(missing), strict=True):
                self.data[text] = doc.to_bytes()
                self.docs[text] = doc
            self.dirty = True
        out = []
        for text in texts:
            if text not in self.docs:
                self.docs[text] = Doc(pipeline().vocab).from_bytes(self.data[text])
            out.append(self.docs[text])
        return out

    def save(self) -> None:
        if self.dirty:
            DOCS.write_bytes(pickle.dumps(self.data))


def retrieved_for(
    cache: tune_data.Cache, index: int, keyword: KeywordIndex, k: int, depth: int = 20
) -> Retrieved:
    """The passages ``Retriever.retrieve`` would return, from the cached lists."""
    q = cache.questions[index]
    chunks = cache.chunks
    dense = [
        StoredChunk(**{**chunks[cid].__dict__, "distance": 1.0 - sim, "embedding": None})
        for cid, sim in q.dense[:depth]
    ]
    scores = dict(q.bm25[:depth])
    fused = rrf([[c.id for c in dense], list(scores)])
    question = cache.items[index].question
    ranked = fuse(
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


def load(index_dir: Path, cache_path: Path, **overrides: object):
    """(cache, answerer, keyword index) for ``index_dir`` with settings ``overrides``."""
    cache = tune_data.load_cache(cache_path)
    settings = Settings.from_env(index_dir=index_dir, **overrides)
    keyword = KeywordIndex.load(keyword_cache_dir(settings))
    assert keyword is not None, f"no keyword index in {index_dir}"
    embedder = CachedEmbedder()
    answerer = answering.ExtractiveAnswerer(embedder, keyword, settings)
    return cache, answerer, keyword


def replay(
    cache: tune_data.Cache,
    answerer: answering.ExtractiveAnswerer,
    keyword: KeywordIndex,
    indices: Sequence[int],
) -> list[ItemResult]:
    """Answer the questions at ``indices`` and score them like ``assistant eval``."""
    parser = CachedParser()
    original = answering.parse
    answering.parse = parser
    try:
        results = []
        for i in indices:
            retrieved = retrieved_for(cache, i, keyword, answerer.settings.candidates)
            question = cache.items[i].question
            answer = answerer.answer(question, question, retrieved, {})
            results.append(score_item(cache.items[i], answer, retrieved.passages))
    finally:
        answering.parse = original
        parser.save()
        answerer.embedder.save()
    return results


def groups(cache: tune_data.Cache) -> dict[str, list[int]]:
    """Question indices of the dev split, the test split and all."""
    dev, _ = tune_data.split(cache.items)
    is_dev = [item.group in dev for item in cache.items]
    return {
        "dev": [i for i, d in enumerate(is_dev) if d],
        "test": [i for i, d in enumerate(is_dev) if not d],
        "all": list(range(len(is_dev))),
    }


_KEYS = ("hit@5", "citation_accuracy", "sentence_accuracy", "em", "f1", "answered_rate",
         "abstention_recall")  # fmt: skip


def line(name: str, results: Sequence[ItemResult]) -> str:
    summary = summarise(results)
    return f"{name:<6}" + " ".join(
        "  n/a" if summary[k] is None else f"{summary[k]:.3f}" for k in _KEYS
    )


if __name__ == "__main__":
    # tune_replay.py INDEX CACHE [leave-out]: with "leave-out", INDEX lacks the articles
    # ``assistant eval --leave-out 0.3`` leaves out, and their questions are unanswerable.
    index_dir, cache_path = Path(sys.argv[1]), Path(sys.argv[2])
    cache, answerer, keyword = load(index_dir, cache_path)
    if sys.argv[3:] == ["leave-out"]:
        gone = left_out_groups(cache.items, 0.3)
        cache.items = [without_answers(i) if i.group in gone else i for i in cache.items]
    split = groups(cache)
    results = replay(cache, answerer, keyword, split["all"])
    print("split  " + " ".join(k[:8] for k in _KEYS))
    for name, indices in split.items():
        chosen = set(indices)
        print(line(name, [r for i, r in enumerate(results) if i in chosen]))
