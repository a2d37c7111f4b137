"""The JSON API's error boundary and its streams' framing (``http_api`` uses both).

An ``AssistantError``'s kind decides the status (``STATUS``, the only place one is decided),
anything else is a logged 500 without a traceback, and every error has one shape:
``{"error": message}`` under ``/api``, OpenAI's ``{"error": {"message", "type", "code"}}``
under ``/v1``. A stream's status is sent before its first event, so there a failure is the
stream's last event instead (``until_error``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent, format_sse_event
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.app.boundary import for_web, said, unexpected
from assistant.app.requests import invalid_fields
from assistant.errors import AssistantError, ErrorKind

# The status of each kind of error: the only place the API decides one.
STATUS = {
    ErrorKind.INVALID_INPUT: HTTPStatus.BAD_REQUEST,
    ErrorKind.NOT_FOUND: HTTPStatus.NOT_FOUND,
    ErrorKind.BUSY: HTTPStatus.CONFLICT,  # another writer: try again in a few minutes
    ErrorKind.UNAVAILABLE: HTTPStatus.SERVICE_UNAVAILABLE,
    ErrorKind.UPSTREAM: HTTPStatus.BAD_GATEWAY,
    ErrorKind.INTERNAL: HTTPStatus.INTERNAL_SERVER_ERROR,  # the index cannot be used as it is
}
# Statuses OpenAI's clients read as the request's fault ("invalid_request_error"); the
# others are "server_error".
_CLIENT_FAULTS = {400, 401, 403, 404, 405, 413, 422}
T = TypeVar("T")


def _error(
    request: Request, status: int, message: str, code: str, headers: Any = None
) -> JSONResponse:
    """The one shape of an error: ``{"error": message}`` under ``/api``, OpenAI's under
    ``/v1`` (its clients read ``error.message``; ``code`` is the kind of error)."""
    if request.url.path.startswith("/v1/"):
        kind = "invalid_request_error" if status in _CLIENT_FAULTS else "server_error"
        body: dict[str, Any] = {"error": {"message": message, "type": kind, "code": code}}
    else:
        body = {"error": message}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(api: FastAPI) -> None:
    """The JSON API's error boundary: every route's failures, answered in one place."""

    @api.exception_handler(AssistantError)
    async def known(request: Request, error: AssistantError) -> JSONResponse:
        return _error(request, STATUS[error.kind], for_web(error), error.kind.value)

    @api.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        """A request the models refuse: which fields and why (``requests.invalid_fields``)."""
        message = invalid_fields(error.errors(), skip=1)
        return _error(request, 422, message, ErrorKind.INVALID_INPUT.value)

    @api.exception_handler(StarletteHTTPException)
    async def refused(request: Request, error: StarletteHTTPException) -> JSONResponse:
        """No credentials, no such route, a method the route does not take."""
        status = error.status_code
        code = "invalid_api_key" if status == 401 else _phrase(status)
        return _error(request, status, str(error.detail), code, error.headers)

    @api.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> JSONResponse:
        """A bug: logged with its traceback, a generic 500 without it. (Starlette raises
        the error again once this is sent, so the server logs it too.)"""
        route = getattr(request.scope.get("route"), "path_format", "the request")
        message = unexpected(error, f"handling {request.method} {route}")
        return _error(request, 500, message, ErrorKind.INTERNAL.value)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_")
    except ValueError:
        return "error"


def until_error(items: Iterator[T], last: Callable[[str], T]) -> Iterator[T]:
    """A stream's error boundary: its status went out before its first item, so a failure
    becomes its last item (``last`` of the message in the web's words)."""
    try:
        yield from items
    except Exception as error:  # the stream's boundary: the exception handlers come too late
        yield last(said(error, "answering"))


def event_stream(events: Iterator[ServerSentEvent]) -> EventSourceResponse:
    """Server-sent events in FastAPI's own types and wire format (``fastapi.sse``). The
    routes answer JSON or a stream by the request's ``stream`` flag, as OpenAI's protocol
    has it, so they return the response themselves: FastAPI encodes events on its own
    only for a route that is a generator throughout."""

    def encoded() -> Iterator[bytes]:
        for event in events:
            data = event.raw_data
            if data is None:
                data = json.dumps(event.data, ensure_ascii=False)
            yield format_sse_event(data_str=data, event=event.event)

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}  # as FastAPI's own
    return EventSourceResponse(encoded(), headers=headers)
