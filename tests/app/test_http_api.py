"""The JSON API and the OpenAI-compatible route, called over HTTP.

Unit tests drive the FastAPI app in-process (Starlette's TestClient speaks real HTTP
requests to it) over a copy of the founding article's index built with the hashing
embedder. ``test_the_running_app_*`` start the real app.py (real model) and call it with
httpx and with the ``openai`` client, as curl and chat front-ends would.
"""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from app_process import running_app
from conftest import FAKE_EMBEDDER, SEED
from fastapi.testclient import TestClient

from assistant.app.chains import AskInput
from assistant.app.handlers import AppHandlers
from assistant.app.http_api import build_api
from assistant.app.openai_format import completion_text, markdown_literal, openai_history
from assistant.app.requests import AskRequest
from assistant.config import Settings
from assistant.errors import InvalidInput
from assistant.facade import Assistant

QUESTION = "Who claimed responsibility for the attack?"


def client_for(settings: Settings, auth: tuple[str, str] | None = None) -> TestClient:
    assistant = Assistant(settings, embedder=FAKE_EMBEDDER)
    return TestClient(build_api(AppHandlers(assistant), auth))


@pytest.fixture
def api(fake_seed_settings: Settings) -> Iterator[TestClient]:
    with client_for(fake_seed_settings) as client:
        yield client


def events(body: str) -> list[tuple[str, Any]]:
    found = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        found.append((lines["event"], json.loads(lines["data"])))
    return found


def test_health_and_articles(api: TestClient) -> None:
    health = api.get("/api/health").json()
    assert health["status"] == "ok" and health["articles"] == 1 and health["chunks"] > 3
    articles = api.get("/api/articles").json()
    assert [(a["title"], a["date"]) for a in articles] == [("Lere attack", "2024-05-27")]


def test_ask_returns_the_answer_with_citations(api: TestClient) -> None:
    reply = api.post("/api/ask", json={"question": QUESTION})
    assert reply.status_code == 200
    answer = reply.json()
    assert "CMA" in answer["short_answer"] or "Azawad" in answer["short_answer"]
    cited = answer["citations"][0]
    assert cited["title"] == "Lere attack" and answer["short_answer"] in cited["quote"]
    assert api.post("/api/ask", json={"question": QUESTION, "date_to": "2020-01-01"}).json()[
        "abstained"
    ]


def test_ask_streams_server_sent_events(api: TestClient) -> None:
    reply = api.post("/api/ask", json={"question": QUESTION, "stream": True})
    assert reply.headers["content-type"].startswith("text/event-stream")
    found = events(reply.text)
    assert found[-1][0] == "answer" and found[-1][1]["citations"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"question": ""}, 400, "empty"),
        ({"question": "x" * 5000}, 400, "limit"),
        ({"question": QUESTION, "date_from": "soon"}, 400, "not a date"),
        ({"question": QUESTION, "sources": [5]}, 422, "sources.0: Input should be a valid string"),
        ({"history": []}, 422, "question: Field required"),
        ({"question": QUESTION, "as_of": "soon"}, 400, "as_of='soon' is not a date"),
    ],
)
def test_bad_requests_get_messages(api: TestClient, body: dict, status: int, message: str) -> None:
    reply = api.post("/api/ask", json=body)
    assert reply.status_code == status
    assert message in json.dumps(reply.json())


def test_a_nan_or_a_huge_number_as_a_date_is_a_message_not_a_500(api: TestClient) -> None:
    """Issue 26: ``as_of: NaN`` gave a plain 500 (the 422 echoed a NaN JSON cannot hold)."""
    for raw in ('{"question": "Who?", "as_of": NaN}', '{"question": "Who?", "as_of": 1e400}'):
        reply = api.post("/api/ask", content=raw, headers={"content-type": "application/json"})
        assert reply.status_code == 422 and "as_of: Input should be a valid string" in reply.text
        chat = api.post("/v1/chat/completions", headers={"content-type": "application/json"},
                        content=raw.replace('"question": "Who?"', '"messages": []'))  # fmt: skip
        assert chat.status_code == 422
        assert chat.json()["error"]["type"] == "invalid_request_error"
    assert "NaN" not in reply.text


def test_ingest_and_delete(own_settings: Settings) -> None:
    with client_for(own_settings) as api:
        files = [
            ("files", ("port.txt", b"Port strike ends\n\nDockers in Tema voted to end it.")),
            ("files", ("bad.exe", b"MZ\x00\x00")),
        ]
        reply = api.post("/api/ingest", files=files)
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert body["articles"] == 2 and "Refused bad.exe: unsupported type" in body["message"]
        added = next(a for a in api.get("/api/articles").json() if a["title"] == "Port strike ends")
        assert (Path(own_settings.corpus_dir) / "uploads" / "port.txt").exists()

        assert api.delete("/api/articles/no-such-article").status_code == 404
        gone = api.delete(f"/api/articles/{added['id']}").json()
        assert gone["deleted"] == added["id"] and gone["file_removed"] is True
        assert not (Path(own_settings.corpus_dir) / "uploads" / "port.txt").exists()
        assert len(api.get("/api/articles").json()) == 1


def test_ingest_refuses_too_many_and_too_big(own_settings: Settings) -> None:
    with client_for(own_settings) as api:
        many = [("files", (f"f{n}.txt", b"text")) for n in range(21)]
        assert "the limit is 20" in api.post("/api/ingest", files=many).json()["error"]
        big = [("files", ("big.txt", b"a" * (5 * 2**20 + 10)))]
        assert "over the 5 MB limit" in api.post("/api/ingest", files=big).json()["message"]
        sneaky = [("files", ("../../etc/notes.txt", b"Title\n\nSome text here."))]
        reply = api.post("/api/ingest", files=sneaky).json()
        kept = [p for p in Path(own_settings.corpus_dir).rglob("[!.]*") if p.is_file()]
        assert reply["articles"] == 2 and [p.name for p in kept] == ["notes.txt"]
        assert kept[0].parent == Path(own_settings.corpus_dir) / "uploads"
        unsupported = [("files", ("../../etc/passwd", b"root:x:0:0"))]
        assert "unsupported type" in api.post("/api/ingest", files=unsupported).json()["message"]


def test_credentials_are_required_when_the_app_has_them(fake_seed_settings: Settings) -> None:
    with client_for(fake_seed_settings, auth=("ana", "correct-horse")) as api:
        assert api.get("/api/health").status_code == 401
        assert api.get("/openapi.json").status_code == 401
        wrong = {"Authorization": "Bearer ana:wrong-horse"}
        assert api.get("/api/health", headers=wrong).status_code == 401
        basic = base64.b64encode(b"ana:correct-horse").decode()
        assert api.get("/api/health", headers={"Authorization": f"Basic {basic}"}).is_success
        bearer = {"Authorization": "Bearer ana:correct-horse"}
        assert api.get("/api/articles", headers=bearer).is_success


def test_the_schema_documents_every_route(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/articles", "/api/articles/{article_id}", "/api/ingest",
            "/api/health", "/v1/chat/completions", "/v1/models"} <= set(paths)  # fmt: skip
    page = api.get("/docs").text
    assert "/docs/static/swagger-ui-bundle.js" in page and "cdn." not in page  # offline
    assert api.get("/docs/static/swagger-ui-bundle.js").text.startswith("/*")
    assert api.get("/docs/static/index.html").status_code == 404  # only the three files


def test_openai_compatible_chat(api: TestClient) -> None:
    reply = api.post(
        "/v1/chat/completions",
        json={"model": "news-assistant", "messages": [{"role": "user", "content": QUESTION}]},
    ).json()
    content = reply["choices"][0]["message"]["content"]
    assert "Sources:" in content and "[1] Lere attack (2024-05-27" in content
    assert reply["citations"][0]["title"] == "Lere attack"
    streamed = api.post(
        "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": QUESTION}], "stream": True},
    ).text
    chunks = [line[6:] for line in streamed.splitlines() if line.startswith("data: ")]
    assert chunks[-1] == "[DONE]"
    parts = [json.loads(c) for c in chunks[:-1]]
    text = "".join(p["choices"][0]["delta"].get("content", "") for p in parts)
    assert text == content and parts[-1]["choices"][0]["finish_reason"] == "stop"
    bad = api.post("/v1/chat/completions", json={"messages": [{"role": "system", "content": "x"}]})
    assert bad.status_code == 400 and "user's question" in bad.json()["error"]["message"]


def rendered(markdown: str) -> str:
    """What a chat front-end shows: CommonMark with raw HTML allowed (the unsafe setting)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(markdown)


HOSTILE = (
    '<img src=x onerror="alert(1)"> [click](javascript:alert(1)) ![i](http://x/i.png) '
    "<script>alert(2)</script> &lt;b&gt; **bold**"
)


def test_article_text_cannot_become_markdown_or_html() -> None:
    assert "<img" in rendered(HOSTILE) and "<script>" in rendered(HOSTILE)  # the danger
    html = rendered(markdown_literal(HOSTILE))
    for markup in ("<img", "<script", "<a ", "<strong", "&lt;b&gt;"):
        assert markup not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html  # shown as written
    assert markdown_literal("# Heading") == "\\# Heading"
    assert markdown_literal("1. item") == "1\\. item"


def test_the_openai_route_names_the_claimant(api: TestClient) -> None:
    """The founding question through the OpenAI door: the name, not "armed rebel groups"."""
    reply = api.post(
        "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "Who claimed the Lere attack?"}]},
    ).json()
    content = reply["choices"][0]["message"]["content"]
    assert content.startswith("The Coordination of Azawad Movements (CMA) [1]")


def test_openai_messages_become_a_question_and_history() -> None:
    question, history = openai_history(
        [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": [{"type": "text", "text": "Who claimed it?"}]},
            {"role": "assistant", "content": "The CMA [1]"},
            {"role": "user", "content": "When did they sign a peace deal?"},
        ]
    )
    assert question == "When did they sign a peace deal?"
    assert history == [
        {"role": "user", "content": "Who claimed it?"},
        {"role": "assistant", "content": "The CMA [1]"},
    ]
    with pytest.raises(InvalidInput):
        openai_history([{"role": "assistant", "content": "hi"}])


def test_a_hostile_article_is_escaped_in_the_chat_reply(own_settings: Settings) -> None:
    payload = "<img src=x onerror=alert(1)>"
    (Path(own_settings.corpus_dir) / "evil.md").write_text(
        f"---\ntitle: {payload} Harbour fire\n---\n\nThe harbour fire [burned](javascript:x) "
        f"for two days, officials said. {payload}\n",
        encoding="utf-8",
    )
    assistant = Assistant(own_settings, embedder=FAKE_EMBEDDER)
    assistant.ingest([own_settings.corpus_dir])
    answer = assistant.ask("How long did the harbour fire burn?")
    html = rendered(completion_text(answer))
    assert "Harbour fire" in html and "&lt;img src=x" in html
    assert "<img" not in html and "<a " not in html


@pytest.mark.integration  # the real app.py process and model
def test_the_running_app_answers_curl_and_the_openai_client(tmp_path: Path) -> None:
    from openai import OpenAI

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    index = tmp_path / "index"
    Assistant(Settings.from_env(index_dir=index, corpus_dir=corpus)).ingest([corpus])
    with running_app(index, corpus, ASSISTANT_AUTH="ana:correct-horse") as app:
        key = "ana:correct-horse"
        headers = {"Authorization": f"Bearer {key}"}
        assert httpx.get(f"{app.url}/api/health").status_code == 401
        health = httpx.get(f"{app.url}/api/health", headers=headers).json()
        assert health["status"] == "ok" and health["articles"] == 1
        answer = httpx.post(
            f"{app.url}/api/ask", json={"question": QUESTION}, headers=headers, timeout=120
        ).json()
        assert "CMA" in answer["short_answer"] or "Azawad" in answer["short_answer"]
        reply = httpx.get(f"{app.url}/api/health", headers=headers)
        assert reply.headers["x-frame-options"] == "DENY"  # the app's security headers
        assert httpx.get(f"{app.url}/docs/static/swagger-ui.css", headers=headers).is_success
        assert httpx.get(f"{app.url}/", follow_redirects=False).status_code != 404  # Gradio
        client = OpenAI(base_url=f"{app.url}/v1", api_key=key, timeout=120)
        completion = client.chat.completions.create(
            model="news-assistant", messages=[{"role": "user", "content": QUESTION}]
        )
        content = completion.choices[0].message.content or ""
        assert content.startswith(f"{answer['short_answer']} [1]") and "[1] Lere attack" in content
        stream = client.chat.completions.create(
            model="news-assistant",
            messages=[{"role": "user", "content": QUESTION}],
            stream=True,
        )
        streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream)
        assert streamed == content
        assert [m.id for m in client.models.list()] == ["news-assistant"]
        for _ in range(7):  # guessing the key meets the sign-in brake, as the page does
            guess = httpx.get(f"{app.url}/api/health", headers={"Authorization": "Bearer a:b"})
        assert guess.status_code == 429 and "Too many failed sign-ins" in guess.text


def test_the_gradio_and_json_apis_list_articles_alike(
    api: TestClient, fake_seed_settings: Settings
) -> None:
    """Issue 26: /api/articles gave each article's url, Gradio's /articles did not."""
    handlers = AppHandlers(Assistant(fake_seed_settings, embedder=FAKE_EMBEDDER))
    assert handlers.api_articles() == api.get("/api/articles").json()
    assert set(handlers.api_articles()[0]) == {"id", "title", "date", "source", "url", "chunks"}


# Every route that answers in JSON, and the model its 200 reply is documented by.
JSON_ROUTES = {
    ("post", "/api/ask"): "AnswerReply",
    ("get", "/api/articles"): "ArticleItem",
    ("delete", "/api/articles/{article_id}"): "Deleted",
    ("get", "/api/timeline"): "TimelineReply",
    ("get", "/api/health"): "Health",
    ("post", "/api/ingest"): "IngestReply",
    ("get", "/api/ingest/jobs/{job_id}"): "JobReply",
    ("get", "/v1/models"): "ModelList",
    ("post", "/v1/chat/completions"): "ChatCompletion",
}


def test_the_schema_shows_every_reply_and_the_one_ask_request(api: TestClient) -> None:
    """Issue 26: routes returned ``Any`` (an empty schema); /api/ask's body was LangChain's."""
    document = api.get("/openapi.json").json()
    paths, schemas = document["paths"], document["components"]["schemas"]
    for (method, path), model in JSON_ROUTES.items():
        content = paths[path][method]["responses"]["200"]["content"]
        schema = json.dumps(content["application/json"]["schema"])
        assert f"#/components/schemas/{model}" in schema, (method, path, schema)
        assert schemas[model]["properties"], model
    for path in ("/api/ask", "/v1/chat/completions"):  # JSON, or events when streamed
        assert "text/event-stream" in paths[path]["post"]["responses"]["200"]["content"]
    assert set(schemas["Unavailable"]["properties"]) == {"status", "error"}  # the 503
    assert set(schemas["AnswerTimeReply"]["properties"]) >= {"from", "to", "note"}

    body = paths["/api/ask"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    asked = schemas[body["$ref"].rsplit("/", 1)[1]]
    shared = AskRequest.model_json_schema()
    assert set(asked["properties"]) == set(shared["properties"]) | {"stream"}
    for name, field in shared["properties"].items():  # FastAPI leaves out default None
        field = {k: v for k, v in field.items() if k != "default" or v is not None}
        assert asked["properties"][name] == field, name
    assert asked["required"] == shared["required"] == ["question"]
    assert issubclass(AskInput, AskRequest)  # LangChain's tool arguments: the same request


def test_the_reply_models_keep_the_records_shapes(
    api: TestClient, fake_seed_assistant: Assistant
) -> None:
    """The models changed no body: each reply is the record's ``to_dict`` it was before."""
    asked = api.post("/api/ask", json={"question": QUESTION, "as_of": "2024-06-01"}).json()
    direct = json.loads(json.dumps(fake_seed_assistant.ask(QUESTION, as_of="2024-06-01").to_dict()))
    assert asked["time"] and "from" in asked["time"]
    assert asked.keys() == direct.keys() and asked["timings"].keys() == direct["timings"].keys()
    assert {**asked, "timings": None} == {**direct, "timings": None}
    timeline = api.get("/api/timeline", params={"q": "Lere attack"}).json()
    found = json.loads(json.dumps(fake_seed_assistant.timeline("Lere attack").to_dict()))
    assert timeline == found and timeline["events"]
    model = {"id": "news-assistant", "object": "model", "created": 0, "owned_by": "assistant"}
    assert api.get("/v1/models").json() == {"object": "list", "data": [model]}


def test_ask_passes_the_search_mode_when_streaming_too(api: TestClient) -> None:
    for stream in (False, True):
        reply = api.post("/api/ask", json={"question": QUESTION, "mode": "bm25", "stream": stream})
        assert reply.status_code == 200
    bad = api.post("/api/ask", json={"question": QUESTION, "mode": "psychic", "stream": True})
    assert bad.status_code == 422 and "mode" in bad.json()["error"]


def test_an_upload_reply_holds_a_job_only_when_one_was_queued(own_settings: Settings) -> None:
    """``IngestReply``'s optional fields stay out of the body when unset, as before it."""
    with client_for(own_settings) as api:
        refused = api.post("/api/ingest", files=[("files", ("bad.exe", b"MZ\x00\x00"))]).json()
        assert set(refused) == {"message", "articles", "chunks"}
        text = b"Port strike ends\n\nDockers in Tema voted to end it."
        added = api.post("/api/ingest", files=[("files", ("port.txt", text))], params={"wait": 60})
        assert set(added.json()) == {"message", "articles", "chunks", "job"}
        job = added.json()["job"]
        assert api.get(f"/api/ingest/jobs/{job['id']}").json() == job
