"""Watched questions on the page (issue: watching, the web app's side), in the running app.

In Chromium: ask, click "Watch this" under the answer, upload a newer article through the
Library that changes the answer; the badge counts the alert, the inbox shows it with both
citations, the hostile title of the new article shows as text and runs nothing, and "Mark
all read" empties the badge. Through gradio_client: the watch routes with crafted payloads
answer ``{"error": message}`` in the boundary's words, never a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_process import App, running_app, trapped_page
from gradio_client import Client
from playwright.sync_api import expect

from assistant.config import Settings
from assistant.index.indexer import ingest

pytestmark = pytest.mark.integration
HOSTILE = '<img id="injected-img" src=x onerror="window.__xss=\'alert\'">'
PRIME = "What is Citibank's prime rate?"


def report(key: str, day: str, title: str, text: str) -> dict[str, str]:
    return {"id": key, "date": day, "source": "Reuters", "title": title, "text": text}


FIRST = report(
    "citi-0310", "1987-03-10", "Citibank sets prime rate",
    "Citibank said its prime rate stands at 7-1/2 pct, citing the cost of funds in the money "
    "markets and steady loan demand from its corporate customers.",
)  # fmt: skip
RAISED = report(
    "citi-0401", "1987-04-01", f"Citibank raises prime {HOSTILE}",
    "Citibank said it raised its prime rate to 7-3/4 pct from 7-1/2 pct, citing the higher "
    "cost of funds in the money markets and strong corporate loan demand.",
)  # fmt: skip
COCOA = report(
    "cocoa-0402", "1987-04-02", "Bahia cocoa review",
    "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought "
    "and improving prospects for the coming temporao harvest.",
)  # fmt: skip


def jsonl(path: Path, *reports: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("watch-page")
    (work / "corpus").mkdir()
    jsonl(work / "corpus" / "march.jsonl", FIRST, COCOA)
    corpus = work / "corpus"
    ingest([corpus], Settings.from_env(index_dir=work / "index", corpus_dir=corpus))
    return work


@pytest.fixture(scope="module")
def app(work: Path) -> Iterator[App]:
    with running_app(work / "index", work / "corpus") as app:
        yield app


@pytest.mark.browser
def test_watch_an_answer_see_the_alert_when_it_changes_and_mark_it_read(
    app: App, work: Path
) -> None:
    with trapped_page(app.url) as page:
        badge = page.locator("#alerts-badge")
        expect(badge).to_have_text("Alerts (0)", timeout=30_000)
        page.fill("#question textarea", PRIME)
        page.click("#ask-button")
        expect(page.locator("#chat .answer").last).to_contain_text("7-1/2", timeout=60_000)
        page.locator("#chat .watch-this a", has_text="Watch this").last.click()
        expect(page.locator("#watch-note")).to_contain_text(
            f"Watching: {PRIME} You will see an alert here when the answer changes.",
            timeout=30_000,
        )

        newer = jsonl(work / "april.jsonl", RAISED)
        page.click("#tab-library-button")
        page.set_input_files("#upload input[type=file]", [str(newer)])
        page.click("#add-button")
        expect(page.locator("#upload-status textarea")).to_have_value(
            re.compile("Added 1"), timeout=60_000
        )
        expect(badge).to_have_text("Alerts (1)", timeout=30_000)

        badge.click()  # opens the inbox
        expect(page.locator("#watches")).to_contain_text(PRIME)
        expect(page.locator("#watches")).to_contain_text("7-3/4")  # what it says now
        alert = page.locator("#alerts-list .alert.unread")
        expect(alert).to_have_count(1)
        expect(alert).to_contain_text(f"{PRIME} changed from")
        cited = alert.locator(".alert-citation")
        expect(cited).to_have_count(2)
        expect(cited.nth(0)).to_contain_text(f"now Citibank raises prime {HOSTILE}")
        expect(cited.nth(0)).to_contain_text("1987-04-01 · Reuters")
        expect(cited.nth(0).locator(".citation-text")).to_contain_text("7-3/4 pct")
        expect(cited.nth(1)).to_contain_text("before Citibank sets prime rate · 1987-03-10")
        expect(cited.nth(1).locator(".citation-text")).to_contain_text("7-1/2 pct")

        assert page.locator("#injected-img").count() == 0  # shown as text, no element
        assert page.locator("img[src='x']").count() == 0
        assert page.evaluate("window.__xss") is None and page.dialogs == []  # type: ignore[attr-defined]

        cited.nth(1).locator("a", has_text="open article").click()  # as a reply's citation
        expect(page.locator("#article-view")).to_contain_text("stands at 7-1/2 pct", timeout=20_000)

        badge.click()
        page.click("#alerts-read-all")
        expect(badge).to_have_text("Alerts (0)", timeout=30_000)
        expect(page.locator("#alerts-list .alert")).to_have_count(1)
        expect(page.locator("#alerts-list .alert.unread")).to_have_count(0)
        assert page.evaluate("window.__xss") is None and page.dialogs == []  # type: ignore[attr-defined]


CRAFTED: list[tuple[str, tuple[Any, ...], str]] = [
    ("/watch_add", ("", "answer"), "A watch needs a question"),
    ("/watch_add", ("x" * 300_000, "answer"), "at most 500 characters"),
    ("/watch_add", (" a " * 400, "answer"), "at most 500 characters"),
    ("/watch_add", (PRIME, "sometimes"), "'answer' or 'stories'"),
    ("/watch_add", (["a", "b"], "answer"), "must be text"),
    ("/watch_add", (PRIME, {"kind": "answer"}), "must be text"),
    ("/watch_remove", ("w-no-such-watch",), "No watch 'w-no-such-watch'"),
    ("/watch_remove", (None,), "Name the watch"),
    ("/watch_remove", (12345,), "must be text"),
    ("/watch_remove", ("y" * 100_000,), "at most 64 characters"),
    ("/watch_alerts", ("soon", "", False), "not a date"),
    ("/watch_alerts", ("1e300", "", False), "not a date"),
    ("/watch_alerts", (1e300, "", False), "must be text"),
    ("/watch_alerts", ("", ["w1"], False), "must be text"),
    ("/watch_alerts", ("", "", "maybe"), "true or false"),
    ("/watch_read", (["9" * 400],), "alert_ids must be a list"),
    ("/watch_read", ([{"id": 1}],), "alert_ids must be a list"),
    ("/watch_read", ({"all": True},), "alert_ids must be a list"),
    ("/watch_read", (["-1"],), "alert_ids must be a list"),
    ("/watch_read", (list(range(5000)),), "alert_ids must be a list"),
]


def test_the_watch_routes_answer_crafted_payloads_with_a_message(app: App) -> None:
    client = Client(app.url, verbose=False)
    for route, args, expected in CRAFTED:
        reply = client.predict(*args, api_name=route)
        assert isinstance(reply, dict) and expected in reply.get("error", ""), (route, reply)
        assert "Something went wrong" not in reply["error"] and "Traceback" not in reply["error"]

    added = client.predict("Bahia cocoa harvest", "stories", api_name="/watch_add")
    assert added["kind"] == "stories" and added["question"] == "Bahia cocoa harvest", added
    listed = client.predict(api_name="/watch_list")["watches"]
    assert added["id"] in [w["id"] for w in listed]
    assert client.predict("", added["id"], True, api_name="/watch_alerts") == {"alerts": []}
    everything = client.predict("", "", False, api_name="/watch_alerts")["alerts"]
    assert all(a["message"] and a["citation"]["title"] for a in everything)
    read = client.predict(["999999"], api_name="/watch_read")  # no such alert: none marked
    assert read["marked"] == 0 and isinstance(read["unread"], int)
    removed = client.predict(added["id"], api_name="/watch_remove")
    assert removed == {"removed": added["id"], "question": "Bahia cocoa harvest"}
    again = client.predict(added["id"], api_name="/watch_remove")
    assert f"No watch '{added['id']}'" in again["error"]
