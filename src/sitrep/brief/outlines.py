"""Country outlines for the brief's map, read from the `countryinfo` package (no network).

Each country the package gives an outline is an ISO alpha-2 code, an English name and its
polygons as (lon, lat) rings, outer ring first. The outlines are coarse (a few thousand points
for the world, about Natural Earth's 1:110m scale: Syria has 27 points), which suits a map of a
region a few hundred pixels wide. docs/charts.md lists what is missing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]  # (lon, lat)
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]  # the outer ring, then holes (South Africa's Lesotho)

# The package's outline of the State of Palestine is its bounding box, which covers Israel.
# The West Bank is the gap between Israel's and Jordan's rings, which share both its end
# vertices; we stitch it from their points (Gaza lies inside Israel's ring in this data).
_WEST_BANK_NORTH = (35.545665, 32.393992)
_WEST_BANK_SOUTH = (35.397561, 31.489086)


@dataclass(slots=True, frozen=True)
class CountryOutline:
    """One country: `code` (ISO alpha-2), `name`, `polygons`, and `bounds` (min lon, min lat,
    max lon, max lat) to skip it fast when it lies outside a map's view."""

    code: str
    name: str
    polygons: tuple[Polygon, ...]
    bounds: tuple[float, float, float, float]


@functools.cache
def country_outlines() -> tuple[CountryOutline, ...]:
    """Every country with a usable outline, sorted by code; read once, on first use."""
    from countryinfo import CountryInfo

    outlines: dict[str, CountryOutline] = {}
    for entry in CountryInfo.all().values():
        outline = _outline_of(dict(entry))
        if outline is not None:
            outlines.setdefault(outline.code, outline)
    _patch_palestine(outlines)
    return tuple(outlines[code] for code in sorted(outlines))


def outlines_by_code() -> dict[str, CountryOutline]:
    """The outlines keyed by ISO alpha-2 code."""
    return {outline.code: outline for outline in country_outlines()}


def _outline_of(entry: dict[str, Any]) -> CountryOutline | None:
    """The outline of one package entry; None without a code, a shape or a real outline."""
    code = str((entry.get("ISO") or {}).get("alpha2") or "").upper()
    features = (entry.get("geoJSON") or {}).get("features") or []
    polygons = tuple(p for feature in features for p in _polygons(feature.get("geometry") or {}))
    if len(code) != 2 or not polygons or _is_placeholder_box(polygons):
        return None
    return _make_outline(code, str(entry["name"]), polygons)


def _make_outline(code: str, name: str, polygons: tuple[Polygon, ...]) -> CountryOutline:
    return CountryOutline(code, name, polygons, _bounds(p for poly in polygons for p in poly[0]))


def _polygons(geometry: dict[str, Any]) -> list[Polygon]:
    """A GeoJSON Polygon or MultiPolygon as polygons of rings; anything else gives none."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        coordinates = [coordinates]
    elif kind != "MultiPolygon":
        return []
    return [_polygon(rings) for rings in coordinates if rings and len(rings[0]) >= 4]


def _polygon(rings: Sequence[Sequence[Sequence[float]]]) -> Polygon:
    return tuple(tuple((float(point[0]), float(point[1])) for point in ring) for ring in rings)


def _is_placeholder_box(polygons: tuple[Polygon, ...]) -> bool:
    """True when the only shape is an axis-aligned rectangle: the package puts a country's
    bounding box where it has no outline (Andorra, Palestine), and a box is not a border."""
    if len(polygons) != 1 or len(polygons[0][0]) > 5:
        return False
    longitudes = {lon for lon, _ in polygons[0][0]}
    latitudes = {lat for _, lat in polygons[0][0]}
    return len(longitudes) == 2 and len(latitudes) == 2


def _bounds(points: Iterable[Point]) -> tuple[float, float, float, float]:
    lons, lats = zip(*points, strict=True)
    return min(lons), min(lats), max(lons), max(lats)


def _patch_palestine(outlines: dict[str, CountryOutline]) -> None:
    """Add the West Bank as Palestine's outline when Israel and Jordan both have theirs."""
    israel, jordan = outlines.get("IL"), outlines.get("JO")
    if "PS" in outlines or israel is None or jordan is None:
        return
    west = _ring_path(israel.polygons[0][0], _WEST_BANK_NORTH, _WEST_BANK_SOUTH)
    east = _ring_path(jordan.polygons[0][0], _WEST_BANK_SOUTH, _WEST_BANK_NORTH)
    if west and east:
        ring = (*west, *east[1:])
        outlines["PS"] = _make_outline("PS", "Palestine", ((ring,),))


def _ring_path(ring: Ring, start: Point, end: Point) -> Ring:
    """The points of a closed ring from `start` to `end`, in the ring's order; empty when
    either is not on it (a package update that moves the border)."""
    points = ring[:-1] if ring[0] == ring[-1] else ring
    if start not in points or end not in points:
        return ()
    first, last = points.index(start), points.index(end)
    if last >= first:
        return points[first : last + 1]
    return (*points[first:], *points[: last + 1])
