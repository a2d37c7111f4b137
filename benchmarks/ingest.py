"""Ingest speed: the whole pipeline against a raw sentence-transformers encode, same chunks.

    python benchmarks/ingest.py                  # Reuters + BBC, all of it, 1 repetition
    python benchmarks/ingest.py --fraction 0.1 --repeat 3
    python benchmarks/ingest.py --fraction 0.05 --engines local ray --no-onnx   # Ray's overhead

Each stage runs in its own process so its peak memory is its own:
  raw-torch load + chunk every article (untimed), then time only sentence-transformers'
            model.encode of the chunk texts (the texts the pipeline embeds, batch size 64,
            sorted by length by sentence-transformers);
  raw-onnx  the same texts through the assistant's fastest encoder (ONNX Runtime, sorted);
  pipeline  time `ingest()` into a fresh index: read, plan, chunk, embed, write to Chroma,
            build the keyword index.
  pipeline-ray  the same `ingest()` with the Ray engine (Settings(engine="ray")) on the same
            cores: Ray is started first (ray.init(num_cpus=2), not timed, its seconds
            reported), so the time counts what every job pays: the Ray Data job, the
            actors loading the model, the hand-over of the vectors.
The figure of merit is pipeline chunks/s divided by raw chunks/s, measured in the same run
(target: >= 0.85 of the raw sentence-transformers encode); the ratio to raw-onnx shows
what the pipeline itself costs; with `--engines local ray`, pipeline-ray seconds divided
by pipeline seconds is Ray's overhead (target: <= 1.15). Results go to
benchmarks/results/ingest-*.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import ROOT, corpus_files, emit, median, peak_rss_mb, subset

STAGES = ["raw-torch", "raw-onnx", "pipeline"]


def stage_raw(files: list[Path], batch_size: int | None, backend: str) -> None:
    from assistant.config import EmbeddingBackend, Settings
    from assistant.index.embeddings import get_embedder
    from assistant.index.indexer import embedding_text
    from assistant.ingest.chunking import chunk_article
    from assistant.ingest.loaders import load_paths
    from assistant.records import Article

    settings = Settings.from_env(embed_batch_size=batch_size)
    batch_size = settings.embed_batch_size
    texts = []
    seen: set[str] = set()
    for item in load_paths(files, settings.max_file_bytes):
        if isinstance(item, Article) and item.id not in seen:
            seen.add(item.id)
            chunks = chunk_article(item, settings.chunk_max_chars, settings.chunk_overlap_sentences)
            texts.extend(embedding_text(item, chunk) for chunk in chunks)
    embedder = get_embedder(settings.embedding_model, EmbeddingBackend(backend))
    embedder.encode(texts[:64])  # warm
    started = time.perf_counter()
    if backend == "torch":  # plain sentence-transformers: it sorts the whole list by length
        embedder.model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                              convert_to_numpy=True, show_progress_bar=False)  # fmt: skip
    else:
        embedder.encode(texts, batch_size=batch_size)
    seconds = time.perf_counter() - started
    emit({"stage": f"raw-{backend}", "chunks": len(texts), "seconds": seconds,
          "peak_rss_mb": peak_rss_mb()})  # fmt: skip


def stage_pipeline(
    files: list[Path], index: Path, batch_size: int | None, engine: str = "local"
) -> None:
    import os

    from assistant.config import Settings
    from assistant.index.embeddings import get_embedder
    from assistant.index.indexer import ingest

    settings = Settings.from_env(index_dir=index, embed_batch_size=batch_size, engine=engine)
    get_embedder(settings.embedding_model).encode(["warm"] * 64)  # both stages start warm
    ray_start = 0.0
    if engine == "ray":  # the cluster is up before the job, as with `ray start` in real use
        import ray

        started = time.perf_counter()
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False,
                 configure_logging=False)  # fmt: skip
        ray_start = time.perf_counter() - started
    started = time.perf_counter()
    report = ingest(files, settings)
    seconds = time.perf_counter() - started
    emit({"stage": "pipeline" if engine == "local" else f"pipeline-{engine}",
          "chunks": report.chunks_embedded, "articles": report.articles,
          "seconds": seconds, "ray_start_s": ray_start, "peak_rss_mb": peak_rss_mb()})  # fmt: skip


def run_stage(args: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"stage {args[:2]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fraction", type=float, default=1.0, help="share of each corpus file")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--batch-size", type=int, help="chunks per batch, both stages (default: the setting's)"
    )
    parser.add_argument("--keep-index", help="keep the last pipeline index in this folder")
    parser.add_argument(
        "--no-onnx", action="store_true", help="skip the raw-onnx stage (encode_options.py has it)"
    )
    parser.add_argument(
        "--engines",
        nargs="+",
        default=["local"],
        choices=["local", "ray"],
        help="ingest engines to time in the same run (local: in-process; ray: Ray on the "
        "same cores); with both, the ratio ray/local is reported",
    )
    parser.add_argument(
        "--stage",
        choices=["raw-torch", "raw-onnx", "pipeline", "pipeline-ray"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--files", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--index", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage in ("raw-torch", "raw-onnx"):
        stage_raw([Path(f) for f in args.files], args.batch_size, args.stage.split("-")[1])
        return
    if args.stage in ("pipeline", "pipeline-ray"):
        engine = "ray" if args.stage == "pipeline-ray" else "local"
        stage_pipeline([Path(f) for f in args.files], Path(args.index), args.batch_size, engine)
        return

    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    files = subset(corpus_files(), args.fraction, work / "corpus")
    stages = [s for s in STAGES if not (args.no_onnx and s == "raw-onnx")]
    if "local" not in args.engines:
        stages.remove("pipeline")
    if "ray" in args.engines:
        stages.append("pipeline-ray")
    pipeline = "pipeline" if "pipeline" in stages else "pipeline-ray"
    runs = []
    for rep in range(args.repeat):
        index = Path(args.keep_index) if args.keep_index else work / f"index-{rep}"
        file_args = ["--files", *map(str, files)]
        # rotate the order so no stage always runs on a cooler (or warmer) machine
        order = stages[rep % len(stages) :] + stages[: rep % len(stages)]
        result = {}
        for stage in order:
            extra = []
            if stage.startswith("pipeline"):  # each engine into a fresh index
                if index.exists():
                    import shutil

                    shutil.rmtree(index)
                extra = ["--index", str(index)]
            if args.batch_size:
                extra += ["--batch-size", str(args.batch_size)]
            result[stage] = run_stage(["--stage", stage, *file_args, *extra])
        rates = {stage: result[stage]["chunks"] / result[stage]["seconds"] for stage in stages}
        to_onnx = rates[pipeline] / rates["raw-onnx"] if "raw-onnx" in rates else None
        ray_over_local = None
        if "pipeline" in result and "pipeline-ray" in result:
            ray_over_local = result["pipeline-ray"]["seconds"] / result["pipeline"]["seconds"]
        runs.append({**result, "chunks_per_s": rates,
                     "ratio": rates[pipeline] / rates["raw-torch"],
                     "ratio_to_onnx": to_onnx, "ray_over_local": ray_over_local})  # fmt: skip
        rss = {stage: f"{result[stage]['peak_rss_mb']:.0f} MiB" for stage in stages}
        print(f"rep {rep + 1}: chunks/s " + ", ".join(f"{k} {v:.1f}" for k, v in rates.items())
              + f"; pipeline/raw-torch {runs[-1]['ratio']:.3f}"
              + (f", pipeline/raw-onnx {to_onnx:.3f}" if to_onnx else "")
              + (f"; seconds ray/local {ray_over_local:.3f}" if ray_over_local else "")
              + f"; peak RSS {rss}", flush=True)  # fmt: skip
    summary = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "fraction": args.fraction,
        "engines": args.engines,
        "chunks": runs[0][pipeline]["chunks"],
        "articles": runs[0][pipeline]["articles"],
        "median_chunks_per_s": {
            stage: median([r["chunks_per_s"][stage] for r in runs]) for stage in stages
        },
        "median_ratio": median([r["ratio"] for r in runs]),
        "median_ratio_to_onnx": median([r["ratio_to_onnx"] for r in runs if r["ratio_to_onnx"]]),
        "median_ray_over_local": median([r["ray_over_local"] for r in runs if r["ray_over_local"]]),
        "median_peak_rss_mb": {
            stage: median([r[stage]["peak_rss_mb"] for r in runs]) for stage in stages
        },
        "runs": runs,
    }
    out = ROOT / "benchmarks" / "results" / f"ingest-{summary['when'][:19].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "runs"}, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
