"""Whole records handed to an agent or a model as data: every text field through ``as_data``.

A rule applied field by field at each door drifts (titles, sources, bylines and the short
answer once reached agents verbatim while passage text was filtered). This applies
``as_data`` to every string of a record, its nested records and tuples included, except
the fields that are ours or the user's own (ids, dates, the question), and says whether
any sentence was replaced. Text keeps its exact characters where nothing was replaced, so
a citation's offsets still point into the article.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from assistant.text.as_data import as_data

R = TypeVar("R")

# Not article text: identifiers, dates and labels we compute, and the user's own words.
OURS = frozenset(
    {
        "id", "article_id", "chunk_id", "story", "date", "published", "granularity", "label",
        "start", "question", "standalone_question", "content_hash", "text_hash", "minhash",
        "path", "as_of", "query", "date_from", "date_to", "pages", "ocr", "page_story",
        "day", "watch_id", "kind", "raised", "since", "to",
    }
)  # fmt: skip


def _value(value: Any) -> tuple[Any, bool]:
    if isinstance(value, str):
        shielded = as_data(value)
        return shielded.text, shielded.redacted
    if isinstance(value, tuple | list):
        pairs = [_value(item) for item in value]
        return type(value)(item for item, _ in pairs), any(flag for _, flag in pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return record_as_data(value)
    return value, False


def record_as_data(record: R) -> tuple[R, bool]:
    """``record`` with every article-written string as data, and whether one was redacted."""
    changes: dict[str, Any] = {}
    redacted = False
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        if field.name in OURS:
            continue
        value = getattr(record, field.name)
        new, flagged = _value(value)
        redacted = redacted or flagged
        if new is not value and new != value:
            changes[field.name] = new
    return (dataclasses.replace(record, **changes) if changes else record), redacted  # type: ignore[type-var]
