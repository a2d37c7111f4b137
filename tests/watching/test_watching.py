"""Watched questions over a real index (real embedder and reader): alerts after an ingest,
none for a reworded answer, one per story, a backtest, a refresh or an ingest killed
midway, refreshes that take turns, a watch that fails alone, and a rebuild that is no news."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from assistant import Assistant, InvalidInput, watch_add, watch_alerts, watch_list, watch_test
from assistant.config import Settings
from assistant.errors import BackendUnavailable, IndexBusy, NotFound
from assistant.watching import backtest, checks, refresh
from assistant.watching.refresh import refresh_watches
from assistant.watching.watch_store import WatchStore
from assistant.watching.watches import AlertKind, WatchKind

pytestmark = pytest.mark.integration
PRIME = "What is Citibank's prime rate?"


def report(key: str, day: str, source: str, title: str, text: str) -> dict[str, str]:
    return {"id": key, "date": day, "source": source, "title": title, "text": text}


FIRST = report(
    "citi-0310",
    "1987-03-10",
    "Reuters",
    "Citibank sets prime rate",
    "Citibank said its prime rate stands at 7-1/2 pct, citing the cost of funds in "
    "the money markets and steady loan demand from its corporate customers.",
)
RAISED = report(
    "citi-0401",
    "1987-04-01",
    "Reuters",
    "Citibank raises prime rate",
    "Citibank said it raised its prime rate to 7-3/4 pct from 7-1/2 pct, citing the "
    "higher cost of funds in the money markets and strong corporate loan demand.",
)
REWORDED = report(
    "citi-0403",
    "1987-04-03",
    "AP",
    "Citibank prime unchanged",
    "Citibank said its prime rate is 7.75 pct and it has no plans to change it "
    "this week, citing the cost of funds in the money markets.",
)
COCOA = report(
    "cocoa-0402",
    "1987-04-02",
    "Reuters",
    "Bahia cocoa review",
    "Showers continued throughout the week in the Bahia cocoa zone, alleviating "
    "the drought and improving prospects for the coming temporao harvest.",
)
OPEC_TEXT = (
    "OPEC oil ministers agreed in Vienna to keep the group's output ceiling at 15.8 mln "
    "barrels per day for the third quarter, delegates said after a meeting that ran late into "
    "the night. Saudi Arabia's oil minister said the accord would hold prices near the "
    "group's reference price of 18 dlrs a barrel, and that members would police their quotas "
    "more strictly than they did last year, when the market was flooded with cheap crude, "
    "the minister told reporters"
)
OPEC = report("opec-0402", "1987-04-02", "Reuters", "OPEC keeps output ceiling", OPEC_TEXT + ".")
OPEC_COPY = report(
    "opec-0402-ap", "1987-04-02", "AP", "OPEC keeps output ceiling", OPEC_TEXT + " on Thursday."
)  # another outlet's copy, a word added


def add(settings: Settings, name: str, *reports: dict[str, str]) -> Assistant:
    """Write ``reports`` into the corpus and ingest it through the facade (as every door)."""
    path = Path(settings.corpus_dir) / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    assistant = Assistant(settings)
    assistant.ingest([settings.corpus_dir])
    return assistant


@pytest.fixture
def watched(fresh: Settings) -> tuple[Settings, Assistant]:
    assistant = add(fresh, "march", FIRST)
    return fresh, assistant


def test_an_answer_watch_alerts_on_a_new_value_and_not_on_a_reworded_one(
    watched: tuple[Settings, Assistant],
) -> None:
    settings, assistant = watched
    watch = watch_add(PRIME, assistant=assistant)
    assert "7-1/2" in watch.answer and watch.cited and watch.cited.article_id.endswith("citi-0310")

    add(settings, "april", RAISED, COCOA)
    alerts = watch_alerts(assistant=assistant)
    assert [a.kind for a in alerts] == [AlertKind.ANSWER_CHANGED]
    alert = alerts[0]
    assert "7-3/4" in alert.new_answer and "7-1/2" in alert.old_answer
    assert alert.citation.article_id.endswith("citi-0401") and alert.date == "1987-04-01"
    assert alert.previous_citation and alert.previous_citation.article_id.endswith("citi-0310")
    assert "changed from" in alert.message and "(Reuters, 1987-04-01)" in alert.message

    add(settings, "april-3", REWORDED)  # 7.75 pct is 7-3/4 pct: no change
    assert len(watch_alerts(assistant=assistant)) == 1
    assert "7-3/4" in watch_list(assistant=assistant)[0].answer


def test_only_the_watches_the_new_articles_concern_are_asked_again(
    watched: tuple[Settings, Assistant], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, assistant = watched
    watch_add(PRIME, assistant=assistant)
    asked: list[str] = []
    real = Assistant.offers
    monkeypatch.setattr(
        Assistant, "offers", lambda self, q, *a, **k: asked.append(q) or real(self, q, *a, **k)
    )
    add(settings, "cocoa", COCOA)
    assert asked == []  # a cocoa report cannot move Citibank's prime rate
    add(settings, "april", RAISED)
    assert set(asked) == {PRIME}  # asked again (and its new value confirmed), nothing else


def test_a_stories_watch_alerts_once_per_story(watched: tuple[Settings, Assistant]) -> None:
    settings, assistant = watched
    watch = watch_add("OPEC output ceiling", WatchKind.STORIES, assistant=assistant)
    add(settings, "opec", OPEC, OPEC_COPY, COCOA)
    alerts = watch_alerts(watch_id=watch.id, assistant=assistant)
    assert [a.kind for a in alerts] == [AlertKind.NEW_STORY]  # two outlets, one story
    assert "15.8 mln" in alerts[0].new_answer
    named = {alerts[0].citation.article_id, *(r.article_id for r in alerts[0].also)}
    assert {n.rsplit("/", 1)[-1] for n in named} == {"opec-0402", "opec-0402-ap"}
    assert refresh_watches(assistant, [alerts[0].citation.article_id]) == []  # never again


def test_a_stories_watch_waits_for_the_story_under_a_flash(
    watched: tuple[Settings, Assistant],
) -> None:
    """A wire's flash (a headline alone) is indexed and answers, but is no story to alert:
    the story sent after it is."""
    settings, assistant = watched
    watch = watch_add("OPEC output ceiling", WatchKind.STORIES, assistant=assistant)
    headline = "OPEC KEEPS OUTPUT CEILING AT 15.8 MLN BPD - DELEGATES"
    add(settings, "flash", report("opec-flash", "1987-04-02", "Reuters", headline, ""))
    assert assistant.article("flash/opec-flash").text == headline
    assert watch_alerts(watch_id=watch.id, assistant=assistant) == []
    add(settings, "opec", OPEC)
    [alert] = watch_alerts(watch_id=watch.id, assistant=assistant)
    assert alert.citation.article_id == "opec/opec-0402"


def test_a_backtest_replays_the_archive_in_date_order(fresh: Settings) -> None:
    assistant = add(fresh, "all", FIRST, RAISED, COCOA, REWORDED)
    alerts = watch_test(PRIME, "1987-03-10", "1987-04-30", assistant=assistant)
    assert [(a.kind, a.date) for a in alerts] == [(AlertKind.ANSWER_CHANGED, "1987-04-01")]
    assert "7-1/2" in alerts[0].old_answer and "7-3/4" in alerts[0].new_answer
    # the reworded report of 3 April (7.75 pct) is no change; up to 2 April it is unseen
    shorter = watch_test(PRIME, "1987-03-10", "1987-04-02", assistant=assistant)
    assert [(a.kind, a.date, a.new_answer) for a in shorter] == [
        (a.kind, a.date, a.new_answer) for a in alerts
    ]
    assert watch_list(assistant=assistant) == []  # a backtest saves nothing


def test_bad_watches_are_refused_plainly(watched: tuple[Settings, Assistant]) -> None:
    _, assistant = watched
    with pytest.raises(InvalidInput, match="needs a question"):
        watch_add("   ", assistant=assistant)
    with pytest.raises(InvalidInput, match="'answer' or 'stories'"):
        watch_add(PRIME, "sometimes", assistant=assistant)
    with pytest.raises(NotFound, match="No watch"):
        WatchStore(assistant.settings.index_dir).remove("w-nothing")
    with pytest.raises(InvalidInput, match="starts from"):
        watch_test(PRIME, None, assistant=assistant)


def test_a_backtest_reads_a_bounded_number_of_days(
    watched: tuple[Settings, Assistant], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, assistant = watched
    add(settings, "april", RAISED, COCOA)  # two days after 10 March
    monkeypatch.setattr(backtest, "MAX_DAYS", 1)
    with pytest.raises(InvalidInput, match="at most 1 days"):
        watch_test(PRIME, "1987-03-10", assistant=assistant)
    assert watch_test(PRIME, "1987-03-10", "1987-04-01", assistant=assistant)  # one day: read


def ingest_killed_at(settings: Settings, script: str, signal_line: str, *new: dict) -> None:
    """Write ``new`` to the corpus, ingest it in a child running ``script``, and SIGKILL the
    child once it prints ``signal_line``."""
    path = Path(settings.corpus_dir) / "april.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in new), encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(settings.index_dir), str(settings.corpus_dir)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()},
    )  # fmt: skip
    assert child.stdout is not None and child.stdout.readline().strip() == signal_line
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)


KILLED_MIDWAY = """
import sys, time
from assistant import Assistant
from assistant.config import Settings
from assistant.watching import refresh
real = refresh.check_answer
def slow(*args, **kwargs):
    found = real(*args, **kwargs)
    print("checked", flush=True)
    time.sleep(120)  # killed here: the alert is found, not yet stored
    return found
refresh.check_answer = slow
settings = Settings.from_env(index_dir=sys.argv[1], corpus_dir=sys.argv[2])
Assistant(settings).ingest([sys.argv[2]])
"""


def test_a_refresh_killed_midway_loses_no_alert_and_raises_none_twice(
    watched: tuple[Settings, Assistant],
) -> None:
    settings, assistant = watched
    watch_add(PRIME, assistant=assistant)
    ingest_killed_at(settings, KILLED_MIDWAY, "checked", RAISED)
    store = WatchStore(settings.index_dir)
    assert store.alerts() == [] and len(store.waiting()) == 1  # the article still waits
    raised = refresh_watches(assistant)  # the next refresh (or `assistant watch refresh`)
    assert [a.kind for a in raised] == [AlertKind.ANSWER_CHANGED]
    assert refresh_watches(assistant, [raised[0].citation.article_id]) == []
    assert len(store.alerts()) == 1 and store.waiting() == []


KILLED_AFTER_A_WRITE = """
import sys, time
from assistant import Assistant
from assistant.config import Settings
from assistant.index import indexer, store
indexer._BATCH_CHUNKS = 1  # every article its own batch
real = store.Store.write_articles
def write_then_stop(self, *args, **kwargs):
    real(self, *args, **kwargs)
    print("written", flush=True)
    time.sleep(120)  # killed here: one article written, the ingest not finished
store.Store.write_articles = write_then_stop
settings = Settings.from_env(index_dir=sys.argv[1], corpus_dir=sys.argv[2])
Assistant(settings).ingest([sys.argv[2]])
"""


def test_an_ingest_killed_after_a_write_leaves_what_it_wrote_to_be_checked(
    watched: tuple[Settings, Assistant],
) -> None:
    settings, assistant = watched
    watch_add(PRIME, assistant=assistant)
    ingest_killed_at(settings, KILLED_AFTER_A_WRITE, "written", RAISED)
    store = WatchStore(settings.index_dir)
    assert [a.rsplit("/", 1)[-1] for a in store.waiting()] == ["citi-0401"]
    add(settings, "cocoa", COCOA)  # the next ingest sees citi-0401 unchanged, yet checks it
    assert [a.kind for a in store.alerts()] == [AlertKind.ANSWER_CHANGED]
    assert store.waiting() == []


def test_refreshes_take_turns_and_a_waiting_one_gives_up_plainly(
    watched: tuple[Settings, Assistant], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, assistant = watched
    watch_add(PRIME, assistant=assistant)
    monkeypatch.setattr(refresh, "LOCK_WAIT", 0.2)
    held = FileLock(str(Path(settings.index_dir) / refresh.LOCK_FILE))
    with held:  # another process's refresh, still running
        add(settings, "april", RAISED)  # the ingest stands; its after-ingest check waits
        store = WatchStore(settings.index_dir)
        assert store.alerts() == [] and len(store.waiting()) == 1
        with pytest.raises(IndexBusy, match="Another refresh"):
            refresh_watches(assistant)
    later = Assistant(settings)  # as `assistant watch refresh` would, once the other ended
    assert [a.kind for a in refresh_watches(later)] == [AlertKind.ANSWER_CHANGED]


def test_a_watch_that_cannot_be_checked_stops_no_other(
    watched: tuple[Settings, Assistant], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, assistant = watched
    broken = watch_add("Who cut Citibank's prime rate?", assistant=assistant)
    watch_add(PRIME, assistant=assistant)
    real = refresh.advance

    def failing(asker, watch, *args, **kwargs):  # type: ignore[no-untyped-def]
        if watch.id == broken.id:
            raise BackendUnavailable("Cannot reach the Chroma server")
        return real(asker, watch, *args, **kwargs)

    monkeypatch.setattr(refresh, "advance", failing)
    add(settings, "april", RAISED)
    assert [a.question for a in watch_alerts(assistant=assistant)] == [PRIME]


def test_a_rebuild_is_not_news(watched: tuple[Settings, Assistant]) -> None:
    settings, assistant = watched
    watch_add(PRIME, assistant=assistant)
    (Path(settings.corpus_dir) / "april.jsonl").write_text(json.dumps(RAISED) + "\n")
    assistant.ingest([settings.corpus_dir], rebuild=True)
    store = WatchStore(settings.index_dir)
    assert store.alerts() == [] and store.waiting() == []


RIGS = "What is the latest weekly U.S. drilling rig count reported by Hughes Tool?"
RIGS_761 = report(
    "rigs-0316", "1987-03-16", "Reuters", "Hughes U.S. rig count falls to 761",
    "HOUSTON - The number of rotary rigs drilling in the United States fell by five to 761 "
    "last week, Hughes Tool Co said in its weekly rig count.",
)  # fmt: skip


def rigs_report(key: str, day: str, sentence: str) -> dict[str, str]:
    return report(key, day, "Reuters", "Hughes U.S. rig count rises", sentence)


@pytest.mark.parametrize(
    ("sentence", "alerted"),
    [
        ("HOUSTON - U.S. drilling activity rose last week, with the number of working rotary "
         "rigs up by 23 to 784, Hughes Tool Co said in its weekly rig count.", True),
        ("HOUSTON - U.S. drilling activity rose last week, with the number of working rotary "
         "rigs at 784, Hughes Tool Co said in its weekly rig count.", False),
    ],
)  # fmt: skip
def test_a_report_that_states_the_step_from_the_value_held_bears_itself_out(
    fresh: Settings, monkeypatch: pytest.MonkeyPatch, sentence: str, alerted: bool
) -> None:
    """As if the week's reports read first a feature restating last week's 761: the report
    of 784 that says "up by 23" (761 + 23) is news all the same; one that does not say it
    waits for the week to bear it out."""
    assistant = add(fresh, "rigs", RIGS_761, rigs_report("rigs-0323", "1987-03-23", sentence))
    monkeypatch.setattr(checks, "_confirmed", lambda *args: False)
    alerts = watch_test(RIGS, "1987-03-16", "1987-03-31", assistant=assistant)
    assert [(a.date, a.new_answer) for a in alerts] == ([("1987-03-23", "784")] if alerted else [])
