"""The Gradio web app: chat with cited answers, sources, uploads, filters, article view.

``build_app`` makes the Blocks; ``serve`` launches them with the exposure rules: loopback
by default, credentials required on any other address, no share links, no file served
but Gradio's own upload cache. Every handler turns a failure into a message in the page;
no traceback reaches the browser. All article text is rendered through ``render.inert``.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from assistant import _offline  # noqa: F401
from assistant.chat import Assistant
from assistant.config import Settings
from assistant.errors import AssistantError, InvalidInput
from assistant.loaders import SUPPORTED_SUFFIXES
from assistant.render import answer_html, article_html, inert

log = logging.getLogger(__name__)

EXAMPLES = [
    "Who claimed the Lere attack?",
    "How many soldiers were killed?",
    "What did the army say it lost?",
]
MAX_UPLOAD_FILES = 20
MAX_UPLOAD_BYTES = 5_000_000
SEARCHING = "Searching the articles…"

CSS = """
.answer { font-weight: 600; margin-bottom: .4em; }
.answer.abstained { font-weight: 500; font-style: italic; }
.standalone { font-size: .85em; opacity: .75; }
.citations-label { font-size: .8em; text-transform: uppercase; opacity: .7; margin-top: .6em; }
.citation { border-left: 3px solid #d0a000; padding: .2em .6em; margin: .4em 0; }
.citation-head { font-size: .85em; }
.citation-head a { cursor: pointer; text-decoration: underline; }
.citation-text { font-size: .92em; }
mark.support { background: #ffe680; color: inherit; padding: 0 .1em; }
.article-text { white-space: normal; line-height: 1.5; max-height: 32em; overflow-y: auto; }
"""

# Clicking "open article" in a citation asks the server for the article view through a
# hidden textbox. The link's fragment carries only a percent-encoded id and two numbers
# (the chat's sanitiser drops data- attributes but keeps fragment links).
OPEN_PREFIX = "#open-article:"
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


def _status(assistant: Assistant) -> str:
    try:
        articles, chunks = assistant.stats()
    except AssistantError as error:
        return f"Index: not available. {inert(str(error))}"
    where = inert(assistant.settings.backend_label)
    return f"Index: **{articles}** articles, **{chunks}** chunks in {where}"


def _with_open_links(reply: str, answer: Any) -> str:
    """Add an "open article" link to each citation head (ids are escaped as attribute data)."""
    for citation in answer.citations:
        request = f"{quote(citation.article_id, safe='')}:{citation.start}:{citation.end}"
        marker = f'<div class="citation" data-n="{citation.n}"><div class="citation-head">'
        link = f'<a href="{OPEN_PREFIX}{request}">open article</a> '
        reply = reply.replace(marker, marker + link, 1)
    return reply


def _error_html(error: Exception) -> str:
    return f'<p class="answer abstained">⚠ {inert(str(error))}</p>'


def _plain_history(history: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"role": m["role"], "content": str(m.get("content", ""))} for m in history]


class AppHandlers:
    """The app's event handlers, over one ``Assistant``; plain methods, testable alone."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def respond(
        self,
        message: str,
        chat: list[dict[str, Any]],
        plain: list[dict[str, str]],
        date_from: str,
        date_to: str,
        sources: list[str] | None,
    ) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, str]]]]:
        """Stream a reply: the question at once, then the answer with its citations."""
        chat = list(chat or [])
        plain = list(plain or [])
        question = str(message or "")
        chat.append({"role": "user", "content": inert(question[:2000])})
        chat.append({"role": "assistant", "content": SEARCHING})
        yield "", list(chat), list(plain)
        try:
            answer = self.assistant.ask(
                question, plain, date_from=date_from or None, date_to=date_to or None,
                sources=sources or None,
            )  # fmt: skip
        except AssistantError as error:
            chat[-1] = {"role": "assistant", "content": _error_html(error)}
            yield "", list(chat), list(plain)
            return
        except Exception as error:  # never a traceback in the page
            log.exception("answering failed")
            chat[-1] = {
                "role": "assistant",
                "content": _error_html(
                    RuntimeError(f"Something went wrong ({type(error).__name__}).")
                ),
            }
            yield "", list(chat), list(plain)
            return
        chat[-1] = {"role": "assistant", "content": _with_open_links(answer_html(answer), answer)}
        reply = f"{answer.short_answer} [1]" if not answer.abstained else answer.text
        plain += [{"role": "user", "content": question}, {"role": "assistant", "content": reply}]
        yield "", list(chat), list(plain)

    def open_article(self, request: str) -> str:
        """The article a citation points to, with the quoted passage marked."""
        try:
            encoded, start, end = str(request).rsplit(":", 2)
            article = self.assistant.article(unquote(encoded))
            return article_html(article, int(start), int(end))
        except (ValueError, AssistantError) as error:
            return _error_html(
                error if isinstance(error, AssistantError) else InvalidInput("Bad article link.")
            )

    def status(self) -> str:
        return _status(self.assistant)


def build_app(assistant: Assistant | None = None) -> Any:
    """The Gradio Blocks for ``assistant`` (one is made from the environment if not given)."""
    import gradio as gr

    assistant = assistant or Assistant()
    handlers = AppHandlers(assistant)
    with gr.Blocks(title="News QA assistant", analytics_enabled=False) as app:
        gr.Markdown("## News question-answering assistant")
        status = gr.Markdown(handlers.status(), elem_id="index-status")
        plain = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="Chat", height=560, elem_id="chat", sanitize_html=True,
                    latex_delimiters=[], group_consecutive_messages=False,
                )  # fmt: skip
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Ask about the articles, e.g. Who claimed the Lere attack?",
                        show_label=False, scale=5, elem_id="question", max_length=2000,
                    )  # fmt: skip
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-button")
                gr.Examples(EXAMPLES, inputs=box, label="Try")
            with gr.Column(scale=2):
                with gr.Tab("Article"):
                    article_view = gr.HTML(
                        "<p>Open a cited article from an answer to read it here.</p>",
                        elem_id="article-view",
                    )
                with gr.Tab("Filters"):
                    date_from = gr.Textbox(label="From date (YYYY-MM-DD)", elem_id="date-from")
                    date_to = gr.Textbox(label="To date (YYYY-MM-DD)", elem_id="date-to")
                    sources = gr.Dropdown(
                        label="Sources", multiselect=True, choices=[], elem_id="sources"
                    )
        open_request = gr.Textbox(visible="hidden", elem_id="open-request")
        open_button = gr.Button("open", visible="hidden", elem_id="open-request-button")

        inputs = [box, chatbot, plain, date_from, date_to, sources]
        outputs = [box, chatbot, plain]
        box.submit(handlers.respond, inputs, outputs, api_visibility="private")
        send.click(handlers.respond, inputs, outputs, api_visibility="private")
        open_button.click(
            handlers.open_article, open_request, article_view, api_visibility="private"
        )
        app.load(handlers.status, None, status, api_visibility="private")
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
        "footer_links": [],
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


def copy_upload(source: Path, folder: Path) -> Path:
    """Copy an uploaded file into ``folder`` under a safe, unused name."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = (
        "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in source.stem)[:80] or "upload"
    )
    suffix = source.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InvalidInput(f"{source.name}: unsupported type; use {', '.join(SUPPORTED_SUFFIXES)}")
    target = folder / f"{stem}{suffix}"
    number = 1
    while target.exists():
        target = folder / f"{stem}-{number}{suffix}"
        number += 1
    shutil.copyfile(source, target)
    return target
