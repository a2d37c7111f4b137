"""Stand-ins for what a unit test does not need: here, the sentence-transformers model.

``HashingEmbedder`` implements ``assistant.protocols.Embedder`` without a model: each
word and word pair of a text is hashed to one of 384 dimensions and the counts are
normalised, so texts that share words are near and the same text always gets the same
vector. The index records its name like a model's, so an index built with it is refused
by the real model and the other way round. Integration tests use the real model.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Sequence

import numpy as np

_WORD = re.compile(r"\w+")


class HashingEmbedder:
    name = "test-hashing-embedder"
    dimension = 384

    def _vector(self, text: str) -> np.ndarray:
        words = _WORD.findall(text.lower())
        vector = np.zeros(self.dimension, dtype=np.float32)
        for token in [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]:
            digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.dimension] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 16,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for first in range(0, len(texts), batch_size):
            for row in range(first, min(first + batch_size, len(texts))):
                out[row] = self._vector(texts[row])
            if progress:
                progress(min(batch_size, len(texts) - first))
        return out

    def encode_one(self, text: str) -> np.ndarray:
        return self._vector(text)

    def encode_cached(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)
