"""What an answerer is built from, and the table of answerers the facade chooses from.

A new answerer is a class with ``answer`` and ``stream`` (``protocols.Answerer``), an
``AnswererKind`` member, and one entry in ``ANSWERERS``: a function from ``Parts`` (the
loaded models and the settings) to the answerer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering.answerer import ReaderAnswerer
from assistant.answering.reader import SpanReader
from assistant.config import AnswererKind, Settings
from assistant.protocols import Answerer, Embedder


@dataclass(frozen=True)
class Parts:
    """What an answerer may be built from: the loaded models and the settings."""

    embedder: Embedder
    reader: SpanReader
    settings: Settings


def _reader_answerer(parts: Parts) -> Answerer:
    return ReaderAnswerer(parts.reader, parts.settings)


def _llm_answerer(parts: Parts) -> Answerer:
    from assistant.llm.answerer import LLMAnswerer  # the LLM libraries load only when chosen

    return LLMAnswerer(parts.embedder, parts.reader, parts.settings)


# A new answerer is a class with ``answer`` and ``stream`` (``protocols.Answerer``), an
# ``AnswererKind`` member, and one line here.
ANSWERERS: dict[AnswererKind, Callable[[Parts], Answerer]] = {
    AnswererKind.EXTRACTIVE: _reader_answerer,
    AnswererKind.LLM: _llm_answerer,
}
