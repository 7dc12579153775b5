"""Places: toponyms found in the text and resolved to gazetteer entries.

`gazetteer.py` is the offline gazetteer every place comes from (GeoNames names matched in one
pass over the text); `geonames.py` reads its sources; `lexicon.py` the words around places;
`recognize.py` finds the toponyms and `context.py` reads the words around each; `resolve.py`
picks the entry each one names from the whole article. The rules are in docs/places.md.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from sitrep.actors import ActorRegistry
from sitrep.model import Place
from sitrep.places.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    GazetteerStats,
    NameMatch,
    default_gazetteer,
    load_geonames,
)
from sitrep.places.lexicon import PlaceWords
from sitrep.places.recognize import Recognizer, Toponym
from sitrep.places.resolve import (
    article_town,
    choose,
    find_containers,
    gather_evidence,
    place_of,
    unplaced_facility,
)

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerStats",
    "NameMatch",
    "PlaceExtractor",
    "default_gazetteer",
    "extract_places",
    "load_geonames",
    "resolve_places",
]


class PlaceExtractor:
    """A gazetteer and the compiled patterns; build once, call for many texts."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
        self.recognizer = Recognizer(self.gazetteer, PlaceWords.load(), _group_names())

    def extract(self, text: str) -> tuple[Place, ...]:
        """Every place of `text` that resolves, in text order. A toponym that resolves to
        nothing is left out; it never spoils the others."""
        toponyms = self.recognizer.find(text)
        return tuple(p for p in self._resolve(text, toponyms, toponyms) if p is not None)

    def resolve(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
        """One place (or None) for each of `spans`, toponyms someone else marked in `text`;
        the article's own toponyms serve as evidence."""
        marked = [self.recognizer.at(text, start, end) for start, end in spans]
        return self._resolve(text, marked, self.recognizer.find(text))

    def _resolve(
        self, text: str, toponyms: Sequence[Toponym], context: Sequence[Toponym]
    ) -> list[Place | None]:
        chosen = self._choose(text, toponyms, context)
        if any(map(unplaced_facility, toponyms, chosen)):
            town = self._town(text, toponyms, chosen, context)
            chosen = [
                town if unplaced_facility(t, e) else e
                for t, e in zip(toponyms, chosen, strict=True)
            ]
        return [
            place_of(text, toponym, entry) if entry else None
            for toponym, entry in zip(toponyms, chosen, strict=True)
        ]

    def _town(
        self,
        text: str,
        toponyms: Sequence[Toponym],
        chosen: Sequence[GazetteerEntry | None],
        context: Sequence[Toponym],
    ) -> GazetteerEntry | None:
        """The article's town, from `toponyms` and, when they are someone else's spans, from
        the article's own toponyms as well."""
        if toponyms is context:
            return article_town(toponyms, chosen)
        resolved = self._choose(text, context, context)
        return article_town([*toponyms, *context], [*chosen, *resolved])

    def _choose(
        self, text: str, toponyms: Sequence[Toponym], context: Sequence[Toponym]
    ) -> list[GazetteerEntry | None]:
        demonyms = self.recognizer.demonym_countries(text)
        evidence = gather_evidence(context, demonyms, self.recognizer.capitals)
        written = [text[t.name_start : t.name_end] for t in toponyms]
        return choose(toponyms, evidence, find_containers(text, toponyms), written)


def _group_names() -> frozenset[str]:
    """One-word names of the registry's groups other than governments and their forces
    ("hamas", "hezbollah"): some are places in a gazetteer too ("Hamas" is a German town's
    other name), never in news."""
    registry = ActorRegistry.load()
    kept = {name for name, actor in registry.actors.items() if actor.type not in _STATES}
    return frozenset(
        key
        for key, aliases in registry.aliases.items()
        if " " not in key and any(alias.actor in kept for alias in aliases)
    )


_STATES = frozenset({"government", "state_forces"})


@functools.cache
def default_extractor() -> PlaceExtractor:
    """The extractor over the default gazetteer, built on first use."""
    return PlaceExtractor()


def extract_places(text: str) -> tuple[Place, ...]:
    """Every place of `text`, resolved, with the default gazetteer."""
    return default_extractor().extract(text)


def resolve_places(text: str, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
    """The place each of `spans` names in `text`, with the default gazetteer."""
    return default_extractor().resolve(text, spans)
