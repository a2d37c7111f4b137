"""The assistant as LangChain parts: a retriever over an index, and the whole assistant
as a ``Runnable``.

So ``retriever | prompt | llm`` chains, and agents (``as_tool``), use the same hybrid
search and the same cited answers as the web app: the retriever's ``Document``s carry
the passage's article metadata and its exact offsets in the article text; the
runnable's output is ``Answer.to_dict()``, as from the HTTP API. Both go on to a model or
an agent, so the article's words in them are data (``text.records_as_data``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import InvalidInput
from assistant.facade import Assistant
from assistant.records import Passage
from assistant.text.as_data import as_data
from assistant.text.records_as_data import record_as_data


class AskInput(BaseModel):
    """A question for the news archive, optionally narrowed (the tool's arguments)."""

    question: str = Field(description="The question, in plain words")
    history: list[dict[str, Any]] | None = Field(
        None, description='Earlier turns: [{"role": "user"|"assistant", "content": ...}]'
    )
    date_from: str | None = Field(None, description="Only articles from this date, YYYY-MM-DD")
    date_to: str | None = Field(None, description="Only articles up to this date, YYYY-MM-DD")
    sources: list[str] | None = Field(None, description="Only articles from these sources")
    as_of: str | None = Field(
        None, description="Answer from what was published up to this date, YYYY-MM-DD"
    )
    time: Literal["auto", "off"] = Field(
        "auto", description="auto: time words in the question filter and order; off: ignore them"
    )

    def filters(self) -> dict[str, Any]:
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "sources": self.sources,
            "as_of": self.as_of,
            "time": self.time,
        }


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


def _ask_arguments(value: Any) -> dict[str, Any]:
    """A question, or ``{"question": ..., "history": ..., "date_from": ..., ...}``."""
    if isinstance(value, str):
        return {"question": value}
    if isinstance(value, dict) and "question" in value:
        unknown = set(value) - _ASK_KEYS
        if unknown:
            raise InvalidInput(
                f"Unknown keys {sorted(unknown)}; the assistant takes {sorted(_ASK_KEYS)}."
            )
        return dict(value)
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
        arguments = _ask_arguments(input)
        question, history = arguments.pop("question"), arguments.pop("history", None)
        return record_as_data(self.assistant.ask(question, history, **arguments))[0].to_dict()

    def stream(
        self, input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[dict[str, Any]]:
        arguments = _ask_arguments(input)
        question, history = arguments.pop("question"), arguments.pop("history", None)
        for partial in self.assistant.stream(question, history, **arguments):
            if partial.answer is None:
                yield {"text": as_data(partial.text).text}
            else:
                yield record_as_data(partial.answer)[0].to_dict()


def as_retriever(assistant: Assistant, **parameters: Any) -> NewsRetriever:
    """A LangChain retriever over ``assistant``'s index (``k``, filters, ``mode``)."""
    return NewsRetriever(assistant=assistant, **parameters)


def as_runnable(assistant: Assistant) -> AssistantRunnable:
    return AssistantRunnable(assistant)
