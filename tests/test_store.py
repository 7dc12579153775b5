from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from conftest import PostgresServer, table_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import SearchQueryError, StoreError
from sitrep.ingest import read_articles
from sitrep.model import AnnotatedArticle, Article, CopyLink, Event, Place, Toll
from sitrep.pipeline import Pipeline
from sitrep.store import SQLiteStore, SQLStore, WriteItem, open_store
from sitrep.store.event_tables import LONG_WINDOW_DAYS
from sitrep.store.migrations import migrations_for
from sitrep.store.sqlite import to_fts_query

REPORT = (
    "Militants attacked al-Shaddadi at dawn. Twelve fighters were killed.\n\nThe road reopened."
)


def item(pipeline: Pipeline, article: Article) -> WriteItem:
    from sitrep.dedup import MinHasher, buckets
    from sitrep.store import Fingerprint

    sketch = MinHasher.create().sketch(article.text)
    fingerprint = Fingerprint(
        sketch.signature.tobytes(), sketch.shingles, tuple(buckets(sketch.signature))
    )
    return WriteItem(pipeline.run(article), pipeline.signature, True, fingerprint)


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def test_store_migrations_are_named_and_applied_once(
    backend: str, new_store_location: Callable[[], str]
) -> None:
    names = [migration.name for migration in migrations_for(backend)]
    assert names == [migration.name for migration in migrations_for("sqlite")]
    assert names[:2] == ["0001_initial", "0002_published_provenance"]
    location = new_store_location()
    with open_store(location) as store:
        assert store.migrations() == names
        before = table_rows(store)
    with open_store(location) as store:
        assert store.migrations() == names
        assert table_rows(store) == before


def test_store_refuses_a_store_from_a_newer_sitrep(new_store_location: Callable[[], str]) -> None:
    location = new_store_location()
    with open_store(location) as store:
        store.database.execute("INSERT INTO schema_migrations VALUES ('9999_future', 'now')")
    with pytest.raises(StoreError, match="9999_future"):
        open_store(location)


def test_store_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("not a database at all, just words " * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        open_store(tmp_path / "notes.db")


@pytest.mark.parametrize("location", ["mysql://localhost/x", "postgresql://127.0.0.1:1/x", "."])
def test_store_open_rejects_what_it_cannot_open(location: str) -> None:
    with pytest.raises(StoreError):
        open_store(location)


def test_store_round_trips_articles_and_annotations(store: SQLStore, pipeline: Pipeline) -> None:
    article = Article.create(
        REPORT, title="Dawn raid", outlet="Tigris Wire", published=dt.date(2016, 3, 1)
    )
    store.write([item(pipeline, article)])
    [loaded] = list(store.articles())
    assert loaded.article == article
    expected = pipeline.run(article)
    assert {kind: found for kind, found in expected.annotations.items() if found} == dict(
        loaded.annotations
    )  # an empty kind is not stored; `get` gives () for it either way
    assert all(loaded.get(kind) == found for kind, found in expected.annotations.items())


def test_store_upsert_with_same_content_changes_nothing(
    store: SQLStore, pipeline: Pipeline
) -> None:
    article = Article.create(REPORT, outlet="Tigris Wire")
    assert store.write([item(pipeline, article)]).new == 1
    before = table_rows(store)
    counts = store.write([WriteItem(pipeline.run(article), pipeline.signature, False)])
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 1)
    assert table_rows(store) == before


def test_store_upsert_keeps_stored_metadata_and_fills_gaps(
    store: SQLStore, pipeline: Pipeline
) -> None:
    dated = Article.create(
        REPORT, published=dt.date(2016, 2, 1), url="https://x.example/1", path="a.txt"
    )
    store.write([item(pipeline, dated)])
    again = Article.create(
        REPORT, title="New headline", path="copy/a.txt", published=dt.date(2017, 1, 1)
    )
    counts = store.write([WriteItem(pipeline.run(again), pipeline.signature, False)])
    [loaded] = list(store.articles())
    assert counts.updated == 1
    assert (
        loaded.article.published,
        loaded.article.url,
        loaded.article.title,
        loaded.article.path,
    ) == (
        dt.date(2016, 2, 1),
        "https://x.example/1",
        "New headline",
        "a.txt",
    )


def test_store_duplicate_file_under_another_path_is_unchanged_on_rerun(
    store: SQLStore, pipeline: Pipeline
) -> None:
    """The BBC corpus holds byte-identical stories under two names: a re-run must not flip paths."""
    first, second = Article.create(REPORT, path="a/1.txt"), Article.create(REPORT, path="b/9.txt")
    store.write([item(pipeline, first)])
    store.write([WriteItem(pipeline.run(second), pipeline.signature, False)])
    counts = store.write([WriteItem(pipeline.run(first), pipeline.signature, False)])
    assert counts.unchanged == 1 and next(store.articles()).article.path == "a/1.txt"


def test_store_failed_write_leaves_nothing(store: SQLStore, pipeline: Pipeline) -> None:
    good = item(pipeline, Article.create(REPORT))
    no_text = AnnotatedArticle(Article("bad", None))  # type: ignore[arg-type]
    broken = WriteItem(no_text, pipeline.signature, True)  # violates NOT NULL on the second row
    with pytest.raises(StoreError):
        store.write([good, broken])
    assert list(store.articles()) == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Shaddadi", True),
        ("al-Shaddadi", True),
        ('"road reopened"', True),
        ("kill*", True),
        ("Mosul", False),
    ],
)
def test_store_search_finds_words_phrases_and_prefixes(
    store: SQLStore, pipeline: Pipeline, query: str, found: bool
) -> None:
    store.write([item(pipeline, Article.create(REPORT, title="Dawn raid"))])
    hits = store.search(query)
    assert bool(hits) is found
    if found:
        assert hits[0].title == "Dawn raid" and "[" in hits[0].snippet


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Tal Abyad", '"Tal" "Abyad"'),
        ('"Tal Abyad" OR Kobani', '"Tal Abyad" OR "Kobani"'),
        ("U.S.", '"U.S."'),
        ("kill*", '"kill"*'),
        ('say "hi', '"say" """hi"'),
    ],
)
def test_store_fts_query_quotes_user_words(query: str, expected: str) -> None:
    assert to_fts_query(query) == expected


def test_store_search_rejects_an_empty_query(store: SQLStore) -> None:
    with pytest.raises(SearchQueryError):
        store.search("   ")


def test_store_stats_count_copies_outlets_and_annotations(
    store: SQLStore, pipeline: Pipeline
) -> None:
    store.write(
        [
            item(
                pipeline,
                Article.create(REPORT, outlet="Tigris Wire", published=dt.date(2016, 3, 1)),
            )
        ]
    )
    stats = store.stats()
    assert (stats.articles, stats.copies, stats.undated) == (1, 0, 0)
    assert stats.outlets == {"Tigris Wire": 1}
    assert stats.annotations == {
        "paragraphs": 2,
        "sentences": 3,
        "quantities": 1,
        "places": 1,
        "events": 1,
    }
    assert stats.first_published == stats.last_published == dt.date(2016, 3, 1)


# Publication date provenance ---------------------------------------------------------------------

INFERRED = {
    "published": dt.date(2016, 2, 29),
    "published_source": "inferred",
    "published_confidence": 0.4,
    "published_reason": "latest dated event mentioned: 2016-02-29",
}
METADATA = {
    "published": dt.date(2016, 3, 1),
    "published_source": "metadata",
    "published_confidence": 1.0,
    "published_reason": "front matter 'published'",
}
OPTION = {
    "published": dt.date(2016, 3, 2),
    "published_source": "option",
    "published_confidence": 1.0,
    "published_reason": "given as an option (--published)",
}
UNDATED: dict[str, object] = {}
OTHER_INFERENCE = {**INFERRED, "published": dt.date(2016, 3, 5), "published_confidence": 0.6}


def dated(fields: dict[str, object]) -> Article:
    return Article.create(REPORT, outlet="Tigris Wire", **fields)  # type: ignore[arg-type]


def provenance(article: Article) -> dict[str, object]:
    return {
        name: getattr(article, name)
        for name in ("published", "published_source", "published_confidence", "published_reason")
        if getattr(article, name) is not None
    }


Fields = dict[str, object]
UPSERT_CASES: dict[str, tuple[Fields, Fields, Fields, int]] = {
    "option-replaces-inferred": (INFERRED, OPTION, OPTION, 1),
    "metadata-replaces-inferred": (INFERRED, METADATA, METADATA, 1),
    "inferred-fills-a-gap": (UNDATED, INFERRED, INFERRED, 1),
    "inferred-keeps-inferred": (INFERRED, OTHER_INFERENCE, INFERRED, 0),
    "no-date-keeps-inferred": (INFERRED, UNDATED, INFERRED, 0),
    "metadata-is-kept": (METADATA, OPTION, METADATA, 0),
    "inferred-never-replaces-metadata": (METADATA, INFERRED, METADATA, 0),
    "option-is-kept": (OPTION, METADATA, OPTION, 0),
}


@pytest.mark.parametrize("case", UPSERT_CASES.values(), ids=UPSERT_CASES.keys())
def test_store_upsert_a_stronger_date_source_wins_over_an_inferred_one(
    store: SQLStore, pipeline: Pipeline, case: tuple[Fields, Fields, Fields, int]
) -> None:
    """Stored and again: the article's date fields as stored, then as ingested again."""
    stored, again, expected, updated = case
    store.write([item(pipeline, dated(stored))])
    replaced = store.dates_replaced_by([dated(again)])
    counts = store.write([WriteItem(pipeline.run(dated(again)), pipeline.signature, False)])
    assert replaced == ({dated(again).id} if updated else set())
    [loaded] = list(store.articles())
    assert provenance(loaded.article) == expected
    assert counts.updated == updated


def test_store_round_trips_the_date_provenance(store: SQLStore, pipeline: Pipeline) -> None:
    article = dated(INFERRED)
    store.write([item(pipeline, article)])
    assert next(store.articles()).article == article


def test_store_stats_count_inferred_dates(store: SQLStore, pipeline: Pipeline) -> None:
    store.write(
        [
            item(pipeline, dated(INFERRED)),
            item(pipeline, Article.create("Aid reached the town.", **METADATA)),  # type: ignore[arg-type]
            item(pipeline, Article.create("Quiet day in the town.")),
        ]
    )
    stats = store.stats()
    assert (stats.inferred_dates, stats.undated, stats.articles) == (1, 1, 3)


def _old_store(path: Path) -> None:
    """A store as sitrep wrote it before dates had a source: only the first migration applied."""
    [initial] = [m for m in migrations_for("sqlite") if m.name == "0001_initial"]
    with closing(sqlite3.connect(path)) as db:
        db.executescript(initial.sql)
        db.executescript(
            "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);"
            "INSERT INTO schema_migrations VALUES ('0001_initial', '2016-03-01 00:00:00');"
        )
        db.execute(
            "INSERT INTO articles (id, title, published, text, pipeline)"
            " VALUES ('0123456789abcdef', 'Dawn raid', '2016-03-01', ?, 'old')",
            (REPORT,),
        )
        db.commit()


def test_store_migrates_a_store_from_before_date_provenance(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    path = tmp_path / "old.db"
    _old_store(path)
    with SQLiteStore.open(path) as store:
        assert "0002_published_provenance" in store.migrations()
        [old] = list(store.articles())
        assert (old.article.title, old.article.published) == ("Dawn raid", dt.date(2016, 3, 1))
        assert (old.article.published_source, old.article.published_confidence) == (None, None)
        new = Article.create("Aid reached the town on Monday.", **INFERRED)  # type: ignore[arg-type]
        assert store.write([item(pipeline, new)]).new == 1
        assert provenance(next(a for a in store.articles() if a.article.id == new.id).article) == (
            INFERRED
        )
    before = dump(path)
    SQLiteStore.open(path).close()  # nothing left to migrate
    assert dump(path) == before


def test_store_rejects_an_unknown_date_source(store: SQLStore, pipeline: Pipeline) -> None:
    with pytest.raises(StoreError):
        store.write([item(pipeline, dated({**INFERRED, "published_source": "guessed"}))])


def test_store_ingest_rerun_with_inferred_dates_leaves_the_store_identical(
    tmp_path: Path, pipeline: Pipeline, new_store_location: Callable[[], str]
) -> None:
    from sitrep.jobs import ingest_paths

    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Updated November 17, 2021\n\nKIRKUK, Iraq, March 8, 2016 — " + REPORT
    )
    (folder / "b.txt").write_text(REPORT + "\n\nThe town fell on 2 March 2016.")
    db = new_store_location()
    with open_store(db) as store:
        first = ingest_paths([str(folder)], store, pipeline=pipeline)
        assert [a.article.published_source for a in store.articles()] == ["inferred"] * 2
        before = table_rows(store)
    with open_store(db) as store:
        again = ingest_paths([str(folder)], store, pipeline=pipeline)
        assert table_rows(store) == before
    assert (first.new, again.new, again.updated, again.unchanged) == (2, 0, 0, 2)


def test_store_ingest_with_an_option_upgrades_inferred_dates(
    tmp_path: Path, pipeline: Pipeline, new_store_location: Callable[[], str]
) -> None:
    from sitrep.ingest import ReadOptions
    from sitrep.jobs import ingest_paths

    path = tmp_path / "story.txt"
    path.write_text(REPORT + "\n\nTalks ended on 29 February 2016. The town fell yesterday.")
    with open_store(new_store_location()) as store:
        ingest_paths([str(path)], store, pipeline=pipeline)
        [before] = list(store.articles())
        report = ingest_paths(
            [str(path)], store, ReadOptions(published=dt.date(2016, 3, 4)), pipeline=pipeline
        )
        [loaded] = list(store.articles())
    assert report.updated == 1
    # Annotated again: time expressions are resolved against the new date.
    fresh = pipeline.run(loaded.article)
    assert all(loaded.get(kind) == records for kind, records in fresh.annotations.items())
    assert before.get("times") != loaded.get("times")
    assert provenance(loaded.article) == {
        "published": dt.date(2016, 3, 4),
        "published_source": "option",
        "published_confidence": 1.0,
        "published_reason": "given as an option (--published)",
    }


# Events: one record per real-world event ---------------------------------------------------------

HASAKAH = Place(55, 62, "Hasakah", "Al Ḩasakah", "SY", 36.50, 40.75, "city", None, 1)
QAMISHLI = Place(55, 63, "Qamishli", "Al Qāmishlī", "SY", 37.05, 41.22, "city", None, 1)
BAGHDAD = Place(55, 62, "Baghdad", "Baghdad", "IQ", 33.34, 44.40, "city", None, 1)
STORIES = {
    "river": ("River Post", "A car bomb went off near the grain market of the town of Hasakah."),
    "tigris": ("Tigris Wire", "Police said a suicide bomber struck the town of Hasakah at noon."),
    "levant": ("Levant Ledger", "Mortar rounds fell on homes in the northern town of Qamishli."),
    "crescent": ("Crescent Daily Post", "A gunman opened fire at a checkpoint in central Baghdad."),
}


def story(name: str, day: int = 1) -> Article:
    outlet, text = STORIES[name]
    return Article.create(text, outlet=outlet, published=dt.date(2016, 3, day))


def blast(
    type: Any = "bombing",
    place: Place | None = HASAKAH,
    killed: float | None = None,
    days: tuple[str, str] = ("2016-02-29", "2016-02-29"),
) -> Event:
    toll = Toll(value=killed) if killed is not None else None
    return Event(2, 10, trigger="car bomb", type=type, place=place, interval=days, killed=toll)


def with_events(
    article: Article, *events: Event, new: bool = True, copy_of: str | None = None
) -> WriteItem:
    """An article with hand-built events; `new` gives it the fingerprint of an article the store
    does not hold yet."""
    from sitrep.dedup import MinHasher, buckets
    from sitrep.store import Fingerprint

    link = CopyLink(copy_of, 0.95) if copy_of else None
    annotated = AnnotatedArticle(article, {"events": events}, link)
    sketch = MinHasher.create().sketch(article.text)
    fingerprint = Fingerprint(
        sketch.signature.tobytes(), sketch.shingles, tuple(buckets(sketch.signature))
    )
    return WriteItem(annotated, "by hand", True, fingerprint if new else None)


def rows(store: SQLStore, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in store.database.execute(sql)]


def test_store_events_merge_the_reports_of_two_outlets(store: SQLStore) -> None:
    store.write(
        [
            with_events(story("river"), blast(killed=12)),
            with_events(story("tigris"), blast("suicide_bombing", killed=14)),
        ]
    )
    [event] = store.events()
    assert (event.type, event.outlets, event.disputed) == (
        "suicide_bombing",
        ("River Post", "Tigris Wire"),
        True,
    )
    assert store.event_reports(event.event_id) == list(event.reports)
    db = store
    assert rows(db, "SELECT event_id, type, country, killed_low, killed_best, killed_high,"
                " disputed, reports, outlets FROM events") == [
        (event.event_id, "suicide_bombing", "SY", 12, 12, 14, 1, 2, 2)
    ]  # fmt: skip
    linked = rows(db, "SELECT article_id, event_id, type, killed, outlet FROM event_reports")
    assert {(e, t, o) for _, e, t, _, o in linked} == {
        (event.event_id, "bombing", "River Post"),
        (event.event_id, "suicide_bombing", "Tigris Wire"),
    }
    assert {json.loads(k)["value"] for *_, k, _ in linked} == {12, 14}


def test_store_events_are_the_same_written_together_or_apart_and_again(
    store: SQLStore, new_store_location: Callable[[], str]
) -> None:
    river, tigris = with_events(story("river"), blast()), with_events(story("tigris"), blast())
    store.write([tigris])
    store.write([river])
    apart = table_rows(store)
    with open_store(new_store_location()) as other:
        other.write([river, tigris])
        assert [e.event_id for e in other.events()] == [e.event_id for e in store.events()]
    again = [dataclasses.replace(item, fingerprint=None) for item in (river, tigris)]
    counts = store.write(again)  # annotated again, the same events
    assert counts.new == 0
    assert table_rows(store) == apart
    assert rows(store, "SELECT count(*), sum(reports) FROM events") == [(1, 2)]


def test_store_events_follow_an_article_annotated_again(store: SQLStore) -> None:
    river = story("river")
    store.write([with_events(river, blast()), with_events(story("tigris"), blast())])
    [before] = store.events()
    store.write([with_events(river, blast(place=QAMISHLI), new=False)])
    after = store.events()
    assert sorted(len(e.reports) for e in after) == [1, 1]
    assert {e.place.name for e in after if e.place} == {"Al Ḩasakah", "Al Qāmishlī"}
    # The event of the earliest report keeps its id; the other report's event gets its own.
    kept = next(e for e in after if e.event_id == before.event_id)
    assert kept.reports == before.reports[:1]
    store.write([with_events(river, new=False)])  # no events in it any longer
    assert [e.outlets for e in store.events()] == [("Tigris Wire",)]


def test_store_events_follow_deleted_articles(store: SQLStore) -> None:
    river, tigris = story("river"), story("tigris")
    copy = Article.create(
        river.text + " Shops were shut.", outlet="Gulf Courier", published=dt.date(2016, 3, 2)
    )
    store.write(
        [
            with_events(river, blast(killed=12)),
            with_events(tigris, blast(killed=30)),
            with_events(copy, blast(killed=12), copy_of=river.id),
        ]
    )
    [event] = store.events()
    assert event.killed is not None and (event.killed.sources, event.killed.best) == (2, 12)
    assert store.delete([river.id, "0000000000000000"]) == 1
    [event] = store.events()
    assert [r.article_id for r in event.reports] == [tigris.id, copy.id]
    assert event.reports[1].copy_of is None  # the copy stands alone now
    store.delete([tigris.id, copy.id])
    assert store.events() == []
    assert rows(store, "SELECT count(*) FROM event_reports") == [(0,)]


@pytest.fixture
def four_events(store: SQLStore) -> SQLStore:
    """A bombing that one outlet calls a suicide bombing, shelling, an assault and a killing."""
    store.write(
        [
            with_events(story("river"), blast()),
            with_events(story("tigris"), blast("suicide_bombing")),
            with_events(
                story("levant", 6), blast("shelling", QAMISHLI, days=("2016-03-05", "2016-03-05"))
            ),
            with_events(
                story("crescent", 11),
                blast("assault", BAGHDAD, days=("2016-03-10", "2016-03-10")),
                blast("armed_clash", BAGHDAD, days=("2016-03-01", "2016-03-31")),
            ),
        ]
    )
    return store


FILTERS: dict[str, tuple[dict[str, Any], list[str]]] = {
    "all": ({}, ["suicide_bombing", "armed_clash", "shelling", "assault"]),
    "a type one report gives": ({"type": "bombing"}, ["suicide_bombing"]),
    "a type": ({"type": "shelling"}, ["shelling"]),
    "since": ({"since": dt.date(2016, 3, 6)}, ["armed_clash", "assault"]),
    "until": ({"until": dt.date(2016, 3, 1)}, ["suicide_bombing", "armed_clash"]),
    "a day": (
        {"since": dt.date(2016, 3, 5), "until": dt.date(2016, 3, 5)},
        ["armed_clash", "shelling"],
    ),
    "a name as the gazetteer has it": ({"place": "al qāmishlī"}, ["shelling"]),
    "a name as written": ({"place": "Hasakah"}, ["suicide_bombing"]),
    "a country code": ({"place": "iq"}, ["armed_clash", "assault"]),
    "limit": ({"limit": 2}, ["suicide_bombing", "armed_clash"]),
}


@pytest.mark.parametrize(("given", "types"), FILTERS.values(), ids=FILTERS.keys())
def test_store_events_filter_by_type_days_and_place(
    four_events: SQLiteStore, given: dict[str, Any], types: list[str]
) -> None:
    assert [event.type for event in four_events.events(**given)] == types


def test_store_event_reports_of_an_unknown_event_are_none(four_events: SQLiteStore) -> None:
    assert four_events.event_reports("0123456789abcdef") == []


def test_store_events_of_a_store_from_before_the_events_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    early = [m for m in migrations_for("sqlite") if m.name < "0003"]
    river = story("river")
    with closing(sqlite3.connect(path)) as db:
        db.executescript("".join(m.sql for m in early))
        db.executescript(
            "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);"
            + "".join(f"INSERT INTO schema_migrations VALUES ('{m.name}', 'then');" for m in early)
        )
        db.execute(
            "INSERT INTO articles (id, outlet, published, text, pipeline)"
            " VALUES (?, ?, '2016-03-01', ?, 'old')",
            (river.id, river.outlet, river.text),
        )
        attrs = blast(killed=12).attrs()
        db.execute(
            "INSERT INTO annotations VALUES (?, 'events', 0, 2, 10, ?)",
            (river.id, json.dumps(attrs)),
        )
        db.commit()
    with SQLiteStore.open(path) as store:
        [event] = store.events()
    assert event.reports[0].article_id == river.id
    assert event.killed is not None and event.killed.best == 12


# Issue 8: claims are grouped across articles in the store, and every write keeps groups right.
_CLAIM_STORIES = {
    "a.txt": (
        "---\noutlet: Wire A\npublished: 2024-05-20\n---\n"
        "ISIS has lost more than 20 percent of its territory in Libya, officials estimate.\n"
    ),
    "b.txt": (
        "---\noutlet: Paper B\npublished: 2024-05-22\n---\n"
        "ISIS has lost about 10 percent of its territory in Libya, said Col. Dana Reyes.\n"
    ),
}


def test_store_claims_grouped_across_articles_and_regrouped_on_delete(
    store: SQLStore, write_file: Any
) -> None:
    from sitrep.jobs import ingest_paths

    paths = [str(write_file(name, text)) for name, text in _CLAIM_STORIES.items()]
    ingest_paths(paths, store)
    [group] = store.claims(place="libya", conflicts=True)
    assert len(group.voices) == 2
    ingest_paths(paths, store)  # a re-run changes nothing
    assert [g.group_id for g in store.claims()] == [group.group_id]
    store.delete([group.reports[0].article_id])
    [left] = store.claims()
    assert left.voices == ("Col. Dana Reyes",) and not left.conflict
    assert store.claims(conflicts=True) == []


def test_store_claims_filters_by_measure_subject_and_place(
    store: SQLStore, write_file: Any
) -> None:
    from sitrep.jobs import ingest_paths

    ingest_paths([str(write_file("a.txt", _CLAIM_STORIES["a.txt"]))], store)
    assert len(store.claims(measure="territory_share", subject="islamic", place="LIBYA")) == 1
    assert store.claims(measure="area") == []
    assert store.claims(place="Syria") == []


def test_store_postgresql_holds_row_for_row_what_sqlite_holds(
    demo_db: Path, postgres: PostgresServer, postgres_demo: str
) -> None:
    """The same corpus ingested into both stores: the same rows, the same answers."""
    with open_store(demo_db) as lite, open_store(postgres.copy_database(postgres_demo)) as pg:
        assert table_rows(pg) == table_rows(lite)
        assert pg.events() == lite.events() and pg.claims() == lite.claims()
        assert pg.sources() == lite.sources() and pg.actors() == lite.actors()
        assert pg.stats() == lite.stats()
        found = [{hit.id for hit in store.search("Shaddadi OR Palmyra")} for store in (lite, pg)]
        assert found[0] == found[1] and len(found[0]) > 3


def _split_corpus(folder: Path) -> tuple[Path, Path]:
    """The sample corpus in two folders, a wire story and its copy kept together (which of two
    is the original depends on the order they are met in)."""
    from sitrep.jobs import sample_corpus

    halves = (folder / "first", folder / "second")
    for number, source in enumerate(sorted(sample_corpus().iterdir())):
        half = halves[number % 2 if number > 3 else 0]
        half.mkdir(exist_ok=True)
        (half / source.name).write_bytes(source.read_bytes())
    return halves


def test_store_concurrent_writers_end_as_one_writer_after_the_other(
    tmp_path: Path, new_store_location: Callable[[], str]
) -> None:
    """Two ingests into one store at once, in small batches whose events and claims fall in the
    same blocks: the store ends as if they had run one after the other."""
    import subprocess
    import sys

    from sitrep.jobs import ingest_paths

    halves = _split_corpus(tmp_path)
    shared, alone = new_store_location(), new_store_location()
    command = [sys.executable, "-m", "sitrep", "ingest", "--db", shared, "--batch-size", "2"]
    runs = [subprocess.Popen([*command, str(half)], stderr=subprocess.PIPE) for half in halves]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    with open_store(alone) as sequential:
        for half in halves:
            ingest_paths([str(half)], sequential)
        expected = table_rows(sequential)
    with open_store(shared) as concurrent:
        assert table_rows(concurrent) == expected


def _reports(writer: int, count: int) -> list[WriteItem]:
    """`count` one-line reports of one bombing from outlets of one writer's own."""
    outlet, text = STORIES["river"]
    return [
        with_events(
            Article.create(f"{text} Writer {writer}, report {n}.", outlet=f"{outlet} {writer}-{n}"),
            blast(killed=10 + n),
        )
        for n in range(count)
    ]


def test_store_concurrent_writes_into_one_event_block_are_serialised(
    new_store_location: Callable[[], str],
) -> None:
    """Writers each commit one report at a time of the same event, on connections of their own:
    each merge must see every report committed before it, or events split and rows collide."""
    import threading

    shared, alone = new_store_location(), new_store_location()
    batches = [_reports(writer, 12) for writer in range(3)]
    open_store(shared).close()  # tables made once, before the writers race
    failures: list[BaseException] = []

    def write(items: list[WriteItem]) -> None:
        try:
            with open_store(shared) as store:
                for written in items:
                    store.write([written])
        except BaseException as error:  # reported by the test's thread below
            failures.append(error)

    threads = [threading.Thread(target=write, args=(items,)) for items in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    with open_store(alone) as sequential:
        sequential.write([written for items in batches for written in items])
        expected = table_rows(sequential)
    with open_store(shared) as concurrent:
        assert len(concurrent.events()) == 1
        assert table_rows(concurrent) == expected


def test_store_clear_leaves_empty_tables_and_takes_new_articles(
    demo_location: str, pipeline: Pipeline
) -> None:
    with open_store(demo_location) as store:
        store.clear()
        assert all(rows == [] for rows in table_rows(store).values())
        assert store.write([item(pipeline, Article.create(REPORT, outlet="Tigris Wire"))]).new == 1
        assert store.stats().articles == 1


PLACES = (HASAKAH, QAMISHLI, BAGHDAD)
TYPES = ("bombing", "suicide_bombing", "armed_clash")


@st.composite
def report_events(draw: st.DrawFn) -> tuple[Event, ...]:
    """One article's events: days spread over a month, a few spanning weeks, a few two months
    from weeks before (longer than `LONG_WINDOW_DAYS`: found through their own index), some
    undated."""
    events = []
    for _ in range(draw(st.integers(1, 2))):
        start = dt.date(2016, 3, 1) + dt.timedelta(days=draw(st.integers(0, 30)))
        length = draw(st.sampled_from((0, 0, 1, 2, 20, 60)))
        start -= dt.timedelta(days=40 if length > LONG_WINDOW_DAYS else 0)
        days = (start.isoformat(), (start + dt.timedelta(days=length)).isoformat())
        events.append(
            blast(
                draw(st.sampled_from(TYPES)),
                draw(st.sampled_from((*PLACES, None))),  # no place: the block of no country
                draw(st.sampled_from((None, 5, 12, 40))),
                days,
            )
        )
        if draw(st.booleans()) and draw(st.booleans()):
            events[-1] = dataclasses.replace(events[-1], interval=None)
    return tuple(events)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(report_events(), min_size=2, max_size=10),
    cuts=st.lists(st.integers(1, 9), max_size=4),
    again=st.lists(st.tuples(st.integers(0, 9), report_events()), max_size=3),
)
def test_store_events_merged_a_stretch_at_a_time_equal_the_whole_block_merged(
    new_store_location: Callable[[], str],
    first: list[tuple[Event, ...]],
    cuts: list[int],
    again: list[tuple[int, tuple[Event, ...]]],
) -> None:
    """Issue 10: a write merges again only the days around its reports; whatever the batches,
    and with articles annotated again, the events are those of the whole block merged at once."""
    articles = [
        Article.create(f"Report {n} from the front.", outlet=f"Desk {n % 3}",
                       published=dt.date(2016, 3, 1 + n))
        for n in range(len(first))
    ]  # fmt: skip
    final = dict(enumerate(first))
    final.update((n % len(first), events) for n, events in again)
    bounds = sorted({0, *(c for c in cuts if c < len(first)), len(first)})
    with open_store(new_store_location()) as apart, open_store(new_store_location()) as whole:
        for start, end in itertools.pairwise(bounds):
            apart.write([with_events(articles[n], *first[n]) for n in range(start, end)])
        for n, events in again:
            apart.write([with_events(articles[n % len(first)], *events, new=False)])
        whole.write([with_events(articles[n], *events) for n, events in final.items()])
        assert apart.events() == whole.events()
        assert table_rows(apart)["event_reports"] == table_rows(whole)["event_reports"]


@pytest.mark.parametrize("reverse", [False, True])
def test_store_events_a_report_fitting_two_open_events_joins_the_first_opened_issue_10(
    new_store_location: Callable[[], str], monkeypatch: pytest.MonkeyPatch, reverse: bool
) -> None:
    """Two bombings of one town and days with tolls that cannot both be true, then a report
    without a toll, which fits both: it joins the one opened first, whichever order the store
    reads the open events in (a resumed sweep took them in the order their rows came)."""
    from sitrep.store.event_tables import _SQLBlock

    read = _SQLBlock.events

    def events(self: _SQLBlock, ids: Any) -> dict[str, Any]:
        found = read(self, ids)
        return dict(sorted(found.items(), reverse=reverse))

    monkeypatch.setattr(_SQLBlock, "events", events)
    two_days = ("2016-02-28", "2016-02-29")  # begun before the day the write sweeps from
    reports = [blast(killed=5, days=two_days), blast(killed=40, days=two_days), blast()]
    articles = [
        Article.create(f"Report {n}.", outlet=f"Desk {n}", published=dt.date(2016, 3, 1))
        for n in range(3)
    ]
    items = [with_events(a, report) for a, report in zip(articles, reports, strict=True)]
    with open_store(new_store_location()) as apart, open_store(new_store_location()) as whole:
        apart.write(items[:2])
        apart.write(items[2:])
        whole.write(items)
        assert sorted(event.report_count for event in apart.events()) == [1, 2]
        assert apart.events() == whole.events()


def test_store_events_find_an_open_event_of_a_long_window_begun_long_before_issue_10(
    new_store_location: Callable[[], str],
) -> None:
    """A report of two months, begun six weeks before a later report of the same bombing, is
    still open there: the later write finds it through the index of long windows."""
    long_ago = blast(days=("2016-01-20", "2016-03-20"))
    later = blast(days=("2016-03-10", "2016-03-10"))
    first = Article.create("An early report.", outlet="Desk 1", published=dt.date(2016, 1, 21))
    second = Article.create("A later report.", outlet="Desk 2", published=dt.date(2016, 3, 11))
    with open_store(new_store_location()) as apart, open_store(new_store_location()) as whole:
        apart.write([with_events(first, long_ago)])
        apart.write([with_events(second, later)])
        whole.write([with_events(first, long_ago), with_events(second, later)])
        assert [event.report_count for event in apart.events()] == [2]
        assert table_rows(apart)["event_reports"] == table_rows(whole)["event_reports"]


def test_store_event_windows_migration_fills_a_store_from_before_them(
    demo_db: Path, tmp_path: Path
) -> None:
    """A store of migration 0007 gains each event report's window on opening, and the same
    events (issue 10)."""
    import shutil

    path = Path(shutil.copyfile(demo_db, tmp_path / "old.db"))
    with open_store(path) as store:
        events = store.events()
    with closing(sqlite3.connect(path)) as db:
        db.execute("DROP INDEX event_reports_windows")
        db.execute("DROP INDEX event_reports_long")
        db.execute("ALTER TABLE event_reports DROP COLUMN window_from")
        db.execute("ALTER TABLE event_reports DROP COLUMN window_to")
        migrations = {"0008_event_windows", "0009_event_reach", "0010_event_long_windows"}
        db.executemany("DELETE FROM schema_migrations WHERE name = ?", [(m,) for m in migrations])
        db.commit()
    with open_store(path) as store:
        assert migrations <= set(store.migrations())
        assert store.events() == events
        undated = rows(store, "SELECT count(*) FROM event_reports WHERE window_from IS NULL")
        dated = rows(store, "SELECT count(*) FROM event_reports WHERE window_from IS NOT NULL")
    assert undated[0][0] < dated[0][0]


@pytest.mark.parametrize("query", ["Shad\x00dadi", "al-\x1fShaddadi", "\x00"])
def test_store_search_takes_control_characters_as_spaces(
    store: SQLStore, pipeline: Pipeline, query: str
) -> None:
    """A NUL in the words answered 400 'unterminated string' (found by schemathesis, issue 10);
    neither engine takes it, so it is a space, and nothing but control characters is no words."""
    store.write([item(pipeline, Article.create(REPORT, outlet="Tigris Wire"))])
    if query.strip("\x00\x1f "):
        store.search(query)  # no error, whatever it finds
    else:
        with pytest.raises(SearchQueryError, match="empty search query"):
            store.search(query)


def test_store_claim_tables_written_a_batch_at_a_time_equal_them_grouped_at_once(
    store: SQLStore, pipeline: Pipeline
) -> None:
    """Issue 10: a write groups again one key at a time and keeps the rows of the claims whose
    article did not change; the tables end as every claim grouped at once, after batches, an
    article annotated again and a deletion."""
    from sitrep.jobs import ingest_paths, sample_corpus
    from sitrep.store.claim_tables import rebuild_claims

    ingest_paths([str(sample_corpus())], store, pipeline=pipeline, batch_size=3)
    again = next(a for a in store.articles() if a.annotations.get("claims"))
    store.write([WriteItem(pipeline.run(again.article), pipeline.signature, reannotated=True)])
    store.delete([next(a.article.id for a in store.articles() if a.annotations.get("claims"))])
    written = {name: table_rows(store)[name] for name in ("claim_groups", "claim_reports")}
    with store.database.transaction() as db:
        rebuild_claims(db)
    assert {name: table_rows(store)[name] for name in written} == written
    assert written["claim_groups"] and written["claim_reports"]


def test_store_writes_left_to_reconcile_end_as_writes_that_each_reconcile_issue_10(
    store: SQLStore, new_store_location: Callable[[], str], pipeline: Pipeline
) -> None:
    """Batches written without merging events and grouping claims, one of them annotating an
    article again while it waited, then a write that reconciles: the tables of a store where
    every write merged its own. The pending articles are counted until then."""
    from sitrep.jobs import sample_corpus

    articles = [a for a in read_articles([str(sample_corpus())]) if isinstance(a, Article)]
    first, second, third = articles[:4], articles[4:8], articles[8:]
    # Annotated again without its first event: its stored reports' seqs now name other events.
    told = max((pipeline.run(a) for a in first), key=lambda done: len(done.annotations["events"]))
    fewer = {**told.annotations, "events": told.annotations["events"][1:]}
    again = WriteItem(dataclasses.replace(told, annotations=fewer), "", reannotated=True)
    writes = [[item(pipeline, a) for a in first], [again], [item(pipeline, a) for a in second]]
    with open_store(new_store_location()) as each:
        for items in writes:
            each.write(items)
        each.write([item(pipeline, a) for a in third])
        expected = table_rows(each)
    for items in writes:
        store.write(items, reconcile=False)
    assert store.pending() == store.stats().pending == len(first) + len(second)
    store.write([item(pipeline, a) for a in third])
    assert store.pending() == 0
    assert table_rows(store) == expected
    assert expected["events"] and expected["claim_groups"]


def test_store_reconcile_merges_what_waits_and_nothing_else(
    store: SQLStore, pipeline: Pipeline
) -> None:
    """`reconcile` merges the articles left by writes (a killed ingest's, say) and says how many;
    again, it finds none and changes nothing."""
    from sitrep.jobs import sample_corpus

    articles = [a for a in read_articles([str(sample_corpus())]) if isinstance(a, Article)]
    store.write([item(pipeline, a) for a in articles], reconcile=False)
    assert store.events() == [] and store.claims() == []
    assert store.reconcile() == len(articles)
    merged = table_rows(store)
    assert store.reconcile() == 0
    assert table_rows(store) == merged
    assert merged["events"] and not merged["pending_reconcile"]


@pytest.mark.parametrize("every", [1, 5, 10_000])
def test_store_ingest_reconciling_every_few_articles_ends_as_every_batch_issue_10(
    store: SQLStore, new_store_location: Callable[[], str], pipeline: Pipeline, every: int
) -> None:
    """`ingest_paths` merges every `reconcile_every` articles and at the end: the store ends the
    same whatever the number."""
    from sitrep.jobs import ingest_paths, sample_corpus

    paths = [str(sample_corpus())]
    with open_store(new_store_location()) as each:
        ingest_paths(paths, each, pipeline=pipeline, batch_size=3, reconcile_every=1)
        expected = table_rows(each)
    ingest_paths(paths, store, pipeline=pipeline, batch_size=3, reconcile_every=every)
    assert table_rows(store) == expected
