"""News question answering with cited passages, offline.

from assistant import ask
answer = ask("Who claimed the Lere attack?")
print(answer.text, answer.citations[0].quote)
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
from assistant.records import Answer, Article, Citation

__all__ = [
    "Answer",
    "AnswererKind",
    "Article",
    "Assistant",
    "AssistantError",
    "BackendUnavailable",
    "Citation",
    "IndexBusy",
    "IndexProblem",
    "InvalidInput",
    "RetrievalMode",
    "Settings",
    "ask",
]
