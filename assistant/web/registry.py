"""The feeds a user follows and what the last check of each found, in one small JSON file.

The file sits in the web folder (``.feeds.json``, hidden so the indexer never reads it as
an article) and is written atomically under a lock, so the CLI and a running app can
refresh the same feeds without losing each other's updates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from filelock import FileLock

from assistant.errors import InvalidInput
from assistant.web.fetch import check_url
from assistant.web.pages import write_json

REGISTRY_NAME = ".feeds.json"
SEEN_KEPT = 5000  # entry ids remembered per feed; far more than any feed lists at once


@dataclass(frozen=True)
class FeedState:
    """One followed feed: its validators, the entries already taken, the last check."""

    url: str
    title: str = ""
    added: str = ""
    last_checked: str = ""  # ISO time of the last refresh, successful or not
    last_new: int = 0  # articles the last refresh added
    total: int = 0  # articles taken from this feed so far
    error: str = ""  # why the last refresh failed, or what it skipped; "" when all went well
    etag: str = ""
    last_modified: str = ""
    seen: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedState:
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
        values["seen"] = tuple(str(s) for s in values.get("seen") or ())
        return cls(**values)

    def remember(self, entry_ids: list[str]) -> tuple[str, ...]:
        """``seen`` with ``entry_ids`` added, the oldest forgotten beyond ``SEEN_KEPT``."""
        known = set(self.seen)
        merged = self.seen + tuple(i for i in entry_ids if i not in known)
        return merged[-SEEN_KEPT:]


class FeedRegistry:
    """Load, change and save the followed feeds; every change is one locked read-modify-write."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / REGISTRY_NAME
        self._lock = FileLock(str(self.path) + ".lock")

    def feeds(self) -> list[FeedState]:
        if not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [FeedState.from_dict(item) for item in data.get("feeds", [])]
        except (OSError, ValueError, TypeError, AttributeError) as error:
            raise InvalidInput(
                f"{self.path} cannot be read ({error}); fix or delete it to start the list anew"
            ) from None

    def get(self, url: str) -> FeedState | None:
        return next((f for f in self.feeds() if f.url == url), None)

    def add(self, url: str, added: str, title: str = "") -> FeedState:
        state = FeedState(url=check_url(url), added=added, title=title)

        def change(feeds: list[FeedState]) -> list[FeedState]:
            if any(f.url == state.url for f in feeds):
                raise InvalidInput(
                    f"{state.url} is already followed; `assistant feeds list` shows it"
                )
            return [*feeds, state]

        self._change(change)
        return state

    def remove(self, url: str) -> None:
        def change(feeds: list[FeedState]) -> list[FeedState]:
            kept = [f for f in feeds if f.url != url.strip()]
            if len(kept) == len(feeds):
                raise InvalidInput(
                    f"{url} is not followed; `assistant feeds list` shows those that are"
                )
            return kept

        self._change(change)

    def update(self, state: FeedState) -> None:
        """Save a refresh's outcome, unless the feed was removed meanwhile."""
        self._change(lambda feeds: [state if f.url == state.url else f for f in feeds])

    def _change(self, change: Callable[[list[FeedState]], list[FeedState]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            feeds = change(self.feeds())
            write_json(self.path, {"feeds": [asdict(f) for f in feeds]})
