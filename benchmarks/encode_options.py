"""What makes the raw encode itself faster here: backend, threads, batch size, length sorting.

    python benchmarks/encode_options.py --chunks 400 --repeat 3

Encodes the same sample of Reuters + BBC chunk texts (the texts ingest embeds) in each
configuration and prints chunks per second (median of the repetitions). Each
configuration runs in a fresh process so thread settings do not leak between them.
Then the question-time case: the sentences of 4 chunks (what the reader embeds for one
question), encoded by each backend, in milliseconds per question.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import corpus_files, emit, median

CONFIGS = [
    # (label, backend, threads, batch size, sorted by length)
    ("torch, 2 threads, batch 64, unsorted", "torch", 2, 64, False),
    ("torch, 2 threads, batch 64, sorted", "torch", 2, 64, True),
    ("torch, 1 thread, batch 64, sorted", "torch", 1, 64, True),
    ("torch, 2 threads, batch 16, sorted", "torch", 2, 16, True),
    ("torch, 2 threads, batch 32, sorted", "torch", 2, 32, True),
    ("torch, 2 threads, batch 128, sorted", "torch", 2, 128, True),
    ("onnx, 2 threads, batch 64, unsorted", "onnx", 2, 64, False),
    ("onnx, 2 threads, batch 64, sorted", "onnx", 2, 64, True),
    ("onnx, 1 thread, batch 64, sorted", "onnx", 1, 64, True),
    ("onnx, 2 threads, batch 16, sorted", "onnx", 2, 16, True),
    ("onnx, 2 threads, batch 32, sorted", "onnx", 2, 32, True),
    ("onnx, 2 threads, batch 128, sorted", "onnx", 2, 128, True),
]


def sample_texts(count: int) -> list[str]:
    """Chunk texts spread over both corpora (every k-th chunk), as ingest builds them."""
    from assistant.index.indexer import embedding_text
    from assistant.ingest.chunking import chunk_article
    from assistant.ingest.loaders import load_paths
    from assistant.records import Article

    texts = []
    for item in load_paths(corpus_files()):
        if isinstance(item, Article):
            texts.extend(embedding_text(item, c) for c in chunk_article(item))
    step = max(1, len(texts) // count)
    return texts[::step][:count]


def one(backend: str, threads: int, batch: int, ordered: bool, sample: Path) -> None:
    import torch

    torch.set_num_threads(threads)
    from assistant.config import PACKAGED_MODEL, EmbeddingBackend
    from assistant.index.embeddings import get_embedder, model_path
    from assistant.index.onnx_encoder import OnnxEncoder

    embedder = get_embedder(backend=EmbeddingBackend(backend))
    if embedder.onnx is not None:  # the same session, with this many threads
        embedder.onnx = OnnxEncoder(embedder.model, model_path(PACKAGED_MODEL), threads=threads)
    texts = json.loads(sample.read_text(encoding="utf-8"))
    embedder.encode(texts[:batch])  # warm up
    started = time.perf_counter()
    if ordered:
        embedder.encode(texts, batch_size=batch)
    else:
        for first in range(0, len(texts), batch):
            embedder.encode(texts[first : first + batch], batch_size=batch)
    emit({"chunks_per_s": len(texts) / (time.perf_counter() - started)})


def question_time(backend: str, sample: Path) -> None:
    from assistant.config import EmbeddingBackend
    from assistant.index.embeddings import get_embedder
    from assistant.text.sentences import split_sentences

    chunks = json.loads(sample.read_text(encoding="utf-8"))
    groups = []
    for first in range(0, len(chunks) - 3, 4):
        text = "\n".join(chunks[first : first + 4])
        groups.append([text[s.start : s.end] for s in split_sentences(text)])
    embedder = get_embedder(backend=EmbeddingBackend(backend))
    embedder.encode_short(groups[0])  # warm up
    started = time.perf_counter()
    for group in groups[1:]:
        embedder.encode_short(group)
    per_question = (time.perf_counter() - started) * 1000 / (len(groups) - 1)
    emit({"ms_per_question": per_question,
          "sentences": sum(map(len, groups[1:])) / (len(groups) - 1)})  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=400)
    parser.add_argument("--only-questions", action="store_true", help="skip the chunk table")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--question-time", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.question_time:
        question_time(args.question_time[0], Path(args.question_time[1]))
        return
    if args.one:
        backend, threads, batch, ordered, sample = args.one
        one(backend, int(threads), int(batch), ordered == "1", Path(sample))
        return
    # the sample is drawn once, so every configuration encodes exactly the same texts
    sample = Path(tempfile.mkdtemp(prefix="bench-encode-")) / "sample.json"
    sample.write_text(json.dumps(sample_texts(args.chunks)), encoding="utf-8")
    print(f"| configuration | chunks/s (median of {args.repeat}) |\n| --- | --- |")
    for label, backend, threads, batch, ordered in [] if args.only_questions else CONFIGS:
        rates = []
        for _ in range(args.repeat):
            done = subprocess.run(
                [sys.executable, __file__, "--one", backend, str(threads), str(batch),
                 "1" if ordered else "0", str(sample)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            rates.append(json.loads(done.stdout.strip().splitlines()[-1])["chunks_per_s"])
        print(f"| {label} | {median(rates):.1f} |", flush=True)

    print(f"\n| a question's sentences | ms per question (median of {args.repeat}) "
          "| sentences |\n| --- | --- | --- |")  # fmt: skip
    for backend in ("torch", "onnx"):
        runs = []
        for _ in range(args.repeat):
            done = subprocess.run(
                [sys.executable, __file__, "--question-time", backend, str(sample)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        ms = median([r["ms_per_question"] for r in runs])
        print(f"| {backend} | {ms:.1f} | {runs[0]['sentences']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
