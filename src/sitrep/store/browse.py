"""Read-only queries of the SQL stores that the web UI lists: articles by filter, the sources
who speak and what they said, the actors named and how often.

Places and actors are matched on their records' canonical names (the `name` of "places" and
"actors" annotations), folded as `event_tables.fold` folds them, so that "al-Shaddadi" finds
"Al-Shaddadi": the `names` table (migration 0007_names) keeps each name with its folded form,
written with the annotations, so the folding is Python's in both stores.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sitrep.model import Quote, Span, record_from_row
from sitrep.store.base import ArticleFilter, NameCount, Said, SearchHit
from sitrep.store.database import Database
from sitrep.store.event_tables import fold
from sitrep.store.sql import page_clause, stored_date

# The kinds whose records' canonical `name` the filters look for.
NAMED_KINDS = ("places", "actors")


@dataclass(slots=True, frozen=True)
class TextMatch:
    """How a store finds articles by words (SQLite's FTS5, PostgreSQL's text search): its
    FROM clause, which names the articles `a`; the condition; the ranking, best first; the
    snippet; and the parameters of the FROM clause and of the condition, in that order."""

    source: str
    condition: str
    rank: str
    snippet: str
    params: tuple[Any, ...]


def search_words(query: str) -> str:
    """The words to search for: a control character (NUL among them, which neither FTS5 nor
    PostgreSQL takes in a query) is a space, and blanks around are dropped."""
    return "".join(c if c.isprintable() else " " for c in query).strip()


def browse_articles(
    db: Database, where: ArticleFilter, limit: int, offset: int, match: TextMatch | None
) -> list[SearchHit]:
    """Articles matching `where`; with query words (`match`) the best matches first, with a
    snippet, else the latest first."""
    conditions, params = _conditions(db, where)
    if match is not None:
        sql = (
            f"SELECT a.id, a.title, a.outlet, a.published, {match.snippet}, a.copy_of"
            f" FROM {match.source} WHERE {' AND '.join([match.condition, *conditions])}"
            f" ORDER BY {match.rank}, a.id"
        )
        params = [*match.params, *params]
    else:
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, substr(a.text, 1, 200), a.copy_of"
            f" FROM articles AS a{' WHERE ' + ' AND '.join(conditions) if conditions else ''}"
            " ORDER BY a.published IS NULL, a.published DESC, a.id"
        )
    page, values = page_clause(db.dialect, limit, offset)
    rows = db.execute(sql + page, [*params, *values])
    return [SearchHit(i, t, o, stored_date(p), s, c) for i, t, o, p, s, c in rows]


def _conditions(db: Database, where: ArticleFilter) -> tuple[list[str], list[Any]]:
    found: list[tuple[str, list[Any]]] = []
    if where.outlet:
        found.append(("a.outlet = ?", [where.outlet]))
    if where.since:
        found.append(("a.published >= ?", [where.since.isoformat()]))
    if where.until:
        found.append(("a.published <= ?", [where.until.isoformat()]))
    if where.place:
        found.append((_names_condition(db), ["places", "places", f"%{fold(where.place)}%"]))
    if where.actor:
        found.append((_names_condition(db), ["actors", "actors", f"%{fold(where.actor)}%"]))
    return [sql for sql, _ in found], [value for _, values in found for value in values]


def _names_condition(db: Database) -> str:
    """An article names a place or an actor whose folded name holds the words: looked up
    through the annotations' primary key, by article, among the few names that match."""
    name = db.dialect.json_text("an.attrs", "name")
    return f"""EXISTS (SELECT 1 FROM annotations AS an WHERE an.article_id = a.id AND an.kind = ?
    AND {name} IN (SELECT name FROM names WHERE kind = ? AND folded LIKE ?))"""


def write_names(db: Database, records: Iterable[tuple[str, Span]]) -> None:
    """Keep the canonical name of every (kind, record) of the named kinds, with its folded form."""
    names = {
        (kind, name)
        for kind, record in records
        if kind in NAMED_KINDS and isinstance(name := getattr(record, "name", None), str)
    }
    db.executemany(
        "INSERT INTO names (kind, name, folded) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        sorted((kind, name, fold(name)) for kind, name in names),
    )


def fill_names(db: Database) -> None:
    """Every name already annotated (a store from before the table), folded."""
    name = db.dialect.json_text("attrs", "name")
    rows = db.execute(
        f"SELECT DISTINCT kind, {name} FROM annotations"
        f" WHERE kind IN ({','.join('?' * len(NAMED_KINDS))}) AND {name} IS NOT NULL",
        NAMED_KINDS,
    ).fetchall()
    db.executemany(
        "INSERT INTO names (kind, name, folded) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(kind, found, fold(found)) for kind, found in rows],
    )


def outlets(db: Database) -> list[tuple[str, int]]:
    rows = db.execute(
        "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL"
        " GROUP BY outlet ORDER BY count(*) DESC, outlet"
    )
    return [(name, count) for name, count in rows]


def source_counts(db: Database, limit: int, offset: int) -> list[NameCount]:
    """Sources by how many statements they made, across articles; `detail` their most given
    role or organisation."""
    dialect = db.dialect
    detail = f"coalesce({dialect.json_text('attrs', 'role')}, {dialect.json_text('attrs', 'org')})"
    statements = dialect.json_number("attrs", "statements")
    page, values = page_clause(dialect, limit, offset)
    rows = db.execute(
        f"""SELECT {dialect.json_text("attrs", "name")}{dialect.collate} AS name, max({detail}),
               count(DISTINCT article_id), sum(coalesce({statements}, 0))
           FROM annotations WHERE kind = 'sources' GROUP BY name
           ORDER BY 4 DESC, 3 DESC, name{page}""",
        values,
    )
    return [NameCount(name, detail, articles, int(count)) for name, detail, articles, count in rows]


def source_statements(db: Database, name: str, limit: int) -> list[Said]:
    """What one source said, latest article first."""
    rows = db.execute(
        f"""SELECT a.id, a.title, a.outlet, a.published, an.start_char, an.end_char, an.attrs
           FROM annotations AS an JOIN articles AS a ON a.id = an.article_id
           WHERE an.kind = 'quotes' AND {db.dialect.json_text("an.attrs", "source")} = ?
           ORDER BY a.published IS NULL, a.published DESC, a.id, an.seq LIMIT ?""",
        (name, limit),
    )
    return [_said(row) for row in rows]


def _said(row: tuple[Any, ...]) -> Said:
    article_id, title, outlet, published, start, end, attrs = row
    quote = record_from_row("quotes", start, end, json.loads(attrs) if attrs else {})
    assert isinstance(quote, Quote)
    return Said(article_id, title, outlet, stored_date(published), quote)


def actor_counts(db: Database, limit: int, offset: int) -> list[NameCount]:
    """Actors by how many articles name them; `detail` their type."""
    dialect = db.dialect
    page, values = page_clause(dialect, limit, offset)
    rows = db.execute(
        f"""SELECT {dialect.json_text("attrs", "name")}{dialect.collate} AS name,
               max({dialect.json_text("attrs", "type")}), count(DISTINCT article_id), count(*)
           FROM annotations WHERE kind = 'actors' GROUP BY name
           ORDER BY 3 DESC, 4 DESC, name{page}""",
        values,
    )
    return [NameCount(name, detail, articles, count) for name, detail, articles, count in rows]
