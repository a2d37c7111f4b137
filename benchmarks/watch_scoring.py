"""How a replay of watches is scored: an alert against the gold changes of its watch.

An answer alert is right when its new answer is the gold value of a change first reported
within a day of the alert's date; a stories alert when its article is in a gold story not
yet alerted. ``benchmarks/watches.py`` has the whole method in its docstring.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from assistant.facade import Assistant
from assistant.watching import backtest
from assistant.watching.sameness import same_value

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


def reuters_entries(assistant: Assistant) -> dict[str, Any]:
    """Every dated Reuters article of the index, by id."""
    later = backtest.published_between(assistant.store, dt.date(1987, 1, 1), _day(REUTERS_END))
    return {e.id: e for e in later if e.id.startswith("reuters21578/") and e.date}


def matches_value(gold: dict[str, Any], value: str) -> bool:
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
                    hit = near and matches_value(change, alert.value)
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


METHODS = ("ours", "keyword", "peers")


def figures(split: Split) -> dict[str, Any]:
    """Each method's scores (those the run replayed), the costs and the notes per watch."""
    held = [n["held_right"] for n in split.notes.values() if "held_right" in n]
    out: dict[str, Any] = {"days": len(split.days), "watches": len(split.rows),
                           "costs": split.costs, "starts_right": sum(held),
                           "starts": len(held)}  # fmt: skip
    for method in (m for m in METHODS if m in split.costs):
        out[method] = {"answers": score_answers(split, method),
                       "stories": score_stories(split, method)}  # fmt: skip
    out["notes"] = split.notes
    return out


def table(name: str, scored: dict[str, Any]) -> None:
    print(
        f"\n{name}: {scored['watches']} watches, {scored['days']} days with articles; "
        f"{scored['starts_right']} of {scored['starts']} answer watches start right"
    )
    head = ("method", "ans P", "ans R", "alerts", "FA/stable", "delay d50/p90",
            "story P", "story R", "s.alerts", "asks+searches", "wall s")  # fmt: skip
    print(" | ".join(head))
    for method in (m for m in METHODS if m in scored):
        a, s, c = scored[method]["answers"], scored[method]["stories"], scored["costs"][method]
        print(" | ".join(str(x) for x in (
            method, a["precision"], f"{a['recall']} ({a['caught']}/{a['changes']})", a["alerts"],
            a["false_alarms_per_stable"], f"{a['delay_days_median']}/{a['delay_days_p90']}",
            s["precision"], f"{s['recall']} ({s['caught']}/{s['stories']})", s["alerts"],
            c["asks"] + c["searches"], c["wall_s"])))  # fmt: skip
