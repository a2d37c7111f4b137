"""The running app through its doors: gradio_client, and raw HTTP as an attacker sends it."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from app_process import App, running_app, seed_app
from gradio_client import Client, handle_file

from assistant.config import Settings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, seed_settings: Settings) -> Iterator[App]:
    with seed_app(tmp_path_factory.mktemp("api"), seed_settings.index_dir) as app:
        yield app


@pytest.fixture(scope="module")
def client(app: App) -> Client:
    return Client(app.url, verbose=False)


def call(app: App, endpoint: str, *data: Any) -> tuple[str, Any]:
    """POST /gradio_api/call/ENDPOINT with a hand-made payload: (event, data) of the reply."""
    base = f"{app.url}/gradio_api/call/{endpoint}"
    event_id = httpx.post(base, json={"data": list(data)}, timeout=30).json()["event_id"]
    reply = httpx.get(f"{base}/{event_id}", timeout=120).text
    lines = [line for line in reply.splitlines() if line]
    event = next(line for line in reply.splitlines() if line.startswith("event:"))
    body = next(line for line in reversed(lines) if line.startswith("data:"))
    return event.split(":", 1)[1].strip(), json.loads(body.split(":", 1)[1])


def file_data(path: str, name: str) -> dict[str, Any]:
    return {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def test_named_endpoints_are_published(client: Client) -> None:
    names = set(client.view_api(return_format="dict", print_info=False)["named_endpoints"])
    assert {"/ask", "/stats", "/articles", "/delete_article", "/upload"} <= names


def test_ask_returns_the_answer_as_json(client: Client) -> None:
    answer = client.predict(
        "Who claimed responsibility for the attack?", None, "", "", None, api_name="/ask"
    )
    assert "Coordination of Azawad Movements" in answer["short_answer"]
    assert answer["citations"][0]["title"] == "Lere attack"
    history = [
        {"role": "user", "content": "Who claimed responsibility for the attack?"},
        {"role": "assistant", "content": answer["text"]},
    ]
    follow = client.predict(
        "When did they sign a peace deal?", history, "", "", None, api_name="/ask"
    )
    assert follow["short_answer"] == "2015"
    bad = client.predict("   ", None, "", "", None, api_name="/ask")
    assert "empty" in bad["error"]


def test_upload_ask_and_delete(client: Client, tmp_path: Path) -> None:
    story = tmp_path / "port strike.txt"
    story.write_text(
        "Port strike ends\n\nDockers in Rotterdam voted on Tuesday to end a nine-day strike "
        "over pay, the union said.",
        encoding="utf-8",
    )
    before = client.predict(api_name="/stats")
    message, *_ = client.predict([handle_file(str(story))], "", api_name="/upload")
    assert "Added 1" in message
    after = client.predict(api_name="/stats")  # the short story is one chunk
    assert after == {"articles": before["articles"] + 1, "chunks": before["chunks"] + 1}
    answer = client.predict("Where did dockers end a strike?", None, "", "", None, api_name="/ask")
    assert "Rotterdam" in answer["citations"][0]["quote"]
    [entry] = [a for a in client.predict(api_name="/articles") if a["title"] == "Port strike ends"]
    assert client.predict(entry["id"], api_name="/delete_article")["deleted"] == entry["id"]
    assert client.predict(api_name="/stats")["articles"] == 1
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(b"%PDF-1.4 not an article")
    ferry = tmp_path / "ferry.txt"
    ferry.write_text("Ferry strike\n\nFerries to Faro stopped for two days.", encoding="utf-8")
    message, *_ = client.predict(
        [handle_file(str(pdf)), handle_file(str(ferry))], "", api_name="/upload"
    )
    assert "Skipped notes.pdf: is not a PDF that can be read" in message and "Added 1" in message
    assert "&#" not in message  # plain text through the API
    again, *_ = client.predict([handle_file(str(ferry))], "", api_name="/upload")
    assert "ferry.txt is already in the library" in again and "Added 0" in again
    [entry] = [a for a in client.predict(api_name="/articles") if a["title"] == "Ferry strike"]
    reply = client.predict(entry["id"], api_name="/delete_article")
    assert reply["file_removed"] is True  # the next ingest does not bring it back
    assert client.predict(None, api_name="/delete_article")["error"].startswith("Choose an")


def test_a_server_path_sent_as_an_upload_reads_nothing(app: App, tmp_path: Path) -> None:
    """The critical hole: a client names a server file in FileData instead of uploading it."""
    secret = tmp_path / "server-notes.txt"
    secret.write_text("Server notes\n\nThe vault code is 4242.", encoding="utf-8")
    before = httpx.get(f"{app.url}/gradio_api/info", timeout=10)
    for payload in ([file_data(str(secret), "a.txt")], [str(secret)], [{"path": str(secret)}]):
        event, _ = call(app, "upload", payload, "")
        assert event == "error"
    _, [stats] = call(app, "stats")
    assert stats == {"articles": 1, "chunks": stats["chunks"]}
    _, [answer] = call(app, "ask", "What is the vault code?", None, "", "", None, "", "auto")
    answer.pop("timings")  # milliseconds like 3.8083199970424 may hold the digits by chance
    assert "4242" not in json.dumps(answer)
    assert before.status_code == 200


def test_a_received_file_is_read_once_and_cannot_be_replayed(app: App, tmp_path: Path) -> None:
    story = tmp_path / "tram.txt"
    story.write_text("Tram strike\n\nTrams stopped in Ghent on Friday.", encoding="utf-8")
    with story.open("rb") as handle:
        [path] = httpx.post(
            f"{app.url}/gradio_api/upload", files={"files": ("tram.txt", handle)}, timeout=30
        ).json()
    event, [message, *_] = call(app, "upload", [file_data(path, "tram.txt")], "")
    assert event == "complete" and message.startswith("Added 1")
    assert not Path(path).exists()  # consumed: Gradio's copy is gone once ours is kept
    event, [message, *_] = call(app, "upload", [file_data(path, "tram.txt")], "")
    assert message == "Refused tram.txt: was not received as an upload; choose the file again."
    _, [articles] = call(app, "articles")
    assert [a["title"] for a in articles].count("Tram strike") == 1
    [entry] = [a for a in articles if a["title"] == "Tram strike"]
    _, [deleted] = call(app, "delete_article", entry["id"])
    assert deleted["file_removed"] is True


def test_bad_arguments_get_messages_not_type_errors(app: App) -> None:
    _, [answer] = call(app, "ask", "Who claimed the attack?", None, "", "", 5, "", "auto")
    assert answer["error"].startswith("sources must be a source name or a list")
    nobody = ["Nobody Weekly"]
    _, [answer] = call(app, "ask", "Who claimed the attack?", None, "", "", nobody, "", "auto")
    assert answer["text"].startswith("No indexed article matches the filters")
    _, [deleted] = call(app, "delete_article", None)
    assert deleted["error"].startswith("Choose an article") and "rebuild" not in deleted["error"]


def test_every_route_sends_the_security_headers(app: App) -> None:
    for route in ("/", "/config", "/gradio_api/info", "/gradio_api/file=/etc/passwd"):
        headers = httpx.get(f"{app.url}{route}", timeout=10).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], route
        assert (
            headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
        )


def test_the_status_line_does_not_show_where_the_index_lives(app: App) -> None:
    config = httpx.get(f"{app.url}/config", timeout=10).text
    assert "Index: **1** articles" in config
    assert "index/" not in config.split("Index:", 1)[1][:80]


def test_password_guessing_is_throttled(tmp_path: Path, seed_settings: Settings) -> None:
    import shutil

    shutil.copytree(seed_settings.index_dir, tmp_path / "index")
    (tmp_path / "corpus").mkdir()
    auth = {"ASSISTANT_AUTH": "ana:correct-horse-battery"}
    with running_app(tmp_path / "index", tmp_path / "corpus", **auth) as app:
        login = f"{app.url}/login"
        wrong = {"username": "ana", "password": "guess"}
        # each attempt claims another client address: the brake counts the real one
        statuses = [
            httpx.post(
                login, data=wrong, timeout=10, headers={"X-Forwarded-For": f"203.0.113.{n}"}
            ).status_code
            for n in range(7)
        ]
        assert statuses == [400] * 5 + [429] * 2  # refused after 5 failures, as SECURITY.md says
        right = httpx.post(login, data={"username": "ana", "password": "correct-horse-battery"})
        assert right.status_code == 429 and "try again in" in right.json()["detail"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:9/feed.xml", "points at a private or local address; refused"),
        ("http://169.254.169.254/latest/meta-data/", "private or local address"),
        ("http://[::1]:7860/", "private or local address"),
        ("file:///etc/passwd", "is not a web address"),
        ("javascript:alert(1)", "is not a web address"),
        ("", "Give the address of an RSS or Atom feed"),
    ],
)
def test_the_feeds_panel_never_fetches_inside_the_network(app: App, url: str, message: str) -> None:
    """The app may be reachable by others: its fetcher refuses local addresses (SSRF)."""
    event, data = call(app, "add_feed", url)
    assert event == "complete"
    assert message in data[0] and "Traceback" not in data[0]
    assert data[1]["data"] == []  # the table of followed feeds stays empty
