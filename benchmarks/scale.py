"""Past one machine: the index at 41k, 250k and 1M chunks, built from copies of the real one.

    python benchmarks/scale.py --source /tmp/bench-full                       # 41k and 250k
    python benchmarks/scale.py --source /tmp/bench-full --sizes 41203 250000 1000000 --server

Embedding a million chunks would take this machine 9 hours, so the larger indexes are made
from the index of all of Reuters + BBC (``ingest.py --keep-index``, 41,203 chunks): the
source index is copied, then each further copy of every article is written straight into
Chroma with the app's own ids and metadata (``<article>~c<n>``), its chunk texts varied
(a few words per chunk replaced by words from other chunks, so the keyword index grows a
vocabulary and its columns are not just repeated) and its vectors the real ones plus
small Gaussian noise, renormalised (cosine to the original about 0.98). The articles
collection (the manifest) gets the copies too, so the keyword index and the reader see
an index as ingest would leave it. Stories and near-duplicate groups are the source's.

Per size, each step in its own process:
  build    copy + write the copies (Chroma write rate, chunks/s, batches of the client's
           get_max_batch_size()); then build the keyword index from Chroma as the app does
           after an ingest (``sync_keyword_index`` from empty, seconds); disk (du)
  load     a fresh process loads the saved keyword index (seconds, RSS it adds)
  measure  a fresh process opens the index as the app does (Assistant, warm_up), RSS after
           load, then ``search`` and ``ask`` p50/p95 over --questions questions of
           tests/eval/news.jsonl (3 more first, to warm up), and RSS after them
With --server, the largest size is measured again through a Chroma server
(``chroma run --path``, ASSISTANT_CHROMA_URL): the server's RSS and the app's.
Ratios are against the smallest size of the same run. Targets (issue "Past one machine"):
ask() p50 at 1M within 2x of 41k; the app process under 6 GB at 1M.
Results go to benchmarks/results/scale-*.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from _shared import ROOT, current_rss_mb, emit, peak_rss_mb, write_results

EVAL = ROOT / "tests" / "eval" / "news.jsonl"
NOISE = 0.01  # per dimension; |noise| about 0.2 on a unit vector of 384: cosine about 0.98
WORDS_REPLACED = 3  # per chunk text and copy


def du_mb(path: Path) -> float:
    done = subprocess.run(["du", "-sm", str(path)], capture_output=True, text=True, check=True)
    return float(done.stdout.split()[0])


def rss_of(pid: int) -> float:
    """Resident memory of another process, in MiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _settings(index: Path, url: str | None = None):
    from assistant.config import Settings

    return Settings.from_env(index_dir=index, chroma_url=url)


def _everything(collection, include: list[str], page: int):
    """All of a collection: ids and the included fields, a page at a time."""
    out: dict[str, list] = {"ids": [], **{name: [] for name in include}}
    offset = 0
    while True:
        got = collection.get(include=include, limit=page, offset=offset)
        if not got["ids"]:
            return out
        out["ids"].extend(got["ids"])
        for name in include:
            out[name].extend(list(got[name]))
        offset += len(got["ids"])


def _vary(text: str, rng: random.Random, pool: list[str]) -> str:
    words = text.split(" ")
    for _ in range(WORDS_REPLACED):
        words[rng.randrange(len(words))] = rng.choice(pool)
    return " ".join(words)


def stage_build(source: Path, index: Path, size: int) -> None:
    from assistant.index.keyword_index import KeywordIndex
    from assistant.index.keyword_sync import keyword_cache_dir, sync_keyword_index
    from assistant.index.store import Store
    from assistant.ingest.chunking import chunk_id

    started = time.perf_counter()
    shutil.copytree(source, index, ignore=shutil.ignore_patterns("watches.sqlite3*"))
    copy_seconds = time.perf_counter() - started
    settings = _settings(index)
    store = Store.open(settings)
    batch = int(store.client.get_max_batch_size())
    chunks = _everything(store.chunks, ["documents", "metadatas", "embeddings"], 5000)
    articles = _everything(store.articles, ["documents", "metadatas", "embeddings"], 2000)
    base = len(chunks["ids"])
    vectors = np.asarray(chunks["embeddings"], dtype=np.float32)
    article_vectors = np.asarray(articles["embeddings"], dtype=np.float32)
    rng = random.Random(7)
    noise = np.random.default_rng(7)
    pool = [w for doc in rng.sample(chunks["documents"], 2000) for w in doc.split() if w.isalpha()]
    copies = 0
    chunk_seconds = article_seconds = 0.0
    written = 0
    per_copy = []  # chunks/s of each copy: does writing slow as the collection grows?
    wanted = max(0, round(size / base) - 1)  # whole copies: every article has all its chunks
    while copies < wanted:
        copies += 1
        tag = f"~c{copies}"
        ids = [chunk_id(m["article_id"] + tag, int(m["chunk_no"])) for m in chunks["metadatas"]]
        metas = [{**m, "article_id": m["article_id"] + tag} for m in chunks["metadatas"]]
        docs = [_vary(doc, rng, pool) for doc in chunks["documents"]]
        moved = vectors + noise.normal(0, NOISE, vectors.shape).astype(np.float32)
        moved /= np.linalg.norm(moved, axis=1, keepdims=True)
        started = time.perf_counter()
        for first in range(0, len(ids), batch):
            last = first + batch
            store.chunks.add(ids=ids[first:last], embeddings=moved[first:last],
                             documents=docs[first:last], metadatas=metas[first:last])  # fmt: skip
        chunk_seconds += time.perf_counter() - started
        per_copy.append(len(ids) / (time.perf_counter() - started))
        written += len(ids)
        a_ids = [aid + tag for aid in articles["ids"]]
        started = time.perf_counter()
        for first in range(0, len(a_ids), batch):
            last = first + batch
            store.articles.add(ids=a_ids[first:last], embeddings=article_vectors[first:last],
                               documents=articles["documents"][first:last],
                               metadatas=articles["metadatas"][first:last])  # fmt: skip
        article_seconds += time.perf_counter() - started
        print(f"  copy {copies}: {written} chunks written, {chunk_seconds:.0f} s", file=sys.stderr,
              flush=True)  # fmt: skip
    del chunks, articles, vectors, article_vectors
    gc.collect()
    store.bump_generation()
    folder = keyword_cache_dir(settings)
    shutil.rmtree(folder, ignore_errors=True)  # built from Chroma, as after an ingest
    started = time.perf_counter()
    keyword = KeywordIndex()
    sync_keyword_index(keyword, store, folder)
    bm25_build = time.perf_counter() - started
    n_articles, n_chunks = store.counts()
    emit({"stage": "build", "chunks": n_chunks, "articles": n_articles, "copies": copies,
          "copy_seconds": copy_seconds, "chunks_written": written,
          "chunk_write_s": chunk_seconds, "article_write_s": article_seconds,
          "chunk_writes_per_s": written / chunk_seconds if written else None,
          "writes_per_s_per_copy": per_copy,
          "bm25_build_s": bm25_build, "bm25_terms": len(keyword.vocabulary),
          "bm25_file_mb": (folder / "bm25.npz").stat().st_size / 2**20,
          "disk_mb": du_mb(index), "chroma_batch": batch,
          "peak_rss_mb": peak_rss_mb()})  # fmt: skip


def stage_load(index: Path) -> None:
    from assistant.index.keyword_index import KeywordIndex
    from assistant.index.keyword_sync import keyword_cache_dir

    before = current_rss_mb()
    started = time.perf_counter()
    keyword = KeywordIndex.load(keyword_cache_dir(_settings(index)))
    seconds = time.perf_counter() - started
    assert keyword is not None, "no saved keyword index"
    emit({"stage": "load", "bm25_load_s": seconds, "bm25_rss_mb": current_rss_mb() - before,
          "rows": len(keyword)})  # fmt: skip


def _questions(count: int) -> list[str]:
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
    return [row["question"] for row in rows[: count + 3]]


def stage_measure(index: Path, count: int, url: str | None) -> None:
    from assistant.facade import Assistant

    assistant = Assistant(_settings(index, url))
    started = time.perf_counter()
    assistant.warm_up()
    open_seconds = time.perf_counter() - started
    rss_loaded = current_rss_mb()
    articles, chunks = assistant.stats()
    questions = _questions(count)
    for question in questions[:3]:
        assistant.search(question)
        assistant.ask(question)
    search_ms, ask_ms = [], []
    for question in questions[3:]:
        started = time.perf_counter()
        assistant.search(question)
        search_ms.append((time.perf_counter() - started) * 1000)
    for question in questions[3:]:
        started = time.perf_counter()
        assistant.ask(question)
        ask_ms.append((time.perf_counter() - started) * 1000)
    emit({"stage": "measure", "chunks": chunks, "articles": articles,
          "questions": len(search_ms), "open_and_warm_s": open_seconds,
          "rss_after_load_mb": rss_loaded, "rss_after_questions_mb": current_rss_mb(),
          "peak_rss_mb": peak_rss_mb(),
          "search_p50_ms": float(np.percentile(search_ms, 50)),
          "search_p95_ms": float(np.percentile(search_ms, 95)),
          "ask_p50_ms": float(np.percentile(ask_ms, 50)),
          "ask_p95_ms": float(np.percentile(ask_ms, 95))})  # fmt: skip


def run_stage(args: list[str], env: dict[str, str] | None = None) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=False, env=env)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"stage {args[:2]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def with_server(index: Path, questions: int, port: int) -> dict:
    """The measure stage against ``chroma run --path index``; the server's RSS with it."""
    from assistant.config import Settings
    from assistant.index.keyword_sync import keyword_cache_dir

    url = f"http://127.0.0.1:{port}"
    local = keyword_cache_dir(_settings(index))
    remote = keyword_cache_dir(Settings.from_env(index_dir=index, chroma_url=url))
    remote.mkdir(parents=True, exist_ok=True)
    shutil.copy2(local / "bm25.npz", remote / "bm25.npz")  # same generation: loaded, not rebuilt
    chroma = Path(sys.executable).parent / "chroma"
    server = subprocess.Popen([str(chroma), "run", "--path", str(index), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        started = time.perf_counter()
        import urllib.request

        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2)
                break
            except OSError:
                if time.perf_counter() - started > 300:
                    raise
                time.sleep(1)
        ready = time.perf_counter() - started
        idle = rss_of(server.pid)
        measured = run_stage(["--measure", str(index), "--questions", str(questions),
                              "--url", url])  # fmt: skip
        measured["server_rss_idle_mb"] = idle
        measured["server_rss_after_mb"] = rss_of(server.pid)
        measured["server_ready_s"] = ready
        return measured
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--source", default="/tmp/bench-full", help="an index of all of Reuters + BBC"
    )
    parser.add_argument("--sizes", nargs="+", type=int, default=[41203, 250000])
    parser.add_argument("--work", default="/tmp/bench-scale", help="where the indexes are built")
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--server", action="store_true",
                        help="also measure the largest size through a Chroma server")  # fmt: skip
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep", action="store_true", help="keep the indexes built")
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--load", help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        stage_build(Path(args.source), Path(args.build), args.size)
        return
    if args.load:
        stage_load(Path(args.load))
        return
    if args.measure:
        stage_measure(Path(args.measure), args.questions, args.url)
        return

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n, size in enumerate(sorted(args.sizes)):
        index = work / f"index-{size}"
        shutil.rmtree(index, ignore_errors=True)
        print(f"{size}: building...", flush=True)
        row = {"size": size}
        row.update(run_stage(["--build", str(index), "--size", str(size),
                              "--source", args.source]))  # fmt: skip
        row.update(run_stage(["--load", str(index)]))
        row.update(run_stage(["--measure", str(index), "--questions", str(args.questions)]))
        row.pop("stage", None)
        if args.server and n == len(args.sizes) - 1:
            row["server"] = with_server(index, args.questions, args.port)
        rows.append(row)
        print(json.dumps(row), flush=True)
        write_results("scale", rows)  # after every size: a later one may not finish
        if not args.keep and n < len(args.sizes) - 1:
            shutil.rmtree(index, ignore_errors=True)
    _table(rows)
    out = write_results("scale", rows)
    print(f"wrote {out.relative_to(ROOT)}")


def _table(rows: list[dict]) -> None:
    first = rows[0]
    print("\n| chunks | Chroma writes/s | disk MiB | BM25 build / load s | app RSS MiB | "
          "search p50 / p95 ms | ask p50 / p95 ms | ask p50 / smallest |")  # fmt: skip
    print("| --- " * 8 + "|")
    for row in rows:
        rate = f"{row['chunk_writes_per_s']:.0f}" if row.get("chunk_writes_per_s") else "-"
        print(f"| {row['chunks']:,} | {rate} | {row['disk_mb']:,.0f} | "
              f"{row['bm25_build_s']:.1f} / {row['bm25_load_s']:.2f} | "
              f"{row['rss_after_load_mb']:,.0f} / {row['rss_after_questions_mb']:,.0f} | "
              f"{row['search_p50_ms']:.0f} / {row['search_p95_ms']:.0f} | "
              f"{row['ask_p50_ms']:.0f} / {row['ask_p95_ms']:.0f} | "
              f"{row['ask_p50_ms'] / first['ask_p50_ms']:.2f} |")  # fmt: skip
        if "server" in row:
            s = row["server"]
            print(f"  through a Chroma server: server RSS {s['server_rss_idle_mb']:,.0f} idle, "
                  f"{s['server_rss_after_mb']:,.0f} MiB after; app RSS "
                  f"{s['rss_after_questions_mb']:,.0f} MiB; ask p50/p95 {s['ask_p50_ms']:.0f}"
                  f" / {s['ask_p95_ms']:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
