"""The embedded SQLite store (the default): one file, WAL journal, FTS5 full-text search."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sitrep.dedup import Candidate, Sketch, signature_from_bytes
from sitrep.errors import NotFoundError, ReviewError, SearchQueryError, StoreError
from sitrep.model import RECORD_TYPES, AnnotatedArticle, Article, CopyLink, Span, record_from_row
from sitrep.reconcile.claims import ClaimGroup
from sitrep.reconcile.events import EventReport, MergedEvent, merged_event
from sitrep.review import (
    Review,
    ReviewRequest,
    apply_review,
    apply_reviews,
    checked_request,
    target,
)
from sitrep.store.base import (
    ArticleFilter,
    NameCount,
    Said,
    SearchHit,
    StoreStats,
    WriteCounts,
    WriteItem,
)
from sitrep.store.migrations import migrations_for
from sitrep.store.sql import MAX_PARAMETERS, chunks, marks, stored_date
from sitrep.store.sqlite_browse import (
    actor_counts,
    browse_articles,
    outlets,
    source_counts,
    source_statements,
)
from sitrep.store.sqlite_claims import (
    fill_group_summaries,
    group_key,
    key_group,
    matching_keys,
    query_claims,
    rebuild_claims,
    refresh_claims,
    stored_keys,
)
from sitrep.store.sqlite_events import (
    event_links,
    fill_event_summaries,
    query_events,
    query_reports,
    rebuild_events,
    refresh_events,
    stored_blocks,
)
from sitrep.store.sqlite_reviews import insert_review, query_reviews, reviews_of

_ARTICLE_COLUMNS = (
    "id, path, url, title, outlet, published, text, copy_of, similarity,"
    " published_source, published_confidence, published_reason"
)
# The stored date, with its source, confidence and reason, is replaced as a whole when the row has
# none, or when it was only inferred from the text and this ingest brings one that was not (an
# option or the input's metadata): a stronger source wins over an inference. Qualified, so that
# the upsert and `dates_replaced_by` share the one rule.
_NEW_DATE_WINS = """(
    (articles.published IS NULL AND excluded.published IS NOT NULL)
    OR (articles.published_source = 'inferred' AND excluded.published IS NOT NULL
        AND excluded.published_source IS NOT 'inferred'))"""
# A stored article keeps the metadata it has and only fills gaps: the same text met again under
# another path (a duplicate file) must not flip the row back and forth on every re-run.
_UPSERT = f"""
INSERT INTO articles (id, path, url, title, outlet, published, text, copy_of, similarity,
                      published_source, published_confidence, published_reason,
                      pipeline, minhash, shingles)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    path = coalesce(path, excluded.path),
    url = coalesce(url, excluded.url),
    title = coalesce(title, excluded.title),
    published = CASE WHEN {_NEW_DATE_WINS} THEN excluded.published ELSE published END,
    published_source = CASE WHEN {_NEW_DATE_WINS}
        THEN excluded.published_source ELSE published_source END,
    published_confidence = CASE WHEN {_NEW_DATE_WINS}
        THEN excluded.published_confidence ELSE published_confidence END,
    published_reason = CASE WHEN {_NEW_DATE_WINS}
        THEN excluded.published_reason ELSE published_reason END,
    pipeline = excluded.pipeline
WHERE (path IS NULL AND excluded.path IS NOT NULL)
   OR (url IS NULL AND excluded.url IS NOT NULL)
   OR (title IS NULL AND excluded.title IS NOT NULL)
   OR {_NEW_DATE_WINS}
   OR excluded.pipeline IS NOT pipeline
"""
_EVENTS_MIGRATION = "0003_events"
_CLAIMS_MIGRATION = "0004_claims"
_SUMMARIES_MIGRATION = "0006_summaries"
_FTS_TOKEN = re.compile(r'"[^"]*"|\S+')
_FTS_OPERATORS = frozenset(("AND", "OR", "NOT"))


class SQLiteStore:
    """A `Store` in one SQLite file. Open with `SQLiteStore.open(path)`."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, check_same_thread: bool = True) -> SQLiteStore:
        """`check_same_thread` False lets a server make the connection on one thread and use
        it on another; the caller then keeps the uses from overlapping."""
        name = str(path)
        try:
            connection = sqlite3.connect(
                name, isolation_level=None, timeout=30, check_same_thread=check_same_thread
            )
            store = cls(connection, name)
            store._configure()
            store._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open store {name}: {error}") from error
        return store

    def _configure(self) -> None:
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA foreign_keys = ON")

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations"
            " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        applied = {row[0] for row in self._db.execute("SELECT name FROM schema_migrations")}
        known = migrations_for("sqlite")
        unknown = applied - {migration.name for migration in known}
        if unknown:
            raise StoreError(
                f"store {self.path} has migrations this sitrep does not know: {sorted(unknown)}",
                "upgrade sitrep",
            )
        for migration in known:
            if migration.name not in applied:
                self._apply(migration.name, migration.sql)
        if _EVENTS_MIGRATION not in applied:
            # Events annotated before the tables existed are merged once, now.
            with self._transaction() as db:
                rebuild_events(db)
        if _CLAIMS_MIGRATION not in applied:
            with self._transaction() as db:
                rebuild_claims(db)
        if _SUMMARIES_MIGRATION not in applied:
            self._fill_summaries()

    def _fill_summaries(self) -> None:
        """Events and claim groups written before their summaries were kept get theirs (one
        that a crash leaves without is read from its reports, and gets one when next written)."""
        with self._transaction() as db:
            fill_event_summaries(db)
            fill_group_summaries(db)

    def _apply(self, name: str, sql: str) -> None:
        try:
            self._db.executescript(f"BEGIN IMMEDIATE;\n{sql}")
            self._db.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, datetime('now'))",
                (name,),
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed on {self.path}: {error}") from error

    def migrations(self) -> list[str]:
        return [
            row[0] for row in self._db.execute("SELECT name FROM schema_migrations ORDER BY name")
        ]

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def pipeline_signatures(self, ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in chunks(ids, MAX_PARAMETERS):
            rows = self._db.execute(
                f"SELECT id, pipeline FROM articles WHERE id IN ({marks(chunk)})", chunk
            )
            found.update(rows)
        return found

    def dates_replaced_by(self, articles: Sequence[Article]) -> set[str]:
        found: set[str] = set()
        dated = [article for article in articles if article.published is not None]
        for chunk in chunks(dated, MAX_PARAMETERS // 3):
            rows = self._db.execute(
                "WITH excluded (id, published, published_source) AS"
                f" (VALUES {','.join(['(?, ?, ?)'] * len(chunk))})"
                " SELECT articles.id FROM articles JOIN excluded ON excluded.id = articles.id"
                f" WHERE {_NEW_DATE_WINS}",
                [value for article in chunk for value in _date_fields(article)],
            )
            found.update(row[0] for row in rows)
        return found

    def candidates(self, keys: Collection[int]) -> Mapping[int, list[Candidate]]:
        found: dict[int, list[Candidate]] = {}
        loaded: dict[str, Candidate] = {}
        for chunk in chunks(list(keys), MAX_PARAMETERS):
            rows = self._db.execute(
                "SELECT b.bucket, a.id, a.minhash, a.shingles, a.copy_of FROM minhash_buckets AS b"
                f" JOIN articles AS a ON a.id = b.article_id WHERE b.bucket IN ({marks(chunk)})",
                chunk,
            )
            for bucket, id_, blob, shingles, copy_of in rows:
                if id_ not in loaded:
                    loaded[id_] = Candidate(
                        id_, Sketch(signature_from_bytes(blob), shingles), copy_of
                    )
                found.setdefault(bucket, []).append(loaded[id_])
        return found

    def write(self, items: Sequence[WriteItem]) -> WriteCounts:
        try:
            with self._transaction() as db:
                return self._write_items(db, items)
        except sqlite3.Error as error:
            raise StoreError(
                f"writing {len(items)} articles to {self.path} failed: {error}"
            ) from error

    def _write_items(self, db: sqlite3.Connection, items: Sequence[WriteItem]) -> WriteCounts:
        items = _with_reviews(db, items)
        new = [item for item in items if item.fingerprint is not None]
        known = [item for item in items if item.fingerprint is None]
        db.executemany(_UPSERT, [_article_row(item) for item in new])
        updated = [item for item in known if db.execute(_UPSERT, _article_row(item)).rowcount > 0]
        db.executemany(
            "INSERT OR IGNORE INTO minhash_buckets (bucket, article_id) VALUES (?, ?)",
            [(key, item.annotated.article.id) for item in new for key in item.fingerprint.buckets],  # type: ignore[union-attr]
        )
        _write_annotations(db, known, [item for item in items if item.reannotated])
        # An article's date, copy link or events may have changed: its events are merged again.
        changed = [*new, *updated, *(item for item in known if item.reannotated)]
        refresh_events(db, {item.annotated.article.id for item in changed})
        refresh_claims(db, {item.annotated.article.id for item in changed})
        return WriteCounts(new=len(new), updated=len(updated), unchanged=len(known) - len(updated))

    def article(self, article_id: str) -> AnnotatedArticle | None:
        """One article with its annotations (reviews laid over them), or None."""
        with self._reading(f"article {article_id}"):
            return _load_article(self._db, article_id)

    def browse(self, where: ArticleFilter, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Articles matching `where`: best matches first when it has words to search for, else
        the latest first."""
        try:
            return browse_articles(self._db, where, limit, offset)
        except sqlite3.OperationalError as error:
            raise SearchQueryError(f"cannot search for {where.query!r}: {error}") from error

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of articles, most first."""
        with self._reading("outlets"):
            return outlets(self._db)

    def sources(self, limit: int = 100, offset: int = 0) -> list[NameCount]:
        """Sources across articles, those with most statements first."""
        with self._reading("sources"):
            return source_counts(self._db, limit, offset)

    def statements(self, source: str, limit: int = 100) -> list[Said]:
        """What the source named `source` (its canonical name) said, latest first."""
        with self._reading(f"the statements of {source}"):
            return source_statements(self._db, source, limit)

    def actors(self, limit: int = 100, offset: int = 0) -> list[NameCount]:
        """Actors across articles, those named in most articles first."""
        with self._reading("actors"):
            return actor_counts(self._db, limit, offset)

    def review(self, request: ReviewRequest) -> Review:
        """Record an analyst's review and lay it over the article's records, in one transaction;
        the events and claims it touches are merged and grouped again (docs/review.md)."""
        request = checked_request(request)
        try:
            with self._transaction() as db:
                return _record_review(db, request)
        except sqlite3.Error as error:
            raise StoreError(f"recording a review in {self.path} failed: {error}") from error

    def reviews(
        self, article_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Review]:
        """The audit log, newest first; one article's when `article_id` is given."""
        with self._reading("reviews"):
            return query_reviews(self._db, article_id, limit, offset)

    def event(self, event_id: str) -> MergedEvent | None:
        """One merged event with its reports, or None."""
        reports = self.event_reports(event_id)
        return merged_event(reports) if reports else None

    def delete(self, ids: Sequence[str]) -> int:
        """Delete the articles `ids`, with their annotations and reports, in one transaction;
        returns how many there were. A wire copy of one of them becomes an article of its own."""
        try:
            with self._transaction() as db:
                return _delete_articles(db, ids)
        except sqlite3.Error as error:
            raise StoreError(
                f"deleting {len(ids)} articles from {self.path} failed: {error}"
            ) from error

    def articles(self) -> Iterator[AnnotatedArticle]:
        reader = self._db.cursor()
        annotations = _annotation_rows(self._db.cursor())
        pending = next(annotations, None)
        for row in reader.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id"):
            records: dict[str, list[Span]] = {}
            while pending is not None and pending[0] <= row[0]:
                article_id, kind, record = pending
                if article_id == row[0] and record is not None:
                    records.setdefault(kind, []).append(record)
                pending = next(annotations, None)
            yield _annotated(row, records)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        sql = """
            SELECT a.id, a.title, a.outlet, a.published,
                   snippet(articles_fts, 1, '[', ']', ' … ', 16), a.copy_of
            FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid
            WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0), a.id LIMIT ?"""
        try:
            rows = self._db.execute(sql, (to_fts_query(query), limit)).fetchall()
        except sqlite3.OperationalError as error:
            raise SearchQueryError(f"cannot search for {query!r}: {error}") from error
        return [SearchHit(i, t, o, stored_date(p), s, c) for i, t, o, p, s, c in rows]

    def events(
        self,
        type: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        place: str | None = None,
        limit: int | None = None,
        *,
        actor: str | None = None,
        offset: int = 0,
        summary: bool = False,
    ) -> list[MergedEvent]:
        with self._reading("events"):
            return query_events(
                self._db,
                type_=type,
                since=since,
                until=until,
                place=place,
                limit=limit,
                actor=actor,
                offset=offset,
                summary=summary,
            )

    def claims(
        self,
        measure: str | None = None,
        subject: str | None = None,
        place: str | None = None,
        conflicts: bool = False,
        *,
        limit: int | None = None,
        offset: int = 0,
        summary: bool = False,
    ) -> list[ClaimGroup]:
        with self._reading("claims"):
            return query_claims(
                self._db,
                measure=measure,
                subject=subject,
                place=place,
                conflicts=conflicts,
                limit=limit,
                offset=offset,
                summary=summary,
            )

    def claim_group(self, group_id: str) -> ClaimGroup | None:
        """One claim group with its every claim, or None."""
        with self._reading(f"claim group {group_id}"):
            key = group_key(self._db, group_id)
            return key_group(self._db, key) if key else None

    def count_claims(
        self,
        measure: str | None = None,
        subject: str | None = None,
        place: str | None = None,
        conflicts: bool = False,
    ) -> int:
        """How many groups `claims` gives for the same filter, without building them."""
        with self._reading("claims"):
            return len(matching_keys(self._db, measure, subject, place, conflicts))

    def event_reports(self, event_id: str) -> list[EventReport]:
        with self._reading(f"the reports of event {event_id}"):
            return query_reports(self._db, event_id)

    @contextmanager
    def _reading(self, what: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {what} from {self.path}: {error}") from error

    def event_ids(self) -> Iterator[tuple[str, int, str]]:
        return event_links(self._db)

    def stats(self) -> StoreStats:
        articles, copies, characters, undated, first, last, inferred = self._db.execute(
            "SELECT count(*), count(copy_of), coalesce(sum(length(text)), 0),"
            " count(*) - count(published), min(published), max(published),"
            " coalesce(sum(published_source = 'inferred'), 0) FROM articles"
        ).fetchone()
        outlets = self._db.execute(
            "SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles"
            " GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        kinds = self._db.execute(
            "SELECT kind, count(*) FROM annotations GROUP BY kind ORDER BY kind"
        )
        return StoreStats(
            articles,
            copies,
            characters,
            dict(outlets),
            stored_date(first),
            stored_date(last),
            undated,
            dict(kinds),
            inferred,
        )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def to_fts_query(query: str) -> str:
    """A forgiving FTS5 query: every word is quoted (so "al-Shaddadi" and "U.S." work), quoted
    phrases stay phrases, AND/OR/NOT stay operators and a trailing * keeps a prefix search."""
    parts = []
    for token in _FTS_TOKEN.findall(query):
        if token in _FTS_OPERATORS or (
            token.startswith('"') and token.endswith('"') and len(token) > 1
        ):
            parts.append(token)
            continue
        prefix = token.endswith("*") and len(token) > 1
        word = token.rstrip("*").replace('"', '""')
        parts.append(f'"{word}"' + ("*" if prefix else ""))
    if not parts:
        raise SearchQueryError("empty search query")
    return " ".join(parts)


def _article_row(item: WriteItem) -> tuple[Any, ...]:
    article = item.annotated.article
    link = item.annotated.copy_of
    blob = item.fingerprint.signature if item.fingerprint else None
    shingles = item.fingerprint.shingles if item.fingerprint else None
    published = article.published.isoformat() if article.published else None
    return (
        article.id,
        article.path,
        article.url,
        article.title,
        article.outlet,
        published,
        article.text,
        link.canonical_id if link else None,
        link.similarity if link else None,
        article.published_source,
        article.published_confidence,
        article.published_reason,
        item.pipeline,
        blob,
        shingles,
    )


def _date_fields(article: Article) -> tuple[str, str | None, str | None]:
    published = article.published.isoformat() if article.published else None
    return article.id, published, article.published_source


def _write_annotations(
    db: sqlite3.Connection, known: Sequence[WriteItem], reannotated: Sequence[WriteItem]
) -> None:
    for item in known:
        if item.reannotated:
            _delete_annotations(db, item.annotated)
    db.executemany(
        "INSERT INTO annotations (article_id, kind, seq, start_char, end_char, attrs)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [row for item in reannotated for row in _annotation_rows_of(item.annotated)],
    )


def _delete_articles(db: sqlite3.Connection, ids: Sequence[str]) -> int:
    """Copies of deleted articles are unlinked first (copy_of has no cascade on purpose: a
    copy is an article in its own right), and their events merged again without the original."""
    gone = set(ids)
    copies = [
        row[0]
        for chunk in chunks(sorted(gone))
        for row in db.execute(f"SELECT id FROM articles WHERE copy_of IN ({marks(chunk)})", chunk)
        if row[0] not in gone
    ]
    touched = stored_blocks(db, gone)
    claim_keys = stored_keys(db, gone)
    deleted = 0
    for chunk in chunks(copies):
        db.execute(
            f"UPDATE articles SET copy_of = NULL, similarity = NULL WHERE id IN ({marks(chunk)})",
            chunk,
        )
    for chunk in chunks(sorted(gone)):
        deleted += db.execute(f"DELETE FROM articles WHERE id IN ({marks(chunk)})", chunk).rowcount
    refresh_events(db, copies, touched)
    refresh_claims(db, copies, claim_keys)
    return deleted


def _delete_annotations(db: sqlite3.Connection, annotated: AnnotatedArticle) -> None:
    kinds = list(annotated.annotations)
    db.execute(
        f"DELETE FROM annotations WHERE article_id = ? AND kind IN ({marks(kinds)})",
        [annotated.article.id, *kinds],
    )


def _annotation_rows_of(annotated: AnnotatedArticle) -> Iterator[tuple[Any, ...]]:
    article_id = annotated.article.id
    for kind, records in annotated.annotations.items():
        for seq, record in enumerate(records):
            yield article_id, kind, seq, record.start_char, record.end_char, _attrs_json(record)


def _attrs_json(record: Span) -> str | None:
    attrs = record.attrs()
    return json.dumps(attrs, ensure_ascii=False, separators=(",", ":")) if attrs else None


def _annotation_rows(cursor: sqlite3.Cursor) -> Iterator[tuple[str, str, Span | None]]:
    rows = cursor.execute(
        "SELECT article_id, kind, start_char, end_char, attrs FROM annotations"
        " ORDER BY article_id, kind, seq"
    )
    for article_id, kind, start, end, attrs in rows:
        record = (
            record_from_row(kind, start, end, json.loads(attrs) if attrs else {})
            if kind in RECORD_TYPES
            else None
        )
        yield article_id, kind, record


def _annotated(row: tuple[Any, ...], records: dict[str, list[Span]]) -> AnnotatedArticle:
    id_, path, url, title, outlet, published, text, copy_of, similarity, *dated = row
    source, confidence, reason = dated
    article = Article(
        id_, text, title, outlet, stored_date(published), url, path, source, confidence, reason
    )
    link = CopyLink(copy_of, similarity) if copy_of else None
    return AnnotatedArticle(article, {kind: tuple(found) for kind, found in records.items()}, link)


def _with_reviews(db: sqlite3.Connection, items: Sequence[WriteItem]) -> Sequence[WriteItem]:
    """Items extracted anew with their articles' reviews laid over the machine's records, so
    that a correction survives re-extraction."""
    reviewed = reviews_of(db, [item.annotated.article.id for item in items if item.reannotated])
    if not reviewed:
        return items
    return [
        dataclasses.replace(item, annotated=apply_reviews(item.annotated, found))
        if item.reannotated and (found := reviewed.get(item.annotated.article.id))
        else item
        for item in items
    ]


def _load_article(db: sqlite3.Connection, article_id: str) -> AnnotatedArticle | None:
    row = db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
    found = row.fetchone()
    if found is None:
        return None
    records: dict[str, list[Span]] = {}
    rows = db.execute(
        "SELECT kind, start_char, end_char, attrs FROM annotations WHERE article_id = ?"
        " ORDER BY kind, seq",
        (article_id,),
    )
    for kind, start, end, attrs in rows:
        if kind in RECORD_TYPES:
            record = record_from_row(kind, start, end, json.loads(attrs) if attrs else {})
            records.setdefault(kind, []).append(record)
    return _annotated(found, records)


def _record_review(db: sqlite3.Connection, request: ReviewRequest) -> Review:
    annotated = _load_article(db, request.article_id)
    if annotated is None:
        raise NotFoundError(f"no article {request.article_id!r} in the store")
    span = (request.kind, request.start_char, request.end_char)
    record = target(annotated.annotations, *span)
    if record is None:
        raise ReviewError(
            f"article {request.article_id} has no {request.kind} record at"
            f" {request.start_char}..{request.end_char}",
            "take the kind and offsets from the article's records (GET /api/articles/ID)",
        )
    draft = Review(0, *(request.article_id, *span), request.action, request.reviewer, "")
    draft = dataclasses.replace(draft, changes=request.changes)
    annotations = apply_review(annotated.annotations, draft)
    after = target(annotations, *span)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    review = insert_review(db, request, record.attrs(), after.attrs() if after else None, now)
    reviewed = dataclasses.replace(annotated, annotations=annotations)
    _delete_annotations(db, reviewed)
    _write_annotations(db, [], [WriteItem(reviewed, "", reannotated=True)])
    refresh_events(db, {request.article_id})
    refresh_claims(db, {request.article_id})
    return review
