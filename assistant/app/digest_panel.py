"""The Alerts tab's "What's new" box: the new stories on a query since a day, by day.

A digest (``watching.digest``) as the CLI's ``assistant digest``, the JSON API's
``/api/digest`` and MCP's ``digest`` give it, on the page and as the Gradio API route
``/digest``. Its reader, whose delivered sentences are not repeated, is the signed-in user
when the app has credentials, else "page". The HTML comes from ``render.digest_html``;
both handlers are behind the page's error boundary (``boundary.page_door``) and check what
they are given, so a crafted payload gets ``{"error": message}``, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from assistant.app.boundary import Call, page_door
from assistant.app.render import digest_html
from assistant.app.watch_panel import given_text, note_html
from assistant.errors import InvalidInput
from assistant.facade import Assistant
from assistant.text.user_input import as_day
from assistant.watching.api import digest
from assistant.watching.digest import Digest
from assistant.watching.watch_store import MAX_QUESTION_CHARS

PAGE_READER = "page"  # the reader when the app has no credentials
MAX_DAY_CHARS = 40


def reader_of(request: Any) -> str:
    """The signed-in user's name (``gr.Request.username``), or "page" without credentials."""
    name = getattr(request, "username", None)
    return name if isinstance(name, str) and name.strip() else PAGE_READER


def _query(value: Any) -> str:
    too_long = InvalidInput(f"The query is at most {MAX_QUESTION_CHARS} characters.")
    if isinstance(value, str) and len(value) > 4 * MAX_QUESTION_CHARS:
        raise too_long
    query = " ".join(given_text(value, "The query", 4 * MAX_QUESTION_CHARS).split())
    if not query:
        raise InvalidInput("Type what to catch up on, e.g. OPEC output.")
    if len(query) > MAX_QUESTION_CHARS:
        raise too_long
    return query


def _day(value: Any, name: str) -> dt.date | None:
    """A day as the page's date boxes and API callers give it: text (YYYY-MM-DD)."""
    return as_day(given_text(value, name, MAX_DAY_CHARS).strip(), name)


def _shown_error(message: str, _: Call) -> str:
    return note_html(message, error=True)


def _api_error(message: str, _: Call) -> dict[str, Any]:
    return {"error": message}


class DigestPanel:
    """The "What's new" handlers, over one ``Assistant``'s index."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def _digest(self, query: Any, since: Any, to: Any, reader: str) -> Digest:
        query, start, end = _query(query), _day(since, "since"), _day(to, "to")
        if start is None:
            raise InvalidInput("Choose the day to start after (since), e.g. 1987-03-31.")
        if end is not None and end < start:
            raise InvalidInput(f"since {start} is after to {end}.")
        return digest(query, start, end, reader, assistant=self.assistant)

    @page_door("reading what's new", _shown_error)
    def show(self, query: Any, since: Any, to: Any = None, reader: str = PAGE_READER) -> str:
        """The "What's new?" button: the digest as HTML, or the note or the error."""
        return digest_html(self._digest(query, since, to, reader))

    @page_door("reading what's new", _api_error)
    def api_digest(
        self, query: Any, since: Any, to: Any = None, reader: str = PAGE_READER
    ) -> dict[str, Any]:
        """``{"digest": Digest.to_dict()}``, or ``{"error": message}``."""
        return {"digest": self._digest(query, since, to, reader).to_dict()}

    def api_routes(self) -> list[tuple[Callable[..., Any], str]]:
        """The Gradio API routes: (handler, api_name)."""
        return [(signed_in(self.api_digest), "digest")]


def signed_in(handler: Callable[[Any, Any, Any, str], Any]) -> Callable[..., Any]:
    """``handler`` as Gradio calls it: (query, since, to) and the request Gradio fills in,
    whose user is the reader. Gradio knows that parameter by its annotation, which must be
    the class itself (gradio is imported only here, when the page is built)."""
    import gradio as gr

    def called(query: str, since: str, to: str | None = None, request: Any = None) -> Any:
        return handler(query, since, to, reader_of(request))

    called.__annotations__ = {**called.__annotations__, "request": gr.Request | None}
    called.__doc__ = handler.__doc__
    return called


def digest_box(panel: DigestPanel) -> None:
    """The "What's new" box, built where it is called (inside the Alerts tab) and wired."""
    import gradio as gr

    gr.Markdown("**What's new**")
    query = gr.Textbox(
        label="What's new on", placeholder="e.g. Citibank prime rate",
        elem_id="digest-query", max_length=MAX_QUESTION_CHARS,
    )  # fmt: skip
    with gr.Row():
        since = gr.DateTime(
            label="Since (published after this day)", include_time=False, type="string",
            elem_id="digest-since",
        )  # fmt: skip
        to = gr.DateTime(
            label="To (optional)", include_time=False, type="string", elem_id="digest-to"
        )
    show = gr.Button("What's new?", variant="primary", elem_id="digest-show", size="sm")
    shown = gr.HTML("", elem_id="digest-view")
    for trigger in (show.click, query.submit):
        trigger(signed_in(panel.show), [query, since, to], shown, api_visibility="private")
