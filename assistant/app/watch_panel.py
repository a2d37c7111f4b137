"""The web app's watched questions: "Watch this" under a reply, and the Alerts inbox.

The inbox's outputs, refreshed on page load, after each question and ingest and once a
minute, are always the same five (``INBOX``): the header's badge (a button that opens the
inbox), the Alerts tab (its label counts the unread alerts), the alerts newest first, the
table of watches and the choice of one to stop watching. Article text reaches HTML only
through ``render``; table cells are plain text. Every handler is behind the page's error
boundary (``boundary.page_door``), and the Gradio API's (``api_*``) check what they are
given, so a crafted payload gets ``{"error": message}``, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from assistant.app.boundary import Call, page_door
from assistant.app.render import alerts_html, inert
from assistant.errors import InvalidInput, NotFound
from assistant.facade import Assistant
from assistant.text.invisible import visible
from assistant.watching.api import watch_add, watch_alerts, watch_list, watch_read, watch_remove
from assistant.watching.watch_store import MAX_QUESTION_CHARS
from assistant.watching.watches import Watch, WatchKind

WATCH_HEADERS = ["Question", "Kind", "Answer now", "Checked up to", "Id"]
MAX_ID_CHARS = 64
MAX_ALERT_IDS = 1000
SHOWN_ALERTS = 50


def badge_label(unread: int) -> str:
    """ "Alerts (3)": the badge's and the tab's label."""
    return f"Alerts ({unread})"


def note_html(message: str, error: bool = False) -> str:
    """A line under the chat or in the inbox: our words around the user's, all inert."""
    if error:
        return f'<p class="watch-note failed">⚠ {inert(message)}</p>'
    return f'<p class="watch-note">{inert(message)}</p>'


# -- checking what an API caller sent ------------------------------------------------------


def given_text(value: Any, name: str, most: int) -> str:
    """What a caller sent as ``name``: text (None is empty) of at most ``most`` characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be text, not {type(value).__name__}.")
    if len(value) > most:
        raise InvalidInput(f"{name} is at most {most} characters.")
    return value


def _question(value: Any) -> str:
    """A question or query: text, not far over the store's limit (which words the refusal)."""
    shown = f"A watched question is at most {MAX_QUESTION_CHARS} characters."
    if isinstance(value, str) and len(value) > 4 * MAX_QUESTION_CHARS:
        raise InvalidInput(shown)
    return given_text(value, "The question", 4 * MAX_QUESTION_CHARS)


def _flag(value: Any, name: str) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", ""):
        return value.strip().lower() in ("true", "1")
    raise InvalidInput(f"{name} must be true or false, not {str(value)[:40]!r}.")


def _alert_ids(value: Any) -> list[str] | None:
    """None (every alert), one id, or a list of them: each the number ``watch_alerts`` gave."""
    if value is None:
        return None
    items = [value] if isinstance(value, str | int) and not isinstance(value, bool) else value
    wrong = InvalidInput(
        "alert_ids must be a list of alert ids (as watch_alerts gives them), or null for all."
    )
    if not isinstance(items, list | tuple) or len(items) > MAX_ALERT_IDS:
        raise wrong
    ids = [str(i) for i in items if isinstance(i, str | int) and not isinstance(i, bool)]
    if len(ids) != len(items) or not all(i.isdecimal() and len(i) <= 18 for i in ids):
        raise wrong
    return ids


def _watch_id(value: Any) -> str:
    watch_id = given_text(value, "watch_id", MAX_ID_CHARS).strip()
    if not watch_id:
        raise InvalidInput("Name the watch to remove (its id, as watch_list gives it).")
    return watch_id


# -- the panel -------------------------------------------------------------------------


def _inbox_error(message: str, call: Call) -> tuple[Any, ...]:
    """The inbox could not be read: the message in its place, the badge unknown."""
    panel: WatchPanel = call["self"]
    return panel.inbox_outputs(None, note_html(message, error=True), [], [])


def _note_error(message: str, call: Call) -> tuple[Any, ...]:
    """A watch button's failure: the message where it was clicked, the inbox as it is."""
    panel: WatchPanel = call["self"]
    return (note_html(message, error=True), *panel.inbox())


def _api_error(message: str, _: Call) -> dict[str, Any]:
    return {"error": message}


class WatchPanel:
    """Handlers for the watch buttons and the inbox, over one ``Assistant``'s index."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    # -- the inbox -----------------------------------------------------------------------

    def inbox_outputs(
        self, unread: int | None, alerts: str, watches: list[list[Any]], choices: list[Any]
    ) -> tuple[Any, ...]:
        """The five outputs of the inbox (``unread`` None: the count is unknown)."""
        import gradio as gr

        label = badge_label(unread) if unread is not None else "Alerts (?)"
        return (
            gr.Button(value=label, variant="primary" if unread else "secondary"),
            gr.Tab(label=label),
            alerts,
            watches,
            gr.Dropdown(choices=choices, value=None),
        )

    @page_door("reading the alerts", _inbox_error)
    def inbox(self) -> tuple[Any, ...]:
        """The badge, the alerts newest first, the watches (page load, timer, after work)."""
        alerts = watch_alerts(assistant=self.assistant)
        unread = sum(1 for a in alerts if not a.read)
        watches = watch_list(assistant=self.assistant)
        rows = [_row(w) for w in watches]
        choices = [(f"{visible(w.question)[:80]} ({w.kind.value}) · {w.id}", w.id) for w in watches]
        return self.inbox_outputs(unread, alerts_html(alerts, SHOWN_ALERTS), rows, choices)

    def alerts_now(self) -> tuple[Any, ...]:
        """The timer's refresh: the badge, the tab and the alerts (a watch chosen in the
        inbox's list to stop stays chosen)."""
        return self.inbox()[:3]

    @page_door("saving the watch", _note_error)
    def watch_answer(self, request: str) -> tuple[Any, ...]:
        """A reply's "Watch this": watch its question for a change of answer."""
        question = unquote(given_text(request, "The question", 12 * MAX_QUESTION_CHARS))
        return (self._watch(question, WatchKind.ANSWER), *self.inbox())

    @page_door("saving the watch", _note_error)
    def watch_stories(self, query: str) -> tuple[Any, ...]:
        """The inbox's "Watch for new stories": alert once per new story on ``query``."""
        return (self._watch(_question(query), WatchKind.STORIES), *self.inbox())

    def _watch(self, question: str, kind: WatchKind) -> str:
        said = " ".join(question.split())
        for watch in watch_list(assistant=self.assistant):
            if watch.kind is kind and watch.question == said:
                return note_html(f"Already watching: {_ended(said)}")
        watch = watch_add(question, kind, assistant=self.assistant)
        if kind is WatchKind.STORIES:
            return note_html(
                f"Watching for new stories: {_ended(watch.question)} You will see an alert "
                "here for each new story."
            )
        now = f" It says now: {watch.answer}." if watch.answer else ""
        return note_html(
            f"Watching: {_ended(watch.question)} You will see an alert here when the answer "
            f"changes.{now}"
        )

    @page_door("removing the watch", _note_error)
    def remove(self, watch_id: str | None) -> tuple[Any, ...]:
        """Stop watching: the watch and its alerts go."""
        if not watch_id:
            return (note_html("Choose a watch to stop watching.", error=True), *self.inbox())
        question = self._remove(watch_id)
        return (note_html(f"No longer watching: {question}."), *self.inbox())

    def _remove(self, watch_id: Any) -> str:
        watch_id = _watch_id(watch_id)
        watches = {w.id: w for w in watch_list(assistant=self.assistant)}
        if watch_id not in watches:
            raise NotFound(f"No watch {watch_id!r}: the Alerts tab (or watch_list) lists them.")
        watch_remove(watch_id, assistant=self.assistant)
        return watches[watch_id].question

    @page_door("marking the alerts read", _inbox_error)
    def read_all(self) -> tuple[Any, ...]:
        watch_read(None, assistant=self.assistant)
        return self.inbox()

    @page_door("marking the alert read", _inbox_error)
    def read_one(self, request: str) -> tuple[Any, ...]:
        """An alert's "Mark read" link (what follows ``render.READ_PREFIX``)."""
        watch_read(
            _alert_ids(given_text(request, "alert id", 40).strip()), assistant=self.assistant
        )
        return self.inbox()

    # -- the programmatic API (gr.api) --------------------------------------------------

    @page_door("saving the watch", _api_error)
    def api_watch_add(self, question: str, kind: str = "answer") -> dict[str, Any]:
        """Watch ``question`` (kind "answer") or a query for new stories ("stories")."""
        kind = given_text(kind, "kind", 40) or WatchKind.ANSWER.value
        return watch_add(_question(question), kind, assistant=self.assistant).to_dict()

    @page_door("listing the watches", _api_error)
    def api_watch_list(self) -> dict[str, Any]:
        return {"watches": [w.to_dict() for w in watch_list(assistant=self.assistant)]}

    @page_door("removing the watch", _api_error)
    def api_watch_remove(self, watch_id: str) -> dict[str, Any]:
        question = self._remove(watch_id)
        return {"removed": str(watch_id).strip(), "question": question}

    @page_door("reading the alerts", _api_error)
    def api_watch_alerts(
        self, since: str = "", watch_id: str = "", unread: bool = False
    ) -> dict[str, Any]:
        """The alerts newest first (raised on or after ``since``, a day); ``unread`` only."""
        alerts = watch_alerts(
            given_text(since, "since", 40) or None,
            given_text(watch_id, "watch_id", MAX_ID_CHARS).strip() or None,
            _flag(unread, "unread"),
            assistant=self.assistant,
        )
        return {"alerts": [a.to_dict() for a in alerts]}

    @page_door("marking the alerts read", _api_error)
    def api_watch_read(self, alert_ids: list[str] | None = None) -> dict[str, Any]:
        """Mark alerts read (all when ``alert_ids`` is null); how many were unread."""
        marked = watch_read(_alert_ids(alert_ids), assistant=self.assistant)
        unread = len(watch_alerts(unread=True, assistant=self.assistant))
        return {"marked": marked, "unread": unread}

    def api_routes(self) -> list[tuple[Callable[..., Any], str]]:
        """The Gradio API routes: (handler, api_name)."""
        return [
            (self.api_watch_add, "watch_add"),
            (self.api_watch_list, "watch_list"),
            (self.api_watch_remove, "watch_remove"),
            (self.api_watch_alerts, "watch_alerts"),
            (self.api_watch_read, "watch_read"),
        ]


def _row(watch: Watch) -> list[Any]:
    answer = watch.answer or ("-" if watch.kind is WatchKind.STORIES else "not answered yet")
    where = f" ({watch.cited.where})" if watch.cited and watch.answer else ""
    return [
        visible(watch.question), watch.kind.value, visible(answer + where),
        watch.checked or "-", watch.id,
    ]  # fmt: skip


def inbox_tab(
    panel: WatchPanel, badge: Any, tabs: Any, more: Callable[[], object] = lambda: None
) -> list[Any]:
    """The Alerts tab, built inside ``tabs`` and wired (``badge``, the header's button,
    opens it); ``more`` builds what follows the watches (the "What's new" box). Returns the
    inbox's outputs, for the refreshes (``WatchPanel.inbox``)."""
    import gradio as gr

    with gr.Tab("Alerts", id="alerts", elem_id="tab-alerts") as tab:
        read_all = gr.Button("Mark all read", elem_id="alerts-read-all", size="sm")
        alerts = gr.HTML(alerts_html([]), elem_id="alerts-list")
        gr.Markdown("**Watches**")
        query = gr.Textbox(
            label="Watch a query for new stories", placeholder="e.g. OPEC output ceiling",
            elem_id="watch-query", max_length=4 * MAX_QUESTION_CHARS,
        )  # fmt: skip
        stories = gr.Button("Watch for new stories", elem_id="watch-stories", size="sm")
        said = gr.HTML("", elem_id="watch-status")
        table = gr.Dataframe(
            headers=WATCH_HEADERS, datatype=["str"] * 5, interactive=False, wrap=True,
            elem_id="watches", max_height=300, column_widths=["30%", "13%", "27%", "14%", "16%"],
        )  # fmt: skip
        choice = gr.Dropdown(label="Watch to stop", choices=[], elem_id="watch-remove-choice")
        remove = gr.Button("Stop watching", variant="stop", elem_id="watch-remove")
        more()
    inbox = [badge, tab, alerts, table, choice]
    private: dict[str, Any] = {"api_visibility": "private"}
    for trigger in (stories.click, query.submit):
        trigger(panel.watch_stories, query, [said, *inbox], **private)
    remove.click(panel.remove, choice, [said, *inbox], **private)
    read_all.click(panel.read_all, None, inbox, **private)
    badge.click(lambda: gr.Tabs(selected="alerts"), None, tabs, **private)
    return inbox


def page_requests(panel: WatchPanel, note: Any, inbox: list[Any]) -> None:
    """The hidden controls the page's script clicks for a reply's "Watch this" and an
    alert's "Mark read" (built outside the tabs, so they are always on the page), and the
    timer that refreshes the inbox every minute."""
    import gradio as gr

    private: dict[str, Any] = {"api_visibility": "private"}
    request = gr.Textbox(visible="hidden", elem_id="watch-request")
    watch = gr.Button("watch", visible="hidden", elem_id="watch-request-button")
    watch.click(panel.watch_answer, request, [note, *inbox], **private)
    read_request = gr.Textbox(visible="hidden", elem_id="alert-read-request")
    read_one = gr.Button("read", visible="hidden", elem_id="alert-read-button")
    read_one.click(panel.read_one, read_request, inbox, **private)
    gr.Timer(60.0).tick(panel.alerts_now, None, inbox[:3], **private)


def _ended(text: str) -> str:
    """``text`` as a sentence: a full stop added unless it ends in one (or ? or !)."""
    return text if text.endswith((".", "?", "!")) else text + "."
