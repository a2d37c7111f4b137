"""The web app's Feeds panel: follow a feed, see each one's last check, refresh now.

Every cell is plain text (a feed's title and errors are written by whoever runs the feed),
and every failure comes back as a one-line message in the panel, never a traceback (the
page's error boundary, ``boundary.page_door``).
"""

from __future__ import annotations

from typing import Any

from assistant.app.boundary import Call, for_web, page_door
from assistant.errors import AssistantError
from assistant.services.sources import WebSources
from assistant.text.invisible import visible

FEED_HEADERS = ["Feed", "URL", "Checked", "New", "Total", "Problem"]


def _panel_error(message: str, call: Call) -> tuple[Any, ...]:
    """A button's failure: the message over the panel, the table as it is."""
    panel: FeedsPanel = call["self"]
    return panel._refreshed(f"⚠ {message}")


class FeedsPanel:
    """Handlers for the panel's buttons; each returns (message, table, choices to remove)."""

    def __init__(self, sources: WebSources) -> None:
        self.sources = sources

    def rows(self) -> list[list[Any]]:
        return [
            [visible(f.title) or "-", f.url, _when(f.last_checked), f.last_new, f.total,
             visible(f.error)]
            for f in self.sources.feeds()
        ]  # fmt: skip

    def show(self) -> tuple[Any, ...]:
        return self._refreshed("")

    @page_door("adding the feed", _panel_error)
    def add(self, url: str) -> tuple[Any, ...]:
        """Follow ``url`` and take its entries now."""
        url = (url or "").strip()
        if not url:
            return self._refreshed("⚠ Give the address of an RSS or Atom feed.")
        state = self.sources.add_feed(url)
        done = self.sources.refresh([state.url])
        new = sum(c.new for c in done.checks)
        errors = "; ".join(c.error for c in done.checks if c.error)
        message = f"Following {state.title or state.url}: {new} new articles indexed."
        return self._refreshed(message + (f" ⚠ {errors}" if errors else ""))

    @page_door("removing the feed", _panel_error)
    def remove(self, url: str | None) -> tuple[Any, ...]:
        self.sources.remove_feed(url or "")
        return self._refreshed(f"No longer following {url}; its articles stay in the index.")

    @page_door("refreshing the feeds", _panel_error)
    def refresh(self) -> tuple[Any, ...]:
        """The Refresh now button: every followed feed."""
        done = self.sources.refresh()
        new = sum(c.new for c in done.checks)
        failed = sum(1 for c in done.checks if c.error)
        message = f"Checked {len(done.checks)} feeds: {new} new articles indexed."
        return self._refreshed(
            message + (f" {failed} had problems (see the table)." if failed else "")
        )

    def _refreshed(self, message: str) -> tuple[Any, ...]:
        import gradio as gr

        try:
            rows = self.rows()
        except AssistantError as error:
            rows, message = [], f"{message} ⚠ {for_web(error)}".strip()
        choices = [row[1] for row in rows]
        return visible(message), rows, gr.Dropdown(choices=choices, value=None)


def _when(iso: str) -> str:
    """``2026-11-26T23:03:58+00:00`` as ``2026-11-26 23:03 UTC``."""
    return f"{iso[:10]} {iso[11:16]} UTC" if len(iso) >= 16 else "never"
