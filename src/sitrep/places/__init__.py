"""Places: toponyms found in the text and resolved to gazetteer entries.

`gazetteer.py` is the offline gazetteer every place comes from (GeoNames names matched in one
pass over the text); `geonames.py` reads its sources. The rules are in docs/places.md.
"""

from __future__ import annotations

from sitrep.places.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    GazetteerStats,
    NameMatch,
    default_gazetteer,
    load_geonames,
)

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerStats",
    "NameMatch",
    "default_gazetteer",
    "load_geonames",
]
