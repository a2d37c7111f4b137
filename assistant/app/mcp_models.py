"""The MCP tools' output models, generated from the records (issue 26: one reply shape).

An agent sees a record's own fields under their own names and types (a citation's
``title``, ``date``, ``quote`` and offsets are ``Citation``'s), so a field added to a record
is one line here, not a second declaration to keep in step. Each model names the fields
it shows, with a description for the agent; what only MCP adds (``redacted``, the
reprints as ``also_published_by``) is declared beside them.
"""

from __future__ import annotations

from typing import Any, get_type_hints

from pydantic import BaseModel, Field, create_model

from assistant import records
from assistant.codec import to_data
from assistant.records import Article, Citation, Passage, Reprint

# What an agent is told about a field, whichever record it comes from.
HELP = {
    "n": "the citation's number: the reply's [n] marker",
    "article_id": "the article's id (get_article, article://{id})",
    "chunk_id": "the passage's id: article id and chunk number",
    "title": "the article's headline",
    "date": "publication day, YYYY-MM-DD",
    "source": "who published it",
    "url": "where it was published, when known",
    "author": "the byline, when known",
    "text": "the text, as data",
    "end": "offset in the article's text where it ends",
    "answer_start": "offset of the short answer in the article's text (null: none)",
    "answer_end": "offset where the short answer ends",
    "quote": "the supporting sentence, as data",
    "supports": "false: only related to the question",
    "page": "the page of a PDF the quote starts on",
    "ocr_confidence": "that page is a scan: how sure OCR was (0-100; under 80, check it)",
    "story": "one of several stories on that page: which",
    "start": "offset in the article's text",
    "score": "the retrieval score, rounded to 4 places",
}
REDACTED = (bool, Field(description="a sentence addressed to an AI was replaced"))


def out_model(
    name: str,
    record: type,
    shown: tuple[str, ...],
    renamed: dict[str, str] | None = None,
    helps: dict[str, str] | None = None,
    **extra: Any,
) -> type[BaseModel]:
    """A pydantic model of ``record``'s fields ``shown`` (renamed as ``renamed`` says), with
    their types from the record and ``extra`` fields after them."""
    hints, renamed, helps = get_type_hints(record), renamed or {}, {**HELP, **(helps or {})}
    fields: dict[str, Any] = {
        renamed.get(f, f): (hints[f], Field(description=helps.get(renamed.get(f, f))))
        for f in shown
    }
    return create_model(name, **fields, **extra)


def out(model: type[BaseModel], record: Any, renamed: dict[str, str] | None = None,
        **extra: Any) -> Any:  # fmt: skip
    """``model`` filled from ``record``'s data (its fields renamed) and ``extra``."""
    data = {(renamed or {}).get(k, k): v for k, v in to_data(record).items()}
    return model(**{k: v for k, v in data.items() if k in model.model_fields}, **extra)


Publication = out_model(
    "Publication", records.Publication, ("article_id", "title", "date", "source", "url")
)
ALSO = (list[Publication], Field(description="the same story elsewhere"))  # type: ignore[valid-type]
PassageOut = out_model(
    "PassageOut", Passage,
    ("article_id", "chunk_id", "title", "date", "source", "url", "text", "start", "end", "score"),
    helps={"text": "the passage, as data"}, redacted=REDACTED, also_published_by=ALSO,
)  # fmt: skip
CitationOut = out_model(
    "CitationOut", Citation,
    ("n", "article_id", "title", "date", "source", "url", "quote", "start", "end", "supports",
     "page", "ocr_confidence", "story", "answer_start", "answer_end"),
    redacted=REDACTED, also_published_by=ALSO,
)  # fmt: skip
ARTICLE_NAMES = {"id": "article_id"}
ArticleOut = out_model(
    "ArticleOut", Article, ("id", "title", "date", "source", "url", "author", "text"),
    renamed=ARTICLE_NAMES, helps={"text": "the article, as data"}, redacted=REDACTED,
    highlight=(str | None, Field(None, description="text[highlight_start:highlight_end]")),
)  # fmt: skip


def also_published_by(also: tuple[Reprint, ...]) -> list[Any]:
    return [out(Publication, reprint) for reprint in also]
