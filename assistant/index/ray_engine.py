"""Embedding on a Ray cluster: Ray Data's ``map_batches`` over actors that load the model once.

Ray schedules, retries and restarts; nothing of that is ours. A worker killed mid-job is
restarted by Ray and its batch run again (Ray Data's actor pools restart their actors
and retry their tasks by default); a killed driver loses nothing written to the vector
shards (``vector_shards``), so a second run embeds only the rest. Results stream back as
the actors finish them (``iter_batches``), and each part is handed to ``done`` (a shard)
before the job ends, so one job can be large and pay Ray's start-up (planning the job,
starting the actors, each loading the model: 8-10 s on 2 cores) once for many texts.
Each actor runs the settings' model on one CPU, or on a GPU when the cluster has one.
``ray_address`` names a running cluster (``ray start --head``); without it a cluster of
this machine's cores starts for the job. Usage stats are off (``_offline``) and no
dashboard is started.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import BackendUnavailable, InvalidInput
from assistant.index.engines import PartDone

PART = 256  # texts per block of a large job: what a killed driver may have to embed again


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
        except (ConnectionError, RuntimeError, ValueError) as error:  # ray.init's own words
            raise BackendUnavailable(
                f"No Ray cluster at {address or 'this machine'}: {error}"
            ) from None
    return ray


class RayEncoder:
    """The embedding stage as a Ray Data job; vectors come back in the order given."""

    texts_per_call = 1_000_000  # one job per batch: a job has a start-up cost

    def __init__(self, settings: Settings, dimension: int) -> None:
        self.settings = settings
        self.dimension = dimension
        self.ray = connect(settings.ray_address)

    def encode(
        self, texts: Sequence[str], batch_size: int, done: PartDone | None = None
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        ray = self.ray
        resources = ray.cluster_resources()
        gpus = int(resources.get("GPU", 0))
        workers = max(1, gpus or int(resources.get("CPU", 1)))
        items = [{"n": n, "text": text} for n, text in enumerate(texts)]
        blocks = min(len(items), max(4 * workers, len(items) // PART))  # each a part, a shard
        dataset = ray.data.from_items(items, override_num_blocks=blocks)
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
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        seen = np.zeros(len(texts), dtype=bool)
        try:
            for part in embedded.iter_batches(batch_size=None, batch_format="numpy"):
                positions = [int(n) for n in part["n"]]
                got = np.asarray(list(part["vector"]), dtype=np.float32).reshape(len(positions), -1)
                vectors[positions] = got
                seen[positions] = True
                if done:
                    done(positions, got)
        except ray.exceptions.RayError as error:  # what finished is in the shards already
            raise BackendUnavailable(f"The Ray job failed: {str(error)[:300]}") from None
        if not seen.all():
            raise BackendUnavailable(
                f"The Ray job returned {int(seen.sum())} of {len(texts)} vectors."
            )
        return vectors
