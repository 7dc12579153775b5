"""The PostgreSQL store, for teams: `--db postgresql://user:password@host:port/database`.

The same tables, migrations and queries as the SQLite store (`sqlstore`), with PostgreSQL's own
full-text search (a weighted `tsvector` column with a GIN index) in place of FTS5. Writers on
several machines are safe: each write transaction first takes the store's advisory lock, so
that the merging of events and the grouping of claims run one writer after the other, as
SQLite's `BEGIN IMMEDIATE` makes them; readers never wait.
"""

from __future__ import annotations

import re

import psycopg

from sitrep.errors import SearchQueryError, StoreError
from sitrep.store.browse import TextMatch
from sitrep.store.database import POSTGRESQL, Database
from sitrep.store.sql import without_password
from sitrep.store.sqlstore import SQLStore

_TOKEN = re.compile(r'"[^"]*"|\S+')
_WORD = re.compile(r"\w+")
# Title against text in the ranking: weights of D, C, B (text) and A (title), as ts_rank takes
# them; the title weighs five times the text, as in the SQLite store's bm25.
_WEIGHTS = "'{0.1, 0.1, 0.2, 1.0}'"
_HEADLINE = "'StartSel=[, StopSel=], MinWords=8, MaxWords=16, ShortWord=2'"
CONNECT_TIMEOUT = 10  # seconds: a server that does not answer by then is reported


class PostgresStore(SQLStore):
    """A `Store` in a PostgreSQL database. Open with `PostgresStore.open(url)`."""

    errors = (psycopg.Error,)
    query_errors = (psycopg.errors.SyntaxError,)

    @classmethod
    def open(cls, url: str) -> PostgresStore:
        """Connect and bring the schema up to date (tables are created on first use)."""
        shown = without_password(url)
        try:
            connection = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
        except psycopg.Error as error:
            raise StoreError(
                f"cannot connect to the store at {shown}: {_first_line(error)}",
                "check the URL, and that the server runs and lets this user in",
            ) from error
        store = cls(Database(connection, POSTGRESQL), shown)
        try:
            store._migrate()
        except psycopg.Error as error:
            connection.close()
            raise StoreError(f"cannot open store {shown}: {_first_line(error)}") from error
        return store

    def _has_migrations_table(self) -> bool:
        found = self._db.execute("SELECT to_regclass('schema_migrations') IS NOT NULL")
        return bool(found.fetchone()[0])

    def _text_match(self, query: str) -> TextMatch:
        """The same forgiving syntax as SQLite's: words, "phrases", prefix*, AND, OR, NOT."""
        expression, params = text_query(query)
        return TextMatch(
            source=f"articles AS a, (SELECT {expression} AS q) AS fts",
            condition="a.search @@ fts.q",
            rank=f"ts_rank({_WEIGHTS}, a.search, fts.q) DESC",
            snippet=f"ts_headline('english', a.text, fts.q, {_HEADLINE})",
            params=tuple(params),
        )


def text_query(query: str) -> tuple[str, list[str]]:
    """A tsquery expression and its parameters for `query`: each word, phrase or prefix becomes
    PostgreSQL's own query of it (stemmed as the text is), joined with && and ||. As in FTS5,
    NOT binds to the next term, AND binds tighter than OR, and words side by side must all be
    there."""
    alternatives: list[list[str]] = [[]]
    params: list[str] = []
    negate = False
    for token in _TOKEN.findall(query):
        if token in ("AND", "OR", "NOT"):
            negate = token == "NOT"
            if token == "OR":
                alternatives.append([])
            continue
        term = _term(token)
        if term is not None:
            alternatives[-1].append(("!!" if negate else "") + term[0])
            params.append(term[1])
        negate = False
    groups = ["(" + " && ".join(terms) + ")" for terms in alternatives if terms]
    if not groups:
        raise SearchQueryError("empty search query")
    return "(" + " || ".join(groups) + ")", params


def _term(token: str) -> tuple[str, str] | None:
    """(SQL, parameter) of one word, quoted phrase or prefix; None when nothing is left of it."""
    if token.startswith('"') and token.endswith('"') and len(token) > 1:
        return "phraseto_tsquery('english', ?)", token[1:-1]
    if token.endswith("*") and len(token) > 1:
        words = _WORD.findall(token)
        if not words:
            return None
        return "to_tsquery('english', ?)", " <-> ".join([*words[:-1], f"{words[-1]}:*"])
    return "plainto_tsquery('english', ?)", token


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
