"""Stage `claims`: every figure worth comparing across sources, read as a claim (docs/claims.md).

`lexicon.py` reads `lexicons/claims.toml`; `read.py` turns an article's figures into claims. The
claims of all articles are grouped and compared by `sitrep.reconcile.claims`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep.actors.registry import ActorRegistry
from sitrep.claims.lexicon import ClaimLexicon, unit_kind
from sitrep.claims.read import ArticleParts, ClaimReader
from sitrep.model import Actor, Article, Claim, Event, Place, Quantity, Span, TimeExpression

__all__ = ["ArticleParts", "ClaimLexicon", "ClaimReader", "ClaimStage", "unit_kind"]

# 1: first version
CLAIMS_VERSION = "1"


def _reader() -> ClaimReader:
    return ClaimReader(ClaimLexicon.load(), ActorRegistry.load())


@dataclass(slots=True, frozen=True)
class ClaimStage:
    """Reads figures and the records that place, date and name them; assigns `Claim` records."""

    name: str = "claims"
    reads: tuple[str, ...] = ("sentences", "actors", "places", "times", "quantities", "events")
    version: str = CLAIMS_VERSION
    reader: ClaimReader = field(default_factory=_reader, compare=False)

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Claim, ...]:
        parts = ArticleParts(
            text=article.text,
            sentences=annotations["sentences"],
            quantities=[q for q in annotations["quantities"] if isinstance(q, Quantity)],
            actors=[a for a in annotations["actors"] if isinstance(a, Actor)],
            places=[p for p in annotations["places"] if isinstance(p, Place)],
            times=[t for t in annotations["times"] if isinstance(t, TimeExpression)],
            events=[e for e in annotations["events"] if isinstance(e, Event)],
        )
        return self.reader.read(parts)
