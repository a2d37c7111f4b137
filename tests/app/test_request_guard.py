"""Host, origin, body-size and session checks, on a small ASGI app (the real app: test_doors)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from assistant.app.request_guard import (
    BodyLimit,
    HostGuard,
    SameOrigin,
    SignedInOnly,
    host_name,
)
from assistant.app.serving import allowed_hosts, credentials
from assistant.config import Settings

PAGE = b'<html><script>window.gradio_api_info = {"named_endpoints": {"/ask": {}}};</script></html>'


def recording_app(body: bytes = b"{}") -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        while True:  # read the whole body, as a route would
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    return app


def call(
    app: Any,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    path: str = "/",
    body: list[bytes] | None = None,
) -> tuple[int, bytes]:
    sent: list[dict[str, Any]] = []
    pieces = list(body or [b""])

    async def receive() -> dict[str, Any]:
        piece = pieces.pop(0) if pieces else b""
        return {"type": "http.request", "body": piece, "more_body": bool(pieces)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    raw = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {"type": "http", "path": path, "method": method, "headers": raw}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_a_rebinding_host_name_is_refused() -> None:
    guard = HostGuard(recording_app())
    assert call(guard, {"host": "127.0.0.1:7860"})[0] == 200
    assert call(guard, {"host": "localhost:7860"})[0] == 200
    assert call(guard, {"host": "[::1]:7860"})[0] == 200
    for forged in ("rebind.attacker.example", "127.0.0.1.attacker.example:7860", "", "[bad"):
        status, body = call(guard, {"host": forged})
        assert status == 400 and b"Unknown host" in body, forged
    assert call(HostGuard(recording_app(), allowed=()), {"host": "any.example"})[0] == 200
    assert host_name("News.Example:443") == "news.example"


def test_the_host_list_follows_the_settings() -> None:
    loopback = Settings()
    assert allowed_hosts(loopback, signed_in=False) >= {"127.0.0.1", "localhost", "::1"}
    named = Settings(allowed_hosts=("news.example",), host="0.0.0.0")
    assert "news.example" in allowed_hosts(named, signed_in=True)
    assert "0.0.0.0" not in allowed_hosts(named, signed_in=True)
    assert allowed_hosts(Settings(host="0.0.0.0"), signed_in=True) == frozenset()  # any
    assert Settings.from_env(allowed_hosts="a.example, b.example").allowed_hosts == (
        "a.example", "b.example",
    )  # fmt: skip


def test_requests_from_other_origins_and_sites_are_refused() -> None:
    guard = SameOrigin(recording_app())
    host = {"host": "127.0.0.1:7860"}
    assert call(guard, host, "POST")[0] == 200  # curl, gradio_client: no browser headers
    assert call(guard, {**host, "origin": "http://127.0.0.1:7860"}, "POST")[0] == 200
    same = {**host, "sec-fetch-site": "same-origin", "origin": "http://127.0.0.1:7860"}
    assert call(guard, same, "POST")[0] == 200
    for origin in ("http://evil.example", "http://127.0.0.1:5000", "http://localhost:7860", "null"):
        status, body = call(guard, {**host, "origin": origin}, "POST")
        assert status == 403 and b"another origin" in body, origin
        assert call(guard, {**host, "origin": origin}, "GET")[0] == 403  # no cross-origin reads
    # a form posted from another port on this machine: same-site, still refused
    assert call(guard, {**host, "sec-fetch-site": "same-site"}, "POST")[0] == 403
    assert call(guard, {**host, "sec-fetch-site": "cross-site"}, "DELETE")[0] == 403
    # following a link to the app from another site is fine
    link = {**host, "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate"}
    assert call(guard, link, "GET")[0] == 200


def test_bodies_over_the_limit_are_refused_before_they_are_read() -> None:
    limit = BodyLimit(recording_app(), {"/api/ingest": 100}, default=10)
    assert call(limit, {"content-length": "100"}, "POST", "/api/ingest", [b"x" * 100])[0] == 200
    status, body = call(limit, {"content-length": str(300 * 2**20)}, "POST", "/api/ingest")
    assert status == 413 and b"larger than this route takes" in body
    # no declared length (chunked): counted as it arrives
    assert call(limit, {}, "POST", "/api/ingest", [b"x" * 60, b"x" * 60])[0] == 413
    assert call(limit, {}, "POST", "/api/ask", [b"x" * 11])[0] == 413
    assert call(limit, {}, "POST", "/api/ask", [b"x" * 10])[0] == 200


def test_signed_out_requests_cannot_cancel_and_the_sign_in_page_hides_the_api() -> None:
    tokens = {"good-token": "editor"}
    gate = SignedInOnly(recording_app(PAGE), lambda: (tokens, ("access-token-x",)))
    for path in ("/gradio_api/cancel", "/gradio_api/reset", "/gradio_api/reset/"):
        assert call(gate, {}, "POST", path)[0] == 401
        assert call(gate, {"cookie": "access-token-x=good-token"}, "POST", path)[0] == 200
    status, page = call(gate, {}, "GET", "/")
    assert status == 200 and b"/ask" not in page and b"named_endpoints" in page
    assert b"/ask" in call(gate, {"cookie": "a=b; access-token-x=good-token"}, "GET", "/")[1]
    assert call(gate, {"cookie": "access-token-x=stolen"}, "POST", "/gradio_api/cancel")[0] == 401


def test_blank_and_invisible_credentials_are_refused() -> None:
    horse = "correct-horse-battery"
    weak_ones = ["user:" + " " * 10, f"\u200b:{horse}", f" :{horse}", "user:correct horse",
                 f"us\u200ber:{horse}", ":0123456789"]  # fmt: skip
    for weak in weak_ones:
        try:
            credentials(weak)
        except Exception as error:
            assert "invisible" in str(error)
        else:
            raise AssertionError(f"{weak!r} was accepted")
    assert credentials("editor:correct-horse-battery") == ("editor", "correct-horse-battery")
    assert json.dumps(credentials("ed:0123456789"))
