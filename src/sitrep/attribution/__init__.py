"""Stages `quotes` and `sources`: who says what, for every quotation and reported statement.

`marks.py` pairs quotation marks, `statements.py` finds cues, content and speakers' phrases,
`speakers.py` reads a phrase into name, role and organisation and links later mentions ("he",
"Watts") to the person meant. The words are data in `lexicons/attribution.toml`; docs/attribution.md
gives the rules. The quantities stage reads `quotes` to give every figure its source.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sitrep.attribution.lexicon import AttributionLexicon
from sitrep.attribution.statements import StatementReader
from sitrep.model import Article, Quote, Source, Span
from sitrep.segment import SentenceStage, paragraph_spans

__all__ = ["AttributionExtractor", "QuoteStage", "SourceStage", "extract_quotes", "sources_of"]


class AttributionExtractor:
    """Compiled lexicon and patterns; build once, call for many texts."""

    def __init__(self) -> None:
        self._reader = StatementReader(AttributionLexicon.load())

    def extract(
        self,
        text: str,
        sentences: Sequence[Span] | None = None,
        paragraphs: Sequence[Span] | None = None,
    ) -> tuple[Quote, ...]:
        whole = [Span(0, len(text))]
        return tuple(self._reader.read(text, sentences or whole, paragraphs or whole))


@functools.cache
def _default_extractor() -> AttributionExtractor:
    return AttributionExtractor()


def extract_quotes(
    text: str,
    sentences: Sequence[Span] | None = None,
    paragraphs: Sequence[Span] | None = None,
) -> tuple[Quote, ...]:
    """Every quotation and reported statement in `text`; without `sentences` and `paragraphs`
    the text is segmented first."""
    if sentences is None or paragraphs is None:
        paragraphs, sentences = _segmented(text)
    return _default_extractor().extract(text, sentences, paragraphs)


def _segmented(text: str) -> tuple[list[Span], list[Span]]:
    paragraphs: list[Span] = list(paragraph_spans(text))
    splitter = _sentence_splitter()
    sentences: list[Span] = [
        s for p in paragraphs for s in splitter.split(text, p.start_char, p.end_char)
    ]
    return paragraphs, sentences


@functools.cache
def _sentence_splitter() -> SentenceStage:
    return SentenceStage()


def sources_of(quotes: Sequence[Quote]) -> tuple[Source, ...]:
    """One record per source: its mentions and how many statements it made, in order of first
    mention."""
    grouped: dict[str, list[Quote]] = {}
    for quote in quotes:
        if quote.source is not None:
            grouped.setdefault(quote.source, []).append(quote)
    return tuple(sorted((_source(name, said) for name, said in grouped.items()), key=_first))


def _source(name: str, said: list[Quote]) -> Source:
    mentions = sorted(
        {
            (q.speaker_start, q.speaker_end)
            for q in said
            if q.speaker_start is not None and q.speaker_end is not None
        }
    )
    start, end = mentions[0] if mentions else (said[0].start_char, said[0].end_char)
    speaker = said[0].speaker
    return Source(
        start_char=start,
        end_char=end,
        name=name,
        role=speaker.role if speaker else None,
        org=speaker.org if speaker else None,
        mentions=tuple(mentions),
        statements=len(said),
    )


def _first(source: Source) -> tuple[int, int]:
    return source.start_char, source.end_char


@dataclass(slots=True, frozen=True)
class QuoteStage:
    """Stage `quotes`: reads paragraphs and sentences, assigns `Quote` records."""

    name: str = "quotes"
    reads: tuple[str, ...] = ("paragraphs", "sentences")
    version: str = "1"
    extractor: AttributionExtractor = field(default_factory=AttributionExtractor, compare=False)

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Quote, ...]:
        return self.extractor.extract(
            article.text, annotations["sentences"], annotations["paragraphs"]
        )


@dataclass(slots=True, frozen=True)
class SourceStage:
    """Stage `sources`: reads quotes, assigns one `Source` record per source."""

    name: str = "sources"
    reads: tuple[str, ...] = ("quotes",)
    version: str = "1"

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Source, ...]:
        return sources_of([q for q in annotations["quotes"] if isinstance(q, Quote)])
