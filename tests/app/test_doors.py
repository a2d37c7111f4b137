"""Issue 21's attacks through the running app's doors, as an outsider sends them: raw HTTP
with forged Host and Origin headers, a page of another site in Chromium, oversized and
malformed uploads, a large upload while another one waits, the OpenAI route's Markdown."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from app_process import App, launch_chromium, seed_app
from local_site import LocalSite, Reply

from assistant.config import Settings

pytestmark = pytest.mark.integration
REFUSED = "Refused: this request was sent by a page of another origin."


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, seed_settings: Settings) -> Iterator[App]:
    with seed_app(tmp_path_factory.mktemp("doors"), seed_settings.index_dir) as app:
        yield app


def count(app: App) -> int:
    return len(httpx.get(f"{app.url}/api/articles", timeout=30).json())


def story(name: str, text: str) -> dict[str, Any]:
    return {"files": (name, text.encode(), "text/plain")}


def test_a_rebinding_host_name_gets_nothing_through_any_door(app: App) -> None:
    forged = {"Host": "rebind.attacker.example"}
    for path in ("/", "/config", "/gradio_api/info", "/api/articles", "/docs", "/v1/models"):
        reply = httpx.get(f"{app.url}{path}", headers=forged, timeout=30)
        assert reply.status_code == 400, path
        assert "Azawad" not in reply.text and "Lere" not in reply.text
    assert httpx.get(f"{app.url}/api/articles", timeout=30).status_code == 200


def test_other_origins_cannot_post_or_read(app: App) -> None:
    before = count(app)
    for origin in ("http://evil.example", "http://127.0.0.1:5000", "null"):
        headers = {"Origin": origin}
        reply = httpx.post(
            f"{app.url}/api/ingest", files=story("forged.txt", "Forged\n\nA forged story."),
            headers=headers, timeout=30,
        )  # fmt: skip
        assert reply.status_code == 403, origin
        # (Gradio's own CORS layer, outside ours, may still name the origin on the refusal:
        # all a page of that origin can read is the refusal itself)
        assert reply.json() == {"error": REFUSED}
        asked = httpx.post(f"{app.url}/api/ask", json={"question": "Who claimed it?"},
                           headers=headers, timeout=30)  # fmt: skip
        assert asked.status_code == 403
        joined = httpx.post(f"{app.url}/gradio_api/queue/join", json={}, headers=headers)
        assert joined.status_code == 403
    same_site = {"Sec-Fetch-Site": "same-site"}
    reply = httpx.post(f"{app.url}/api/ingest", files=story("x.txt", "X\n\nA story."),
                       headers=same_site, timeout=30)  # fmt: skip
    assert reply.status_code == 403
    assert count(app) == before


@pytest.mark.browser
def test_a_page_of_another_site_cannot_add_articles_from_the_users_browser(app: App) -> None:
    """The report's CSRF: any page the user visits posts a multipart form to /api/ingest."""
    from playwright.sync_api import sync_playwright

    before = count(app)
    attack = f"""<!doctype html><html><body>
<form id="f" method="POST" action="{app.url}/api/ingest" enctype="multipart/form-data">
<input type="file" name="files" id="file"></form>
<script>
const data = new DataTransfer();
data.items.add(new File(["Forged\\n\\nThe CMA never claimed the attack."], "forged.txt"));
document.getElementById("file").files = data.files;
fetch("{app.url}/api/ingest", {{method: "POST", body: new FormData(document.getElementById("f")),
  mode: "no-cors", credentials: "include"}}).finally(() => document.getElementById("f").submit());
</script></body></html>"""
    with LocalSite() as evil, sync_playwright() as playwright:
        evil.routes["/"] = Reply(attack)
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(evil.url("/"), wait_until="load")
        page.wait_for_timeout(1500)  # the fetch and the form post have been sent
        browser.close()
    assert count(app) == before


def test_a_huge_declared_body_is_refused_before_it_is_read(app: App) -> None:
    host, port = app.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as raw:
        raw.sendall(
            f"POST /api/ingest HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {300 * 2**20}\r\n\r\n".encode()
        )
        answer = raw.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413")


def test_odd_file_names_and_huge_filters_get_messages_not_500(app: App) -> None:
    long_name = "x" * 300 + ".txt"
    files = [
        ("files", (long_name, b"Long name\n\nA story about ferries to Faro.", "text/plain")),
        ("files", ("nul\x00byte.txt", b"Nul\n\nA story about trains to Porto.", "text/plain")),
    ]
    reply = httpx.post(f"{app.url}/api/ingest", files=files, timeout=120)
    assert reply.status_code == 200, reply.text
    assert reply.json()["message"].startswith("Added 2")
    many = {"question": "Who?", "sources": [f"s{n}" for n in range(40_000)]}
    asked = httpx.post(f"{app.url}/api/ask", json=many, timeout=30)
    assert asked.status_code == 400 and "at most 100" in asked.json()["error"]


def test_a_large_upload_is_indexed_in_the_background_while_others_get_in(
    app: App, tmp_path: Path
) -> None:
    """A large upload answered nothing for minutes and made every other upload fail on the
    writer lock; now each is queued at once and indexed in turn, with progress."""
    before = count(app)
    paragraphs = [f"Report {n}: the harbour of town {n} reopened after {n} days of storms."
                  for n in range(2500)]  # fmt: skip
    large = "Storm season\n\n" + "\n\n".join(paragraphs)
    started = time.monotonic()
    big = httpx.post(f"{app.url}/api/ingest?wait=0", files=story("storms.txt", large), timeout=60)
    assert big.status_code == 202, big.text
    ferry = story("ferry.txt", "Ferry strike\n\nFerries to Faro stopped.")
    small = httpx.post(f"{app.url}/api/ingest?wait=0", files=ferry, timeout=60)
    assert small.status_code == 202 and time.monotonic() - started < 30
    assert small.json()["job"]["state"] == "queued"
    seen_progress = False
    for job in (big.json()["job"], small.json()["job"]):
        while True:
            status = httpx.get(f"{app.url}/api/ingest/jobs/{job['id']}", timeout=30).json()
            seen_progress |= status["state"] == "running" and status["done"] > 0
            if status["state"] in ("done", "failed"):
                break
            time.sleep(0.5)
        assert status["state"] == "done" and status["message"].startswith("Added 1"), status
    assert seen_progress
    assert count(app) == before + 2
    assert httpx.get(f"{app.url}/api/ingest/jobs/nope", timeout=30).status_code == 404


def test_bare_addresses_in_article_text_are_not_links_in_chat_replies(app: App) -> None:
    from markdown_it import MarkdownIt

    text = (
        "Phishing wave\n\nThe bank warned customers about www.secure-login.com and "
        "http://pay.example.com/verify, and asked them to write to help@bank-mail.com."
    )
    httpx.post(f"{app.url}/api/ingest", files=story("phishing.txt", text), timeout=120)
    asked = [{"role": "user", "content": "What did the bank warn customers about?"}]
    reply = httpx.post(f"{app.url}/v1/chat/completions", json={"messages": asked}, timeout=60)
    content = reply.json()["choices"][0]["message"]["content"]
    html = MarkdownIt("gfm-like", {"html": True}).render(content)
    assert "secure-login.com" in html and "<a " not in html, html


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory, seed_settings: Settings) -> Iterator[App]:
    auth = {"ASSISTANT_AUTH": "ana:correct-horse-battery"}
    with seed_app(tmp_path_factory.mktemp("guarded"), seed_settings.index_dir, **auth) as app:
        yield app


def test_signed_out_clients_cannot_cancel_reset_or_read_the_api(guarded: App) -> None:
    for path in ("/gradio_api/cancel", "/gradio_api/reset"):
        reply = httpx.post(f"{guarded.url}{path}", json={"event_id": "x", "session_hash": "y"})
        assert reply.status_code == 401, path
    page = httpx.get(guarded.url, timeout=30).text
    assert "auth_required" in page  # the sign-in page
    assert "delete_article" not in page and "/ask" not in page  # not the app's API


def test_guesses_on_the_schema_and_docs_count_and_are_braked(guarded: App) -> None:
    wrong, right = ("ana", "guess"), ("ana", "correct-horse-battery")
    paths = ["/openapi.json", "/docs", "/docs/static/swagger-ui.css", "/docs", "/openapi.json"]
    assert [httpx.get(f"{guarded.url}{p}", auth=wrong).status_code for p in paths] == [401] * 5
    locked = httpx.get(f"{guarded.url}/openapi.json", auth=right, timeout=30)
    assert locked.status_code == 429  # the right password too, while the address is locked
