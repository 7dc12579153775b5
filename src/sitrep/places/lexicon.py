"""The words around places, read from `lexicons/places.toml` (names of places themselves come from
the gazetteer). docs/places.md states the rule each list serves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sitrep.patterns import read_lexicon


@dataclass(slots=True, frozen=True)
class PlaceWords:
    """Every list of `places.toml`, lowered where matching ignores case. `demonym_countries`
    maps an adjective to an ISO 3166 alpha-2 code, `demonym_regions` to a gazetteer name;
    `relations` maps a phrase before a name ("south", "outskirts of", "northern") to its code,
    and `relation_kinds` says whether it is a direction (followed by "of"), a word of nearness
    or a part; the abbreviation tables are case-sensitive."""

    demonym_heads: frozenset[str]
    demonym_countries: Mapping[str, str]
    demonym_regions: Mapping[str, str]
    capital_words: frozenset[str]
    relations: Mapping[str, str]
    relation_kinds: Mapping[str, str]
    city_kinds: frozenset[str]
    region_kinds: frozenset[str]
    part_kinds: frozenset[str]
    adjective_endings: tuple[str, ...]
    region_suffixes: tuple[str, ...]
    landmark_suffixes: tuple[str, ...]
    street_heads: frozenset[str]
    running_street_heads: frozenset[str]
    building_heads: frozenset[str]
    country_abbreviations: Mapping[str, str]
    name_abbreviations: Mapping[str, str]
    state_abbreviations: Mapping[str, str]
    never_places: frozenset[str]
    not_places: frozenset[str]
    also_places: frozenset[str]
    prepositions: frozenset[str]
    place_prefixes: frozenset[str]
    organisation_heads: frozenset[str]
    titles: frozenset[str]

    @classmethod
    def load(cls) -> PlaceWords:
        data = read_lexicon("places.toml")
        demonyms, relations = data["demonyms"], data["relations"]
        abbreviations, not_places = data["abbreviations"], data["not_places"]
        return cls(
            demonym_heads=_lowered(demonyms["heads"]),
            demonym_countries=dict(demonyms["countries"]),
            demonym_regions=dict(demonyms["regions"]),
            capital_words=_lowered(data["capitals"]["words"]),
            relations={**relations["directions"], **relations["near"], **relations["parts"]},
            relation_kinds=_relation_kinds(relations),
            city_kinds=_lowered(data["kinds"]["cities"]),
            region_kinds=_lowered(data["kinds"]["regions"]),
            part_kinds=_lowered(data["kinds"]["named_parts"]["kinds"]),
            adjective_endings=tuple(data["kinds"]["named_parts"]["adjective_endings"]),
            region_suffixes=tuple(data["suffixes"]["regions"]),
            landmark_suffixes=tuple(data["suffixes"]["landmarks"]),
            street_heads=frozenset(data["facilities"]["streets"]),
            running_street_heads=frozenset(data["facilities"]["running"]),
            building_heads=frozenset(data["facilities"]["buildings"]),
            country_abbreviations=dict(abbreviations["countries"]),
            name_abbreviations=dict(abbreviations["names"]),
            state_abbreviations=dict(abbreviations["us_states"]),
            never_places=_lowered(not_places["never"]),
            not_places=_lowered(not_places["words"]),
            also_places=_lowered(not_places["also_places"]),
            prepositions=_lowered(not_places["prepositions"]),
            place_prefixes=_lowered(data["names"]["place_prefixes"]),
            organisation_heads=frozenset(data["names"]["organisation_heads"]),
            titles=_lowered(read_lexicon("attribution.toml")["speakers"]["titles"])
            | _lowered(data["names"]["person_titles"]),
        )

    @property
    def us_states(self) -> frozenset[str]:
        """The two-letter postal codes of US states ("SC"), GeoNames' admin1 codes for the US."""
        return frozenset(self.state_abbreviations.values())


def _lowered(words: list[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def _relation_kinds(relations: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """ "direction", "near" or "part" for every phrase of the three relation tables."""
    kinds = {}
    for table, kind in (("directions", "direction"), ("near", "near"), ("parts", "part")):
        kinds.update(dict.fromkeys(relations[table], kind))
    return kinds
