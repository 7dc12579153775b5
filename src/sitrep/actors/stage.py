"""Stage `actors`: the article's actor mentions, each under its canonical name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep.actors import ActorExtractor
from sitrep.model import Actor, Article, Span


@dataclass(slots=True, frozen=True)
class ActorStage:
    """Reads sentences (a generic reference is ambiguous when the sentence that last named a
    compatible actor names two), assigns `Actor` records."""

    name: str = "actors"
    reads: tuple[str, ...] = ("sentences",)
    version: str = "2"  # 2: "the group" is the story's topic over a passing name
    extractor: ActorExtractor = field(default_factory=ActorExtractor, compare=False)

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Actor, ...]:
        return self.extractor.extract(article.text, annotations["sentences"])
