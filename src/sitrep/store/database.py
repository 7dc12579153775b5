"""One connection, either SQL dialect: statements are written once, with `?` marks, and the few
phrases the two dialects spell differently come from the `Dialect`.

SQLite and PostgreSQL share almost all of the store's SQL. Where they differ, the dialect gives
the words: a null-safe comparison (SQLite's `IS`, PostgreSQL's `IS NOT DISTINCT FROM`), a JSON
field of the `attrs` text, how a write transaction begins (PostgreSQL takes the store's write
lock, so that concurrent writers merge events and claims one after the other, as SQLite's
`BEGIN IMMEDIATE` makes them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol


@dataclass(slots=True, frozen=True)
class Dialect:
    """The phrases one SQL dialect spells its own way."""

    name: str  # also the migrations' sub-package
    same: str  # null-safe equality: NULL is NULL
    differs: str  # its negation
    begin_write: tuple[str, ...]  # the statements that open a write transaction
    no_limit: str  # a LIMIT that keeps every row, for an OFFSET alone
    collate: str  # after ORDER BY text: code point order, as Python sorts

    def json_text(self, column: str, key: str) -> str:
        """The text of `key` in the JSON object stored as text in `column`."""
        if self.name == "sqlite":
            return f"json_extract({column}, '$.{key}')"
        return f"(({column})::jsonb ->> '{key}')"

    def json_number(self, column: str, key: str) -> str:
        if self.name == "sqlite":
            return self.json_text(column, key)
        return f"{self.json_text(column, key)}::double precision"


SQLITE = Dialect("sqlite", "IS", "IS NOT", ("BEGIN IMMEDIATE",), "-1", "")
# 0x5174_7265_70 spells "sitrep" loosely; any constant shared by every sitrep writer will do.
WRITE_LOCK = 0x5174726570
POSTGRESQL = Dialect(
    "postgresql",
    "IS NOT DISTINCT FROM",
    "IS DISTINCT FROM",
    ("BEGIN", f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"),
    "ALL",
    ' COLLATE "C"',
)


class Cursor(Protocol):
    """What the store reads from a DB-API cursor."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def cursor(self) -> Any: ...

    def close(self) -> None: ...


class Database:
    """A DB-API connection in autocommit mode with its dialect; `transaction()` groups writes."""

    def __init__(self, connection: Connection, dialect: Dialect) -> None:
        self.connection = connection
        self.dialect = dialect
        self._translate = _as_is if dialect is SQLITE else _pyformat

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        cursor = self.connection.cursor()
        cursor.execute(self._translate(sql), params)
        return cursor  # type: ignore[no-any-return]

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            self.connection.cursor().executemany(self._translate(sql), rows)

    def script(self, sql: str) -> None:
        """Several statements without parameters (a migration), inside the open transaction:
        sqlite3's own `executescript` would commit it first, so SQLite gets one at a time."""
        if self.dialect is SQLITE:
            for statement in sqlite_statements(sql):
                self.connection.cursor().execute(statement)
        else:
            self.connection.cursor().execute(sql)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing; writers wait for each other."""
        for statement in self.dialect.begin_write:
            self.execute(statement)
        try:
            yield self
        except BaseException:
            self.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def close(self) -> None:
        self.connection.close()


def sqlite_statements(script: str) -> Iterator[str]:
    """The statements of a script, split where SQLite says one is complete (a trigger's body
    holds semicolons of its own)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip() and not _only_comments(pending):
        yield pending


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("--") for line in text.splitlines())


def _as_is(sql: str) -> str:
    return sql


@lru_cache(maxsize=512)  # the store's statements are a few hundred fixed texts
def _pyformat(sql: str) -> str:
    """`?` marks as psycopg's `%s`; a literal `%` doubled. The store's SQL has no `?` or `%`
    inside string literals, so a plain replacement is exact."""
    return sql.replace("%", "%%").replace("?", "%s")
