"""Plugins: formats, answerers and embedders added from outside the package; ingest hooks.

A plugin is a distribution with an entry point in the group ``news_archive_qa``; its
value names a function taking no arguments that calls the registration functions
(``register_format``, ``register_answerer``, ``register_embedder``), as simonw/llm's
plugins declare their hooks. Every installed plugin runs once per process, before the
first ``Assistant`` is built; one that fails is logged and skipped, so a broken plugin
never stops the assistant.

    [project.entry-points.news_archive_qa]
    csv = "news_csv:register"
"""

from __future__ import annotations

import importlib.metadata
import logging
import threading
from collections.abc import Callable
from typing import Any

from assistant.records import IngestReport

log = logging.getLogger(__name__)
GROUP = "news_archive_qa"
_LOADED: list[str] = []
_DONE = threading.Event()
_LOCK = threading.Lock()


def load_plugins(force: bool = False) -> list[str]:
    """Run every installed plugin's registration once; the names of those that ran."""
    with _LOCK:
        if _DONE.is_set() and not force:
            return list(_LOADED)
        _LOADED.clear()
        for entry in importlib.metadata.entry_points(group=GROUP):
            try:
                entry.load()()
            except Exception as error:  # a broken plugin is skipped, never fatal
                log.warning("plugin %s (%s) failed to load: %s", entry.name, entry.value, error)
                continue
            _LOADED.append(entry.name)
        _DONE.set()
        return list(_LOADED)


AfterIngest = Callable[[Any, IngestReport], object]
BeforeWrite = Callable[[Any, list[str]], object]
_AFTER_INGEST: list[AfterIngest] = []
_BEFORE_WRITE: list[BeforeWrite] = []


def register_before_write(hook: BeforeWrite) -> None:
    """Run ``hook(assistant, article_ids)`` before each batch of an ingest is written (not
    on a rebuild): how watched questions note what to check, so the articles an ingest
    killed midway did write are still checked."""
    if hook not in _BEFORE_WRITE:
        _BEFORE_WRITE.append(hook)


def before_write(assistant: Any, article_ids: list[str]) -> None:
    """Run the before-write hooks; unlike the after-ingest ones, a failure stops the ingest
    (a batch written without its note would never be checked)."""
    for hook in list(_BEFORE_WRITE):
        hook(assistant, article_ids)


def register_after_ingest(hook: AfterIngest) -> None:
    """Run ``hook(assistant, report)`` after every ingest through the facade (uploads, feed
    refreshes and the command line included): how watched questions hear of new articles."""
    if hook not in _AFTER_INGEST:
        _AFTER_INGEST.append(hook)


def after_ingest(assistant: Any, report: IngestReport) -> None:
    """Run the after-ingest hooks; one that fails is logged, and the ingest stands."""
    for hook in list(_AFTER_INGEST):
        try:
            hook(assistant, report)
        except Exception as error:  # the articles are indexed whatever a hook does
            log.warning("after-ingest hook %s failed: %s", getattr(hook, "__name__", hook), error)
