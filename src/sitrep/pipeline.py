"""The stage contract and the pipeline that runs stages in order.

A stage is a picklable callable with a `name` (the annotation kind it assigns), the kinds it
`reads`, and a `version` that changes whenever its output could change. Called with an article and
the annotations earlier stages produced, it returns a tuple of records and touches nothing else:
no global state, no I/O. That makes each stage testable alone and safe to ship to Dask workers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol, runtime_checkable

from sitrep.actors.stage import ActorStage
from sitrep.attribution import QuoteStage, SourceStage
from sitrep.claims import ClaimStage
from sitrep.errors import PipelineError
from sitrep.events.stage import EventStage
from sitrep.model import AnnotatedArticle, Article, CopyLink, Span
from sitrep.places.stage import PlaceStage
from sitrep.quantities import QuantityStage
from sitrep.segment import ParagraphStage, SentenceStage
from sitrep.times.stage import TimeStage


@runtime_checkable
class Stage(Protocol):
    """What every stage declares and does."""

    @property
    def name(self) -> str: ...

    @property
    def reads(self) -> tuple[str, ...]: ...

    @property
    def version(self) -> str: ...

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Span, ...]: ...


StageFactory = Callable[[], Stage]


class StageRegistry:
    """Stage factories by name. Build one with `default_registry()`; nothing registers at import."""

    def __init__(self) -> None:
        self._factories: dict[str, StageFactory] = {}

    def register(self, name: str, factory: StageFactory) -> None:
        if name in self._factories:
            raise PipelineError(f"a stage named {name!r} is registered already")
        self._factories[name] = factory

    def names(self) -> tuple[str, ...]:
        return tuple(self._factories)

    def create(self, name: str) -> Stage:
        try:
            factory = self._factories[name]
        except KeyError:
            known = ", ".join(self._factories) or "none"
            raise PipelineError(f"unknown stage {name!r} (known: {known})") from None
        return factory()


def default_registry() -> StageRegistry:
    """The built-in stages."""
    registry = StageRegistry()
    registry.register("paragraphs", ParagraphStage)
    registry.register("sentences", SentenceStage)
    registry.register("quotes", QuoteStage)
    registry.register("sources", SourceStage)
    registry.register("actors", ActorStage)
    registry.register("places", PlaceStage)
    registry.register("times", TimeStage)
    registry.register("quantities", QuantityStage)
    registry.register("events", EventStage)
    registry.register("claims", ClaimStage)
    return registry


DEFAULT_STAGES: tuple[str, ...] = (
    "paragraphs",
    "sentences",
    "quotes",
    "sources",
    "actors",
    "places",
    "times",
    "quantities",
    "events",
    "claims",
)


@dataclass(slots=True, frozen=True)
class Pipeline:
    """Stages run in order; each sees the annotations of the stages before it."""

    stages: tuple[Stage, ...]

    def __post_init__(self) -> None:
        assigned: set[str] = set()
        for stage in self.stages:
            missing = [kind for kind in stage.reads if kind not in assigned]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} reads {missing} before any stage assigns it"
                )
            assigned.add(stage.name)

    @classmethod
    def from_names(
        cls, names: Iterable[str] = DEFAULT_STAGES, registry: StageRegistry | None = None
    ) -> Pipeline:
        registry = registry or default_registry()
        return cls(tuple(registry.create(name) for name in names))

    @property
    def signature(self) -> str:
        """Changes whenever a stage is added, removed, reordered or bumps its version.

        The store keeps it per article, so a re-run re-extracts only what an older pipeline made.
        """
        spec = ";".join(f"{stage.name}@{stage.version}" for stage in self.stages)
        return hashlib.sha256(spec.encode()).hexdigest()[:12]

    def run(self, article: Article, copy_of: CopyLink | None = None) -> AnnotatedArticle:
        annotations: dict[str, tuple[Span, ...]] = {}
        for stage in self.stages:
            annotations[stage.name] = stage(article, MappingProxyType(annotations))
        return AnnotatedArticle(article, annotations, copy_of)
