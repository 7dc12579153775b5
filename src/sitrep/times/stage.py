"""Stage `times`: the article's time expressions, resolved against its publication date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep.model import Article, Span, TimeExpression
from sitrep.times import TimeExtractor


@dataclass(slots=True, frozen=True)
class TimeStage:
    """Reads sentences (for the tense of each expression), assigns `TimeExpression` records.
    An article without a publication date keeps underspecified dates unresolved ("XXXX-11-13")."""

    name: str = "times"
    reads: tuple[str, ...] = ("sentences",)
    # 2: tense read from past cues too; ranges of dates; "the first three months of 2015"
    version: str = "2"
    extractor: TimeExtractor = field(default_factory=TimeExtractor, compare=False)

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[TimeExpression, ...]:
        return self.extractor.extract(
            article.text, article.published, sentences=annotations["sentences"]
        )
