"""The brief's time line: events along a date axis, one band per event type family, as SVG text.

Each event is a circle at its date whose area grows with its killed and wounded (a solid core
for the killed), and a bar under it when it spans several days. The biggest events get a label
above the bands with a leader line down to their mark. Deterministic, self-contained SVG, like
the map (`sitrep.brief.svgmap`, whose text helpers it shares); docs/charts.md has the details.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.brief.svgmap import (
    HALO,
    INK,
    Box,
    fmt,
    linked,
    overlaps,
    svg_open,
    svg_text,
    text_width,
)

# Family colours: distinct hues that stay apart for the common colour-vision deficiencies
# (after the Okabe–Ito and ColorBrewer "Dark2" sets), darkened to read as text on white.
FAMILY_COLOURS = {
    "airstrike": "#d55e00",
    "bombing": "#b2182b",
    "clash": "#6a3d9a",
    "territory": "#1b7837",
    "protest": "#0072b2",
    "other": "#6f6f6f",
}
# Families the table above does not know, in name order.
EXTRA_COLOURS = ("#8c6d31", "#007c7c", "#c51b7d", "#4d4d4d")
MUTED = "#767676"
GRID = "#e4e4e4"
BAND_SHADE = "#f6f6f4"

# Layout in px: the column of family names, the right margin, a band's height, the rows of
# labels above the bands, the axis and the footnote below them.
NAME_COLUMN = 88
RIGHT_MARGIN = 16
BAND_HEIGHT = 46
LEGEND_HEIGHT = 26
LABEL_ROW = 15
MAX_LABEL_ROWS = 3
AXIS_HEIGHT = 36
FOOTNOTE_HEIGHT = 18
# Circles: the smallest (no figure, or a handful), the largest (a little over half a band, so
# that neighbouring bands' biggest circles barely touch), and at most 1.6 px of radius per
# square root of a casualty (100 casualties: 16 px), so that a small event is not drawn huge
# when it is the worst one.
MIN_RADIUS = 3.0
MAX_RADIUS = 25.0
RADIUS_PER_SQRT_CASUALTY = 1.6
BAR_HEIGHT = 8.0
# Labels: at most this many, of at most this many characters, at this font size.
MAX_LABELS = 8
MAX_LABEL_CHARS = 40
LABEL_FONT = 10.5
TICK_FONT = 10.0
# The shortest span the axis shows, so that one event on one day sits among readable days.
MIN_SPAN_DAYS = 7
# Tick steps tried, finest first: the first whose labels fit is used. Units: "day", "week"
# (Mondays), "month" (1st of the month), "year" (1 January).
TICK_STEPS = (
    ("day", 1),
    ("day", 2),
    ("week", 1),
    ("week", 2),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
)
_TYPICAL_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}


@dataclass(slots=True, frozen=True)
class TimelineItem:
    """One event: the days it spans, a short `label`, its `family` (the colour key), killed and
    wounded (None when unknown), hover `title` and `ref` (the anchor it links to)."""

    day_from: datetime.date
    day_to: datetime.date
    label: str
    family: str
    killed: float | None
    wounded: float | None
    title: str
    ref: str


@dataclass(slots=True, frozen=True)
class _Axis:
    """Days onto px: `first` is at `left`, `end` (the day after the last) at `right`."""

    first: datetime.date
    end: datetime.date
    left: float
    right: float

    def x(self, day: datetime.date) -> float:
        share = (day - self.first).days / max(1, (self.end - self.first).days)
        return self.left + share * (self.right - self.left)


@dataclass(slots=True, frozen=True)
class _Mark:
    item: TimelineItem
    x_from: float
    x_to: float
    radius: float
    core: float  # radius of the killed core, 0 when none

    @property
    def x(self) -> float:
        return (self.x_from + self.x_to) / 2


def render_timeline(items: Sequence[TimelineItem], *, width: int = 760) -> str:
    """The time line of `items` as SVG text; with no items, a short panel saying so."""
    if not items:
        return _empty_timeline(width)
    families = _families(items)
    per_unit = _radius_per_unit(items)
    largest = max(_radii(item, per_unit)[0] for item in items)
    axis = _axis(items, NAME_COLUMN + largest + 4, width - RIGHT_MARGIN - largest - 4)
    marks = [_mark(item, axis, per_unit) for item in items]
    labels = _place_labels(marks, width)
    rows = 1 + max((row for row, _, _ in labels), default=-1)
    bands_top = float(LEGEND_HEIGHT) + rows * LABEL_ROW + (8 if rows else 0)
    band_of = {family: bands_top + i * BAND_HEIGHT for i, family in enumerate(families)}
    bands_bottom = bands_top + len(families) * BAND_HEIGHT
    height = bands_bottom + AXIS_HEIGHT + FOOTNOTE_HEIGHT
    return "\n".join(
        [
            svg_open(width, int(height), f"Time line of {len(items)} events"),
            _legend(families),
            _bands(families, band_of, width),
            _grid_and_ticks(axis, bands_top, bands_bottom),
            _leaders_and_labels(labels, bands_top, band_of),
            _marks_svg(marks, band_of, families),
            _footnote(bands_bottom + AXIS_HEIGHT + 12),
            "</svg>",
        ]
    )


def _empty_timeline(width: int) -> str:
    return "\n".join(
        [
            svg_open(width, 60, "No events to show"),
            f'<text x="{width / 2:.1f}" y="34" text-anchor="middle" font-size="13" '
            f'fill="{MUTED}">No dated events to show</text>',
            "</svg>",
        ]
    )


# --- Families and sizes ---------------------------------------------------------------------


def _family(item: TimelineItem) -> str:
    return " ".join(item.family.split()).lower() or "other"


def _families(items: Sequence[TimelineItem]) -> list[str]:
    """The families present: the known ones in FAMILY_COLOURS's order, then others by name."""
    present = {_family(item) for item in items}
    known = [family for family in FAMILY_COLOURS if family in present]
    return known + sorted(present - set(FAMILY_COLOURS))


def _colour(family: str, families: list[str]) -> str:
    if family in FAMILY_COLOURS:
        return FAMILY_COLOURS[family]
    unknown = [f for f in families if f not in FAMILY_COLOURS]
    return EXTRA_COLOURS[unknown.index(family) % len(EXTRA_COLOURS)]


def _figure(value: float | None) -> float:
    return value if value is not None and math.isfinite(value) and value > 0 else 0.0


def _casualties(item: TimelineItem) -> float:
    return _figure(item.killed) + _figure(item.wounded)


def _radius_per_unit(items: Sequence[TimelineItem]) -> float:
    heaviest = max(_casualties(item) for item in items)
    if heaviest <= 0:
        return RADIUS_PER_SQRT_CASUALTY
    return min(RADIUS_PER_SQRT_CASUALTY, MAX_RADIUS / math.sqrt(heaviest))


def _radii(item: TimelineItem, per_unit: float) -> tuple[float, float]:
    """The circle's radius (area ∝ killed + wounded) and its killed core's (0 when none)."""
    outer = max(MIN_RADIUS, math.sqrt(_casualties(item)) * per_unit)
    killed = _figure(item.killed)
    core = min(outer, max(1.5, math.sqrt(killed) * per_unit)) if killed else 0.0
    return outer, core


def _mark(item: TimelineItem, axis: _Axis, per_unit: float) -> _Mark:
    first, last = sorted((item.day_from, item.day_to))
    x_from, x_to = axis.x(first), axis.x(last + datetime.timedelta(days=1))
    return _Mark(item, x_from, x_to, *_radii(item, per_unit))


# --- The axis -------------------------------------------------------------------------------


def _axis(items: Sequence[TimelineItem], left: float, right: float) -> _Axis:
    """From the first day to the day after the last, widened to MIN_SPAN_DAYS around them."""
    first = min(min(item.day_from, item.day_to) for item in items)
    end = max(max(item.day_from, item.day_to) for item in items) + datetime.timedelta(days=1)
    missing = MIN_SPAN_DAYS - (end - first).days
    if missing > 0:
        first -= datetime.timedelta(days=missing // 2)
        end += datetime.timedelta(days=missing - missing // 2)
    return _Axis(first, end, left, right)


def _tick_step(axis: _Axis) -> tuple[str, int]:
    """The finest step whose tick labels do not run into each other."""
    px_per_day = (axis.right - axis.left) / max(1, (axis.end - axis.first).days)
    for unit, count in TICK_STEPS:
        label = {"day": "30 Sep", "week": "30 Sep", "month": "Sep", "year": "2016"}[unit]
        if _TYPICAL_DAYS[unit] * count * px_per_day >= text_width(label, TICK_FONT) + 14:
            return unit, count
    return TICK_STEPS[-1]


def _ticks(axis: _Axis, unit: str, count: int) -> list[datetime.date]:
    days = (axis.first + datetime.timedelta(days=n) for n in range((axis.end - axis.first).days))
    return [day for day in days if _is_tick(day, unit, count)]


def _is_tick(day: datetime.date, unit: str, count: int) -> bool:
    if unit == "day":
        return day.toordinal() % count == 0
    if unit == "week":
        return day.weekday() == 0 and (day.toordinal() // 7) % count == 0
    if unit == "month":
        return day.day == 1 and (day.month - 1) % count == 0
    return day.month == 1 and day.day == 1 and day.year % count == 0


def _tick_labels(day: datetime.date, unit: str, is_first: bool) -> tuple[str, str]:
    """The tick's label, and the year under it on the first tick and the first of each year."""
    main = {
        "day": f"{day.day} {day:%b}",
        "week": f"{day.day} {day:%b}",
        "month": f"{day:%b}",
        "year": f"{day.year}",
    }[unit]
    new_year = is_first or (day.month == 1 and day.day <= (7 if unit == "week" else 1))
    return main, (f"{day.year}" if new_year and unit != "year" else "")


def _grid_and_ticks(axis: _Axis, top: float, bottom: float) -> str:
    unit, count = _tick_step(axis)
    parts = [
        f'<line x1="{fmt(axis.left)}" y1="{fmt(bottom)}" x2="{fmt(axis.right)}" '
        f'y2="{fmt(bottom)}" stroke="{INK}" stroke-width="0.8"/>'
    ]
    for index, day in enumerate(_ticks(axis, unit, count)):
        x = fmt(axis.x(day))
        main, year = _tick_labels(day, unit, index == 0)
        parts.append(
            f'<line x1="{x}" y1="{fmt(top)}" x2="{x}" y2="{fmt(bottom)}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<line x1="{x}" y1="{fmt(bottom)}" x2="{x}" y2="{fmt(bottom + 4)}" stroke="{INK}"/>'
        )
        parts.append(f'<text x="{x}" y="{fmt(bottom + 16)}">{main}</text>')
        if year:
            parts.append(f'<text x="{x}" y="{fmt(bottom + 29)}" font-weight="bold">{year}</text>')
    return (
        f'<g font-size="{TICK_FONT}" fill="{MUTED}" text-anchor="middle" stroke-width="0.6">\n'
        + "\n".join(parts)
        + "\n</g>"
    )


# --- Bands, legend, footnote ----------------------------------------------------------------


def _bands(families: list[str], band_of: dict[str, float], width: int) -> str:
    """Every other band lightly shaded, each named in its colour on the left."""
    parts = []
    for index, family in enumerate(families):
        top = band_of[family]
        if index % 2 == 0:
            parts.append(
                f'<rect x="0" y="{fmt(top)}" width="{width}" height="{BAND_HEIGHT}" '
                f'fill="{BAND_SHADE}"/>'
            )
        parts.append(
            f'<text x="{NAME_COLUMN - 10}" y="{fmt(top + BAND_HEIGHT / 2 + 4)}" '
            f'fill="{_colour(family, families)}">{svg_text(family.capitalize())}</text>'
        )
    return (
        '<g font-size="11.5" font-weight="bold" text-anchor="end">\n' + "\n".join(parts) + "\n</g>"
    )


def _legend(families: list[str]) -> str:
    """A swatch and the name of each family, in a row at the top."""
    parts, x = [], 4.0
    for family in families:
        name = svg_text(family.capitalize())
        parts.append(
            f'<circle cx="{fmt(x + 5)}" cy="12" r="5" fill="{_colour(family, families)}"/>'
            f'<text x="{fmt(x + 14)}" y="16">{name}</text>'
        )
        x += 14 + text_width(family.capitalize(), 11) + 16
    return f'<g font-size="11" fill="{INK}">\n' + "\n".join(parts) + "\n</g>"


def _footnote(baseline: float) -> str:
    note = (
        "Circle area: killed and wounded; solid core: killed; open circle: no figure; "
        "bar: days an event spans."
    )
    return f'<text x="4" y="{fmt(baseline)}" font-size="9.5" fill="{MUTED}">{note}</text>'


# --- Marks ----------------------------------------------------------------------------------


def _marks_svg(marks: list[_Mark], band_of: dict[str, float], families: list[str]) -> str:
    """Bars under every circle, then circles largest first so that small ones stay on top and
    within reach of the pointer."""
    order = sorted(marks, key=lambda m: (-m.radius, m.x, m.item.ref, m.item.label))
    bars = [_mark_svg(mark, band_of, families, bar=True) for mark in order if _is_long(mark)]
    circles = [_mark_svg(mark, band_of, families, bar=False) for mark in order]
    return '<g stroke-width="0.9">\n' + "\n".join(bars + circles) + "\n</g>"


def _is_long(mark: _Mark) -> bool:
    """Whether the event spans more days than its circle hides."""
    return mark.item.day_to != mark.item.day_from and mark.x_to - mark.x_from > 2 * mark.radius


def _mark_svg(mark: _Mark, band_of: dict[str, float], families: list[str], *, bar: bool) -> str:
    family = _family(mark.item)
    colour = _colour(family, families)
    y = band_of[family] + BAND_HEIGHT / 2
    shapes = [_bar(mark, y, colour)] if bar else [_circle(mark, y, colour)]
    if mark.core and not bar:
        shapes.append(
            f'<circle cx="{fmt(mark.x)}" cy="{fmt(y)}" r="{fmt(mark.core)}" fill="{colour}" '
            f'fill-opacity="0.85" stroke="none"/>'
        )
    body = f"<g><title>{svg_text(mark.item.title)}</title>{''.join(shapes)}</g>"
    return linked(mark.item.ref, body)


def _bar(mark: _Mark, y: float, colour: str) -> str:
    return (
        f'<rect x="{fmt(mark.x_from)}" y="{fmt(y - BAR_HEIGHT / 2)}" '
        f'width="{fmt(mark.x_to - mark.x_from)}" height="{fmt(BAR_HEIGHT)}" '
        f'rx="{fmt(BAR_HEIGHT / 2)}" fill="{colour}" fill-opacity="0.3" stroke="{colour}"/>'
    )


def _circle(mark: _Mark, y: float, colour: str) -> str:
    known = _casualties(mark.item) > 0
    fill = f'fill="{colour}" fill-opacity="0.28"' if known else f'fill="{HALO}"'
    return (
        f'<circle cx="{fmt(mark.x)}" cy="{fmt(y)}" r="{fmt(mark.radius)}" {fill} '
        f'stroke="{colour}"/>'
    )


# --- Labels ---------------------------------------------------------------------------------

# A placed label: its row (0 is nearest the bands), its box (x only; rows give y) and the mark.
_Label = tuple[int, Box, _Mark]


def _place_labels(marks: list[_Mark], width: int) -> list[_Label]:
    """Labels for the biggest events (most casualties, then earliest), each in the lowest row
    where it overlaps no label and crosses no leader line of a label above; at most MAX_LABELS,
    and an event with no free row goes without."""
    placed: list[_Label] = []
    leaders: list[tuple[int, float]] = []  # (row, x): a leader line passes through rows below
    for mark in sorted(marks, key=_importance):
        if len(placed) == MAX_LABELS:
            break
        box = _label_box(mark, width)
        row = _free_row(box, mark.x, placed, leaders)
        if row is not None:
            placed.append((row, box, mark))
            leaders.append((row, mark.x))
    return placed


def _importance(mark: _Mark) -> tuple[float, float, datetime.date, str]:
    item = mark.item
    return (-_casualties(item), -_figure(item.killed), item.day_from, item.label)


def _free_row(
    box: Box, x: float, placed: list[_Label], leaders: list[tuple[int, float]]
) -> int | None:
    for row in range(MAX_LABEL_ROWS):
        same_row = [other for other_row, other, _ in placed if other_row == row]
        crossed = [lx for leader_row, lx in leaders if leader_row > row]
        blocked = any(overlaps(box, other) for other in same_row)
        # A leader from a higher label must not run through this box, nor this leader
        # through a label placed in a row below.
        cut = any(box[0] - 6 <= lx <= box[2] + 6 for lx in crossed)
        below = [other for other_row, other, _ in placed if other_row < row]
        if not blocked and not cut and not any(o[0] - 6 <= x <= o[2] + 6 for o in below):
            return row
    return None


def _label_text(mark: _Mark) -> str:
    label = " ".join(mark.item.label.split())
    if len(label) > MAX_LABEL_CHARS:
        label = label[: MAX_LABEL_CHARS - 1].rstrip() + "…"
    killed = _figure(mark.item.killed)
    return f"{label} · {killed:,.0f} killed" if killed else label


def _label_box(mark: _Mark, width: int) -> Box:
    """The label's horizontal extent (y 0 to 1: rows are compared by index): starting at the
    mark, or ending there when it would run off the right edge."""
    span = text_width(_label_text(mark), LABEL_FONT)
    if mark.x - 3 + span <= width - 4:
        return mark.x - 3, 0.0, mark.x - 3 + span, 1.0
    return max(4.0, mark.x + 3 - span), 0.0, mark.x + 3, 1.0


def _leaders_and_labels(labels: list[_Label], bands_top: float, band_of: dict[str, float]) -> str:
    parts = []
    for row, box, mark in sorted(labels, key=lambda label: (label[0], label[1][0])):
        baseline = bands_top - 8 - row * LABEL_ROW
        mark_y = band_of[_family(mark.item)] + BAND_HEIGHT / 2
        parts.append(
            f'<line x1="{fmt(mark.x)}" y1="{fmt(baseline + 3)}" x2="{fmt(mark.x)}" '
            f'y2="{fmt(mark_y - mark.radius)}" stroke="{MUTED}" stroke-width="0.6"/>'
        )
        anchor = "start" if box[0] == mark.x - 3 else "end"
        x = mark.x - 3 if anchor == "start" else mark.x + 3
        parts.append(
            f'<text x="{fmt(x)}" y="{fmt(baseline)}" text-anchor="{anchor}">'
            f"{svg_text(_label_text(mark))}</text>"
        )
    return f'<g font-size="{LABEL_FONT}" fill="{INK}">\n' + "\n".join(parts) + "\n</g>"
