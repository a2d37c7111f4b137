"""The seams between stages: what an embedder, a retriever and an answerer must offer.

Each stage depends on these, not on the classes behind them, so a test can hand the
assistant a deterministic embedder (``tests/fakes.py``) and a new answerer is one class
plus one entry in ``facade.ANSWERERS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from assistant.config import RetrievalMode
from assistant.records import Answer, Filters, Partial, Retrieved


@runtime_checkable
class Embedder(Protocol):
    """Text to unit-length float32 vectors; the index records ``name`` and ``dimension``."""

    name: str
    dimension: int

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 16,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """One row per text, in the order given (chunks at ingest)."""
        ...

    def encode_one(self, text: str) -> np.ndarray:
        """One question's vector."""
        ...

    def encode_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Short texts that recur (a passage's sentences), remembered between calls."""
        ...


@runtime_checkable
class Retriever(Protocol):
    """Finds the passages for a question in one index."""

    newest: dt.date | None  # the archive's newest publication day (after ``refresh``)

    def refresh(self, force: bool = False) -> bool:
        """Catch up with writes by other processes; True when anything changed."""
        ...

    def retrieve(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        mode: RetrievalMode | None = None,
        recent_to: dt.date | None = None,
    ) -> Retrieved: ...


@runtime_checkable
class Answerer(Protocol):
    """Turns retrieved passages into an answer; ``timings`` collects its stages (ms)."""

    def answer(
        self, question: str, standalone: str, retrieved: Retrieved, timings: dict[str, float]
    ) -> Answer: ...

    def stream(
        self, question: str, standalone: str, retrieved: Retrieved, timings: dict[str, float]
    ) -> Iterator[Partial]:
        """Partial replies as they are written; the last one carries the ``Answer``."""
        ...
