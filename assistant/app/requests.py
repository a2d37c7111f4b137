"""The one request every door builds: a question for the archive, optionally narrowed.

``/api/ask``'s body is this model (and its ``stream`` flag), LangChain's ``AskInput`` is
this model; its fields are ``Assistant.ask``'s and ``Assistant.stream``'s arguments, and
``ask`` / ``partials`` hand them to the facade, so a field added here reaches every door
that builds the request. The model checks shapes (a list of strings, a mode it knows);
what the words mean (a date, an empty question, its length) the facade checks, as it
does for every caller.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, Self

from pydantic import BaseModel, Field, ValidationError

from assistant.errors import InvalidInput
from assistant.facade import Assistant
from assistant.records import Answer, Partial


def invalid_fields(errors: Sequence[Mapping[str, Any]], skip: int = 0) -> str:
    """Pydantic's errors as one line: which fields and why, never the values sent (a NaN
    echoed back could not even be written as JSON). ``skip`` drops the leading parts of
    each field's location (FastAPI's "body")."""
    fields = (
        f"{'.'.join(str(part) for part in e['loc'][skip:]) or 'body'}: {e['msg']}"
        for e in errors[:5]
    )
    return "Invalid request: " + "; ".join(fields)


class AskRequest(BaseModel):
    """A question for the news archive, optionally narrowed."""

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
    mode: Literal["hybrid", "dense", "bm25"] | None = Field(
        None, description="Which search finds the passages: hybrid (the default), dense or bm25"
    )

    @classmethod
    def checked(cls, arguments: Mapping[str, Any]) -> Self:
        """The request from a caller's arguments; a shape the model refuses is an
        ``InvalidInput`` naming the fields and why (never the values sent)."""
        try:
            return cls.model_validate(dict(arguments))
        except ValidationError as error:
            raise InvalidInput(invalid_fields(error.errors())) from None

    def options(self) -> dict[str, Any]:
        """The facade's keyword arguments: the filters, the time and the search mode."""
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "sources": self.sources,
            "mode": self.mode,
            "as_of": self.as_of,
            "time": self.time,
        }

    def ask(self, assistant: Assistant) -> Answer:
        """The answer, cited (``Assistant.ask``)."""
        return assistant.ask(self.question, self.history, **self.options())

    def partials(self, assistant: Assistant) -> Iterator[Partial]:
        """The reply as it is written, then the answer (``Assistant.stream``)."""
        return assistant.stream(self.question, self.history, **self.options())
