"""Watched questions through the doors: the JSON API (with its Atom feeds, read by
feedparser, and its webhook, received by a loopback server), crafted requests, the
command line, MCP, and a real feed refresh from a loopback site."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import httpx
import pytest
from app_process import App, running_app
from local_site import Hooks, LocalSite, Reply, article_page, rss

from assistant.app.cli import main
from assistant.config import Settings
from assistant.facade import Assistant
from assistant.index.indexer import ingest
from assistant.services.sources import WebSources
from assistant.watching.api import watch_add, watch_alerts
from assistant.watching.notify import notify_alerts
from assistant.watching.watches import Alert, AlertKind, Quote
from assistant.watching.webhook import post_alerts
from assistant.web.fetch import Fetcher, FetchPolicy

pytestmark = pytest.mark.integration
PRIME = "What is Citibank's prime rate?"
HOSTILE = '<img src=x onerror="alert(1)">'
FIRST = {
    "id": "citi-0310",
    "date": "1987-03-10",
    "source": "Reuters",
    "title": "Citibank sets prime rate",
    "text": "Citibank said its prime rate stands at 7-1/2 pct, citing the cost of funds in "
    "the money markets and steady loan demand from its corporate customers.",
}
RAISED = {
    "id": "citi-0401",
    "date": "1987-04-01",
    "source": "Reuters",
    "title": f"Citibank raises prime rate {HOSTILE}",
    "text": "Citibank said it raised its prime rate to 7-3/4 pct from 7-1/2 pct, citing "
    "the higher cost of funds in the money markets and strong corporate loan demand.",
}


@pytest.fixture(scope="module")
def hooks() -> Iterator[Hooks]:
    served = Hooks()
    yield served
    served.server.shutdown()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, hooks: Hooks) -> Iterator[App]:
    work = tmp_path_factory.mktemp("watch-doors")
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "march.jsonl").write_text(json.dumps(FIRST) + "\n")
    ingest([corpus], Settings.from_env(index_dir=work / "index", corpus_dir=corpus))
    notify = hooks.url.replace("http://", "json://")  # Apprise's JSON service, to loopback
    env = {"ASSISTANT_WATCH_WEBHOOK": hooks.url, "ASSISTANT_WATCH_NOTIFY": notify}
    with running_app(work / "index", corpus, ASSISTANT_FETCH_PRIVATE="1", **env) as running:
        yield running


def test_the_json_api_watches_alerts_and_serves_atom(app: App, hooks: Hooks) -> None:
    with httpx.Client(base_url=app.url, timeout=120) as api:
        made = api.post("/api/watches", json={"question": PRIME})
        assert made.status_code == 201 and "7-1/2" in made.json()["answer"]
        watch_id = made.json()["id"]
        assert [w["id"] for w in api.get("/api/watches").json()] == [watch_id]

        upload = ("april.jsonl", json.dumps(RAISED).encode(), "application/json")
        added = api.post("/api/ingest", files=[("files", upload)], params={"wait": 60})
        assert added.status_code == 200, added.text
        alerts = api.get("/api/watches/alerts", params={"unread": True}).json()
        assert [a["kind"] for a in alerts] == ["answer_changed"]
        assert "7-3/4" in alerts[0]["new_answer"] and "7-1/2" in alerts[0]["old_answer"]
        assert alerts[0]["previous_citation"]["date"] == "1987-03-10"
        posted = [a["new_answer"] for b in hooks.received if "alerts" in b for a in b["alerts"]]
        assert posted == [alerts[0]["new_answer"]]  # the webhook had it too, once
        notified = [b for b in hooks.received if "title" in b]  # and Apprise, as plain text
        assert [b["title"] for b in notified] == [alerts[0]["message"]]
        assert f"Citibank raises prime rate {HOSTILE}" in notified[0]["message"]
        assert "Before: Citibank sets prime rate" in notified[0]["message"]

        for path in ("/api/watches/alerts.atom", f"/api/watches/{watch_id}/alerts.atom"):
            served = api.get(path)
            assert served.headers["content-type"].startswith("application/atom+xml")
            feed = feedparser.parse(served.content)
            assert not feed.bozo and len(feed.entries) == 1
            assert HOSTILE in feed.entries[0].content[0].value  # as text, never as markup
            assert feed.entries[0].content[0].type == "text/plain"
        assert api.post("/api/watches/alerts/read", json={"ids": None}).json() == {"marked": 1}
        assert api.get("/api/watches/alerts", params={"unread": True}).json() == []

        replay = api.post("/api/watches/test", json={"question": PRIME,
                                                     "date_from": "1987-03-10"}).json()  # fmt: skip
        assert [(a["kind"], a["date"]) for a in replay] == [("answer_changed", "1987-04-01")]
        found = api.get("/api/digest", params={"q": "Citibank prime rate", "since": "1987-03-31"})
        assert [d["day"] for d in found.json()["days"]] == ["1987-04-01"]
        assert "openapi" in api.get("/openapi.json").json()
        assert "/api/watches/{watch_id}/alerts.atom" in api.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize(
    ("method", "path", "payload", "status", "said"),
    [
        # 400: the request is well formed but names nothing usable; 422: it is malformed
        ("post", "/api/watches", {"question": ""}, 400, "needs a question"),
        ("post", "/api/watches", {"question": "x" * 600}, 422, "question"),
        ("post", "/api/watches", {"question": PRIME, "kind": "<script>"}, 422, "kind"),
        ("post", "/api/watches", ["not", "an", "object"], 422, ""),
        ("delete", "/api/watches/w-nothing", None, 404, "No watch"),
        ("get", "/api/watches/w-nothing/alerts.atom", None, 404, "No watch"),
        ("get", "/api/watches/alerts?since=soon", None, 400, "not a date"),
        ("post", "/api/watches/alerts/read", {"ids": [{"x": 1}]}, 422, "ids"),
        ("post", "/api/watches/test", {"question": PRIME, "date_from": "nope"}, 400, "date"),
        ("get", "/api/digest?q=Citibank", None, 422, "since"),
    ],
)  # fmt: skip
def test_crafted_requests_get_a_plain_error(
    app: App, method: str, path: str, payload: Any, status: int, said: str
) -> None:
    reply = httpx.request(method, app.url + path, json=payload, timeout=60)
    assert reply.status_code == status
    assert said in reply.json()["error"] and "Traceback" not in reply.text


def test_a_webhook_to_this_machine_is_refused_unless_allowed(hooks: Hooks, tmp_path: Path) -> None:
    cited = Quote(article_id="a", title="t", date="1987-04-01", source="s", quote="q")
    alert = Alert(watch_id="w", kind=AlertKind.NEW_STORY, date="1987-04-01", question="q",
                  new_answer="q", citation=cited, id="1")  # fmt: skip
    settings = Settings.from_env(index_dir=tmp_path, watch_webhook=hooks.url)
    before = len(hooks.received)
    assert post_alerts(settings, [alert]) is False and len(hooks.received) == before
    assert post_alerts(settings.with_overrides(fetch_private=True), [alert]) is True
    assert hooks.received[-1]["alerts"][0]["message"] == alert.message
    # the same rule for Apprise's services (tests/watching/test_notify.py has the rest)
    apprise_to_me = settings.with_overrides(watch_notify=hooks.url.replace("http", "json", 1))
    assert notify_alerts(apprise_to_me, [alert]) == 0 and len(hooks.received) == before + 1
    assert notify_alerts(apprise_to_me.with_overrides(fetch_private=True), [alert]) == 1
    assert hooks.received[-1]["title"] == alert.message


def test_the_command_line_watches_tests_and_digests(
    fresh: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, index = Path(fresh.corpus_dir), str(fresh.index_dir)
    (corpus / "march.jsonl").write_text(json.dumps(FIRST) + "\n")
    assert main(["ingest", str(corpus), "--index-dir", index, "--quiet"]) == 0
    assert main(["watch", "add", PRIME, "--index-dir", index]) == 0
    assert "Now: 7-1/2 pct (Reuters, 1987-03-10)" in capsys.readouterr().out
    (corpus / "april.jsonl").write_text(json.dumps(RAISED) + "\n")
    assert main(["ingest", str(corpus), "--index-dir", index, "--quiet"]) == 0
    said = capsys.readouterr().out
    assert "1 new alert:" in said and "changed from 7-1/2 pct (Reuters, 1987-03-10)" in said
    assert main(["watch", "alerts", "--json", "--mark-read", "--index-dir", index]) == 0
    assert [a["kind"] for a in json.loads(capsys.readouterr().out)] == ["answer_changed"]
    assert main(["watch", "alerts", "--unread", "--index-dir", index]) == 0
    assert capsys.readouterr().out.strip() == "No alerts."
    assert main(["watch", "test", PRIME, "--from", "1987-03-10", "--json",
                 "--index-dir", index]) == 0  # fmt: skip
    assert [a["date"] for a in json.loads(capsys.readouterr().out)] == ["1987-04-01"]
    assert main(["digest", "Citibank prime rate", "--since", "1987-03-31",
                 "--index-dir", index]) == 0  # fmt: skip
    assert "1987-04-01" in capsys.readouterr().out
    assert main(["digest", "Citibank prime rate", "--since", "1987-03-31",
                 "--index-dir", index]) == 0  # fmt: skip
    assert "Nothing new on Citibank prime rate since 31 March 1987." in capsys.readouterr().out
    assert main(["watch", "remove", "w-nothing", "--index-dir", index]) == 2
    assert "error: No watch 'w-nothing'" in capsys.readouterr().err


def test_mcp_watches_and_gives_alerts_as_data(fresh: Settings) -> None:
    from mcp import Client

    from assistant.app.mcp_server import build_mcp

    corpus = Path(fresh.corpus_dir)
    (corpus / "march.jsonl").write_text(json.dumps(FIRST) + "\n")
    assistant = Assistant(fresh)
    assistant.ingest([corpus])

    async def steps(client: Client) -> Any:
        made = await client.call_tool("watch_add", {"question": PRIME})
        (corpus / "april.jsonl").write_text(json.dumps(RAISED) + "\n")
        assistant.ingest([corpus])
        alerts = await client.call_tool("watch_alerts", {})
        bad = await client.call_tool("watch_add", {"question": " "})
        resource = await client.read_resource("alerts://recent")
        return made.structured_content, alerts.structured_content, bad, resource

    made, alerts, bad, resource = asyncio.run(_session(build_mcp(assistant), steps))
    assert "7-1/2" in made["answer"]
    (alert,) = alerts["result"]
    assert alert["kind"] == "answer_changed" and "7-3/4" in alert["new_answer"]
    assert bad.is_error and "needs a question" in bad.content[0].text
    assert json.loads(resource.contents[0].text)[0]["id"] == alert["id"]


async def _session(server: Any, steps: Any) -> Any:
    from mcp import Client

    async with Client(server) as client:
        return await steps(client)


def test_a_feed_refresh_from_a_loopback_site_raises_the_alert(fresh: Settings) -> None:
    corpus = Path(fresh.corpus_dir)
    (corpus / "march.jsonl").write_text(json.dumps(FIRST) + "\n")
    assistant = Assistant(fresh)
    assistant.ingest([corpus])
    watch_add(PRIME, assistant=assistant)
    story = [RAISED["text"], "Other major banks were expected to follow within days."]
    fetcher = Fetcher(FetchPolicy(host_delay=0.0, allow_private=True))
    with LocalSite() as site:
        site.routes["/feed.xml"] = Reply(
            rss("Money Wire", [("citi", site.url("/citi"), "Citibank raises prime", "Prime.")]),
            content_type="application/rss+xml",
        )
        site.routes["/citi"] = Reply(article_page("Citibank raises prime", story, "1987-04-01"))
        web = WebSources(assistant, fetcher)
        web.add_feed(site.url("/feed.xml"))
        web.refresh()
    fetcher.close()
    (alert,) = watch_alerts(assistant=assistant)
    assert alert.kind is AlertKind.ANSWER_CHANGED and "7-3/4" in alert.new_answer
    assert alert.citation.source == "Money Wire" or alert.citation.url.startswith("http://127")
