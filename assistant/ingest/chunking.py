"""Cut an article into chunks of a few whole sentences that keep exact offsets.

Chunks are what the retrievers rank and what a citation quotes, so they stay short
(a reader of any kind is slow and vague on long passages) and overlap by a sentence,
so an answer that spans a boundary is still whole in one chunk.
"""

from __future__ import annotations

import re

from assistant.records import Article, Chunk
from assistant.text.sentences import Span, split_sentences

_SPACE = re.compile(r"\s+")


def chunk_id(article_id: str, chunk_no: int) -> str:
    """Deterministic chunk id: re-ingesting the same article upserts the same ids."""
    return f"{article_id}:{chunk_no}"


def _split_long(text: str, span: Span, max_chars: int) -> list[Span]:
    """Cut a sentence longer than ``max_chars`` at white space (or hard, if it has none)."""
    pieces: list[Span] = []
    start = span.start
    while span.end - start > max_chars:
        limit = start + max_chars
        cut = max((m.start() for m in _SPACE.finditer(text, start + 1, limit)), default=limit)
        pieces.append(Span(start, cut))
        start = cut
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        pieces.append(Span(start, span.end))
    return pieces


def sentence_units(text: str, max_chars: int) -> list[Span]:
    """Sentences of ``text``, with any sentence longer than ``max_chars`` cut into pieces."""
    units: list[Span] = []
    for span in split_sentences(text):
        units.extend(_split_long(text, span, max_chars))
    return units


def chunk_text(text: str, max_chars: int, overlap: int) -> list[Span]:
    """Group consecutive sentences into spans of at most ``max_chars`` characters.

    Consecutive spans share ``overlap`` sentences; together they cover every sentence.
    """
    units = sentence_units(text, max_chars)
    spans: list[Span] = []
    first = 0
    while first < len(units):
        last = first
        while last + 1 < len(units) and units[last + 1].end - units[first].start <= max_chars:
            last += 1
        spans.append(Span(units[first].start, units[last].end))
        if last == len(units) - 1:
            break
        first = max(first + 1, last + 1 - overlap)
    return spans


def chunk_article(article: Article, max_chars: int = 800, overlap: int = 1) -> list[Chunk]:
    """The article's chunks, numbered from 0 in reading order."""
    return [
        Chunk(
            id=chunk_id(article.id, n),
            article_id=article.id,
            chunk_no=n,
            text=article.text[span.start : span.end],
            start=span.start,
            end=span.end,
        )
        for n, span in enumerate(chunk_text(article.text, max_chars, overlap))
    ]
