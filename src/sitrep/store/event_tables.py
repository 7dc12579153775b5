"""The `events` and `event_reports` tables of the SQL stores (migration 0003_events).

They are derived from the "events" annotations: every write merges again the reports of each
(type family, country) block it touched (`reconcile.events.block_of`), inside its transaction,
and replaces that block's rows. Reports of two blocks never merge, so the rest stays right.
Records are rebuilt from their reports by the same rule when read, so that a reader gets the
reports' full `Event` records; the events table serves the filters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sitrep.model import Place, Toll, record_from_row
from sitrep.reconcile.events import (
    Block,
    EventReport,
    MergedEvent,
    block_of,
    family_of,
    merge_events,
    merged_event,
)
from sitrep.reconcile.tolls import Casualties
from sitrep.store.database import Database
from sitrep.store.sql import chunks, marks, page_clause, stored_date
from sitrep.store.summaries import event_summary, read_event_summary

# An "events" annotation with its article's outlet, date and canonical article: from the
# annotations (an article's current reports) or through event_reports (reports already merged).
_COLUMNS = (
    "an.article_id, an.seq, an.start_char, an.end_char, an.attrs, a.outlet, a.published, a.copy_of"
)
_ANNOTATED = "FROM annotations AS an JOIN articles AS a ON a.id = an.article_id"
_STORED = """FROM event_reports AS r
JOIN annotations AS an ON an.article_id = r.article_id AND an.kind = 'events' AND an.seq = r.seq
JOIN articles AS a ON a.id = r.article_id"""
# A place given to `Store.events` is a country code, or a name or words naming a place of a report.
_PLACE_MATCH = """(country = upper(?) OR event_id IN
    (SELECT event_id FROM event_reports WHERE place_words LIKE ?))"""
_EVENT_INSERT = f"INSERT INTO events VALUES ({marks(range(25))})"
_REPORT_INSERT = f"INSERT INTO event_reports VALUES ({marks(range(14))})"


def refresh_events(db: Database, changed: Collection[str], touched: Collection[Block] = ()) -> None:
    """Merge again the blocks of the `changed` articles' reports, stored and current, and of
    `touched` (blocks of articles already deleted)."""
    changed = set(changed)
    fresh = list(_article_reports(db, sorted(changed)))
    blocks = set(touched) | stored_blocks(db, changed) | {block_of(r.event) for r in fresh}
    kept = [r for block in blocks for r in _block_reports(db, block)]
    for block in blocks:
        family = family_of(block[0])
        db.execute(
            f"DELETE FROM events WHERE type IN ({marks(family)}) AND country {db.dialect.same} ?",
            [*family, block[1]],
        )
    _insert(db, merge_events([*fresh, *(r for r in kept if r.article_id not in changed)]))


def rebuild_events(db: Database) -> None:
    """Merge every stored report again (a store annotated before the tables existed)."""
    db.execute("DELETE FROM events")
    rows = db.execute(f"SELECT {_COLUMNS} {_ANNOTATED} WHERE an.kind = 'events'")
    _insert(db, merge_events(_report(row) for row in rows))


def fill_event_summaries(db: Database) -> None:
    """Write the summary of every event that has none (a store from before they were kept):
    each is built from its own reports, as merged, without merging again."""
    missing = [row[0] for row in db.execute("SELECT event_id FROM events WHERE summary IS NULL")]
    for chunk in chunks(missing, 100):  # bounded: a hundred events' reports at a time
        reports = _event_reports(db, chunk)
        db.executemany(
            "UPDATE events SET summary = ? WHERE event_id = ?",
            [(event_summary(merged_event(reports[id_])), id_) for id_ in chunk if id_ in reports],
        )


def stored_blocks(db: Database, ids: Collection[str]) -> set[Block]:
    """The blocks the stored reports of articles `ids` are in."""
    found: set[Block] = set()
    for chunk in chunks(sorted(ids)):
        rows = db.execute(
            "SELECT DISTINCT type, country FROM event_reports"
            f" WHERE article_id IN ({marks(chunk)})",
            chunk,
        )
        found.update((family_of(type_)[0], country) for type_, country in rows)
    return found


def _article_reports(db: Database, ids: Sequence[str]) -> Iterator[EventReport]:
    for chunk in chunks(ids):
        where = f"an.kind = 'events' AND an.article_id IN ({marks(chunk)})"
        sql = f"SELECT {_COLUMNS} {_ANNOTATED} WHERE {where}"
        yield from (_report(row) for row in db.execute(sql, chunk))


def _block_reports(db: Database, block: Block) -> Iterator[EventReport]:
    family = family_of(block[0])
    same = db.dialect.same
    sql = f"SELECT {_COLUMNS} {_STORED} WHERE r.type IN ({marks(family)}) AND r.country {same} ?"
    yield from (_report(row) for row in db.execute(sql, [*family, block[1]]))


def _report(row: tuple[Any, ...]) -> EventReport:
    article_id, seq, start, end, attrs, outlet, published, copy_of = row
    event = record_from_row("events", start, end, json.loads(attrs) if attrs else {})
    return EventReport(article_id, outlet, stored_date(published), copy_of, event, seq)  # type: ignore[arg-type]


def _insert(db: Database, events: Sequence[MergedEvent]) -> None:
    db.executemany(_EVENT_INSERT, [_event_row(event) for event in events])
    db.executemany(_REPORT_INSERT, [row for event in events for row in _report_rows(event)])


def _event_row(event: MergedEvent) -> tuple[Any, ...]:
    place = event.place
    day_from, day_to = event.interval or (None, None)
    where = (place.name, place.lat, place.lon, place.precision) if place else (None,) * 4
    country = block_of(event.reports[0].event)[1]  # every report's, by the block
    return (
        event.event_id,
        event.type,
        event.subtype,
        day_from,
        day_to,
        where[0],
        country,
        *where[1:],
        event.perpetrator,
        event.target,
        *_casualty_columns(event.killed),
        *_casualty_columns(event.wounded),
        event.rule,
        int(event.disputed),
        event.report_count,
        len(event.outlets),
        event_summary(event),
    )


def _casualty_columns(found: Casualties | None) -> tuple[float | None, ...]:
    if found is None:
        return (None, None, None, 0)
    return (found.low, found.best, found.high, int(found.disputed))


def _report_rows(event: MergedEvent) -> Iterator[tuple[Any, ...]]:
    for report in event.reports:
        record = report.event
        published = report.published.isoformat() if report.published else None
        yield (
            report.article_id,
            report.seq,
            record.start_char,
            record.end_char,
            event.event_id,
            record.type,
            block_of(record)[1],
            place_words(record.place),
            record.trigger,
            _toll_json(record.killed),
            _toll_json(record.wounded),
            record.source,
            report.outlet,
            published,
        )


def place_words(place: Place | None) -> str | None:
    """The place's gazetteer name and the words the article named it with, folded: "Kobani"
    finds ‘Ayn al ‘Arab, and "Hasakah" finds Al Ḩasakah."""
    if place is None:
        return None
    return f"{fold(place.name)} | {fold(place.text)}"


def fold(words: str) -> str:
    """Lower case, without accents, marks or punctuation, spaces collapsed."""
    plain = unicodedata.normalize("NFKD", words)
    kept = "".join(c if c.isalnum() else " " for c in plain if not unicodedata.combining(c))
    return " ".join(kept.casefold().split())


def _toll_json(toll: Toll | None) -> str | None:
    if toll is None:
        return None
    return json.dumps(dataclasses.asdict(toll), ensure_ascii=False, separators=(",", ":"))


def query_events(
    db: Database,
    *,
    type_: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    place: str | None = None,
    limit: int | None = None,
    actor: str | None = None,
    offset: int = 0,
    summary: bool = False,
) -> list[MergedEvent]:
    """Stored events, by first day (undated last), then id; see `Store.events`. Each is
    rebuilt from its reports, or read as its stored summary (`summary`), without them."""
    where, params = _filters(type_, since, until, place, actor)
    sql = (
        f"SELECT event_id, {'summary' if summary else 'NULL'} FROM events{where}"
        " ORDER BY day_from IS NULL, day_from, event_id"
    )
    clause, values = page_clause(db.dialect, limit, offset)
    sql, params = sql + clause, [*params, *values]
    rows = db.execute(sql, params).fetchall()
    # An event written before summaries were kept has none, and is rebuilt from its reports.
    reports = _event_reports(db, [event_id for event_id, text in rows if text is None])
    return [
        read_event_summary(text) if text else merged_event(reports[event_id])
        for event_id, text in rows
    ]


def _filters(
    type_: str | None,
    since: dt.date | None,
    until: dt.date | None,
    place: str | None,
    actor: str | None = None,
) -> tuple[str, list[Any]]:
    """A type matches when any report gives it ("bombing" finds a suicide bombing that one
    outlet called a bombing); a place by its name, in part, or its country code; an actor when
    it is the event's perpetrator or target."""
    conditions = [
        ("(perpetrator = ? OR target = ?)", [actor, actor]),
        ("event_id IN (SELECT event_id FROM event_reports WHERE type = ?)", [type_]),
        ("day_to >= ?", [since.isoformat() if since else None]),
        ("day_from <= ?", [until.isoformat() if until else None]),
        (_PLACE_MATCH, [place, _like(place)]),
    ]
    given = [(sql, values) for sql, values in conditions if values[-1] is not None]
    if not given:
        return "", []
    where = " WHERE " + " AND ".join(sql for sql, _ in given)
    return where, [value for _, values in given for value in values]


def _like(words: str | None) -> str | None:
    """A LIKE pattern that finds `words`, folded, anywhere (folding leaves no % or _)."""
    return None if words is None else f"%{fold(words)}%"


def _event_reports(db: Database, ids: Sequence[str]) -> dict[str, list[EventReport]]:
    found: dict[str, list[EventReport]] = {}
    for chunk in chunks(ids):
        sql = f"SELECT r.event_id, {_COLUMNS} {_STORED} WHERE r.event_id IN ({marks(chunk)})"
        for event_id, *row in db.execute(sql, chunk):
            found.setdefault(event_id, []).append(_report(tuple(row)))
    return found


def query_reports(db: Database, event_id: str) -> list[EventReport]:
    """The reports of one stored event, earliest first; empty for an unknown id."""
    reports = _event_reports(db, [event_id]).get(event_id, [])
    return sorted(reports, key=lambda report: report.order)


def event_links(db: Database, page: int = 1000) -> Iterator[tuple[str, int, str]]:
    """(article id, seq, event id) of every stored report, in article id order, read a page at
    a time after the last key read (no cursor is held open between pages)."""
    last: tuple[str, int] = ("", -1)
    while True:
        rows = db.execute(
            "SELECT article_id, seq, event_id FROM event_reports"
            " WHERE article_id > ? OR (article_id = ? AND seq > ?)"
            " ORDER BY article_id, seq LIMIT ?",
            [last[0], last[0], last[1], page],
        ).fetchall()
        yield from (tuple(row) for row in rows)
        if len(rows) < page:
            return
        last = (rows[-1][0], rows[-1][1])
