"""Records kept as JSON in the store and read back as the same typed records: the summaries of
claim groups and events (migration 0006_summaries), which list pages read instead of building
each group and event again from its every report.

The codec is driven by the records' type hints, so a field added to a record is kept without a
change here: nested records become objects, tuples arrays, days ISO strings, and the infinite
bounds of an open figure ("more than 20" has no ceiling) JSON's `Infinity`, which Python's json
reads and writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing
from typing import Any, TypeVar

from sitrep.reconcile.claims import ClaimGroup, summarized
from sitrep.reconcile.events import MergedEvent, summarized_event

T = TypeVar("T")


def group_summary(group: ClaimGroup) -> str:
    """The JSON of the group's summary (`claims.summarized`)."""
    return _dumps(summarized(group))


def read_group_summary(text: str) -> ClaimGroup:
    return _record(ClaimGroup, json.loads(text))


def event_summary(event: MergedEvent) -> str:
    """The JSON of the event's summary (`events.summarized_event`)."""
    return _dumps(summarized_event(event))


def read_event_summary(text: str) -> MergedEvent:
    return _record(MergedEvent, json.loads(text))


def _dumps(record: Any) -> str:
    return json.dumps(_encode(record), ensure_ascii=False, separators=(",", ":"))


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _encode(getattr(value, name)) for name in _fields(type(value))}
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _decode(hint: Any, value: Any) -> Any:
    """`value`, read from JSON, as the type `hint` names."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _decode(next(arg for arg in typing.get_args(hint) if arg is not type(None)), value)
    if origin is tuple:
        return _decode_tuple(typing.get_args(hint), value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(hint, value)
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    return value  # str, int, float, bool and Literal values are JSON's as they are


def _record(record_type: type[T], value: dict[str, Any]) -> T:
    hints = _fields(record_type)  # type: ignore[arg-type]  # a class is hashable; mypy misreads
    return record_type(**{name: _decode(hints[name], item) for name, item in value.items()})


def _decode_tuple(args: tuple[Any, ...], value: list[Any]) -> tuple[Any, ...]:
    if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
        return tuple(_decode(args[0], item) for item in value)
    return tuple(_decode(arg, item) for arg, item in zip(args, value, strict=True))


@functools.cache
def _fields(record_type: type) -> dict[str, Any]:
    """The record's fields and their types, resolved once per type."""
    hints = typing.get_type_hints(record_type)
    return {field.name: hints[field.name] for field in dataclasses.fields(record_type)}
