"""Serving the web app: who may reach it, the checks on every request, the launch.

``serve`` launches the app with the exposure rules: loopback by default, strong
credentials required on any other address, no share links, no file served but Gradio's
own upload cache, and the request checks of ``request_guard`` and ``web_guard`` in front
of every route (page, Gradio API, JSON API).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from starlette.middleware import Middleware

from assistant.app.handlers import LARGEST_UPLOAD, MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, AppHandlers
from assistant.app.library import queued_ingest
from assistant.app.mcp_mount import McpMount, mcp_app
from assistant.app.page_assets import CSS, HEAD
from assistant.app.request_guard import LOOPBACK_NAMES
from assistant.app.ui import build_app
from assistant.config import Settings
from assistant.errors import AssistantError, InvalidInput
from assistant.facade import Assistant
from assistant.services.schedule import FeedSchedule
from assistant.services.sources import WebSources
from assistant.text.invisible import shows_nothing

# The largest request body per route: an upload's files (the page's own, Gradio's cap per
# file), the JSON API's; any other request (a question with its history) REQUEST_BODY_LIMIT.
BODY_LIMITS = {
    "/api/ingest": MAX_UPLOAD_FILES * MAX_UPLOAD_BYTES + LARGEST_UPLOAD + 2**20,
    "/gradio_api/upload": MAX_UPLOAD_FILES * max(4 * MAX_UPLOAD_BYTES, LARGEST_UPLOAD) + 2**20,
}

MIN_PASSWORD = 10
REQUEST_BODY_LIMIT = 4 * 2**20  # a question with its history, a feed URL, ...


def credentials(auth: str) -> tuple[str, str]:
    """``user:password`` from ``ASSISTANT_AUTH``, or ``InvalidInput`` when either is weak.

    Neither may hold white space or invisible characters (a password of ten spaces, a
    zero-width user name): what cannot be seen cannot be typed back reliably either.
    """
    user, _, password = auth.partition(":")
    weak = (
        not user
        or len(password) < MIN_PASSWORD
        or any(shows_nothing(c) for c in user)
        or any(shows_nothing(c) for c in password)
    )
    if weak:
        raise InvalidInput(
            "ASSISTANT_AUTH must be user:password: a user name and a password of at least "
            f"{MIN_PASSWORD} characters, neither with spaces or invisible characters."
        )
    return user, password


def allowed_hosts(settings: Settings, signed_in: bool) -> frozenset[str]:
    """The ``Host`` names the app answers to (empty: any, when credentials guard it)."""
    named = frozenset(settings.allowed_hosts)
    if signed_in and not named:
        return frozenset()
    own = {settings.host} if settings.host not in ("0.0.0.0", "::") else set()
    return LOOPBACK_NAMES | named | own


def launch_options(settings: Settings) -> dict[str, Any]:
    """Arguments for ``launch``: refuse to listen beyond loopback without credentials."""
    from starlette.middleware import Middleware

    from assistant.app.request_guard import BodyLimit, HostGuard, SameOrigin
    from assistant.app.web_guard import LoginThrottle, SecurityHeaders

    loopback = settings.host in ("127.0.0.1", "localhost", "::1")
    auth = credentials(settings.auth) if settings.auth is not None else None
    if auth is None and not loopback:
        raise InvalidInput(
            f"Refusing to listen on {settings.host} without credentials: set "
            "ASSISTANT_AUTH=user:password (or listen on 127.0.0.1)."
        )
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "share": False,
        "auth": auth,
        "allowed_paths": [],
        # the handler refuses files over MAX_UPLOAD_BYTES by name; Gradio stops the huge
        "max_file_size": max(4 * MAX_UPLOAD_BYTES, LARGEST_UPLOAD),
        "show_error": False,
        "css": CSS,
        "head": HEAD,
        "footer_links": ["api"],
        "app_kwargs": {
            "middleware": [
                Middleware(SecurityHeaders),
                Middleware(HostGuard, allowed=allowed_hosts(settings, auth is not None)),
                Middleware(SameOrigin),
                Middleware(BodyLimit, limits=BODY_LIMITS, default=REQUEST_BODY_LIMIT),
                Middleware(LoginThrottle, auth=auth),
            ]
        },
    }


def signed_in_only(blocks: Any) -> Any:
    """Gradio's routes that skip its own sign-in check, behind the session (with auth)."""
    from starlette.middleware import Middleware

    from assistant.app.request_guard import SignedInOnly, gradio_session

    return Middleware(SignedInOnly, session=gradio_session(blocks))


def json_api(assistant: Assistant, auth: tuple[str, str] | None) -> Any:
    """The JSON API (``/api``, ``/v1``, ``/docs``) as middleware in front of Gradio."""
    from starlette.middleware import Middleware

    from assistant.app.http_api import ApiMount, build_api

    return Middleware(ApiMount, api=build_api(AppHandlers(assistant), auth))


def serve(settings: Settings | None = None) -> None:
    """Open the index, warm the models, and serve the app until interrupted."""
    settings = settings or Settings.from_env()
    options = launch_options(settings)
    assistant = Assistant(settings)
    try:
        assistant.warm_up()
    except AssistantError as error:
        print(f"warning: {error}", file=sys.stderr)
    web = WebSources(assistant, index=queued_ingest(assistant))
    app = build_app(assistant, web)
    app.queue(default_concurrency_limit=8, max_size=256)
    schedule = FeedSchedule(web, settings.feed_minutes).start()
    middleware = options["app_kwargs"]["middleware"]
    if options["auth"]:
        middleware.append(signed_in_only(app))
    middleware.append(json_api(assistant, options["auth"]))
    mcp, lifespan = mcp_app(assistant, writes=settings.mcp_writes)
    middleware.append(Middleware(McpMount, mcp=mcp, auth=options["auth"]))
    if lifespan is not None:
        options["app_kwargs"]["lifespan"] = lifespan  # Gradio runs it beside its own
    # the sign-in brake counts the client's own address: no X-Forwarded-For from anyone
    # unless the operator names a proxy (uvicorn's FORWARDED_ALLOW_IPS)
    os.environ.setdefault("FORWARDED_ALLOW_IPS", "")
    where = f"http://{settings.host}:{settings.port}"
    if options["auth"]:
        print(f"Serving on {where}; sign-in required (ASSISTANT_AUTH).", file=sys.stderr)
    else:
        print(f"Serving on {where} (this machine only).", file=sys.stderr)
    try:
        app.launch(**options)
    finally:
        schedule.stop()
