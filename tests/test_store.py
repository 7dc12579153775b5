from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sitrep.errors import SearchQueryError, StoreError
from sitrep.model import AnnotatedArticle, Article
from sitrep.pipeline import Pipeline
from sitrep.store import SQLiteStore, WriteItem, open_store
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


def test_store_migrations_are_named_and_applied_once(tmp_path: Path) -> None:
    names = [migration.name for migration in migrations_for("sqlite")]
    assert names[:2] == ["0001_initial", "0002_published_provenance"]
    with SQLiteStore.open(tmp_path / "a.db") as store:
        assert store.migrations() == names
    with SQLiteStore.open(tmp_path / "a.db") as store:
        assert store.migrations() == names


def test_store_refuses_a_store_from_a_newer_sitrep(tmp_path: Path) -> None:
    SQLiteStore.open(tmp_path / "a.db").close()
    with sqlite3.connect(tmp_path / "a.db") as db:
        db.execute("INSERT INTO schema_migrations VALUES ('9999_future', 'now')")
    with pytest.raises(StoreError, match="9999_future"):
        SQLiteStore.open(tmp_path / "a.db")


def test_store_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("not a database at all, just words " * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        open_store(tmp_path / "notes.db")


@pytest.mark.parametrize("location", ["postgresql://localhost/x", "."])
def test_store_open_rejects_what_it_cannot_open(location: str) -> None:
    with pytest.raises(StoreError):
        open_store(location)


def test_store_round_trips_articles_and_annotations(store: SQLiteStore, pipeline: Pipeline) -> None:
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
    tmp_path: Path, store: SQLiteStore, pipeline: Pipeline
) -> None:
    article = Article.create(REPORT, outlet="Tigris Wire")
    assert store.write([item(pipeline, article)]).new == 1
    before = dump(tmp_path / "test.db")
    counts = store.write([WriteItem(pipeline.run(article), pipeline.signature, False)])
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 1)
    assert dump(tmp_path / "test.db") == before


def test_store_upsert_keeps_stored_metadata_and_fills_gaps(
    store: SQLiteStore, pipeline: Pipeline
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
    store: SQLiteStore, pipeline: Pipeline
) -> None:
    """The BBC corpus holds byte-identical stories under two names: a re-run must not flip paths."""
    first, second = Article.create(REPORT, path="a/1.txt"), Article.create(REPORT, path="b/9.txt")
    store.write([item(pipeline, first)])
    store.write([WriteItem(pipeline.run(second), pipeline.signature, False)])
    counts = store.write([WriteItem(pipeline.run(first), pipeline.signature, False)])
    assert counts.unchanged == 1 and next(store.articles()).article.path == "a/1.txt"


def test_store_failed_write_leaves_nothing(store: SQLiteStore, pipeline: Pipeline) -> None:
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
    store: SQLiteStore, pipeline: Pipeline, query: str, found: bool
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


def test_store_search_rejects_an_empty_query(store: SQLiteStore) -> None:
    with pytest.raises(SearchQueryError):
        store.search("   ")


def test_store_stats_count_copies_outlets_and_annotations(
    store: SQLiteStore, pipeline: Pipeline
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
    assert stats.annotations == {"paragraphs": 2, "sentences": 3, "quantities": 1, "places": 1}
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
    store: SQLiteStore, pipeline: Pipeline, case: tuple[Fields, Fields, Fields, int]
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


def test_store_round_trips_the_date_provenance(store: SQLiteStore, pipeline: Pipeline) -> None:
    article = dated(INFERRED)
    store.write([item(pipeline, article)])
    assert next(store.articles()).article == article


def test_store_stats_count_inferred_dates(store: SQLiteStore, pipeline: Pipeline) -> None:
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


def test_store_rejects_an_unknown_date_source(store: SQLiteStore, pipeline: Pipeline) -> None:
    with pytest.raises(StoreError):
        store.write([item(pipeline, dated({**INFERRED, "published_source": "guessed"}))])


def test_store_ingest_rerun_with_inferred_dates_leaves_the_store_identical(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    from sitrep.jobs import ingest_paths

    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Updated November 17, 2021\n\nKIRKUK, Iraq, March 8, 2016 — " + REPORT
    )
    (folder / "b.txt").write_text(REPORT + "\n\nThe town fell on 2 March 2016.")
    db = tmp_path / "rerun.db"
    with SQLiteStore.open(db) as store:
        first = ingest_paths([str(folder)], store, pipeline=pipeline)
        assert [a.article.published_source for a in store.articles()] == ["inferred"] * 2
    before = dump(db)
    with SQLiteStore.open(db) as store:
        again = ingest_paths([str(folder)], store, pipeline=pipeline)
    assert (first.new, again.new, again.updated, again.unchanged) == (2, 0, 0, 2)
    assert dump(db) == before


def test_store_ingest_with_an_option_upgrades_inferred_dates(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    from sitrep.ingest import ReadOptions
    from sitrep.jobs import ingest_paths

    path = tmp_path / "story.txt"
    path.write_text(REPORT + "\n\nTalks ended on 29 February 2016. The town fell yesterday.")
    with SQLiteStore.open(tmp_path / "up.db") as store:
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
