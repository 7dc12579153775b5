"""Stored summaries of claim groups and events (issue 9, speed): list pages read one row per
group or event instead of rebuilding each from its every report, and a summary says the same as
the full record it stands for."""

from __future__ import annotations

import dataclasses
import math
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from sitrep.reconcile.claims import summarized
from sitrep.reconcile.events import summarized_event
from sitrep.store import SQLiteStore, SQLStore, open_store
from sitrep.store.summaries import (
    event_summary,
    group_summary,
    read_event_summary,
    read_group_summary,
)


def test_store_summaries_of_claim_groups_are_the_groups_cut_to_their_counted_claims(
    demo_location: str,
) -> None:
    with open_store(demo_location) as store:
        full = store.claims()
        listed = store.claims(summary=True)
    assert listed == [summarized(group) for group in full]
    assert [g.claims for g in listed] == [len(g.reports) for g in full]
    assert all(g.summary and not f.summary for g, f in zip(listed, full, strict=True))


def test_store_summaries_of_events_are_the_events_without_their_reports(demo_location: str) -> None:
    with open_store(demo_location) as store:
        full = store.events()
        listed = store.events(summary=True)
    assert listed == [summarized_event(event) for event in full]
    assert [e.report_count for e in listed] == [len(e.reports) for e in full]
    pairs = zip(listed, full, strict=True)
    assert all(e.reports == () and e.outlets == f.outlets for e, f in pairs)


def test_store_summaries_read_back_every_field(demo_location: str) -> None:
    with open_store(demo_location) as store:
        groups, events = store.claims(), store.events()
    for group in groups:
        assert read_group_summary(group_summary(group)) == summarized(group)
    for event in events:
        assert read_event_summary(event_summary(event)) == summarized_event(event)


INCREMENT = (
    "---\noutlet: Wire A\npublished: 2024-05-20\n---\n"
    "The Islamic State lost 14 percent of its territory in Libya in 2023, analysts at Conflict"
    " Watch said on Monday. In the first months of this year it lost another eight percent, they"
    " said, and more than 20 percent in all, according to a coalition spokesman.\n"
)


def test_store_summaries_keep_open_figures_and_the_figure_an_increment_adds_to(
    store: SQLStore, write_file: Any
) -> None:
    """ "More than 20 percent" has no ceiling (JSON's Infinity), and "another eight percent"
    keeps the "14 percent" it adds to, so that a list shows 14 + 8 = 22."""
    from sitrep.jobs import ingest_paths

    ingest_paths([str(write_file("increment.txt", INCREMENT))], store)
    [group] = store.claims(summary=True)
    analysts, spokesman = group.periods[0].stated
    assert [r.claim.text for r in analysts.reports] == ["14 percent", "eight percent"]
    assert analysts.figure.value == 22 and analysts.count == 2
    assert math.isinf(spokesman.figure.ceiling)
    assert group == summarized(store.claims()[0])


def test_store_summaries_follow_a_review(demo_location: str) -> None:
    """A correction re-groups its claim's key: the stored summary says the corrected figure."""
    from sitrep.review import ReviewRequest

    with open_store(demo_location) as store:
        claim = next(r.claim for g in store.claims() for r in g.reports if r.claim.value)
        report = next(r for g in store.claims() for r in g.reports if r.claim == claim)
        request = ReviewRequest(
            report.article_id,
            "claims",
            claim.start_char,
            claim.end_char,
            "correct",
            "tester",
            {"value": 4321},
        )
        store.review(request)
        listed = store.claims(summary=True)
        assert listed == [summarized(g) for g in store.claims()]
    assert any(s.figure.value == 4321 for g in listed for p in g.periods for s in p.stated)


def test_store_summaries_missing_are_rebuilt_from_reports(demo_location: str) -> None:
    """A row written before summaries were kept (or one a crash left without) is read from its
    reports: the list is the same."""
    with open_store(demo_location) as store:
        groups, events = store.claims(summary=True), store.events(summary=True)
        store.database.execute("UPDATE claim_groups SET summary = NULL")
        store.database.execute("UPDATE events SET summary = NULL")
        rebuilt_groups = store.claims(summary=True)
        rebuilt_events = store.events(summary=True)
    assert [summarized(g) for g in rebuilt_groups] == groups
    assert [summarized_event(e) for e in rebuilt_events] == events


def test_store_summaries_migration_fills_a_store_from_before_them(
    demo_db: Path, tmp_path: Path
) -> None:
    """A store of migration 0005 gains the columns and every row its summary on opening."""
    path = Path(shutil.copyfile(demo_db, tmp_path / "old.db"))
    with closing(sqlite3.connect(path)) as db:
        db.execute("ALTER TABLE claim_groups DROP COLUMN summary")
        db.execute("ALTER TABLE events DROP COLUMN summary")
        db.execute("DELETE FROM schema_migrations WHERE name = '0006_summaries'")
        db.commit()
    with SQLiteStore.open(path) as store:
        assert "0006_summaries" in store.migrations()
        empty = store._db.execute(
            "SELECT (SELECT count(*) FROM claim_groups WHERE summary IS NULL)"
            " + (SELECT count(*) FROM events WHERE summary IS NULL)"
        ).fetchone()[0]
        assert empty == 0
        assert store.claims(summary=True) == [summarized(g) for g in store.claims()]


@pytest.mark.parametrize("limit, offset", [(1, 0), (2, 1), (None, 3)])
def test_store_summaries_page_like_the_full_records(
    demo_location: str, limit: int | None, offset: int
) -> None:
    with open_store(demo_location) as store:
        full = store.claims(limit=limit, offset=offset)
        listed = store.claims(limit=limit, offset=offset, summary=True)
        events = store.events(limit=limit, offset=offset)
        listed_events = store.events(limit=limit, offset=offset, summary=True)
    assert [g.group_id for g in listed] == [g.group_id for g in full]
    assert [e.event_id for e in listed_events] == [e.event_id for e in events]


def test_store_claim_group_gives_every_claim(demo_location: str) -> None:
    with open_store(demo_location) as store:
        [*groups] = store.claims()
        assert store.claim_group("0" * 16) is None
        for group in groups:
            assert store.claim_group(group.group_id) == group


def test_store_summaries_are_records_not_dicts(demo_location: str) -> None:
    with open_store(demo_location) as store:
        [event, *_] = store.events(summary=True)
        [group, *_] = store.claims(summary=True)
    assert dataclasses.is_dataclass(event.place) and dataclasses.is_dataclass(group.periods[0])
    report = group.periods[0].stated[0].latest
    assert report.published is None or hasattr(report.published, "isoformat")
