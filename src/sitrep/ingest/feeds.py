"""RSS and Atom feeds: one article per entry, from its content or else its summary."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.html import fragment_to_text
from sitrep.ingest.records import Problem, RawDocument, clean_field
from sitrep.normalize import LineBreaks


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | Problem]:
    """Entries of a feed; an entry with no text is reported and skipped, the others go on."""
    import feedparser  # imported on first use, like trafilatura

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = (
            f"not a readable feed ({parsed.get('bozo_exception')})"
            if parsed.get("bozo")
            else "feed has no entries"
        )
        raise InputError(source, reason)
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
    return RawDocument(
        body,
        source,
        title=clean_field(entry.get("title")),
        outlet=outlet,
        published=_entry_date(entry),
        url=clean_field(entry.get("link")),
        path=path,
        line_breaks=LineBreaks.PARAGRAPH,
    )


def _entry_html(entry: Any) -> str:
    """The longest content block, else the summary: feeds often put a teaser in the summary."""
    contents = [item.get("value", "") for item in entry.get("content") or []]
    best = max(contents, key=len, default="")
    return best or str(entry.get("summary") or "")


def _entry_date(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).date()
