"""The HTML pages: server-rendered with Jinja2 (autoescaped), light JavaScript on top. They read
through the same store calls and views as the API (sitrep.web.api)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sitrep.brief import render_brief
from sitrep.brief.build import BriefFilter
from sitrep.brief.pictures import anchor, events_map, events_timeline
from sitrep.errors import NotFoundError
from sitrep.review import ReviewRequest
from sitrep.store.base import ArticleFilter, NameCount
from sitrep.web import security
from sitrep.web.api import (
    MAX_WORDS,
    ArticleId,
    Articles,
    Claims,
    Day,
    EventId,
    Events,
    GroupId,
    Limit,
    Offset,
    Words,
    claim_groups,
    find_events,
    find_group,
    kin_groups,
    paged,
    store_of,
)
from sitrep.web.views import PANEL_KINDS, article_body, panel

router = APIRouter(include_in_schema=False)
Name = Annotated[str, Path(max_length=MAX_WORDS)]
# The map and time line draw at most this many events: a picture of thousands tells nothing.
MAX_DRAWN = 300


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    page = request.app.state.templates.get_template(template)
    settings = request.app.state.settings
    html = page.render(
        request=request,
        csrf=security.csrf_token(request),
        needs_login=settings.token is not None,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def _query(request: Request, **changed: Any) -> str:
    """The current query string with `changed` parameters replaced (paging links)."""
    params = dict(request.query_params) | {k: str(v) for k, v in changed.items()}
    return urlencode({k: v for k, v in params.items() if v not in ("", "None")})


@router.get("/favicon.ico")
async def favicon() -> Response:
    """No icon: an empty answer, so that a page without a link to one (the brief, a file of its
    own) leaves no error in the browser's console."""
    return Response(status_code=204)


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/articles", status_code=307)


@router.get("/articles", response_class=HTMLResponse)
async def articles(request: Request, where: Articles, offset: Offset = 0) -> HTMLResponse:
    store = store_of(request)
    limit = request.app.state.settings.page_size
    hits, following = paged(store.browse(where, limit + 1, offset), offset, limit)
    return render(
        request,
        "articles.html",
        hits=hits,
        where=where,
        outlets=store.outlets(),
        offset=offset,
        more=_next_page(request, following),
    )


def _next_page(request: Request, following: int | None) -> str | None:
    return None if following is None else _query(request, offset=following)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: ArticleId) -> HTMLResponse:
    store = store_of(request)
    found = store.article(article_id)
    if found is None:
        raise NotFoundError(f"no article {article_id} in the store")
    reviews = store.reviews(article_id, limit=1000)
    return render(
        request,
        "article.html",
        article=found.article,
        copy_of=found.copy_of,
        body=article_body(found),
        panel=panel(found, list(reversed(reviews))),
        reviews=reviews,
        kinds=PANEL_KINDS,
    )


@router.post("/articles/{article_id}/reviews")
async def review(
    request: Request,
    article_id: ArticleId,
    kind: Annotated[str, Form(max_length=20)],
    start_char: Annotated[int, Form(ge=0)],
    end_char: Annotated[int, Form(ge=0)],
    action: Annotated[Literal["confirm", "correct", "reject"], Form()],
    reviewer: Annotated[str, Form(max_length=80)],
    csrf: Annotated[str, Form(max_length=100)] = "",
    note: Annotated[str, Form(max_length=1000)] = "",
    anchor: Annotated[str, Form(max_length=40)] = "",
) -> RedirectResponse:
    """A review from the article page's form. Each field comes as `field.NAME` with the value
    it showed as `was.NAME`: only the fields the analyst changed are corrections."""
    security.check_csrf(request, csrf)
    form = await request.form()
    changes = {
        str(key)[6:]: str(value)
        for key, value in form.multi_items()
        if str(key).startswith("field.") and str(value) != form.get(f"was.{str(key)[6:]}")
    }
    request_ = ReviewRequest(
        article_id,
        kind,
        start_char,
        end_char,
        action,
        reviewer,
        changes if action == "correct" else {},
        note or None,
    )
    store_of(request).review(request_)
    target = f"/articles/{article_id}?reviewed=1" + (
        f"#{anchor}" if anchor.replace("-", "").isalnum() else ""
    )
    return RedirectResponse(target, status_code=303)


@router.get("/claims", response_class=HTMLResponse)
async def claims(request: Request, where: Claims, offset: Offset = 0) -> HTMLResponse:
    limit = request.app.state.settings.page_size
    groups, links = claim_groups(request, where, limit, offset)
    page, following = paged(groups, offset, limit)
    total = store_of(request).count_claims(
        where.measure, where.subject, where.place, where.conflicts
    )
    return render(
        request,
        "claims.html",
        groups=page,
        links=links,
        total=total,
        where=where,
        offset=offset,
        more=_next_page(request, following),
    )


@router.get("/claims/{group_id}", response_class=HTMLResponse)
async def claim(request: Request, group_id: GroupId) -> HTMLResponse:
    found = find_group(request, group_id)
    return render(request, "claim.html", group=found, linked=kin_groups(request, found))


@router.get("/events", response_class=HTMLResponse)
async def events(request: Request, where: Events) -> HTMLResponse:
    found = find_events(request, where, MAX_DRAWN)
    return render(
        request,
        "events.html",
        events=found,
        map=events_map(found),
        timeline=events_timeline(found),
        anchor=anchor,
        where=where,
        capped=len(found) >= MAX_DRAWN,
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
async def event(request: Request, event_id: EventId) -> HTMLResponse:
    found = store_of(request).event(event_id)
    if found is None:
        raise NotFoundError(f"no event {event_id} in the store")
    return render(request, "event.html", event=found)


@router.get("/sources", response_class=HTMLResponse)
async def sources(request: Request, offset: Offset = 0, limit: Limit = 50) -> HTMLResponse:
    found = store_of(request).sources(limit + 1, offset)
    return _names(request, "Sources", found, offset, limit)


def _names(
    request: Request, heading: str, found: list[NameCount], offset: int, limit: int
) -> HTMLResponse:
    rows, following = paged(found, offset, limit)
    base = f"/{heading.lower()}"
    more = _next_page(request, following)
    return render(request, "names.html", heading=heading, rows=rows, base=base, more=more)


@router.get("/sources/{name}", response_class=HTMLResponse)
async def source(request: Request, name: Name) -> HTMLResponse:
    said = store_of(request).statements(name, 100)
    return render(request, "source.html", name=name, said=said)


@router.get("/actors", response_class=HTMLResponse)
async def actors(request: Request, offset: Offset = 0, limit: Limit = 50) -> HTMLResponse:
    found = store_of(request).actors(limit + 1, offset)
    return _names(request, "Actors", found, offset, limit)


@router.get("/actors/{name}", response_class=HTMLResponse)
async def actor(request: Request, name: Name) -> HTMLResponse:
    store = store_of(request)
    found = store.events(limit=100, actor=name, summary=True)
    named = store.browse(ArticleFilter(actor=name), 25, 0)
    return render(request, "actor.html", name=name, events=found, articles=named)


@router.get("/brief", response_class=HTMLResponse)
async def brief(
    request: Request, since: Day = None, until: Day = None, place: Words = None
) -> HTMLResponse:
    query = urlencode(
        {k: v for k, v in (("since", since), ("until", until), ("place", place)) if v}
    )
    return render(request, "brief.html", since=since, until=until, place=place, query=query)


@router.get("/brief/preview")
async def brief_preview(
    request: Request, since: Day = None, until: Day = None, place: Words = None
) -> Response:
    text = render_brief(store_of(request), BriefFilter(since, until, place or None), "html")
    return HTMLResponse(text)


@router.get("/reviews", response_class=HTMLResponse)
async def reviews(request: Request, offset: Offset = 0) -> HTMLResponse:
    limit = 50
    found = store_of(request).reviews(None, limit, offset)
    more = _query(request, offset=offset + limit) if len(found) == limit else None
    return render(request, "reviews.html", reviews=found, offset=offset, more=more)


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html")


@router.post("/login")
async def login(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """The operator's token, checked and kept in an HttpOnly cookie for this browser."""
    security.check_csrf(request, csrf)
    expected = request.app.state.settings.token
    if not security.same(token, expected):
        raise security.Unauthorised("that is not this server's token")
    response = RedirectResponse("/articles", status_code=303)
    response.set_cookie(security.TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response
