"""Evaluation suite: every place of the two seed articles, resolved offline (issue #6).

The articles are read from ../shared/seeds (skipped, with the reason, when it is absent); only
offsets, ISO codes and coordinates are kept here, never the articles' text. Checked by hand:
every place the articles name is below and nothing else is found (no person, no common word). A
country must resolve to the right country; a town or landmark within 10 km of its true position,
written here to two decimals from general geography (not from the gazetteer); relative locations
keep their relation and precision.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from conftest import extract_seeds

pytestmark = pytest.mark.evaluation

WITHIN_KM = 10.0  # the "within 10 km of the right spot"

# True positions, degrees.
BAGHDAD = (33.31, 44.37)
KOBANI = (36.89, 38.35)
TISHRIN_DAM = (36.38, 38.18)
SHADDADEH = (36.06, 40.73)
MOSUL = (36.34, 43.13)
RAQQA = (35.95, 39.01)
SINJAR = (36.32, 41.88)
RAMADI = (33.42, 43.30)
PARIS = (48.86, 2.35)
SHARM_EL_SHEIKH = (27.91, 34.33)
ANKARA = (39.93, 32.86)
DAMASCUS = (33.51, 36.29)
TAZA = (35.30, 44.33)  # the Iraqi town south of Kirkuk, not Taza in Morocco
TAL_ABYAD = (36.70, 38.96)
SAN_BERNARDINO = (34.11, -117.29)

Expected = str | tuple[float, float]  # an ISO code, a region's name, or a true position

SEED_PLACES: dict[str, dict[tuple[int, int], Expected]] = {
    "000": {
        (33, 37): "IQ",
        (42, 47): "SY",
        (309, 313): "US",
        (483, 487): "IQ",
        (516, 521): "SY",
        (661, 679): "SY",
        (683, 707): BAGHDAD,
        (1417, 1430): "IQ",
        (1544, 1548): "US",
        (1610, 1623): "IQ",
        (2254, 2260): KOBANI,
        (2295, 2299): "US",
        (2356, 2360): "US",
        (2458, 2469): TISHRIN_DAM,
        (2494, 2508): "SY",
        (2662, 2667): "SY",
        (2916, 2920): "US",
        (3098, 3107): SHADDADEH,
        (3152, 3157): MOSUL,
        (3181, 3186): RAQQA,
        (3325, 3339): "SY",
        (3345, 3349): "IQ",
        (3490, 3496): SINJAR,
        (3523, 3529): RAMADI,
        (3741, 3756): "IQ",  # a country's adjective before "territory"
        (3864, 3869): PARIS,
        (3977, 3992): SHARM_EL_SHEIKH,
        (4044, 4050): "TR",
        (4099, 4105): ANKARA,
        (4197, 4202): "SY",
        (4286, 4291): "SY",
        (4438, 4442): "US",
        (4540, 4544): "US",
        (4558, 4576): "SY",
        (4597, 4601): "US",
        (4696, 4700): "IQ",
        (4898, 4902): "US",
        (4972, 4985): "US",
        (5058, 5062): "IQ",
        (5067, 5072): "SY",
        (5192, 5196): "US",
        (5399, 5404): "SY",
        (5487, 5492): "SY",
        (5497, 5501): "IQ",
        (5671, 5699): DAMASCUS,  # described as the Syrian capital
        (5774, 5778): "IQ",
        (5804, 5820): BAGHDAD,
        (5877, 5881): TAZA,
        (6015, 6037): "SY",  # a country's adjective before "border"
        (6046, 6055): TAL_ABYAD,
        (6162, 6169): "GB",
    },
    "003": {
        (157, 159): "US",
        (219, 223): "IQ",
        (228, 233): "SY",
        (600, 607): "GB",
        (609, 616): BAGHDAD,
        (829, 833): "IQ",
        (899, 904): "SY",
        (1114, 1118): "IQ",
        (1561, 1566): PARIS,
        (1683, 1687): "IQ",
        (1692, 1697): "SY",
        (1771, 1776): "LY",
        (1806, 1818): "North Africa",
        (1823, 1834): "AF",
        (1908, 1913): PARIS,
        (1924, 1938): SAN_BERNARDINO,
        (1940, 1946): ANKARA,
        (2421, 2426): PARIS,
        (3235, 3241): RAMADI,
        (4572, 4576): "IQ",
        (4580, 4585): "SY",
    },
}
# Relative locations: relation and precision (docs/places.md).
RELATIVE: dict[tuple[str, int, int], tuple[str, int]] = {
    ("000", 661, 679): ("northwestern", 3),
    ("000", 683, 707): ("outskirts", 2),
    ("000", 1417, 1430): ("northern", 3),
    ("000", 1610, 1623): ("northern", 3),
    ("000", 2494, 2508): ("northern", 3),
    ("000", 3325, 3339): ("northern", 3),
    ("000", 4558, 4576): ("northeastern", 3),
    ("000", 5671, 5699): ("suburb", 2),
    ("000", 5804, 5820): ("south_of", 2),
    ("000", 6015, 6037): ("northern", 3),
}


def km(one: tuple[float, float], other: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = map(
        lambda p: (math.radians(p[0]), math.radians(p[1])), (one, other)
    )
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def right(place: dict[str, Any], expected: Expected) -> bool:
    if isinstance(expected, tuple):
        return km((place["lat"], place["lon"]), expected) <= WITHIN_KM
    if len(expected) == 2 and expected.isupper():
        return bool(place["country"] == expected and place["kind"] == "country")
    return bool(place["name"] == expected)


def test_eval_seed_places_every_place_resolved_and_nothing_else(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = extract_seeds(shared_dir, capsys)
    for key, expected in SEED_PLACES.items():
        places = {(p["start_char"], p["end_char"]): p for p in records[key]["places"]}
        assert sorted(places) == sorted(expected), key
        wrong = [span for span, place in places.items() if not right(place, expected[span])]
        assert wrong == [], (key, [(span, places[span]["name"]) for span in wrong])


def test_eval_seed_places_relative_locations_keep_relation_and_precision(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = extract_seeds(shared_dir, capsys)
    found = {
        (key, p["start_char"], p["end_char"]): (p["relation"], p["precision"])
        for key, record in records.items()
        for p in record["places"]
        if p["relation"]
    }
    assert found == RELATIVE
