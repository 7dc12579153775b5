"""The offline gazetteer: folding, matching, dumps, the cache, and the packaged data.

Most tests build a tiny gazetteer from a few GeoNames rows written here (ids, names and positions
modelled on GeoNames' own, without the packaged data) into a temporary directory. The last tests
open the real packaged gazetteer in the default cache directory (built once, tens of seconds, then
reused) to check the Syrian and Iraqi places news about the war against the Islamic State names,
and the US counties, continents, seas and regions added to GeoNames' packaged places.
"""

from __future__ import annotations

import math
import pickle
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from sitrep.errors import GazetteerError
from sitrep.patterns import read_lexicon
from sitrep.places import gazetteer as gazetteer_module
from sitrep.places.gazetteer import (
    Gazetteer,
    cache_directory,
    fold,
    load_geonames,
    name_keys,
    registered_sources,
)
from sitrep.places.geonames import feature, source_versions


def row(
    geonameid: int,
    name: str,
    lat: float,
    lon: float,
    code: str,
    *,
    country: str = "SY",
    alternates: Sequence[str] = (),
    admin1: str = "",
    population: int = 0,
) -> str:
    """One line of a GeoNames dump: 19 tab-separated columns."""
    feature_class = {"ADM1": "A", "PCLI": "A", "DAM": "H", "MT": "T"}.get(code, "P")
    columns = [str(geonameid), name, name, ",".join(alternates), str(lat), str(lon)]
    columns += [feature_class, code, country, "", admin1, "", "", "", str(population)]
    columns += ["", "300", "Asia/Damascus", "2016-03-17"]
    return "\t".join(columns)


ROWS = [
    row(163843, "Syria", 35.0, 38.0, "PCLI", alternates=["Syrian Arab Republic", "Sūriyā"]),
    row(
        172955,
        "Ar Raqqah",
        35.95,
        39.01,
        "PPLA",
        admin1="04",
        population=531952,
        alternates=["Raqqa", "Ar-Raqqah", "Rakka", "الرقة", "alrqt", "RQH"],
    ),
    row(
        172957,
        "Muhafazat ar Raqqah",
        35.8,
        38.8,
        "ADM1",
        admin1="04",
        population=944000,
        alternates=["Ar Raqqah Governorate"],
    ),
    row(169577, "Homs", 34.73, 36.72, "PPLA", admin1="11", population=775404),
    row(163750, "Tall Abyaḑ", 36.7, 38.95, "PPL", admin1="04", alternates=["Tal Abyad"]),
    row(163751, "Abyad", 36.0, 38.0, "PPL", admin1="04", population=600),
    row(172256, "‘Ayn al ‘Arab", 36.89, 38.35, "PPL", admin1="09", alternates=["Kobani"]),
    row(170794, "Deir ez-Zor", 35.34, 40.14, "PPLA", admin1="07", population=271800),
    row(170300, "Tishrin Dam", 36.38, 38.18, "DAM", admin1="09"),
    row(99072, "Mosul", 36.34, 43.12, "PPLA", country="IQ", admin1="15", population=1683000),
    row(99073, "Homs", 32.65, 14.26, "PPL", country="LY", admin1="82", population=201943),
]


def write_dump(directory: Path, rows: Sequence[str], name: str = "SY.txt") -> Path:
    path = directory / name
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


@pytest.fixture()
def dump(tmp_path: Path) -> Path:
    return write_dump(tmp_path, ROWS)


@pytest.fixture()
def tiny(tmp_path: Path, dump: Path) -> Gazetteer:
    return Gazetteer.open(tmp_path / "cache", dump, packaged=False)


def spans(gazetteer: Gazetteer, text: str) -> list[str]:
    return [text[m.start_char : m.end_char] for m in gazetteer.find(text)]


def caches(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.lstrip(".").startswith("gaz"))


# -- folding -----------------------------------------------------------------------------------


def test_gazetteer_fold_keeps_every_offset() -> None:
    text = "Tall Abyaḑ, Dar‘ā and İzmir’s “Kobanî” — Ḩamāh"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "tall abyad  dar'a and izmir's  kobani    hamah"


def test_gazetteer_fold_makes_hyphens_spaces_and_quotes_no_word() -> None:
    assert fold("Al-Raqqah") == fold("al Raqqah") == "al raqqah"
    assert fold("'Homs'") == " homs'"  # an opening quotation mark starts no word
    assert fold("U.S.") == "u.s."


def test_gazetteer_name_keys_read_arabic_articles_alike() -> None:
    assert {"ar raqqah", "al raqqah", "raqqah"} <= name_keys("Ar Raqqah")
    assert "deir al zor" in name_keys("Deir ez-Zor")
    assert "ras al ayn" in name_keys("Ra's al `Ayn")
    assert "bab" not in name_keys("Al Bab")  # too short to stand without its article


def test_gazetteer_name_keys_drop_short_names() -> None:
    assert name_keys("Ur") == set()
    assert name_keys("U.K.") == {"u.k."}


# -- matching ----------------------------------------------------------------------------------


def test_gazetteer_find_only_on_word_boundaries(tiny: Gazetteer) -> None:
    assert spans(tiny, "Homsy and AlHoms and Homs2") == []
    text = "Homs-based fighters left (Homs) for ‘Homs’, and Homs's outskirts."
    assert spans(tiny, text) == ["Homs"] * 4


def test_gazetteer_find_gives_offsets_into_the_original_text(tiny: Gazetteer) -> None:
    text = "Between Tall Abyaḑ and ‘Ayn al ‘Arab, near Deir ez-Zor."
    # A word-initial ‘ (ayn) reads as an opening quotation mark: the span starts after it.
    assert spans(tiny, text) == ["Tall Abyaḑ", "Abyaḑ", "Ayn al ‘Arab", "Deir ez-Zor"]


def test_gazetteer_find_returns_overlapping_names(tiny: Gazetteer) -> None:
    found = tiny.find("Tal Abyad")
    assert [(m.start_char, m.end_char) for m in found] == [(0, 9), (4, 9)]
    assert found[0].entries[0].geonameid == 163750
    assert found[1].entries[0].geonameid == 163751


def test_gazetteer_transliterations_name_one_place(tiny: Gazetteer) -> None:
    for name in ("Raqqa", "Ar Raqqah", "Ar-Raqqah", "Al-Raqqah", "al Raqqah", "Raqqah"):
        assert 172955 in {entry.geonameid for entry in tiny.lookup(name)}, name
    assert tiny.lookup("Kobani")[0].geonameid == 172256
    assert tiny.lookup("Ayn al-Arab")[0].geonameid == 172256


def test_gazetteer_candidates_most_populous_first(tiny: Gazetteer) -> None:
    assert [e.country for e in tiny.lookup("Homs")] == ["SY", "LY"]
    (match,) = tiny.find("Fighting in Homs.")
    assert [e.population for e in match.entries] == [775404, 201943]


def test_gazetteer_drops_other_scripts_codes_and_romanisations(tiny: Gazetteer) -> None:
    assert tiny.lookup("الرقة") == ()
    assert tiny.lookup("RQH") == ()
    assert tiny.lookup("alrqt") == ()


# -- dumps -------------------------------------------------------------------------------------


def test_gazetteer_dump_rows_get_their_kinds(tiny: Gazetteer) -> None:
    syria = tiny.country("sy")
    assert syria is not None and syria.kind == "country" and syria.admin1 is None
    raqqa = tiny.region("SY", "04")
    assert raqqa is not None and raqqa.kind == "region" and raqqa.name == "Muhafazat ar Raqqah"
    assert [r.name for r in tiny.regions("SY")] == ["Muhafazat ar Raqqah"]
    (dam,) = tiny.lookup("Tishrin Dam")
    assert (dam.kind, dam.feature_code, dam.admin1) == ("landmark", "DAM", "09")
    assert tiny.lookup("Mosul")[0].kind == "city"


def test_gazetteer_region_names_lose_generic_words(tiny: Gazetteer) -> None:
    assert tiny.lookup("Muhafazat ar Raqqah")[0].kind == "region"
    assert {e.kind for e in tiny.lookup("Ar Raqqah")} == {"city", "region"}


def test_gazetteer_bad_line_reported_with_file_and_line(tmp_path: Path) -> None:
    path = write_dump(tmp_path, [ROWS[0], ROWS[1], "172956\tbroken row", ROWS[3]])
    stats = load_geonames(path, tmp_path / "cache", packaged=False)
    assert (stats.dump_rows, stats.bad_lines, stats.entries) == (3, 1, 3)
    assert stats.warnings == (f"{path}:3: expected 19 tab-separated columns, found 2",)


def test_gazetteer_bad_coordinates_and_encoding_reported(tmp_path: Path) -> None:
    path = tmp_path / "IQ.txt"
    bad_latitude = row(1, "Nowhere", 95.0, 40.0, "PPL", country="IQ")
    path.write_bytes(f"{ROWS[9]}\n{bad_latitude}\n".encode() + b"\xff\xfe broken\n")
    stats = load_geonames(path, tmp_path / "cache", packaged=False)
    assert stats.warnings == (
        f"{path}:2: coordinate 95.0 is out of range",
        f"{path}:3: not UTF-8",
    )


def test_gazetteer_dump_without_rows_fails_and_leaves_nothing(tmp_path: Path) -> None:
    path = write_dump(tmp_path, ["this is not", "a GeoNames dump"], "notes.txt")
    cache = tmp_path / "cache"
    with pytest.raises(GazetteerError, match=r"notes\.txt:1: expected 19"):
        load_geonames(path, cache, packaged=False)
    assert caches(cache) == []


def test_gazetteer_missing_dump_raises(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="cannot read the GeoNames file"):
        load_geonames(tmp_path / "absent.txt", tmp_path / "cache")


def test_gazetteer_zipped_dump_read(tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("SY.txt", "\n".join(ROWS) + "\n")
        zipped.writestr("readme.txt", "GeoNames country dump")
    gazetteer = Gazetteer.open(tmp_path / "cache", archive, packaged=False)
    assert gazetteer.lookup("Mosul")[0].geonameid == 99072


def test_gazetteer_later_dump_takes_precedence(tmp_path: Path) -> None:
    first = write_dump(tmp_path, ROWS[:4], "first.txt")
    moved = row(169577, "Hims", 34.7, 36.7, "PPLA", admin1="11", population=800000)
    second = write_dump(tmp_path, [moved], "second.txt")
    cache = tmp_path / "cache"
    load_geonames(first, cache, packaged=False)
    stats = load_geonames(second, cache, packaged=False)
    assert stats.built and stats.dumps == (str(first.resolve()), str(second.resolve()))
    gazetteer = Gazetteer.open(cache)
    assert gazetteer.lookup("Homs") == gazetteer.lookup("Hims")  # both names, one place
    assert gazetteer.lookup("Homs")[0].name == "Hims"
    assert gazetteer.lookup("Raqqa")[0].geonameid == 172955  # the first dump stays
    assert len(registered_sources(cache).dumps) == 2


# -- the cache ---------------------------------------------------------------------------------


def test_gazetteer_cache_reused_without_rebuild(
    tmp_path: Path, dump: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    assert load_geonames(dump, cache, packaged=False).built

    def no_build(*_: object) -> None:
        raise AssertionError("rebuilt")

    monkeypatch.setattr(gazetteer_module, "build", no_build)
    assert not load_geonames(dump, cache, packaged=False).built
    assert Gazetteer.open(cache).lookup("Mosul")
    assert len([path for path in cache.glob("gazetteer-*") if path.is_dir()]) == 1


def test_gazetteer_interrupted_build_leaves_no_cache(
    tmp_path: Path, dump: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    cache = tmp_path / "cache"
    monkeypatch.setattr(gazetteer_module, "_save_automaton", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Gazetteer.open(cache, dump, packaged=False)
    assert caches(cache) == []
    monkeypatch.undo()
    assert Gazetteer.open(cache, dump, packaged=False).lookup("Mosul")


def test_gazetteer_cache_directory_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITREP_CACHE", str(tmp_path / "own"))
    assert cache_directory() == tmp_path / "own"
    monkeypatch.delenv("SITREP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_directory() == tmp_path / "xdg" / "sitrep"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_directory() == tmp_path / ".cache" / "sitrep"


def test_gazetteer_survives_pickling(tiny: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(tiny))
    assert spans(copy, "Mosul and Raqqa") == ["Mosul", "Raqqa"]


def test_gazetteer_stats_count_entries_and_names(tiny: Gazetteer) -> None:
    stats = tiny.stats
    assert stats.kinds == {"city": 8, "country": 1, "landmark": 1, "region": 1}
    assert stats.entries == 11 and stats.names == stats.matched_names > stats.entries
    assert not stats.packaged and stats.bad_lines == 0


# -- the packaged data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def packaged() -> Gazetteer:
    return Gazetteer.open()


def kilometres(lat: float, lon: float, other_lat: float, other_lon: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    rad = math.pi / 180
    a = (
        math.sin((other_lat - lat) * rad / 2) ** 2
        + math.cos(lat * rad)
        * math.cos(other_lat * rad)
        * math.sin((other_lon - lon) * rad / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(a))


# Spellings news uses, with the country and rough position of the place meant.
NEWS_SPELLINGS = [
    ("Raqqa", "SY", 35.95, 39.01),
    ("Al-Raqqah", "SY", 35.95, 39.01),
    ("Kobani", "SY", 36.89, 38.35),
    ("Kobane", "SY", 36.89, 38.35),
    ("Ayn al-Arab", "SY", 36.89, 38.35),
    ("Ash Shaddadah", "SY", 36.06, 40.73),
    ("Tal Abyad", "SY", 36.70, 38.95),
    ("Manbij", "SY", 36.53, 37.95),
    ("Deir ez-Zor", "SY", 35.34, 40.14),
    ("Deir al-Zour", "SY", 35.34, 40.14),
    ("Kirkuk", "IQ", 35.47, 44.39),
    ("Mosul", "IQ", 36.34, 43.12),
    ("Baghdad", "IQ", 33.34, 44.40),
    ("Taza Khurmatu", "IQ", 35.30, 44.33),
]


@pytest.mark.parametrize(("name", "country", "lat", "lon"), NEWS_SPELLINGS)
def test_gazetteer_packaged_syrian_and_iraqi_places(
    packaged: Gazetteer, name: str, country: str, lat: float, lon: float
) -> None:
    best = packaged.lookup(name)[0]
    assert best.country == country
    assert kilometres(lat, lon, best.lat, best.lon) < 10


def test_gazetteer_packaged_countries_and_regions_placed(packaged: Gazetteer) -> None:
    syria, us = packaged.country("SY"), packaged.country("US")
    assert syria is not None and kilometres(35.0, 38.0, syria.lat, syria.lon) < 161
    assert us is not None and packaged.lookup("U.S.") == (us,)
    raqqa = packaged.region("SY", "04")
    assert raqqa is not None and raqqa.name == "Ar-Raqqah"
    assert kilometres(35.95, 39.01, raqqa.lat, raqqa.lon) < 100
    assert "Nineveh" in {region.name for region in packaged.regions("IQ")}
    assert packaged.lookup("Anbar")[0].name == "Al Anbar"


def test_gazetteer_packaged_news_text(packaged: Gazetteer) -> None:
    text = "U.S.-backed fighters pushed from Kobani towards al-Shaddadi and Raqqa, Syria."
    found = {text[m.start_char : m.end_char]: m.entries[0] for m in packaged.find(text)}
    assert found["U.S."].kind == "country" and found["Syria"].country == "SY"
    assert found["Kobani"].country == found["Raqqa"].country == "SY"


# US counties (zipcodes), with the state and rough position of the county meant.
US_COUNTIES = [
    ("Anderson County", "SC", 34.5, -82.6),
    ("Laurel County", "KY", 37.1, -84.1),
    ("Orleans Parish", "LA", 30.0, -90.0),
    ("Cook County", "IL", 41.8, -87.8),
]


@pytest.mark.parametrize(("name", "state", "lat", "lon"), US_COUNTIES)
def test_gazetteer_packaged_us_counties(
    packaged: Gazetteer, name: str, state: str, lat: float, lon: float
) -> None:
    (county,) = [e for e in packaged.lookup(name) if e.admin1 == state and e.kind == "region"]
    assert (county.name, county.country, county.feature_code) == (name, "US", "ADM2")
    assert kilometres(lat, lon, county.lat, county.lon) < 50  # the middle of its ZIP codes


def test_gazetteer_packaged_bare_county_name_stays_a_city(packaged: Gazetteer) -> None:
    candidates = packaged.lookup("Anderson")
    assert candidates[0].kind == "city"
    assert "ADM2" not in {entry.feature_code for entry in candidates}
    county = packaged.lookup("Anderson County")
    assert len(county) >= 5 and {e.population for e in county} == {0}  # no population known


# Seas, regions and continents: name, kind, feature code and rough centre (lat, lon).
WORLD_PLACES = [
    ("Mississippi River", "landmark", "STM", (35.0, -90.0)),
    ("Indian Ocean", "landmark", "OCN", (-20.0, 80.0)),
    ("Mediterranean", "landmark", "SEA", (35.0, 18.0)),
    ("Strait of Hormuz", "landmark", "STRT", (26.6, 56.4)),
    ("Middle East", "region", "RGN", (29.0, 42.0)),
    ("Mideast", "region", "RGN", (29.0, 42.0)),
    ("North Africa", "region", "RGN", (28.0, 14.0)),
    ("Korean Peninsula", "region", "PEN", (38.0, 127.5)),
    ("Gaza Strip", "region", "ADM1", (31.4, 34.4)),  # GeoNames' own region, not a feature
    ("Europe", "region", "CONT", (48.7, 9.1)),
    ("South America", "region", "CONT", (-14.6, -57.7)),
]


@pytest.mark.parametrize(("name", "kind", "code", "point"), WORLD_PLACES)
def test_gazetteer_packaged_seas_regions_and_continents(
    packaged: Gazetteer, name: str, kind: str, code: str, point: tuple[float, float]
) -> None:
    (place,) = [e for e in packaged.lookup(name) if e.feature_code == code]
    assert place.kind == kind
    assert kilometres(*point, place.lat, place.lon) < 200


@pytest.mark.parametrize(
    "name",
    ["Atlantic Ocean", "Pacific Ocean", "Indian Ocean", "Mediterranean Sea", "Mediterranean"],
)
def test_gazetteer_packaged_water_first(packaged: Gazetteer, name: str) -> None:
    assert packaged.lookup(name)[0].kind == "landmark"


def test_gazetteer_packaged_continents_have_no_country(packaged: Gazetteer) -> None:
    names = ["Africa", "Antarctica", "Asia", "Europe", "North America", "Oceania", "South America"]
    for name in names:
        (continent,) = [e for e in packaged.lookup(name) if e.feature_code == "CONT"]
        assert continent.country == "" and continent.population > 0, name
    assert packaged.lookup("Antarctica")[0].feature_code == "CONT"  # no country AQ is packaged
    assert packaged.country("") is None


def test_gazetteer_packaged_features_one_entry_per_place(packaged: Gazetteer) -> None:
    """Every name of a feature finds that feature alone among the non-administrative places:
    no feature repeats another or a continent."""
    for record in read_lexicon("gazetteer.toml")["features"]["places"]:
        for name in (record["name"], *record.get("names", ())):
            found = packaged.lookup(name)
            others = [e for e in found if e.feature_code not in {None, "ADM1", "ADM2"}]
            assert [e.name for e in others] == [record["name"]], name


def test_gazetteer_features_table_well_formed() -> None:
    records = read_lexicon("gazetteer.toml")["features"]["places"]
    keys = [feature(record).key for record in records]
    assert len(set(keys)) == len(keys) and all(key.startswith("f:") for key in keys)
    everyday = {"gulf", "channel", "west", "delta", "east", "sea", "america", "golan", "jordan"}
    for record in records:
        entry = feature(record).entry
        assert entry.kind in {"landmark", "region"} and entry.feature_code, entry.name
        assert entry.country == "" or (len(entry.country) == 2 and entry.country.isupper())
        assert -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180
        assert not everyday & {fold(name).strip() for name in feature(record).names}


def test_gazetteer_packaged_stats_count_new_kinds(packaged: Gazetteer) -> None:
    records = read_lexicon("gazetteer.toml")["features"]["places"]
    water = sum(record["kind"] == "landmark" for record in records)
    kinds = packaged.stats.kinds
    assert kinds["landmark"] == water  # the packaged data has no other landmark
    assert kinds["region"] > 3_000 + 3_000  # first-level regions and US counties


def test_gazetteer_cache_key_follows_sources_and_lexicon() -> None:
    versions = source_versions()
    assert "zipcodes=" in versions and "gazetteer.toml=" in versions
