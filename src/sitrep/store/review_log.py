"""The `reviews` table of the SQL stores (migration 0005_reviews): the audit log of human review.

Rows are only ever added. The store lays an article's reviews over its records when a review is
made and again whenever the article is extracted anew (`sitrep.review.apply_reviews`).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from sitrep.review import Review, ReviewRequest
from sitrep.store.database import Database
from sitrep.store.sql import chunks, marks, page_clause

_COLUMNS = (
    "review_id, article_id, kind, start_char, end_char, action, reviewer, reviewed_at,"
    " changes, before, after, note"
)


def insert_review(
    db: Database,
    request: ReviewRequest,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    now: str,
) -> Review:
    """Add one entry to the log; returns it with its id."""
    row = (
        request.article_id,
        request.kind,
        request.start_char,
        request.end_char,
        request.action,
        _json(request.changes),
        None if before is None else _json(before),
        None if after is None else _json(after),
        request.reviewer,
        now,
        request.note,
    )
    cursor = db.execute(
        "INSERT INTO reviews (article_id, kind, start_char, end_char, action, changes, before,"
        f" after, reviewer, reviewed_at, note) VALUES ({marks(row)}) RETURNING review_id",
        row,
    )
    review_id = cursor.fetchone()[0]
    return _review((review_id, *row[:5], request.reviewer, now, *row[5:8], request.note))


def reviews_of(db: Database, ids: Collection[str]) -> dict[str, list[Review]]:
    """The reviews of each of the articles `ids` that has any, oldest first."""
    found: dict[str, list[Review]] = {}
    for chunk in chunks(sorted(ids)):
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM reviews WHERE article_id IN ({marks(chunk)})"
            " ORDER BY review_id",
            chunk,
        )
        for row in rows:
            found.setdefault(row[1], []).append(_review(row))
    return found


def query_reviews(
    db: Database, article_id: str | None, limit: int, offset: int = 0
) -> list[Review]:
    """The log, newest first; only one article's when `article_id` is given."""
    where, params = ("", []) if article_id is None else (" WHERE article_id = ?", [article_id])
    page, values = page_clause(db.dialect, limit, offset)
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM reviews{where} ORDER BY review_id DESC{page}", [*params, *values]
    )
    return [_review(row) for row in rows]


def _review(row: tuple[Any, ...]) -> Review:
    review_id, article_id, kind, start, end, action, reviewer, at, changes, *rest = row
    before, after, note = rest
    return Review(
        review_id,
        article_id,
        kind,
        start,
        end,
        action,
        reviewer,
        at,
        _changes(json.loads(changes)),
        _loaded(before),
        _loaded(after),
        note,
    )


def _changes(stored: dict[str, Any]) -> dict[str, Any]:
    """Days are stored as JSON arrays and read back as the (from, to) tuples records keep."""
    return {name: tuple(v) if isinstance(v, list) else v for name, v in stored.items()}


def _loaded(text: str | None) -> dict[str, Any] | None:
    return None if text is None else dict(json.loads(text))


def _json(value: Mapping[str, Any]) -> str:
    return json.dumps(dict(value), ensure_ascii=False, separators=(",", ":"))
