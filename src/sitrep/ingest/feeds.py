"""RSS and Atom feeds: one article per entry, from its content or else its summary."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import email.utils
from collections.abc import Iterator
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.html import fragment_to_text
from sitrep.ingest.records import Problem, RawDocument, clean_field, parse_date
from sitrep.normalize import LineBreaks


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | Problem]:
    """Entries of a feed; an entry with no text is reported and skipped, the others go on."""
    import feedparser  # imported on first use, like trafilatura

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not parsed.get("version"):
        broken = f" ({parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
        raise InputError(source, f"not an RSS or Atom feed{broken}")
    if not entries:
        raise InputError(source, "feed has no entries")
    outlet = clean_field(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        yield _entry_document(entry, f"{source}#{number}", source, outlet)


def _entry_document(
    entry: Any, source: str, path: str, outlet: str | None
) -> RawDocument | Problem:
    html = _entry_html(entry)
    body = fragment_to_text(html).strip() if html else ""
    if not body:
        title = clean_field(entry.get("title")) or "untitled"
        return Problem(source, f"feed entry {title!r} has no content or summary")
    published, published_from = _entry_date(entry)
    return RawDocument(
        body,
        source,
        title=clean_field(entry.get("title")),
        outlet=outlet,
        published=published,
        url=clean_field(entry.get("link")),
        path=path,
        line_breaks=LineBreaks.PARAGRAPH,
        published_from=published_from,
    )


def _entry_html(entry: Any) -> str:
    """The longest content block, else the summary: feeds often put a teaser in the summary."""
    contents = [item.get("value", "") for item in entry.get("content") or []]
    best = max(contents, key=len, default="")
    return best or str(entry.get("summary") or "")


def _entry_date(entry: Any) -> tuple[dt.date | None, str | None]:
    """The date as the outlet wrote it (its own time zone), like every other reader keeps it, and
    the entry field it came from; feedparser's parsed form is converted to UTC and can move a
    late-evening story a day on."""
    for field in ("published", "updated"):
        written = str(entry.get(field) or "").strip()
        found = _written_date(written) if written else None
        if found is not None:
            return found, f"feed entry '{field}'"
    for field in ("published", "updated"):
        parsed = entry.get(f"{field}_parsed")
        if parsed:
            day = dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).date()
            return day, f"feed entry '{field}'"
    return None, None


def _written_date(written: str) -> dt.date | None:
    with contextlib.suppress(ValueError, TypeError, IndexError):
        return email.utils.parsedate_to_datetime(written).date()
    with contextlib.suppress(ValueError):
        return parse_date(written)
    return None
