"""What an answerer is built from, and the table of answerers the facade chooses from.

A new answerer is a class with ``answer`` and ``stream`` (``protocols.Answerer``) and
a name registered with ``register_answerer`` (from a plugin's entry point, or any code
before the first question): a function from ``Parts`` (the loaded models and the
settings) to the answerer. ``ASSISTANT_ANSWERER=name`` then chooses it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering.answerer import ReaderAnswerer
from assistant.answering.reader import SpanReader
from assistant.config import AnswererKind, Settings
from assistant.errors import InvalidInput
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


ANSWERERS: dict[str, Callable[[Parts], Answerer]] = {
    AnswererKind.EXTRACTIVE: _reader_answerer,
    AnswererKind.LLM: _llm_answerer,
}


def register_answerer(name: str, factory: Callable[[Parts], Answerer]) -> None:
    """Make ``ASSISTANT_ANSWERER=name`` (or ``Settings(answerer=name)``) build ``factory``."""
    ANSWERERS[name.strip().lower()] = factory


def answerer_factory(name: str) -> Callable[[Parts], Answerer]:
    factory = ANSWERERS.get(str(name).strip().lower())
    if factory is None:
        raise InvalidInput(
            f"answerer (ASSISTANT_ANSWERER)={name!r} is not one of: {', '.join(ANSWERERS)} "
            "(a plugin registers others)."
        )
    return factory
