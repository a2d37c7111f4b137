"""The watches' SQLite store: each alert once, the daily quota, read marks, a failed
refresh that writes nothing, and a bounded number of watches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import InvalidInput, NotFound
from assistant.watching import watch_store
from assistant.watching.watch_store import WatchStore, make_watch
from assistant.watching.watches import Alert, AlertKind, Quote, Watch, WatchKind

CITED = Quote(article_id="a/2", title="Citibank raises prime", date="1987-04-01",
              source="Reuters", quote="Citibank raised its prime rate to 7-3/4 pct.")  # fmt: skip
BEFORE = Quote(article_id="a/1", title="Citibank prime", date="1987-03-10", source="AP")


def changed(watch: Watch, article: str = "a/2", value: str = "7-3/4 pct") -> Alert:
    return Alert(watch_id=watch.id, kind=AlertKind.ANSWER_CHANGED, date="1987-04-01",
                 question=watch.question, new_answer=value, old_answer="7-1/2 pct",
                 citation=Quote(**{**CITED.__dict__, "article_id": article}),
                 previous_citation=BEFORE)  # fmt: skip


def test_records_round_trip_through_json() -> None:
    watch = Watch(id="w1", kind=WatchKind.STORIES, question="OPEC", created="t", cited=CITED)
    assert Watch.from_dict(json.loads(json.dumps(watch.to_dict()))) == watch
    alert = changed(watch)
    data = json.loads(json.dumps(alert.to_dict()))
    assert Alert.from_dict(data) == alert and data["kind"] == "answer_changed"
    assert data["message"] == (
        "OPEC changed from 7-1/2 pct (AP, 1987-03-10) to 7-3/4 pct (Reuters, 1987-04-01)"
    )


def test_an_alert_is_kept_once_and_the_quota_holds(tmp_path: Path) -> None:
    store = WatchStore(tmp_path)
    watch = store.add(Watch(**{**make_watch("Citibank prime?").__dict__, "daily_quota": 2}))
    first = store.record([watch], [changed(watch)])
    assert [a.id for a in first] == ["1"] and first[0].raised
    assert store.record([watch], [changed(watch)]) == []  # the same alert again: kept once
    more = store.record([watch], [changed(watch, f"a/{n}", f"{n} pct") for n in range(3, 6)])
    assert len(more) == 1 and len(store.alerts()) == 2  # two a day for this watch
    assert store.mark_read(["1", "x"]) == 1 and [a.read for a in store.alerts()] == [False, True]
    assert store.alerts(unread=True)[0].new_answer == "3 pct" and store.mark_read() == 1


def test_a_failed_refresh_writes_nothing_and_its_articles_wait(tmp_path: Path) -> None:
    store = WatchStore(tmp_path)
    watch = store.add(make_watch("Citibank prime?"))
    store.wait_for(["a/2", "a/3"])
    broken = Alert(**{**changed(watch).__dict__, "citation": object()})  # not storable
    with pytest.raises(AttributeError):
        store.record([Watch(**{**watch.__dict__, "answer": "7-3/4 pct"})],
                     [changed(watch), broken], checked=["a/2", "a/3"])  # fmt: skip
    assert store.alerts() == [] and store.waiting() == ["a/2", "a/3"]
    assert store.watches()[0].answer == ""  # the watch's state rolled back with the rest
    store.remove(watch.id)
    assert store.watches() == []


def test_an_index_keeps_at_most_max_watches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch_store, "MAX_WATCHES", 3)
    store = WatchStore(tmp_path)
    for n in range(3):
        store.add(make_watch(f"Citibank prime rate {n}?"))
    with pytest.raises(InvalidInput, match="3 watches, the most it keeps"):
        store.add(make_watch("One too many?"))
    assert len(store.watches()) == 3


def test_removing_from_an_index_without_watches_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="No watch"):
        WatchStore(tmp_path).remove("w-nothing")
    assert list(tmp_path.iterdir()) == []  # no stray database to block the first ingest
