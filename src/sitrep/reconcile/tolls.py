"""Casualty figures across the reports of one event: each report's figure read as an interval,
and the event's low, best and high chosen from them. docs/events.md ("One record per event") has
the rule with examples.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sitrep.model import Approx

# The name the store and the export give the rule below; a new rule gets a new name, so that an
# analyst can tell which figures were chosen how.
# v2: a source named in several outlets' reports is one voice, its latest figure counting.
FATALITY_RULE = "conservative-mode-v2"
# How far "about 40" and "nearly 40" reach when figures are compared: a chosen tolerance, so that
# "about 40" and "42" neither dispute each other nor look like two events.
APPROX_SHARE = 0.1
# Two killed figures may belong to one event while the larger is at most three times the smaller,
# plus two: a chosen tolerance. First reports of an attack often give a fraction of the final
# toll, and "one killed" against "five killed" is a small count that grew, not another event.
TOLL_RATIO = 3.0
TOLL_SLACK = 2.0


@dataclass(slots=True, frozen=True)
class Figure:
    """One report's figure. `value` is the figure it gives (a range's lower end: the conservative
    reading), `low`..`high` the interval it states; `floor`..`ceiling` what it allows: "at least
    100" and "more than 100" have no ceiling, "up to 12" no floor, "about 40" a tenth either way."""

    value: float
    low: float
    high: float
    floor: float
    ceiling: float


@dataclass(slots=True, frozen=True)
class Casualties:
    """An event's killed or wounded across its independent reports (wire copies and repeated
    reports of one outlet count once): `low` the smallest lower bound, `high` the largest upper
    bound, `best` the figure most reports give (`best_figure`); `disputed` when two reports'
    figures cannot both be true; `sources` how many independent reports gave a figure."""

    low: float
    best: float
    high: float
    disputed: bool
    sources: int


class Bounded(Protocol):
    """A figure as records give it: a value or a range, and a qualifier (a `Toll`, a `Claim`)."""

    @property
    def value(self) -> float | None: ...
    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def approx(self) -> Approx: ...
    @property
    def bounds(self) -> tuple[float, float]: ...


def figure(toll: Bounded | None) -> Figure | None:
    """The figure of `toll` (or of any record with a value or range), None without a number."""
    if toll is None or (toll.value is None and toll.low is None and toll.high is None):
        return None
    low, high = (float(bound) for bound in toll.bounds)
    high = max(low, high)  # a range written with one end only is that end
    floor, ceiling = _allowed(toll, low, high)
    return Figure(low, low, high, floor, ceiling)


def _allowed(toll: Bounded, low: float, high: float) -> tuple[float, float]:
    """What a qualified figure allows. "More than 100" is at least 100: the source does not claim
    101, and an open end is no claim at all."""
    match toll.approx:
        case "at_least" | "more_than":
            return low, math.inf
        case "at_most" | "less_than":
            return 0.0, high
        case "approximate":
            return low * (1 - APPROX_SHARE), high * (1 + APPROX_SHARE)
        case "nearly":
            return low * (1 - APPROX_SHARE), high
    return low, high


def compatible_figures(a: Figure | None, b: Figure | None) -> bool:
    """Whether two killed figures can be one event's (a report without a figure fits any)."""
    if a is None or b is None:
        return True
    return max(a.floor, b.floor) <= TOLL_RATIO * min(a.ceiling, b.ceiling) + TOLL_SLACK


def casualties(figures: Sequence[Figure]) -> Casualties | None:
    """The event's figures from one figure per independent report (FATALITY_RULE)."""
    if not figures:
        return None
    return Casualties(
        low=min(found.low for found in figures),
        best=best_figure(figures),
        high=max(found.high for found in figures),
        # Intervals on a line overlap all together when the largest floor is below the
        # smallest ceiling: otherwise two of them exclude each other.
        disputed=max(found.floor for found in figures) > min(found.ceiling for found in figures),
        sources=len(figures),
    )


def best_figure(figures: Sequence[Figure]) -> float:
    """The figure most reports give. A tie goes to the figure more reports allow ("73" over
    "at least 12" when a third report says "about 70": 73 contradicts no one), then to the
    lower (ACLED's conservative choice between sources that disagree)."""
    given = Counter(found.value for found in figures)

    def allowed_by(value: float) -> int:
        return sum(found.floor <= value <= found.ceiling for found in figures)

    return min(given, key=lambda value: (-given[value], -allowed_by(value), value))
