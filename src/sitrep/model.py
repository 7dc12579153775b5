"""The document model: an article and the immutable, offset-carrying records stages assign to it.

Every annotation is a `Span` subclass whose `start_char`/`end_char` index into `Article.text`, the
normalised body. Provenance is the product: a record without offsets is not a record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

ID_HEX_CHARS = 16  # 64 bits: a collision is unlikely below billions of articles.


@dataclass(slots=True, frozen=True)
class Span:
    """A stretch of an article's text, `text[start_char:end_char]`."""

    kind: ClassVar[str] = "spans"
    start_char: int
    end_char: int

    def __post_init__(self) -> None:
        if not 0 <= self.start_char <= self.end_char:
            raise ValueError(f"bad span offsets {self.start_char}..{self.end_char}")

    def text_in(self, text: str) -> str:
        return text[self.start_char : self.end_char]

    def attrs(self) -> dict[str, Any]:
        """The record's fields other than its offsets, for storage and export."""
        record_type: Any = type(self)  # a class is hashable; mypy misreads slots dataclasses
        return {name: getattr(self, name) for name in _attr_names(record_type)}


@dataclass(slots=True, frozen=True)
class Paragraph(Span):
    kind: ClassVar[str] = "paragraphs"


@dataclass(slots=True, frozen=True)
class Sentence(Span):
    kind: ClassVar[str] = "sentences"


@functools.cache
def _attr_names(record_type: Any) -> tuple[str, ...]:
    offsets = ("start_char", "end_char")
    return tuple(f.name for f in dataclasses.fields(record_type) if f.name not in offsets)


# Record type of every annotation kind the store can load back; later stages add theirs here.
RECORD_TYPES: Mapping[str, type[Span]] = MappingProxyType(
    {"paragraphs": Paragraph, "sentences": Sentence}
)

# The annotation lists of export contract v1, in order; kinds without a stage yet export empty.
EXPORT_KINDS: tuple[str, ...] = (
    "paragraphs",
    "sentences",
    "quantities",
    "quotes",
    "times",
    "places",
    "events",
)


def record_from_row(kind: str, start_char: int, end_char: int, attrs: Mapping[str, Any]) -> Span:
    """Rebuild a stored record of a known kind."""
    return RECORD_TYPES[kind](start_char=start_char, end_char=end_char, **attrs)


def article_id(text: str, outlet: str | None) -> str:
    """Content-derived id: the same body from the same outlet is the same article.

    The outlet is part of the key so that one wire story carried verbatim by two outlets stays two
    articles (linked as copies), not one row that forgets the second outlet.
    """
    digest = hashlib.sha256(f"{outlet or ''}\x1f{text}".encode()).hexdigest()
    return digest[:ID_HEX_CHARS]


@dataclass(slots=True, frozen=True)
class Article:
    """One news article with its metadata and normalised body text."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    path: str | None = None

    @classmethod
    def create(
        cls,
        text: str,
        *,
        title: str | None = None,
        outlet: str | None = None,
        published: dt.date | None = None,
        url: str | None = None,
        path: str | None = None,
    ) -> Article:
        """An article whose id is derived from `text` (already normalised) and `outlet`."""
        return cls(article_id(text, outlet), text, title, outlet, published, url, path)


@dataclass(slots=True, frozen=True)
class CopyLink:
    """This article is a near-duplicate (a wire copy) of `canonical_id`."""

    canonical_id: str
    similarity: float


@dataclass(slots=True, frozen=True)
class AnnotatedArticle:
    """An article with the annotations the pipeline assigned, by kind."""

    article: Article
    annotations: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    copy_of: CopyLink | None = None

    def get(self, kind: str) -> tuple[Span, ...]:
        return self.annotations.get(kind, ())
