"""The brief's map: events as circles sized by casualties over country outlines, as SVG text.

The SVG is self-contained (no scripts, fonts, tiles or links other than to anchors in the same
page) and deterministic: the same points give the same bytes. docs/charts.md describes the
view, the projection, the sizes and the label placement. The text helpers at the top are shared
with the time line (`sitrep.brief.timeline`).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from sitrep.brief.outlines import CountryOutline, Ring, country_outlines, outlines_by_code

SVG_NS = "http://www.w3.org/2000/svg"
# Local fonts first, then the generic family: nothing is fetched.
FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"
# Advance widths in ems, rounded up from Helvetica's and Arial's metrics (their widths match):
# "i" and "l" are 0.22, "r" 0.33, most lowercase 0.5 to 0.56, most capitals 0.67 to 0.72, "M"
# and "W" 0.83 to 0.94. Other characters (accents, other scripts) count as DEFAULT_EM, which
# errs wide so that estimated label boxes cover the drawn text.
_NARROW_EM = dict.fromkeys("ijlI.,:;'|!", 0.28) | dict.fromkeys("frt -()[]/", 0.36)
_WIDE_EM = dict.fromkeys("mwMW@%", 0.9) | dict.fromkeys("ABCDEGHKNOQRUVXY&", 0.74)
DEFAULT_EM = 0.58

# Colours: a muted newspaper palette (sea and land quiet, events in one strong red).
SEA = "#dfe8ed"
LAND = "#f6f3ee"
LAND_WITH_EVENTS = "#e6dfd2"
BORDER = "#a59e90"
COUNTRY_LABEL = "#8a8376"
MARK_FILL = "#c0392b"
MARK_STROKE = "#7b1a12"
INK = "#222222"
HALO = "#ffffff"

# The view around the points: at least this many degrees each way, so that one point shows its
# country and the neighbours (Syria is about 7° tall and 7° wide), and a margin around the
# points of this share of their spread.
MIN_LON_SPAN = 11.0
MIN_LAT_SPAN = 7.0
VIEW_PADDING = 0.15
# An event's country is shown whole when it spans no more degrees than this either way.
WHOLE_COUNTRY_SPAN = 16.0
# Latitudes beyond these are only Antarctica's ice and the Arctic sea: never shown.
SOUTH_LIMIT, NORTH_LIMIT = -60.0, 84.0
# Outline points closer than this to the previous kept point are dropped: the package's outlines
# already are about 1:110m, so this mostly thins continents in a world view, where 0.6 px is
# below what a screen shows.
SIMPLIFY_PX = 0.6
# Circle radii in px: the smallest (an event with no figure, or a few casualties), the largest
# as a share of the map's shorter side, and the growth cap so that a map whose worst event has
# 5 casualties does not draw it as large as a massacre: one casualty is at most a 1.9 px circle
# (100 casualties: 19 px).
MIN_RADIUS = 3.5
MAX_RADIUS_SHARE = 0.06
RADIUS_PER_SQRT_CASUALTY = 1.9
# Place labels: how many at most, and their font size; country names are smaller, in capitals.
MAX_PLACE_LABELS = 14
PLACE_FONT = 11.5
COUNTRY_FONT = 9.5
# 1° of latitude in km (the mean of the meridian degree, 110.6 to 111.7 km).
KM_PER_DEGREE = 111.2

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in px
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def svg_text(value: str) -> str:
    """`value` safe as XML text: escaped, and without characters XML forbids."""
    return escape(_XML_INVALID.sub("", value))


def svg_attr(value: str) -> str:
    """`value` safe inside a double-quoted XML attribute."""
    return escape(_XML_INVALID.sub("", value), {'"': "&quot;", "\n": " ", "\t": " "})


def text_width(text: str, size: float) -> float:
    """The estimated width in px of `text` at font `size` (see DEFAULT_EM)."""
    return size * sum(_NARROW_EM.get(c) or _WIDE_EM.get(c) or DEFAULT_EM for c in text)


def fmt(value: float) -> str:
    """A coordinate with one decimal: a tenth of a pixel is below what shows, and fixed
    formatting keeps the output byte-stable."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def nice_floor(value: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above `value` (which is > 0)."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (5, 2, 1) if step * power <= value * (1 + 1e-9))


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def svg_open(width: int, height: int, label: str) -> str:
    """The root element: a viewBox with a width of 100% so that the picture scales with its
    column, and no wider than its natural size."""
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;height:auto" role="img" aria-label="{svg_attr(label)}" '
        f'font-family="{FONT}">'
    )


def linked(ref: str, element: str) -> str:
    """`element` wrapped in a link to the anchor `ref` of the same page (none when empty)."""
    anchor = ref.strip().lstrip("#")
    return f'<a href="#{svg_attr(anchor)}">{element}</a>' if anchor else element


@dataclass(slots=True, frozen=True)
class MapPoint:
    """One event on the map: where, the place `label` shown, `weight` (killed + wounded, 0 when
    unknown) for the circle's area, hover `title`, `ref` (the anchor it links to) and `country`
    (ISO alpha-2) to shade its country."""

    lat: float
    lon: float
    label: str
    weight: float
    title: str
    ref: str
    country: str | None = None


@dataclass(slots=True, frozen=True)
class _View:
    """The shown box in degrees and the equirectangular projection onto the canvas: `scale` px
    per degree of latitude, `aspect` = cos(mid-latitude) shrinking longitudes to true shape at
    the middle of the view."""

    west: float
    south: float
    east: float
    north: float
    scale: float
    aspect: float
    left: float
    top: float

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.left + (lon - self.west) * self.aspect * self.scale
        return x, self.top + (self.north - lat) * self.scale

    def canvas_size(self, width: int, height: int) -> tuple[int, int]:
        """The canvas cut to the view: whole pixels, no bigger than asked."""
        _, _, right, bottom = self.frame()
        return min(width, math.ceil(right - 0.05)), min(height, math.ceil(bottom - 0.05))

    def frame(self) -> Box:
        """The view's rectangle on the canvas."""
        right, bottom = self.project(self.east, self.south)
        return self.left, self.top, right, bottom


@dataclass(slots=True, frozen=True)
class _Mark:
    x: float
    y: float
    radius: float
    point: MapPoint


def render_map(points: Sequence[MapPoint], *, width: int = 760, height: int = 460) -> str:
    """The map of `points` as SVG text. Points without finite coordinates are left out; when
    none is left the SVG is a blank panel that says there is nothing to map (callers that would
    rather show nothing check for points first)."""
    usable = [p for p in points if math.isfinite(p.lat) and math.isfinite(p.lon)]
    if not usable:
        return _empty_map(width, height)
    view = _fit_view(usable, width, height)
    width, height = view.canvas_size(width, height)
    marks = _marks(usable, view, min(width, height))
    corner = _quietest_corner(marks, width, height)
    legend, legend_box = _legend(marks, corner, width, height)
    scale_bar, scale_box = _scale_bar(view, corner, width, height)
    labels, label_boxes = _place_labels(marks, [legend_box, scale_box], width, height)
    occupied = [legend_box, scale_box, *label_boxes, *(_mark_box(m) for m in marks)]
    return "\n".join(
        [
            svg_open(width, height, f"Map of {len(usable)} events"),
            _clip_path(view),
            _countries(view, {(p.country or "").upper() for p in usable}),
            _country_labels(view, occupied),
            _circles(marks),
            labels,
            legend,
            scale_bar,
            "</svg>",
        ]
    )


def _empty_map(width: int, height: int) -> str:
    return "\n".join(
        [
            svg_open(width, height, "No events to map"),
            f'<rect width="{width}" height="{height}" fill="{LAND}" stroke="{BORDER}"/>',
            f'<text x="{width / 2:.1f}" y="{height / 2:.1f}" text-anchor="middle" '
            f'font-size="14" fill="{COUNTRY_LABEL}">No events with a known place to map</text>',
            "</svg>",
        ]
    )


# --- The view -------------------------------------------------------------------------------


def _fit_view(points: Sequence[MapPoint], width: int, height: int) -> _View:
    """The events' box, padded, widened to the canvas's shape, kept on the globe, projected."""
    lons, lats = _extent(points)
    west, east = _padded_span(min(lons), max(lons), MIN_LON_SPAN)
    south, north = _padded_span(min(lats), max(lats), MIN_LAT_SPAN)
    west, south, east, north = _to_canvas_shape((west, south, east, north), width / height)
    west, east = _kept_within(west, east, -180.0, 180.0)
    south, north = _kept_within(south, north, SOUTH_LIMIT, NORTH_LIMIT)
    return _projected((west, south, east, north), width, height)


def _extent(points: Sequence[MapPoint]) -> tuple[list[float], list[float]]:
    """The longitudes and latitudes the view must hold: the points', and the corners of their
    countries when those are no bigger than WHOLE_COUNTRY_SPAN (a strike in Aleppo shows all of
    Syria; one in Russia does not show all of Russia)."""
    lons = [max(-180.0, min(180.0, p.lon)) for p in points]
    lats = [max(-89.0, min(89.0, p.lat)) for p in points]
    outlines = outlines_by_code()
    for code in sorted({(p.country or "").upper() for p in points} & outlines.keys()):
        west, south, east, north = outlines[code].bounds
        if east - west <= WHOLE_COUNTRY_SPAN and north - south <= WHOLE_COUNTRY_SPAN:
            lons += [west, east]
            lats += [south, north]
    return lons, lats


def _padded_span(low: float, high: float, minimum: float) -> tuple[float, float]:
    middle, half = (low + high) / 2, (high - low) * (1 + 2 * VIEW_PADDING) / 2
    half = max(half, minimum / 2)
    return middle - half, middle + half


def _to_canvas_shape(box: tuple[float, ...], ratio: float) -> tuple[float, float, float, float]:
    """Widen the box's shorter side so that, projected, it has the canvas's width : height."""
    west, south, east, north = box
    aspect = math.cos(math.radians(_mid_latitude(south, north)))
    projected_ratio = (east - west) * aspect / (north - south)
    if projected_ratio < ratio:
        west, east = _widened(west, east, (north - south) * ratio / aspect)
    else:
        south, north = _widened(south, north, (east - west) * aspect / ratio)
    return west, south, east, north


def _widened(low: float, high: float, span: float) -> tuple[float, float]:
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


def _kept_within(low: float, high: float, floor: float, ceiling: float) -> tuple[float, float]:
    """Slide the span inside [floor, ceiling]; cut it when it is wider than that."""
    if high - low >= ceiling - floor:
        return floor, ceiling
    shift = max(0.0, floor - low) - max(0.0, high - ceiling)
    return low + shift, high + shift


def _mid_latitude(south: float, north: float) -> float:
    # Clamped so that a polar view does not divide by a cosine near 0.
    return max(-70.0, min(70.0, (south + north) / 2))


def _projected(box: tuple[float, float, float, float], width: int, height: int) -> _View:
    """The projection of the box into the canvas; the box's shape matches the canvas unless it
    had to be cut to the globe (a world view), and then the canvas shrinks to it."""
    west, south, east, north = box
    aspect = math.cos(math.radians(_mid_latitude(south, north)))
    scale = min(width / ((east - west) * aspect), height / (north - south))
    return _View(west, south, east, north, scale, aspect, 0.0, 0.0)


def _clip_path(view: _View) -> str:
    x0, y0, x1, y1 = view.frame()
    rect = f'x="{fmt(x0)}" y="{fmt(y0)}" width="{fmt(x1 - x0)}" height="{fmt(y1 - y0)}"'
    return (
        f'<defs><clipPath id="map-view"><rect {rect}/></clipPath></defs>\n'
        f'<rect {rect} fill="{SEA}"/>'
    )


# --- Countries ------------------------------------------------------------------------------


def _countries(view: _View, shaded: set[str]) -> str:
    """Every country whose outline meets the view, clipped to it; those in `shaded` darker."""
    paths = []
    for outline, path in _outline_paths(view):
        fill = LAND_WITH_EVENTS if outline.code in shaded else LAND
        name = svg_text(outline.name)
        paths.append(f'<path d="{path}" fill="{fill}"><title>{name}</title></path>')
    return (
        f'<g clip-path="url(#map-view)" stroke="{BORDER}" stroke-width="0.6" '
        f'stroke-linejoin="round" fill-rule="evenodd">\n' + "\n".join(paths) + "\n</g>"
    )


# Outlines and their visible pieces depend on the view alone, and a page's maps mostly show one
# of a few views (all events, one country's): drawing them again cost 30 ms a map.
@functools.lru_cache(maxsize=16)
def _outline_paths(view: _View) -> tuple[tuple[CountryOutline, str], ...]:
    drawn = ((outline, _outline_path(outline, view)) for outline in _in_view(view))
    return tuple((outline, path) for outline, path in drawn if path)


def _in_view(view: _View) -> list[CountryOutline]:
    return [o for o in country_outlines() if _meets(o.bounds, view)]


def _meets(bounds: tuple[float, float, float, float], view: _View) -> bool:
    west, south, east, north = bounds
    return west <= view.east and east >= view.west and south <= view.north and north >= view.south


def _outline_path(outline: CountryOutline, view: _View) -> str:
    rings = [ring for polygon in outline.polygons for ring in polygon]
    return "".join(_ring_path(ring, view) for ring in rings if _meets(_ring_bounds(ring), view))


def _ring_bounds(ring: Ring) -> tuple[float, float, float, float]:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _ring_path(ring: Ring, view: _View) -> str:
    """One closed ring as path data, thinned (SIMPLIFY_PX); a ring that thins to fewer than 3
    points is an island below a pixel, and is left out."""
    kept = _thinned([view.project(lon, lat) for lon, lat in ring])
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{fmt(x)},{fmt(y)}" for x, y in kept) + "Z"


def _thinned(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    kept = [points[0]]
    for x, y in points[1:]:
        if math.hypot(x - kept[-1][0], y - kept[-1][1]) >= SIMPLIFY_PX:
            kept.append((x, y))
    return kept


_XY = tuple[float, float]
# Where a country's name may go, as shifts from the centroid in multiples of the name's height
# (down, up) and of its width (left, right): the centroid first, then nearby, for a centroid
# that a circle or a place name already covers.
_COUNTRY_LABEL_SHIFTS = ((0, 0), (1.6, 0), (-1.6, 0), (3.2, 0), (-3.2, 0), (0, -0.5), (0, 0.5))


def _country_labels(view: _View, occupied: list[Box]) -> str:
    """Names of the countries whose largest visible piece can hold them, biggest first: at the
    piece's centroid or near it, wholly inside the piece, clear of circles, place names and
    other country names; a name with no such spot is skipped."""
    taken = list(occupied)
    labels = []
    for _, centroid, ring, outline in _visible_pieces(view):
        name = outline.name.upper()
        for box in _country_label_boxes(name, centroid):
            if _box_inside(box, ring) and _free(box, taken):
                taken.append(box)
                x, y = (box[0] + box[2]) / 2, box[3] - COUNTRY_FONT * 0.3
                labels.append(f'<text x="{fmt(x)}" y="{fmt(y)}">{svg_text(name)}</text>')
                break
    return (
        f'<g font-size="{COUNTRY_FONT}" fill="{COUNTRY_LABEL}" text-anchor="middle" '
        f'letter-spacing="1">\n' + "\n".join(labels) + "\n</g>"
    )


def _country_label_boxes(name: str, centroid: _XY) -> list[Box]:
    span = text_width(name, COUNTRY_FONT) + len(name)  # letter-spacing: 1 px a character
    boxes = []
    for down, right in _COUNTRY_LABEL_SHIFTS:
        x, y = centroid[0] + right * span, centroid[1] + down * COUNTRY_FONT
        boxes.append((x - span / 2, y - COUNTRY_FONT * 0.6, x + span / 2, y + COUNTRY_FONT * 0.6))
    return boxes


def _box_inside(box: Box, ring: list[_XY]) -> bool:
    """True when the box's corners and the middles of its long sides are inside the ring: the
    name then sits on the country, not across a border or on the sea."""
    x0, y0, x1, y1 = box
    xm = (x0 + x1) / 2
    probes = [(x0, y0), (x1, y0), (x0, y1), (x1, y1), (xm, y0), (xm, y1)]
    return all(_inside(probe, ring) for probe in probes)


def _inside(point: _XY, ring: list[_XY]) -> bool:
    """Whether the point is inside the ring (even-odd rule: count the edges a ray crosses)."""
    x, y = point
    crossings = 0
    for (xa, ya), (xb, yb) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
            crossings += 1
    return crossings % 2 == 1


@functools.lru_cache(maxsize=16)
def _visible_pieces(view: _View) -> tuple[tuple[float, _XY, list[_XY], CountryOutline], ...]:
    """Each country's largest polygon clipped to the view: its area in px², centroid and ring;
    largest first (then by code, for a stable order)."""
    pieces = []
    frame = view.frame()
    for outline in _in_view(view):
        rings = [[view.project(*p) for p in polygon[0]] for polygon in outline.polygons]
        clipped = [_clip_to_box(ring, frame) for ring in rings]
        measured = [(*_area_and_centroid(ring), ring) for ring in clipped if len(ring) >= 3]
        if measured:
            area, centroid, ring = max(measured, key=lambda item: item[0])
            if area > 0:
                pieces.append((area, centroid, ring, outline))
    return tuple(sorted(pieces, key=lambda piece: (-piece[0], piece[3].code)))


def _clip_to_box(ring: list[tuple[float, float]], box: Box) -> list[tuple[float, float]]:
    """The ring cut to the rectangle `box` (Sutherland–Hodgman: one pass per edge)."""
    x0, y0, x1, y1 = box
    for axis, limit, keep_above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        ring = _clip_edge(ring, axis, limit, keep_above)
    return ring


def _clip_edge(
    ring: list[tuple[float, float]], axis: int, limit: float, keep_above: bool
) -> list[tuple[float, float]]:
    def inside(p: tuple[float, float]) -> bool:
        return p[axis] >= limit if keep_above else p[axis] <= limit

    result: list[tuple[float, float]] = []
    for current, previous in zip(ring, ring[-1:] + ring[:-1], strict=True):
        if inside(current) != inside(previous):
            t = (limit - previous[axis]) / (current[axis] - previous[axis])
            result.append(
                (
                    previous[0] + t * (current[0] - previous[0]),
                    previous[1] + t * (current[1] - previous[1]),
                )
            )
        if inside(current):
            result.append(current)
    return result


def _area_and_centroid(ring: list[tuple[float, float]]) -> tuple[float, tuple[float, float]]:
    """The polygon's area and centroid (the shoelace formula), area ≥ 0 whatever the winding."""
    twice_area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        twice_area += cross
        cx, cy = cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if abs(twice_area) < 1e-9:
        return 0.0, ring[0]
    return abs(twice_area) / 2, (cx / (3 * twice_area), cy / (3 * twice_area))


# --- Events ---------------------------------------------------------------------------------


def _marks(points: Sequence[MapPoint], view: _View, shorter_side: int) -> list[_Mark]:
    """The points projected, with radii whose areas grow with the weight; largest first so that
    smaller circles are drawn on top (ties in a stable order)."""
    per_unit = _radius_per_unit(points, shorter_side)
    marks = [_Mark(*view.project(p.lon, p.lat), _radius(p.weight, per_unit), p) for p in points]
    return sorted(marks, key=lambda m: (-m.radius, m.point.ref, m.x, m.y, m.point.label))


def _radius_per_unit(points: Sequence[MapPoint], shorter_side: int) -> float:
    heaviest = max((p.weight for p in points if math.isfinite(p.weight)), default=0.0)
    if heaviest <= 0:
        return RADIUS_PER_SQRT_CASUALTY
    return min(RADIUS_PER_SQRT_CASUALTY, MAX_RADIUS_SHARE * shorter_side / math.sqrt(heaviest))


def _radius(weight: float, per_unit: float) -> float:
    if not math.isfinite(weight) or weight <= 0:
        return MIN_RADIUS
    return max(MIN_RADIUS, math.sqrt(weight) * per_unit)


def _circles(marks: list[_Mark]) -> str:
    """Every event: filled and see-through when it has a figure, an open ring when not."""
    circles = []
    for mark in marks:
        known = math.isfinite(mark.point.weight) and mark.point.weight > 0
        fill = f'fill="{MARK_FILL}" fill-opacity="0.5"' if known else f'fill="{HALO}"'
        circle = (
            f'<circle cx="{fmt(mark.x)}" cy="{fmt(mark.y)}" r="{fmt(mark.radius)}" {fill}>'
            f"<title>{svg_text(mark.point.title)}</title></circle>"
        )
        circles.append(linked(mark.point.ref, circle))
    return f'<g stroke="{MARK_STROKE}" stroke-width="0.9">\n' + "\n".join(circles) + "\n</g>"


def _mark_box(mark: _Mark) -> Box:
    return mark.x - mark.radius, mark.y - mark.radius, mark.x + mark.radius, mark.y + mark.radius


# --- Place labels ---------------------------------------------------------------------------


def _place_labels(
    marks: list[_Mark], occupied: list[Box], width: int, height: int
) -> tuple[str, list[Box]]:
    """Names of the most important places (greatest total weight, then name), each beside its
    heaviest circle: right, left, above or below, the first spot that stays on the canvas and
    clear of labels placed before and of the middle of other circles (a label may cross a big
    circle's rim, not hide its centre); a name with no free spot is skipped. Returns the SVG
    and the boxes taken."""
    taken = list(occupied)
    placed: list[tuple[str, Box]] = []
    for name, mark in _places(marks)[:MAX_PLACE_LABELS]:
        cores = [_core_box(other) for other in marks if other is not mark]
        for spot in _label_spots(name, mark):
            box = _spot_box(spot)
            blockers = [*taken, *cores]
            if _on_canvas(box, width, height) and _free(box, blockers):
                taken.append(box)
                placed.append((_label_text(spot), box))
                break
    svg = "\n".join(text for text, _ in placed)
    group = (
        f'<g font-size="{PLACE_FONT}" font-weight="bold" fill="{INK}" stroke="{HALO}" '
        f'stroke-width="3" stroke-linejoin="round" paint-order="stroke">\n{svg}\n</g>'
    )
    return group, [box for _, box in placed]


def _core_box(mark: _Mark) -> Box:
    half = max(2.0, 0.6 * mark.radius)
    return mark.x - half, mark.y - half, mark.x + half, mark.y + half


def _places(marks: list[_Mark]) -> list[tuple[str, _Mark]]:
    """Each distinct place name with its heaviest circle, most casualties first."""
    totals: dict[str, float] = {}
    heaviest: dict[str, _Mark] = {}
    for mark in marks:
        name = " ".join(mark.point.label.split())
        if not name:
            continue
        weight = mark.point.weight if math.isfinite(mark.point.weight) else 0.0
        totals[name] = totals.get(name, 0.0) + max(weight, 0.0)
        if name not in heaviest or mark.radius > heaviest[name].radius:
            heaviest[name] = mark
    order = sorted(totals, key=lambda name: (-totals[name], name))
    return [(name, heaviest[name]) for name in order]


# A label spot: the text, its anchor point, and its text-anchor (start, end or middle).
_Spot = tuple[str, float, float, str]


def _label_spots(name: str, mark: _Mark) -> list[_Spot]:
    gap = mark.radius + 3
    baseline = mark.y + PLACE_FONT * 0.35  # centres capitals on the circle's centre
    return [
        (name, mark.x + gap, baseline, "start"),
        (name, mark.x - gap, baseline, "end"),
        (name, mark.x, mark.y - gap - 2, "middle"),
        (name, mark.x, mark.y + gap + PLACE_FONT * 0.8, "middle"),
    ]


def _spot_box(spot: _Spot) -> Box:
    name, x, baseline, anchor = spot
    span = text_width(name, PLACE_FONT) * 1.08  # bold is about 8% wider
    left = {"start": x, "end": x - span, "middle": x - span / 2}[anchor]
    return left - 1, baseline - PLACE_FONT * 0.8, left + span + 1, baseline + PLACE_FONT * 0.25


def _label_text(spot: _Spot) -> str:
    name, x, baseline, anchor = spot
    return f'<text x="{fmt(x)}" y="{fmt(baseline)}" text-anchor="{anchor}">{svg_text(name)}</text>'


def _on_canvas(box: Box, width: int, height: int) -> bool:
    return box[0] >= 2 and box[1] >= 2 and box[2] <= width - 2 and box[3] <= height - 2


def _free(box: Box, taken: Iterable[Box]) -> bool:
    return not any(overlaps(box, other) for other in taken)


# --- Legend and scale -----------------------------------------------------------------------


def _quietest_corner(marks: list[_Mark], width: int, height: int) -> str:
    """The canvas corner ("bottom-left", ...) with the fewest circles near it, for the legend;
    bottom-left wins ties."""
    corners = ["bottom-left", "bottom-right", "top-left", "top-right"]

    def crowding(corner: str) -> int:
        x0 = 0.0 if corner.endswith("left") else width * 0.7
        y0 = 0.0 if corner.startswith("top") else height * 0.65
        zone = (x0, y0, x0 + width * 0.3, y0 + height * 0.35)
        return sum(1 for m in marks if overlaps(_mark_box(m), zone))

    return min(corners, key=lambda corner: (crowding(corner), corners.index(corner)))


def _legend(marks: list[_Mark], corner: str, width: int, height: int) -> tuple[str, Box]:
    """Nested circles for two or three round casualty counts, and the open ring of an event
    with no figure, on a white panel in `corner`."""
    sizes = _legend_sizes(marks)
    largest = max((radius for _, radius in sizes), default=MIN_RADIUS)
    label_width = max((text_width(f"{value:,.0f}", 10) for value, _ in sizes), default=0.0)
    panel_w = max(2 * largest + 14 + label_width, text_width("Killed + wounded", 10) * 1.08) + 16
    panel_h = 24 + 2 * largest + (8 if sizes else 0) + 16
    x0 = 8.0 if corner.endswith("left") else width - 8 - panel_w
    y0 = 8.0 if corner.startswith("top") else height - 8 - panel_h
    body = [
        f'<rect x="{fmt(x0)}" y="{fmt(y0)}" width="{fmt(panel_w)}" height="{fmt(panel_h)}" '
        f'rx="3" fill="{HALO}" fill-opacity="0.88" stroke="{BORDER}" stroke-width="0.5"/>',
        f'<text x="{fmt(x0 + 8)}" y="{fmt(y0 + 15)}" font-weight="bold">Killed + wounded</text>',
        *_legend_circles(sizes, x0 + 8 + largest, y0 + 22 + 2 * largest, largest),
        *_legend_unknown(x0 + 8 + MIN_RADIUS, y0 + panel_h - 10),
    ]
    svg = f'<g font-size="10" fill="{INK}">\n' + "\n".join(body) + "\n</g>"
    return svg, (x0, y0, x0 + panel_w, y0 + panel_h)


def _legend_sizes(marks: list[_Mark]) -> list[tuple[float, float]]:
    """Round counts (the largest 1-2-5 value not above the heaviest event, a fifth and a
    twenty-fifth of it) with their radii; counts whose circle is no bigger than the smallest
    are left out."""
    known = [m for m in marks if math.isfinite(m.point.weight) and m.point.weight > 0]
    if not known:
        return []
    heaviest = max(known, key=lambda m: m.point.weight)
    per_unit = heaviest.radius / math.sqrt(heaviest.point.weight)
    top = nice_floor(heaviest.point.weight)
    values = sorted({top, nice_floor(top / 5), nice_floor(top / 25)}, reverse=True)
    sizes = [(v, math.sqrt(v) * per_unit) for v in values if v >= 1]
    return [(v, r) for v, r in sizes if r >= MIN_RADIUS + 1] or sizes[:1]


def _legend_circles(
    sizes: list[tuple[float, float]], cx: float, bottom: float, largest: float
) -> list[str]:
    parts = []
    for value, radius in sizes:
        top = bottom - 2 * radius
        parts.append(
            f'<circle cx="{fmt(cx)}" cy="{fmt(bottom - radius)}" r="{fmt(radius)}" '
            f'fill="{MARK_FILL}" fill-opacity="0.18" stroke="{MARK_STROKE}" stroke-width="0.7"/>'
        )
        parts.append(
            f'<line x1="{fmt(cx)}" y1="{fmt(top)}" x2="{fmt(cx + largest + 6)}" y2="{fmt(top)}" '
            f'stroke="{INK}" stroke-width="0.4" stroke-dasharray="1.5 1.5"/>'
        )
        parts.append(f'<text x="{fmt(cx + largest + 8)}" y="{fmt(top + 3.5)}">{value:,.0f}</text>')
    return parts


def _legend_unknown(cx: float, cy: float) -> list[str]:
    return [
        f'<circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="{fmt(MIN_RADIUS)}" fill="{HALO}" '
        f'stroke="{MARK_STROKE}" stroke-width="0.9"/>',
        f'<text x="{fmt(cx + MIN_RADIUS + 5)}" y="{fmt(cy + 3.5)}">no figure</text>',
    ]


def _scale_bar(view: _View, legend_corner: str, width: int, height: int) -> tuple[str, Box]:
    """A bar of a round number of km, true at the view's middle latitude, in the bottom corner
    away from the legend; in a view over 50° tall, where the scale changes too much along the
    map for one bar, a note saying so instead."""
    on_left = legend_corner.endswith("right")
    x0 = 12.0 if on_left else width - 12.0
    y = height - 12.0
    km_per_px = KM_PER_DEGREE / view.scale
    if view.north - view.south > 50:
        return _scale_note(x0, y, on_left)
    km = nice_floor(width / 6 * km_per_px)
    length = km / km_per_px
    left = x0 if on_left else x0 - length
    label = f"{km:,.0f} km"
    svg = (
        f'<g stroke="{INK}" stroke-width="1" fill="none">'
        f'<path d="M{fmt(left)},{fmt(y - 4)}V{fmt(y)}H{fmt(left + length)}V{fmt(y - 4)}"/></g>\n'
        f'<text x="{fmt(left + length / 2)}" y="{fmt(y - 6)}" font-size="10" text-anchor="middle" '
        f'fill="{INK}" stroke="{HALO}" stroke-width="3" paint-order="stroke">{label}</text>'
    )
    return svg, (left - 2, y - 17, left + length + 2, y + 2)


def _scale_note(x: float, y: float, on_left: bool) -> tuple[str, Box]:
    note = "Scale varies with latitude"
    span = text_width(note, 9)
    anchor = "start" if on_left else "end"
    left = x if on_left else x - span
    svg = (
        f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="9" text-anchor="{anchor}" fill="{INK}" '
        f'stroke="{HALO}" stroke-width="3" paint-order="stroke">{note}</text>'
    )
    return svg, (left - 2, y - 11, left + span + 2, y + 3)
