"""The JSON API's replies as pydantic models: what ``/openapi.json`` shows of each route.

A record's reply is generated from the record (``record_models``: ``AnswerReply`` is
``Answer.to_dict()``'s schema, ``TimelineReply`` ``Timeline.to_dict()``'s); the others
mirror what their route returns (``JobReply`` is ``Job.to_dict()``). FastAPI checks a
route's reply against its model, so a reply that drifts from it fails the tests.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.app.record_models import record_model
from assistant.records import Answer, Citation
from assistant.timeline_records import Timeline

AnswerReply = record_model(Answer)  # Answer.to_dict(): citations, how time was read
CitationReply = record_model(Citation)


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


TimelineReply = record_model(Timeline)  # events with their label, counts with their count


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
    citations: list[CitationReply]  # type: ignore[valid-type]
