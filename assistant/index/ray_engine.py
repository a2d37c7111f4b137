"""Embedding on a Ray cluster: Ray Data's ``map_batches`` over actors that load the model once.

Ray schedules, retries and restarts; nothing of that is ours. A worker killed mid-job is
restarted by Ray and its batch run again (Ray Data's actor pools restart their actors
and retry their tasks by default); a
killed driver loses nothing written to the vector shards (``vector_shards``), so a
second run embeds only the rest. Each actor runs the settings' model on one CPU, or on a
GPU when the cluster has one. ``ray_address`` names a running cluster (``ray start
--head``); without it a cluster of this machine's cores starts for the job. Usage stats
are off (``_offline``) and no dashboard is started.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import BackendUnavailable, InvalidInput


class EmbedActor:
    """One Ray actor: the model loaded once, then batch after batch of texts embedded."""

    def __init__(self, model: str, backend: str, device: str) -> None:
        from assistant import _offline  # noqa: F401  (a worker imports nothing else first)
        from assistant.config import Device, EmbeddingBackend
        from assistant.index.embeddings import get_embedder

        self.embedder = get_embedder(model, EmbeddingBackend(backend), Device(device))

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, Any]:
        texts = [str(text) for text in batch["text"]]
        vectors = self.embedder.encode(texts, batch_size=max(1, len(texts)))
        return {"n": batch["n"], "vector": list(np.asarray(vectors, dtype=np.float32))}


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise InvalidInput(
            "The Ray engine needs the cluster extra: pip install 'news-archive-qa[cluster]'."
        ) from None
    return ray


def connect(address: str | None) -> Any:
    """Ray, connected to the cluster at ``address`` (or to one of this machine's cores)."""
    ray = _ray()
    if not ray.is_initialized():
        try:
            ray.init(address=address or None, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)  # fmt: skip
        except ConnectionError as error:
            raise BackendUnavailable(f"No Ray cluster at {address}: {error}") from None
    return ray


class RayEncoder:
    """The embedding stage as a Ray Data job; vectors come back in the order given."""

    texts_per_call = 1_000_000  # one job per batch: a job has a start-up cost

    def __init__(self, settings: Settings, dimension: int) -> None:
        self.settings = settings
        self.dimension = dimension
        self.ray = connect(settings.ray_address)

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        ray = self.ray
        resources = ray.cluster_resources()
        gpus = int(resources.get("GPU", 0))
        workers = max(1, gpus or int(resources.get("CPU", 1)))
        items = [{"n": n, "text": text} for n, text in enumerate(texts)]
        dataset = ray.data.from_items(items, override_num_blocks=min(len(items), 4 * workers))
        embedded = dataset.map_batches(
            EmbedActor,
            fn_constructor_kwargs={
                "model": self.settings.embedding_model,
                "backend": str(self.settings.embedding_backend),
                "device": "cuda" if gpus else "cpu",
            },
            batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(min_size=1, max_size=workers),
            num_gpus=1 if gpus else 0,
            num_cpus=0 if gpus else 1,
        )
        rows = sorted(embedded.take_all(), key=lambda row: int(row["n"]))
        if len(rows) != len(texts):
            raise BackendUnavailable(f"The Ray job returned {len(rows)} of {len(texts)} vectors.")
        return np.asarray([row["vector"] for row in rows], dtype=np.float32)
