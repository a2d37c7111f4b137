"""The JSON API's watching routes: watches, their alerts (JSON and Atom), backtests, digests.

Added to the JSON API's app (``http_api.build_api``), so its routes sit behind the same
credentials and the same error boundary as every other; the replies are the watching
records' models, generated like the others (``record_models``).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import FastAPI, Query, Request, Response
from pydantic import BaseModel, Field

from assistant.app.record_models import record_model
from assistant.facade import Assistant
from assistant.watching import api
from assistant.watching.alert_feed import atom_feed
from assistant.watching.digest import Digest
from assistant.watching.watches import Alert, Watch

WatchReply = record_model(Watch)
AlertReply = record_model(Alert)
DigestReply = record_model(Digest)
ATOM = "application/atom+xml; charset=utf-8"
Kind = Literal["answer", "stories"]


class WatchBody(BaseModel):
    question: str = Field(..., max_length=500, description="The question (or stories query)")
    kind: Kind = Field("answer", description="answer: alert on a new answer; stories: per story")


class TestBody(WatchBody):
    date_from: str = Field(..., description="The day the watch starts from, YYYY-MM-DD")
    date_to: str | None = Field(None, description="The last day replayed, YYYY-MM-DD")


class ReadBody(BaseModel):
    ids: list[str] | None = Field(None, max_length=10_000, description="None: all of them")


class Removed(BaseModel):
    removed: str


class Marked(BaseModel):
    marked: int


def add_watch_routes(router: FastAPI, assistant: Assistant) -> None:

    @router.get("/api/watches", summary="The watches and what they answer now",
                response_model=list[WatchReply])  # type: ignore[valid-type]  # fmt: skip
    def watches() -> Any:
        return [w.to_dict() for w in api.watch_list(assistant=assistant)]

    @router.post("/api/watches", summary="Watch a question (or a query, for new stories)",
                 response_model=WatchReply, status_code=201)  # fmt: skip
    def add(body: WatchBody) -> Any:
        return api.watch_add(body.question, body.kind, assistant=assistant).to_dict()

    @router.delete("/api/watches/{watch_id}", summary="Stop watching; its alerts go too",
                   response_model=Removed)  # fmt: skip
    def remove(watch_id: str) -> Any:
        api.watch_remove(watch_id, assistant=assistant)
        return {"removed": watch_id}

    @router.get("/api/watches/alerts", summary="The alerts, newest first",
                response_model=list[AlertReply])  # type: ignore[valid-type]  # fmt: skip
    def alerts(
        since: str | None = Query(None, description="Raised on or after YYYY-MM-DD"),
        watch_id: str | None = Query(None, description="Only this watch's"),
        unread: bool = Query(False, description="Only those not yet read"),
    ) -> Any:
        found = api.watch_alerts(since, watch_id, unread, assistant=assistant)
        return [a.to_dict() for a in found]

    @router.post("/api/watches/alerts/read", summary="Mark alerts read (all without ids)",
                 response_model=Marked)  # fmt: skip
    def read(body: ReadBody) -> Any:
        return {"marked": api.watch_read(body.ids, assistant=assistant)}

    @router.get("/api/watches/alerts.atom", summary="Every watch's alerts as an Atom feed",
                response_class=Response, responses={200: {"content": {ATOM: {}}}})  # fmt: skip
    def all_feed(request: Request) -> Response:
        found = api.watch_alerts(assistant=assistant)
        return _atom(found, "News assistant: every watch", request, "all")

    @router.get("/api/watches/{watch_id}/alerts.atom", summary="One watch's alerts as Atom",
                response_class=Response, responses={200: {"content": {ATOM: {}}}})  # fmt: skip
    def watch_feed(watch_id: str, request: Request) -> Response:
        watch = api.watch_get(watch_id, assistant=assistant)  # NotFound: a 404
        found = api.watch_alerts(watch_id=watch_id, assistant=assistant)
        return _atom(found, f"News assistant: {watch.question}", request, watch_id)

    @router.post("/api/watches/test", summary="Replay a watch over the archive (a backtest)",
                 response_model=list[AlertReply])  # type: ignore[valid-type]  # fmt: skip
    def test(body: TestBody) -> Any:
        found = api.watch_test(body.question, body.date_from, body.date_to, body.kind,
                               assistant=assistant)  # fmt: skip
        return [a.to_dict() for a in found]

    @router.get("/api/digest", summary="What is new on a subject since a day",
                response_model=DigestReply)  # fmt: skip
    def digest(
        q: str = Query(..., max_length=500, description="The subject, e.g. OPEC output"),
        since: str = Query(..., description="Stories published after this day, YYYY-MM-DD"),
        to: str | None = Query(None, description="Up to this day, YYYY-MM-DD"),
        reader: str = Query("", max_length=100, description="Whose sentences not to repeat"),
    ) -> Any:
        return api.digest(q, since, to, reader, assistant=assistant).to_dict()


def _atom(alerts: list[Alert], title: str, request: Request, key: str) -> Response:
    document = atom_feed(alerts, title, str(request.url), f"urn:news-assistant:watches:{key}")
    return Response(document, media_type=ATOM)
