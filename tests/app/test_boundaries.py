"""Issue 26: one error boundary per door, deciding by the error's kind, never its words.

The JSON API maps each kind to its status and answers in one shape per prefix (OpenAI's
under /v1); the page's handlers, the MCP tools and the command line each turn any failure
into their own message, a bug included, without a traceback. The assistant's methods are
replaced on one instance to fail on demand; everything else is real.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from conftest import FAKE_EMBEDDER
from fastapi.testclient import TestClient

from assistant.app import cli
from assistant.app.feeds_panel import FeedsPanel
from assistant.app.handlers import AppHandlers
from assistant.app.http_api import SIGN_IN, build_api
from assistant.app.http_boundary import STATUS
from assistant.app.ingest_queue import IngestQueue, JobState
from assistant.config import Settings
from assistant.errors import (
    AssistantError,
    BackendUnavailable,
    ErrorKind,
    FetchFailed,
    IndexBusy,
    IndexProblem,
    InvalidInput,
    NotFound,
)
from assistant.facade import Assistant
from assistant.records import Partial

BUG = "kaboom at /srv/secret/index"  # a bug's message: never shown to a user
CHAT = "/v1/chat/completions"


@pytest.fixture
def assistant(fake_seed_settings: Settings) -> Assistant:
    """An assistant of this test's own, so its methods can be replaced."""
    return Assistant(fake_seed_settings, embedder=FAKE_EMBEDDER)


@pytest.fixture
def own_assistant(own_settings: Settings) -> Assistant:
    """Over a private copy of the seed index (deleting takes the writer's lock)."""
    return Assistant(own_settings, embedder=FAKE_EMBEDDER)


def client(assistant: Assistant, auth: tuple[str, str] | None = None) -> TestClient:
    # a bug is answered by the handler, then raised again for the server to log: the
    # client sees the answer, as a real client does
    return TestClient(build_api(AppHandlers(assistant), auth), raise_server_exceptions=False)


def failing(error: BaseException) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise error

    return fail


def streaming_then(error: BaseException) -> Any:
    def stream(*args: Any, **kwargs: Any) -> Iterator[Partial]:
        yield Partial("The CMA")
        raise error

    return stream


# -- the errors ------------------------------------------------------------------------


def test_every_error_has_a_kind_and_every_kind_a_status() -> None:
    kinds = {
        InvalidInput: ErrorKind.INVALID_INPUT, NotFound: ErrorKind.NOT_FOUND,
        IndexBusy: ErrorKind.BUSY, BackendUnavailable: ErrorKind.UNAVAILABLE,
        FetchFailed: ErrorKind.UPSTREAM, IndexProblem: ErrorKind.INTERNAL,
    }  # fmt: skip
    assert {cls: cls("x").kind for cls in kinds} == kinds
    assert issubclass(NotFound, InvalidInput)  # code that catches bad input catches it too
    assert set(STATUS) == set(ErrorKind)


# -- the JSON API and the OpenAI route -------------------------------------------------


@pytest.mark.parametrize(
    ("error", "status", "shown"),
    [
        (InvalidInput("date_from='soon' is not a date"), 400, "date_from='soon' is not a date"),
        (NotFound("No article 'x' in the index."), 404, "No article 'x' in the index."),
        (IndexBusy("locked by pid 7 at /srv/index"), 409, "Another process is writing"),
        (BackendUnavailable("http://10.0.0.5:8000 down"), 503, "cannot be reached right now"),
        (FetchFailed("http://example.com/: timed out"), 502, "http://example.com/: timed out"),
        (IndexProblem("/srv/index was built with model y"), 500, "the server log says why"),
    ],
)
def test_each_kind_has_its_status_in_both_shapes(
    assistant: Assistant, error: AssistantError, status: int, shown: str
) -> None:
    assistant.timeline = failing(error)  # type: ignore[method-assign]
    assistant.ask = failing(error)  # type: ignore[method-assign]
    with client(assistant) as api:
        reply = api.get("/api/timeline", params={"q": "Lere attack"})
        assert reply.status_code == status
        assert set(reply.json()) == {"error"} and shown in reply.json()["error"]
        chat = api.post(CHAT, json={"messages": [{"role": "user", "content": "Who?"}]})
    assert chat.status_code == status
    said = chat.json()["error"]
    assert set(said) == {"message", "type", "code"} and shown in said["message"]
    assert said["code"] == error.kind.value
    client_fault = error.kind in (ErrorKind.INVALID_INPUT, ErrorKind.NOT_FOUND)
    assert said["type"] == ("invalid_request_error" if client_fault else "server_error")
    assert "/srv" not in reply.text + chat.text and "10.0.0.5" not in reply.text + chat.text


def test_a_missing_article_or_job_is_a_404_and_bad_input_a_400(own_assistant: Assistant) -> None:
    with client(own_assistant) as api:
        missing = api.delete("/api/articles/no-such-article")
        assert missing.status_code == 404
        assert missing.json() == {"error": "No article 'no-such-article' in the index."}
        assert api.get("/api/ingest/jobs/nope").status_code == 404
        assert api.get("/docs/static/index.html").json() == {"error": "No such file."}
        assert api.post("/api/ask", json={"question": "  "}).status_code == 400
        assert api.post("/api/ask", json={"history": []}).status_code == 422


def test_the_status_never_comes_from_the_words(assistant: Assistant) -> None:
    """Issue 26: a 404 was decided by "No article" in the message."""
    assistant.timeline = failing(InvalidInput("No article can be that old."))  # type: ignore[method-assign]
    with client(assistant) as api:
        assert api.get("/api/timeline", params={"q": "x"}).status_code == 400


def test_a_bug_is_a_generic_500_logged_with_its_traceback(
    assistant: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    assistant.articles = failing(RuntimeError(BUG))  # type: ignore[method-assign]
    assistant.ask = failing(KeyError(BUG))  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR), client(assistant) as api:
        listed = api.get("/api/articles")
        chat = api.post(CHAT, json={"messages": [{"role": "user", "content": "Who?"}]})
    assert listed.status_code == 500 and listed.json() == {
        "error": "Something went wrong while handling GET /api/articles (RuntimeError); "
        "the server log has details."
    }
    assert chat.status_code == 500 and chat.json()["error"]["type"] == "server_error"
    assert "(KeyError)" in chat.json()["error"]["message"]
    for text in (listed.text, chat.text):
        assert "kaboom" not in text and "Traceback" not in text and "/srv" not in text
    logged = [r for r in caplog.records if r.exc_info]
    assert {type(r.exc_info[1]) for r in logged if r.exc_info} == {RuntimeError, KeyError}


def test_sign_in_is_asked_in_each_doors_shape(assistant: Assistant) -> None:
    with client(assistant, auth=("ana", "correct-horse")) as api:
        plain = api.get("/api/health")
        chat = api.post(CHAT, json={"messages": []})
        wrong_method = api.put("/api/health", auth=("ana", "correct-horse"))
    assert plain.status_code == 401 and plain.json() == {"error": SIGN_IN}
    assert plain.headers["www-authenticate"] == 'Basic realm="assistant"'
    assert chat.status_code == 401 and chat.json() == {
        "error": {"message": SIGN_IN, "type": "invalid_request_error", "code": "invalid_api_key"}
    }
    assert wrong_method.status_code == 405 and wrong_method.json() == {
        "error": "Method Not Allowed"
    }


def events(body: str) -> list[tuple[str, Any]]:
    found = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        found.append((lines.get("event", ""), lines["data"]))
    return found


def test_a_stream_that_fails_ends_with_the_reason(assistant: Assistant) -> None:
    """The status went out with the first event: the failure is the last event."""
    assistant.stream = streaming_then(BackendUnavailable("http://10.0.0.5:8000 down"))  # type: ignore[method-assign]
    with client(assistant) as api:
        reply = api.post("/api/ask", json={"question": "Who?", "stream": True})
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/event-stream")
        assert reply.headers["cache-control"] == "no-cache"
        found = events(reply.text)
        assert found[0] == ("partial", json.dumps({"text": "The CMA"}))
        assert found[-1][0] == "error" and "cannot be reached right now" in found[-1][1]
        assistant.stream = streaming_then(RuntimeError(BUG))  # type: ignore[method-assign]
        streamed = api.post(CHAT, json={"messages": [{"role": "user", "content": "Who?"}],
                                        "stream": True})  # fmt: skip
    chunks = [data for _, data in events(streamed.text)]
    assert chunks[-1] == "[DONE]"
    text = "".join(json.loads(c)["choices"][0]["delta"].get("content", "") for c in chunks[:-1])
    assert (
        text.startswith("The CMA")
        and "⚠ Something went wrong while answering (RuntimeError)" in text
    )
    assert "kaboom" not in streamed.text


# -- the page and the Gradio API -------------------------------------------------------


def test_the_pages_handlers_show_a_bug_as_a_message(assistant: Assistant) -> None:
    handlers = AppHandlers(assistant)
    assistant.ask = failing(RuntimeError(BUG))  # type: ignore[method-assign]
    assistant.stream = streaming_then(RuntimeError(BUG))  # type: ignore[method-assign]
    assistant.timeline = failing(ZeroDivisionError(BUG))  # type: ignore[method-assign]
    assistant.delete = failing(OSError(BUG))  # type: ignore[method-assign]
    said = handlers.api_ask("Who?")
    assert said == {
        "error": "Something went wrong while answering (RuntimeError); the server log has details."
    }
    *_, (box, chat, plain) = handlers.respond("Who?", [], [])
    assert box == "" and plain == [] and chat[0] == {"role": "user", "content": "Who?"}
    assert "Something went wrong while answering (RuntimeError)" in unescape(chat[-1]["content"])
    _, shown, _ = handlers.show_timeline("Lere attack")
    assert "building the timeline (ZeroDivisionError)" in unescape(shown)
    article_id = assistant.articles()[0].id
    message, *_ = handlers.delete(article_id)
    assert message.startswith("⚠ Something went wrong while deleting (OSError)")
    assert "deleting (OSError)" in handlers.api_delete(article_id)["error"]
    everything = json.dumps([said, chat, shown, message])
    assert "kaboom" not in everything and "Traceback" not in everything


def test_the_pages_handlers_show_an_errors_own_words(assistant: Assistant) -> None:
    handlers = AppHandlers(assistant)
    assert "No article 'nope' in the index." in unescape(handlers.open_article("nope:1:2"))
    assert "Bad article link" in handlers.open_article("nope:one:2")
    assistant.stats = failing(IndexBusy("locked by pid 7 at /srv/index"))  # type: ignore[method-assign]
    assert handlers.api_stats() == {
        "error": "Another process is writing to the index; try again in a few minutes."
    }


def test_the_boundary_keeps_what_gradio_reads_of_a_handler() -> None:
    """Gradio builds the API from the signature and streams what is a generator."""
    assert inspect.isgeneratorfunction(AppHandlers.respond)
    assert not inspect.isgeneratorfunction(AppHandlers.api_ask)
    assert list(inspect.signature(AppHandlers.api_ask).parameters)[:3] == [
        "self", "question", "history"
    ]  # fmt: skip
    assert AppHandlers.api_ask.__doc__ and "Answer a question" in AppHandlers.api_ask.__doc__


class BrokenFeeds:
    """A feed service whose every action fails."""

    def feeds(self) -> list[Any]:
        return []

    def add_feed(self, url: str) -> Any:
        raise FetchFailed(f"{url}: points at a private or local address; refused")

    def refresh(self, urls: Any = None) -> Any:
        raise RuntimeError(BUG)


def test_the_feeds_panel_shows_a_message_for_every_failure() -> None:
    panel = FeedsPanel(BrokenFeeds())  # type: ignore[arg-type]
    message, rows, _ = panel.add("http://127.0.0.1/feed.xml")
    assert message == "⚠ http://127.0.0.1/feed.xml: points at a private or local address; refused"
    message, rows, _ = panel.refresh()
    assert message.startswith("⚠ Something went wrong while refreshing the feeds (RuntimeError)")
    assert rows == [] and "kaboom" not in message


def test_a_bug_in_a_background_job_fails_the_job_not_the_queue(tmp_path: Path) -> None:
    queue = IngestQueue()

    def broken(files: list[Path], progress: Any) -> str:
        raise RuntimeError(BUG)

    failed = queue.wait(queue.submit([tmp_path / "a.txt"], broken).id, 30)
    assert failed is not None and failed.state is JobState.FAILED
    assert failed.message == (
        "⚠ Something went wrong while indexing the upload (RuntimeError); "
        "the server log has details."
    )
    done = queue.wait(queue.submit([tmp_path / "b.txt"], lambda *_: "Added 1").id, 30)
    assert done is not None and done.state is JobState.DONE  # the worker goes on


# -- the MCP tools ---------------------------------------------------------------------


def test_mcp_tool_errors_carry_the_reason(assistant: Assistant) -> None:
    pytest.importorskip("mcp", reason="the mcp extra is not installed (make test installs it)")
    from mcp import Client

    from assistant.app.mcp_server import build_mcp

    assistant.articles = failing(RuntimeError(BUG))  # type: ignore[method-assign]
    assistant.timeline = failing(BackendUnavailable("http://10.0.0.5:8000 down"))  # type: ignore[method-assign]

    async def steps() -> Any:
        async with Client(build_mcp(assistant)) as mcp:
            return (
                await mcp.call_tool("list_sources", {}),
                await mcp.call_tool("timeline", {"query": "Lere attack"}),
            )

    sources, timeline = asyncio.run(steps())
    # the SDK puts "Error executing tool X: " before the reason; without one it says only that
    assert sources.is_error and sources.content[0].text.endswith(
        "Something went wrong while running list_sources (RuntimeError); "
        "the server log has details."
    )
    assert timeline.is_error and timeline.content[0].text.endswith(
        "The index server cannot be reached right now; try again shortly."
    )
    assert "kaboom" not in sources.content[0].text and "10.0.0.5" not in timeline.content[0].text


# -- the command line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "status", "line"),
    [
        (NotFound("No article 'x' in the index."), 2, "error: No article 'x' in the index."),
        (
            RuntimeError("kaboom\nat line two"),
            1,
            "error: unexpected RuntimeError: kaboom at line two. Run again with "
            "ASSISTANT_DEBUG=1 for details, and please report it.",
        ),
    ],
)
def test_the_command_line_says_one_line_and_exits_non_zero(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: Exception,
    status: int,
    line: str,
) -> None:
    monkeypatch.delenv("ASSISTANT_DEBUG", raising=False)
    monkeypatch.setattr(cli, "cmd_stats", failing(error))
    assert cli.main(["stats"]) == status
    assert capsys.readouterr().err == line + "\n"


def test_the_command_line_shows_the_traceback_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DEBUG", "1")
    monkeypatch.setattr(cli, "cmd_stats", failing(RuntimeError(BUG)))
    with pytest.raises(RuntimeError, match="kaboom"):
        cli.main(["stats"])
