"""Stage `places`: the article's places, each resolved to a gazetteer entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep.model import Article, Place, Span
from sitrep.places import PlaceExtractor, default_extractor

# 1: first version; 2: streets and buildings placed in their town; 3: a country's name votes
# for its namesake towns' regions only in a country the article names otherwise; 4: a record
# keeps its first-level region (`admin1`), and "the Zahraa district of Homs" is a part of Homs;
# 5: a short alternate name of a town needs a second name of the article in its country
PLACES_VERSION = "5"


@dataclass(slots=True, frozen=True)
class PlaceStage:
    """Reads nothing but the text (the article as a whole is the context every toponym is
    resolved in), assigns `Place` records. The gazetteer opens on first use."""

    name: str = "places"
    reads: tuple[str, ...] = ()
    extractor: PlaceExtractor = field(default_factory=default_extractor, compare=False)

    @property
    def version(self) -> str:
        """The rules' version and the gazetteer's build (its cache directory's name, which
        changes with its sources): a dump loaded changes what places resolve to."""
        return f"{PLACES_VERSION}:{self.extractor.gazetteer.path.name}"

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Place, ...]:
        return self.extractor.extract(article.text)
