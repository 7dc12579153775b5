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
from dataclasses import dataclass
from typing import IO, Any

from sitrep.errors import InputError
from sitrep.ingest.html import read_html
from sitrep.ingest.records import Problem, RawDocument, Severity, clean_field, parse_date

TEXT_FIELDS = ("title", "outlet", "published", "url")
_JSON_FIELD = "JSON field 'published'"
_SKIP_CHUNK = 1 << 16


@dataclass(slots=True, frozen=True)
class OversizedLine:
    """A line longer than the limit, skipped without being held in memory."""

    length: int


def bounded_lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | OversizedLine]:
    """The lines of a stream, never holding more than `max_bytes` + 1 bytes of one line."""
    while line := stream.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            yield OversizedLine(len(line) + _skip_rest_of_line(stream))
        else:
            yield line


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    skipped = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def read_jsonl(
    lines: Iterable[bytes | OversizedLine], source: str, max_bytes: int
) -> Iterator[RawDocument | Problem]:
    """Articles from JSON Lines; a bad line is reported with its number and the rest go on."""
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if isinstance(line, OversizedLine):
            yield Problem(
                where, f"line of {line.length:,} bytes is over the {max_bytes:,}-byte limit"
            )
        elif line.strip():
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
        reason = error.msg.removesuffix(" at")
        raise InputError(where, f"invalid JSON ({reason} at column {error.colno})") from error
    if not isinstance(record, dict):
        raise InputError(where, "a line must hold a JSON object")
    fields, warning = _metadata(record, where)
    if warning:
        yield warning
    if isinstance(record.get("text"), str) and record["text"].strip():
        dated_by = _JSON_FIELD if fields["published"] else None
        yield RawDocument(record["text"], where, path=path, **fields, published_from=dated_by)
    elif isinstance(record.get("html"), str) and record["html"].strip():
        for item in read_html(record["html"].encode("utf-8"), where, url=fields["url"]):
            yield _with_metadata(item, fields, path)
    else:
        raise InputError(where, "no 'text' or 'html' field with content")


def _metadata(record: dict[str, Any], where: str) -> tuple[dict[str, Any], Problem | None]:
    """The metadata fields; a bad date is dropped with a warning, as in text front matter."""
    fields: dict[str, Any] = {name: clean_field(record.get(name)) for name in TEXT_FIELDS}
    if not fields["published"]:
        return fields, None
    try:
        fields["published"] = parse_date(fields["published"])
    except ValueError as error:
        fields["published"] = None
        return fields, Problem(where, f"field 'published' ignored: {error}", Severity.WARNING)
    return fields, None


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
        published_from=_JSON_FIELD if fields["published"] else item.published_from,
    )
