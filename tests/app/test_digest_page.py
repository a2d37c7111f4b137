"""What's new on the page (issue: the digest, the web app's side), in the running app.

In Chromium: the Alerts tab's "What's new" box, given a query and a day, shows the new
stories under their day, one line each with where it ran and who else ran it; a hostile
sentence and title show as text and run nothing; asked again, it says there is nothing
new (what was delivered is not repeated). Through gradio_client: ``/digest`` answers
crafted payloads with ``{"error": message}``, never a traceback, and a good one with the
digest as data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from app_process import App, running_app, trapped_page
from gradio_client import Client
from playwright.sync_api import expect

from assistant.app.digest_panel import reader_of
from assistant.config import Settings
from assistant.index.indexer import ingest

pytestmark = pytest.mark.integration
HOSTILE = '<img id="injected-img" src=x onerror="window.__xss=\'digest\'">'
RAISED_TEXT = (
    f"Citibank said it raised its prime rate to 7-3/4 pct {HOSTILE} citing the higher cost "
    "of funds in the money markets. Analysts expect other banks to follow."
)


def report(key: str, day: str, source: str, title: str, text: str) -> dict[str, str]:
    return {"id": key, "date": day, "source": source, "title": title, "text": text}


REPORTS = [
    report(
        "citi-0310", "1987-03-10", "Reuters", "Citibank sets prime rate",
        "Citibank said its prime rate stands at 7-1/2 pct, citing the cost of funds in the "
        "money markets and steady loan demand from its corporate customers.",
    ),
    report("citi-0401", "1987-04-01", "Reuters", f"Citibank raises prime {HOSTILE}", RAISED_TEXT),
    report("citi-0401-ap", "1987-04-01", "AP", "Citibank lifts prime", RAISED_TEXT),  # a reprint
    report(
        "cocoa-0402", "1987-04-02", "Reuters", "Bahia cocoa review",
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the "
        "drought and improving prospects for the coming temporao harvest.",
    ),
]  # fmt: skip


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    work = tmp_path_factory.mktemp("digest-page")
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "spring.jsonl").write_text("".join(json.dumps(r) + "\n" for r in REPORTS))
    ingest([corpus], Settings.from_env(index_dir=work / "index", corpus_dir=corpus))
    with running_app(work / "index", corpus) as app:
        yield app


def no_script_ran(page: Any) -> None:
    assert page.locator("#injected-img").count() == 0  # shown as text, no element
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("window.__xss") is None and page.dialogs == []


@pytest.mark.browser
def test_whats_new_shows_the_new_stories_by_day_once(app: App) -> None:
    with trapped_page(app.url) as page:
        page.click("#tab-alerts-button")
        page.fill("#digest-query textarea", "Citibank prime rate")
        page.fill("#digest-since input", "1987-03-31")
        page.click("#digest-show")
        view = page.locator("#digest-view")
        expect(view.locator(".digest-day")).to_have_text(["1987-04-01"], timeout=60_000)
        line = view.locator(".digest-line")
        expect(line).to_have_count(1)  # the reprint is folded in, cocoa is not about it
        expect(line).to_contain_text(RAISED_TEXT.split(" Analysts")[0])  # the tags as text
        expect(line).to_contain_text("(Reuters, 1987-04-01; also published by 1 other)")
        no_script_ran(page)

        line.locator("a", has_text="open article").click()  # as a reply's citation
        article = page.locator("#article-view")
        expect(article).to_contain_text(f"Citibank raises prime {HOSTILE}", timeout=20_000)
        no_script_ran(page)

        page.click("#tab-alerts-button")
        page.click("#digest-show")  # the same again: what was delivered is not repeated
        expect(view).to_have_text(
            "Nothing new on Citibank prime rate since 31 March 1987.", timeout=60_000
        )
        expect(view.locator(".digest-line")).to_have_count(0)

        page.fill("#digest-since input", "")  # no day: the box says what it needs
        page.click("#digest-show")
        expect(view.locator(".watch-note.failed")).to_contain_text(
            "Choose the day to start after (since)", timeout=30_000
        )
        no_script_ran(page)


CRAFTED: list[tuple[tuple[Any, ...], str]] = [
    (("", "1987-03-31", None), "Type what to catch up on"),
    (("x" * 100_000, "1987-03-31", None), "at most 500 characters"),
    ((" a " * 400, "1987-03-31", None), "at most 500 characters"),
    ((["Citibank"], "1987-03-31", None), "The query must be text, not list"),
    (({"q": "Citibank"}, "1987-03-31", None), "must be text, not dict"),
    (("Citibank", "", None), "Choose the day to start after"),
    (("Citibank", "soon", None), "since='soon' is not a date"),
    (("Citibank", "1987-02-30", None), "not a date"),
    (("Citibank", "1e300", None), "not a date"),
    (("Citibank", 1e300, None), "since must be text"),
    (("Citibank", ["1987-03-31"], None), "since must be text"),
    (("Citibank", "1987-03-31", {"day": 1}), "to must be text"),
    (("Citibank", "1987-03-31", "9" * 100_000), "to is at most 40 characters"),
    (("Citibank", "1987-04-05", "1987-04-01"), "since 1987-04-05 is after to 1987-04-01"),
]


def test_the_digest_route_answers_crafted_payloads_with_a_message(app: App) -> None:
    client = Client(app.url, verbose=False)
    described = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert [p["parameter_name"] for p in described["/digest"]["parameters"]] == [
        "query",
        "since",
        "to",
    ]  # fmt: skip  (the request Gradio fills in is no parameter)
    for args, expected in CRAFTED:
        reply = client.predict(*args, api_name="/digest")
        assert isinstance(reply, dict) and expected in reply.get("error", ""), (args[:2], reply)
        assert "Something went wrong" not in reply["error"] and "Traceback" not in reply["error"]

    before = client.predict("Bahia cocoa", "1987-03-01", "1987-03-31", api_name="/digest")
    assert before["digest"]["days"] == []
    assert before["digest"]["note"] == "Nothing new on Bahia cocoa since 1 March 1987."
    found = client.predict("Bahia cocoa", "1987-04-01", None, api_name="/digest")["digest"]
    assert [d["day"] for d in found["days"]] == ["1987-04-02"]
    (line,) = found["days"][0]["lines"]
    assert "Bahia cocoa zone" in line["sentence"] and line["citation"]["source"] == "Reuters"
    again = client.predict("Bahia cocoa", "1987-04-01", "", api_name="/digest")["digest"]
    assert again["days"] == [] and again["note"].startswith("Nothing new on Bahia cocoa")


def test_the_reader_is_the_signed_in_user_else_the_page() -> None:
    assert reader_of(SimpleNamespace(username="ana")) == "ana"  # as gr.Request has it
    assert reader_of(SimpleNamespace(username=None)) == "page"  # the app has no credentials
    assert reader_of(None) == "page"
