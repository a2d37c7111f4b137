"""News question answering with cited passages, offline.

from assistant import ask
answer = ask("Who claimed the Lere attack?")
print(answer.text, answer.citations[0].quote)

Everything here is the public API: the facade, its settings and errors, and every type
its methods return (all from ``records``). The stages live in sub-packages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant import _offline  # noqa: F401  (must run before any model library loads)
from assistant.config import AnswererKind, RetrievalMode, Settings, TimeMode
from assistant.errors import (
    AssistantError,
    BackendUnavailable,
    FetchFailed,
    IndexBusy,
    IndexProblem,
    InvalidInput,
)
from assistant.facade import Assistant, ask, default_assistant, timeline
from assistant.facade.parts import Parts, register_answerer
from assistant.facade.plugins import load_plugins, register_after_ingest, register_before_write
from assistant.index.embeddings import register_embedder
from assistant.ingest.formats import register_format
from assistant.records import (
    Answer,
    Article,
    ArticleEntry,
    Citation,
    Filters,
    IngestReport,
    Partial,
    Passage,
    Problem,
    Reprint,
    Retrieved,
)
from assistant.timeline_records import PeriodCount, Timeline, TimelineEvent
from assistant.watching.api import (
    watch_add,
    watch_alerts,
    watch_list,
    watch_read,
    watch_remove,
    watch_test,
)
from assistant.watching.refresh import note_written, on_ingest
from assistant.watching.watches import Alert, Watch, WatchKind

register_after_ingest(on_ingest)  # watched questions hear of every ingest, whichever door
register_before_write(note_written)  # and note each batch before it is written

if TYPE_CHECKING:
    from assistant.app.chains import AssistantRunnable, NewsRetriever
    from assistant.services.sources import WebSources


def __getattr__(name: str) -> Any:
    """``WebSources`` is imported on first use (it brings the HTTP and feed libraries)."""
    if name == "WebSources":
        from assistant.services.sources import WebSources

        return WebSources
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")


def as_retriever(assistant: Assistant | None = None, **parameters: Any) -> NewsRetriever:
    """A LangChain retriever over an index (the environment's, or ``assistant``'s).

    ``parameters``: ``k`` (5), ``date_from``, ``date_to``, ``sources``, ``mode``.
    """
    from assistant.app.chains import as_retriever as build

    return build(assistant or default_assistant(), **parameters)


def as_runnable(assistant: Assistant | None = None) -> AssistantRunnable:
    """The whole assistant as a LangChain ``Runnable``: invoke, batch, stream, as_tool."""
    from assistant.app.chains import as_runnable as build

    return build(assistant or default_assistant())


__all__ = [
    "Alert",
    "Answer",
    "AnswererKind",
    "Article",
    "ArticleEntry",
    "Assistant",
    "AssistantError",
    "BackendUnavailable",
    "Citation",
    "FetchFailed",
    "Filters",
    "IndexBusy",
    "IndexProblem",
    "IngestReport",
    "InvalidInput",
    "Partial",
    "Parts",
    "Passage",
    "PeriodCount",
    "Problem",
    "Reprint",
    "RetrievalMode",
    "Retrieved",
    "Settings",
    "TimeMode",
    "Timeline",
    "TimelineEvent",
    "Watch",
    "WatchKind",
    "WebSources",
    "as_retriever",
    "as_runnable",
    "ask",
    "load_plugins",
    "register_answerer",
    "register_embedder",
    "register_format",
    "timeline",
    "watch_add",
    "watch_alerts",
    "watch_list",
    "watch_read",
    "watch_remove",
    "watch_test",
]
