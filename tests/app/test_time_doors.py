"""Answers that know when, through every door of the running app (issue 22): the page
(as-of field, the reply's note and its undo, the Timeline tab in Chromium), the Gradio
API, the JSON API, the OpenAI route and the CLI. Hostile text stays inert in the timeline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from app_process import App, running_app, trapped_page
from cli_inline import run_inline
from gradio_client import Client

from assistant.config import Settings
from assistant.index.indexer import ingest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '<img id="injected-img" src=x onerror="window.__xss=\'timeline\'">'
REPORTS = [
    {"id": "afp-0527", "title": "Five soldiers killed in Lere attack", "source": "AFP",
     "date": "2024-05-27",
     "text": "An attack on two military camps in Lere, northern Mali, killed five soldiers on "
             "Sunday, the army said late Monday. Eleven others were missing."},
    {"id": "reuters-0603", "title": "Lere attack toll rises", "source": "Reuters",
     "date": "2024-06-03",
     "text": "The toll from last week's attack on two military camps in Lere, northern Mali, "
             "has risen: seven soldiers were killed, the army said on Monday."},
    {"id": "evil-0601", "title": f"Lere attack {HOSTILE} analysis", "source": "<b>Wire</b>",
     "date": "2024-06-01",
     "text": f"Mourners gathered in Lere on Saturday after the {HOSTILE} attack on the camps."},
]  # fmt: skip
KILLED = "How many soldiers were killed in the Lere attack?"


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("time-doors")
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n")
    ingest([corpus], Settings.from_env(index_dir=work / "index", corpus_dir=corpus))
    return corpus, work / "index"


@pytest.fixture(scope="module")
def app(corpus_index: tuple[Path, Path]) -> Iterator[App]:
    corpus, index = corpus_index
    with running_app(index, corpus) as app:
        yield app


def test_the_json_api_takes_as_of_and_time(app: App) -> None:
    latest = httpx.post(f"{app.url}/api/ask", json={"question": KILLED}, timeout=60).json()
    assert latest["short_answer"] == "seven" and latest["as_of"] == "2024-06-03"
    assert "AFP reported five on 27 May 2024" in latest["text"]
    earlier = httpx.post(f"{app.url}/api/ask", timeout=60,
                         json={"question": KILLED, "as_of": "2024-05-30"}).json()  # fmt: skip
    assert earlier["short_answer"] == "five"
    assert earlier["time"]["as_of"] == "2024-05-30"
    windowed = {"question": "How many soldiers were killed in the Lere attack in May 2024?"}
    on = httpx.post(f"{app.url}/api/ask", json=windowed, timeout=60).json()
    off = httpx.post(f"{app.url}/api/ask", json={**windowed, "time": "off"}, timeout=60).json()
    assert on["time"]["label"] == "articles from 1-31 May 2024" and on["short_answer"] == "five"
    assert off["time"] is None
    bad = httpx.post(f"{app.url}/api/ask", json={"question": KILLED, "as_of": "soon"})
    assert bad.status_code == 400 and "not a date" in bad.json()["error"]


def test_the_openai_route_answers_as_of_and_says_how_it_read_time(app: App) -> None:
    reply = httpx.post(f"{app.url}/v1/chat/completions", timeout=60, json={
        "messages": [{"role": "user", "content": KILLED}], "as_of": "2024-05-30"})  # fmt: skip
    content = reply.json()["choices"][0]["message"]["content"]
    assert content.startswith("five [1]")
    assert "published up to 30 May 2024" in content
    assert "(2024-05-27, AFP)" in content  # the citation's date, in the sources


def test_the_timeline_through_the_json_and_gradio_apis(app: App) -> None:
    found = httpx.get(f"{app.url}/api/timeline", params={"q": "Lere attack"}, timeout=60).json()
    assert [e["date"] for e in found["events"]] == ["2024-05-26", "2024-06-01", "2024-06-03"]
    assert found["granularity"] == "day" and sum(c["count"] for c in found["counts"]) == 3
    narrowed = httpx.get(f"{app.url}/api/timeline", timeout=60,
                         params={"q": "Lere attack", "date_from": "2024-06-02"}).json()  # fmt: skip
    assert [e["date"] for e in narrowed["events"]] == ["2024-06-03"]
    client = Client(app.url, verbose=False)
    via_gradio = client.predict("Lere attack", "", "", None, api_name="/timeline")
    assert [e["date"] for e in via_gradio["events"]] == [e["date"] for e in found["events"]]
    asked = client.predict(KILLED, None, "", "", None, "2024-05-30", "auto", api_name="/ask")
    assert asked["short_answer"] == "five"
    for number in (1e300, -1e20):  # issue 26: "Something went wrong (OverflowError)"
        bad = client.predict(KILLED, None, "", "", None, number, "auto", api_name="/ask")
        assert "not a date" in bad["error"], bad


def test_as_of_holds_when_the_questions_own_window_is_empty(app: App) -> None:
    """Issue 26: the window read from the question (April 2024) held nothing, and the
    fallback answered from the whole archive, past the as-of day (seven, of 3 June)."""
    question = "How many soldiers were killed in the Lere attack in April 2024?"
    reply = httpx.post(f"{app.url}/api/ask", timeout=60,
                       json={"question": question, "as_of": "2024-05-30"}).json()  # fmt: skip
    assert reply["short_answer"] == "five", reply["text"]
    assert all(c["date"] <= "2024-05-30" for c in reply["citations"])


UNREAD = "How many soldiers were killed in the Lere attack during Ramadan 2024?"
SAID = "I did not read 'during Ramadan 2024' as dates; searching every date."


def test_every_door_names_time_words_it_did_not_read(
    app: App, corpus_index: tuple[Path, Path]
) -> None:
    """Issue 28: a phrase that looks like time and is not read is said, not skipped."""
    asked = httpx.post(f"{app.url}/api/ask", json={"question": UNREAD}, timeout=60).json()
    assert asked["time"]["unread"] == "during Ramadan 2024" and asked["time"]["note"] == SAID
    assert asked["time"]["from"] is None and asked["time"]["to"] is None
    reply = httpx.post(f"{app.url}/v1/chat/completions", timeout=60, json={
        "messages": [{"role": "user", "content": UNREAD}]}).json()  # fmt: skip
    assert SAID in reply["choices"][0]["message"]["content"]
    client = Client(app.url, verbose=False)
    via_gradio = client.predict(UNREAD, None, "", "", None, "", "auto", api_name="/ask")
    assert via_gradio["time"]["note"] == SAID
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(corpus_index[1])}
    command = [sys.executable, "-m", "assistant", "ask", UNREAD]
    shown = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                           timeout=300).stdout  # fmt: skip
    assert f"({SAID})" in shown  # and no "--time off" to undo: nothing was narrowed


def test_the_cli_takes_as_of_time_and_timeline(corpus_index: tuple[Path, Path]) -> None:
    """The first command in its own process, as a user runs it; the rest in this one
    (``cli_inline``: the models stay loaded)."""
    _, index = corpus_index
    env = {"ASSISTANT_INDEX_DIR": str(index)}
    first = subprocess.run([sys.executable, "-m", "assistant", "ask", KILLED, "--as-of",
                            "2024-05-30"], env={**os.environ, **env}, cwd=ROOT,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert first.returncode == 0 and first.stdout.startswith("five [1]"), first.stderr

    def run(*args: str) -> str:
        done = run_inline(*args, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    shown = run("ask", "How many soldiers were killed in the Lere attack in May 2024?")
    assert "(Looking at articles from 1-31 May 2024. Add --time off" in shown
    off = run("ask", "How many soldiers were killed in the Lere attack in May 2024?",
              "--time", "off")  # fmt: skip
    assert "Looking at" not in off
    timeline = run("timeline", "Lere attack")
    assert timeline.index("26 May 2024") < timeline.index("3 June 2024")
    assert "Matching articles per day:" in timeline
    data = json.loads(run("timeline", "Lere attack", "--from", "2024-06-02", "--json"))
    assert [e["source"] for e in data["events"]] == ["Reuters"]


@pytest.mark.browser
def test_the_timeline_tab_charts_and_lists_and_keeps_hostile_text_inert(app: App) -> None:
    with trapped_page(app.url) as page:
        page.click("#tab-timeline-button")
        page.fill("#timeline-query textarea, #timeline-query input", "Lere attack")
        page.click("#timeline-show")
        bars = page.locator("#timeline-view svg a.timeline-bar rect")
        bars.first.wait_for(timeout=60_000)
        assert bars.count() == 3  # one bar per day with matching articles
        events = page.locator("#timeline-view ol.timeline-events li")
        assert events.count() == 3
        assert "26 May 2024" in events.nth(0).inner_text()
        bars.nth(1).click()
        listed = page.locator("#timeline-articles li")
        listed.first.wait_for(timeout=30_000)
        assert listed.count() == 1 and "analysis" in listed.nth(0).inner_text()
        assert page.locator("#injected-img").count() == 0  # no element from the article
        assert page.evaluate("window.__xss") is None and page.dialogs == []
        assert "onerror" in page.locator("#timeline-view").inner_text()  # shown as text
        assert "onerror" in page.locator("#timeline-articles").inner_text()  # the title too


@pytest.mark.browser
def test_the_reply_says_how_it_read_time_and_one_click_undoes_it(app: App) -> None:
    with trapped_page(app.url) as page:
        page.fill("#question textarea", f"{KILLED.rstrip('?')} in May 2024?")
        page.click("#ask-button")
        note = page.locator("#chat .time-note").last
        note.wait_for(timeout=60_000)
        assert "Looking at articles from 1-31 May 2024." in note.inner_text()
        page.click("#chat a[href='#time-off']")
        page.wait_for_function(
            "() => [...document.querySelectorAll('#chat .answer')].some("
            "a => a.textContent.includes('seven'))", timeout=60_000,
        )  # fmt: skip
        assert page.locator("#chat .time-note").count() == 0  # every date: nothing was read
