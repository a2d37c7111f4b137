"""Every record round-trips through ``codec`` and through JSON (issue 26: one reply shape).

The records are found by introspection (every dataclass ``assistant.records`` and
``assistant.timeline_records`` define), so a new record is covered the day it is added;
each is filled field by field from its type hints with values that differ from the
defaults, so a field lost on the way would show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
from typing import Any, Union, get_args, get_origin, get_type_hints

import numpy as np
import pytest

from assistant import records, timeline_records
from assistant.codec import from_data, to_data

# An internal hand-over, never a reply: it carries the question's vector for re-ranking.
NOT_REPLIES = {"Retrieved"}
RECORDS = sorted(
    (kind for module in (records, timeline_records) for kind in vars(module).values()
     if isinstance(kind, type) and dataclasses.is_dataclass(kind)
     and kind.__module__ == module.__name__ and kind.__name__ not in NOT_REPLIES),
    key=lambda kind: kind.__name__,
)  # fmt: skip


DAYS = {"date", "day", "start", "date_from", "date_to", "as_of", "reference"}


def sample(hint: Any, salt: int = 1, name: str = "") -> Any:
    """A value of type ``hint`` unlike its default: records nested, tuples with items; a
    string field that holds a day (``DAYS``) an ISO day, as records read them."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        arg = next(a for a in get_args(hint) if a is not type(None))
        return None if arg is np.ndarray else sample(arg, salt, name)
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return (sample(args[0], salt), sample(args[0], salt + 1))
        return tuple(sample(a, salt) for a in args)
    if origin is list:
        return [sample(get_args(hint)[0], salt)]
    if origin is dict:
        return {"embed_ms": 1.5 + salt}
    if dataclasses.is_dataclass(hint):
        hints = get_type_hints(hint)
        values = {
            f.name: sample(hints[f.name], salt + n, f.name) for n, f in enumerate(fields(hint))
        }
        return hint(**values)
    if hint is dt.date or (hint is str and name in DAYS):
        day = dt.date(2024, 5, salt % 28 + 1)
        return day if hint is dt.date else day.isoformat()
    return {str: f"text {salt} «é»", int: 7 + salt, float: 0.25 + salt, bool: True}[hint]


def fields(kind: Any) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(kind)


def test_the_records_are_all_found() -> None:
    names = {kind.__name__ for kind in RECORDS}
    assert {"Article", "Passage", "Citation", "Answer", "AnswerTime", "Timeline"} <= names


@pytest.mark.parametrize("kind", RECORDS, ids=lambda kind: kind.__name__)
def test_every_record_round_trips_through_its_data_and_json(kind: type) -> None:
    record = sample(kind)
    data = to_data(record)
    assert from_data(kind, data) == record
    assert from_data(kind, json.loads(json.dumps(data))) == record
    names = getattr(kind, "JSON_NAMES", {})
    assert set(data) >= {names.get(f.name, f.name) for f in fields(kind)}


def test_json_names_extras_vectors_and_days() -> None:
    time = records.AnswerTime(date_from="2024-05-01", date_to="2024-05-31")
    assert list(to_data(time))[:2] == ["from", "to"] and "date_from" not in to_data(time)
    event = sample(timeline_records.TimelineEvent)
    assert to_data(event)["label"] == event.label  # an extra, ignored on the way back
    count = sample(timeline_records.PeriodCount)
    assert to_data(count)["count"] == count.count == 2
    chunk = dataclasses.replace(sample(records.StoredChunk), embedding=np.ones(4, np.float32))
    back = from_data(records.StoredChunk, json.loads(json.dumps(to_data(chunk))))
    np.testing.assert_array_equal(back.embedding, chunk.embedding)
    window = records.Filters(dt.date(2024, 5, 1), None, ("AFP",))
    assert to_data(window) == {"date_from": "2024-05-01", "date_to": None, "sources": ["AFP"]}
    assert from_data(records.Filters, to_data(window)) == window
