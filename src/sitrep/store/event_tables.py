"""The `events` and `event_reports` tables of the SQL stores (migration 0003_events).

They are derived from the "events" annotations: every write merges again, inside its
transaction, the reports of the (type family, country) blocks it touched
(`reconcile.events.block_of`); reports of two blocks never merge, so the rest stays right.
Within a block only the days around the changed reports are swept again (`event_sweep`), with
exactly the result of merging the whole block.
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
    clusters_of,
    family_of,
    first_day,
    last_day,
    merge_events,
    merged_event,
)
from sitrep.reconcile.tolls import Casualties
from sitrep.store.database import Database
from sitrep.store.event_sweep import OPEN_REACH_DAYS, StoredReport, resweep, stored_key
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


def refresh_events(db: Database, changed: Collection[str], touched: Collection[Block] = ()) -> None:
    """Merge again the reports of the `changed` articles, stored and current, with those of
    their blocks they may merge with (`event_sweep`); and the whole of the blocks `touched`
    (blocks of articles already deleted, whose stored reports are gone). Every event merged
    again is deleted first, then all are written: a report that moved to another block leaves
    its old event."""
    changed = set(changed)
    fresh = list(_article_reports(db, sorted(changed)))
    blocks = {block_of(r.event) for r in fresh} | stored_blocks(db, changed) | set(touched)
    doomed: set[str] = set()
    clusters: list[list[EventReport]] = []
    for block in sorted(blocks, key=repr):
        new = [r for r in fresh if block_of(r.event) == block]
        remerge = _whole_block if block in touched else _block_around
        gone, found = remerge(db, block, changed, new)
        doomed |= gone
        clusters += found
    for chunk in chunks(sorted(doomed)):
        db.execute(f"DELETE FROM events WHERE event_id IN ({marks(chunk)})", chunk)
    _insert(db, [merged_event(cluster) for cluster in clusters])


def _block_around(
    db: Database, block: Block, changed: set[str], fresh: list[EventReport]
) -> tuple[set[str], list[list[EventReport]]]:
    """The block swept again only around the days its reports change; an undated report is an
    event alone."""
    stored = _SQLBlock(db, block)
    doomed, clusters = resweep(
        stored, changed, [r for r in fresh if r.window], lambda found: _load(db, found)
    )
    doomed.update(stored.undated_events(changed))
    return doomed, clusters + [[r] for r in fresh if r.window is None]


def _whole_block(
    db: Database, block: Block, changed: set[str], fresh: list[EventReport]
) -> tuple[set[str], list[list[EventReport]]]:
    """Every event of the block (read from the events: a deleted article's reports are gone
    from the event reports already), merged again."""
    family = family_of(block[0])
    where = f"type IN ({marks(family)}) AND country {db.dialect.same} ?"
    rows = db.execute(f"SELECT event_id FROM events WHERE {where}", [*family, block[1]])
    doomed = {row[0] for row in rows}
    kept = [r for r in _reports_of(db, sorted(doomed)) if r.article_id not in changed]
    return doomed, clusters_of([*fresh, *kept])


# Windows longer than this have an index of their own (migration 0010_event_long_windows, whose
# condition must read the same number for the planners to use it): a month, as "last month" and
# "this month" give, so that nine reports in ten are found through the block's window index.
LONG_WINDOW_DAYS = 31
_SWEEP_COLUMNS = (
    "r.article_id, r.seq, r.event_id, r.window_from, r.window_to, r.start_char, r.published"
)


class _SQLBlock:
    """The stored reports of one block, read for a write's sweep (`event_sweep.StoredBlock`):
    only those near the days the write changes, through the block's window indexes."""

    def __init__(self, db: Database, block: Block) -> None:
        family = family_of(block[0])
        self.db, self.block = db, block
        # `country = ?`, not the null-safe comparison, which PostgreSQL cannot look up in an index
        country, countries = (
            ("r.country IS NULL", []) if block[1] is None else ("r.country = ?", [block[1]])
        )
        self.where = f"r.type IN ({marks(family)}) AND {country}"
        self.params: list[Any] = [*family, *countries]

    def of_articles(self, ids: Collection[str]) -> list[StoredReport]:
        # An article's reports may lie in several blocks: the others are left out here, as
        # the planner would scan this block's index instead of the articles' keys.
        return [report for report, block in self._dated("r.article_id", ids) if block == self.block]

    def events(self, ids: Collection[str]) -> dict[str, list[StoredReport]]:
        found: dict[str, list[StoredReport]] = {}
        for report, _ in self._dated("r.event_id", ids):  # an event lies in one block
            found.setdefault(report.event_id, []).append(report)
        return found

    def reaching(self, day: int) -> set[str]:
        # A report of at most LONG_WINDOW_DAYS that ends on the day the reach begins or later
        # begins at most that many days before it; a longer one is found through its own index.
        reach = day - OPEN_REACH_DAYS
        near = "r.window_from >= ? AND r.window_from < ? AND r.window_to >= ?"
        long = f"r.window_to - r.window_from > {LONG_WINDOW_DAYS} AND r.window_to >= ?"
        found: set[str] = set()
        for condition, values in (
            (near, [reach - LONG_WINDOW_DAYS, day, reach]),
            (f"{long} AND r.window_from < ?", [reach, day]),
        ):
            sql = f"SELECT r.event_id FROM event_reports AS r WHERE {self.where} AND {condition}"
            found.update(row[0] for row in self.db.execute(sql, [*self.params, *values]))
        return found

    def beginning(self, first: int, end: int) -> list[tuple[StoredReport, EventReport]]:
        sql = (
            f"SELECT {_SWEEP_COLUMNS}, {_COLUMNS} {_STORED} WHERE {self.where}"
            " AND r.window_from >= ? AND r.window_from < ?"
        )
        rows = self.db.execute(sql, [*self.params, first, end])
        return [(_stored_report(row[:7]), _report(row[7:])) for row in rows]

    def undated_events(self, ids: Collection[str]) -> set[str]:
        """The events of these articles' undated stored reports (each an event alone)."""
        found: set[str] = set()
        for chunk in chunks(sorted(ids)):
            sql = (
                f"SELECT r.event_id FROM event_reports AS r WHERE {self.where}"
                f" AND r.window_from IS NULL AND r.article_id IN ({marks(chunk)})"
            )
            found.update(row[0] for row in self.db.execute(sql, [*self.params, *chunk]))
        return found

    def _dated(self, column: str, values: Collection[str]) -> list[tuple[StoredReport, Block]]:
        """The dated stored reports whose `column` is one of `values`, each with its block."""
        found: list[tuple[StoredReport, Block]] = []
        for chunk in chunks(sorted(values)):
            sql = (
                f"SELECT {_SWEEP_COLUMNS}, r.type, r.country FROM event_reports AS r"
                f" WHERE r.window_from IS NOT NULL AND {column} IN ({marks(chunk)})"
            )
            found += [
                (_stored_report(row[:7]), (family_of(row[7])[0], row[8]))
                for row in self.db.execute(sql, chunk)
            ]
        return found


def _stored_report(row: tuple[Any, ...]) -> StoredReport:
    article_id, seq, event_id, start, end, offset, published = row
    key = stored_key(start, published, article_id, offset, seq)
    return StoredReport(article_id, seq, event_id, start, end, key)


def _load(db: Database, stored: Sequence[StoredReport]) -> list[EventReport]:
    """The records of `stored` reports, in the order given."""
    found: dict[tuple[str, int], EventReport] = {}
    wanted = {(r.article_id, r.seq) for r in stored}
    for chunk in chunks(sorted({r.article_id for r in stored})):
        sql = f"SELECT {_COLUMNS} {_STORED} WHERE r.article_id IN ({marks(chunk)})"
        for row in db.execute(sql, chunk):
            if (row[0], row[1]) in wanted:
                found[(row[0], row[1])] = _report(row)
    return [found[(r.article_id, r.seq)] for r in stored]


def _span(report: EventReport) -> tuple[int, int] | None:
    """The report's window as stored: the day numbers of its first and last day."""
    return (first_day(report), last_day(report)) if report.window else None


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
