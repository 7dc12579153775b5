"""What keeps the web UI safe (docs/web.md, "Security").

- Bound to a loopback address by default; bound elsewhere, every write needs the operator's
  token, given as `Authorization: Bearer TOKEN` or by the login form, which keeps it in an
  HttpOnly cookie.
- Cross-site requests cannot write: an HTML form must send back the random token of the
  `sitrep_csrf` cookie (double submit), and the JSON API takes only `application/json` bodies,
  which a cross-site form cannot send without a CORS preflight that is never granted. A request
  whose `Origin` is another site is refused either way.
- Bodies are bounded in size; page sizes and query lengths by the routes' parameters.
- Every response forbids framing by other sites, content sniffing, and scripts from elsewhere.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from sitrep.errors import SitrepError

CSRF_COOKIE = "sitrep_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
TOKEN_COOKIE = "sitrep_token"
# A review is a few hundred bytes; 64 KiB leaves room and refuses floods.
MAX_BODY_BYTES = 64 * 1024
UNSAFE_METHODS = frozenset(("POST", "PUT", "PATCH", "DELETE"))
HEADERS = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
        " script-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
    "referrer-policy": "same-origin",
}


class Forbidden(SitrepError):
    """A write without the operator's token, or from another site."""

    status = 403
    remedy = "send the operator's token (Authorization: Bearer TOKEN) or log in at /login"


class Unauthorised(Forbidden):
    status = 401


class BadRequest(SitrepError):
    status = 400
    remedy = "see the API description at /api/openapi.json"


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address) only listens on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def same(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison, False when either is missing."""
    return bool(given and expected) and hmac.compare_digest(str(given), str(expected))


def check_origin(request: Request) -> None:
    """A browser names the page a write comes from; it must be this site."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise Forbidden(f"a write from another site ({origin}) is refused")


def check_token(request: Request, token: str | None) -> None:
    """When the operator set a token, a write must carry it."""
    if token is None:
        return
    header = request.headers.get("authorization", "")
    bearer = header[7:].strip() if header.lower().startswith("bearer ") else None
    if not (same(bearer, token) or same(request.cookies.get(TOKEN_COOKIE), token)):
        raise Unauthorised("this server takes writes only with the operator's token")


def check_csrf(request: Request, sent: str | None) -> None:
    """A form write must send back the token of its cookie; an API client with a bearer token
    is not a browser riding on a cookie and needs none."""
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    if not same(sent, request.cookies.get(CSRF_COOKIE)):
        raise Forbidden(
            "the form's anti-forgery token is missing or stale",
            "reload the page and send the form again",
        )


def check_json(request: Request) -> None:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise BadRequest(
            f"the API takes JSON bodies, not {kind or 'a body without a type'}",
            "send Content-Type: application/json",
        )


def check_size(request: Request) -> None:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        raise BadRequest(f"the body is larger than {MAX_BODY_BYTES} bytes", "send less")


Handler = Callable[[Request], Awaitable[Response]]


async def secure_headers(request: Request, call_next: Handler) -> Response:
    """Every response gets the security headers and, when it lacks one, a CSRF cookie."""
    response = await call_next(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    fresh = request.scope.get("state", {}).get("new_csrf")
    if fresh:
        response.set_cookie(CSRF_COOKIE, fresh, httponly=True, samesite="strict")
    return response


def check_write(request: Request, token: str | None) -> None:
    """The rules every write meets before its route reads a byte of the body: a bounded size,
    this site as its origin, JSON for the API, and the operator's token when one is set (the
    login form excepted: it is how a browser gives the token)."""
    check_size(request)
    check_origin(request)
    if request.url.path.startswith("/api/"):
        check_json(request)
    if request.url.path != "/login":
        check_token(request, token)


def csrf_token(request: Request) -> str:
    """The page's anti-forgery token: the cookie's, or a new one the response will set."""
    current = request.cookies.get(CSRF_COOKIE)
    if current:
        return current
    fresh: str | None = getattr(request.state, "new_csrf", None)
    if fresh is None:
        fresh = new_csrf_token()
        request.state.new_csrf = fresh
    return fresh
