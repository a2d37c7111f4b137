"""The JSON API's replies as pydantic models: what ``/openapi.json`` shows of each route.

Each mirrors what a route returned before it had a model (the records' ``to_dict``s, in
their order), so declaring them changed no body: ``AnswerReply`` is ``Answer.to_dict()``,
``TimelineReply`` is ``Timeline.to_dict()``, ``JobReply`` is ``Job.to_dict()``. FastAPI
checks a route's reply against its model, so a record that grows a field fails the tests
until its model grows it too.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ReprintReply(BaseModel):
    """Another publication of the same story."""

    article_id: str
    title: str
    date: str | None
    source: str
    url: str


class CitationReply(BaseModel):
    """A passage an answer cites, the sentence read in it, and where both stand."""

    n: int
    article_id: str
    title: str
    date: str | None
    source: str
    url: str
    text: str = Field(description="The whole passage")
    chunk_start: int = Field(description="The passage's offset in the article")
    quote: str = Field(description="The supporting (or nearest) sentence")
    start: int = Field(description="The quote's offset in the article")
    end: int
    score: float
    supports: bool = Field(description="Supports the answer, or only related to the question")
    answer_start: int | None
    answer_end: int | None
    also: list[ReprintReply] = Field(description="Also published by these, earliest first")
    author: str
    page: int | None
    ocr_confidence: float | None
    story: int | None


class AnswerTimeReply(BaseModel):
    """How the question's time was read (``AnswerTime.to_dict()``: ``from`` and ``to``)."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    date_from: str | None = Field(alias="from")
    date_to: str | None = Field(alias="to")
    as_of: str | None
    recency: bool
    phrase: str
    label: str
    unread: str
    reference: str
    fallback: bool
    note: str


class AnswerReply(BaseModel):
    """``Answer.to_dict()``: the answer, its citations, and how it was reached."""

    question: str
    text: str
    citations: list[CitationReply]
    abstained: bool
    timings: dict[str, float] = Field(description="Milliseconds per stage")
    standalone_question: str
    confidence: float
    short_answer: str = Field(description="The extracted span; empty when abstaining")
    notes: list[str]
    as_of: str | None = Field(description="The newest cited article's date")
    time: AnswerTimeReply | None = Field(description="How the question's time was read")


class ArticleItem(BaseModel):
    id: str
    title: str
    date: str | None
    source: str
    url: str
    chunks: int


class Deleted(BaseModel):
    deleted: str
    chunks: int = Field(description="Chunks removed with the article")
    file_removed: bool = Field(description="Whether the app's copy of its file went too")
    message: str


class TimelineEventReply(BaseModel):
    date: str
    granularity: str
    sentence: str
    article_id: str
    title: str
    source: str
    url: str
    published: str | None
    start: int
    end: int
    also: list[ReprintReply]
    label: str


class PeriodCountReply(BaseModel):
    start: str
    label: str
    articles: list[tuple[str, str, str | None, str]] = Field(
        description="(id, title, date, source) of each article in the period"
    )
    count: int


class TimelineReply(BaseModel):
    """``Timeline.to_dict()``: the dated events in order, and articles per period."""

    query: str
    events: list[TimelineEventReply]
    counts: list[PeriodCountReply]
    granularity: str
    date_from: str | None
    date_to: str | None


class Health(BaseModel):
    status: Literal["ok"]
    articles: int
    chunks: int


class Unavailable(BaseModel):
    status: Literal["unavailable"]
    error: str


class JobReply(BaseModel):
    """``Job.to_dict()``: a background upload."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    files: list[str]
    done: int = Field(description="Chunks embedded so far")
    total: int = Field(description="Chunks to embed (known once the job runs)")
    message: str


class IngestReply(BaseModel):
    """200: the result; 202: the ``job`` still running and its ``status_url``."""

    message: str
    articles: int
    chunks: int
    job: JobReply | None = None
    status_url: str | None = None


class ModelCard(BaseModel):
    id: str
    object: Literal["model"]
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"]
    data: list[ModelCard]


class ChatMessage(BaseModel):
    role: Literal["assistant"]
    content: str


class ChatChoice(BaseModel):
    index: int
    message: ChatMessage
    finish_reason: str


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(BaseModel):
    """OpenAI's ``chat.completion``, with the answer's citations beside it."""

    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[ChatChoice]
    usage: Usage
    citations: list[CitationReply]
