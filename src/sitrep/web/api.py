"""The JSON API, under /api (described at /api/openapi.json). Reads are GETs; the one write is
POST /api/reviews, which takes JSON only (sitrep.web.security)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, BeforeValidator, Field

from sitrep.brief import render_brief
from sitrep.brief.build import BriefFilter
from sitrep.claims.lexicon import ClaimLexicon
from sitrep.errors import NotFoundError
from sitrep.export import export_span
from sitrep.reconcile.claim_listing import claim_json
from sitrep.reconcile.claims import ClaimGroup, linked_groups
from sitrep.reconcile.events import MergedEvent
from sitrep.reconcile.listing import event_json
from sitrep.review import ReviewRequest
from sitrep.store import SQLStore
from sitrep.store.base import ArticleFilter
from sitrep.store.browse import search_words
from sitrep.web.views import article_json, review_json

# Bounds on what a request may ask: a page of at most 100 rows, words of at most 200 characters.
MAX_PAGE = 100
MAX_OFFSET = 100_000
MAX_WORDS = 200
ArticleId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="16 hex characters")]
EventId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")]
GroupId = EventId  # a claim group's id is 16 hex characters too
Words = Annotated[str | None, Query(max_length=MAX_WORDS)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
# A form's empty date field means no date, not a bad one.
Day = Annotated[
    dt.date | None, BeforeValidator(lambda v: v or None), Query(description="YYYY-MM-DD")
]


def article_filter(
    q: Words = None,
    outlet: Words = None,
    since: Day = None,
    until: Day = None,
    place: Words = None,
    actor: Words = None,
) -> ArticleFilter:
    """The article filters of the query string, for the API and the pages alike. Words that are
    only blanks (a search box of spaces, a control character) search for nothing."""
    words = search_words(q) if q else None
    return ArticleFilter(words or None, outlet or None, since, until, place or None, actor or None)


@dataclass(slots=True, frozen=True)
class ClaimFilter:
    measure: str | None = None
    subject: str | None = None
    place: str | None = None
    conflicts: bool = False


def claim_filter(
    measure: Words = None, subject: Words = None, place: Words = None, conflicts: bool = False
) -> ClaimFilter:
    return ClaimFilter(measure or None, subject or None, place or None, conflicts)


@dataclass(slots=True, frozen=True)
class EventFilter:
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    actor: str | None = None


def event_filter(
    type: Words = None,
    since: Day = None,
    until: Day = None,
    place: Words = None,
    actor: Words = None,
) -> EventFilter:
    return EventFilter(type or None, since, until, place or None, actor or None)


Articles = Annotated[ArticleFilter, Depends(article_filter)]
Claims = Annotated[ClaimFilter, Depends(claim_filter)]
Events = Annotated[EventFilter, Depends(event_filter)]


def paged(rows: Sequence[Any], offset: int, limit: int) -> tuple[Sequence[Any], int | None]:
    """The page of `rows` (which may run one past it) and the offset of the next, if any."""
    return rows[:limit], offset + limit if len(rows) > limit else None


def claim_groups(
    request: Request, where: ClaimFilter, limit: int, offset: int
) -> tuple[list[ClaimGroup], Any]:
    """One page of the claim groups of a filter (one past it, to tell whether more follow), and
    the groups of that page linked to each."""
    found = store_of(request).claims(
        where.measure,
        where.subject,
        where.place,
        where.conflicts,
        limit=limit + 1,
        offset=offset,
        summary=True,
    )
    return found, linked_groups(found, related_measures())


@functools.cache
def related_measures() -> tuple[frozenset[str], ...]:
    return ClaimLexicon.load().related


def find_events(
    request: Request, where: EventFilter, limit: int, offset: int = 0
) -> list[MergedEvent]:
    return store_of(request).events(
        where.type,
        where.since,
        where.until,
        where.place,
        limit,
        actor=where.actor,
        offset=offset,
        summary=True,
    )


def kin_groups(request: Request, group: ClaimGroup) -> list[ClaimGroup]:
    """The groups linked to `group` (`claims.linked_groups`): only those of its kin measures
    are read."""
    kin = next((found for found in related_measures() if group.measure in found), frozenset())
    store = store_of(request)
    others = [g for m in sorted(kin - {group.measure}) for g in store.claims(m, summary=True)]
    return linked_groups([group, *others], related_measures()).get(group.group_id, [])


def find_group(request: Request, group_id: str) -> ClaimGroup:
    found = store_of(request).claim_group(group_id)
    if found is None:
        raise NotFoundError(f"no claim group {group_id} in the store")
    return found


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    remedy: str


class ErrorOut(BaseModel):
    """The one error shape of every endpoint."""

    error: ErrorDetail


class ReviewIn(BaseModel):
    """An analyst's review of the record of `kind` at `start_char`..`end_char` of an article."""

    article_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    kind: Literal["quantities", "claims", "events", "quotes", "places", "times", "actors"]
    start_char: int = Field(ge=0, le=10_000_000)
    end_char: int = Field(ge=0, le=10_000_000)
    action: Literal["confirm", "correct", "reject"]
    reviewer: str = Field(min_length=1, max_length=80, pattern=r"\S")
    changes: dict[str, str | float | None] = Field(default_factory=dict, max_length=20)
    note: str | None = Field(default=None, max_length=1000)


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut} for status in (400, 401, 403, 404, 422)
}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def store_of(request: Request) -> SQLStore:
    store: SQLStore = request.app.state.store
    return store


@router.get("/stats", summary="What the store holds")
async def stats(request: Request) -> dict[str, Any]:
    found = store_of(request).stats()
    return {
        "articles": found.articles,
        "copies": found.copies,
        "outlets": dict(found.outlets),
        "first_published": found.first_published,
        "last_published": found.last_published,
        "annotations": dict(found.annotations),
    }


@router.get("/articles", summary="Articles, searched and filtered")
async def articles(
    request: Request, where: Articles, limit: Limit = 25, offset: Offset = 0
) -> dict[str, Any]:
    hits, following = paged(store_of(request).browse(where, limit + 1, offset), offset, limit)
    return {"articles": [asdict(hit) for hit in hits], "offset": offset, "next": following}


@router.get("/articles/{article_id}", summary="One article with every record and its reviews")
async def article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    store = store_of(request)
    found = store.article(article_id)
    if found is None:
        raise NotFoundError(f"no article {article_id} in the store")
    return article_json(found, store.reviews(article_id, limit=MAX_PAGE * 10))


@router.get(
    "/claims",
    summary="Claims grouped across sources, conflicts first; each voice with its latest claim",
)
async def claims(
    request: Request, where: Claims, limit: Limit = 25, offset: Offset = 0
) -> dict[str, Any]:
    groups, links = claim_groups(request, where, limit, offset)
    page, following = paged(groups, offset, limit)
    return {
        "groups": [claim_json(g, links.get(g.group_id, ())) for g in page],
        "offset": offset,
        "next": following,
    }


@router.get("/claims/{group_id}", summary="One claim group with every claim")
async def claim(request: Request, group_id: GroupId) -> dict[str, Any]:
    found = find_group(request, group_id)
    return claim_json(found, kin_groups(request, found))


@router.get(
    "/events", summary="Events merged across reports, earliest first; each without its reports"
)
async def events(
    request: Request, where: Events, limit: Limit = 25, offset: Offset = 0
) -> dict[str, Any]:
    found, following = paged(find_events(request, where, limit + 1, offset), offset, limit)
    return {"events": [event_json(e) for e in found], "offset": offset, "next": following}


@router.get("/events/{event_id}", summary="One event with all its reports")
async def event(request: Request, event_id: EventId) -> dict[str, Any]:
    found = store_of(request).event(event_id)
    if found is None:
        raise NotFoundError(f"no event {event_id} in the store")
    return event_json(found)


@router.get("/sources", summary="Who speaks: sources by statements")
async def sources(request: Request, limit: Limit = 25, offset: Offset = 0) -> dict[str, Any]:
    found = store_of(request).sources(limit, offset)
    return {"sources": [asdict(n) for n in found], "offset": offset}


@router.get("/sources/{name}", summary="What one source said")
async def source(
    request: Request, name: Annotated[str, Path(max_length=MAX_WORDS)], limit: Limit = 25
) -> dict[str, Any]:
    said = store_of(request).statements(name, limit)
    return {
        "source": name,
        "statements": [{**asdict(s), "quote": export_span(s.quote)} for s in said],
    }


@router.get("/actors", summary="Actors by the articles that name them")
async def actors(request: Request, limit: Limit = 25, offset: Offset = 0) -> dict[str, Any]:
    found = store_of(request).actors(limit, offset)
    return {"actors": [asdict(n) for n in found], "offset": offset}


@router.get("/reviews", summary="The audit log of reviews, newest first")
async def reviews(
    request: Request,
    article_id: Annotated[str | None, Query(pattern=r"^[0-9a-f]{16}$")] = None,
    limit: Limit = 25,
    offset: Offset = 0,
) -> dict[str, Any]:
    found = store_of(request).reviews(article_id, limit, offset)
    return {"reviews": [review_json(r) for r in found], "offset": offset}


@router.post("/reviews", status_code=201, summary="Confirm, correct or reject a record")
async def add_review(request: Request, body: Annotated[ReviewIn, Body()]) -> JSONResponse:
    """The token, origin, size and JSON rules are checked before this runs (`guard_writes`)."""
    made = store_of(request).review(ReviewRequest(**body.model_dump()))
    return JSONResponse(review_json(made), status_code=201)


@router.get(
    "/brief",
    summary="The brief of a filter, as HTML or Markdown",
    response_class=PlainTextResponse,
    responses={
        200: {
            "description": "The brief, as a file to save",
            "content": {"text/html": {}, "text/markdown": {}},
        }
    },
)
async def brief(
    request: Request,
    since: Day = None,
    until: Day = None,
    place: Words = None,
    format: Literal["html", "markdown"] = "markdown",
) -> PlainTextResponse:
    text = render_brief(store_of(request), BriefFilter(since, until, place or None), format)
    kind = "text/html" if format == "html" else "text/markdown"
    name = "sitrep-brief." + ("html" if format == "html" else "md")
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return PlainTextResponse(text, media_type=f"{kind}; charset=utf-8", headers=headers)
