"""HTTP protections around the web app: security headers and a brake on password guessing.

Both are plain ASGI middlewares, handed to Gradio's FastAPI app when it is created, so
they cover every route: the page, the Gradio API, uploads and the sign-in form.

- ``SecurityHeaders``: the page may not be framed by another site (clickjacking), the
  browser may not guess content types, and the Content-Security-Policy lets the page
  load and connect only to this server, so nothing an article says can pull in or send
  to another origin even if it got past the escaping in ``render``.
- ``LoginThrottle``: after a few failed sign-ins from one address, further attempts
  from it are refused for a while, doubling each time; only a real sign-in clears the
  count (the credentials themselves decide it, never the status of whatever route was
  asked: a 404 or 405 with a wrong password is still a wrong password).
"""

from __future__ import annotations

import base64
import hmac
import json
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Gradio's page needs inline scripts, string evaluation and inline styles of its own, and
# data:/blob: images; so the policy cannot forbid inline script (the escaping in ``render``
# is what keeps an article's markup inert), but it keeps everything on this origin.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


class SecurityHeaders:
    """Adds ``HEADERS`` to every HTTP response (replacing any the app set itself)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.raw = [(k.encode(), v.encode()) for k, v in HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in self.raw}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + self.raw
            await send(message)

        await self.app(scope, receive, with_headers)


API_PREFIXES = ("/api/", "/v1/")  # the JSON API's routes (app/http_api.py)
DOCS_PATHS = ("/docs", "/openapi.json")  # its schema and Swagger UI, behind the same sign-in
MCP_PATH = "/mcp"  # the MCP server for agents (app/mcp_mount.py), behind the same sign-in


def authorized(header: str, auth: tuple[str, str] | None) -> bool:
    """Whether an ``Authorization`` header carries the app's credentials (always, when the
    app has none): HTTP Basic, or ``Bearer user:password``, compared in constant time."""
    if auth is None:
        return True
    scheme, _, value = header.partition(" ")
    given = ""
    if scheme.lower() == "basic":
        try:
            given = base64.b64decode(value, validate=True).decode("utf-8")
        except ValueError:
            given = ""
    elif scheme.lower() == "bearer":
        given = value.strip()
    return hmac.compare_digest(given.encode(), f"{auth[0]}:{auth[1]}".encode())


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0
    last: float = 0.0


class LoginThrottle:
    """Refuses sign-in attempts from an address after ``free`` failures in a row: the page's
    sign-in form and JSON API calls that carry credentials (the schema and ``/docs``
    included) count alike.

    The ``free``-th failure and each after it lock the address for ``base * 2**(n-1)``
    seconds (n counting from that one), at most ``ceiling``: the attempt after the fifth
    failure gets 429 with the seconds to wait. An API call's outcome is whether its
    ``Authorization`` header carries ``auth`` (whatever the route answers); the sign-in
    form's is whether Gradio accepted it (2xx).
    """

    free = 5
    base = 30.0
    ceiling = 900.0

    def __init__(
        self,
        app: ASGIApp,
        auth: tuple[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.auth = auth
        self.clock = clock
        self.records: dict[str, _Record] = {}
        self.lock = threading.Lock()

    @staticmethod
    def attempt(scope: Scope) -> str:
        """ "login" (the page's sign-in), "api" (a JSON API call with credentials), or ""."""
        if scope["type"] != "http":
            return ""
        path = scope.get("path", "")
        if scope.get("method") == "POST" and path.rstrip("/").endswith("/login"):
            return "login"
        has_credentials = any(name == b"authorization" for name, _ in scope.get("headers", []))
        counted = (*API_PREFIXES, *DOCS_PATHS, MCP_PATH)
        if has_credentials and path.startswith(counted):
            return "api"
        return ""

    def wait_for(self, address: str) -> float:
        """Seconds until ``address`` may try again (0 when it may now)."""
        with self.lock:
            record = self.records.get(address)
            return max(0.0, record.locked_until - self.clock()) if record else 0.0

    def record(self, address: str, success: bool) -> None:
        now = self.clock()
        with self.lock:
            if success:
                self.records.pop(address, None)
                return
            if len(self.records) > 10_000:  # forget addresses idle for an hour
                self.records = {a: r for a, r in self.records.items() if now - r.last < 3600}
            record = self.records.setdefault(address, _Record())
            record.failures += 1
            record.last = now
            over = record.failures - self.free + 1
            if over > 0:
                record.locked_until = now + min(self.ceiling, self.base * 2 ** (over - 1))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = self.attempt(scope)
        if not kind:
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("unknown", 0))[0]
        wait = self.wait_for(address)
        if wait > 0:
            await _refuse(send, wait)
            return
        status: list[int] = []

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await send(message)

        if kind == "api":  # the credentials decide, before the route is even looked up
            self.record(address, success=authorized(_header(scope), self.auth))
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, watch)
        if status:
            self.record(address, success=200 <= status[0] < 300)


def _header(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return bytes(value).decode("latin-1")
    return ""


async def _refuse(send: Send, wait: float) -> None:
    seconds = int(wait) + 1
    body = json.dumps(
        {"detail": f"Too many failed sign-ins from this address; try again in {seconds} s."}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"application/json"),
                (b"retry-after", str(seconds).encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
