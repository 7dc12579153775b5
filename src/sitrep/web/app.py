"""The ASGI app: FastAPI routes over one store, server-rendered pages, one JSON error shape.

Every error, from the library or the framework, leaves as
`{"error": {"status", "code", "message", "remedy"}}` from the API and as the error page with the
same words from the HTML pages: translated once, here.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from sitrep.brief.outlines import country_outlines
from sitrep.errors import NotFoundError, ReviewError, SearchQueryError, SitrepError, UsageError
from sitrep.store import SQLStore, open_store
from sitrep.web.security import UNSAFE_METHODS, Handler, check_write, secure_headers

STATIC = Path(__file__).with_name("static")
# Statuses of the library's errors; a StoreError or any other is the server's fault.
_STATUS: dict[type[SitrepError], int] = {
    NotFoundError: 404,
    ReviewError: 422,
    SearchQueryError: 400,
    UsageError: 400,
}
_CODES = {
    400: "bad_request",
    401: "unauthorised",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "server_error",
}


@dataclass(slots=True, frozen=True)
class WebSettings:
    """`token` guards writes (required when `public`, bound beyond loopback); `page_size` is the
    default length of a list page."""

    db_path: str
    token: str | None = None
    public: bool = False
    page_size: int = 25


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    settle_memory()
    yield


def settle_memory() -> None:
    """Load what pages share (the country outlines, the claim lexicon), then take everything
    alive out of the garbage collector's reach (`gc.freeze`): a server keeps it to the end, and
    each full collection walked it again, 40 ms pauses that made a list page's 95th percentile
    twice its median (bench_web on 10,000 articles)."""
    from sitrep.web.api import related_measures

    country_outlines()
    related_measures()
    gc.freeze()


def create_app(
    db_path: str | Path, *, token: str | None = None, public: bool = False, page_size: int = 25
) -> FastAPI:
    """The app over the store at `db_path`, a file which must exist (the UI reads what `sitrep
    ingest` wrote) or a PostgreSQL URL. Bound beyond loopback (`public`), it refuses to start
    without a `token`."""
    if public and not token:
        raise UsageError(
            "serving beyond this machine needs a token for writes",
            "set SITREP_TOKEN (or --token-file) or bind to 127.0.0.1",
        )
    if "://" not in str(db_path) and not Path(db_path).is_file():
        raise UsageError(f"no store at {db_path}", "run `sitrep ingest` or `sitrep demo` first")
    settings = WebSettings(str(db_path), token, public, page_size)
    app = FastAPI(
        title="sitrep",
        summary="A sourced, cross-checked situation picture of conflict news.",
        version="1",
        docs_url=None,  # the bundled docs page loads its scripts from the network
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.store = _open(settings.db_path)
    app.state.templates = _templates()
    app.middleware("http")(_guard_writes)
    app.middleware("http")(secure_headers)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    from sitrep.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _open(db_path: str) -> SQLStore:
    # Handlers are coroutines run on the event loop's one thread; the connection may be made
    # on another (the caller's), so the store is opened to be shared between threads.
    return open_store(db_path, shared=True)


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("sitrep.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from sitrep.web import views

    env.filters.update(views.FILTERS)
    return env


def error_body(status: int, message: str, remedy: str | None) -> dict[str, Any]:
    """The one error shape."""
    code = _CODES.get(status, "error")
    return {"error": {"status": status, "code": code, "message": message, "remedy": remedy or ""}}


def _add_error_handlers(app: FastAPI) -> None:
    async def library(request: Request, error: Exception) -> Response:
        assert isinstance(error, SitrepError)
        status = getattr(error, "status", None) or _status_of(error)
        return _error(request, status, error.message, error.remedy)

    async def framework(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return _error(request, error.status_code, str(error.detail), None)

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        return _error(request, 422, _validation_message(error), "fix the named parameters")

    async def database(request: Request, error: Exception) -> Response:
        return _error(request, 500, f"the store failed: {error}", "see the server's log")

    app.add_exception_handler(SitrepError, library)
    app.add_exception_handler(HTTPException, framework)
    app.add_exception_handler(RequestValidationError, invalid)
    for error in type(app.state.store).errors:  # the driver's own: sqlite3's or psycopg's
        app.add_exception_handler(error, database)


async def _guard_writes(request: Request, call_next: Handler) -> Response:
    """Writes meet `check_write` first; its refusals leave in the one error shape."""
    if request.method in UNSAFE_METHODS:
        try:
            check_write(request, request.app.state.settings.token)
        except SitrepError as error:
            return _error(request, getattr(error, "status", 400), error.message, error.remedy)
    return await call_next(request)


def _status_of(error: SitrepError) -> int:
    for kind in type(error).__mro__:
        if kind in _STATUS:
            return _STATUS[kind]
    return 500


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for problem in error.errors()[:5]:
        where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _error(request: Request, status: int, message: str, remedy: str | None) -> Response:
    body = error_body(status, message, remedy)
    if request.url.path.startswith("/api") or _wants_json(request):
        return JSONResponse(body, status_code=status)
    page = request.app.state.templates.get_template("error.html")
    return HTMLResponse(page.render(request=request, **body["error"]), status_code=status)


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept
