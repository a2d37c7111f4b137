"""The two Chroma collections of an index, opened or made: chunks and articles.

Made with cosine HNSW and no embedding function (vectors always come from the
assistant); the chunk collection's metadata records the model, its dimension, the schema
and the index generation, which ``Store`` checks and keeps up to date.
"""

from __future__ import annotations

import uuid
from typing import Any

from assistant.config import Settings
from assistant.errors import IndexProblem
from assistant.index.chroma_client import open_client, wrap_error

SCHEMA_VERSION = 1


def open_collections(settings: Settings, create: bool, dimension: int) -> tuple[Any, Any, Any]:
    """(client, chunks, articles); with ``create``, the missing collections are made."""
    client = open_client(settings, create)
    names = (f"{settings.collection}-chunks", f"{settings.collection}-articles")
    try:
        existing = {c.name for c in client.list_collections()}
    except Exception as error:
        raise wrap_error(settings, error) from error
    if all(name in existing for name in names):
        chunks = client.get_collection(names[0], embedding_function=None)
        return client, chunks, client.get_collection(names[1], embedding_function=None)
    if not create:
        raise IndexProblem(
            f"No index in {settings.backend_label} yet. Build it first: "
            f"assistant ingest {settings.corpus_dir}"
        )
    metadata = {
        "embedding_model": settings.embedding_model,
        "dimension": dimension,
        "schema": SCHEMA_VERSION,
        "generation": uuid.uuid4().hex,
    }
    config = {"hnsw": {"space": "cosine"}}
    try:
        chunks = client.get_or_create_collection(
            names[0], metadata=metadata, configuration=config, embedding_function=None
        )
        articles = client.get_or_create_collection(
            names[1], metadata={"schema": SCHEMA_VERSION}, configuration=config,
            embedding_function=None,
        )  # fmt: skip
    except Exception as error:
        raise wrap_error(settings, error) from error
    return client, chunks, articles
