"""Small helpers the SQL modules share: parameter marks, chunks of parameters, stored days,
pages, and a location fit to show."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence, Sized
from typing import Any, TypeVar

from sitrep.store.database import Dialect

T = TypeVar("T")
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@/]*@|([?&]password=)[^&]*")
# SQLite's default limit on host parameters in one statement is 32766 (PostgreSQL's 65535);
# stay well below both.
MAX_PARAMETERS = 900


def stored_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def marks(items: Sized) -> str:
    return ",".join("?" * len(items))


def chunks(items: Sequence[T], size: int = MAX_PARAMETERS) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def page_clause(dialect: Dialect, limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """` LIMIT ? OFFSET ?` for a page, or nothing; an offset alone still needs a LIMIT."""
    if limit is None and not offset:
        return "", []
    if limit is None:
        return f" LIMIT {dialect.no_limit} OFFSET ?", [offset]
    return " LIMIT ? OFFSET ?", [limit, offset]


def without_password(location: str) -> str:
    """A store's location as messages show it: a URL's password is never printed."""
    return _PASSWORD.sub(lambda m: f"{m[1]}***@" if m[1] else f"{m[2]}***", location)
