"""Small helpers the SQLite modules share: parameter marks, chunks of parameters, stored days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence, Sized
from typing import TypeVar

T = TypeVar("T")
# SQLite's default limit on host parameters in one statement is 32766; stay well below it.
MAX_PARAMETERS = 900


def stored_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def marks(items: Sized) -> str:
    return ",".join("?" * len(items))


def chunks(items: Sequence[T], size: int = MAX_PARAMETERS) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
