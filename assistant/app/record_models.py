"""Pydantic models of the records, generated from their fields: the JSON API's replies.

``record_model(Answer)`` is ``Answer.to_dict()``'s schema by construction: the record's
fields in order under their JSON names (``JSON_NAMES``), then its ``JSON_EXTRAS``, nested
records as their own models, tuples as lists, as ``codec.to_data`` writes them. So the
OpenAPI document shows every reply and no record's fields are declared twice; a field
added to a record is in its schema the same day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, create_model

_CONFIG = ConfigDict(populate_by_name=True, serialize_by_alias=True)


@cache
def record_model(record: type) -> type[BaseModel]:
    """The model of ``record``'s JSON (``codec.to_data``), named ``<Record>Reply``."""
    hints = get_type_hints(record)
    names: dict[str, str] = getattr(record, "JSON_NAMES", {})
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        alias = names.get(field.name)
        fields[field.name] = (_json_type(hints[field.name]), Field(..., alias=alias))
    for extra in getattr(record, "JSON_EXTRAS", ()):
        returned = get_type_hints(getattr(record, extra).fget)["return"]
        fields[extra] = (_json_type(returned), Field(...))
    model: type[BaseModel] = create_model(
        f"{record.__name__}Reply", __config__=_CONFIG, __doc__=record.__doc__, **fields
    )
    return model


def _json_type(hint: Any) -> Any:
    """The type ``hint``'s value has once ``codec.to_data`` has written it."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        converted = [_json_type(arg) for arg in args]
        return Union[tuple(converted)]  # noqa: UP007 (built from a list)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return list[_json_type(args[0])]  # type: ignore[misc]
    if origin is list:
        return list[_json_type(args[0])]  # type: ignore[misc]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return record_model(hint)
    if hint is dt.date:
        return str
    if hint is np.ndarray:
        return list[float]
    return hint
