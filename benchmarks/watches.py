"""Watched questions replayed over Reuters-21578 in date order, against two baselines.

    .venv/bin/python benchmarks/watches.py --index /tmp/bench-full --split dev
    .venv/bin/python benchmarks/watches.py --index /tmp/bench-full --split both
    .venv/bin/python benchmarks/watches.py --index /tmp/bench-full --split dev \
        --gold tests/eval/watches.jsonl --gold tests/eval/watches-dev-more.jsonl

The 65 watches of ``tests/eval/watches.jsonl`` (45 ``answer`` watches with their gold values
and dates, 20 ``stories`` watches with every relevant story) are replayed with
``watching.backtest.replay``: dev from each watch's ``written_from`` day to 1987-03-31
(one replay per start day), test as of 1987-03-31 to Reuters' last day (1987-10-20; the
BBC articles of 2004-05 in the same index are left out, no gold covers them). In the same
run, over the same days: (a) keyword: an alert for each new article that carries every
content term of the question; (b) the peers' way: every watch re-asked as of each day that
has articles (``--peers-every 2``: every second such day), alerting when the set of
articles its supporting citations name changes.

Scoring. An answer alert is right when its new answer is the gold value of a change
(``values.same_value``, aliases included) first reported within a day of the alert's date;
each gold change justifies one alert, a second alert of it counts as wrong ("duplicate";
the lenient precision counts it right). A keyword alert is right when its article is one
of the change's articles, within a day. Precision = right / alerts; recall = changes
caught / changes in the split; false alarms per stable watch = alerts on watches with no
change in the split / such watches. A stories alert is right when its article (or one of
its reprints) is in a gold story of the split not yet alerted (a story counts once).
Delay: days from the first report (the story's date) to the alert's date.

Last (``--split both`` or ``test``, unless ``--no-refresh-cost``): the cost of a refresh
with 100 watches (the 65 plus 35 dev questions of ``tests/eval/news-time.jsonl``) on a copy
of the index (``--scratch``): 100 April articles ingested under new ids without watches,
then ``refresh_watches`` over 100 other existing April articles with the watches saved,
then 100 more ingested with the watches saved (the refresh runs in the ingest's hook).
Results go to benchmarks/results/watches-*.json.

``--gold`` names the watch sets to replay (the issue's set by default). A row with
``gold_until`` on or before 31 March has gold for dev alone (``watches-dev-more.jsonl``:
more dev watches to choose changes on, written after the issue's set was saturated on dev)
and is left out of test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from _shared import ROOT, SHARED, write_results

from assistant.config import Settings
from assistant.facade import Assistant
from assistant.text.terms import stem, terms, words
from assistant.watching import backtest
from assistant.watching.checks import first_state
from assistant.watching.refresh import refresh_watches
from assistant.watching.values import same_value
from assistant.watching.watch_store import WatchStore, make_watch
from assistant.watching.watches import Watch, WatchKind

GOLD = ROOT / "tests" / "eval" / "watches.jsonl"
TIME_SET = ROOT / "tests" / "eval" / "news-time.jsonl"
DEV_END = "1987-03-31"  # dev: written_from to here; test: as of here, onwards
REUTERS_END = "1987-10-20"


@dataclass
class Raised:
    """An alert as scored: its date, its value (answer watches) and its articles."""

    date: str
    value: str = ""
    articles: tuple[str, ...] = ()
    kind: str = ""
    old: str = ""


@dataclass
class Split:
    name: str
    days: list[str]  # the days with Reuters articles in the split, in order
    rows: list[dict[str, Any]]
    start: dict[str, str]  # watch id -> the day it starts as of
    end: str
    ours: dict[str, list[Raised]] = field(default_factory=dict)
    keyword: dict[str, list[Raised]] = field(default_factory=dict)
    peers: dict[str, list[Raised]] = field(default_factory=dict)
    costs: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)  # per watch, for reading
    indexed: set[str] = field(default_factory=set)  # the articles the index holds


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def _days_apart(a: str, b: str) -> int:
    return (_day(a) - _day(b)).days


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


def watch_of(row: dict[str, Any]) -> Watch:
    kind = WatchKind(row["kind"])
    return replace(make_watch(row.get("question") or row["query"], kind), id=row["id"])


def reuters_entries(assistant: Assistant) -> dict[str, Any]:
    """Every dated Reuters article of the index, by id."""
    later = backtest.published_between(assistant.store, dt.date(1987, 1, 1), _day(REUTERS_END))
    return {e.id: e for e in later if e.id.startswith("reuters21578/") and e.date}


def raw_articles() -> tuple[dict[str, set[str]], dict[str, str]]:
    """Each Reuters article's stemmed words (title and text) and its day, from the corpus
    file (headline-only items are not in the index, but a watch may start from one)."""
    texts, days = {}, {}
    with (SHARED / "reuters21578.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            key = f"reuters21578/{row['id']}"
            texts[key] = {
                stem(w) for w in words(f"{row.get('title') or ''} {row.get('text') or ''}")
            }
            days[key] = dt.datetime.strptime(row["date"].split()[0], "%d-%b-%Y").date().isoformat()
    return texts, days


# -- the three methods -------------------------------------------------------------------


def run_ours(assistant: Assistant, split: Split, counting: Counting) -> None:
    """``backtest.replay``: one call per start day (dev), or one for all (test)."""
    seen_affected: dict[str, set[str]] = {}
    real_matches = backtest.matches

    def recording(watches: Any, chunks: Any, embedder: Any) -> dict[str, set[str]]:
        found = real_matches(watches, chunks, embedder)
        for w in watches:
            seen_affected[w.id] = set(found.get(w.id, set()))
        return found

    backtest.matches = recording  # type: ignore[assignment]
    started = time.perf_counter()
    try:
        by_start: dict[str, list[Watch]] = defaultdict(list)
        for row in split.rows:
            by_start[split.start[row["id"]]].append(watch_of(row))
        for start, watches in sorted(by_start.items()):
            found = backtest.replay(assistant, watches, start, split.end)
            for watch_id, alerts in found.items():
                split.ours[watch_id] = [
                    Raised(a.date or "", a.new_answer,
                           (a.citation.article_id, *(r.article_id for r in a.also)),
                           str(a.kind), a.old_answer)
                    for a in alerts
                ]  # fmt: skip
    finally:
        backtest.matches = real_matches  # type: ignore[assignment]
    split.costs["ours"] = {
        **counting.take(),
        "wall_s": round(time.perf_counter() - started, 1),
        "articles_percolated": sum(len(v) for v in seen_affected.values()),
    }
    for row in split.rows:  # what each watch held at its start, and what the percolator passed
        note = split.notes.setdefault(row["id"], {})
        note["percolated"] = len(seen_affected.get(row["id"], ()))
    counting.take()


def run_keyword(split: Split, entries: dict[str, Any], texts: dict[str, set[str]]) -> None:
    started = time.perf_counter()
    for row in split.rows:
        wanted = set(terms(row.get("question") or row["query"]))
        start = split.start[row["id"]]
        raised = []
        for e in sorted(entries.values(), key=lambda e: (e.date, e.id)):
            if start < e.date[:10] <= split.end and wanted <= texts.get(e.id, set()):
                raised.append(Raised(e.date[:10], "", (e.id,), "keyword"))
        split.keyword[row["id"]] = raised
    split.costs["keyword"] = {"asks": 0, "searches": 0,
                              "wall_s": round(time.perf_counter() - started, 1)}  # fmt: skip


def _cited(answer: Any) -> tuple[frozenset[str], str]:
    ids = frozenset(c.article_id for c in answer.citations if c.supports)
    return ids, ("" if answer.abstained else answer.short_answer)


def run_peers(assistant: Assistant, split: Split, counting: Counting, every: int) -> None:
    """Every watch re-asked as of each day with articles; an alert when what it cites moves."""
    started = time.perf_counter()
    for row in split.rows:
        question = row.get("question") or row["query"]
        start = split.start[row["id"]]
        days = [d for d in split.days if start < d <= split.end][:: max(1, every)]
        held, _ = _cited(assistant.ask(question, as_of=start))
        raised = []
        for day in days:
            ids, value = _cited(assistant.ask(question, as_of=day))
            if ids and ids != held:
                new = tuple(sorted(ids - held)) or tuple(sorted(ids))
                raised.append(Raised(day, value, new, "peers"))
            held = ids or held
        split.peers[row["id"]] = raised
    split.costs["peers"] = {**counting.take(), "wall_s": round(time.perf_counter() - started, 1)}


# -- scoring ----------------------------------------------------------------------------


def _matches_value(gold: dict[str, Any], value: str) -> bool:
    return bool(value) and any(same_value(g, value) for g in (gold["value"], *gold["aliases"]))


def changes_in(row: dict[str, Any], split: Split) -> list[dict[str, Any]]:
    start = split.start[row["id"]]
    return [v for v in row["values"][1:] if start < v["date"] <= split.end]


def score_answers(split: Split, method: str) -> dict[str, Any]:
    alerts = right = dup = caught_total = gold_total = 0
    stable = stable_alerts = indexed = caught_indexed = 0
    delays: list[int] = []
    per_watch = {}
    for row in (r for r in split.rows if r["kind"] == "answer"):
        raised = sorted(getattr(split, method).get(row["id"], []), key=lambda r: r.date)
        changes = changes_in(row, split)
        gold_total += len(changes)
        caught: set[int] = set()
        verdicts = []
        for alert in raised:
            verdict = "wrong"
            for n, change in enumerate(changes):
                near = abs(_days_apart(alert.date, change["date"])) <= 1
                if method == "keyword":
                    hit = near and bool(set(alert.articles) & set(change["doc_ids"]))
                else:
                    hit = near and _matches_value(change, alert.value)
                if hit and n not in caught:
                    caught.add(n)
                    verdict = "right"
                    delays.append(_days_apart(alert.date, change["date"]))
                    break
                if hit:
                    verdict = "duplicate"
            right += verdict == "right"
            dup += verdict == "duplicate"
            verdicts.append(verdict)
        alerts += len(raised)
        caught_total += len(caught)
        seen = [n for n, c in enumerate(changes) if set(c["doc_ids"]) & split.indexed]
        indexed += len(seen)
        caught_indexed += len(caught & set(seen))
        if not changes:
            stable += 1
            stable_alerts += len(raised)
        per_watch[row["id"]] = {
            "changes": len(changes), "caught": len(caught),
            "missed": [f"{c['date']} {c['value']}" for n, c in enumerate(changes)
                       if n not in caught],
            "alerts": [f"{a.date} {a.value or ','.join(a.articles[:2])} [{v}]"
                       for a, v in zip(raised, verdicts, strict=True)],
        }  # fmt: skip
    return {
        "alerts": alerts, "right": right, "duplicates": dup,
        "precision": round(right / alerts, 3) if alerts else None,
        "lenient_precision": round((right + dup) / alerts, 3) if alerts else None,
        "changes": gold_total, "caught": caught_total,
        "recall": round(caught_total / gold_total, 3) if gold_total else None,
        "changes_indexed": indexed,
        "recall_indexed": round(caught_indexed / indexed, 3) if indexed else None,
        "stable_watches": stable, "stable_alerts": stable_alerts,
        "false_alarms_per_stable": round(stable_alerts / stable, 3) if stable else None,
        "delay_days_median": statistics.median(delays) if delays else None,
        "delay_days_p90": _p90(delays),
        "per_watch": per_watch,
    }  # fmt: skip


def score_stories(split: Split, method: str) -> dict[str, Any]:
    alerts = right = gold_total = indexed = caught_indexed = 0
    delays: list[int] = []
    per_watch = {}
    for row in (r for r in split.rows if r["kind"] == "stories"):
        start = split.start[row["id"]]
        stories = [s for s in row["stories"] if start < s["date"] <= split.end]
        story_of = {d: n for n, s in enumerate(stories) for d in s["doc_ids"]}
        raised = sorted(getattr(split, method).get(row["id"], []), key=lambda r: r.date)
        caught: set[int] = set()
        wrong = []
        for alert in raised:
            hits = [story_of[a] for a in alert.articles if a in story_of]
            fresh = [n for n in hits if n not in caught]
            if fresh:
                caught.add(fresh[0])
                right += 1
                delays.append(_days_apart(alert.date, stories[fresh[0]]["date"]))
            else:
                wrong.append(f"{alert.date} {alert.articles[0]}" + (" (again)" if hits else ""))
        alerts += len(raised)
        gold_total += len(stories)
        seen = {n for n, st in enumerate(stories) if set(st["doc_ids"]) & split.indexed}
        indexed += len(seen)
        caught_indexed += len(caught & seen)
        per_watch[row["id"]] = {"stories": len(stories), "caught": len(caught),
                                "alerts": len(raised), "wrong": wrong[:20]}  # fmt: skip
    caught_total = sum(w["caught"] for w in per_watch.values())
    return {
        "alerts": alerts, "right": right,
        "precision": round(right / alerts, 3) if alerts else None,
        "stories": gold_total, "caught": caught_total,
        "recall": round(caught_total / gold_total, 3) if gold_total else None,
        "stories_indexed": indexed,
        "recall_indexed": round(caught_indexed / indexed, 3) if indexed else None,
        "delay_days_median": statistics.median(delays) if delays else None,
        "delay_days_p90": _p90(delays),
        "per_watch": per_watch,
    }  # fmt: skip


def _p90(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def start_states(assistant: Assistant, split: Split) -> None:
    """What each answer watch held at its start, against the gold value then."""
    for row in (r for r in split.rows if r["kind"] == "answer"):
        start = split.start[row["id"]]
        held = first_state(assistant, watch_of(row), as_of=start)
        gold = [v for v in row["values"] if v["date"] <= start][-1:] or row["values"][:1]
        note = split.notes.setdefault(row["id"], {})
        note["start"] = start
        note["held"] = f"{held.answer} ({held.cited.article_id if held.cited else '-'})"
        note["held_right"] = _matches_value(gold[0], held.answer)


# -- the cost of a refresh --------------------------------------------------------------


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


# -- the run ----------------------------------------------------------------------------


def dev_only(row: dict[str, Any]) -> bool:
    """Whether a watch's gold ends with dev (``gold_until``): it has none for test."""
    return row.get("gold_until", REUTERS_END) <= DEV_END


def make_split(
    name: str, rows: list[dict[str, Any]], entries: dict[str, Any], raw_days: dict[str, str]
) -> Split:
    all_days = sorted({e.date[:10] for e in entries.values()})
    if name == "dev":
        start = {r["id"]: raw_days[r["written_from"]] for r in rows}
        kept = [r for r in rows if start[r["id"]] < DEV_END]
        days = [d for d in all_days if d <= DEV_END]
        return Split("dev", days, kept, start, DEV_END, indexed=set(entries))
    rows = [r for r in rows if not dev_only(r)]
    start = {r["id"]: DEV_END for r in rows}
    days = [d for d in all_days if d > DEV_END]
    return Split("test", days, rows, start, REUTERS_END, indexed=set(entries))


def figures(split: Split) -> dict[str, Any]:
    out: dict[str, Any] = {"days": len(split.days), "watches": len(split.rows),
                           "costs": split.costs}  # fmt: skip
    for method in ("ours", "keyword", "peers"):
        out[method] = {"answers": score_answers(split, method),
                       "stories": score_stories(split, method)}  # fmt: skip
    out["notes"] = split.notes
    return out


def table(name: str, scored: dict[str, Any]) -> None:
    print(f"\n{name}: {scored['watches']} watches, {scored['days']} days with articles")
    head = ("method", "ans P", "ans R", "alerts", "FA/stable", "delay d50/p90",
            "story P", "story R", "s.alerts", "asks+searches", "wall s")  # fmt: skip
    print(" | ".join(head))
    for method in ("ours", "keyword", "peers"):
        a, s, c = scored[method]["answers"], scored[method]["stories"], scored["costs"][method]
        print(" | ".join(str(x) for x in (
            method, a["precision"], f"{a['recall']} ({a['caught']}/{a['changes']})", a["alerts"],
            a["false_alarms_per_stable"], f"{a['delay_days_median']}/{a['delay_days_p90']}",
            s["precision"], f"{s['recall']} ({s['caught']}/{s['stories']})", s["alerts"],
            c["asks"] + c["searches"], c["wall_s"])))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", "--index-dir", dest="index", required=True,
                        help="an index of all of Reuters + BBC (read only)")  # fmt: skip
    parser.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    parser.add_argument("--peers-every", type=int, default=1,
                        help="re-ask the peers' way every Nth day with articles")  # fmt: skip
    parser.add_argument("--gold", action="append", type=Path,
                        help="a watch set (repeatable; default: the issue's set). A row with "
                        "gold_until up to 31 March is replayed on dev only")  # fmt: skip
    parser.add_argument("--no-refresh-cost", action="store_true")
    parser.add_argument("--scratch", default="/tmp/bench-watch",
                        help="where the index is copied to measure a refresh")  # fmt: skip
    args = parser.parse_args()
    index = Path(args.index)
    if not (index / "chroma.sqlite3").exists():
        raise SystemExit(f"{index} holds no index; build one with benchmarks/ingest.py")
    began = time.perf_counter()
    rows = [
        json.loads(line)
        for gold in args.gold or [GOLD]
        for line in gold.read_text(encoding="utf-8").splitlines()
        if line
    ]
    assistant = Assistant(Settings.from_env(index_dir=index))
    assistant.warm_up()
    entries = reuters_entries(assistant)
    texts, raw_days = raw_articles()
    counting = Counting(assistant)
    out: dict[str, Any] = {"date": dt.date.today().isoformat(), "peers_every": args.peers_every}
    for name in ("dev", "test") if args.split == "both" else (args.split,):
        split_began = time.perf_counter()
        split = make_split(name, rows, entries, raw_days)
        start_states(assistant, split)
        counting.take()
        run_ours(assistant, split, counting)
        run_keyword(split, entries, texts)
        run_peers(assistant, split, counting, args.peers_every)
        out[name] = figures(split)
        out[name]["wall_s"] = round(time.perf_counter() - split_began, 1)
        table(name, out[name])
        print(f"{name} took {out[name]['wall_s']} s", flush=True)
    if args.split != "dev" and not args.no_refresh_cost:
        out["refresh"] = refresh_cost(
            index, Path(args.scratch), [r for r in rows if not dev_only(r)]
        )
        print("\nrefresh cost:", json.dumps(out["refresh"]))
    out["wall_s"] = round(time.perf_counter() - began, 1)
    target = write_results("watches", out)
    print(f"wrote {target.relative_to(ROOT)} ({out['wall_s']} s)")


if __name__ == "__main__":
    main()
