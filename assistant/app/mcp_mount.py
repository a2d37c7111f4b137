"""The MCP server at ``/mcp`` on the running web app (streamable HTTP), for agents.

Behind the app's own rules: its credentials when it has them (HTTP Basic or ``Bearer
user:password``, as the JSON API takes them), the sign-in brake (``web_guard`` counts
``/mcp``), the host and origin checks in front of every route. The SDK's session manager
runs in the app's lifespan. Without the ``mcp`` extra installed, ``/mcp`` says how to add it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from assistant.app.request_guard import refuse
from assistant.app.web_guard import MCP_PATH, ASGIApp, Receive, Scope, Send, authorized
from assistant.facade import Assistant

MISSING = "The MCP server needs the mcp extra: pip install 'news-archive-qa[mcp]'."


class McpMount:
    """Sends ``/mcp`` to the MCP app (after the credentials check); the rest on."""

    def __init__(self, app: ASGIApp, mcp: ASGIApp | None, auth: tuple[str, str] | None) -> None:
        self.app = app
        self.mcp = mcp
        self.auth = auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or path.rstrip("/") != MCP_PATH:
            await self.app(scope, receive, send)
            return
        header = next((v.decode("latin-1") for k, v in scope.get("headers", [])
                       if k == b"authorization"), "")  # fmt: skip
        if not authorized(header, self.auth):
            await _unauthorized(send)
        elif self.mcp is None:
            await refuse(send, 501, MISSING)
        else:
            await self.mcp({**scope, "path": MCP_PATH}, receive, send)


async def _unauthorized(send: Send) -> None:
    body = json.dumps({"error": "Sign in: HTTP Basic user:password, or Bearer user:password."})
    await send({"type": "http.response.start", "status": 401, "headers": [
        (b"content-type", b"application/json"), (b"www-authenticate", b'Basic realm="assistant"'),
        (b"content-length", str(len(body)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": body.encode()})


def mcp_app(
    assistant: Assistant, writes: bool = False
) -> tuple[ASGIApp | None, Callable[[Any], AbstractAsyncContextManager[None]] | None]:
    """The MCP ASGI app and the lifespan that runs its sessions (None, None without mcp)."""
    try:
        from mcp.server.transport_security import TransportSecuritySettings

        from assistant.app.mcp_server import build_mcp
    except ImportError:
        return None, None
    server = build_mcp(assistant, writes=writes)
    app = server.streamable_http_app(
        streamable_http_path=MCP_PATH,
        stateless_http=True,
        json_response=True,
        # the app's own HostGuard and SameOrigin check every request before it gets here
        transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
    )

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        async with server.session_manager.run():
            yield

    return app, lifespan
