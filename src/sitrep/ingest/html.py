"""HTML pages (main text, title, date and site name by trafilatura) and HTML fragments (feeds)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml import etree

from sitrep.errors import InputError
from sitrep.ingest.records import Problem, RawDocument, clean_field, parse_date
from sitrep.normalize import LineBreaks

# Elements whose start and end break a line when an HTML fragment becomes text.
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer"
    " figure figcaption dd dt".split()
)
_SKIPPED = frozenset(("script", "style", "noscript", "template"))
# A page whose extracted text has no paragraph this long is menus and footers, not an article.
MIN_PARAGRAPH_WORDS = 6
# Dates from the page's metadata and markup only: the extensive search guesses from any text
# ("Copyright 2016" became 2016-01-01), and a wrong date is worse than none.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, source: str, url: str | None = None) -> Iterator[RawDocument | Problem]:
    """One article from a web page; pages without article text are refused."""
    import trafilatura  # imported on first use: it costs a fifth of a second at start-up

    try:
        found = trafilatura.bare_extraction(
            data,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, etree.LxmlError) as error:
        raise InputError(source, f"unparsable HTML ({error})") from error
    fields = found if isinstance(found, dict) else found.as_dict() if found is not None else {}
    body = (fields.get("text") or "").strip()
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in body.splitlines()):
        raise InputError(source, "no article text found in the HTML", "is it an article page?")
    title = clean_field(fields.get("title"))
    published = _date_or_none(fields.get("date"))
    yield RawDocument(
        _drop_repeated_title(body, title),
        source,
        title=title,
        outlet=clean_field(fields.get("sitename")),
        published=published,
        url=clean_field(fields.get("url")) or url,
        path=source,
        line_breaks=LineBreaks.PARAGRAPH,
        published_from="HTML page metadata" if published else None,
    )


def _drop_repeated_title(body: str, title: str | None) -> str:
    """trafilatura keeps the <h1> as the first line; the title is metadata, not body."""
    first, _, rest = body.partition("\n")
    return rest if title and rest.strip() and first.strip() == title else body


def _date_or_none(value: str | None) -> dt.date | None:
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None


def fragment_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one line per block element."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    parts: list[str] = []
    _collect_text(root, parts)
    return "".join(parts)


def _collect_text(element: Any, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIPPED:
        parts.append(element.tail or "")
        return
    block = tag in _BLOCKS
    parts.append("\n" if block else "")
    parts.append(element.text or "")
    for child in element:
        _collect_text(child, parts)
    parts.append("\n" if block else "")
    parts.append(element.tail or "")
