"""Where ingest embeds: in this process (the default) or on a Ray cluster.

Both are the same stage (texts in, vectors out, in order) behind one seam, so chunking
before it and the writer after it do not know which ran: the index an engine builds is
the one the other builds. The Ray engine is an optional extra
(``pip install 'news-archive-qa[cluster]'``) and is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from assistant.config import IngestEngine, Settings
from assistant.errors import InvalidInput
from assistant.protocols import Embedder

# Told of each part of a call as it is done (positions in the call's texts, their
# vectors), so a long job's finished parts are written down before the job ends.
PartDone = Callable[[Sequence[int], np.ndarray], None]


class Encoder(Protocol):
    """Texts to vectors, in the order given; ``done`` hears of every part as it ends."""

    def encode(
        self, texts: Sequence[str], batch_size: int, done: PartDone | None = None
    ) -> np.ndarray: ...


class LocalEncoder:
    texts_per_call = 128  # a progress report between calls, within a long article too

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def encode(
        self, texts: Sequence[str], batch_size: int, done: PartDone | None = None
    ) -> np.ndarray:
        vectors = np.asarray(self.embedder.encode(list(texts), batch_size=batch_size))
        if done:
            done(range(len(texts)), vectors)
        return vectors


def encoder_for(engine: IngestEngine | str, settings: Settings, embedder: Embedder) -> Encoder:
    """The encoder of ``engine``; ``embedder`` is this process's (the local engine's, and
    the shape every engine's vectors must have)."""
    try:
        chosen = IngestEngine(engine)
    except ValueError:
        raise InvalidInput(f"The ingest engine is 'local' or 'ray', not {engine!r}.") from None
    if chosen is IngestEngine.LOCAL:
        return LocalEncoder(embedder)
    from assistant.index.ray_engine import RayEncoder

    return RayEncoder(settings, embedder.dimension)
