"""The `claim_groups` and `claim_reports` tables of the SQL stores (migration 0004_claims).

They are derived from the "claims" annotations: every write groups again the claims of each key
it touched (`Claim.key`), one key at a time, inside its transaction, and replaces those groups'
rows; a claim's link to its group changes only with its article, as a group's id is its key's.
Claims of two keys are never compared, so the rest stays right. Groups are rebuilt from their
claims by the same rule when read; the groups table serves the filters.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sitrep.model import Claim, record_from_row
from sitrep.reconcile.claims import ClaimGroup, ClaimReport, claim_group, group_claims, group_order
from sitrep.store.database import Database
from sitrep.store.event_tables import fold
from sitrep.store.sql import chunks, marks, stored_date
from sitrep.store.summaries import group_summary, read_group_summary

_COLUMNS = (
    "an.article_id, an.seq, an.start_char, an.end_char, an.attrs, a.outlet, a.published, a.copy_of"
)
_ANNOTATED = "FROM annotations AS an JOIN articles AS a ON a.id = an.article_id"
_STORED = """FROM claim_reports AS r
JOIN annotations AS an ON an.article_id = r.article_id AND an.kind = 'claims' AND an.seq = r.seq
JOIN articles AS a ON a.id = r.article_id"""
_GROUP_INSERT = f"INSERT INTO claim_groups VALUES ({marks(range(18))})"
_REPORT_INSERT = "INSERT INTO claim_reports VALUES (?, ?, ?, ?)"


def refresh_claims(db: Database, changed: Collection[str], touched: Collection[str] = ()) -> None:
    """Group again the keys of the `changed` articles' claims, stored and current, and the keys
    `touched` (of articles already deleted). One key at a time, so that a write holds one
    group's claims, not those of every key it touches (issue 10: memory grew with the store);
    a claim keeps its row, as its group's id is its key's, unless its article changed."""
    changed = sorted(set(changed))
    fresh: dict[str, list[ClaimReport]] = {}
    for report in _article_claims(db, changed):
        fresh.setdefault(report.claim.key, []).append(report)
    keys = set(touched) | stored_keys(db, changed) | set(fresh)
    for chunk in chunks(changed):
        db.execute(f"DELETE FROM claim_reports WHERE article_id IN ({marks(chunk)})", chunk)
    for key in sorted(keys):
        reports = [*fresh.get(key, ()), *_key_claims(db, key)]
        db.execute("DELETE FROM claim_groups WHERE key = ?", [key])
        if reports:
            _write_group(db, claim_group(reports), fresh.get(key, []))


def rebuild_claims(db: Database) -> None:
    """Group every stored claim again (a store annotated before the tables existed)."""
    db.execute("DELETE FROM claim_groups")
    db.execute("DELETE FROM claim_reports")
    rows = db.execute(f"SELECT {_COLUMNS} {_ANNOTATED} WHERE an.kind = 'claims'")
    _insert(db, group_claims(_report(row) for row in rows))


def fill_group_summaries(db: Database) -> None:
    """Write the summary of every group that has none (a store from before they were kept),
    one group at a time, from its claims."""
    missing = [row[0] for row in db.execute("SELECT key FROM claim_groups WHERE summary IS NULL")]
    for key in missing:
        group = key_group(db, key)
        if group is not None:
            db.execute(
                "UPDATE claim_groups SET summary = ? WHERE key = ?", [group_summary(group), key]
            )


def stored_keys(db: Database, ids: Collection[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(ids)):
        sql = f"SELECT DISTINCT key FROM claim_reports WHERE article_id IN ({marks(chunk)})"
        found.update(row[0] for row in db.execute(sql, chunk))
    return found


def _article_claims(db: Database, ids: Sequence[str]) -> Iterator[ClaimReport]:
    for chunk in chunks(ids):
        where = f"an.kind = 'claims' AND an.article_id IN ({marks(chunk)})"
        sql = f"SELECT {_COLUMNS} {_ANNOTATED} WHERE {where}"
        yield from (_report(row) for row in db.execute(sql, chunk))


def _key_claims(db: Database, key: str) -> Iterator[ClaimReport]:
    sql = f"SELECT {_COLUMNS} {_STORED} WHERE r.key = ?"
    yield from (_report(row) for row in db.execute(sql, [key]))


def _report(row: tuple[Any, ...]) -> ClaimReport:
    article_id, seq, start, end, attrs, outlet, published, copy_of = row
    claim = record_from_row("claims", start, end, json.loads(attrs) if attrs else {})
    assert isinstance(claim, Claim)
    return ClaimReport(article_id, outlet, stored_date(published), copy_of, claim, seq)


def _insert(db: Database, groups: Sequence[ClaimGroup]) -> None:
    db.executemany(_GROUP_INSERT, [_group_row(group) for group in groups])
    db.executemany(
        _REPORT_INSERT,
        [(r.article_id, r.seq, g.key, g.group_id) for g in groups for r in g.reports],
    )


def _write_group(db: Database, group: ClaimGroup, new: Sequence[ClaimReport]) -> None:
    """A group's row, and the rows linking its `new` claims to it."""
    db.execute(_GROUP_INSERT, _group_row(group))
    db.executemany(_REPORT_INSERT, [(r.article_id, r.seq, group.key, group.group_id) for r in new])


def _group_row(group: ClaimGroup) -> tuple[Any, ...]:
    dated = [p.interval for p in group.periods if p.interval]
    latest = group.latest
    return (
        group.group_id,
        group.key,
        group.measure,
        group.aspect,
        group.subject,
        group.place,
        group.unit,
        min((d[0] for d in dated), default=None),
        max((d[1] for d in dated), default=None),
        latest.low,
        latest.best,
        latest.high,
        int(group.conflict),
        len(group.periods),
        len(group.voices),
        group.claims,
        group.rule,
        group_summary(group),
    )


def query_claims(
    db: Database,
    *,
    measure: str | None = None,
    subject: str | None = None,
    place: str | None = None,
    conflicts: bool = False,
    limit: int | None = None,
    offset: int = 0,
    summary: bool = False,
) -> list[ClaimGroup]:
    """Stored groups, conflicts first; a subject or a place matches when its words, folded,
    are found in the group's ("syria" finds "Iraq and Syria"). Only the groups of the page
    `offset`..`offset + limit` are read: rebuilt from their claims, or as their stored
    summaries (`summary`)."""
    keys = matching_keys(db, measure, subject, place, conflicts)
    page = keys[offset:] if limit is None else keys[offset : offset + limit]
    stored = _summaries(db, page) if summary else {}
    groups = [found for key in page if (found := stored.get(key) or key_group(db, key))]
    return sorted(groups, key=group_order)


def key_group(db: Database, key: str) -> ClaimGroup | None:
    """The group of `key`, rebuilt from its every claim; None when it has none."""
    reports = list(_key_claims(db, key))
    return claim_group(reports) if reports else None


def _summaries(db: Database, keys: Sequence[str]) -> dict[str, ClaimGroup]:
    """The stored summaries of the groups of `keys` (a group written before they were kept
    has none, and is rebuilt from its claims)."""
    found: dict[str, ClaimGroup] = {}
    for chunk in chunks(keys):
        sql = f"SELECT key, summary FROM claim_groups WHERE key IN ({marks(chunk)})"
        rows = db.execute(sql + " AND summary IS NOT NULL", chunk)
        found.update((key, read_group_summary(text)) for key, text in rows)
    return found


def group_key(db: Database, group_id: str) -> str | None:
    row = db.execute("SELECT key FROM claim_groups WHERE group_id = ?", [group_id]).fetchone()
    return row[0] if row else None


def matching_keys(
    db: Database,
    measure: str | None,
    subject: str | None,
    place: str | None,
    conflicts: bool,
) -> list[str]:
    """The keys of the groups a filter keeps, in `group_order`: both stores order this text by
    code point, as Python does (SQLite always, PostgreSQL by the columns' "C" collation)."""
    conditions = [("measure = ?", measure), ("conflict = ?", 1 if conflicts else None)]
    given = [(sql, value) for sql, value in conditions if value is not None]
    sql = (
        "SELECT key, subject, place FROM claim_groups"
        + (" WHERE " + " AND ".join(sql for sql, _ in given) if given else "")
        + " ORDER BY conflict DESC, measure, coalesce(subject, ''), coalesce(place, ''), key"
    )
    return [
        key
        for key, named, where in db.execute(sql, [value for _, value in given])
        if _contains(named, subject) and _contains(where, place)
    ]


def _contains(field: str | None, words: str | None) -> bool:
    return words is None or (field is not None and fold(words) in fold(field))
