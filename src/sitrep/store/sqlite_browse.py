"""Read-only queries of the SQLite store that the web UI lists: articles by filter, the sources
who speak and what they said, the actors named and how often.

Places and actors are matched on their records' canonical names (the `name` of "places" and
"actors" annotations), folded as `sqlite_events.fold` folds them, so that "al-Shaddadi" finds
"Al-Shaddadi".
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from sitrep.model import Quote, record_from_row
from sitrep.store.base import ArticleFilter, NameCount, Said, SearchHit
from sitrep.store.sql import stored_date
from sitrep.store.sqlite_events import fold

# An article names a place or an actor: looked up through the annotations' primary key, by article.
_NAMES = """EXISTS (SELECT 1 FROM annotations AS an WHERE an.article_id = a.id AND an.kind = ?
    AND sitrep_fold(json_extract(an.attrs, '$.name')) LIKE ?)"""


def browse_articles(
    db: sqlite3.Connection, where: ArticleFilter, limit: int, offset: int
) -> list[SearchHit]:
    """Articles matching `where`; with query words the best matches first (bm25, the title
    weighing five times the text) with a snippet, else the latest first."""
    _register_fold(db)
    conditions, params = _conditions(where)
    if where.query:
        from sitrep.store.sqlite import to_fts_query

        sql = (
            "SELECT a.id, a.title, a.outlet, a.published,"
            " snippet(articles_fts, 1, '[', ']', ' … ', 16), a.copy_of"
            " FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid"
            f" WHERE articles_fts MATCH ?{''.join(' AND ' + c for c in conditions)}"
            " ORDER BY bm25(articles_fts, 5.0, 1.0), a.id LIMIT ? OFFSET ?"
        )
        params = [to_fts_query(where.query), *params]
    else:
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, substr(a.text, 1, 200), a.copy_of"
            f" FROM articles AS a{' WHERE ' + ' AND '.join(conditions) if conditions else ''}"
            " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?"
        )
    rows = db.execute(sql, [*params, limit, offset])
    return [SearchHit(i, t, o, stored_date(p), s, c) for i, t, o, p, s, c in rows]


def _conditions(where: ArticleFilter) -> tuple[list[str], list[Any]]:
    found: list[tuple[str, list[Any]]] = []
    if where.outlet:
        found.append(("a.outlet = ?", [where.outlet]))
    if where.since:
        found.append(("a.published >= ?", [where.since.isoformat()]))
    if where.until:
        found.append(("a.published <= ?", [where.until.isoformat()]))
    if where.place:
        found.append((_NAMES, ["places", f"%{fold(where.place)}%"]))
    if where.actor:
        found.append((_NAMES, ["actors", f"%{fold(where.actor)}%"]))
    return [sql for sql, _ in found], [value for _, values in found for value in values]


def _register_fold(db: sqlite3.Connection) -> None:
    """`sitrep_fold` in SQL: the same folding the filters' words get."""
    db.create_function(
        "sitrep_fold", 1, lambda text: fold(text) if text else "", deterministic=True
    )


def outlets(db: sqlite3.Connection) -> list[tuple[str, int]]:
    rows = db.execute(
        "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL"
        " GROUP BY outlet ORDER BY count(*) DESC, outlet"
    )
    return [(name, count) for name, count in rows]


def source_counts(db: sqlite3.Connection, limit: int, offset: int) -> list[NameCount]:
    """Sources by how many statements they made, across articles; `detail` their most given
    role or organisation."""
    rows = db.execute(
        """SELECT json_extract(attrs, '$.name') AS name,
               max(coalesce(json_extract(attrs, '$.role'), json_extract(attrs, '$.org'))),
               count(DISTINCT article_id), sum(coalesce(json_extract(attrs, '$.statements'), 0))
           FROM annotations WHERE kind = 'sources' GROUP BY name
           ORDER BY 4 DESC, 3 DESC, name LIMIT ? OFFSET ?""",
        (limit, offset),
    )
    return [NameCount(name, detail, articles, count) for name, detail, articles, count in rows]


def source_statements(db: sqlite3.Connection, name: str, limit: int) -> list[Said]:
    """What one source said, latest article first."""
    rows = db.execute(
        """SELECT a.id, a.title, a.outlet, a.published, an.start_char, an.end_char, an.attrs
           FROM annotations AS an JOIN articles AS a ON a.id = an.article_id
           WHERE an.kind = 'quotes' AND json_extract(an.attrs, '$.source') = ?
           ORDER BY a.published IS NULL, a.published DESC, a.id, an.seq LIMIT ?""",
        (name, limit),
    )
    return [_said(row) for row in rows]


def _said(row: tuple[Any, ...]) -> Said:
    article_id, title, outlet, published, start, end, attrs = row
    quote = record_from_row("quotes", start, end, json.loads(attrs) if attrs else {})
    assert isinstance(quote, Quote)
    return Said(article_id, title, outlet, stored_date(published), quote)


def actor_counts(db: sqlite3.Connection, limit: int, offset: int) -> list[NameCount]:
    """Actors by how many articles name them; `detail` their type."""
    rows = db.execute(
        """SELECT json_extract(attrs, '$.name') AS name, max(json_extract(attrs, '$.type')),
               count(DISTINCT article_id), count(*)
           FROM annotations WHERE kind = 'actors' GROUP BY name
           ORDER BY 3 DESC, 4 DESC, name LIMIT ? OFFSET ?""",
        (limit, offset),
    )
    return [NameCount(name, detail, articles, count) for name, detail, articles, count in rows]
