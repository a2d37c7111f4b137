"""Choose the fusion: reciprocal rank fusion against the re-ranking, and its weight.

    python benchmarks/tune_retrieval.py INDEX CACHE [INDEX CACHE ...]

One INDEX/CACHE pair per chunking (build each index with ``ASSISTANT_CHUNK_CHARS=N
assistant ingest ...`` and its cache with ``tune_data.py``). For each, prints hit@1/3/5/10
on the dev split, the test split and all questions for: RRF alone (the old fusion), and
the product's ``fuse`` with ``rerank.W_COVERAGE`` over a grid. The grid point is chosen
on dev (hit@5, then hit@1).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tune_data

from assistant import rerank
from assistant.config import Settings
from assistant.evaluation.metrics import contains_answer
from assistant.index.keyword_index import KeywordIndex
from assistant.index.keyword_sync import keyword_cache_dir
from assistant.retrieval.retriever import rrf

GRID = (0.0, 0.25, 0.35, 0.5, 0.65, 0.8, 1.0)
KS = (1, 3, 5, 10)


def first_hit(cache: tune_data.Cache, index: int, chunk_ids: list[str]) -> int:
    """1-based rank of the first chunk of the gold article that holds a gold answer."""
    item = cache.items[index]
    for rank, cid in enumerate(chunk_ids, start=1):
        chunk = cache.chunks[cid]
        if chunk.article_id == item.doc_id and contains_answer(chunk.text, item.answers):
            return rank
    return 0


def hits(ranks: np.ndarray) -> list[float]:
    return [float(np.mean((ranks > 0) & (ranks <= k))) for k in KS]


def rrf_ranks(cache: tune_data.Cache, depth: int) -> np.ndarray:
    out = []
    for i, q in enumerate(cache.questions):
        fused = rrf([[c for c, _ in q.dense[:depth]], [c for c, _ in q.bm25[:depth]]])
        out.append(first_hit(cache, i, sorted(fused, key=lambda c: -fused[c])[:depth]))
    return np.array(out)


def rerank_ranks(cache: tune_data.Cache, keyword: KeywordIndex, depth: int) -> np.ndarray:
    out = []
    for i in range(len(cache.items)):
        passages = tune_data.retrieved_for(cache, i, keyword, depth).passages
        out.append(first_hit(cache, i, [p.chunk_id for p in passages]))
    return np.array(out)


def show(name: str, ranks: np.ndarray, split: dict[str, list[int]]) -> None:
    cells = "  ".join(
        f"{part} " + " ".join(f"{h:.3f}" for h in hits(ranks[idx])) for part, idx in split.items()
    )
    print(f"{name:<22} {cells}")


def main() -> None:
    pairs = list(zip(sys.argv[1::2], sys.argv[2::2], strict=True))
    if not pairs:
        raise SystemExit(__doc__)
    print(f"{'':<22} hit@{'/'.join(map(str, KS))} on each split")
    for index_dir, cache_path in pairs:
        cache = tune_data.load_cache(Path(cache_path))
        settings = Settings.from_env(index_dir=Path(index_dir))
        keyword = KeywordIndex.load(keyword_cache_dir(settings))
        assert keyword is not None
        split = tune_data.groups(cache)
        print(f"-- {index_dir} ({len(cache.chunks)} chunks)")
        show("rrf", rrf_ranks(cache, settings.candidates), split)
        scores = {}
        for weight in GRID:
            rerank.W_COVERAGE = weight
            ranks = rerank_ranks(cache, keyword, settings.candidates)
            show(f"rerank W_COVERAGE={weight}", ranks, split)
            dev = hits(ranks[split["dev"]])
            scores[weight] = (dev[2], dev[0])
        print("chosen on dev: W_COVERAGE =", max(scores, key=lambda w: scores[w]))


if __name__ == "__main__":
    main()
