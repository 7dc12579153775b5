from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from sitrep.errors import SearchQueryError, StoreError
from sitrep.model import AnnotatedArticle, Article
from sitrep.pipeline import Pipeline
from sitrep.store import SQLiteStore, WriteItem, open_store
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
    with SQLiteStore.open(tmp_path / "a.db") as store:
        assert store.migrations() == ["0001_initial"]
    with SQLiteStore.open(tmp_path / "a.db") as store:
        assert store.migrations() == ["0001_initial"]


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
    assert stats.annotations == {"paragraphs": 2, "sentences": 3, "quantities": 1}
    assert stats.first_published == stats.last_published == dt.date(2016, 3, 1)
