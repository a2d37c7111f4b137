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
(``sameness.same_value``, aliases included) first reported within a day of the alert's date;
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

``--dev-from DATE`` starts each dev watch written earlier as of DATE, so its start is read
from the weeks of reports before it, as test's are; ``--ours-only`` leaves the baselines out;
``--starts-only`` reads only where each answer watch starts, per watch set, and replays
nothing (a wrong start costs a wrong alert or a miss, so it is measured on its own).
``--gold`` names the watch sets to replay (the issue's set by default). A row with
``gold_until`` on or before 31 March has gold for dev alone (``watches-dev-more.jsonl``:
more dev watches to choose changes on, written after the issue's set was saturated on dev)
and is left out of test. ``watches-test-fresh.jsonl``, ``watches-test-fresh2.jsonl``,
``watches-test-fresh3.jsonl``, ``watches-test-fresh4.jsonl``, ``watches-test-fresh5.jsonl``,
``watches-test-fresh6.jsonl``, ``watches-test-fresh7.jsonl``, ``watches-test-fresh8.jsonl``,
``watches-test-fresh9.jsonl`` and ``watches-test-fresh10.jsonl`` are held-out answer sets
for test, written blind to the system's runs after the issue's set had been read too often
to measure untouched (docs/quality.md; fresh, fresh3, fresh4, fresh5, fresh6, fresh7 and
fresh9 have been read per watch since):

    .venv/bin/python benchmarks/watches.py --index /tmp/bench-full --split test \
        --ours-only --no-refresh-cost --gold tests/eval/watches-test-fresh2.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from _shared import ROOT, SHARED, write_results
from watch_costs import Counting, refresh_cost
from watch_scoring import (
    DEV_END,
    REUTERS_END,
    Raised,
    Split,
    figures,
    matches_value,
    reuters_entries,
    table,
)

from assistant.config import Settings
from assistant.facade import Assistant
from assistant.text.terms import stem, terms, words
from assistant.watching import backtest
from assistant.watching.checks import first_state
from assistant.watching.watch_store import make_watch
from assistant.watching.watches import Watch, WatchKind

GOLD = ROOT / "tests" / "eval" / "watches.jsonl"


def watch_of(row: dict[str, Any]) -> Watch:
    kind = WatchKind(row["kind"])
    return replace(make_watch(row.get("question") or row["query"], kind), id=row["id"])


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


def start_states(assistant: Assistant, split: Split) -> None:
    """What each answer watch held at its start, against the gold value then."""
    for row in (r for r in split.rows if r["kind"] == "answer"):
        start = split.start[row["id"]]
        held = first_state(assistant, watch_of(row), as_of=start)
        gold = [v for v in row["values"] if v["date"] <= start][-1:] or row["values"][:1]
        note = split.notes.setdefault(row["id"], {})
        note["start"] = start
        note["held"] = f"{held.answer} ({held.cited.article_id if held.cited else '-'})"
        note["held_right"] = matches_value(gold[0], held.answer)


def starts_by_set(split: Split, golds: list[Path]) -> dict[str, Any]:
    """How many answer watches of each set start right (``--starts-only``): a wrong start
    costs a wrong alert or a missed change or both, so it is read on its own, across sets."""
    found: dict[str, Any] = {"notes": split.notes, "sets": {}}
    for gold in golds:
        ids = {json.loads(line)["id"] for line in gold.read_text(encoding="utf-8").splitlines()}
        held = [n["held_right"] for i, n in split.notes.items() if i in ids and "held_right" in n]
        found["sets"][gold.name] = {"starts_right": sum(held), "starts": len(held)}
        print(f"{split.name} {gold.name}: {sum(held)} of {len(held)} start right", flush=True)
    return found


# -- the run ----------------------------------------------------------------------------


def dev_only(row: dict[str, Any]) -> bool:
    """Whether a watch's gold ends with dev (``gold_until``): it has none for test."""
    return row.get("gold_until", REUTERS_END) <= DEV_END


def make_split(
    name: str,
    rows: list[dict[str, Any]],
    entries: dict[str, Any],
    raw_days: dict[str, str],
    dev_from: str = "",
) -> Split:
    """The watches a split replays, each with the day it starts as of: on dev the day it was
    written from, or ``dev_from`` when later (a start read from weeks of reports before it,
    as test's starts are); on test 31 March."""
    all_days = sorted({e.date[:10] for e in entries.values()})
    if name == "dev":
        start = {r["id"]: max(raw_days[r["written_from"]], dev_from) for r in rows}
        kept = [r for r in rows if start[r["id"]] < DEV_END]
        days = [d for d in all_days if d <= DEV_END]
        return Split("dev", days, kept, start, DEV_END, indexed=set(entries))
    rows = [r for r in rows if not dev_only(r)]
    start = {r["id"]: DEV_END for r in rows}
    days = [d for d in all_days if d > DEV_END]
    return Split("test", days, rows, start, REUTERS_END, indexed=set(entries))


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
    parser.add_argument("--dev-from", default="", metavar="DATE",
                        help="start dev watches as of DATE when written earlier, so their "
                        "start is read from the reports before it, as on test")  # fmt: skip
    parser.add_argument(
        "--ours-only",
        action="store_true",
        help="leave out the two baselines (a quicker reading of ours)",
    )
    parser.add_argument(
        "--starts-only",
        action="store_true",
        help="read only where each answer watch starts, per watch set (no replay)",
    )
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
    out: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "peers_every": args.peers_every,
        "dev_from": args.dev_from,
        "gold": [str(g) for g in args.gold or [GOLD]],
    }
    for name in ("dev", "test") if args.split == "both" else (args.split,):
        split_began = time.perf_counter()
        split = make_split(name, rows, entries, raw_days, args.dev_from)
        start_states(assistant, split)
        if args.starts_only:
            out[name] = starts_by_set(split, args.gold or [GOLD])
            continue
        counting.take()
        run_ours(assistant, split, counting)
        if not args.ours_only:
            run_keyword(split, entries, texts)
            run_peers(assistant, split, counting, args.peers_every)
        out[name] = figures(split)
        out[name]["wall_s"] = round(time.perf_counter() - split_began, 1)
        table(name, out[name])
        print(f"{name} took {out[name]['wall_s']} s", flush=True)
    if args.split != "dev" and not args.no_refresh_cost and not args.starts_only:
        out["refresh"] = refresh_cost(
            index, Path(args.scratch), [r for r in rows if not dev_only(r)]
        )
        print("\nrefresh cost:", json.dumps(out["refresh"]))
    out["wall_s"] = round(time.perf_counter() - began, 1)
    target = write_results("watches", out)
    print(f"wrote {target.relative_to(ROOT)} ({out['wall_s']} s)")


if __name__ == "__main__":
    main()
