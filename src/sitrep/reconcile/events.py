"""One record per real-world event: the reports of one event, from several articles or outlets,
merged into one `MergedEvent`, as GDELT separates events from their mentions.

Two reports tell of the same event when all of these hold (docs/events.md has examples):

- their types are the same or compatible (`FAMILIES`): a suicide bombing is a bombing; a killing,
  an assault and a leader killed may be one attack told three ways; a town captured and a town lost
  are one event seen from two sides, and only when both name the same place; a chemical attack
  may be told as the shelling or the air strike that delivered it (but a shelling and an air
  strike are two events);
- their places are within `NEAR_KM` of each other (haversine). A place that pins no town (no
  place, a region or only a country: precision 3 or 4) has no point to measure from: a region
  fits the places that lie in it (the same GeoNames `admin1`), a country or no place any place
  in the same country;
- their days overlap once one is widened by `DAY_SLACK` at each end (an event without days of
  its own is dated by its article's publication day; one with neither merges with nothing). An
  event dated only by its report (its article's publication, or the day a source spoke of it)
  may have happened up to `REPORT_LEAD_DAYS` before that day;
- their killed figures are compatible (`tolls.compatible_figures`).

Clustering is complete-linkage: a report joins an event only when it fits every report already
in it, the nearest such event when several fit. Reports are sorted first (by their first day,
then `order`), so the result depends on the reports alone, never on the order they came in.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from sitrep.model import ID_HEX_CHARS, Event, EventType, Place, Toll
from sitrep.reconcile.tolls import (
    FATALITY_RULE,
    Casualties,
    Figure,
    casualties,
    compatible_figures,
    figure,
)

# Types that may name one event, most specific first: the merged event takes the first of them
# that any of its reports gives. A type in no family merges with its own type only.
FAMILIES: tuple[tuple[EventType, ...], ...] = (
    ("suicide_bombing", "bombing"),
    ("leader_killed", "killing", "assault"),
    ("territory_captured", "territory_lost"),
    ("chemical_attack", "shelling", "airstrike"),
)
_SIDES = frozenset(("territory_captured", "territory_lost"))
# A chemical attack is delivered by shells, rockets or aircraft, so one outlet's chemical attack
# may be another's shelling; a shelling and an air strike are two events.
_MEANS = frozenset(("shelling", "airstrike"))
NEAR_KM = 50.0  # two towns farther apart than this are two places
SAME_PLACE_KM = 5.0  # "captured" and "lost" must name one town, not a neighbour
DAY_SLACK = 1  # a night attack is dated one day by one outlet and the next by another
# How many days before its report day an event dated only by that day may have happened: a
# story without a date of its own tells of yesterday or the day before ("Earlier in the day").
REPORT_LEAD_DAYS = 2
_REPORT_DAYS = frozenset(("published", "reported"))
COARSE_PRECISION = 3  # a region's point is its centre, or its country's ("northern Iraq")
EARTH_KM = 6371.0

Block = tuple[str, str | None]  # (family, country): reports of two blocks never merge


@dataclass(slots=True, frozen=True)
class EventReport:
    """One article's report of an event: the article's id, outlet, publication day and the
    canonical article when it is a wire copy, and the `Event` record. `seq` is the report's
    position among its article's events (the store's key for it)."""

    article_id: str
    outlet: str | None
    published: dt.date | None
    copy_of: str | None
    event: Event
    seq: int = 0

    @property
    def days(self) -> tuple[str, str] | None:
        """The event's days, else its article's publication day."""
        if self.event.interval is not None:
            return self.event.interval
        day = self.published.isoformat() if self.published else None
        return (day, day) if day else None

    @property
    def window(self) -> tuple[str, str] | None:
        """The days the event may have happened in: its days, reaching `REPORT_LEAD_DAYS`
        further back when only its article's publication, or the day a source spoke of it,
        dates it (news tells of the day before as often as of its own day)."""
        days = self.days
        dated_by_report = self.event.interval is None or self.event.time_basis in _REPORT_DAYS
        if days is None or not dated_by_report:
            return days
        return _lead_start(days[0]), days[1]

    @property
    def order(self) -> tuple[bool, str, str, int, int]:
        """Earliest first: by publication day (undated last), article id, offset, position."""
        day = self.published.isoformat() if self.published else ""
        return (self.published is None, day, self.article_id, self.event.start_char, self.seq)


@dataclass(slots=True, frozen=True)
class MergedEvent:
    """One real-world event and every report of it, earliest first.

    `event_id` is derived from the earliest report, so that a re-run gives the same ids. `type`
    is the most specific its reports give, `interval` the narrowest of their days, `place` the
    most precise of their places, `perpetrator` and `target` what most reports name. `killed`
    and `wounded` are chosen by `rule` (`tolls.FATALITY_RULE`) and None when no report counts.
    """

    event_id: str
    type: EventType
    subtype: str
    interval: tuple[str, str] | None
    place: Place | None
    perpetrator: str | None
    target: str | None
    killed: Casualties | None
    wounded: Casualties | None
    rule: str
    reports: tuple[EventReport, ...] = ()  # none in a summary (`summarized_event`)
    report_count: int = 0
    outlets: tuple[str, ...] = ()  # that reported it, sorted; an article without one left out
    summary: bool = False

    @property
    def disputed(self) -> bool:
        """Some reports give killed or wounded figures that cannot both be true."""
        return any(found is not None and found.disputed for found in (self.killed, self.wounded))


def merge_events(reports: Iterable[EventReport]) -> list[MergedEvent]:
    """The events `reports` tell of, by first day (undated last), then id."""
    blocks: dict[Block, list[EventReport]] = {}
    for report in reports:
        blocks.setdefault(block_of(report.event), []).append(report)
    merged = [merged_event(cluster) for found in blocks.values() for cluster in clusters_of(found)]
    return sorted(merged, key=_event_order)


def block_of(event: Event) -> Block:
    """Where a report is clustered: its type's family and its place's country."""
    return family_of(event.type)[0], event.place.country if event.place else None


def family_of(type_: str) -> tuple[str, ...]:
    """The types that may name the same event as `type_`, most specific first."""
    return next((family for family in FAMILIES if type_ in family), (type_,))


def _event_order(event: MergedEvent) -> tuple[bool, str, str]:
    return (event.interval is None, event.interval[0] if event.interval else "", event.event_id)


def reports_match(first: EventReport, second: EventReport) -> bool:
    """Whether two reports may tell of the same event (the module's rule)."""
    return _Traits.of(first).matches(_Traits.of(second))


Point = tuple[float, float, float]  # latitude and longitude in radians, the latitude's cosine


@dataclass(slots=True, frozen=True)
class _Traits:
    """What the rule reads of a report, worked out once: a busy block compares each report
    with many (issue 10: a write into a 100,000-article store compared 712,098 pairs, each
    working out both reports' windows, figures and radians again). `point` is set for a
    located place only (`_located`); `first` and `last` are the window's day numbers; `key` is
    the report's `match_key`."""

    key: MatchKey
    type: str
    family: tuple[str, ...]
    place: Place | None
    point: Point | None
    first: int | None
    last: int | None
    killed: Figure | None

    @classmethod
    def of(cls, report: EventReport) -> _Traits:
        event, window = report.event, report.window
        first, last = (_day(window[0]), _day(window[1])) if window else (None, None)
        point = _point(event.place) if event.place and _located(event.place) else None
        key, killed = match_key(report, window), figure(event.killed)
        return cls(key, event.type, family_of(event.type), event.place, point, first, last, killed)

    def matches(self, other: _Traits) -> bool:
        return (
            self._types_match(other)
            and self._places_match(other)
            and self._days_match(other)
            and compatible_figures(self.killed, other.killed)
        )

    def _types_match(self, other: _Traits) -> bool:
        if self.type == other.type:
            return True
        if self.family != other.family:
            return False
        if {self.type, other.type} == _SIDES:
            return self._same_place(other)
        return {self.type, other.type} != _MEANS

    def _places_match(self, other: _Traits) -> bool:
        a, b = self.place, other.place
        if a is not None and b is not None:
            if self.point and other.point:
                return _point_km(self.point, other.point) <= NEAR_KM
            if a.admin1 and b.admin1 and (a.kind == "region" or b.kind == "region"):
                return (a.country, a.admin1) == (b.country, b.admin1)  # Homs province, not Damascus
        return (a.country if a else None) == (b.country if b else None)

    def _same_place(self, other: _Traits) -> bool:
        a, b = self.place, other.place
        if a is None or b is None or not (self.point and other.point):
            return False
        return (a.name, a.country) == (b.name, b.country) or (
            _point_km(self.point, other.point) <= SAME_PLACE_KM
        )

    def _days_match(self, other: _Traits) -> bool:
        if self.first is None or self.last is None or other.first is None or other.last is None:
            return False
        return self.first - DAY_SLACK <= other.last and other.first <= self.last + DAY_SLACK


@functools.lru_cache(maxsize=4096)
def _lead_start(iso: str) -> str:
    """`REPORT_LEAD_DAYS` before an ISO day; clustering asks for each report's window at every
    comparison, so each day is computed once."""
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=REPORT_LEAD_DAYS)).isoformat()


@functools.lru_cache(maxsize=4096)
def _day(iso: str) -> int:
    """An ISO day as a day number; days repeat across reports, so each is parsed once."""
    return dt.date.fromisoformat(iso).toordinal()


def _located(place: Place) -> bool:
    """A point that pins a town or a spot near it, not a region's or a country's centre."""
    return place.lat is not None and place.lon is not None and place.precision < COARSE_PRECISION


def _km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine, on a sphere of the Earth's mean radius)."""
    return _point_km(_point(a), _point(b))


def _point(place: Place) -> Point:
    latitude = math.radians(place.lat or 0.0)
    return latitude, math.radians(place.lon or 0.0), math.cos(latitude)


def _point_km(a: Point, b: Point) -> float:
    if a == b:  # most reports of a busy block name the same towns; the sum below gives 0.0 too
        return 0.0
    (lat1, lon1, cos1), (lat2, lon2, cos2) = a, b
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += cos1 * cos2 * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))


# What `reports_match` reads of a report: its type, place, window and killed figure. Reports of
# one event mostly agree on all four (the same town, day and toll in a hundred articles), so a
# cluster checks a newcomer against one report per distinct key: the same answer, in a fraction of
# the comparisons (issue 10: a day's busy block cost 400,000 comparisons a write).
MatchKey = tuple[object, ...]


def match_key(report: EventReport, window: tuple[str, str] | None) -> MatchKey:
    """The key of `report`, whose `window` is given (worked out once)."""
    event, killed = report.event, report.event.killed
    toll = None if killed is None else (killed.value, killed.low, killed.high, killed.approx)
    return (event.type, _place_key(event.place), window, toll)


def _place_key(place: Place | None) -> MatchKey | None:
    """What `_places_match` and `_same_place` read of a place (not its words or offsets)."""
    if place is None:
        return None
    where = (place.name, place.country, place.lat, place.lon)
    return (*where, place.kind, place.precision, place.admin1)


@dataclass(slots=True)
class _Cluster:
    """An event being gathered: its reports, the traits of one of them per distinct
    `match_key` (what a newcomer is checked against), and the earliest last day among them."""

    reports: list[EventReport]
    last_day: int
    distinct: dict[MatchKey, _Traits]

    @classmethod
    def of(cls, reports: Sequence[EventReport], last_day: int) -> _Cluster:
        distinct: dict[MatchKey, _Traits] = {}
        for traits in map(_Traits.of, reports):
            distinct.setdefault(traits.key, traits)
        return cls(list(reports), last_day, distinct)

    def fits(self, traits: _Traits) -> bool:
        """Every report of the event matches the newcomer's `traits` (complete linkage)."""
        return all(traits.matches(other) for other in self.distinct.values())


def clusters_of(reports: Sequence[EventReport]) -> list[list[EventReport]]:
    """Complete-linkage clusters of one block's reports, in a fixed order (`Sweep`)."""
    sweep = Sweep()
    for report in sorted(reports, key=sweep_order):
        sweep.add(report)
    return sweep.clusters()


@dataclass(slots=True)
class Sweep:
    """Clustering of one block's reports, fed one at a time in `sweep_order`: each joins the
    open event it fits best (every report of it matches), else opens one. An event whose
    earliest-ending report ended before the day a report begins (less the slack) fits no later
    report, and is closed. `resumed` starts from the events open at some day, so that a store
    can sweep a stretch of days again without the reports before it."""

    open: list[_Cluster]
    done: list[list[EventReport]]

    def __init__(self, open_: Sequence[Sequence[EventReport]] = ()) -> None:
        self.open = [_Cluster.of(found, min(map(last_day, found))) for found in open_]
        self.done = []

    def close(self, begins: int) -> None:
        """Close the events that no report beginning on day number `begins` may join."""
        self.done.extend(c.reports for c in self.open if c.last_day < begins)
        self.open = [c for c in self.open if c.last_day >= begins]

    def add(self, report: EventReport) -> None:
        days = report.window
        if days is None:
            self.done.append([report])
            return
        traits = _Traits.of(report)
        assert traits.first is not None and traits.last is not None  # dated
        self.close(traits.first - DAY_SLACK)
        fits = [c for c in self.open if c.fits(traits)]
        if fits:
            _join(min(fits, key=lambda c: _distance(c, traits)), report, traits)
        else:
            self.open.append(_Cluster([report], traits.last, {traits.key: traits}))

    def open_reports(self) -> list[list[EventReport]]:
        return [c.reports for c in self.open]

    def clusters(self) -> list[list[EventReport]]:
        return self.done + self.open_reports()


def sweep_order(report: EventReport) -> tuple[bool, str, tuple[bool, str, str, int, int]]:
    """The order reports are swept in: by the first day of their window (undated last)."""
    days = report.window
    return (days is None, days[0] if days else "", report.order)


def first_day(report: EventReport) -> int:
    """The day number (`date.toordinal`) of the first day of a dated report's window."""
    window = report.window
    assert window is not None
    return _day(window[0])


def last_day(report: EventReport) -> int:
    window = report.window
    assert window is not None
    return _day(window[1])


def _join(cluster: _Cluster, report: EventReport, traits: _Traits) -> None:
    cluster.reports.append(report)
    cluster.distinct.setdefault(traits.key, traits)
    assert traits.last is not None  # a dated report's
    cluster.last_day = min(cluster.last_day, traits.last)


def _distance(cluster: _Cluster, traits: _Traits) -> float:
    """How far the report is from the event's pinned places (0 where either is coarse)."""
    if traits.point is None:
        return 0.0
    pinned = [other.point for other in cluster.distinct.values() if other.point]
    return min((_point_km(traits.point, point) for point in pinned), default=0.0)


def merged_event(reports: Sequence[EventReport]) -> MergedEvent:
    """The event `reports` (one cluster) tell of."""
    ordered = tuple(sorted(reports, key=lambda report: report.order))
    typed = min(ordered, key=lambda report: family_of(report.event.type).index(report.event.type))
    return MergedEvent(
        event_id=event_id(ordered[0]),
        type=typed.event.type,
        subtype=typed.event.subtype,
        interval=_narrowest(ordered),
        place=_most_precise(ordered),
        perpetrator=most_named([report.event.perpetrator for report in ordered]),
        target=most_named([report.event.target for report in ordered]),
        killed=casualties(_independent(ordered, lambda event: event.killed)),
        wounded=casualties(_independent(ordered, lambda event: event.wounded)),
        rule=FATALITY_RULE,
        reports=ordered,
        report_count=len(ordered),
        outlets=tuple(sorted({report.outlet for report in ordered if report.outlet})),
    )


def summarized_event(event: MergedEvent) -> MergedEvent:
    """The event without its reports: what a list of events shows, read without them (the
    store keeps one per event)."""
    return replace(event, reports=(), summary=True)


def event_id(earliest: EventReport) -> str:
    """Content-derived: the earliest report's article, position, offsets and type."""
    event = earliest.event
    key = "\x1f".join(
        (earliest.article_id, str(earliest.seq), str(event.start_char), str(event.end_char))
    )
    return hashlib.sha256(f"{key}\x1f{event.type}".encode()).hexdigest()[:ID_HEX_CHARS]


def _narrowest(ordered: Sequence[EventReport]) -> tuple[str, str] | None:
    """The fewest days any report gives: "on Monday" says more than "this week"."""
    dated = [report.days for report in ordered if report.days is not None]
    return min(dated, key=_length, default=None)


def _length(days: tuple[str, str]) -> int:
    return _day(days[1]) - _day(days[0])


def _most_precise(ordered: Sequence[EventReport]) -> Place | None:
    """The smallest precision code; ties go to the earliest report's place."""
    places = [place for report in ordered if (place := report.event.place) is not None]
    return min(places, key=lambda place: place.precision, default=None)


def most_named(names: Sequence[str | None]) -> str | None:
    """The name most reports give; ties go to the earliest report's."""
    counts = Counter(name for name in names if name)
    return max(counts, key=counts.__getitem__) if counts else None


def _independent(
    ordered: Sequence[EventReport], toll_of: Callable[[Event], Toll | None]
) -> list[Figure]:
    """One figure per independent voice, its latest: the source a report names ("the
    Observatory said"), in whichever outlet; else the outlet, a wire copy speaking with its
    original's. A source or an outlet that updates a toll does not dispute itself."""
    outlets = {report.article_id: report.outlet for report in ordered}
    latest: dict[str, Figure] = {}
    for report in ordered:
        found = figure(toll_of(report.event))
        if found is not None:
            latest[_voice(report, outlets)] = found
    return list(latest.values())


def _voice(report: EventReport, outlets: dict[str, str | None]) -> str:
    source = _plain_source(report.event.source)
    if source:
        return f"source\x1f{source}"
    story = report.copy_of or report.article_id
    outlet = outlets.get(story) if report.copy_of else report.outlet
    return f"outlet\x1f{outlet}" if outlet else f"article\x1f{story}"


def _plain_source(source: str | None) -> str:
    """A source's name as a voice: lower case, without a leading "the" ("The Observatory")."""
    if not source:
        return ""
    words = source.lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)
