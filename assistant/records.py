"""The data that flows through the assistant: articles, chunks, passages, answers.

All frozen dataclasses: a value handed to the UI or a test cannot change under it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One news article, its text normalised; every offset in the index points into ``text``."""

    id: str
    title: str
    text: str
    date: str | None = None  # ISO yyyy-mm-dd
    source: str = ""
    url: str = ""
    path: str = ""  # where it was loaded from: file, or file#record
    content_hash: str = ""  # text and metadata: a change re-embeds the article
    text_hash: str = ""  # text alone: the same story under two names is indexed once


@dataclass(frozen=True)
class Chunk:
    """A few consecutive sentences of an article; ``article.text[start:end] == text``."""

    id: str
    article_id: str
    chunk_no: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its article's metadata and the scores that ranked it."""

    chunk_id: str
    article_id: str
    title: str
    date: str | None
    source: str
    url: str
    text: str
    start: int
    end: int
    score: float  # fused score, higher is better
    dense: float | None = None  # cosine similarity with the query
    bm25: float | None = None  # raw BM25 score
    rank: int = 0


@dataclass(frozen=True)
class Filters:
    """Metadata restrictions applied to both retrievers before ranking."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    """Evidence for an answer: a passage, and the sentence in it that was read.

    ``supports`` says whether the passage supports the answer (its sentence is highlighted)
    or is only related to the question; ``answer_start``/``answer_end`` are the answer
    span's offsets in the article when this passage holds it.
    """

    n: int
    article_id: str
    title: str
    date: str | None
    source: str
    url: str
    text: str  # the whole chunk
    chunk_start: int  # offset of the chunk in the article
    quote: str  # the supporting (or nearest) sentence
    start: int  # offset of the quote in the article
    end: int
    score: float
    supports: bool = True
    answer_start: int | None = None
    answer_end: int | None = None

    @classmethod
    def from_passage(cls, n: int, passage: Passage, **quoted: Any) -> Citation:
        """The citation of ``passage``; ``quoted`` gives quote, start, end, score and the rest."""
        return cls(
            n=n,
            article_id=passage.article_id,
            title=passage.title,
            date=passage.date,
            source=passage.source,
            url=passage.url,
            text=passage.text,
            chunk_start=passage.start,
            **quoted,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    """What ``ask`` returns: a short answer, its evidence, and how it was reached."""

    question: str
    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    timings: dict[str, float] = field(default_factory=dict)  # milliseconds per stage
    standalone_question: str = ""
    confidence: float = 0.0
    short_answer: str = ""  # the extracted span, empty when abstaining
    notes: tuple[str, ...] = ()  # e.g. LLM claims that were dropped as unsupported

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = [c.to_dict() for c in self.citations]
        data["notes"] = list(self.notes)
        return data


@dataclass(frozen=True)
class Partial:
    """A reply in progress: the text so far and the passages it may cite; ``answer`` at the end."""

    text: str
    citations: tuple[Citation, ...] = ()
    answer: Answer | None = None
