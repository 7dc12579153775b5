"""JSON Lines: one article per line, streamed, optionally gzip-compressed.

Fields of each object (documented in docs/formats.md):
    text       the article body as plain text        } one of the two is required
    html       the article page as HTML              }
    title, outlet, published (YYYY-MM-DD or ISO 8601), url     optional strings
Other fields are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.html import read_html
from sitrep.ingest.records import Problem, RawDocument, clean_field, parse_date

TEXT_FIELDS = ("title", "outlet", "published", "url")


def read_jsonl(
    lines: Iterable[bytes], source: str, max_bytes: int
) -> Iterator[RawDocument | Problem]:
    """Articles from JSON Lines; a bad line is reported with its number and the rest go on."""
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Problem(
                where, f"line of {len(line):,} bytes is over the {max_bytes:,}-byte limit"
            )
            continue
        try:
            yield from _line_documents(line, where, source)
        except InputError as error:
            yield Problem(where, error.reason)


def _line_documents(line: bytes, where: str, path: str) -> Iterator[RawDocument | Problem]:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(where, f"not valid UTF-8 at byte {error.start}") from error
    except json.JSONDecodeError as error:
        raise InputError(where, f"invalid JSON ({error.msg} at column {error.colno})") from error
    if not isinstance(record, dict):
        raise InputError(where, "a line must hold a JSON object")
    fields = _metadata(record, where)
    if isinstance(record.get("text"), str) and record["text"].strip():
        yield RawDocument(record["text"], where, path=path, **fields)
    elif isinstance(record.get("html"), str) and record["html"].strip():
        for item in read_html(record["html"].encode("utf-8"), where, url=fields["url"]):
            yield _with_metadata(item, fields, path)
    else:
        raise InputError(where, "no 'text' or 'html' field with content")


def _metadata(record: dict[str, Any], where: str) -> dict[str, Any]:
    fields: dict[str, Any] = {name: clean_field(record.get(name)) for name in TEXT_FIELDS}
    if fields["published"]:
        try:
            fields["published"] = parse_date(fields["published"])
        except ValueError as error:
            raise InputError(where, f"field 'published': {error}") from error
    return fields


def _with_metadata(
    item: RawDocument | Problem, fields: dict[str, Any], path: str
) -> RawDocument | Problem:
    """Fields given in the JSON object win over what was found in its HTML."""
    if isinstance(item, Problem):
        return item
    return RawDocument(
        item.body,
        item.source,
        title=fields["title"] or item.title,
        outlet=fields["outlet"] or item.outlet,
        published=fields["published"] or item.published,
        url=fields["url"] or item.url,
        path=path,
        line_breaks=item.line_breaks,
    )
