"""Requests the app refuses before any route runs: foreign hosts, other sites, huge bodies.

Plain ASGI middlewares, like ``web_guard``'s, in front of every route (page, Gradio API,
JSON API, OpenAI route):

- ``HostGuard``: the ``Host`` header must name this server (loopback names, the address it
  listens on, ``ASSISTANT_ALLOWED_HOSTS``). A DNS-rebinding page reaches the app under its
  own name, so without this check it could drive the whole app from the user's browser.
- ``SameOrigin``: a browser request carrying another origin (``Origin``), or a
  state-changing one sent from another site or port (``Sec-Fetch-Site``), is refused: no
  web page the user visits can post a form to ``/api/ingest`` (CSRF) or read the API.
  Programs (curl, gradio_client, OpenAI clients) send neither header and pass.
- ``BodyLimit``: a request body larger than its route allows is refused with 413 before
  it is written anywhere (the declared length, then the bytes as they arrive).
- ``SignedInOnly``: with credentials set, Gradio's routes that skip its own sign-in check
  (``/gradio_api/cancel``, ``/reset``) need a signed-in session, and the sign-in page no
  longer carries the app's API description.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from assistant.app.web_guard import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_API_INFO = re.compile(rb"<script>window\.gradio_api_info = .*?;</script>", re.DOTALL)
_NO_API_INFO = (
    b'<script>window.gradio_api_info = {"named_endpoints": {}, "unnamed_endpoints": {}};</script>'
)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return ""


def host_name(netloc: str) -> str:
    """The host of a ``Host`` header or an origin's authority, lower case, without port."""
    try:
        return (urlsplit(f"//{netloc.strip()}").hostname or "").lower()
    except ValueError:
        return ""


async def refuse(send: Send, status: int, message: str) -> None:
    """A JSON error response, sent before the app has said anything."""
    body = json.dumps({"error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _close(scope: Scope, send: Send, status: int, message: str) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008, "reason": message[:120]})
    else:
        await refuse(send, status, message)


class HostGuard:
    """Refuses requests whose ``Host`` is not one of this server's names (DNS rebinding).

    ``allowed`` empty means any host (credentials are set and no names were given).
    """

    def __init__(self, app: ASGIApp, allowed: Iterable[str] = LOOPBACK_NAMES) -> None:
        self.app = app
        self.allowed = frozenset(host_name(h) or h.lower() for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and self.allowed:
            name = host_name(_header(scope, b"host"))
            if name not in self.allowed:
                await _close(scope, send, 400, "Unknown host name; use the server's own address.")
                return
        await self.app(scope, receive, send)


class SameOrigin:
    """Refuses browser requests made on behalf of another site (CSRF, cross-origin reads)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    @staticmethod
    def foreign(scope: Scope) -> str:
        """Why the request comes from elsewhere, or "" when it does not."""
        origin = _header(scope, b"origin")
        host = _header(scope, b"host").strip().lower()
        if origin:
            parts = urlsplit(origin.strip())
            if origin.strip() == "null" or parts.netloc.lower() != host:
                return "a page of another origin"
        site = _header(scope, b"sec-fetch-site").lower()
        method = str(scope.get("method", "GET")).upper()
        if site in ("cross-site", "same-site") and method not in _SAFE_METHODS:
            return "another site"
        return ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and (why := self.foreign(scope)):
            await _close(scope, send, 403, f"Refused: this request was sent by {why}.")
            return
        await self.app(scope, receive, send)


class BodyLimit:
    """Caps request bodies: ``limits`` maps a path prefix to its largest body in bytes."""

    def __init__(self, app: ASGIApp, limits: dict[str, int], default: int) -> None:
        self.app = app
        self.limits = sorted(limits.items(), key=lambda item: -len(item[0]))
        self.default = default

    def limit(self, path: str) -> int:
        return next((n for prefix, n in self.limits if path.startswith(prefix)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope.get("path", ""))
        declared = _header(scope, b"content-length")
        too_big = f"The request is larger than this route takes ({limit // 2**20} MB at most)."
        if declared.isdigit() and int(declared) > limit:
            await refuse(send, 413, too_big)
            return
        state = {"read": 0, "over": False, "started": False}

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                if state["read"] > limit:
                    state["over"] = True
                    return {"type": "http.disconnect"}  # the app stops reading
            return message

        async def guarded(message: Message) -> None:
            if state["over"]:
                if not state["started"]:
                    state["started"] = True
                    await refuse(send, 413, too_big)
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        await self.app(scope, counted, guarded)
        if state["over"] and not state["started"]:
            await refuse(send, 413, too_big)


class SignedInOnly:
    """With credentials set: Gradio routes that skip its sign-in check need a session.

    ``tokens`` gives Gradio's live session tokens and the cookie names that carry them
    (from the running ``gradio`` app), so the check is Gradio's own.
    """

    GUARDED = ("/gradio_api/cancel", "/gradio_api/reset")

    def __init__(
        self, app: ASGIApp, session: Callable[[], tuple[dict[str, Any], tuple[str, ...]]]
    ) -> None:
        self.app = app
        self.session = session

    def signed_in(self, scope: Scope) -> bool:
        tokens, cookie_names = self.session()
        cookies = _cookies(_header(scope, b"cookie"))
        return any(cookies.get(name) in tokens for name in cookie_names)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", "")).rstrip("/")
        if path in self.GUARDED and not self.signed_in(scope):
            await refuse(send, 401, "Sign in first.")
            return
        if path == "" and scope.get("method") == "GET" and not self.signed_in(scope):
            await self._without_api_info(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _without_api_info(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The sign-in page, with the app's API description taken out."""
        start: Message = {}
        body = bytearray()

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            body.extend(message.get("body", b""))
            if message.get("more_body"):
                return
            page = _API_INFO.sub(_NO_API_INFO, bytes(body))
            headers = [
                (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"
            ]
            headers.append((b"content-length", str(len(page)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, buffered)


def _cookies(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            out[name] = value
    return out


def gradio_session(blocks: Any) -> Callable[[], tuple[dict[str, Any], tuple[str, ...]]]:
    """Gradio's session tokens and cookie names, read from the launched app at each call."""

    def session() -> tuple[dict[str, Any], tuple[str, ...]]:
        server = getattr(blocks, "server_app", None)
        if server is None:
            return {}, ()
        cookie_id = server.cookie_id
        return server.tokens, (f"access-token-{cookie_id}", f"access-token-unsecure-{cookie_id}")

    return session
