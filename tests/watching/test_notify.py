"""Alerts through Apprise: the real library, sending to a loopback server with its
``json://`` service; the address check, with a resolver of the test's own for names that
would need the internet."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import apprise
import pytest
from local_site import Hooks

from assistant.config import Settings
from assistant.watching.notify import notify_alerts, refusal
from assistant.watching.watches import Alert, AlertKind, Quote
from assistant.web.connect import Reach

HOSTILE = "<script>alert(1)</script>"
BEFORE = Quote(article_id="a1", title="Citibank sets prime", date="1987-03-10",
               source="Reuters", quote="Citibank's prime rate stands at 7-1/2 pct.")  # fmt: skip
NOW = Quote(article_id="a2", title=f"Citibank raises prime {HOSTILE}", date="1987-04-01",
            source="Reuters", quote="Citibank raised its prime rate to 7-3/4 pct.")  # fmt: skip
CHANGED = Alert(watch_id="w1", kind=AlertKind.ANSWER_CHANGED, date="1987-04-01",
                question="What is Citibank's prime rate?", new_answer="7-3/4 pct",
                citation=NOW, old_answer="7-1/2 pct", previous_citation=BEFORE, id="1")  # fmt: skip


@pytest.fixture(scope="module")
def hooks() -> Iterator[Hooks]:
    served = Hooks()
    yield served
    served.server.shutdown()


def settings(tmp_path: Path, notify: str, *, private: bool = True) -> Settings:
    return Settings.from_env(index_dir=tmp_path, watch_notify=notify, fetch_private=private)


def test_each_alert_reaches_the_service_as_plain_text(hooks: Hooks, tmp_path: Path) -> None:
    url = hooks.url.replace("http://", "json://")
    before = len(hooks.received)
    assert notify_alerts(settings(tmp_path, url), [CHANGED, CHANGED]) == 2
    sent = hooks.received[before:]
    assert [b["title"] for b in sent] == [CHANGED.message] * 2
    body = sent[0]["message"]
    assert body.startswith(f"Now: Citibank raises prime {HOSTILE} | Reuters | 1987-04-01")
    assert "Before: Citibank sets prime | Reuters | 1987-03-10" in body
    assert "“Citibank's prime rate stands at 7-1/2 pct.”" in body  # the quotes, verbatim


def test_a_server_on_this_machine_is_refused_unless_allowed(
    hooks: Hooks, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = hooks.url.replace("http://", "json://") + "?token=s3cret"
    before = len(hooks.received)
    with caplog.at_level(logging.WARNING, logger="assistant.watching.notify"):
        assert notify_alerts(settings(tmp_path, url, private=False), [CHANGED]) == 0
    assert len(hooks.received) == before
    assert "refused" in caplog.text and "ASSISTANT_FETCH_PRIVATE" in caplog.text
    assert "s3cret" not in caplog.text  # the log names the server, never the URL's secret


def test_an_address_apprise_cannot_use_is_logged_and_the_rest_still_sent(
    hooks: Hooks, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = "nosuchservice://secret-token " + hooks.url.replace("http://", "json://")
    before = len(hooks.received)
    with caplog.at_level(logging.WARNING, logger="assistant.watching.notify"):
        assert notify_alerts(settings(tmp_path, url), [CHANGED]) == 1
    assert "nosuchservice:// address Apprise cannot use" in caplog.text
    assert "secret-token" not in caplog.text
    assert len(hooks.received) == before + 1


def test_nothing_is_sent_without_urls_or_alerts(hooks: Hooks, tmp_path: Path) -> None:
    before = len(hooks.received)
    assert notify_alerts(Settings.from_env(index_dir=tmp_path), [CHANGED]) == 0
    assert notify_alerts(settings(tmp_path, hooks.url.replace("http", "json", 1)), []) == 0
    assert len(hooks.received) == before


def test_without_the_extra_it_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "apprise", None)  # as if the notify extra were absent
    with caplog.at_level(logging.WARNING, logger="assistant.watching.notify"):
        assert notify_alerts(settings(tmp_path, "ntfy://topic"), [CHANGED]) == 0
    assert "news-archive-qa[notify]" in caplog.text


@pytest.mark.parametrize(
    ("url", "addresses", "refused"),
    [
        ("json://hooks.example/alerts", ["93.184.215.14"], False),
        ("json://hooks.example/alerts", ["10.0.0.5"], True),  # a name pointing inside
        ("json://hooks.example/alerts", ["93.184.215.14", "127.0.0.1"], True),
        ("mailto://user:pw@mail.example?to=me@mail.example", ["192.168.1.9"], True),
        ("ntfy://10.0.0.5/topic", ["10.0.0.5"], True),
        ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ", [], False),  # a token
    ],
)
def test_the_servers_a_service_reaches_are_checked(
    url: str, addresses: list[str], refused: bool
) -> None:
    def resolve(host: str, port: int) -> list[str]:
        if not addresses:
            raise OSError("does not resolve")
        return addresses

    service = apprise.Apprise.instantiate(url)
    assert service is not None
    assert bool(refusal(service, Reach(resolve=resolve))) is refused
    assert refusal(service, Reach(allow_private=True, resolve=resolve)) == ""
