"""Where documents come from: files, directories (recursive), JSON Lines streams and stdin.

A file's format comes from its name (see `EXTENSIONS`), else from its first bytes. Directories are
walked in sorted order and only files with a known extension are read; hidden files are skipped.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO, cast

from sitrep.errors import InputError
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.html import read_html
from sitrep.ingest.jsonl import bounded_lines, read_jsonl
from sitrep.ingest.records import Problem, RawDocument
from sitrep.ingest.text import read_text

STDIN = "-"
_GZIP_MAGIC = b"\x1f\x8b"


class Format(Enum):
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSONL = "jsonl"


EXTENSIONS = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".xml": Format.FEED,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".jsonl.gz": Format.JSONL,
    ".ndjson.gz": Format.JSONL,
}

Item = RawDocument | Problem
_WHOLE_FILE_READERS: dict[Format, Callable[[bytes, str], Iterator[Item]]] = {
    Format.TEXT: read_text,
    Format.HTML: read_html,
    Format.FEED: read_feed,
}


def format_by_name(path: Path) -> Format | None:
    name = path.name.lower()
    for extension, found in EXTENSIONS.items():
        if name.endswith(extension):
            return found
    return None


def sniff(head: bytes) -> Format:
    """The format of data from its first bytes, for stdin and unknown extensions."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if start.startswith(_GZIP_MAGIC) or start.startswith(b"{"):
        return Format.JSONL
    if start.startswith(b"<") and any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return Format.FEED
    return Format.HTML if start.startswith(b"<") else Format.TEXT


def expand(paths: Iterable[str]) -> Iterator[tuple[str, Format | None] | Problem]:
    """Each input path with the format its name gives; directories walked, missing ones reported."""
    for name in paths:
        path = Path(name)
        if name == STDIN:
            yield STDIN, None
        elif path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield name, format_by_name(path)
        else:
            yield Problem(name, "no such file or directory")


def _walk(directory: Path) -> Iterator[tuple[str, Format | None]]:
    for path in sorted(directory.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(directory).parts)
        found = format_by_name(path)
        if found and not hidden and path.is_file():
            yield str(path), found


def read_documents(
    paths: Iterable[str], max_bytes: int, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every raw document of every input; inputs that fail become problems and the rest go on."""
    for entry in expand(paths):
        if isinstance(entry, Problem):
            yield entry
            continue
        name, known = entry
        try:
            if name == STDIN:
                yield from _read_stream(stdin, max_bytes)
            else:
                yield from _read_file(Path(name), known, max_bytes)
        except InputError as error:
            yield Problem(error.source, error.reason)
        except OSError as error:
            yield Problem(name, error.strerror or str(error))


def _read_file(path: Path, known: Format | None, max_bytes: int) -> Iterator[Item]:
    source = str(path)
    found = known or _sniff_file(path)  # sniffed once, here, for names without a known extension
    if found is Format.JSONL:
        yield from _read_jsonl_file(path, max_bytes)
        return
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            source,
            f"file of {size:,} bytes is over the {max_bytes:,}-byte limit",
            "split it into articles, or raise --max-bytes",
        )
    yield from _read_bytes(path.read_bytes(), source, found)


def _read_bytes(data: bytes, source: str, known: Format | None) -> Iterator[Item]:
    if not data.strip():
        raise InputError(source, "empty file, no article text", "remove it or give it a body")
    yield from _WHOLE_FILE_READERS[known or sniff(data[:2048])](data, source)


def _sniff_file(path: Path) -> Format:
    with path.open("rb") as handle:
        return sniff(handle.read(2048))


def _read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Item]:
    with path.open("rb") as raw:
        yield from _read_jsonl_stream(raw, str(path), max_bytes)


def _read_jsonl_stream(raw: BinaryIO, source: str, max_bytes: int) -> Iterator[Item]:
    """JSON Lines from a stream, gzip-compressed or not, a line at a time."""
    buffered: Any = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(cast(Any, raw))
    compressed = buffered.peek(2)[:2] == _GZIP_MAGIC
    handle: Any = gzip.GzipFile(fileobj=buffered) if compressed else buffered
    try:
        yield from read_jsonl(bounded_lines(handle, max_bytes), source, max_bytes)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield Problem(source, f"compressed stream is damaged or truncated ({error})")


def _read_stream(stream: BinaryIO | None, max_bytes: int) -> Iterator[Item]:
    """Standard input: JSON Lines are streamed; anything else is read whole, up to the limit."""
    source = "<stdin>"
    if stream is None:
        raise InputError(source, "no standard input to read")
    head = stream.read(2048)
    if sniff(head) is Format.JSONL:
        yield from _read_jsonl_stream(cast(BinaryIO, _Replayed(head, stream)), source, max_bytes)
        return
    data = head + stream.read(max_bytes + 1 - len(head))
    if len(data) > max_bytes:
        raise InputError(source, f"input over the {max_bytes:,}-byte limit", "raise --max-bytes")
    yield from _read_bytes(data, source, None)


class _Replayed(io.RawIOBase):
    """A stream that gives back bytes already read from it (to sniff the format), then reads on."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._head[: len(buffer)] if self._head else self._rest.read(len(buffer))
        self._head = self._head[len(chunk) :]
        buffer[: len(chunk)] = chunk
        return len(chunk)
