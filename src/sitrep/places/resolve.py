"""Which gazetteer entry each toponym of an article names, from the article as a whole.

Every candidate entry gets a score: its population (the prior), the article's countries and
regions (named, or implied by a country's adjective), the words around it ("the Iraqi town of",
"Lansing, Mich.", "Anbar province"), and, in a second pass, its distance to the places the first
pass resolved. The highest score wins. docs/places.md, "Resolution", gives the rule and where
each weight came from.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.model import Place, Precision
from sitrep.places.gazetteer import GazetteerEntry, name_key
from sitrep.places.recognize import Toponym

FEATURE_POPULATION = 1_000_000
# Weights, set on the dev halves of GeoWebNews and LGL (benchmarks/bench_places.py); the
# population prior is log10(population + 1), 0 to 9.
POPULATION_WEIGHT = 1.0
COUNTRY_WEIGHT = 3.0  # the entry lies in a country the article names (scaled by its share)
REGION_WEIGHT = 2.5  # ... in a first-level region the article names
LOCAL_WEIGHT = 8.0  # "the Iraqi town of Taza", "Lansing, Mich.", "Paris, Texas"
KIND_WEIGHT = 2.0  # "the town of", "province": the entry is of the kind the words say
COUNTRY_NAME_WEIGHT = 3.0  # a name that is a country's ("Jordan", "Chad") names the country
CAPITAL_WEIGHT = 2.0  # a country's capital ("Washington") over a region of the same name
# The entry's own name is the name written ("Moscow" is Moscow, not an Ohio village GeoNames
# also calls Moscow by an old name).
OWN_NAME_WEIGHT = 1.5
NEAR_WEIGHT = 2.5  # within NEAR_KM of a place the first pass resolved with confidence
# Per unit of support: other names of the article with a candidate in the entry's region
# ("Gainesville" beside "Hall County" and "Georgia": Georgia's Gainesville).
SUPPORT_WEIGHT = 3.0
SUPPORT_CAP = 1.0
COUNTRY_NAME_VOTE = 0.5
NEAR_KM = 150.0
AROUND_KM = 400.0  # half of NEAR_WEIGHT up to this distance
# The town a street or a building is placed in is named twice or is this large: a town named
# once may be a person's name read as a place ("High Street" is not in a village called David).
LOCALITY_POPULATION = 100_000
KM_PER_DEGREE = 6371.0 * math.pi / 180  # of latitude, on `_km`'s sphere
# Names this short are often words or initials: one matched by another name of its place needs
# a second name of the article in the same country (`_without_stray_aliases`).
SHORT_ALIAS = 3
# What the first pass resolved counts this much as evidence for the second.
RESOLVED_EVIDENCE = 0.5
# A resolution is an anchor for the second pass when its score beats the runner-up's by this.
CONFIDENT_MARGIN = 2.0


@dataclass(slots=True)
class Evidence:
    """What the whole article says: how often each country and first-level region is named
    or implied, and the positions of places already resolved with confidence."""

    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    regions: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    anchors: list[tuple[int, float, float]] = field(default_factory=list)
    capitals: frozenset[tuple[str, str]] = frozenset()
    support: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    # The largest counts, taken by `settle` once the counts change rather than at each of the
    # tens of candidates scored per toponym.
    top_country: float = 0.0
    top_region: float = 0.0
    # Each name's candidate regions, by the identity of its entries' tuple (`_add_support`).
    own_regions: dict[int, frozenset[tuple[str, str]]] = field(default_factory=dict)

    def settle(self) -> None:
        self.top_country = max(self.countries.values(), default=0.0)
        self.top_region = max(self.regions.values(), default=0.0)

    def country_share(self, code: str) -> float:
        """How much the article is about country `code`: 1 for its most named country."""
        top = self.top_country
        return self.countries.get(code, 0.0) / top if top else 0.0

    def region_share(self, country: str, admin1: str) -> float:
        top = self.top_region
        return self.regions.get((country, admin1), 0.0) / top if top else 0.0

    def regions_of(self, entries: tuple[GazetteerEntry, ...]) -> frozenset[tuple[str, str]]:
        key = id(entries)  # the gazetteer hands out one tuple per name
        if key not in self.own_regions:
            self.own_regions[key] = candidate_regions(entries)
        return self.own_regions[key]


def gather_evidence(
    toponyms: Sequence[Toponym],
    demonyms: Sequence[str],
    capitals: frozenset[tuple[str, str]] = frozenset(),
) -> Evidence:
    """Countries and regions from the toponyms that leave no doubt, the adjectives' countries
    ("Syrian rebels") and the countries the words around a name give. `capitals` holds each
    country's capital as (country, name)."""
    evidence = Evidence(capitals=capitals)
    for code in demonyms:
        evidence.countries[code] += 1
    for toponym in toponyms:
        _add_evidence(evidence, toponym)
    _add_support(evidence, toponyms)
    evidence.settle()
    return evidence


def _add_support(evidence: Evidence, toponyms: Sequence[Toponym]) -> None:
    """Each distinct ambiguous name spreads one vote over the first-level regions its
    candidates lie in: where several names' candidates meet, the article most likely is,
    though no name alone leaves the region in doubt."""
    seen: set[int] = set()
    for toponym in toponyms:
        # The gazetteer hands out one tuple per name: its identity tells names apart cheaply.
        key = id(toponym.entries)
        if key in seen or len(toponym.entries) < 2:
            continue
        seen.add(key)
        regions = evidence.regions_of(toponym.entries)
        if _names_a_country(toponym):
            regions = _namesakes_regions(toponym, evidence)
        for region in regions:
            evidence.support[region] += 1 / len(regions)


def _names_a_country(toponym: Toponym) -> bool:
    return any(entry.kind == "country" for entry in toponym.entries)


def _namesakes_regions(toponym: Toponym, evidence: Evidence) -> frozenset[tuple[str, str]]:
    """The regions a country's name votes for. The name names the country; its namesake towns
    (Russia, Ohio; Syria, Virginia) vote only in a country the article names otherwise, or
    "Geneva" and "Palmyra" beside them would go to New York in a story on Syria. A namesake
    region votes as any name does ("Georgia" beside "Gainesville")."""
    return frozenset(
        (e.country, e.admin1)
        for e in toponym.entries
        if e.admin1
        and e.kind != "country"
        and (e.kind != "city" or evidence.countries.get(e.country))
    )


def candidate_regions(entries: Sequence[GazetteerEntry]) -> frozenset[tuple[str, str]]:
    """The first-level regions `entries` lie in (a region is its own)."""
    return frozenset((e.country, e.admin1) for e in entries if e.admin1 and e.kind != "country")


def _add_evidence(evidence: Evidence, toponym: Toponym) -> None:
    """A toponym whose candidates all lie in one country (one region) is evidence of it; an
    ambiguous one says nothing until it is resolved."""
    if toponym.clues.country:
        evidence.countries[toponym.clues.country] += 1
    countries = {entry.country for entry in toponym.entries}
    if len(countries) != 1 or "" in countries:
        return
    evidence.countries[countries.pop()] += 1
    if len(toponym.entries) == 1 and toponym.entries[0].kind == "city":
        only = toponym.entries[0]
        evidence.anchors.append((toponym.name_start, only.lat, only.lon))
    regions = {(e.country, e.admin1 or "") for e in toponym.entries if e.kind != "country"}
    if len(regions) == 1 and all(e.kind != "country" for e in toponym.entries):
        region = regions.pop()
        if region[1]:
            evidence.regions[region] += 1


@dataclass(slots=True, frozen=True)
class Containers:
    """What a toponym right after a comma says of the one before ("Paris, Texas")."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[tuple[str, str]] = frozenset()


def find_containers(text: str, toponyms: Sequence[Toponym]) -> list[Containers]:
    """For each toponym, the countries and regions named right after it and a comma."""
    found = [Containers() for _ in toponyms]
    for index, (one, following) in enumerate(itertools.pairwise(toponyms)):
        between = text[one.name_end : following.name_start]
        if between.strip() == "," and following.entries:
            found[index] = _containers_of(following.entries)
    return found


def _containers_of(entries: Sequence[GazetteerEntry]) -> Containers:
    wide = [e for e in entries if e.kind in ("country", "region")]
    countries = frozenset(e.country for e in wide if e.country)
    regions = frozenset((e.country, e.admin1) for e in wide if e.kind == "region" and e.admin1)
    return Containers(countries, regions)


def score(
    entry: GazetteerEntry,
    toponym: Toponym,
    evidence: Evidence,
    containers: Containers,
    written: str = "",
) -> float:
    """How likely `entry` is the place `toponym` names, in this article; `written` is the
    name as written, folded (`name_key`)."""
    points = POPULATION_WEIGHT * math.log10(_population(entry) + 1)
    if written and name_key(entry.name) == written:
        points += OWN_NAME_WEIGHT
    points += COUNTRY_WEIGHT * evidence.country_share(entry.country)
    if entry.admin1:
        points += REGION_WEIGHT * evidence.region_share(entry.country, entry.admin1)
    points += LOCAL_WEIGHT * _local(entry, toponym, containers)
    points += KIND_WEIGHT * _kind_fit(entry, toponym.clues.kind)
    points += SUPPORT_WEIGHT * _support(entry, toponym, evidence)
    if entry.kind == "country":
        points += COUNTRY_NAME_WEIGHT
    elif entry.kind == "city" and (entry.country, entry.name) in evidence.capitals:
        points += CAPITAL_WEIGHT
    return points + _nearness(entry, toponym, evidence)


def _population(entry: GazetteerEntry) -> int:
    """The prior's population: a sea, a river or a region of the gazetteer's own table has no
    population, and counts as a city of FEATURE_POPULATION so that "Middle East" is the region,
    not a village in Maryland, unless the article is about Maryland."""
    if entry.population == 0 and entry.feature_code not in (None, "ADM2"):
        return FEATURE_POPULATION
    return entry.population


def _local(entry: GazetteerEntry, toponym: Toponym, containers: Containers) -> float:
    if toponym.clues.country and entry.country == toponym.clues.country:
        return 1.0
    if (entry.country, entry.admin1) in containers.regions:
        return 1.0
    return 1.0 if entry.country in containers.countries and entry.kind != "country" else 0.0


def _support(entry: GazetteerEntry, toponym: Toponym, evidence: Evidence) -> float:
    """The other names' support for the entry's region (the toponym's own vote taken out)."""
    if not entry.admin1 or entry.kind == "country":
        return 0.0
    region = (entry.country, entry.admin1)
    total = evidence.support.get(region, 0.0)
    if not total:
        return 0.0
    own = evidence.regions_of(toponym.entries)
    return min(SUPPORT_CAP, total - (1 / len(own) if region in own else 0.0))


def _kind_fit(entry: GazetteerEntry, kind: str | None) -> float:
    if kind is None or kind == "landmark":
        return 0.0
    return 1.0 if entry.kind == kind else -1.0


def _nearness(entry: GazetteerEntry, toponym: Toponym, evidence: Evidence) -> float:
    if entry.kind == "country" or not evidence.anchors:
        return 0.0
    nearest = math.inf
    for start, lat, lon in evidence.anchors:
        # Far in latitude alone is far: skip the distance (most anchors, most candidates).
        if start == toponym.name_start or abs(lat - entry.lat) * KM_PER_DEGREE > AROUND_KM:
            continue
        nearest = min(nearest, _km(entry.lat, entry.lon, lat, lon))
    if nearest <= NEAR_KM:
        return NEAR_WEIGHT
    return NEAR_WEIGHT / 2 if nearest <= AROUND_KM else 0.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on the equirectangular approximation (Earth radius 6371 km): within a few per
    cent of the great circle up to the few hundred kilometres NEAR_KM and AROUND_KM compare
    against, and a fifth of its cost; far places stay far."""
    mean_lat = math.radians((lat1 + lat2) / 2)
    dlon = (lon2 - lon1 + 180.0) % 360.0 - 180.0
    x = math.radians(dlon) * math.cos(mean_lat)
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def choose(
    toponyms: Sequence[Toponym],
    evidence: Evidence,
    containers: Sequence[Containers],
    written: Sequence[str] | None = None,
) -> list[GazetteerEntry | None]:
    """Two passes: the best entry by score; then again with what the first pass chose added to
    the evidence (its countries and regions at RESOLVED_EVIDENCE, its confident towns as
    anchors), so a town near the others and in their region wins over a distant namesake.
    `written` holds each toponym's name as written."""
    keys = [name_key(name) for name in written] if written else [""] * len(toponyms)
    cases = list(zip(toponyms, containers, keys, strict=True))
    first = _best_of_each(cases, evidence)
    for toponym, best in zip(toponyms, first, strict=True):
        if best and len(toponym.entries) > 1:
            _add_resolved(evidence, toponym, *best)
    evidence.settle()
    second = _best_of_each(cases, evidence)
    return _without_stray_aliases([best[0] if best else None for best in second], keys)


_Case = tuple[Toponym, Containers, str]
_Best = tuple[GazetteerEntry, float] | None


def _best_of_each(cases: Sequence[_Case], evidence: Evidence) -> list[_Best]:
    """`_best` of each case against the same evidence. A name an article repeats with the same
    words around it scores the same every time, so each is scored once (two calls in five over
    BBC news). Nothing but the toponym's entries, its clues' country and kind, its containers
    and its name decide a score, and its position only where an anchor stands there
    (`_nearness` leaves a toponym's own anchor out, which changes nothing when another anchor
    stands at the same point: a town named twice)."""
    alone = _lone_anchor_starts(evidence.anchors)
    known: dict[tuple[object, ...], _Best] = {}
    found = []
    for toponym, containers, written in cases:
        clues = toponym.clues
        at = toponym.name_start if toponym.name_start in alone else -1
        key = (id(toponym.entries), clues.country, clues.kind, containers, written, at)
        if key not in known:
            known[key] = _best(toponym, evidence, containers, written)
        found.append(known[key])
    return found


def _lone_anchor_starts(anchors: Sequence[tuple[int, float, float]]) -> set[int]:
    """The starts whose anchors hold a point that no anchor at another start holds: leaving
    them out changes which points `_nearness` measures from."""
    points = Counter((lat, lon) for _, lat, lon in anchors)
    here = Counter(anchors)
    return {start for (start, lat, lon), count in here.items() if points[(lat, lon)] == count}


def _without_stray_aliases(
    chosen: Sequence[GazetteerEntry | None], keys: Sequence[str]
) -> list[GazetteerEntry | None]:
    """Each choice, less short alternate names that stand alone in their country: a name of
    `SHORT_ALIAS` letters or fewer that matched another name of its place ("Bel" for Bell,
    California), where no other name of the article lies in that country, is a word that
    happens to be a name ("the temples of Baalshamin and Bel" in a story on Syria). Countries,
    regions and large cities keep their short names ("UK", "LA")."""
    names_by_country: defaultdict[str, set[str]] = defaultdict(set)
    for entry, key in zip(chosen, keys, strict=True):
        if entry is not None:
            names_by_country[entry.country].add(key)
    return [
        None
        if entry is not None
        and _short_alias(entry, key)
        and names_by_country[entry.country] == {key}
        else entry
        for entry, key in zip(chosen, keys, strict=True)
    ]


def _short_alias(entry: GazetteerEntry, key: str) -> bool:
    """A short alternate name of a town smaller than a city initials name ("LA", "UK")."""
    return (
        0 < len(key) <= SHORT_ALIAS
        and name_key(entry.name) != key
        and entry.kind == "city"
        and entry.population < LOCALITY_POPULATION
    )


def _add_resolved(
    evidence: Evidence, toponym: Toponym, entry: GazetteerEntry, margin: float
) -> None:
    if entry.country:
        evidence.countries[entry.country] += RESOLVED_EVIDENCE
    if entry.admin1 and entry.kind != "country":
        evidence.regions[(entry.country, entry.admin1)] += RESOLVED_EVIDENCE
    if entry.kind == "city" and margin >= CONFIDENT_MARGIN:
        evidence.anchors.append((toponym.name_start, entry.lat, entry.lon))


def _best(
    toponym: Toponym, evidence: Evidence, containers: Containers, written: str
) -> tuple[GazetteerEntry, float] | None:
    """The best entry and its margin over the runner-up (infinite when it has none)."""
    if not toponym.entries:
        return None
    if len(toponym.entries) == 1:
        return toponym.entries[0], math.inf
    scores = [score(e, toponym, evidence, containers, written) for e in toponym.entries]
    # At equal scores the gazetteer's order decides (the most populous, a city first): `max`
    # keeps the first of equal scores, and no ranking of the others is needed.
    top = max(range(len(scores)), key=scores.__getitem__)
    runner_up = max(scores[:top] + scores[top + 1 :])
    return toponym.entries[top], scores[top] - runner_up


def unplaced_facility(toponym: Toponym, entry: GazetteerEntry | None) -> bool:
    """A street or a building whose name holds no place: it lies in the article's town."""
    return entry is None and toponym.via == "facility"


def article_town(
    toponyms: Sequence[Toponym], chosen: Sequence[GazetteerEntry | None]
) -> GazetteerEntry | None:
    """The town the article is about: the one with the most weight, each mention weighing its
    population's log (a village that is someone's given name, "Morgan", does not outweigh the
    city the article is about), named twice or large; None when there is none."""
    towns: defaultdict[GazetteerEntry, float] = defaultdict(float)
    mentions: Counter[GazetteerEntry] = Counter()
    for toponym, entry in zip(toponyms, chosen, strict=True):
        if entry is not None and entry.kind == "city" and toponym.via != "facility":
            towns[entry] += math.log10(entry.population + 1)
            mentions[entry] += 1
    for town in sorted(towns, key=towns.__getitem__, reverse=True):
        if mentions[town] >= 2 or town.population >= LOCALITY_POPULATION:
            return town
    return None


def place_of(text: str, toponym: Toponym, entry: GazetteerEntry) -> Place:
    """The record of `toponym` resolved to `entry`. A street or a building is a landmark at
    the place its name holds (precision 1, as "Mosul Airport"), or in the article's town
    (precision 2, relation `in`, the town its anchor)."""
    clues = toponym.clues
    kind = "landmark" if clues.kind == "landmark" else entry.kind
    relation, grade = clues.relation, precision(entry, clues.relation_kind)
    if toponym.via == "facility":
        kind = "landmark"
        relation, grade = (None, 1) if entry in toponym.entries else ("in", 2)
    return Place(
        start_char=toponym.start_char,
        end_char=toponym.end_char,
        text=text[toponym.start_char : toponym.end_char],
        name=entry.name,
        country=entry.country or None,
        lat=entry.lat,
        lon=entry.lon,
        kind=kind,
        geonameid=entry.geonameid,
        precision=grade,
        relation=relation,
        anchor=entry.name if relation else None,
        admin1=entry.admin1 if entry.kind != "country" else None,
    )


def precision(entry: GazetteerEntry, relation_kind: str | None) -> Precision:
    """1 the town or landmark itself; 2 near it or part of it; 3 a region or part of a
    country; 4 a country, or wider (a continent, a sea)."""
    if entry.kind == "country" or not entry.country:
        return 3 if relation_kind == "part" and entry.kind == "country" else 4
    if entry.kind == "region":
        return 3
    return 1 if relation_kind is None else 2
