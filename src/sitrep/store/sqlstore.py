"""What the SQL stores share: every query and write of the `Store` interface over a `Database`,
in the SQL both SQLite and PostgreSQL speak; `SQLiteStore` and `PostgresStore` add how to
connect, full-text search, and their errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, ClassVar, Self

from sitrep.dedup import Candidate, Sketch, signature_from_bytes
from sitrep.errors import NotFoundError, ReviewError, SearchQueryError, StoreError
from sitrep.model import RECORD_TYPES, AnnotatedArticle, Article, CopyLink, Span, record_from_row
from sitrep.reconcile.claims import ClaimGroup
from sitrep.reconcile.events import Block, EventReport, MergedEvent, merged_event
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
from sitrep.store.browse import (
    TextMatch,
    actor_counts,
    browse_articles,
    fill_names,
    outlets,
    search_words,
    source_counts,
    source_statements,
    write_names,
)
from sitrep.store.claim_tables import (
    fill_group_summaries,
    group_key,
    key_group,
    matching_keys,
    query_claims,
    rebuild_claims,
    refresh_claims,
    stored_keys,
)
from sitrep.store.database import Database
from sitrep.store.event_tables import (
    event_links,
    fill_event_summaries,
    query_events,
    query_reports,
    rebuild_events,
    refresh_events,
    stored_blocks,
)
from sitrep.store.migrations import Migration, migrations_for
from sitrep.store.review_log import insert_review, query_reviews, reviews_of
from sitrep.store.sql import MAX_PARAMETERS, chunks, marks, stored_date

_ARTICLE_COLUMNS = (
    "id, path, url, title, outlet, published, text, copy_of, similarity,"
    " published_source, published_confidence, published_reason"
)


def _new_date_wins(differs: str) -> str:
    """The stored date, with its source, confidence and reason, is replaced as a whole when the
    row has none, or when it was only inferred from the text and this ingest brings one that was
    not (an option or the input's metadata): a stronger source wins over an inference.
    Qualified, so that the upsert and `dates_replaced_by` share the one rule."""
    return f"""(
    (articles.published IS NULL AND excluded.published IS NOT NULL)
    OR (articles.published_source = 'inferred' AND excluded.published IS NOT NULL
        AND excluded.published_source {differs} 'inferred'))"""


def _upsert(differs: str) -> str:
    """A stored article keeps the metadata it has and only fills gaps: the same text met again
    under another path (a duplicate file) must not flip the row back and forth on every re-run."""
    wins = _new_date_wins(differs)
    return f"""
INSERT INTO articles (id, path, url, title, outlet, published, text, copy_of, similarity,
                      published_source, published_confidence, published_reason,
                      pipeline, minhash, shingles)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    path = coalesce(articles.path, excluded.path),
    url = coalesce(articles.url, excluded.url),
    title = coalesce(articles.title, excluded.title),
    published = CASE WHEN {wins} THEN excluded.published ELSE articles.published END,
    published_source = CASE WHEN {wins}
        THEN excluded.published_source ELSE articles.published_source END,
    published_confidence = CASE WHEN {wins}
        THEN excluded.published_confidence ELSE articles.published_confidence END,
    published_reason = CASE WHEN {wins}
        THEN excluded.published_reason ELSE articles.published_reason END,
    pipeline = excluded.pipeline
WHERE (articles.path IS NULL AND excluded.path IS NOT NULL)
   OR (articles.url IS NULL AND excluded.url IS NOT NULL)
   OR (articles.title IS NULL AND excluded.title IS NOT NULL)
   OR {wins}
   OR excluded.pipeline {differs} articles.pipeline
"""


# Tables derived from the annotations that a migration creates empty, filled once in the same
# transaction from what the store already holds, after every pending migration has run.
_BACKFILLS: tuple[tuple[str, Callable[[Database], None]], ...] = (
    ("0003_events", rebuild_events),
    ("0004_claims", rebuild_claims),
    ("0006_summaries", fill_event_summaries),
    ("0006_summaries", fill_group_summaries),
    ("0007_names", fill_names),
    ("0008_event_windows", rebuild_events),
)


# Every table but schema_migrations, each before the tables its rows point to.
_TABLES_DEPENDENTS_FIRST = (
    "event_reports",
    "events",
    "claim_reports",
    "claim_groups",
    "annotations",
    "minhash_buckets",
    "names",
    "reviews",
    "articles",
)


class SQLStore:
    """A `Store` over one SQL database; `SQLiteStore` and `PostgresStore` say how to connect."""

    # The errors the driver raises, and those a bad search query raises.
    errors: ClassVar[tuple[type[Exception], ...]] = ()
    query_errors: ClassVar[tuple[type[Exception], ...]] = ()

    def __init__(self, database: Database, location: str) -> None:
        self._db = database
        self.path = location  # where it is, for messages: a file path or a URL without password
        self._upsert = _upsert(database.dialect.differs)
        self._date_wins = _new_date_wins(database.dialect.differs)

    @property
    def database(self) -> Database:
        """The connection, for a caller's own read-only SQL (checks, exports)."""
        return self._db

    def _text_match(self, query: str) -> TextMatch:
        """How this backend finds articles by the words of `query`."""
        raise NotImplementedError

    def _has_migrations_table(self) -> bool:
        raise NotImplementedError

    def _migrate(self) -> None:
        """Apply the pending migrations, and fill what they create from what the store holds,
        all in one transaction: an interrupted migration leaves the store as it was."""
        if self._has_migrations_table() and not self._pending(self._applied()):
            return  # the common case: nothing to do, and no write lock taken
        with self._db.transaction() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations"
                " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            pending = self._pending(self._applied())  # again: another process may have run them
            for migration in pending:
                self._apply(db, migration)
            names = {migration.name for migration in pending}
            needed = [backfill for name, backfill in _BACKFILLS if name in names]
            for backfill in dict.fromkeys(needed):  # each once, in order
                backfill(db)

    def _applied(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT name FROM schema_migrations")}

    def _pending(self, applied: set[str]) -> list[Migration]:
        known = migrations_for(self._db.dialect.name)
        unknown = applied - {migration.name for migration in known}
        if unknown:
            raise StoreError(
                f"store {self.path} has migrations this sitrep does not know: {sorted(unknown)}",
                "upgrade sitrep",
            )
        return [migration for migration in known if migration.name not in applied]

    def _apply(self, db: Database, migration: Migration) -> None:
        try:
            db.script(migration.sql)
        except self.errors as error:
            raise StoreError(
                f"migration {migration.name} failed on {self.path}: {error}"
            ) from error
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
        db.execute(
            "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (migration.name, now)
        )

    def migrations(self) -> list[str]:
        return [
            row[0] for row in self._db.execute("SELECT name FROM schema_migrations ORDER BY name")
        ]

    def pipeline_signatures(self, ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in chunks(ids, MAX_PARAMETERS):
            rows = self._db.execute(
                f"SELECT id, pipeline FROM articles WHERE id IN ({marks(chunk)})", chunk
            )
            found.update((id_, pipeline) for id_, pipeline in rows)
        return found

    def dates_replaced_by(self, articles: Sequence[Article]) -> set[str]:
        found: set[str] = set()
        dated = [article for article in articles if article.published is not None]
        for chunk in chunks(dated, MAX_PARAMETERS // 3):
            rows = self._db.execute(
                "WITH excluded (id, published, published_source) AS"
                f" (VALUES {','.join(['(?, ?, ?)'] * len(chunk))})"
                " SELECT articles.id FROM articles JOIN excluded ON excluded.id = articles.id"
                f" WHERE {self._date_wins}",
                [value for article in chunk for value in _date_fields(article)],
            )
            found.update(row[0] for row in rows)
        return found

    def candidates(self, keys: Collection[int]) -> Mapping[int, list[Candidate]]:
        # Two reads, not one join: a join reads an article's row once per bucket it shares
        # (issue 10: 752,599 rows for 1,000 articles into a 100,000-article store of one story's
        # variants, 4.3 s), and its signature lies past its text, on overflow pages.
        members: dict[int, list[str]] = {}
        for chunk in chunks(list(keys), MAX_PARAMETERS):
            rows = self._db.execute(
                f"SELECT bucket, article_id FROM minhash_buckets WHERE bucket IN ({marks(chunk)})",
                chunk,
            )
            for bucket, article_id in rows:
                members.setdefault(bucket, []).append(article_id)
        loaded = self._candidates_by_id({i for ids in members.values() for i in ids})
        # An article deleted between the two reads (another writer) is no candidate.
        return {bucket: [loaded[i] for i in ids if i in loaded] for bucket, ids in members.items()}

    def _candidates_by_id(self, ids: Collection[str]) -> dict[str, Candidate]:
        loaded: dict[str, Candidate] = {}
        for chunk in chunks(sorted(ids), MAX_PARAMETERS):
            rows = self._db.execute(
                f"SELECT id, minhash, shingles, copy_of FROM articles WHERE id IN ({marks(chunk)})",
                chunk,
            )
            for id_, blob, shingles, copy_of in rows:
                sketch = Sketch(signature_from_bytes(bytes(blob)), shingles)
                loaded[id_] = Candidate(id_, sketch, copy_of)
        return loaded

    def write(self, items: Sequence[WriteItem], *, reconcile: bool = True) -> WriteCounts:
        """Write the items in one transaction; see `Store.write`."""
        try:
            with self._db.transaction() as db:
                return self._write_items(db, items, reconcile)
        except self.errors as error:
            raise StoreError(
                f"writing {len(items)} articles to {self.path} failed: {error}"
            ) from error

    def reconcile(self) -> int:
        """Merge the events and group the claims of the articles written without (`write`);
        returns how many articles that was."""
        try:
            with self._db.transaction() as db:
                return reconcile_articles(db, ())
        except self.errors as error:
            raise StoreError(f"reconciling the articles of {self.path} failed: {error}") from error

    def pending(self) -> int:
        """How many articles wait for `reconcile`."""
        with self._reading("the articles waiting to be reconciled"):
            return int(self._db.execute("SELECT count(*) FROM pending_reconcile").fetchone()[0])

    def _write_items(
        self, db: Database, items: Sequence[WriteItem], reconcile_now: bool = True
    ) -> WriteCounts:
        items = _with_reviews(db, items)
        new = [item for item in items if item.fingerprint is not None]
        known = [item for item in items if item.fingerprint is None]
        db.executemany(self._upsert, [_article_row(item) for item in new])
        updated = [
            item for item in known if db.execute(self._upsert, _article_row(item)).rowcount > 0
        ]
        db.executemany(
            "INSERT INTO minhash_buckets (bucket, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(key, item.annotated.article.id) for item in new for key in item.fingerprint.buckets],  # type: ignore[union-attr]
        )
        _write_annotations(db, known, [item for item in items if item.reannotated])
        # An article's date, copy link or events may have changed: its events are merged again.
        changed = [*new, *updated, *(item for item in known if item.reannotated)]
        ids = {item.annotated.article.id for item in changed}
        if reconcile_now:
            reconcile_articles(db, ids)
        else:
            defer_reconcile(db, ids)
        return WriteCounts(new=len(new), updated=len(updated), unchanged=len(known) - len(updated))

    def article(self, article_id: str) -> AnnotatedArticle | None:
        """One article with its annotations (reviews laid over them), or None."""
        with self._reading(f"article {article_id}"):
            return _load_article(self._db, article_id)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles with the words of `query`, best first (the title weighs five times the
        text), each with a snippet where the words are marked [so]."""
        return self.browse(ArticleFilter(query=query), limit)

    def browse(self, where: ArticleFilter, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Articles matching `where`: best matches first when it has words to search for, else
        the latest first."""
        match = self._text_match(search_words(where.query)) if where.query else None
        try:
            return browse_articles(self._db, where, limit, offset, match)
        except self.query_errors as error:
            raise SearchQueryError(f"cannot search for {where.query!r}: {error}") from error
        except self.errors as error:
            raise StoreError(f"cannot read articles from {self.path}: {error}") from error

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
            with self._db.transaction() as db:
                return _record_review(db, request)
        except self.errors as error:
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

    def clear(self) -> None:
        """Delete everything the store holds, the review log too, in one transaction; the
        tables stay (the demo's fresh start in a server's database, where no file is removed)."""
        try:
            with self._db.transaction() as db:
                for table in _TABLES_DEPENDENTS_FIRST:
                    db.execute(f"DELETE FROM {table}")
        except self.errors as error:
            raise StoreError(f"clearing {self.path} failed: {error}") from error

    def delete(self, ids: Sequence[str]) -> int:
        """Delete the articles `ids`, with their annotations and reports, in one transaction;
        returns how many there were. A wire copy of one of them becomes an article of its own."""
        try:
            with self._db.transaction() as db:
                return _delete_articles(db, ids)
        except self.errors as error:
            raise StoreError(
                f"deleting {len(ids)} articles from {self.path} failed: {error}"
            ) from error

    def articles(self, page: int = 200) -> Iterator[AnnotatedArticle]:
        """Every article with its annotations, in id order, a page at a time after the last id
        read: memory stays a page's, and no cursor is held open while the caller works."""
        last = ""
        while True:
            with self._reading("articles"):
                rows = self._db.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                    (last, page),
                ).fetchall()
                records = _annotations_of(self._db, rows[0][0], rows[-1][0]) if rows else {}
            yield from (_annotated(row, records.get(row[0], {})) for row in rows)
            if len(rows) < page:
                return
            last = rows[-1][0]

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
        except self.errors as error:
            raise StoreError(f"cannot read {what} from {self.path}: {error}") from error

    def event_ids(self) -> Iterator[tuple[str, int, str]]:
        return event_links(self._db)

    def stats(self) -> StoreStats:
        articles, copies, characters, undated, first, last, inferred = self._db.execute(
            "SELECT count(*), count(copy_of), coalesce(sum(length(text)), 0),"
            " count(*) - count(published), min(published), max(published),"
            " count(CASE WHEN published_source = 'inferred' THEN 1 END) FROM articles"
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
            self.pending(),
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
    db: Database, known: Sequence[WriteItem], reannotated: Sequence[WriteItem]
) -> None:
    for item in known:
        if item.reannotated:
            _delete_annotations(db, item.annotated)
    db.executemany(
        "INSERT INTO annotations (article_id, kind, seq, start_char, end_char, attrs)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [row for item in reannotated for row in _annotation_rows_of(item.annotated)],
    )
    write_names(
        db,
        (
            (kind, record)
            for item in reannotated
            for kind, records in item.annotated.annotations.items()
            for record in records
        ),
    )


def reconcile_articles(
    db: Database,
    changed: Collection[str],
    blocks: Collection[Block] = (),
    keys: Collection[str] = (),
) -> int:
    """Merge again the events and group again the claims of the `changed` articles and of every
    article still pending (`defer_reconcile`), with the event `blocks` and claim `keys` of
    articles already deleted; returns how many articles that was. Every write reconciles the
    pending articles with its own: their stored reports are stale, and a sweep that read them as
    current would merge what their articles no longer say."""
    ids = set(changed) | {row[0] for row in db.execute("SELECT article_id FROM pending_reconcile")}
    refresh_events(db, ids, blocks)
    refresh_claims(db, ids, keys)
    db.execute("DELETE FROM pending_reconcile")
    return len(ids)


def defer_reconcile(db: Database, ids: Collection[str]) -> None:
    """Leave the events and claims of articles `ids` to a later `reconcile`."""
    db.executemany(
        "INSERT INTO pending_reconcile (article_id) VALUES (?) ON CONFLICT DO NOTHING",
        [(id_,) for id_ in sorted(ids)],
    )


def _delete_articles(db: Database, ids: Sequence[str]) -> int:
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
    reconcile_articles(db, copies, touched, claim_keys)
    return deleted


def _delete_annotations(db: Database, annotated: AnnotatedArticle) -> None:
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


def _annotations_of(db: Database, first: str, last: str) -> dict[str, dict[str, list[Span]]]:
    """The records of the articles with ids from `first` to `last`, by article and kind."""
    found: dict[str, dict[str, list[Span]]] = {}
    rows = db.execute(
        "SELECT article_id, kind, start_char, end_char, attrs FROM annotations"
        " WHERE article_id BETWEEN ? AND ? ORDER BY article_id, kind, seq",
        (first, last),
    )
    for article_id, kind, start, end, attrs in rows:
        if kind in RECORD_TYPES:
            record = record_from_row(kind, start, end, json.loads(attrs) if attrs else {})
            found.setdefault(article_id, {}).setdefault(kind, []).append(record)
    return found


def _annotated(row: tuple[Any, ...], records: dict[str, list[Span]]) -> AnnotatedArticle:
    id_, path, url, title, outlet, published, text, copy_of, similarity, *dated = row
    source, confidence, reason = dated
    article = Article(
        id_, text, title, outlet, stored_date(published), url, path, source, confidence, reason
    )
    link = CopyLink(copy_of, similarity) if copy_of else None
    return AnnotatedArticle(article, {kind: tuple(found) for kind, found in records.items()}, link)


def _with_reviews(db: Database, items: Sequence[WriteItem]) -> Sequence[WriteItem]:
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


def _load_article(db: Database, article_id: str) -> AnnotatedArticle | None:
    row = db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
    found = row.fetchone()
    if found is None:
        return None
    return _annotated(found, _annotations_of(db, article_id, article_id).get(article_id, {}))


def _record_review(db: Database, request: ReviewRequest) -> Review:
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
    reconcile_articles(db, {request.article_id})
    return review
