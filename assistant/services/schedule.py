"""Refresh the followed feeds every few minutes while the app runs.

A daemon thread that waits on an ``Event``, so stopping it is immediate and a refresh
never overlaps the next (``WebSources.refresh`` holds a lock). A failed refresh is
logged and recorded on its feed; the schedule carries on.
"""

from __future__ import annotations

import logging
import threading

from assistant.errors import AssistantError
from assistant.services.sources import WebSources

log = logging.getLogger(__name__)


class FeedSchedule:
    """Calls ``sources.refresh()`` every ``minutes`` until ``stop()``."""

    def __init__(self, sources: WebSources, minutes: float) -> None:
        self.sources = sources
        self.seconds = minutes * 60
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="feed-refresh", daemon=True)

    def start(self) -> FeedSchedule:
        if self.seconds > 0:
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.seconds):
            if not self.sources.feeds():
                continue
            try:
                done = self.sources.refresh(wait=60.0)
            except AssistantError as error:
                log.warning("feed refresh failed: %s", error)
            except Exception:  # the schedule outlives any one failure
                log.exception("feed refresh failed")
            else:
                log.info("feeds refreshed: %d new articles", sum(c.new for c in done.checks))
