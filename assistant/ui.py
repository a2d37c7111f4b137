"""The Gradio web app: chat with cited answers, sources, uploads, filters, article view.

``build_app`` makes the Blocks; ``serve`` launches them with the exposure rules: loopback
by default, credentials required on any other address, no share links, no file served
but Gradio's own upload cache. Every handler turns a failure into a message in the page;
no traceback reaches the browser. All article text is rendered through ``render``.

Named API endpoints (for ``gradio_client``): ``/ask``, ``/stats``, ``/articles``,
``/delete_article`` and ``/upload``.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from assistant import _offline  # noqa: F401
from assistant.chat import Assistant
from assistant.config import Settings
from assistant.errors import AssistantError, InvalidInput
from assistant.loaders import SUPPORTED_SUFFIXES, is_within
from assistant.render import answer_html, article_html, inert, partial_html
from assistant.store import ArticleEntry

log = logging.getLogger(__name__)

EXAMPLES = [
    "Who claimed the Lere attack?",
    "How many soldiers were killed?",
    "What did the army say it lost?",
]
MAX_UPLOAD_FILES = 20
MAX_UPLOAD_BYTES = 5_000_000
MAX_LIBRARY_ROWS = 200
SEARCHING = "Searching the articles…"
LIBRARY_HEADERS = ["Title", "Date", "Source", "Chunks", "Id"]

CSS = """
.answer { font-weight: 600; margin-bottom: .4em; }
.answer.abstained { font-weight: 500; font-style: italic; }
.standalone, .notes { font-size: .85em; opacity: .8; }
.citations-label { font-size: .8em; text-transform: uppercase; opacity: .7; margin-top: .6em; }
.citation { border-left: 3px solid #d0a000; padding: .2em .6em; margin: .4em 0; }
.citation-head { font-size: .85em; }
.citation-head a { cursor: pointer; text-decoration: underline; margin-right: .4em; }
.citation-text { font-size: .92em; }
mark.support { background: #ffe680; color: inherit; padding: 0 .1em; }
.article-text { line-height: 1.5; max-height: 32em; overflow-y: auto; }
"""

# Clicking "open article" in a citation asks the server for the article view through a
# hidden textbox and button (see render.open_link for what the link carries).
HEAD = """
<script>
document.addEventListener("click", function (event) {
  var link = event.target.closest('a[href^="#open-article:"]');
  if (!link) { return; }
  event.preventDefault();
  var box = document.querySelector("#open-request textarea, #open-request input");
  var button = document.querySelector("#open-request-button");
  if (!box || !button) { return; }
  box.value = link.getAttribute("href").slice("#open-article:".length);
  box.dispatchEvent(new Event("input", { bubbles: true }));
  setTimeout(function () { button.click(); }, 50);
});
</script>
"""


SCROLL_TO_QUOTE = """() => {
  const mark = document.querySelector("#article-view mark#quoted");
  if (mark) { mark.scrollIntoView({ block: "center" }); }
}"""


def _error_html(message: str) -> str:
    return f'<p class="answer abstained">⚠ {inert(message)}</p>'


def _unexpected(error: Exception, what: str) -> str:
    log.exception("%s failed", what)
    return (
        f"Something went wrong while {what} ({type(error).__name__}); the server log has details."
    )


def _file_path(item: Any) -> Path:
    """A Gradio upload as a path (a str, or an object with ``.path`` / ``.name``)."""
    for attribute in ("path", "name"):
        if hasattr(item, attribute):
            return Path(getattr(item, attribute))
    if isinstance(item, dict):
        return Path(item.get("path") or item.get("name") or "")
    return Path(str(item))


def copy_upload(source: Path, folder: Path, original_name: str) -> Path:
    """Copy an uploaded file into ``folder`` under a safe, unused name."""
    name = Path(original_name).name
    suffix = Path(name).suffix.lower()
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in Path(name).stem)
    stem = stem.strip(".-")[:80] or "upload"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}{suffix}"
    number = 1
    while target.exists():
        target = folder / f"{stem}-{number}{suffix}"
        number += 1
    partial = folder / f".{target.name}.partial"  # hidden: ingest never reads half a file
    shutil.copyfile(source, partial)
    os.replace(partial, target)
    return target


class AppHandlers:
    """The app's event handlers, over one ``Assistant``; plain methods, testable alone."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.uploads = Path(assistant.settings.corpus_dir) / "uploads"

    # -- chat -----------------------------------------------------------------------

    def respond(
        self,
        message: str,
        chat: list[dict[str, Any]],
        plain: list[dict[str, str]],
        date_from: str,
        date_to: str,
        sources: list[str] | None,
    ) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, str]]]]:
        """Stream a reply: the question at once, the answer as it is written, its sources."""
        chat = list(chat or [])
        plain = list(plain or [])
        question = str(message or "")
        chat.append({"role": "user", "content": inert(question[:2000])})
        chat.append({"role": "assistant", "content": SEARCHING})
        yield "", list(chat), list(plain)
        try:
            for partial in self.assistant.stream(
                question, plain, date_from=date_from or None, date_to=date_to or None,
                sources=sources or None,
            ):  # fmt: skip
                if partial.answer is None:
                    chat[-1] = {"role": "assistant", "content": partial_html(partial)}
                    yield "", list(chat), list(plain)
                    continue
                answer = partial.answer
                chat[-1] = {"role": "assistant", "content": answer_html(answer)}
                plain += [
                    {"role": "user", "content": question},
                    {"role": "assistant", "content": answer.text},
                ]
                yield "", list(chat), list(plain)
        except AssistantError as error:
            chat[-1] = {"role": "assistant", "content": _error_html(str(error))}
            yield "", list(chat), list(plain)
        except Exception as error:  # never a traceback in the page
            chat[-1] = {
                "role": "assistant",
                "content": _error_html(_unexpected(error, "answering")),
            }
            yield "", list(chat), list(plain)

    def open_article(self, request: str) -> str:
        """The article a citation points to, with the quoted passage marked."""
        try:
            encoded, start, end = str(request).rsplit(":", 2)
            article = self.assistant.article(unquote(encoded))
            return article_html(article, int(start), int(end))
        except ValueError:
            return _error_html("Bad article link.")
        except AssistantError as error:
            return _error_html(str(error))

    # -- the index ---------------------------------------------------------------------

    def status(self) -> str:
        try:
            articles, chunks = self.assistant.stats()
        except AssistantError as error:
            return f"Index: not available. {inert(str(error))}"
        where = inert(self.assistant.settings.backend_label)
        return f"Index: **{articles}** articles, **{chunks}** chunks in {where}"

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
        rows = [[e.title, e.date or "undated", e.source, e.chunks, e.id] for e in shown]
        choices = [(f"{e.title} ({e.date or 'undated'}) · {e.id}", e.id) for e in shown]
        return rows, gr.update(choices=choices, value=None)

    def source_choices(self) -> Any:
        import gradio as gr

        return gr.update(choices=sorted({e.source for e in self._entries() if e.source}))

    def _refreshed(self, message: str, query: str = "") -> tuple[Any, ...]:
        rows, choices = self.library(query)
        return message, rows, choices, self.status(), self.source_choices()

    def upload(
        self, files: list[Any] | None, query: str = "", progress: Any = None
    ) -> tuple[Any, ...]:
        """Save uploaded files under corpus/uploads/ and index them, with progress."""
        try:
            return self._refreshed(self._upload(files or [], progress), query)
        except Exception as error:
            return self._refreshed(f"⚠ {_unexpected(error, 'adding the files')}", query)

    def _upload(self, files: list[Any], progress: Callable[..., Any] | None) -> str:
        if not files:
            return "Choose one or more files first."
        if len(files) > MAX_UPLOAD_FILES:
            return (
                f"⚠ {len(files)} files at once; the limit is {MAX_UPLOAD_FILES}. Nothing was added."
            )
        saved: list[Path] = []
        refused: list[str] = []
        for item in files:
            path = _file_path(item)
            name = getattr(item, "orig_name", None) or path.name
            size = path.stat().st_size if path.exists() else 0
            if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                refused.append(f"{name}: unsupported type; use {', '.join(SUPPORTED_SUFFIXES)}")
            elif size > MAX_UPLOAD_BYTES:
                refused.append(f"{name}: {size:,} bytes, over the {MAX_UPLOAD_BYTES:,}-byte limit")
            elif size == 0:
                refused.append(f"{name}: empty file")
            else:
                saved.append(copy_upload(path, self.uploads, name))
        lines = [f"Refused {line}." for line in refused]
        if saved:

            def report_progress(done: int, total: int) -> None:
                if progress is not None and total:
                    progress(done / total, desc=f"Embedding {done}/{total} chunks")

            try:
                report = self.assistant.ingest(saved, progress=report_progress, wait=60)
            except AssistantError as error:
                for path in saved:
                    path.unlink(missing_ok=True)
                return "\n\n".join(inert(line) for line in [*lines, f"⚠ {error}"])
            for problem in report.skipped:  # a file that could not be read is not kept
                whole_file = Path(problem.path)
                if whole_file in saved:
                    whole_file.unlink(missing_ok=True)
            summary = (
                f"Added {report.added}, updated {report.updated}, unchanged {report.unchanged}; "
                f"{report.chunks_embedded} chunks embedded."
            )
            lines.insert(0, summary)
            lines += [f"Skipped {Path(p.path).name}: {p.message}." for p in report.problems]
        return "\n\n".join(inert(line) for line in lines)

    def delete(self, article_id: str | None, query: str = "") -> tuple[Any, ...]:
        """Remove an article; an uploaded file that held only it goes too."""
        if not article_id:
            return self._refreshed("Choose an article to delete.", query)
        try:
            entry = next((e for e in self._entries() if e.id == article_id), None)
            removed = self.assistant.delete(article_id)
            message = f"Deleted {entry.title if entry else article_id} ({removed} chunks)."
            if entry and "#" not in entry.path and entry.path:
                path = Path(entry.path)
                if path.exists() and is_within(path, self.uploads):
                    path.unlink()
                    message += " Its uploaded file was removed too."
                elif path.exists():
                    message += f" It returns if {path.name} is ingested again; remove it there."
            return self._refreshed(inert(message), query)
        except AssistantError as error:
            return self._refreshed(f"⚠ {inert(str(error))}", query)
        except Exception as error:
            return self._refreshed(f"⚠ {_unexpected(error, 'deleting')}", query)

    # -- the programmatic API -------------------------------------------------------------

    def api_ask(
        self,
        question: str,
        history: list[dict[str, Any]] | None = None,
        date_from: str = "",
        date_to: str = "",
        sources: list[str] | None = None,
    ) -> dict[str, Any]:
        """Answer a question; returns Answer.to_dict(), or {"error": message}."""
        try:
            answer = self.assistant.ask(
                question, history or None, date_from=date_from or None, date_to=date_to or None,
                sources=sources or None,
            )  # fmt: skip
            return answer.to_dict()
        except AssistantError as error:
            return {"error": str(error)}
        except Exception as error:
            return {"error": _unexpected(error, "answering")}

    def api_stats(self) -> dict[str, Any]:
        """Articles and chunks in the index."""
        try:
            articles, chunks = self.assistant.stats()
            return {"articles": articles, "chunks": chunks}
        except AssistantError as error:
            return {"error": str(error)}

    def api_articles(self) -> list[dict[str, Any]]:
        """Every indexed article: id, title, date, source, chunks."""
        return [
            {"id": e.id, "title": e.title, "date": e.date, "source": e.source, "chunks": e.chunks}
            for e in self._entries()
        ]

    def api_delete(self, article_id: str) -> dict[str, Any]:
        """Remove an article from the index."""
        try:
            return {"deleted": article_id, "chunks": self.assistant.delete(article_id)}
        except AssistantError as error:
            return {"error": str(error)}


def build_app(assistant: Assistant | None = None) -> Any:
    """The Gradio Blocks for ``assistant`` (one is made from the environment if not given)."""
    import gradio as gr

    assistant = assistant or Assistant()
    handlers = AppHandlers(assistant)

    def upload(files: list[Any] | None, query: str, progress: Any = gr.Progress()) -> Any:  # noqa: B008
        return handlers.upload(files, query, progress)

    with gr.Blocks(title="News QA assistant", analytics_enabled=False) as app:
        gr.Markdown("## News question-answering assistant")
        status = gr.Markdown(handlers.status(), elem_id="index-status")
        plain = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="Chat", height=560, elem_id="chat", sanitize_html=True,
                    latex_delimiters=[], group_consecutive_messages=False, buttons=["copy"],
                )  # fmt: skip
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Ask about the articles, e.g. Who claimed the Lere attack?",
                        show_label=False, scale=5, elem_id="question", max_length=2000,
                    )  # fmt: skip
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-button")
                gr.Examples(EXAMPLES, inputs=box, label="Try")
            with gr.Column(scale=2), gr.Tabs(selected="article") as tabs:
                with gr.Tab("Article", id="article", elem_id="tab-article"):
                    article_view = gr.HTML(
                        "<p>Open a cited article from an answer to read it here.</p>",
                        elem_id="article-view",
                    )
                with gr.Tab("Filters", id="filters", elem_id="tab-filters"):
                    date_from = gr.Textbox(label="From date (YYYY-MM-DD)", elem_id="date-from")
                    date_to = gr.Textbox(label="To date (YYYY-MM-DD)", elem_id="date-to")
                    sources = gr.Dropdown(
                        label="Sources", multiselect=True, choices=[], elem_id="sources"
                    )
                with gr.Tab("Library", id="library", elem_id="tab-library"):
                    files = gr.File(
                        label=f"Add articles ({', '.join(SUPPORTED_SUFFIXES)}; up to "
                        f"{MAX_UPLOAD_FILES} files of {MAX_UPLOAD_BYTES // 1_000_000} MB)",
                        file_count="multiple", file_types=list(SUPPORTED_SUFFIXES),
                        elem_id="upload",
                    )  # fmt: skip
                    add = gr.Button("Add to the index", elem_id="add-button")
                    upload_status = gr.Markdown(elem_id="upload-status")
                    query = gr.Textbox(label="Find", elem_id="library-find")
                    table = gr.Dataframe(
                        headers=LIBRARY_HEADERS, datatype=["str", "str", "str", "number", "str"],
                        interactive=False, wrap=True, elem_id="library", max_height=360,
                    )  # fmt: skip
                    with gr.Row():
                        doomed = gr.Dropdown(label="Article", choices=[], elem_id="delete-choice")
                        delete = gr.Button("Delete", variant="stop", elem_id="delete-button")
        open_request = gr.Textbox(visible="hidden", elem_id="open-request")
        open_button = gr.Button("open", visible="hidden", elem_id="open-request-button")

        chat_in = [box, chatbot, plain, date_from, date_to, sources]
        chat_out = [box, chatbot, plain]
        box.submit(handlers.respond, chat_in, chat_out, api_visibility="private")
        send.click(handlers.respond, chat_in, chat_out, api_visibility="private")
        open_button.click(
            lambda request: (handlers.open_article(request), gr.Tabs(selected="article")),
            open_request,
            [article_view, tabs],
            api_visibility="private",
        ).then(None, js=SCROLL_TO_QUOTE, api_visibility="private")
        refreshed = [upload_status, table, doomed, status, sources]
        add.click(upload, [files, query], refreshed, api_name="upload")
        delete.click(handlers.delete, [doomed, query], refreshed, api_visibility="private")
        query.submit(handlers.library, query, [table, doomed], api_visibility="private")
        app.load(handlers.status, None, status, api_visibility="private")
        app.load(handlers.library, query, [table, doomed], api_visibility="private")
        app.load(handlers.source_choices, None, sources, api_visibility="private")
        gr.api(handlers.api_ask, api_name="ask")
        gr.api(handlers.api_stats, api_name="stats")
        gr.api(handlers.api_articles, api_name="articles")
        gr.api(handlers.api_delete, api_name="delete_article")
    return app


def launch_options(settings: Settings) -> dict[str, Any]:
    """Arguments for ``launch``: refuse to listen beyond loopback without credentials."""
    loopback = settings.host in ("127.0.0.1", "localhost", "::1")
    auth = None
    if settings.auth:
        user, password = settings.auth.split(":", 1)
        auth = (user, password)
    elif not loopback:
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
        "max_file_size": MAX_UPLOAD_BYTES,
        "show_error": False,
        "css": CSS,
        "head": HEAD,
        "footer_links": ["api"],
    }


def serve(settings: Settings | None = None) -> None:
    """Open the index, warm the models, and serve the app until interrupted."""
    settings = settings or Settings.from_env()
    options = launch_options(settings)
    assistant = Assistant(settings)
    try:
        assistant.warm_up()
    except AssistantError as error:
        print(f"warning: {error}", file=sys.stderr)
    app = build_app(assistant)
    app.queue(default_concurrency_limit=8, max_size=256)
    where = f"http://{settings.host}:{settings.port}"
    if options["auth"]:
        print(f"Serving on {where}; sign-in required (ASSISTANT_AUTH).", file=sys.stderr)
    else:
        print(f"Serving on {where} (this machine only).", file=sys.stderr)
    app.launch(**options)
