"""``ask`` and ``timeline`` as plain functions, over one shared ``Assistant`` per environment."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from assistant.answering.timeline import (
    Timeline,
)
from assistant.config import Settings
from assistant.facade.assistant import Assistant
from assistant.records import (
    Answer,
)

_DEFAULT: dict[tuple[Any, ...], Assistant] = {}
_DEFAULT_LOCK = threading.Lock()


def default_assistant() -> Assistant:
    """One shared ``Assistant`` per environment configuration."""
    settings = Settings.from_env()
    key = tuple(sorted((k, str(v)) for k, v in settings.__dict__.items()))
    with _DEFAULT_LOCK:
        if key not in _DEFAULT:
            _DEFAULT[key] = Assistant(settings)
        return _DEFAULT[key]


def ask(question: str, history: Sequence[Any] | None = None, **filters: Any) -> Answer:
    """Answer ``question`` from the index the environment names (``ASSISTANT_INDEX_DIR``)."""
    return default_assistant().ask(question, history, **filters)


def timeline(query: str, **filters: Any) -> Timeline:
    """The timeline of ``query`` in the index the environment names (``Assistant.timeline``)."""
    return default_assistant().timeline(query, **filters)
