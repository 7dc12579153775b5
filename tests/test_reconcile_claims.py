"""Claims compared across sources: groups, periods, voices, agreement and conflict, consensus,
low / best / high, increments and links (docs/claims.md). Claims are built by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.model import Approx, Claim
from sitrep.reconcile.claims import (
    ClaimReport,
    consensus_range,
    group_claims,
    linked_groups,
)
from sitrep.reconcile.tolls import Figure

KEY = "territory_share|lost|islamic state|syria|percent"


def report(
    value: float,
    *,
    approx: Approx = "exact",
    source: str | None = None,
    outlet: str = "Wire A",
    day: str = "2016-03-01",
    article: str = "a1",
    copy_of: str | None = None,
    key: str = KEY,
    start: int = 0,
    adds_to: tuple[int, int] | None = None,
) -> ClaimReport:
    measure = key.split("|", maxsplit=1)[0]
    claim = Claim(
        start,
        start + 5,
        text=f"{value} percent",
        measure=measure,  # type: ignore[arg-type]
        value=value,
        approx=approx,
        unit=key.rsplit("|", maxsplit=1)[-1],
        period=(day, day),
        period_basis="expression",
        source=source,
        adds_to=adds_to,
        key=key,
    )
    return ClaimReport(article, outlet, dt.date.fromisoformat(day), copy_of, claim)


def test_reconcile_claims_conflict_when_two_figures_exclude_each_other() -> None:
    [group] = group_claims(
        [report(20, approx="more_than", outlet="A"), report(10, approx="approximate", outlet="B")]
    )
    assert group.conflict
    [period] = group.periods
    assert (period.low, period.high) == (10, 20)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((40, "approximate"), (42, "exact")),
        ((20, "at_least"), (35, "exact")),
        ((5, "exact"), (5, "exact")),
    ],
)
def test_reconcile_claims_agree_when_figures_can_both_hold(
    first: tuple[float, Approx], second: tuple[float, Approx]
) -> None:
    [group] = group_claims(
        [
            report(first[0], approx=first[1], outlet="A"),
            report(second[0], approx=second[1], outlet="B"),
        ]
    )
    assert not group.conflict


def test_reconcile_claims_one_voice_counts_once_with_its_latest_figure() -> None:
    [group] = group_claims(
        [
            report(10, source="Col. Dana Reyes", day="2016-03-01", article="a1"),
            report(12, source="Colonel Dana Reyes", day="2016-03-05", article="a2", outlet="B"),
        ]
    )
    [period] = group.periods
    [stated] = period.stated
    assert stated.figure.value == 12 and len(stated.reports) == 2
    assert not group.conflict


def test_reconcile_claims_a_wire_copy_speaks_with_its_original() -> None:
    [group] = group_claims(
        [
            report(10, outlet="Wire", article="orig"),
            report(10, outlet="Paper", article="copy", copy_of="orig"),
        ]
    )
    assert group.voices == ("Wire",)


def test_reconcile_claims_periods_far_apart_make_a_time_series() -> None:
    [group] = group_claims(
        [report(30, day="2014-07-01"), report(20, day="2016-02-01", article="a2")]
    )
    assert group.series and not group.conflict
    assert [p.best for p in group.periods] == [30, 20]


def test_reconcile_claims_an_increment_adds_to_its_base() -> None:
    [group] = group_claims(
        [
            report(14, source="IHS", day="2016-02-15", start=0),
            report(8, source="IHS", day="2016-03-01", start=40, adds_to=(0, 5)),
        ]
    )
    [stated] = group.periods[0].stated
    assert stated.figure.value == 22


def test_reconcile_claims_consensus_is_the_range_most_allow() -> None:
    figures = [
        Figure(20, 20, 20, 20, float("inf")),
        Figure(22, 22, 22, 22, 22),
        Figure(10, 10, 10, 9, 11),
    ]
    assert consensus_range(figures) == ((22, 22), 2)


def test_reconcile_claims_groups_conflicts_first_and_links_share_and_area() -> None:
    area = "area|lost|islamic state|syria|km2"
    groups = group_claims(
        [
            report(1000, key=area),
            report(20, approx="more_than", outlet="A"),
            report(10, outlet="B"),
        ]
    )
    assert [g.measure for g in groups] == ["territory_share", "area"]
    links = linked_groups(groups, [frozenset(("territory_share", "area"))])
    assert links[groups[0].group_id] == [groups[1]]
