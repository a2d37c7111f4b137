"""Articles and chunks to Chroma metadata and back: the manifest line and the stored chunk.

Chroma metadata holds only scalars, so dates travel as text and as ``date_key``
(yyyymmdd as an integer, 0 for undated) for range filters.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

from assistant.index.near_duplicates import fingerprint
from assistant.records import Article, ArticleEntry, Chunk, StoredChunk
from assistant.text.dates import date_key
from assistant.text.event_dates import event_keys


def encode_fingerprint(fp: bytes) -> str:
    """Chroma metadata holds text, not bytes."""
    return base64.b64encode(fp).decode("ascii")


def decode_fingerprint(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def encode_pages(pages: tuple[int, ...]) -> str:
    return " ".join(map(str, pages))


def decode_pages(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split() if part.isdigit())


def decode_ocr(text: str) -> tuple[float, ...]:
    return tuple(float(part) for part in text.split())


def paged_metadata(article: Article) -> dict[str, Any]:
    """A paged document's fields (a PDF's page starts, so a citation can name its page,
    OCR's confidence per page, its story's place on its page; empty for other formats),
    stored on the article and on each of its chunks."""
    return {
        "pages": encode_pages(article.pages),
        "ocr": " ".join(f"{c:.1f}" for c in article.ocr),
        "page_story": article.page_story,
    }


def paged_fields(meta: dict[str, Any]) -> dict[str, Any]:
    """``paged_metadata`` read back, as the records' fields."""
    return {
        "pages": decode_pages(str(meta.get("pages", ""))),
        "ocr": decode_ocr(str(meta.get("ocr", ""))),
        "page_story": int(meta.get("page_story") or 0),
    }


def publication_metadata(article: Article) -> dict[str, Any]:
    """The article's ``Publication`` fields as Chroma stores them beside every chunk."""
    published = article.publication
    return {
        "title": published.title,
        "date": published.date or "",
        "date_key": date_key(published.date),
        "source": published.source,
        "url": published.url,
        "author": published.author,
    }


def stored_publication(meta: dict[str, Any]) -> dict[str, Any]:
    """The ``Publication`` fields (but the id) read back from stored metadata."""
    return {
        "title": str(meta.get("title", "")),
        "date": str(meta.get("date") or "") or None,
        "source": str(meta.get("source", "")),
        "url": str(meta.get("url", "")),
        "author": str(meta.get("author", "")),
    }


def chunk_metadata(article: Article, chunk: Chunk) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "chunk_no": chunk.chunk_no,
        "start": chunk.start,
        "end": chunk.end,
        **publication_metadata(article),
        # the dates the chunk's sentences mention, read against the article's date
        # (older indexes lack it; the timeline reads them from the text then)
        "events": event_keys(chunk.text, article.date),
        **paged_metadata(article),
    }


def minhash(article: Article) -> str:
    """The article's near-duplicate fingerprint as text, as the manifest stores it."""
    return encode_fingerprint(fingerprint(article.text, article.title))


def article_metadata(article: Article, chunks: int, ready: bool, minhash: str) -> dict[str, Any]:
    """The manifest line; ``story`` is set afterwards, when near-duplicates are grouped."""
    return {
        **publication_metadata(article),
        "path": article.path,
        "content_hash": article.content_hash,
        "text_hash": article.text_hash,
        "chunks": chunks,
        "ready": ready,
        "minhash": minhash,
        **paged_metadata(article),
    }


def manifest_entry(article_id: str, meta: dict[str, Any]) -> ArticleEntry:
    return ArticleEntry(
        id=article_id,
        title=str(meta.get("title", "")),
        date=str(meta.get("date") or "") or None,
        source=str(meta.get("source", "")),
        url=str(meta.get("url", "")),
        path=str(meta.get("path", "")),
        content_hash=str(meta.get("content_hash", "")),
        chunks=int(meta.get("chunks", 0)),
        ready=bool(meta.get("ready", False)),
        text_hash=str(meta.get("text_hash", "")),
        minhash=str(meta.get("minhash", "")),
        story=str(meta.get("story", "")),
        author=str(meta.get("author", "")),
    )


def stored_article(article_id: str, text: str, meta: dict[str, Any]) -> Article:
    """The article as ingested, from its manifest line and its stored text."""
    return Article(
        id=article_id,
        **stored_publication(meta),
        text=text or "",
        path=str(meta.get("path", "")),
        content_hash=str(meta.get("content_hash", "")),
        text_hash=str(meta.get("text_hash", "")),
        **paged_fields(meta),
    )


def stored_chunk(
    chunk_id: str,
    text: str,
    meta: dict[str, Any],
    embedding: Any = None,
    distance: float | None = None,
) -> StoredChunk:
    return StoredChunk(
        id=chunk_id,
        article_id=str(meta["article_id"]),
        **stored_publication(meta),
        text=text or "",
        start=int(meta["start"]),
        end=int(meta["end"]),
        date_key=int(meta.get("date_key", 0)),
        events=str(meta.get("events", "")),
        **paged_fields(meta),
        embedding=None if embedding is None else np.asarray(embedding, dtype=np.float32),
        distance=distance,
    )
