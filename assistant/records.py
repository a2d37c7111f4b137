"""The data that flows between the stages, in the order it flows: one home for every type.

Ingest reads files into ``Article``s (or ``Problem``s) and splits them into ``Chunk``s; the
index keeps an ``ArticleEntry`` per article and returns ``StoredChunk``s; retrieval turns
them into ``Passage``s (``Retrieved``); answering cites them (``Citation``) in an ``Answer``.
A story's timeline has its own records (``timeline_records``). All frozen dataclasses: a
value handed to the UI or a test cannot change under it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

import numpy as np

from assistant.codec import from_data, to_data


@dataclass(frozen=True, kw_only=True)
class Publication:
    """Where and when a text was published: the article fields every record that cites shares.

    Records that carry an article's metadata (a stored chunk, a passage, a citation, a
    reprint, a timeline event) inherit these fields from here, keyword-only, rather than
    each declaring its own copy; ``Article`` and ``ArticleEntry`` (whose ``id`` is the
    article's) hand theirs out as ``Article.publication`` and ``ArticleEntry.reprint``.
    """

    article_id: str
    title: str
    date: str | None  # ISO yyyy-mm-dd
    source: str
    url: str = ""
    author: str = ""  # the byline, when the article names one


def publication_fields(record: Any) -> dict[str, Any]:
    """The ``Publication`` fields of any record that has them, as keyword arguments."""
    return {f.name: getattr(record, f.name) for f in fields(Publication)}


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
    author: str = ""  # the byline, when the article names one
    pages: tuple[int, ...] = ()  # where each page starts in ``text`` (a PDF's), else empty
    ocr: tuple[float, ...] = ()  # per page: OCR's confidence (0-100), -1 for a text layer
    page_story: int = 0  # one of several stories on its first page: which (1-based), else 0

    @property
    def publication(self) -> Publication:
        return Publication(article_id=self.id, title=self.title, date=self.date,
                           source=self.source, url=self.url, author=self.author)  # fmt: skip


def page_at(pages: tuple[int, ...], offset: int) -> int | None:
    """The 1-based page holding ``offset`` of an article whose pages start at ``pages``."""
    return bisect.bisect_right(pages, offset) or None if pages else None


def ocr_at(ocr: tuple[float, ...], page: int | None) -> float | None:
    """OCR's confidence on ``page`` (1-based), or None when it was a text layer."""
    if page is None or page > len(ocr) or ocr[page - 1] < 0:
        return None
    return round(ocr[page - 1], 1)


LOW_OCR = 80.0  # OCR confidence under which a citation says to check the scan


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
class Problem:
    """Why a file or record was skipped (or read with a caveat)."""

    path: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks_embedded: int = 0
    articles: int = 0  # in the index afterwards
    chunks: int = 0
    seconds: float = 0.0
    problems: tuple[Problem, ...] = ()
    written: tuple[str, ...] = ()  # the articles added or updated: what watches are checked on

    @property
    def skipped(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.skipped)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged; {self.chunks_embedded} chunks embedded in "
            f"{self.seconds:.1f} s. Index: {self.articles} articles, {self.chunks} chunks."
            + (f" {len(self.skipped)} skipped (see messages above)." if self.skipped else "")
        )


@dataclass(frozen=True)
class ArticleEntry:
    """The manifest's line for one article."""

    id: str
    title: str
    date: str | None
    source: str
    url: str
    path: str
    content_hash: str
    chunks: int
    ready: bool
    text_hash: str = ""  # empty in indexes built before duplicates were detected
    minhash: str = ""  # the text's near-duplicate fingerprint (base64); empty in older indexes
    story: str = ""  # the earliest article of its near-duplicate group; "" when alone
    author: str = ""

    def reprint(self) -> Reprint:
        return Reprint(article_id=self.id, title=self.title, date=self.date,
                       source=self.source, url=self.url, author=self.author)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Reprint(Publication):
    """Another publication of the same story (a near-duplicate article), for citations."""


@dataclass(frozen=True, kw_only=True)
class StoredChunk(Publication):
    """A chunk as Chroma returns it, with the article metadata stored beside it."""

    id: str
    text: str
    start: int
    end: int
    date_key: int
    embedding: np.ndarray | None = None
    distance: float | None = None
    events: str = ""  # the dates the chunk mentions: "2024-05-26 2024-05 2015" (may be "")
    pages: tuple[int, ...] = ()  # its article's page starts (``Article.pages``)
    ocr: tuple[float, ...] = ()  # and their OCR confidences (``Article.ocr``)
    page_story: int = 0  # and its story's place on its page (``Article.page_story``)

    @property
    def searched_text(self) -> str:
        """What retrieval matches words against: the headline and the text, as they are
        embedded together, so a notice that names its company only in its headline ("AIR
        PRODUCTS AND CHEMICALS INC <APD> IN PAYOUT") is found by the name."""
        return f"{self.title}\n{self.text}"


@dataclass(frozen=True)
class Filters:
    """Metadata restrictions applied to both retrievers before ranking."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sources: tuple[str, ...] = ()


def headline_only(title: str, text: str, start: int) -> bool:
    """Whether a chunk is a whole article that is only its headline: a wire's flash
    ("MARATHON RAISES CRUDE POSTED PRICES 50 CTS A BBL, WTI AT 17 DLRS/BBL."), sent
    before the story; the story that follows reads better, so a flash is read after it."""
    return start == 0 and " ".join(text.split()) == " ".join(title.split())


@dataclass(frozen=True, kw_only=True)
class Passage(Publication):
    """A retrieved chunk with its article's metadata and the scores that ranked it."""

    chunk_id: str
    text: str
    start: int
    end: int
    score: float  # fused score, higher is better
    dense: float | None = None  # cosine similarity with the query
    bm25: float | None = None  # raw BM25 score
    rank: int = 0
    also: tuple[Reprint, ...] = ()  # the same story's other publications, earliest first
    pages: tuple[int, ...] = ()  # its article's page starts (``Article.pages``)
    ocr: tuple[float, ...] = ()  # and their OCR confidences (``Article.ocr``)
    page_story: int = 0  # and its story's place on its page (``Article.page_story``)

    @classmethod
    def from_chunk(cls, chunk: StoredChunk, **ranking: Any) -> Passage:
        """The passage of a stored chunk; ``ranking`` gives score, dense, bm25 and rank."""
        return cls(chunk_id=chunk.id, **publication_fields(chunk), pages=chunk.pages,
                   ocr=chunk.ocr, page_story=chunk.page_story, text=chunk.text,
                   start=chunk.start, end=chunk.end, **ranking)  # fmt: skip

    @property
    def flash(self) -> bool:
        """Whether its article is a headline alone (``headline_only``)."""
        return headline_only(self.title, self.text, self.start)


@dataclass(frozen=True)
class Retrieved:
    """Passages, best first, with the query vector and per-stage timings (ms)."""

    passages: list[Passage]
    query_vector: np.ndarray
    timings: dict[str, float] = field(default_factory=dict)
    recency: bool = False  # the question asks for the newest reports (time_plan)


@dataclass(frozen=True, kw_only=True)
class Citation(Publication):
    """Evidence for an answer: a passage, and the sentence in it that was read.

    ``supports`` says whether the passage supports the answer (its sentence is highlighted)
    or is only related to the question; ``answer_start``/``answer_end`` are the answer
    span's offsets in the article when this passage holds it.
    """

    n: int
    text: str  # the whole chunk
    chunk_start: int  # offset of the chunk in the article
    quote: str  # the supporting (or nearest) sentence
    start: int  # offset of the quote in the article
    end: int
    score: float
    supports: bool = True
    answer_start: int | None = None
    answer_end: int | None = None
    also: tuple[Reprint, ...] = ()  # "also published by N others", earliest first
    page: int | None = None  # the page of a PDF the quote starts on
    ocr_confidence: float | None = None  # when that page is a scan: how sure OCR was (0-100)
    story: int | None = None  # one of several stories on the page its article starts on: which

    @classmethod
    def from_passage(cls, n: int, passage: Passage, **quoted: Any) -> Citation:
        """The citation of ``passage``; ``quoted`` gives quote, start, end, score and the rest."""
        page = page_at(passage.pages, int(quoted.get("start", passage.start)))
        return cls(n=n, **publication_fields(passage), text=passage.text,
                   chunk_start=passage.start, also=passage.also, page=page,
                   ocr_confidence=ocr_at(passage.ocr, page),
                   story=passage.page_story or None, **quoted)  # fmt: skip

    @property
    def flash(self) -> bool:
        """Whether its article is a headline alone (``headline_only``)."""
        return headline_only(self.title, self.text, self.chunk_start)

    def to_dict(self) -> dict[str, Any]:
        return to_data(self)

    @property
    def where(self) -> str:
        """ "page 2", "page 3, story 2", "page 2, a scan read by OCR at 62%: check the page"
        (or "")."""
        if self.page is None:
            return ""
        where = f"page {self.page}, story {self.story}" if self.story else f"page {self.page}"
        if self.ocr_confidence is None:
            return where
        check = ": check the page" if self.ocr_confidence < LOW_OCR else ""
        return f"{where}, a scan read by OCR at {self.ocr_confidence:.0f}%{check}"


@dataclass(frozen=True)
class Offer:
    """One span the reader found, as an answer of its own (``Assistant.offers``): what a
    watched question weighs, since the best span of a busy day is often a near miss."""

    text: str
    citation: Citation  # the span's sentence, with the span's offsets
    confidence: float  # the fitted chance that it answers, as for a chosen answer


@dataclass(frozen=True)
class AnswerTime:
    """How the question's time was read (``answering.dating``): ``Answer.time``; ISO days."""

    date_from: str | None = None  # the window read (either end may be open)
    date_to: str | None = None
    as_of: str | None = None  # the caller's as-of day: published up to it
    recency: bool = False  # the newest reports first
    phrase: str = ""  # the question's own words that said it
    label: str = ""  # "articles from 1-31 May 2024"; "" when no window was read
    unread: str = ""  # words that look like time and were not read ("during Ramadan 2019")
    reference: str = ""  # the day relative words ("last week") were read against
    fallback: bool = False  # the window held nothing: the whole archive answered instead
    note: str = ""  # what the reply says: "Looking at articles from 1-31 May 2024."
    JSON_NAMES: ClassVar[dict[str, str]] = {"date_from": "from", "date_to": "to"}

    def to_dict(self) -> dict[str, Any]:  # JSON names the window's ends "from" and "to"
        return to_data(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnswerTime:
        return from_data(cls, data)


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
    as_of: str | None = None  # the newest cited article's date: what the answer is as of
    time: AnswerTime | None = None  # how the question's time was read (None: it played no part)

    @property
    def time_note(self) -> str:
        """ "Looking at articles from 1-31 May 2024." (empty when time played no part)."""
        return self.time.note if self.time else ""

    @property
    def time_read(self) -> bool:
        """Whether the question's time words narrowed the search (so "search every date"
        undoes something); a note about unread words alone does not."""
        return bool(self.time and self.time.label)

    def to_dict(self) -> dict[str, Any]:
        return to_data(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Answer:  # ``to_dict``'s, or its JSON
        return from_data(cls, data)


@dataclass(frozen=True)
class Partial:
    """A reply in progress: the text so far and the passages it may cite; ``answer`` at the end."""

    text: str
    citations: tuple[Citation, ...] = ()
    answer: Answer | None = None
