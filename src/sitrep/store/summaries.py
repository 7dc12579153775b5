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
from collections.abc import Callable
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
        defaults = _defaults(type(value))
        return {
            name: _encode(field)
            for name in _fields(type(value))
            if (field := getattr(value, name)) != defaults.get(name, _NO_DEFAULT)
        }
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


Decoder = Callable[[Any], Any]


def _record(record_type: type[T], value: dict[str, Any]) -> T:
    decoder = _decoder(record_type)  # type: ignore[arg-type]  # a class is hashable; mypy misreads
    found: T = decoder(value)
    return found


@functools.cache
def _decoder(hint: Any) -> Decoder:
    """A function that reads a JSON value as the type `hint` names, made once per type: a list
    page reads hundreds of summaries, and walking the type hints each time cost half of it."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(arg for arg in typing.get_args(hint) if arg is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        return _tuple_decoder(typing.get_args(hint))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    if hint is dt.date:
        return dt.date.fromisoformat
    return _as_is  # str, int, float, bool and Literal values are JSON's as they are


def _as_is(value: Any) -> Any:
    return value


def _record_decoder(record_type: type) -> Decoder:
    """Only the fields that need it are converted (records, tuples, days); the rest, most of
    them, are JSON's values as they are."""
    fields = {name: _decoder(hint) for name, hint in _fields(record_type).items()}
    converted = {name: decode for name, decode in fields.items() if decode is not _as_is}

    def decode(value: dict[str, Any]) -> Any:
        given = dict(value)
        for name, convert in converted.items():
            if name in given:
                given[name] = convert(given[name])
        return record_type(**given)

    return decode


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
        each = _decoder(args[0])
        return lambda value: tuple(map(each, value))
    parts = [_decoder(arg) for arg in args]
    return lambda value: tuple(part(item) for part, item in zip(parts, value, strict=True))


_NO_DEFAULT = object()


@functools.cache
def _defaults(record_type: type) -> dict[str, Any]:
    """The fields that have a default, and it: a field at its default is left out of the JSON,
    and takes it again when read (most of a claim's fields are None: a summary half the size
    reads in half the time)."""
    return {
        field.name: field.default
        for field in dataclasses.fields(record_type)
        if field.default is not dataclasses.MISSING
    }


@functools.cache
def _fields(record_type: type) -> dict[str, Any]:
    """The record's fields and their types, resolved once per type."""
    hints = typing.get_type_hints(record_type)
    return {field.name: hints[field.name] for field in dataclasses.fields(record_type)}
