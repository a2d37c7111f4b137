"""The Gradio web app: chat with cited answers, sources, uploads, filters, article view.

``build_app`` lays out the page and wires it to ``handlers.AppHandlers`` (``serving``
launches it, with its exposure rules). All article text is rendered through ``render``.

Named API endpoints (for ``gradio_client``): ``/ask``, ``/stats``, ``/articles``,
``/delete_article``, ``/upload``, ``/timeline``, ``/add_feed``, ``/refresh_feeds``, and
the watched questions' ``/watch_add``, ``/watch_list``, ``/watch_remove``, ``/watch_alerts``
and ``/watch_read`` (``watch_panel``), and ``/digest``, what's new on a query since a day
(``digest_panel``).
"""

from __future__ import annotations

from typing import Any

from assistant import _offline  # noqa: F401
from assistant.app.digest_panel import DigestPanel, digest_box
from assistant.app.feeds_panel import FEED_HEADERS, FeedsPanel
from assistant.app.handlers import MAX_UPLOAD_FILES, AppHandlers, limits_line
from assistant.app.library import queued_ingest
from assistant.app.page_assets import SCROLL_TO_QUESTION, SCROLL_TO_QUOTE
from assistant.app.uploads import GradioUploads
from assistant.app.watch_panel import WatchPanel, inbox_tab, page_requests
from assistant.facade import Assistant
from assistant.ingest.formats import supported_suffixes
from assistant.services.sources import WebSources

EXAMPLES = [
    "Who claimed responsibility for the attack?",
    "How many soldiers were killed?",
    "What did the army say it lost?",
]
LIBRARY_HEADERS = ["Title", "Date", "Source", "Chunks", "Id"]


def build_app(assistant: Assistant | None = None, web: WebSources | None = None) -> Any:
    """The Gradio Blocks for ``assistant`` (one is made from the environment if not given)."""
    import gradio as gr

    assistant = assistant or Assistant()
    feeds = FeedsPanel(web or WebSources(assistant, index=queued_ingest(assistant)))
    watching = WatchPanel(assistant)
    digests = DigestPanel(assistant)
    with gr.Blocks(title="News QA assistant", analytics_enabled=False) as app:
        handlers = AppHandlers(assistant, GradioUploads(app))

        def upload(files: list[Any] | None, query: str) -> Any:
            *shown, job_id, polling = handlers.upload(files, query)
            return (*shown, job_id, gr.Timer(active=polling))

        def upload_progress(job_id: str, query: str) -> Any:
            *shown, polling = handlers.upload_progress(job_id, query)
            return (*shown, gr.Timer(active=polling))

        gr.Markdown("## News question-answering assistant")
        with gr.Row(equal_height=True):
            status = gr.Markdown(handlers.status(), elem_id="index-status")
            badge = gr.Button("Alerts", elem_id="alerts-badge", size="sm", scale=0, min_width=130)
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
                note = gr.HTML("", elem_id="watch-note")  # "Watch this" says what it did
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
                    as_of = gr.DateTime(
                        label="As of (answer from what was published up to this day)",
                        include_time=False, type="string", elem_id="as-of",
                    )  # fmt: skip
                    read_time = gr.Checkbox(
                        value=True, elem_id="read-time",
                        label="Read dates in questions (in May 2024, since 2015, latest)",
                    )  # fmt: skip
                    with gr.Row():
                        apply = gr.Button("Apply", variant="primary", elem_id="apply-filters")
                        clear = gr.Button("Clear", elem_id="clear-filters")
                with gr.Tab("Timeline", id="timeline", elem_id="tab-timeline"):
                    timeline_query = gr.Textbox(
                        label="How did it unfold?", placeholder="e.g. Lere attack, OPEC quota",
                        elem_id="timeline-query", max_length=2000,
                    )  # fmt: skip
                    with gr.Row():
                        timeline_from = gr.DateTime(
                            label="From", include_time=False, type="string", elem_id="timeline-from"
                        )
                        timeline_to = gr.DateTime(
                            label="To", include_time=False, type="string", elem_id="timeline-to"
                        )
                    show = gr.Button("Show", variant="primary", elem_id="timeline-show")
                    timeline_view = gr.HTML("", elem_id="timeline-view")
                    timeline_articles = gr.HTML("", elem_id="timeline-articles")
                    shown_timeline = gr.State(None)
                with gr.Tab("Library", id="library", elem_id="tab-library"):
                    files = gr.File(
                        label=f"Add articles ({', '.join(supported_suffixes())}; up to "
                        f"{MAX_UPLOAD_FILES} files of {limits_line()})",
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
                inbox = inbox_tab(watching, badge, tabs, lambda: digest_box(digests))
        open_request = gr.Textbox(visible="hidden", elem_id="open-request")
        open_button = gr.Button("open", visible="hidden", elem_id="open-request-button")
        every_date = gr.Button("every date", visible="hidden", elem_id="every-date-button")
        period_request = gr.Textbox(visible="hidden", elem_id="timeline-request")
        period_button = gr.Button("period", visible="hidden", elem_id="timeline-request-button")
        page_requests(watching, note, inbox)

        chat_in = [box, chatbot, plain, applied]
        chat_out = [box, chatbot, plain]
        for trigger in (box.submit, send.click):
            trigger(handlers.respond, chat_in, chat_out, api_visibility="private").then(
                None, js=SCROLL_TO_QUESTION, api_visibility="private"
            ).then(watching.inbox, None, inbox, api_visibility="private")
        apply.click(
            handlers.apply_filters, [date_from, date_to, sources, as_of, read_time],
            [applied, banner], api_visibility="private",
        )  # fmt: skip
        clear.click(
            lambda: (None, None, [], None, True, {}, ""), None,
            [date_from, date_to, sources, as_of, read_time, applied, banner],
            api_visibility="private",
        )  # fmt: skip
        every_date.click(
            handlers.every_date, [chatbot, plain, applied], chat_out, api_visibility="private"
        )
        for trigger in (show.click, timeline_query.submit):
            trigger(
                handlers.show_timeline, [timeline_query, timeline_from, timeline_to],
                [shown_timeline, timeline_view, timeline_articles], api_visibility="private",
            )  # fmt: skip
        period_button.click(
            handlers.timeline_period, [period_request, shown_timeline], timeline_articles,
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
        add.click(
            upload, [files, query], [*refreshed, files, upload_job, poll], api_name="upload"
        ).then(watching.inbox, None, inbox, api_visibility="private")
        poll.tick(
            upload_progress, [upload_job, query], [*refreshed, poll], api_visibility="private"
        ).then(watching.inbox, None, inbox, api_visibility="private")
        delete.click(handlers.delete, [doomed, query], refreshed, api_visibility="private")
        query.submit(handlers.library, query, [table, doomed], api_visibility="private")
        feed_view = [feed_status, feed_table, unfollowed]
        for fetched in (
            follow.click(feeds.add, feed_url, feed_view, api_name="add_feed"),
            refresh_feeds.click(feeds.refresh, None, feed_view, api_name="refresh_feeds"),
        ):  # what the feeds brought in shows in the status line and the Library
            fetched.then(handlers.status, None, status, api_visibility="private").then(
                handlers.library, query, [table, doomed], api_visibility="private"
            ).then(watching.inbox, None, inbox, api_visibility="private")
        unfollow.click(feeds.remove, unfollowed, feed_view, api_visibility="private")
        app.load(feeds.show, None, feed_view, api_visibility="private")
        app.load(handlers.status, None, status, api_visibility="private")
        app.load(handlers.library, query, [table, doomed], api_visibility="private")
        app.load(handlers.source_choices, None, sources, api_visibility="private")
        app.load(watching.inbox, None, inbox, api_visibility="private")
        gr.api(handlers.api_ask, api_name="ask")
        gr.api(handlers.api_stats, api_name="stats")
        gr.api(handlers.api_timeline, api_name="timeline")
        gr.api(handlers.api_articles, api_name="articles")
        gr.api(handlers.api_delete, api_name="delete_article")
        for route, name in [*watching.api_routes(), *digests.api_routes()]:
            gr.api(route, api_name=name)
    return app
