"""The watch sets the replay scores against (``benchmarks/watches.py``) are well formed: a
gold value out of order, a stable watch that moves, or an article that is not in the
corpus would score every run wrong without anyone noticing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_file

EVAL = Path(__file__).resolve().parents[1] / "eval"
SETS = (
    "watches.jsonl",
    "watches-dev-more.jsonl",
    "watches-dev-third.jsonl",
    "watches-dev-fourth.jsonl",
    "watches-dev-fifth.jsonl",
    "watches-dev-sixth.jsonl",
    "watches-dev-seventh.jsonl",
    "watches-dev-eighth.jsonl",
    "watches-test-fresh.jsonl",
    "watches-test-fresh2.jsonl",
    "watches-test-fresh3.jsonl",
    "watches-test-fresh4.jsonl",
    "watches-test-fresh5.jsonl",
    "watches-test-fresh6.jsonl",
    "watches-test-fresh7.jsonl",
    "watches-test-fresh8.jsonl",
    "watches-test-fresh9.jsonl",
    "watches-test-fresh10.jsonl",
    "watches-test-fresh11.jsonl",
    "watches-test-fresh12.jsonl",
    "watches-test-fresh13.jsonl",
    "watches-test-fresh14.jsonl",
    "watches-test-fresh15.jsonl",
    "watches-test-fresh16.jsonl",
    "watches-test-fresh17.jsonl",
    "watches-test-fresh18.jsonl",
)
DEV_ONLY = SETS[1:8]  # gold to 31 March alone: choosing changes on them spends no test
HELD_OUT = SETS[8:]  # written blind to the system's runs, for test (see docs/quality.md)
DEV_END = "1987-03-31"


def _rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines()]


def _doc_ids(row: dict[str, Any]) -> list[tuple[str, str]]:
    """(day, article id) of every gold article the row names."""
    found = row.get("values") or row.get("stories") or []
    return [(v["date"], doc) for v in found for doc in v["doc_ids"]]


@pytest.mark.parametrize("name", SETS)
def test_every_watch_is_well_formed(name: str) -> None:
    rows = _rows(name)
    assert len({r["id"] for r in rows}) == len(rows)
    for row in (r for r in rows if r["kind"] == "answer"):
        days = [v["date"] for v in row["values"]]
        assert days == sorted(days), row["id"]
        assert all(v["value"] and v["doc_ids"] for v in row["values"]), row["id"]
        if row["stable"]:  # no change after 31 March (test); none at all in dev-only gold
            last = DEV_END if "gold_until" not in row else row["values"][0]["date"]
            assert all(day <= last for day in days), row["id"]


def test_no_watch_id_is_in_two_sets() -> None:
    ids = [r["id"] for name in SETS for r in _rows(name)]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("name", DEV_ONLY)
def test_dev_only_gold_ends_with_dev(name: str) -> None:
    """The extra dev watches have gold up to 31 March alone: the replay leaves them out of
    test, where they would count every later change as missed."""
    for row in _rows(name):
        assert row["gold_until"] <= DEV_END, row["id"]
        assert all(day <= DEV_END for day, _ in _doc_ids(row)), row["id"]


@pytest.mark.parametrize("name", HELD_OUT)
def test_a_held_out_set_starts_in_dev_and_moves_in_test(name: str) -> None:
    """A fresh test set is written from dev articles (the value standing on 31 March) with
    every later change in test: a change dated in dev would start its watches wrong."""
    for row in _rows(name):
        first, *later = (v["date"] for v in row["values"])
        assert first <= DEV_END < min(later, default="9999"), row["id"]
        assert row["stable"] is (not later), row["id"]


@pytest.fixture(scope="module")
def days() -> dict[str, str]:
    """Each Reuters article's day, read once for both sets."""
    found = {}
    with shared_file("reuters21578.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            when = dt.datetime.strptime(row["date"].split()[0], "%d-%b-%Y").date()
            found[f"reuters21578/{row['id']}"] = when.isoformat()
    return found


@pytest.mark.parametrize("name", SETS)
def test_every_gold_article_is_in_the_corpus_and_of_its_day_or_before(
    name: str, days: dict[str, str]
) -> None:
    for row in _rows(name):
        assert row["written_from"] in days, row["id"]
        for day, doc in _doc_ids(row):
            assert doc in days, (row["id"], doc)
            # a value's (or story's) date is its first report's: no article of it is older
            assert days[doc] >= day, (row["id"], doc)
