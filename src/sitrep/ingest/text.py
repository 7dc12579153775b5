"""Plain-text articles: decoding, an optional front-matter header, and a headline first line.

Front matter is a block at the very top between two `---` lines, one `key: value` per line, with
the keys `title`, `outlet`, `published` (YYYY-MM-DD) and `url`.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator

from sitrep.errors import InputError
from sitrep.ingest.published import looks_like_date_line
from sitrep.ingest.records import Problem, RawDocument, Severity, clean_field, parse_date

FRONT_MATTER_KEYS = ("title", "outlet", "published", "url")
HEADLINE_MAX_CHARS = 150
_SNIFF_BYTES = 8192
# A text with more than this share of control bytes in its first 8 KB is not text.
_CONTROL_SHARE = 0.10
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")


def decode(data: bytes, source: str) -> tuple[str, list[Problem]]:
    """UTF-8 (with or without BOM; UTF-16 with BOM), else cp1252, else Latin-1, with a warning."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), []
    refuse_binary(data, source)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        where = f"byte 0x{data[error.start]:02x} at offset {error.start}"
    for fallback in ("cp1252", "latin-1"):
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        warning = Problem(
            source, f"not valid UTF-8 ({where}); decoded as {fallback}", Severity.WARNING
        )
        return text, [warning]
    raise AssertionError("latin-1 decodes every byte string")


def refuse_binary(data: bytes, source: str) -> None:
    head = data[:_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or (head and controls / len(head) > _CONTROL_SHARE):
        raise InputError(
            source, "binary file, not text", "give sitrep text, HTML, a feed or JSON Lines"
        )


def split_front_matter(text: str, source: str) -> tuple[dict[str, str], str, list[Problem]]:
    """The header's fields, the body after it, and warnings about fields it could not use."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, []
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return (
            {},
            text,
            [Problem(source, "front matter opened by '---' is never closed", Severity.WARNING)],
        )
    fields: dict[str, str] = {}
    problems: list[Problem] = []
    for number, line in enumerate(lines[1:end], start=2):
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not line.strip():
            continue
        if not colon or key not in FRONT_MATTER_KEYS:
            keys = ", ".join(FRONT_MATTER_KEYS)
            problems.append(
                Problem(
                    f"{source}:{number}",
                    f"front matter line ignored (keys: {keys})",
                    Severity.WARNING,
                )
            )
            continue
        fields[key] = value.strip().strip("\"'")
    return fields, "\n".join(lines[end + 1 :]), problems


def headline(body: str) -> tuple[str | None, str]:
    """A first paragraph that is one short line without final punctuation is the headline,
    unless it prints a date ("March 17, 2016"): that is evidence of when it was published."""
    stripped = body.lstrip()
    first, separator, rest = stripped.partition("\n\n")
    candidate = first.strip()
    is_headline = (
        separator
        and rest.strip()
        and "\n" not in candidate
        and 0 < len(candidate) <= HEADLINE_MAX_CHARS
        and candidate[-1] not in ".!?:;,\"”'’"
        and not looks_like_date_line(candidate)
    )
    return (candidate, rest) if is_headline else (None, body)


def read_text(data: bytes, source: str) -> Iterator[RawDocument | Problem]:
    """One article from a plain-text file."""
    text, problems = decode(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fields, body, header_problems = split_front_matter(text, source)
    yield from problems
    yield from header_problems
    published = None
    if fields.get("published"):
        try:
            published = parse_date(fields["published"])
        except ValueError as error:
            yield Problem(source, f"front matter 'published' ignored: {error}", Severity.WARNING)
    title = clean_field(fields.get("title"))
    if title is None:
        title, body = headline(body)
    if not body.strip():
        raise InputError(source, "empty file, no article text", "remove it or give it a body")
    yield RawDocument(
        body,
        source,
        title,
        clean_field(fields.get("outlet")),
        published,
        clean_field(fields.get("url")),
        source,
        published_from="front matter 'published'" if published else None,
    )
