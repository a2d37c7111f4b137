"""Plugins: formats, answerers and embedders added from outside the package.

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
