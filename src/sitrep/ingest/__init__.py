"""Ingestion: inputs of every format become normalised `Article`s, or problems naming the input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from sitrep.ingest.published import publication_date
from sitrep.ingest.records import Problem, RawDocument, Severity
from sitrep.ingest.sources import read_documents
from sitrep.model import Article
from sitrep.normalize import normalise_text

# The longest news reports run to some tens of kilobytes; a text file of megabytes is a dump or a
# book, not an article, and reading it whole would break the memory bound. Raise with --max-bytes.
DEFAULT_MAX_BYTES = 5_000_000

__all__ = ["DEFAULT_MAX_BYTES", "Problem", "ReadOptions", "Severity", "read_articles", "to_article"]


@dataclass(slots=True, frozen=True)
class ReadOptions:
    """How to read inputs. `published` and `outlet`, when given, win over what inputs say."""

    max_bytes: int = DEFAULT_MAX_BYTES
    published: dt.date | None = None
    outlet: str | None = None


def to_article(raw: RawDocument, options: ReadOptions) -> Article | Problem:
    text = normalise_text(raw.body, raw.line_breaks)
    if not text:
        return Problem(raw.source, "no article text after normalisation")
    # The text is read for a date only when neither the option nor the input gives one.
    dated = publication_date(
        text, option=options.published, metadata=raw.published, metadata_from=raw.published_from
    )
    return Article.create(
        text,
        title=raw.title,
        outlet=options.outlet or raw.outlet,
        published=dated.date,
        url=raw.url,
        path=raw.path,
        published_source=dated.source,
        published_confidence=dated.confidence,
        published_reason=dated.reason,
    )


def read_articles(
    paths: Iterable[str], options: ReadOptions | None = None, stdin: BinaryIO | None = None
) -> Iterator[Article | Problem]:
    """Articles from files, directories and `-` (stdin), in order, with problems in between."""
    options = options or ReadOptions()
    for item in read_documents(paths, options.max_bytes, stdin):
        yield item if isinstance(item, Problem) else to_article(item, options)
