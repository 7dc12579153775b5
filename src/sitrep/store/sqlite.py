"""The embedded SQLite store (the default): one file, WAL journal, FTS5 full-text search."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sitrep.errors import SearchQueryError, StoreError
from sitrep.store.browse import TextMatch
from sitrep.store.database import SQLITE, Database
from sitrep.store.sqlstore import SQLStore

_FTS_TOKEN = re.compile(r'"[^"]*"|\S+')
_FTS_OPERATORS = frozenset(("AND", "OR", "NOT"))
# RETURNING (the review log) came with SQLite 3.35.0, in March 2021.
_OLDEST_SQLITE = (3, 35, 0)


class SQLiteStore(SQLStore):
    """A `Store` in one SQLite file. Open with `SQLiteStore.open(path)`."""

    errors = (sqlite3.Error,)
    query_errors = (sqlite3.OperationalError,)

    @classmethod
    def open(cls, path: str | Path, *, check_same_thread: bool = True) -> SQLiteStore:
        """`check_same_thread` False lets a server make the connection on one thread and use
        it on another; the caller then keeps the uses from overlapping."""
        name = str(path)
        if sqlite3.sqlite_version_info < _OLDEST_SQLITE:
            raise StoreError(
                f"SQLite {sqlite3.sqlite_version} is too old for the store at {name}",
                "use a Python built with SQLite 3.35 or later",
            )
        try:
            connection = sqlite3.connect(
                name, isolation_level=None, timeout=30, check_same_thread=check_same_thread
            )
            store = cls(Database(connection, SQLITE), name)
            _configure(connection)
            store._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open store {name}: {error}") from error
        return store

    def _has_migrations_table(self) -> bool:
        found = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        )
        return found.fetchone() is not None

    def _text_match(self, query: str) -> TextMatch:
        """FTS5 over title and text, the title weighing five times the text in bm25."""
        return TextMatch(
            source="articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid",
            condition="articles_fts MATCH ?",
            rank="bm25(articles_fts, 5.0, 1.0)",
            snippet="snippet(articles_fts, 1, '[', ']', ' … ', 16)",
            params=(to_fts_query(query),),
        )


def _configure(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")


def to_fts_query(query: str) -> str:
    """A forgiving FTS5 query: every word is quoted (so "al-Shaddadi" and "U.S." work), quoted
    phrases stay phrases, AND/OR/NOT stay operators and a trailing * keeps a prefix search."""
    parts = []
    for token in _FTS_TOKEN.findall(query):
        if token in _FTS_OPERATORS or (
            token.startswith('"') and token.endswith('"') and len(token) > 1
        ):
            parts.append(token)
            continue
        prefix = token.endswith("*") and len(token) > 1
        word = token.rstrip("*").replace('"', '""')
        parts.append(f'"{word}"' + ("*" if prefix else ""))
    if not parts:
        raise SearchQueryError("empty search query")
    return " ".join(parts)
