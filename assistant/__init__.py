"""News question answering with cited passages, offline.

from assistant import ask
answer = ask("Who claimed the Lere attack?")
print(answer.text, answer.citations[0].quote)

Everything here is the public API: the facade, its settings and errors, and every type
its methods return (all from ``records``). The stages live in sub-packages.
"""

from assistant import _offline  # noqa: F401  (must run before any model library loads)
from assistant.config import AnswererKind, RetrievalMode, Settings
from assistant.errors import (
    AssistantError,
    BackendUnavailable,
    IndexBusy,
    IndexProblem,
    InvalidInput,
)
from assistant.facade import Assistant, ask
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
    Retrieved,
)

__all__ = [
    "Answer",
    "AnswererKind",
    "Article",
    "ArticleEntry",
    "Assistant",
    "AssistantError",
    "BackendUnavailable",
    "Citation",
    "Filters",
    "IndexBusy",
    "IndexProblem",
    "IngestReport",
    "InvalidInput",
    "Partial",
    "Passage",
    "Problem",
    "RetrievalMode",
    "Retrieved",
    "Settings",
    "ask",
]
