"""The store interface: narrow enough that a PostgreSQL backend plugs in without touching stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol, Self

from sitrep.dedup import Candidate
from sitrep.model import AnnotatedArticle, Article, Quote
from sitrep.reconcile.claims import ClaimGroup
from sitrep.reconcile.events import EventReport, MergedEvent
from sitrep.review import Review, ReviewRequest


@dataclass(slots=True, frozen=True)
class Fingerprint:
    """Near-duplicate data of an article new to the store."""

    signature: bytes
    shingles: int
    buckets: tuple[int, ...]


@dataclass(slots=True, frozen=True)
class WriteItem:
    """One article to upsert.

    `reannotated` says the annotations replace the stored ones; when False only metadata may change.
    `fingerprint` is set for articles the store does not hold yet.
    """

    annotated: AnnotatedArticle
    pipeline: str
    reannotated: bool
    fingerprint: Fingerprint | None = None


@dataclass(slots=True, frozen=True)
class WriteCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(slots=True, frozen=True)
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    snippet: str
    copy_of: str | None


@dataclass(slots=True, frozen=True)
class ArticleFilter:
    """Which articles to list: `query` words to search for (FTS5, as `search`), an `outlet`
    (exact), publication days from `since` to `until`, a `place` or an `actor` named in the
    text (folded words of the place's or actor's canonical name)."""

    query: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    actor: str | None = None


@dataclass(slots=True, frozen=True)
class NameCount:
    """A source or an actor: its name, its kind or role, in how many articles, how often."""

    name: str
    detail: str | None
    articles: int
    count: int


@dataclass(slots=True, frozen=True)
class Said:
    """One statement of a source: the quote record and the article it is in."""

    article_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    quote: Quote


@dataclass(slots=True, frozen=True)
class StoreStats:
    articles: int
    copies: int
    characters: int
    outlets: Mapping[str, int]
    first_published: dt.date | None
    last_published: dt.date | None
    undated: int
    annotations: Mapping[str, int] = field(default_factory=dict)
    inferred_dates: int = 0  # dates read from the text, not given by metadata or an option
    pending: int = 0  # articles whose events and claims are not merged yet (`Store.reconcile`)


class Store(Protocol):
    """What the library needs from a store. Every write is one transaction: all or nothing."""

    def pipeline_signatures(self, ids: Sequence[str]) -> dict[str, str]:
        """The pipeline signature stored for each of `ids` the store holds."""
        ...

    def dates_replaced_by(self, articles: Sequence[Article]) -> set[str]:
        """Ids of stored articles whose publication date writing `articles` would replace: a gap
        filled, or an inferred date given by an option or metadata (docs/formats.md)."""
        ...

    def candidates(self, keys: Collection[int]) -> Mapping[int, list[Candidate]]:
        """Stored articles in each of the MinHash buckets `keys`."""
        ...

    def write(self, items: Sequence[WriteItem], *, reconcile: bool = True) -> WriteCounts:
        """Write `items` in one transaction. Without `reconcile`, the events and claims of its
        articles are left to a later write or `reconcile()`, which merges them with every
        article left before (a bulk ingest's batches, docs/scale.md)."""
        ...

    def reconcile(self) -> int:
        """Merge the events and group the claims of every article written without; returns how
        many articles that was (0: the store's events and claims were up to date)."""
        ...

    def pending(self) -> int:
        """How many articles wait for `reconcile()`."""
        ...

    def articles(self) -> Iterator[AnnotatedArticle]:
        """Every article with its annotations, streamed in id order."""
        ...

    def search(self, query: str, limit: int = 20) -> list[SearchHit]: ...

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
        """Merged events (docs/events.md), by first day (undated last), then id, each with its
        reports: those a report of which gives `type`, whose days reach `since` and begin by
        `until`, whose place's name contains `place` or whose country code it is, whose
        perpetrator or target is `actor`. With `summary`, each without its reports, read
        from its stored summary: a list's cost then does not grow with the reports."""
        ...

    def event(self, event_id: str) -> MergedEvent | None: ...

    def article(self, article_id: str) -> AnnotatedArticle | None:
        """One article with its annotations, reviews laid over them; None when not held."""
        ...

    def browse(self, where: ArticleFilter, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Articles matching `where`: best matches first when it searches, else latest first."""
        ...

    def outlets(self) -> list[tuple[str, int]]: ...

    def sources(self, limit: int = 100, offset: int = 0) -> list[NameCount]: ...

    def statements(self, source: str, limit: int = 100) -> list[Said]: ...

    def actors(self, limit: int = 100, offset: int = 0) -> list[NameCount]: ...

    def review(self, request: ReviewRequest) -> Review:
        """Record a review in the audit log and lay it over the article (docs/review.md)."""
        ...

    def reviews(
        self, article_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Review]: ...

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
        """Claim groups (docs/claims.md), conflicts first, each with its claims: those of
        `measure`, whose subject and place contain `subject` and `place` (folded), only those
        in conflict when `conflicts`; the page `offset`..`offset + limit` of them. With
        `summary`, each voice with only the claims its figure counts (`claims.summarized`),
        read from the group's stored summary."""
        ...

    def claim_group(self, group_id: str) -> ClaimGroup | None:
        """One claim group with its every claim; None for an unknown id."""
        ...

    def count_claims(
        self,
        measure: str | None = None,
        subject: str | None = None,
        place: str | None = None,
        conflicts: bool = False,
    ) -> int: ...

    def event_reports(self, event_id: str) -> list[EventReport]:
        """The reports of one merged event, earliest first; empty for an unknown id."""
        ...

    def event_ids(self) -> Iterator[tuple[str, int, str]]:
        """(article id, seq among its events, merged event id) of every report, streamed in
        article id order, as `articles` streams articles."""
        ...

    def stats(self) -> StoreStats: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
