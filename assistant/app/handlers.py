"""The web app's event handlers, over one ``Assistant``: plain methods, testable alone.

Every handler that does the assistant's work is behind the page's error boundary
(``boundary.page_door``): a failure becomes a message for the page or a ``{"error": ...}``
for the API, never a traceback. Text from articles reaches HTML only through
``render``; messages about files are plain text (the page shows them in a text box, the
API returns them as they are).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from assistant.app.boundary import Call, page_door
from assistant.app.ingest_queue import Job
from assistant.app.library import (
    LARGEST_UPLOAD,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    Library,
    limits_line,
)
from assistant.app.render import (
    answer_html,
    article_html,
    filters_html,
    inert,
    partial_html,
    period_html,
    timeline_html,
    watch_link,
)
from assistant.app.uploads import UploadGate
from assistant.errors import AssistantError, InvalidInput
from assistant.facade import Assistant
from assistant.records import ArticleEntry
from assistant.text.invisible import visible
from assistant.text.user_input import as_day, make_filters
from assistant.timeline_records import Timeline

__all__ = ["LARGEST_UPLOAD", "MAX_UPLOAD_BYTES", "MAX_UPLOAD_FILES", "AppHandlers", "limits_line"]
MAX_LIBRARY_ROWS = 200
UPLOAD_WAIT = 5.0  # seconds the page waits for a small upload's result before polling
SEARCHING = "Searching the articles…"
Filters = dict[str, Any]  # the applied filters: date_from, date_to, sources


def error_html(message: str) -> str:
    return f'<p class="answer abstained">⚠ {inert(message)}</p>'


def _asked(question: str, chat: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The chat with the user's question added, as the page shows it."""
    return [*list(chat or []), {"role": "user", "content": inert(question[:2000])}]


def _chat_error(message: str, call: Call) -> tuple[str, list[dict[str, Any]], list[Any]]:
    """``respond``'s failure: the question, and the message as the reply."""
    error = {"role": "assistant", "content": error_html(message)}
    return "", [*_asked(str(call["message"] or ""), call["chat"]), error], list(call["plain"] or [])


def _api_error(message: str, _: Call) -> dict[str, Any]:
    """A Gradio API call's failure: ``{"error": message}``."""
    return {"error": message}


def _library_error(message: str, call: Call) -> tuple[Any, ...]:
    """A Library button's failure: the message in its status box, the Library as it is."""
    handlers: AppHandlers = call["self"]
    return handlers._refreshed(f"⚠ {message}", call["query"])


def _upload_error(message: str, call: Call) -> tuple[Any, ...]:
    """``upload``'s failure: the Library's, the picker emptied, no job to poll."""
    return (*_library_error(message, call), None, "", False)


class NoUploads:
    """The gate of handlers that take no uploads: every file is refused."""

    def admit(self, path: Path) -> Path:
        raise InvalidInput("uploads are not accepted here")

    def release(self, path: Path) -> None:
        """Nothing was admitted, so nothing to forget."""


class AppHandlers:
    """The app's event handlers; ``gate`` decides which uploaded paths may be read."""

    def __init__(self, assistant: Assistant, gate: UploadGate | None = None) -> None:
        self.assistant = assistant
        self.gate: UploadGate = gate or NoUploads()
        self.archive = Library(assistant)
        self.uploads = self.archive.uploads

    # -- chat -----------------------------------------------------------------------

    @page_door("answering", _chat_error)
    def respond(
        self,
        message: str,
        chat: list[dict[str, Any]],
        plain: list[dict[str, str]],
        filters: Filters | None = None,
    ) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, str]]]]:
        """Stream a reply: the question at once, the answer as it is written, its sources."""
        question, plain = str(message or ""), list(plain or [])
        chat = [*_asked(question, chat), {"role": "assistant", "content": SEARCHING}]
        yield "", list(chat), list(plain)
        for partial in self.assistant.stream(question, plain, **(filters or {})):
            if partial.answer is None:
                chat[-1] = {"role": "assistant", "content": partial_html(partial)}
                yield "", list(chat), list(plain)
                continue
            answer = partial.answer
            chat[-1] = {"role": "assistant", "content": answer_html(answer) + watch_link(answer)}
            plain += [
                {"role": "user", "content": question},
                {"role": "assistant", "content": answer.text},
            ]
            yield "", list(chat), list(plain)

    def apply_filters(
        self, date_from: Any, date_to: Any, sources: Any, as_of: Any = None, read_time: Any = True
    ) -> tuple[Filters, str]:
        """Check and apply the filters; the banner over the chat says what is on."""
        try:
            checked = make_filters(date_from, date_to, sources)
            day = as_day(as_of, "as_of")
        except AssistantError as error:
            return {}, error_html(f"{error} The filters were not applied.")
        applied: Filters = {
            "date_from": checked.date_from.isoformat() if checked.date_from else None,
            "date_to": checked.date_to.isoformat() if checked.date_to else None,
            "sources": list(checked.sources),
            "as_of": day.isoformat() if day else None,
            "time": "auto" if read_time is not False else "off",
        }
        shown = filters_html(checked, applied["as_of"] or "", applied["time"] == "auto")
        return applied, shown

    def every_date(
        self, chat: list[dict[str, Any]], plain: list[dict[str, str]], filters: Filters | None
    ) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, str]]]]:
        """The reply's "Search every date instead": the last question again, time words
        not read (its turn is replaced, so the conversation does not hold it twice)."""
        plain = list(plain or [])
        if len(plain) < 2 or plain[-2].get("role") != "user":
            yield "", list(chat or []), plain
            return
        question = str(plain[-2]["content"])
        chat = list(chat or [])[:-2]
        yield from self.respond(question, chat, plain[:-2], {**(filters or {}), "time": "off"})

    @page_door("opening the article", lambda message, _: error_html(message))
    def open_article(self, request: str) -> str:
        """The article a citation points to, with the quoted passage marked."""
        try:
            encoded, start, end = str(request).rsplit(":", 2)
            span = int(start), int(end)
        except ValueError:
            return error_html("Bad article link.")
        return article_html(self.assistant.article(unquote(encoded)), *span)

    # -- the timeline ------------------------------------------------------------------

    @page_door("building the timeline", lambda message, _: (None, error_html(message), ""))
    def show_timeline(
        self, query: str, date_from: Any = None, date_to: Any = None
    ) -> tuple[Any, str, str]:
        """The Timeline tab's Show button: (the timeline for the page's state, its chart and
        events, the emptied list of a bar's articles)."""
        found = self.assistant.timeline(query, date_from=date_from, date_to=date_to)
        return found, timeline_html(found), ""

    def timeline_period(self, request: str, found: Timeline | None) -> str:
        """A click on a bar of the chart: the articles of that period."""
        if found is None:
            return "<p>Show a timeline first.</p>"
        try:
            return period_html(found, int(str(request).rsplit(":", 1)[-1]))
        except ValueError:
            return error_html("Bad chart link.")

    @page_door("building the timeline", _api_error)
    def api_timeline(
        self, query: str, date_from: str = "", date_to: str = "", sources: list[str] | None = None
    ) -> dict[str, Any]:
        """The timeline of ``query``: Timeline.to_dict(), or {"error": message}."""
        found = self.assistant.timeline(
            query, date_from=date_from or None, date_to=date_to or None, sources=sources or None
        )
        return found.to_dict()

    # -- the index ---------------------------------------------------------------------

    def status(self) -> str:
        """Articles and chunks; where the index lives is the operator's business, not shown."""
        try:
            articles, chunks = self.assistant.stats()
        except AssistantError:
            return "Index: not available; the server log says why."
        return f"Index: **{articles}** articles, **{chunks}** chunks"

    def _entries(self) -> list[ArticleEntry]:
        try:
            return self.assistant.articles()
        except AssistantError:
            return []

    def library(self, query: str = "") -> tuple[list[list[Any]], Any]:
        """Indexed articles matching ``query`` (title, source or id), newest first."""
        import gradio as gr

        wanted = (query or "").strip().lower()
        entries = [
            e for e in self._entries()
            if not wanted or wanted in f"{e.title} {e.source} {e.id}".lower()
        ]  # fmt: skip
        shown = entries[:MAX_LIBRARY_ROWS]
        rows = [
            [visible(e.title), e.date or "undated", visible(e.source), e.chunks, e.id]
            for e in shown
        ]
        choices = [(f"{visible(e.title)} ({e.date or 'undated'}) · {e.id}", e.id) for e in shown]
        return rows, gr.update(choices=choices, value=None)

    def source_choices(self) -> Any:
        import gradio as gr

        return gr.update(choices=sorted({visible(e.source) for e in self._entries() if e.source}))

    def _refreshed(self, message: str, query: str = "") -> tuple[Any, ...]:
        rows, choices = self.library(query)
        return message, rows, choices, self.status(), self.source_choices()

    @page_door("adding the files", _upload_error)
    def upload(
        self, files: list[Any] | None, query: str = "", progress: Any = None
    ) -> tuple[Any, ...]:
        """Keep the uploaded files and index them in the background; the picker is emptied.

        Returns the Library's outputs, then the picker (emptied), the job's id (for the
        page's progress poll) and whether to keep polling.
        """
        message, job = self.archive.add(list(files or []), self.gate)
        if job is not None:
            job = self.archive.queue.wait(job.id, UPLOAD_WAIT) or job
            message = (
                job.describe()
                if job.finished
                else "\n".join(
                    [job.describe(), message, "The Library updates when it is done."]
                ).strip()
            )
        polling = job is not None and not job.finished
        return (*self._refreshed(message, query), None, job.id if job else "", polling)

    def upload_progress(self, job_id: str, query: str = "") -> tuple[Any, ...]:
        """The page's poll while a job runs: its progress, then the result and the Library."""
        job = self.archive.queue.get(job_id) if job_id else None
        if job is None:
            return (*self._refreshed("", query), False)
        return (*self._refreshed(job.describe(), query), not job.finished)

    def add_files(self, paths: list[Path], gate: UploadGate) -> tuple[str, Job | None]:
        """Add files the gate admits, as the Add button does (the HTTP API): the lines so
        far and the job, queued (``upload_message`` words it once waited on)."""
        return self.archive.add([str(p) for p in paths], gate)

    @staticmethod
    def upload_message(message: str, job: Job) -> str:
        """The job's own line, final once it finished, with the upload's lines before."""
        return job.describe() if job.finished else "\n".join([job.describe(), message]).strip()

    def remove_article(self, article_id: Any) -> tuple[str, int, bool]:
        """Delete an article, and the file the app kept for it (``Library.remove``)."""
        return self.archive.remove(article_id)

    @page_door("deleting", _library_error)
    def delete(self, article_id: str | None, query: str = "") -> tuple[Any, ...]:
        """The Library's Delete button."""
        message, _, _ = self.remove_article(article_id)
        return self._refreshed(message, query)

    # -- the programmatic API -------------------------------------------------------------

    @page_door("answering", _api_error)
    def api_ask(
        self,
        question: str,
        history: list[dict[str, Any]] | None = None,
        date_from: str = "",
        date_to: str = "",
        sources: list[str] | None = None,
        as_of: str = "",
        time: str = "auto",
    ) -> dict[str, Any]:
        """Answer a question; returns Answer.to_dict(), or {"error": message}."""
        answer = self.assistant.ask(
            question, history or None, date_from=date_from or None, date_to=date_to or None,
            sources=sources or None, as_of=as_of or None, time=time or None,
        )  # fmt: skip
        return answer.to_dict()

    @page_door("counting the articles", _api_error)
    def api_stats(self) -> dict[str, Any]:
        """Articles and chunks in the index."""
        articles, chunks = self.assistant.stats()
        return {"articles": articles, "chunks": chunks}

    def api_articles(self) -> list[dict[str, Any]]:
        """Every indexed article: id, title, date, source, url, chunks (as ``/api/articles``)."""
        return [
            {"id": e.id, "title": e.title, "date": e.date, "source": e.source, "url": e.url,
             "chunks": e.chunks}
            for e in self._entries()
        ]  # fmt: skip

    @page_door("deleting", _api_error)
    def api_delete(self, article_id: str) -> dict[str, Any]:
        """Remove an article from the index (and its uploaded file, as the Library does)."""
        message, chunks, file_removed = self.remove_article(article_id)
        return {"deleted": article_id, "chunks": chunks, "file_removed": file_removed,
                "message": message}  # fmt: skip
