"""A JSON API beside the web app, on the same server: ``/api/...`` and an OpenAI-compatible
``/v1/chat/completions``, described by the OpenAPI schema at ``/docs``.

For scripts, curl and chat front-ends that speak OpenAI's protocol. The same handlers as
the page (one code path for deleting and adding articles), the same credentials as the
page when ``ASSISTANT_AUTH`` is set (HTTP Basic, or ``Bearer user:password`` as an OpenAI
client's API key), and the same brake on guessing (``web_guard.LoginThrottle``).
``/api/ask`` takes the one request every door builds (``requests.AskRequest``); every JSON
reply has its model (``api_models``), so ``/openapi.json`` shows each route's schema.

One error boundary for every route (``install_error_handlers``): an ``AssistantError``'s
kind decides the status (``STATUS``), anything else is a logged 500 without a traceback,
and every error has one shape: ``{"error": message}`` under ``/api``, OpenAI's
``{"error": {"message", "type", "code"}}`` under ``/v1``. A stream's status is sent
before its first event, so there a failure is the stream's last event instead.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.sse import ServerSentEvent
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.app.api_models import (
    AnswerReply,
    ArticleItem,
    ChatCompletion,
    Deleted,
    Health,
    IngestReply,
    JobReply,
    ModelList,
    TimelineReply,
    Unavailable,
)
from assistant.app.boundary import for_web
from assistant.app.handlers import LARGEST_UPLOAD, MAX_UPLOAD_FILES, AppHandlers
from assistant.app.http_boundary import event_stream, install_error_handlers, until_error
from assistant.app.http_watches import add_watch_routes
from assistant.app.ingest_queue import IngestQueue, Job
from assistant.app.library import sweep_stale_folders
from assistant.app.openai_format import (
    completion,
    completion_text,
    markdown_literal,
    openai_history,
)
from assistant.app.requests import AskRequest
from assistant.app.uploads import FolderUploads
from assistant.app.web_guard import API_PREFIXES, authorized
from assistant.errors import AssistantError, InvalidInput, NotFound
from assistant.facade import Assistant
from assistant.records import Answer

MODEL_NAME = "news-assistant"
UPLOAD_PREFIX = "assistant-api-upload-"  # + pid: folders of a process that died are swept
PREFIXES = (*API_PREFIXES, "/docs/")
DOCS = ("/docs", "/openapi.json")
_SWAGGER_FILES = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"}
SIGN_IN = "Sign in: HTTP Basic user:password, or Bearer user:password."
# A route that answers in JSON, or with server-sent events when asked to stream.
OR_EVENTS: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}}
}


class AskBody(AskRequest):
    """The one ask request (``requests.AskRequest``), and how the reply should come."""

    stream: bool = Field(False, description="Server-sent events: partial text, then the answer")


class ChatRequest(BaseModel):
    model: str = MODEL_NAME
    messages: list[dict[str, Any]]
    stream: bool = False
    as_of: str | None = Field(None, description="Answer as of this date, YYYY-MM-DD (extra)")
    time: Literal["auto", "off"] = Field("auto", description="auto, or off: ignore time words")


def _credentials_check(auth: tuple[str, str] | None) -> Any:
    """A dependency refusing requests without the app's credentials (when it has some)."""

    def check(request: Request) -> None:
        if not authorized(request.headers.get("authorization", ""), auth):
            raise HTTPException(
                401, SIGN_IN, headers={"WWW-Authenticate": 'Basic realm="assistant"'}
            )

    return check


def build_api(handlers: AppHandlers, auth: tuple[str, str] | None) -> FastAPI:
    """The JSON API over ``handlers``' assistant; ``auth`` is ``ASSISTANT_AUTH``'s pair."""
    assistant: Assistant = handlers.assistant
    api = FastAPI(
        title="News QA assistant",
        summary="Cited answers from a news archive, and the archive itself.",
        docs_url=None,  # served below, behind the same credentials as every route
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(_credentials_check(auth))],
    )
    install_error_handlers(api)

    @api.get("/openapi.json", include_in_schema=False)
    def schema() -> dict[str, Any]:
        return api.openapi()

    @api.get("/docs", include_in_schema=False)
    def docs() -> Any:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=api.title,
            swagger_js_url="/docs/static/swagger-ui-bundle.js",
            swagger_css_url="/docs/static/swagger-ui.css",
            swagger_favicon_url="/docs/static/favicon-32x32.png",
        )

    @api.get("/docs/static/{name}", include_in_schema=False)
    def docs_file(name: str) -> Any:
        """Swagger UI's own files, from the swagger-ui-bundle package (no CDN: offline)."""
        from swagger_ui_bundle import swagger_ui_path

        if name not in _SWAGGER_FILES:
            raise NotFound("No such file.")
        return FileResponse(Path(swagger_ui_path) / name)

    @api.get(
        "/api/health",
        summary="Whether the index can be read, and its size",
        response_model=Health,
        responses={503: {"model": Unavailable}},
    )
    def health() -> JSONResponse:
        try:
            articles, chunks = assistant.stats()
        except AssistantError as error:  # not a failure of the route: the health it reports
            return JSONResponse({"status": "unavailable", "error": for_web(error)}, status_code=503)
        return JSONResponse({"status": "ok", "articles": articles, "chunks": chunks})

    @api.post(
        "/api/ask",
        summary="Answer a question, citing passages (SSE when stream=true)",
        response_model=AnswerReply,
        responses=OR_EVENTS,
    )
    def ask(request: AskBody) -> Any:
        if not request.stream:
            return request.ask(assistant).to_dict()

        def events() -> Iterator[ServerSentEvent]:
            for partial in request.partials(assistant):
                if partial.answer is None:
                    yield ServerSentEvent(event="partial", data={"text": partial.text})
                else:
                    yield ServerSentEvent(event="answer", data=partial.answer.to_dict())

        def failed(message: str) -> ServerSentEvent:
            return ServerSentEvent(event="error", data={"error": message})

        return event_stream(until_error(events(), failed))

    @api.get(
        "/api/timeline",
        summary="The dated events matching a query, and articles per period",
        response_model=TimelineReply,
    )
    def timeline(
        q: str = Query(..., description="What to follow, e.g. Lere attack"),
        date_from: str | None = Query(None, description="From YYYY-MM-DD"),
        date_to: str | None = Query(None, description="To YYYY-MM-DD"),
        sources: list[str] | None = Query(None, description="Only these sources"),  # noqa: B008
    ) -> Any:
        found = assistant.timeline(q, date_from=date_from, date_to=date_to, sources=sources)
        return found.to_dict()

    @api.get(
        "/api/articles",
        summary="Every indexed article, newest first",
        response_model=list[ArticleItem],
    )
    def articles() -> Any:
        return [
            {
                "id": e.id,
                "title": e.title,
                "date": e.date,
                "source": e.source,
                "url": e.url,
                "chunks": e.chunks,
            }
            for e in assistant.articles()
        ]

    @api.delete(
        "/api/articles/{article_id:path}",
        summary="Remove an article from the index",
        response_model=Deleted,
    )
    def delete(article_id: str) -> Any:
        message, chunks, file_removed = handlers.remove_article(article_id)
        return {
            "deleted": article_id,
            "chunks": chunks,
            "file_removed": file_removed,
            "message": message,
        }

    add_watch_routes(api, assistant)  # /api/watches..., /api/digest
    sweep_stale_folders(Path(tempfile.gettempdir()), UPLOAD_PREFIX)

    @api.post(
        "/api/ingest",
        summary="Add article files (multipart); indexed in the background",
        description="200 with the result when indexing finished within `wait` seconds, "
        "else 202 with the job to poll at `status_url`.",
        response_model=IngestReply,
        response_model_exclude_unset=True,  # no "job" when nothing was queued, as before
        responses={202: {"model": IngestReply, "description": "Still indexing: poll it"}},
    )
    async def ingest(
        files: list[UploadFile] = File(...),  # noqa: B008  (FastAPI's idiom)
        wait: float = Query(10.0, ge=0, le=60, description="seconds to wait for the result"),
    ) -> Any:
        """Async, so uploads waiting on their jobs hold no worker thread (45 of them once
        stalled every other route, ``/api/health`` for 58 s)."""
        if len(files) > MAX_UPLOAD_FILES:
            raise InvalidInput(f"{len(files)} files at once; the limit is {MAX_UPLOAD_FILES}.")
        message, job = await run_in_threadpool(_keep, handlers, files)
        if job is not None:
            job = await _waited(handlers.archive.queue, job, wait)
            message = handlers.upload_message(message, job)
        articles, chunks = await run_in_threadpool(assistant.stats)
        reply: dict[str, Any] = {"message": message, "articles": articles, "chunks": chunks}
        if job is None:
            return reply
        reply["job"] = job.to_dict()
        if job.finished:
            return reply
        reply["status_url"] = f"/api/ingest/jobs/{job.id}"
        return JSONResponse(reply, status_code=202)

    @api.get(
        "/api/ingest/jobs/{job_id}",
        summary="How a background upload is doing",
        response_model=JobReply,
    )
    def ingest_job(job_id: str) -> Any:
        job = handlers.archive.queue.get(job_id)
        if job is None:
            raise NotFound(f"No upload job {job_id[:40]!r}.")
        return job.to_dict()

    @api.get(
        "/v1/models",
        summary="OpenAI-compatible: the one model this server answers as",
        response_model=ModelList,
    )
    def models() -> dict[str, Any]:
        model = {"id": MODEL_NAME, "object": "model", "created": 0, "owned_by": "assistant"}
        return {"object": "list", "data": [model]}

    @api.post(
        "/v1/chat/completions",
        summary="OpenAI-compatible chat: cited answers (SSE chunks when stream=true)",
        response_model=ChatCompletion,
        responses=OR_EVENTS,
    )
    def chat(request: ChatRequest) -> Any:
        question, history = openai_history(request.messages)
        reply_id, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        if not request.stream:
            answer = assistant.ask(question, history, as_of=request.as_of, time=request.time)
            return completion(reply_id, created, request.model, answer)

        def chunks() -> Iterator[ServerSentEvent]:
            head = {"id": reply_id, "object": "chat.completion.chunk", "created": created}
            head["model"] = request.model
            sent = ""
            timed = {"as_of": request.as_of, "time": request.time}
            pieces = _pieces(assistant, question, history, timed)
            for piece, answer in until_error(pieces, lambda message: (f"⚠ {message}", None)):
                if not piece.startswith(sent):  # the final text replaces a draft
                    piece, sent = "\n\n" + piece, ""
                delta = {"role": "assistant", "content": piece[len(sent) :]}
                sent = piece
                chunk = {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                if answer is not None:
                    chunk["citations"] = [c.to_dict() for c in answer.citations]
                yield ServerSentEvent(data=chunk)
            done = {"index": 0, "delta": {}, "finish_reason": "stop"}
            yield ServerSentEvent(data={**head, "choices": [done]})
            yield ServerSentEvent(raw_data="[DONE]")

        return event_stream(chunks())

    return api


def _pieces(
    assistant: Assistant, question: str, history: list[dict[str, str]], timed: dict[str, Any]
) -> Iterator[tuple[str, Answer | None]]:
    """The reply's text so far as it is written, and at the end the whole answer's."""
    for partial in assistant.stream(question, history, **timed):
        if partial.answer is None:
            yield markdown_literal(partial.text), None
        else:
            yield completion_text(partial.answer), partial.answer


def _keep(handlers: AppHandlers, files: list[UploadFile]) -> tuple[str, Job | None]:
    """Receive the multipart files into a folder of this request and hand them to the
    Library (which keeps its own copies); the folder goes either way."""
    folder = Path(tempfile.mkdtemp(prefix=f"{UPLOAD_PREFIX}{os.getpid()}-"))
    try:
        paths = [_receive(upload, folder, n) for n, upload in enumerate(files)]
        return handlers.add_files(paths, FolderUploads(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def _waited(queue: IngestQueue, job: Job, seconds: float) -> Job:
    """The job once finished, or as it stands after ``seconds``, polled without a thread."""
    deadline = time.monotonic() + seconds
    while not job.finished and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        job = queue.get(job.id) or job
    return job


def _receive(upload: UploadFile, folder: Path, number: int) -> Path:
    """Save one multipart file into a folder of its own; past the size limit only the first
    bytes are kept, so the handler refuses it by name for its size. The client's name loses
    its folders, control characters and excess length (a NUL byte or 300 characters)."""
    name = "".join(ch for ch in Path(upload.filename or "").name if ch.isprintable())
    if len(name.encode()) > 150:
        suffix = Path(name).suffix[:12]
        name = name.encode()[: 150 - len(suffix.encode())].decode(errors="ignore") + suffix
    name = name if name.strip(". ") else "upload.txt"
    target = folder / str(number) / name
    target.parent.mkdir()
    with target.open("wb") as out:
        out.write(upload.file.read(LARGEST_UPLOAD + 1))
    return target


class ApiMount:
    """Sends ``/api/``, ``/v1/``, ``/docs`` and ``/openapi.json`` to the JSON API; the rest
    to Gradio (which has no routes there)."""

    def __init__(self, app: ASGIApp, api: ASGIApp) -> None:
        self.app = app
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and (path.startswith(PREFIXES) or path in DOCS):
            await self.api(scope, receive, send)
        else:
            await self.app(scope, receive, send)
