"""What a replay costs: the assistant's calls counted and timed, and a refresh with 100
watches against an ingest without them, on a copy of the index."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from _shared import ROOT, SHARED
from watch_scoring import DEV_END, reuters_entries

from assistant.config import Settings
from assistant.facade import Assistant
from assistant.watching.checks import first_state
from assistant.watching.refresh import refresh_watches
from assistant.watching.watch_store import WatchStore, make_watch

TIME_SET = ROOT / "tests" / "eval" / "news-time.jsonl"


class Counting:
    """The assistant's ask and search, counted and timed (what each method costs)."""

    def __init__(self, assistant: Assistant) -> None:
        self.asks = self.searches = 0
        self.seconds = 0.0
        self._ask, self._search, self._offers = assistant.ask, assistant.search, assistant.offers
        assistant.ask = self.ask  # type: ignore[method-assign]
        assistant.search = self.search  # type: ignore[method-assign]
        assistant.offers = self.offers  # type: ignore[method-assign]

    def ask(self, *args: Any, **kwargs: Any) -> Any:
        self.asks += 1
        return self._timed(self._ask, *args, **kwargs)

    def offers(self, *args: Any, **kwargs: Any) -> Any:  # a watch's ask: retrieval + reader
        self.asks += 1
        return self._timed(self._offers, *args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        self.searches += 1
        return self._timed(self._search, *args, **kwargs)

    def _timed(self, call: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started

    def take(self) -> dict[str, float]:
        out = {"asks": self.asks, "searches": self.searches, "model_s": round(self.seconds, 1)}
        self.asks = self.searches = 0
        self.seconds = 0.0
        return out


def refresh_cost(index: Path, scratch: Path, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Ingest of 100 articles, and a refresh of 100 with 100 watches, on a copy of the index."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(index, scratch)
    (scratch / "watches.sqlite3").unlink(missing_ok=True)
    files = scratch.parent / f"{scratch.name}-files"
    shutil.rmtree(files, ignore_errors=True)
    files.mkdir()
    assistant = Assistant(Settings.from_env(index_dir=scratch))
    assistant.warm_up()
    april = sorted((e for e in reuters_entries(assistant).values() if e.date >= "1987-04-01"),
                   key=lambda e: int(e.id.rsplit("/", 1)[1]))  # fmt: skip
    refreshed = [e.id for e in april[:100]]
    raw = {}
    with (SHARED / "reuters21578.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            raw[f"reuters21578/{row['id']}"] = row

    def new_file(name: str, chosen: list[Any]) -> Path:
        path = files / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for e in chosen:
                row = dict(raw[e.id])
                row["id"] = 1_000_000 + int(row["id"])  # a new article id, the same text
                out.write(json.dumps(row) + "\n")
        return path

    assistant.ingest([new_file("warm", april[300:305])])  # the chunk embedder loads here
    started = time.perf_counter()
    report = assistant.ingest([new_file("april-a", april[100:200])])
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    refresh_watches(assistant, refreshed)  # no watches: nothing to do
    bare_refresh_s = time.perf_counter() - started
    questions = [(r.get("question") or r["query"], r["kind"]) for r in rows]
    extra = [json.loads(line) for line in TIME_SET.read_text(encoding="utf-8").splitlines()]
    questions += [(x["question"], "answer") for x in extra if x.get("split") == "dev"][:35]
    store = WatchStore(scratch)
    for question, kind in questions[:100]:
        store.add(first_state(assistant, make_watch(question, kind), as_of=DEV_END))
    counting = Counting(assistant)
    started = time.perf_counter()
    alerts = refresh_watches(assistant, refreshed)
    refresh_s = time.perf_counter() - started
    refresh_calls = counting.take()
    started = time.perf_counter()
    report_b = assistant.ingest([new_file("april-b", april[200:300])])
    ingest_with_s = time.perf_counter() - started
    with_calls = counting.take()
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(files, ignore_errors=True)
    return {
        "watches": len(store.watches()) if store.exists else len(questions[:100]),
        "ingest_100_s": round(ingest_s, 1),
        "written": len(report.written),
        "refresh_100_without_watches_s": round(bare_refresh_s, 3),
        "refresh_100_with_100_watches_s": round(refresh_s, 1),
        "refresh_alerts": len(alerts),
        "refresh_calls": refresh_calls,
        "ratio_ingest_plus_refresh": round((ingest_s + refresh_s) / ingest_s, 2),
        "ingest_100_with_watches_s": round(ingest_with_s, 1),
        "written_b": len(report_b.written),
        "ingest_with_watches_calls": with_calls,
        "ratio_ingest_with_watches": round(ingest_with_s / ingest_s, 2),
    }  # fmt: skip
