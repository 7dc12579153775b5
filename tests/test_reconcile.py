"""Merging the reports of one event: which reports merge, and the figures the event keeps."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.model import Event, Place, Toll
from sitrep.reconcile import FATALITY_RULE, EventReport, MergedEvent, merge_events
from sitrep.reconcile.events import (
    COARSE_PRECISION,
    DAY_SLACK,
    _km,
    clusters_of,
    first_day,
    last_day,
    reports_match,
    sweep_order,
)
from sitrep.reconcile.listing import event_json, event_line, event_lines

HASAKAH = Place(0, 7, "Hasakah", "Al Ḩasakah", "SY", 36.50, 40.75, "city", None, 1)
OUTSKIRTS = Place(0, 19, "outskirts of Hasakah", "Al Ḩasakah", "SY", 36.50, 40.75, "city", None, 2)
TALL_TAMR = Place(0, 9, "Tall Tamr", "Tall Tamr", "SY", 36.65, 40.37, "city", None, 1)  # 38 km
QAMISHLI = Place(0, 8, "Qamishli", "Al Qāmishlī", "SY", 37.05, 41.22, "city", None, 1)  # 74 km
SYRIA = Place(0, 5, "Syria", "Syria", "SY", 35.0, 38.0, "country", None, 4)
IRAQ = Place(0, 4, "Iraq", "Iraq", "IQ", 33.0, 44.0, "country", None, 4)
NORTHEAST = Place(0, 16, "northeast Syria", "Syria", "SY", 35.0, 38.0, "region", None, 3)

MONDAY = ("2016-02-29", "2016-02-29")


def toll(value: float, approx: Any = "exact") -> Toll:
    return Toll(value=value, approx=approx)


def report(
    article: str,
    outlet: str | None = "River Post",
    *,
    type: Any = "bombing",
    place: Place | None = HASAKAH,
    days: tuple[str, str] | None = MONDAY,
    published: dt.date | None = dt.date(2016, 3, 1),
    killed: Toll | None = None,
    wounded: Toll | None = None,
    copy_of: str | None = None,
    start: int = 0,
    perpetrator: str | None = None,
    basis: Any = None,
    source: str | None = None,
) -> EventReport:
    event = Event(
        start,
        start + 4,
        trigger="blast",
        type=type,
        place=place,
        interval=days,
        time_basis=basis,
        source=source,
        killed=killed,
        wounded=wounded,
        perpetrator=perpetrator,
    )
    return EventReport(article, outlet, published, copy_of, event)


def one(reports: list[EventReport]) -> MergedEvent:
    [event] = merge_events(reports)
    return event


def test_reconcile_same_event_from_two_outlets_merges() -> None:
    event = one(
        [
            report("a1", "River Post", killed=toll(12)),
            report("a2", "Tigris Wire", place=TALL_TAMR, killed=toll(14)),
        ]
    )
    assert [r.article_id for r in event.reports] == ["a1", "a2"]
    assert event.outlets == ("River Post", "Tigris Wire")
    assert (event.type, event.interval, event.place) == ("bombing", MONDAY, HASAKAH)
    assert re.fullmatch(r"[0-9a-f]{16}", event.event_id)


SECOND: dict[str, dict[str, Any]] = {
    "another town": {"place": QAMISHLI},
    "a week later": {"days": ("2016-03-07", "2016-03-07")},
    "two days later": {"days": ("2016-03-02", "2016-03-02")},
    "five times the toll": {"killed": toll(60)},
    "another kind of event": {"type": "shelling"},
    "the country alone, another country": {"place": IRAQ},
    "taken, where the other was lost elsewhere": {"type": "territory_lost", "place": TALL_TAMR},
}


@pytest.mark.parametrize("second", SECOND.values(), ids=SECOND.keys())
def test_reconcile_keeps_different_events_apart(second: dict[str, Any]) -> None:
    first_type = "territory_captured" if "territory_lost" in second.values() else "bombing"
    first = report("a1", type=first_type, killed=toll(12))
    other = {"type": first_type, "killed": toll(12), **second}
    assert len(merge_events([first, report("a2", "Tigris Wire", **other)])) == 2


COMPATIBLE: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "a suicide bombing is a bombing": ({"type": "suicide_bombing"}, {"type": "bombing"}),
    "a killing told as an assault": ({"type": "killing"}, {"type": "assault"}),
    "a leader killed": ({"type": "leader_killed"}, {"type": "killing"}),
    "captured and lost, one town": (
        {"type": "territory_captured"},
        {"type": "territory_lost", "place": OUTSKIRTS},
    ),
    "a day apart": ({}, {"days": ("2016-03-01", "2016-03-01")}),
    "a day inside a week": ({}, {"days": ("2016-02-25", "2016-03-02")}),
    "a place near the town": ({}, {"place": OUTSKIRTS}),
    "only the country": ({}, {"place": SYRIA}),
    "only the region": ({}, {"place": NORTHEAST}),
    "dated by the publication day": ({}, {"days": None, "published": dt.date(2016, 3, 1)}),
    "one killed, later five": ({"killed": toll(1)}, {"killed": toll(5)}),
    "at least 10 against 40": ({"killed": toll(10, "at_least")}, {"killed": toll(40)}),
}


# Hasakah lies in Al-Hasakah governorate (GeoNames admin1 "08"), not in Raqqa's ("04").
HASAKAH_TOWN = dataclasses.replace(HASAKAH, admin1="08")
HASAKAH_PROVINCE = Place(0, 16, "Hasakah province", "Al Ḩasakah", "SY", 36.4, 40.6, "region",
                         None, 3, admin1="08")  # fmt: skip
RAQQA_PROVINCE = Place(0, 14, "Raqqa province", "Ar-Raqqah", "SY", 35.9, 38.9, "region", None, 3,
                       admin1="04")  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ({"place": HASAKAH_TOWN}, {"place": HASAKAH_PROVINCE}, True),
        ({"place": HASAKAH_TOWN}, {"place": RAQQA_PROVINCE}, False),
        ({"place": HASAKAH_PROVINCE}, {"place": RAQQA_PROVINCE}, False),
        ({"type": "chemical_attack"}, {"type": "shelling"}, True),
        ({"type": "chemical_attack"}, {"type": "airstrike"}, True),
        ({"type": "shelling"}, {"type": "airstrike"}, False),
        ({}, {"days": ("2016-03-02", "2016-03-02"), "basis": "published"}, True),
        ({}, {"days": ("2016-03-02", "2016-03-02"), "basis": "reported"}, True),
        ({}, {"days": ("2016-03-04", "2016-03-04"), "basis": "published"}, False),
        ({}, {"days": ("2016-03-02", "2016-03-02"), "basis": "expression"}, False),
    ],
    ids=[
        "a town in its province",
        "a town and another province",
        "two provinces",
        "a chemical attack told as shelling",
        "a chemical attack told as an air strike",
        "a shelling and an air strike",
        "dated by its publication two days later",
        "dated by its source's words two days later",
        "dated by its publication four days later",
        "dated by its own words two days later",
    ],
)
def test_reconcile_regions_means_and_report_days(
    first: dict[str, Any], second: dict[str, Any], merged: bool
) -> None:
    """Issue #7: Homs province's car bombs merged into a Damascus bombing, a chemical attack
    stayed apart from the shelling that carried it, and a lead dated by its publication missed
    the event it told of."""
    reports = [report("a1", **first), report("a2", "Tigris Wire", **second)]
    assert len(merge_events(reports)) == (1 if merged else 2)


@pytest.mark.parametrize(("first", "second"), COMPATIBLE.values(), ids=COMPATIBLE.keys())
def test_reconcile_merges_compatible_reports(first: dict[str, Any], second: dict[str, Any]) -> None:
    event = one([report("a1", **first), report("a2", "Tigris Wire", **second)])
    assert len(event.reports) == 2


def test_reconcile_takes_the_most_specific_and_most_precise() -> None:
    event = one(
        [
            report("a1", "River Post", type="bombing", place=SYRIA, perpetrator="Islamic State"),
            report("a2", "Tigris Wire", type="suicide_bombing", place=OUTSKIRTS, days=MONDAY),
            report(
                "a3",
                "Levant Ledger",
                place=HASAKAH,
                days=("2016-02-28", "2016-03-01"),
                perpetrator="Islamic State",
            ),
        ]
    )
    assert (event.type, event.place, event.interval) == ("suicide_bombing", HASAKAH, MONDAY)
    assert event.perpetrator == "Islamic State"


def test_reconcile_a_report_without_any_day_merges_with_nothing() -> None:
    undated = report("a2", "Tigris Wire", days=None, published=None)
    assert len(merge_events([report("a1"), undated])) == 2


def test_reconcile_every_report_must_fit_every_other() -> None:
    """5 fits 12 and 12 fits 30, but 5 and 30 cannot be one toll: 30 begins an event of its own."""
    events = merge_events(
        [
            report("a1", "River Post", killed=toll(5)),
            report("a2", "Tigris Wire", killed=toll(12)),
            report("a3", "Levant Ledger", killed=toll(30)),
        ]
    )
    assert sorted(len(event.reports) for event in events) == [1, 2]
    [alone] = [event for event in events if len(event.reports) == 1]
    assert alone.reports[0].article_id == "a3"


# The fatality rule ------------------------------------------------------------------------------

FIGURES: dict[str, tuple[list[Toll], tuple[float, float, float, bool]]] = {
    "two outlets agree, one does not": ([toll(12), toll(12), toll(15)], (12, 12, 15, True)),
    "disagreement goes to the lower": ([toll(20), toll(30)], (20, 20, 30, True)),
    "at least 12, and 20": ([toll(12, "at_least"), toll(20)], (12, 20, 20, False)),
    "more than 100 is at least 100": ([toll(100, "more_than"), toll(100)], (100, 100, 100, False)),
    "about 40, and 42": ([toll(40, "approximate"), toll(42)], (40, 42, 42, False)),
    "up to 12, and 10": ([toll(12, "at_most"), toll(10)], (10, 10, 12, False)),
    "between 10 and 15, and 12": ([Toll(low=10, high=15), toll(12)], (10, 12, 15, False)),
    "at least 30 against 25": ([toll(30, "at_least"), toll(25)], (25, 25, 30, True)),
}


@pytest.mark.parametrize(("tolls", "expected"), FIGURES.values(), ids=FIGURES.keys())
def test_reconcile_keeps_low_best_high_and_the_dispute(
    tolls: list[Toll], expected: tuple[float, float, float, bool]
) -> None:
    outlets = ["River Post", "Tigris Wire", "Levant Ledger"]
    event = one([report(f"a{i}", outlets[i], killed=t) for i, t in enumerate(tolls)])
    assert event.killed is not None
    killed = event.killed
    assert (killed.low, killed.best, killed.high, killed.disputed) == expected
    assert (event.rule, event.disputed, killed.sources) == (FATALITY_RULE, expected[3], len(tolls))


REPEATS = {
    "wire copies": [("Gulf Courier", "a1"), ("Crescent Daily Post", "a1")],
    "one outlet again": [("Tigris Wire", None), ("Tigris Wire", None)],
}


@pytest.mark.parametrize("repeats", REPEATS.values(), ids=REPEATS.keys())
def test_reconcile_wire_copies_and_a_repeating_outlet_count_once(
    repeats: list[tuple[str, str | None]],
) -> None:
    """Counted as articles, 10 would win three to two; counted as voices, 14 wins two to one."""
    event = one(
        [
            report("a1", "Tigris Wire", killed=toll(10)),
            *(
                report(f"c{i}", outlet, killed=toll(10), copy_of=copy_of)
                for i, (outlet, copy_of) in enumerate(repeats)
            ),
            report("a3", "River Post", killed=toll(14)),
            report("a4", "Levant Ledger", killed=toll(14)),
        ]
    )
    assert event.killed is not None
    assert (event.killed.best, event.killed.sources) == (14, 3)
    assert len(event.reports) == 5


def test_reconcile_an_outlet_updating_its_toll_does_not_dispute_itself() -> None:
    event = one(
        [
            report("a1", "River Post", killed=toll(12), wounded=toll(20)),
            report("a2", "River Post", killed=toll(15), published=dt.date(2016, 3, 2)),
        ]
    )
    assert event.killed is not None and event.wounded is not None
    assert (event.killed.best, event.killed.low, event.killed.disputed) == (15, 15, False)
    assert (event.wounded.best, event.wounded.sources) == (20, 1)


def test_reconcile_the_example_of_the_docs() -> None:
    """docs/events.md: an updated toll, a wire copy, a precise figure and a loose lower bound."""
    event = one(
        [
            report("a1", "Tigris Wire", killed=toll(70, "at_least")),
            report("a2", "Gulf Courier", killed=toll(70, "at_least"), copy_of="a1"),
            report("a3", "Crescent Daily Post", killed=toll(73), published=dt.date(2016, 3, 2)),
            report(
                "a4", "Tigris Wire", killed=toll(70, "approximate"), published=dt.date(2016, 3, 3)
            ),
            report("a5", "Frontline Press Service", killed=toll(12, "at_least")),
        ]
    )
    assert event.killed is not None
    killed = event.killed
    assert (killed.low, killed.best, killed.high, killed.disputed, killed.sources) == (
        12, 73, 73, False, 3,
    )  # fmt: skip


def test_reconcile_event_without_figures_has_none() -> None:
    event = one([report("a1"), report("a2", "Tigris Wire")])
    assert (event.killed, event.wounded, event.disputed) == (None, None, False)


# Identity and order -----------------------------------------------------------------------------

REPORTS = [
    report("a3", "Levant Ledger", killed=toll(14), published=dt.date(2016, 3, 2)),
    report("a1", "River Post", killed=toll(12)),
    report("a2", "Tigris Wire", place=QAMISHLI, killed=toll(3)),
    report("a4", "Tigris Wire", place=SYRIA, killed=toll(40, "approximate")),
    report("a5", "River Post", type="shelling", start=40),
    report("a1", "River Post", days=("2016-03-09", "2016-03-09"), start=80),
]


def _summary(events: list[MergedEvent]) -> list[tuple[str, list[tuple[str, int]]]]:
    return [
        (event.event_id, [(r.article_id, r.event.start_char) for r in event.reports])
        for event in events
    ]


@settings(max_examples=60, deadline=None)
@given(st.permutations(REPORTS))
def test_reconcile_does_not_depend_on_the_order_of_reports(shuffled: list[EventReport]) -> None:
    assert _summary(merge_events(shuffled)) == _summary(merge_events(REPORTS))


def test_reconcile_event_id_comes_from_the_earliest_report() -> None:
    early = report("b9", "River Post", published=dt.date(2016, 2, 29))
    later = report("a1", "Tigris Wire", published=dt.date(2016, 3, 1))
    alone = one([early])
    both = one([later, early])
    assert both.event_id == alone.event_id
    assert both.reports[0] is early
    assert one([later]).event_id != alone.event_id


def test_reconcile_events_come_by_first_day() -> None:
    events = merge_events(REPORTS)
    firsts = [event.interval[0] if event.interval else "~" for event in events]
    assert firsts == sorted(firsts)


# Listing ----------------------------------------------------------------------------------------


def test_reconcile_listing_gives_a_line_and_an_object_per_event() -> None:
    event = one(
        [
            report("a1", "River Post", killed=toll(12), perpetrator="Islamic State"),
            report("a2", "Tigris Wire", killed=toll(15), wounded=toll(30)),
        ]
    )
    line = event_line(event)
    assert line.split()[:4] == ["2016-02-29", "bombing", "Al", "Ḩasakah"]
    assert "killed 12/12/15 disputed" in line and "wounded 30/30/30" in line
    assert line.endswith("2 reports, 2 outlets  by Islamic State")
    found = event_json(event)
    assert found["killed"] == {"low": 12, "best": 12, "high": 15, "disputed": True, "sources": 2}
    assert found["place"]["name"] == "Al Ḩasakah" and "start_char" not in found["place"]
    assert [r["event"]["killed"]["value"] for r in found["reports"]] == [12, 15]
    assert event_lines([]) == ["  none"]


def test_reconcile_a_source_quoted_by_two_outlets_is_one_voice() -> None:
    """Issue #7: an outlet's last sentence recalling the agency's first toll (83) hid the
    monitor's risen toll (134) it had given first."""
    event = one(
        [
            report("a1", "River Post", killed=toll(83), source="the news agency", start=0),
            report("a1", "River Post", killed=toll(90), source="The Observatory", start=10),
            report("a2", "Tigris Wire", killed=toll(134), source="the Observatory", start=0),
            report("a2", "Tigris Wire", killed=toll(83), source="the news agency", start=10),
        ]
    )
    killed = event.killed
    assert killed is not None
    assert (killed.low, killed.best, killed.high, killed.sources) == (83, 83, 134, 2)


def _naive_clusters(reports: list[EventReport]) -> list[list[tuple[str, int]]]:
    """The sweep's rule written out plainly: every open event's every report is compared."""
    open_: list[tuple[list[EventReport], int]] = []
    done: list[list[EventReport]] = []
    for new in sorted((r for r in reports if r.window), key=sweep_order):
        begins = first_day(new) - DAY_SLACK
        done += [found for found, closes in open_ if closes < begins]
        open_ = [(found, closes) for found, closes in open_ if closes >= begins]
        fits = [pair for pair in open_ if all(reports_match(new, old) for old in pair[0])]
        if not fits:
            open_.append(([new], last_day(new)))
            continue
        found, closes = min(fits, key=lambda pair: _nearest_km(pair[0], new))
        found.append(new)
        open_[open_.index((found, closes))] = (found, min(closes, last_day(new)))
    every = done + [found for found, _ in open_] + [[r] for r in reports if not r.window]
    return sorted(sorted((r.article_id, r.event.start_char) for r in found) for found in every)


def _nearest_km(found: list[EventReport], new: EventReport) -> float:
    place = new.event.place
    if place is None or place.precision >= COARSE_PRECISION:
        return 0.0
    places = [r.event.place for r in found]
    pinned = [p for p in places if p is not None and p.precision < COARSE_PRECISION]
    return min((_km(place, p) for p in pinned), default=0.0)


SWEEP_PLACES = (HASAKAH, OUTSKIRTS, TALL_TAMR, QAMISHLI, SYRIA, NORTHEAST)


@st.composite
def busy_day_reports(draw: st.DrawFn) -> list[EventReport]:
    """Many reports of a few days, most repeating another's type, place, days and toll."""
    reports = []
    for number in range(draw(st.integers(1, 40))):
        day = (dt.date(2016, 3, 1) + dt.timedelta(days=draw(st.integers(0, 4)))).isoformat()
        reports.append(
            report(
                f"a{number:02d}",
                type=draw(st.sampled_from(("bombing", "suicide_bombing", "airstrike"))),
                place=draw(st.sampled_from(SWEEP_PLACES)),
                days=draw(st.sampled_from(((day, day), None, ("2016-03-01", "2016-03-20")))),
                killed=draw(st.sampled_from((None, toll(12), toll(14), toll(40, "at_least")))),
                start=draw(st.integers(0, 3)) * 50,
            )
        )
    return reports


@settings(max_examples=200, deadline=None)
@given(busy_day_reports())
def test_reconcile_sweep_checks_distinct_reports_with_the_same_result(
    reports: list[EventReport],
) -> None:
    """Issue 10: an event checks a newcomer against one report per distinct match key."""
    found = sorted(
        sorted((r.article_id, r.event.start_char) for r in cluster)
        for cluster in clusters_of(reports)
    )
    assert found == _naive_clusters(reports)
