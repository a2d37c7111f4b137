"""Records to JSON-ready data and back: the one serialization every door and store uses.

A record (a frozen dataclass of ``assistant.records``) becomes a dict of its fields in
order, nested records and tuples becoming dicts and lists, days ISO strings and vectors
lists; ``from_data`` rebuilds the record from that (or from its JSON) by the fields'
types, so every record round-trips without a hand-written ``to_dict``/``from_dict``
pair to drift apart. A record may rename fields for JSON (``JSON_NAMES``: ``date_from``
is ``"from"``) and add read-only properties to its JSON (``JSON_EXTRAS``: a timeline
event's ``label``); extras are ignored on the way back.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

import numpy as np

R = TypeVar("R")


def to_data(value: Any) -> Any:
    """``value`` as JSON-ready data: dicts, lists, strings, numbers, booleans and None."""
    if is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        names: Mapping[str, str] = getattr(kind, "JSON_NAMES", {})
        data = {names.get(f.name, f.name): to_data(getattr(value, f.name)) for f in fields(kind)}
        for extra in getattr(kind, "JSON_EXTRAS", ()):
            data[extra] = to_data(getattr(value, extra))
        return data
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {key: to_data(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, Enum):
        return value.value
    return value


def from_data(kind: type[R], data: Mapping[str, Any]) -> R:
    """The ``kind`` record that ``to_data`` made ``data`` from (missing fields default)."""
    names: Mapping[str, str] = getattr(kind, "JSON_NAMES", {})
    hints = _hints(kind)  # type: ignore[arg-type]
    values = {
        f.name: _typed(hints[f.name], data[names.get(f.name, f.name)])
        for f in fields(kind)  # type: ignore[arg-type]
        if names.get(f.name, f.name) in data
    }
    return kind(**values)


@cache
def _hints(kind: type) -> dict[str, Any]:
    return get_type_hints(kind)


def _typed(hint: Any, value: Any) -> Any:
    """``value`` (JSON-ready) as the type ``hint`` names."""
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return _typed(next(arg for arg in get_args(hint) if arg is not type(None)), value)
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_typed(args[0], item) for item in value)
        return tuple(_typed(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is list:
        return [_typed(get_args(hint)[0], item) for item in value]
    if origin is dict:
        return dict(value)
    if isinstance(hint, type) and is_dataclass(hint):
        return from_data(hint, value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if hint is np.ndarray:
        return np.asarray(value, dtype=np.float32)
    return value
