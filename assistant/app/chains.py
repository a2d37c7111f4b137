"""The assistant as LangChain parts: a retriever over an index, and the whole assistant
as a ``Runnable``.

So ``retriever | prompt | llm`` chains, and agents (``as_tool``), use the same hybrid
search and the same cited answers as the web app: the retriever's ``Document``s carry
the passage's article metadata and its exact offsets in the article text; the
runnable's output is ``Answer.to_dict()``, as from the HTTP API. Both go on to a model or
an agent, so the article's words in them are data (``text.records_as_data``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import ConfigDict, Field, model_validator

from assistant.app.requests import AskRequest
from assistant.errors import InvalidInput
from assistant.facade import Assistant
from assistant.records import Passage
from assistant.text.as_data import as_data
from assistant.text.records_as_data import record_as_data


class AskInput(AskRequest):
    """A question for the news archive, optionally narrowed (the tool's arguments)."""

    @model_validator(mode="before")
    @classmethod
    def _loose(cls, data: Any) -> Any:
        """What Python callers passed the facade before: a date, or one source's name."""
        if not isinstance(data, dict):
            return data
        loose = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}
        if isinstance(loose.get("sources"), str):
            loose["sources"] = [loose["sources"]] if loose["sources"] else None
        return loose


_ASK_KEYS = set(AskInput.model_fields)


def passage_document(found: Passage) -> Document:
    """A passage as LangChain expects it: the chunk's text, and where it comes from.

    The passage goes on to a model, so every field an article wrote is data
    (``records_as_data``: a sentence addressed to an AI is replaced, ``redacted`` says so);
    otherwise ``article_text[start:end] == page_content`` for the article ``article_id``.
    """
    passage, redacted = record_as_data(found)
    return Document(
        id=passage.chunk_id,
        page_content=passage.text,
        metadata={
            "chunk_id": passage.chunk_id,
            "article_id": passage.article_id,
            "title": passage.title,
            "date": passage.date or "",
            "source": passage.source,
            "url": passage.url,
            "start": passage.start,
            "end": passage.end,
            "score": passage.score,
            "rank": passage.rank,
            "redacted": redacted,
        },
    )


class NewsRetriever(BaseRetriever):
    """Hybrid search over an index; the filters are the retriever's own parameters."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    assistant: Assistant
    k: int = 5
    date_from: str | None = None
    date_to: str | None = None
    sources: list[str] = Field(default_factory=list)
    mode: str | None = None  # hybrid (the default), dense or bm25

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        passages = self.assistant.search(
            query,
            self.k,
            date_from=self.date_from,
            date_to=self.date_to,
            sources=self.sources,
            mode=self.mode,
        )
        return [passage_document(p) for p in passages]


def _ask_request(value: Any) -> AskInput:
    """A question, or ``{"question": ..., "history": ..., "date_from": ..., ...}``."""
    if isinstance(value, str):
        return AskInput.checked({"question": value})
    if isinstance(value, dict) and "question" in value:
        unknown = set(value) - _ASK_KEYS
        if unknown:
            raise InvalidInput(
                f"Unknown keys {sorted(unknown)}; the assistant takes {sorted(_ASK_KEYS)}."
            )
        return AskInput.checked(value)
    raise InvalidInput(
        'Give the assistant a question, or a dict with "question" (and optionally "history", '
        f'"date_from", "date_to", "sources"), not {type(value).__name__}.'
    )


class AssistantRunnable(Runnable[Any, dict[str, Any]]):
    """The whole assistant: a question in, ``Answer.to_dict()`` out.

    ``stream`` yields the reply as it grows (``{"text": ...}``, with an LLM answerer) and
    ends with the whole ``Answer.to_dict()``; ``batch`` answers several in threads.
    """

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    @property
    def InputType(self) -> type[AskInput]:
        """What ``as_tool`` offers a model as arguments; a plain string works too."""
        return AskInput

    def invoke(
        self, input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        return record_as_data(_ask_request(input).ask(self.assistant))[0].to_dict()

    def stream(
        self, input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[dict[str, Any]]:
        for partial in _ask_request(input).partials(self.assistant):
            if partial.answer is None:
                yield {"text": as_data(partial.text).text}
            else:
                yield record_as_data(partial.answer)[0].to_dict()


def as_retriever(assistant: Assistant, **parameters: Any) -> NewsRetriever:
    """A LangChain retriever over ``assistant``'s index (``k``, filters, ``mode``)."""
    return NewsRetriever(assistant=assistant, **parameters)


def as_runnable(assistant: Assistant) -> AssistantRunnable:
    return AssistantRunnable(assistant)
