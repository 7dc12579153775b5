"""The `events` and `event_reports` tables of the SQL stores (migration 0003_events).

They are derived from the "events" annotations: every write merges again the reports of each
(type family, country) block it touched (`reconcile.events.block_of`), inside its transaction.
Reports of two blocks never merge, so the rest stays right. Within a block, only the stretch of
days around the changed reports is merged again (`_stretch`): merging sweeps the reports by the
first day they may tell of, and where every earlier report has ended before a report begins
(slack aside), nothing earlier can join anything later. Between two such days the sweep is the
same whatever lies outside them, so merging that stretch alone gives what merging the whole
block gives, at a cost that does not grow with the block.
Records are rebuilt from their reports by the same rule when read, so that a reader gets the
reports' full `Event` records; the events table serves the filters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sitrep.model import Place, Toll, record_from_row
from sitrep.reconcile.events import (
    DAY_SLACK,
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
_REPORT_INSERT = f"INSERT INTO event_reports VALUES ({marks(range(16))})"
# A report's window as stored: day numbers (`date.toordinal`) of its first and last day.
Span = tuple[int, int]


def refresh_events(db: Database, changed: Collection[str], touched: Collection[Block] = ()) -> None:
    """Merge again the reports of the `changed` articles, stored and current, with those of
    their blocks they may merge with; and the whole of the blocks `touched` (blocks of articles
    already deleted, whose stored reports are gone). Every event merged again is deleted first,
    then all are written: a report that moved to another block leaves its old event."""
    changed = set(changed)
    fresh = list(_article_reports(db, sorted(changed)))
    old = _article_spans(db, changed)
    doomed: set[str] = set()
    for block in sorted({block_of(r.event) for r in fresh} | set(old) | set(touched), key=repr):
        if block in touched:
            doomed.update(_events_in(db, block, changed, _WHOLE))
            continue
        new = [r for r in fresh if block_of(r.event) == block]
        doomed.update(_events_in(db, block, changed, _stretch_of(db, block, changed, new, old)))
    kept = [r for r in _reports_of(db, sorted(doomed)) if r.article_id not in changed]
    for chunk in chunks(sorted(doomed)):
        db.execute(f"DELETE FROM events WHERE event_id IN ({marks(chunk)})", chunk)
    _insert(db, merge_events([*fresh, *kept]))


def _stretch_of(
    db: Database,
    block: Block,
    changed: set[str],
    fresh: Sequence[EventReport],
    old: dict[Block, list[Span | None]],
) -> tuple[int, int] | None:
    """The days of `block` to merge again around the changed reports: `fresh` (current) and
    those stored (`old`); None when only undated reports change (each is an event alone)."""
    stored = [span for span in old.get(block, []) if span]
    differing = [span[0] for span in stored] + [s[0] for r in fresh if (s := _span(r))]
    if not differing:
        return None
    current = _unchanged_spans(db, block, changed) + [s for r in fresh if (s := _span(r))]
    return _stretch(current, current + stored, differing)


def _stretch(current: list[Span], every: list[Span], differing: list[int]) -> tuple[int, int]:
    """The days [from, to) whose reports to merge again: from the latest first day at or before
    the earliest change where every current report beginning earlier has ended (slack aside),
    to the first after the latest change where every report, current or stored, has."""
    first, last = min(differing), max(differing)
    begins = min(first, *(start for start, _ in current)) if current else first
    for start, ended in _starts(current):
        if start > first:
            break
        if ended < start - DAY_SLACK:
            begins = start
    for start, ended in _starts(every):
        if start > last and ended < start - DAY_SLACK:
            return begins, start
    return begins, _FOREVER


# After any day number (date.max.toordinal() is 3,652,059).
_FOREVER = 10_000_000
_WHOLE = (-_FOREVER, _FOREVER)  # every report of the block, undated ones too


def _starts(spans: list[Span]) -> Iterator[tuple[int, int]]:
    """Each distinct first day, in order, with the last day of the reports that begin before it
    that ends latest (-1 when none does)."""
    ended = -1
    ordered = sorted(spans)
    for index, (start, _) in enumerate(ordered):
        if index == 0 or start != ordered[index - 1][0]:
            yield start, ended
        ended = max(ended, ordered[index][1])


def _span(report: EventReport) -> Span | None:
    window = report.window
    return (_day(window[0]), _day(window[1])) if window else None


@functools.lru_cache(maxsize=4096)  # days repeat across reports: each is parsed once
def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def _article_spans(db: Database, ids: Collection[str]) -> dict[Block, list[Span | None]]:
    """The spans of the stored reports of articles `ids`, by block (None for an undated one)."""
    found: dict[Block, list[Span | None]] = {}
    for chunk in chunks(sorted(ids)):
        rows = db.execute(
            "SELECT type, country, window_from, window_to FROM event_reports"
            f" WHERE article_id IN ({marks(chunk)})",
            chunk,
        )
        for type_, country, start, end in rows:
            span = (start, end) if start is not None else None
            found.setdefault((family_of(type_)[0], country), []).append(span)
    return found


def _unchanged_spans(db: Database, block: Block, changed: set[str]) -> list[Span]:
    """The spans of the block's stored, dated reports of articles other than `changed`: two
    numbers a report, the one read that grows with the block."""
    family = family_of(block[0])
    rows = db.execute(
        f"SELECT article_id, window_from, window_to FROM event_reports"
        f" WHERE type IN ({marks(family)}) AND country {db.dialect.same} ?"
        " AND window_from IS NOT NULL",
        [*family, block[1]],
    )
    return [(start, end) for article_id, start, end in rows if article_id not in changed]


def _events_in(
    db: Database, block: Block, changed: set[str], stretch: tuple[int, int] | None
) -> list[str]:
    """The stored events of the block with a report of a changed article or in the stretch
    (all of them for `_WHOLE`, read from the events, since a deleted article's reports are
    gone from the event reports already)."""
    family = family_of(block[0])
    where = f"type IN ({marks(family)}) AND country {db.dialect.same} ?"
    found: set[str] = set()
    if stretch == _WHOLE:
        sql = f"SELECT event_id FROM events WHERE {where}"
        return sorted(row[0] for row in db.execute(sql, [*family, block[1]]))
    if stretch is not None:
        rows = db.execute(
            f"SELECT DISTINCT event_id FROM event_reports WHERE {where}"
            " AND window_from >= ? AND window_from < ?",
            [*family, block[1], *stretch],
        )
        found.update(row[0] for row in rows)
    for chunk in chunks(sorted(changed)):
        rows = db.execute(
            f"SELECT DISTINCT event_id FROM event_reports WHERE {where}"
            f" AND article_id IN ({marks(chunk)})",
            [*family, block[1], *chunk],
        )
        found.update(row[0] for row in rows)
    return sorted(found)


def _reports_of(db: Database, event_ids: Sequence[str]) -> Iterator[EventReport]:
    for chunk in chunks(event_ids):
        sql = f"SELECT {_COLUMNS} {_STORED} WHERE r.event_id IN ({marks(chunk)})"
        yield from (_report(row) for row in db.execute(sql, chunk))


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
            *(_span(report) or (None, None)),
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
