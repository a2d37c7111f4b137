"""Issue 26: one question through all six doors, and the Python call they all wrap,
compared field by field: the short answer, whether the archive declined, the confidence,
what the answer is as of, how the question's time was read, and every citation (number,
article, title, date, source, URL, quote, offsets, the answer's span, page and score).

One real index of the founding article (the real embedding model, ``seed_settings``) is
shared by every door. The doors are driven in-process, each through the function its
transport calls: the CLI's ``main(argv)`` with ``--json``; the JSON API and the OpenAI
route through Starlette's TestClient (real HTTP requests to the FastAPI app); the Gradio
API's ``api_ask`` handler, called as Gradio calls the function the page registers with
``gr.api(handlers.api_ask, api_name="ask")`` (its reply round-tripped through JSON, as
Gradio sends it); the MCP server's ``ask`` tool through the SDK's in-memory client; and
LangChain's ``AssistantRunnable.invoke``. The running server's transports themselves are
covered by test_time_doors.py, test_mcp.py and test_http_api.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.app import cli
from assistant.app.chains import as_runnable
from assistant.app.handlers import AppHandlers
from assistant.app.http_api import build_api
from assistant.app.openai_format import completion_text
from assistant.config import Settings
from assistant.facade import Assistant
from assistant.records import Answer, Citation

pytestmark = pytest.mark.integration

QUESTION = "Who claimed responsibility for the attack?"
WINDOW = "Who claimed responsibility for the attack in May 2024?"
# (question, as_of, time): as asked, as of a later day, with a window in the question's
# words, and with that window not read (time "off")
CASES: dict[str, tuple[str, str | None, str | None]] = {
    "plain": (QUESTION, None, None),
    "as_of": (QUESTION, "2024-05-30", None),
    "window": (WINDOW, None, None),
    "time_off": (WINDOW, None, "off"),
}
ANSWER_FIELDS = ("text", "short_answer", "abstained", "confidence", "as_of", "time")
CITATION_FIELDS = (
    "n", "article_id", "title", "date", "source", "url", "quote", "start", "end",
    "supports", "answer_start", "answer_end", "page", "score",
)  # fmt: skip
TIME_FIELDS = (
    "from", "to", "as_of", "recency", "phrase", "label", "unread", "reference", "fallback", "note",
)  # fmt: skip
ABSENT = "<not given by this door>"

Form = dict[str, Any]


def rounded(value: Any) -> Any:
    return round(value, 3) if isinstance(value, float) else value


def from_reference(answer: Answer) -> Form:
    """The Python reference, read from the ``Answer``'s attributes (not its ``to_dict``)."""

    def cited(c: Citation) -> Form:
        return {k: rounded(getattr(c, k)) for k in CITATION_FIELDS}

    time = None
    if answer.time is not None:
        t = answer.time
        time = {"from": t.date_from, "to": t.date_to, "as_of": t.as_of, "recency": t.recency,
                "phrase": t.phrase, "label": t.label, "unread": t.unread,
                "reference": t.reference, "fallback": t.fallback, "note": t.note}  # fmt: skip
    return {
        "text": answer.text, "short_answer": answer.short_answer,
        "abstained": answer.abstained, "confidence": rounded(answer.confidence),
        "as_of": answer.as_of, "time": time,
        "citations": [cited(c) for c in answer.citations],
    }  # fmt: skip


def cited_from(data: dict[str, Any]) -> Form:
    return {k: rounded(data.get(k, ABSENT)) for k in CITATION_FIELDS}


def time_from(data: Any) -> Any:
    if data is None or data == ABSENT:
        return data
    return {k: data.get(k, ABSENT) for k in TIME_FIELDS}


def from_answer_dict(data: dict[str, Any]) -> Form:
    """``Answer.to_dict()``'s shape, as the CLI, the JSON API, Gradio and LangChain give it."""
    assert "error" not in data, data
    form = {k: rounded(data.get(k, ABSENT)) for k in ANSWER_FIELDS}
    form["time"] = time_from(data.get("time", ABSENT))
    form["citations"] = [cited_from(c) for c in data["citations"]]
    return form


@pytest.fixture(scope="module")
def handlers(seed_assistant: Assistant) -> AppHandlers:
    return AppHandlers(seed_assistant)


@pytest.fixture(scope="module")
def api(handlers: AppHandlers) -> Iterator[TestClient]:
    with TestClient(build_api(handlers, None)) as client:
        yield client


@pytest.fixture(scope="module")
def reference(seed_assistant: Assistant) -> dict[str, Answer]:
    """Door 0, the reference: ``Assistant.ask``, once per case."""
    return {
        name: seed_assistant.ask(q, as_of=as_of, time=time)
        for name, (q, as_of, time) in CASES.items()
    }


def through_cli(settings: Settings, question: str, as_of: str | None, time: str | None) -> Form:
    """``assistant ask ... --json``, its own ``Assistant`` over the same index folder."""
    argv = ["ask", question, "--json", "--index-dir", str(settings.index_dir)]
    argv += ["--as-of", as_of] if as_of else []
    argv += ["--time", time] if time else []
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(argv)
    assert status == 0, out.getvalue()
    return from_answer_dict(json.loads(out.getvalue()))


def through_json_api(api: TestClient, question: str, as_of: str | None, time: str | None) -> Form:
    body = {"question": question, "as_of": as_of, **({"time": time} if time else {})}
    reply = api.post("/api/ask", json=body)
    assert reply.status_code == 200, reply.text
    return from_answer_dict(reply.json())


def through_gradio(
    handlers: AppHandlers, question: str, as_of: str | None, time: str | None
) -> Form:
    """Called directly as Gradio calls it for ``/ask``: the same positional arguments a
    ``gradio_client`` sends (test_time_doors.py), the reply as JSON on the wire."""
    reply = handlers.api_ask(question, None, "", "", None, as_of or "", time or "auto")
    return from_answer_dict(json.loads(json.dumps(reply)))


def through_langchain(
    seed_assistant: Assistant, question: str, as_of: str | None, time: str | None
) -> Form:
    asked = {"question": question, "as_of": as_of, **({"time": time} if time else {})}
    return from_answer_dict(as_runnable(seed_assistant).invoke(asked))


def through_mcp(
    seed_assistant: Assistant, question: str, as_of: str | None, time: str | None
) -> Form:
    from mcp import Client

    from assistant.app.mcp_server import build_mcp

    arguments: dict[str, Any] = {"question": question}
    if as_of:
        arguments["as_of"] = as_of
    if time:
        arguments["time"] = time

    async def steps() -> dict[str, Any]:
        async with Client(build_mcp(seed_assistant)) as client:
            result = await client.call_tool("ask", arguments)
            assert not result.is_error, result.content
            return dict(result.structured_content or {})

    data = asyncio.run(steps())
    # the MCP names: "answer" for the reply's text, "declined" for abstained
    form = {
        "text": data.get("answer", ABSENT), "short_answer": data.get("short_answer", ABSENT),
        "abstained": data.get("declined", ABSENT),
        "confidence": rounded(data.get("confidence", ABSENT)),
        "as_of": data.get("as_of", ABSENT), "time": time_from(data.get("time", ABSENT)),
    }  # fmt: skip
    form["citations"] = [cited_from(c) for c in data["citations"]]
    return form


def through_openai(
    api: TestClient, question: str, as_of: str | None, time: str | None
) -> tuple[Form, str]:
    """The route's structured part: its ``citations``; and its message's text."""
    body: dict[str, Any] = {"messages": [{"role": "user", "content": question}]}
    if as_of:
        body["as_of"] = as_of
    if time:
        body["time"] = time
    reply = api.post("/v1/chat/completions", json=body)
    assert reply.status_code == 200, reply.text
    data = reply.json()
    form = {"citations": [cited_from(c) for c in data["citations"]]}
    return form, data["choices"][0]["message"]["content"]


# What a door does not carry, by its protocol's design (not drift):
# - OpenAI: a chat.completion has no place for the short answer, confidence, abstention or
#   dates; its text is Markdown with the sources appended (compared below as a whole against
#   ``completion_text`` of the reference), its ``citations`` extra is compared field by field.
# - MCP: a citation's retrieval score is not offered to agents (search_articles' passages
#   have it); everything else is compared under the MCP's own names.
NOT_CARRIED = {
    "openai": set(ANSWER_FIELDS),
    "mcp": {"citation.score"},
}
DOORS: dict[str, Callable[..., Any]] = {
    "cli": through_cli, "json_api": through_json_api, "openai": through_openai,
    "gradio": through_gradio, "mcp": through_mcp, "langchain": through_langchain,
}  # fmt: skip


@pytest.fixture(scope="module")
def replies(
    seed_settings: Settings, seed_assistant: Assistant, handlers: AppHandlers, api: TestClient
) -> Callable[[str, str], Any]:
    """A door's reply to a case, asked once (lazily: one broken door fails only its tests)."""
    targets = {"cli": seed_settings, "json_api": api, "openai": api, "gradio": handlers,
               "mcp": seed_assistant, "langchain": seed_assistant}  # fmt: skip
    asked: dict[tuple[str, str], Any] = {}

    def reply(door: str, case: str) -> Any:
        if (door, case) not in asked:
            asked[(door, case)] = DOORS[door](targets[door], *CASES[case])
        return asked[(door, case)]

    return reply


def test_the_reference_answers_from_the_founding_article(reference: dict[str, Answer]) -> None:
    for case, answer in reference.items():
        assert not answer.abstained, case
        assert "Coordination of Azawad Movements" in answer.short_answer, case
        assert answer.citations and answer.citations[0].date == "2024-05-27", case
        assert answer.as_of == "2024-05-27", case
    assert reference["plain"].time is None or reference["plain"].time.as_of is None
    assert reference["as_of"].time and reference["as_of"].time.as_of == "2024-05-30"
    assert reference["window"].time and reference["window"].time.date_from == "2024-05-01"
    assert reference["window"].time.date_to == "2024-05-31"
    assert reference["time_off"].time is None  # the window is not read: time played no part


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("door", list(DOORS))
def test_every_door_gives_the_python_answer(
    door: str, case: str, reference: dict[str, Answer], replies: Callable[[str, str], Any]
) -> None:
    expected = from_reference(reference[case])
    got = replies(door, case)
    if door == "openai":
        got, text = got
        assert text == completion_text(reference[case]), f"{door}/{case}: message content"
    skipped = NOT_CARRIED.get(door, set())
    for field in ANSWER_FIELDS:
        if field not in skipped:
            assert got[field] == expected[field], f"{door}/{case}: {field}"
    assert len(got["citations"]) == len(expected["citations"]), f"{door}/{case}: citations"
    for mine, theirs in zip(got["citations"], expected["citations"], strict=True):
        for field in CITATION_FIELDS:
            if f"citation.{field}" not in skipped:
                where = f"{door}/{case}: citation [{theirs['n']}] {field}"
                assert mine[field] == theirs[field], where
