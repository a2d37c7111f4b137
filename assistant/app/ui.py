"""The Gradio web app: chat with cited answers, sources, uploads, filters, article view.

``build_app`` lays out the page and wires it to ``handlers.AppHandlers``; ``serve``
launches it with the exposure rules: loopback by default, strong credentials required
on any other address, no share links, no file served but Gradio's own upload cache,
security headers and a sign-in brake on every route (``web_guard``). All article text
is rendered through ``render``.

Named API endpoints (for ``gradio_client``): ``/ask``, ``/stats``, ``/articles``,
``/delete_article`` and ``/upload``.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from typing import Any

from assistant import _offline  # noqa: F401
from assistant.app.feeds_panel import FEED_HEADERS, FeedsPanel
from assistant.app.handlers import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, AppHandlers
from assistant.app.request_guard import LOOPBACK_NAMES
from assistant.app.uploads import GradioUploads
from assistant.config import Settings
from assistant.errors import AssistantError, InvalidInput
from assistant.facade import Assistant
from assistant.ingest.formats import supported_suffixes
from assistant.web.schedule import FeedSchedule
from assistant.web.sources import WebSources

EXAMPLES = [
    "Who claimed responsibility for the attack?",
    "How many soldiers were killed?",
    "What did the army say it lost?",
]
LIBRARY_HEADERS = ["Title", "Date", "Source", "Chunks", "Id"]
# The largest request body per route: an upload's files (the page's own, Gradio's cap per
# file), the JSON API's; any other request (a question with its history) REQUEST_BODY_LIMIT.
BODY_LIMITS = {
    "/api/ingest": MAX_UPLOAD_FILES * MAX_UPLOAD_BYTES + 2**20,
    "/gradio_api/upload": MAX_UPLOAD_FILES * 4 * MAX_UPLOAD_BYTES + 2**20,
}

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
mark.answer-span { background: #ffc400; color: inherit; font-weight: 700; padding: 0; }
.citation.related { border-left-color: #c8c8c8; }
.citation .tag { font-size: .8em; text-transform: uppercase; opacity: .7; }
.citation .also { font-size: .8em; opacity: .8; margin-top: .2em; }
.article-text { line-height: 1.5; max-height: 32em; overflow-y: auto; }
.filters-on { background: #eef4ff; border-left: 3px solid #3b6fd6; padding: .3em .6em; }
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

# After a reply, the chat shows the question at its top and the answer under it (not the
# end of the last citation); the chat's own scrolling to the bottom is off.
SCROLL_TO_QUESTION = """() => {
  const asked = document.querySelectorAll("#chat .message-row.user-row, #chat .user-row");
  const last = asked[asked.length - 1];
  if (!last) { return; }
  let box = last.parentElement;
  while (box && box.scrollHeight <= box.clientHeight + 1) { box = box.parentElement; }
  if (!box) { return; }
  const top = last.getBoundingClientRect().top - box.getBoundingClientRect().top;
  box.scrollTo({ top: Math.max(0, box.scrollTop + top - 8) });
}"""


def build_app(assistant: Assistant | None = None, web: WebSources | None = None) -> Any:
    """The Gradio Blocks for ``assistant`` (one is made from the environment if not given)."""
    import gradio as gr

    assistant = assistant or Assistant()
    feeds = FeedsPanel(web or WebSources(assistant))
    with gr.Blocks(title="News QA assistant", analytics_enabled=False) as app:
        handlers = AppHandlers(assistant, GradioUploads(app))

        def upload(files: list[Any] | None, query: str) -> Any:
            *shown, job_id, polling = handlers.upload(files, query)
            return (*shown, job_id, gr.Timer(active=polling))

        def upload_progress(job_id: str, query: str) -> Any:
            *shown, polling = handlers.upload_progress(job_id, query)
            return (*shown, gr.Timer(active=polling))

        gr.Markdown("## News question-answering assistant")
        status = gr.Markdown(handlers.status(), elem_id="index-status")
        plain = gr.State([])
        applied = gr.State({})
        with gr.Row():
            with gr.Column(scale=3):
                banner = gr.HTML("", elem_id="filter-banner")
                chatbot = gr.Chatbot(
                    label="Chat", height=560, elem_id="chat", sanitize_html=True,
                    latex_delimiters=[], group_consecutive_messages=False, buttons=["copy"],
                    autoscroll=False,
                )  # fmt: skip
                with gr.Row():
                    box = gr.Textbox(
                        placeholder=f"Ask about the articles, e.g. {EXAMPLES[0]}",
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
                    date_from = gr.DateTime(
                        label="From", include_time=False, type="string", elem_id="date-from"
                    )
                    date_to = gr.DateTime(
                        label="To", include_time=False, type="string", elem_id="date-to"
                    )
                    sources = gr.Dropdown(
                        label="Sources", multiselect=True, choices=[], elem_id="sources"
                    )
                    with gr.Row():
                        apply = gr.Button("Apply", variant="primary", elem_id="apply-filters")
                        clear = gr.Button("Clear", elem_id="clear-filters")
                with gr.Tab("Library", id="library", elem_id="tab-library"):
                    files = gr.File(
                        label=f"Add articles ({', '.join(supported_suffixes())}; up to "
                        f"{MAX_UPLOAD_FILES} files of {MAX_UPLOAD_BYTES // 2**20} MB each)",
                        file_count="multiple", elem_id="upload",
                    )  # fmt: skip
                    add = gr.Button("Add to the index", elem_id="add-button")
                    upload_status = gr.Textbox(
                        label="Last upload", interactive=False, lines=2, max_lines=12,
                        elem_id="upload-status",
                    )  # fmt: skip
                    query = gr.Textbox(label="Find", elem_id="library-find")
                    table = gr.Dataframe(
                        headers=LIBRARY_HEADERS, datatype=["str", "str", "str", "number", "str"],
                        interactive=False, wrap=True, elem_id="library", max_height=360,
                        column_widths=["34%", "14%", "20%", "10%", "22%"],
                    )  # fmt: skip
                    doomed = gr.Dropdown(label="Article to delete", choices=[],
                                         elem_id="delete-choice")  # fmt: skip
                    delete = gr.Button("Delete", variant="stop", elem_id="delete-button")
                with gr.Tab("Feeds", id="feeds", elem_id="tab-feeds"):
                    feed_url = gr.Textbox(
                        label="Follow an RSS or Atom feed", placeholder="https://example.com/rss.xml",
                        elem_id="feed-url", max_length=2000,
                    )  # fmt: skip
                    with gr.Row():
                        follow = gr.Button("Follow", variant="primary", elem_id="feed-add")
                        refresh_feeds = gr.Button("Refresh now", elem_id="feed-refresh")
                    feed_status = gr.Textbox(
                        label="Feeds", interactive=False, lines=2, elem_id="feed-status"
                    )
                    feed_table = gr.Dataframe(
                        headers=FEED_HEADERS, datatype=["str", "str", "str", "number", "number",
                                                        "str"],
                        interactive=False, wrap=True, elem_id="feeds", max_height=300,
                        column_widths=["22%", "29%", "17%", "9%", "11%", "12%"],
                    )  # fmt: skip
                    unfollowed = gr.Dropdown(label="Feed to stop following", choices=[],
                                             elem_id="feed-remove-choice")  # fmt: skip
                    unfollow = gr.Button("Stop following", variant="stop", elem_id="feed-remove")
        open_request = gr.Textbox(visible="hidden", elem_id="open-request")
        open_button = gr.Button("open", visible="hidden", elem_id="open-request-button")

        chat_in = [box, chatbot, plain, applied]
        chat_out = [box, chatbot, plain]
        for trigger in (box.submit, send.click):
            trigger(handlers.respond, chat_in, chat_out, api_visibility="private").then(
                None, js=SCROLL_TO_QUESTION, api_visibility="private"
            )
        apply.click(
            handlers.apply_filters, [date_from, date_to, sources], [applied, banner],
            api_visibility="private",
        )  # fmt: skip
        clear.click(
            lambda: (None, None, [], {}, ""), None, [date_from, date_to, sources, applied, banner],
            api_visibility="private",
        )  # fmt: skip
        open_button.click(
            lambda request: (handlers.open_article(request), gr.Tabs(selected="article")),
            open_request,
            [article_view, tabs],
            api_visibility="private",
        ).then(None, js=SCROLL_TO_QUOTE, api_visibility="private")
        refreshed = [upload_status, table, doomed, status, sources]
        upload_job = gr.State("")
        poll = gr.Timer(2.0, active=False)  # while an upload is indexed in the background
        add.click(upload, [files, query], [*refreshed, files, upload_job, poll], api_name="upload")
        poll.tick(
            upload_progress, [upload_job, query], [*refreshed, poll], api_visibility="private"
        )
        delete.click(handlers.delete, [doomed, query], refreshed, api_visibility="private")
        query.submit(handlers.library, query, [table, doomed], api_visibility="private")
        feed_view = [feed_status, feed_table, unfollowed]
        for fetched in (
            follow.click(feeds.add, feed_url, feed_view, api_name="add_feed"),
            refresh_feeds.click(feeds.refresh, None, feed_view, api_name="refresh_feeds"),
        ):  # what the feeds brought in shows in the status line and the Library
            fetched.then(handlers.status, None, status, api_visibility="private").then(
                handlers.library, query, [table, doomed], api_visibility="private"
            )
        unfollow.click(feeds.remove, unfollowed, feed_view, api_visibility="private")
        app.load(feeds.show, None, feed_view, api_visibility="private")
        app.load(handlers.status, None, status, api_visibility="private")
        app.load(handlers.library, query, [table, doomed], api_visibility="private")
        app.load(handlers.source_choices, None, sources, api_visibility="private")
        gr.api(handlers.api_ask, api_name="ask")
        gr.api(handlers.api_stats, api_name="stats")
        gr.api(handlers.api_articles, api_name="articles")
        gr.api(handlers.api_delete, api_name="delete_article")
    return app


MIN_PASSWORD = 10
REQUEST_BODY_LIMIT = 4 * 2**20  # a question with its history, a feed URL, ...


def _blank(char: str) -> bool:
    """White space, or a character that shows nothing (zero-width, format, control)."""
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def credentials(auth: str) -> tuple[str, str]:
    """``user:password`` from ``ASSISTANT_AUTH``, or ``InvalidInput`` when either is weak.

    Neither may hold white space or invisible characters (a password of ten spaces, a
    zero-width user name): what cannot be seen cannot be typed back reliably either.
    """
    user, _, password = auth.partition(":")
    weak = (
        not user
        or len(password) < MIN_PASSWORD
        or any(_blank(c) for c in user)
        or any(_blank(c) for c in password)
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
        "max_file_size": 4 * MAX_UPLOAD_BYTES,
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
                Middleware(LoginThrottle),
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
    web = WebSources(assistant)
    app = build_app(assistant, web)
    app.queue(default_concurrency_limit=8, max_size=256)
    schedule = FeedSchedule(web, settings.feed_minutes).start()
    middleware = options["app_kwargs"]["middleware"]
    if options["auth"]:
        middleware.append(signed_in_only(app))
    middleware.append(json_api(assistant, options["auth"]))
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
