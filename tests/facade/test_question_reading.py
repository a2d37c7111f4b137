"""Reading a question in one place (issue 26, item 3): the question, the conversation, the
as-of day and the time mode in; one ``PreparedQuestion`` out, each part named."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from assistant.answering.dating import TimeAsked
from assistant.config import Settings, TimeMode
from assistant.errors import InvalidInput
from assistant.facade import Assistant
from assistant.facade.question_reading import PreparedQuestion, prepare_question, time_asked
from assistant.index.store import Store
from assistant.protocols import Retriever
from assistant.records import Filters

HISTORY = [
    {"role": "user", "content": "Who claimed the Lere attack?"},
    {"role": "assistant", "content": "The Coordination of Azawad Movements (CMA) [1]"},
]


def test_the_prepared_question_names_each_part(fake_seed_assistant: Assistant) -> None:
    prepared = prepare_question(fake_seed_assistant, "  When did they sign a peace deal?  ",
                                HISTORY)  # fmt: skip
    assert [f.name for f in dataclasses.fields(PreparedQuestion)] == [
        "question", "standalone", "time", "filters", "retrieved", "timings",
    ]  # fmt: skip
    assert prepared.question == "When did they sign a peace deal?"
    assert prepared.standalone == "When did the CMA sign a peace deal?"
    assert prepared.time.plan.query == prepared.standalone and not prepared.time.fallback
    assert prepared.filters == Filters() and prepared.retrieved.passages
    assert {"condense_ms", "time_ms", "windows_ms", "retrieve_ms"} <= set(prepared.timings)
    with pytest.raises(dataclasses.FrozenInstanceError):
        prepared.question = "changed"  # type: ignore[misc]


def test_a_window_the_question_names_narrows_the_plan_not_the_callers_filters(
    fake_seed_assistant: Assistant,
) -> None:
    mine = Filters(sources=("lere-attack-2024-05-27",))
    prepared = prepare_question(fake_seed_assistant, "Who attacked the camps in May 2024?",
                                filters=mine, for_reading=False)  # fmt: skip
    plan = prepared.time.plan
    assert prepared.filters == mine and "windows_ms" not in prepared.timings
    assert (plan.filters.date_from, plan.filters.date_to) == (dt.date(2024, 5, 1),
                                                              dt.date(2024, 5, 31))  # fmt: skip
    assert plan.filters.sources == mine.sources and plan.query == "Who attacked the camps?"


def test_the_assistant_answers_from_the_prepared_question(fake_seed_assistant: Assistant) -> None:
    question = "How many soldiers were killed?"
    answer, retrieved = fake_seed_assistant.run(question, as_of="2024-06-01")
    prepared = prepare_question(fake_seed_assistant, question, as_of="2024-06-01")
    assert [p.chunk_id for p in retrieved.passages] == [
        p.chunk_id for p in prepared.retrieved.passages
    ]
    assert answer.time is not None and answer.time.as_of == "2024-06-01"
    assert prepared.time.plan.scope is not None and prepared.time.plan.recent


def test_time_asked_checks_the_as_of_day_first_then_the_mode() -> None:
    assert time_asked() == TimeAsked()
    assert time_asked("2024-05-30", "off", "2024-06-10") == TimeAsked(
        dt.date(2024, 5, 30), TimeMode.OFF, dt.date(2024, 6, 10)
    )
    with pytest.raises(InvalidInput, match="as_of='soon'"):
        time_asked("soon", "maybe")
    with pytest.raises(InvalidInput, match="time='maybe'"):
        time_asked(None, "maybe")


class _Closed:
    """An archive whose index must not be opened: the question is checked first."""

    settings = Settings()

    @property
    def retriever(self) -> Retriever:
        raise AssertionError("the index was opened before the question was checked")

    @property
    def store(self) -> Store:
        raise AssertionError("the index was opened before the question was checked")


def test_the_question_and_mode_are_checked_before_the_index_is_opened() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        prepare_question(_Closed(), "   ", mode="nonsense")
    with pytest.raises(InvalidInput, match="mode"):
        prepare_question(_Closed(), "Who?", mode="nonsense")
    with pytest.raises(InvalidInput, match="as_of"):
        prepare_question(_Closed(), "", as_of="soon")
