from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from sitrep.brief import timeline as timeline_module
from sitrep.brief.outlines import country_outlines, outlines_by_code
from sitrep.brief.svgmap import (
    LAND_WITH_EVENTS,
    PLACE_FONT,
    SVG_NS,
    MapPoint,
    overlaps,
    render_map,
    text_width,
)
from sitrep.brief.timeline import MAX_LABELS, TimelineItem, render_timeline

NS = {"svg": SVG_NS}
# Rough positions of the places of the Syrian and Iraqi war, from the seeds' region.
MIDDLE_EAST = [
    ("Raqqa", 35.95, 39.01, "SY", 120.0),
    ("Aleppo", 36.20, 37.16, "SY", 83.0),
    ("Damascus", 33.51, 36.29, "SY", 40.0),
    ("Mosul", 36.34, 43.13, "IQ", 300.0),
    ("Baghdad", 33.31, 44.37, "IQ", 95.0),
    ("Ramadi", 33.42, 43.30, "IQ", 60.0),
    ("Palmyra", 34.56, 38.28, "SY", 25.0),
    ("Kobani", 36.89, 38.35, "SY", 0.0),
    ("Shaddadi", 36.06, 40.73, "SY", 12.0),
    ("Fallujah", 33.35, 43.78, "IQ", 150.0),
    ("Tikrit", 34.60, 43.68, "IQ", 7.0),
    ("Beirut", 33.89, 35.50, "LB", 43.0),
]
WORLD = [
    ("Kyiv", 50.45, 30.52, "UA", 500.0),
    ("Khartoum", 15.50, 32.56, "SD", 300.0),
    ("Bogotá", 4.70, -74.07, "CO", 12.0),
    ("Kabul", 34.53, 69.17, "AF", 60.0),
    ("Manila", 14.60, 120.98, "PH", 5.0),
    ("Sydney", -33.86, 151.20, "AU", 1.0),
    ("Anchorage", 61.20, -149.90, "US", 0.0),
]
FAMILIES = ["airstrike", "bombing", "clash", "territory", "protest", "other"]


def map_points(places: list[tuple[str, float, float, str, float]]) -> list[MapPoint]:
    return [
        MapPoint(lat, lon, name, weight, f"Event at {name}", f"event-{i}", country)
        for i, (name, lat, lon, country, weight) in enumerate(places)
    ]


def item(
    day: dt.date,
    label: str = "Airstrike at Aleppo",
    *,
    days: int = 0,
    family: str = "airstrike",
    killed: float | None = 10.0,
    wounded: float | None = None,
    ref: str = "event-1",
) -> TimelineItem:
    return TimelineItem(
        day, day + dt.timedelta(days=days), label, family, killed, wounded, label, ref
    )


def many_items(count: int, span_days: int) -> list[TimelineItem]:
    """`count` events spread over `span_days`, with sizes and families in a fixed cycle."""
    figures = itertools.cycle([None, 0.0, 3.0, 12.0, 40.0, 83.0, 150.0, 400.0])
    start = dt.date(2015, 1, 1)
    return [
        item(
            start + dt.timedelta(days=(i * 37) % span_days),
            f"Event number {i} near a town",
            days=5 if i % 9 == 0 else 0,
            family=FAMILIES[i % len(FAMILIES)],
            killed=next(figures),
            wounded=None if i % 2 else 10.0,
            ref=f"event-{i}",
        )
        for i in range(count)
    ]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{{{SVG_NS}}}svg"
    return root


def linked_circles(root: ET.Element) -> dict[str, list[ET.Element]]:
    """Each link's target, with the circles inside it."""
    return {
        link.attrib["href"]: link.findall(".//svg:circle", NS)
        for link in root.iter(f"{{{SVG_NS}}}a")
    }


def text_boxes(root: ET.Element, size: float) -> list[tuple[float, float, float, float]]:
    """The estimated boxes of the texts in the groups of font `size` (as the renderers do)."""
    boxes = []
    for group in root.iter(f"{{{SVG_NS}}}g"):
        if group.get("font-size") != str(size):
            continue
        for text in group.findall("svg:text", NS):
            x, y = float(text.attrib["x"]), float(text.attrib["y"])
            span = text_width(text.text or "", size)
            anchor = text.get("text-anchor", group.get("text-anchor", "start"))
            left = {"start": x, "end": x - span, "middle": x - span / 2}[anchor]
            boxes.append((left, y - size * 0.8, left + span, y + size * 0.2))
    return boxes


def test_brief_charts_outlines_are_read_once_and_are_real_outlines() -> None:
    outlines = country_outlines()
    assert outlines is country_outlines()
    codes = [outline.code for outline in outlines]
    assert codes == sorted(set(codes)) and len(codes) > 150
    by_code = outlines_by_code()
    assert by_code["SY"].name == "Syria" and "AD" not in by_code  # Andorra is only a box
    west_bank = by_code["PS"].polygons[0][0]
    assert len(west_bank) > 5 and west_bank[0] == west_bank[-1]  # stitched, not the box


@pytest.mark.parametrize("render", ["map", "timeline"])
def test_brief_charts_are_deterministic(render: str) -> None:
    def draw() -> str:
        if render == "map":
            return render_map(map_points(MIDDLE_EAST))
        return render_timeline(many_items(40, 90))

    assert draw() == draw()


@pytest.mark.parametrize("render", ["map", "timeline"])
def test_brief_charts_escape_labels_and_titles(render: str) -> None:
    hostile = 'Aleppo & <script>alert("x")</script>\x07'
    if render == "map":
        svg = render_map([MapPoint(36.2, 37.16, hostile, 5.0, hostile, 'e"1', "SY")])
    else:
        svg = render_timeline([item(dt.date(2016, 2, 22), hostile, family=hostile, ref='e"1')])
    root = parse(svg)
    assert "<script" not in svg and "\x07" not in svg
    texts = {element.text for element in root.iter() if element.text}
    assert any("& <script>" in text for text in texts)
    assert any(link.attrib["href"] == '#e"1' for link in root.iter(f"{{{SVG_NS}}}a"))


@pytest.mark.parametrize(
    "svg",
    [
        pytest.param(lambda: render_map(map_points(MIDDLE_EAST)), id="middle-east"),
        pytest.param(lambda: render_map(map_points(WORLD)), id="world"),
        pytest.param(lambda: render_map([]), id="empty-map"),
        pytest.param(lambda: render_timeline(many_items(300, 730)), id="timeline"),
        pytest.param(lambda: render_timeline([]), id="empty-timeline"),
    ],
)
def test_brief_charts_are_well_formed_scalable_and_offline(svg: object) -> None:
    assert callable(svg)
    text = svg()
    root = parse(text)
    assert re.fullmatch(r"0 0 \d+ \d+", root.attrib["viewBox"])
    assert root.attrib["width"] == "100%"
    assert re.findall(r"https?://[^\"']*", text) == [SVG_NS]
    hrefs = [link.attrib["href"] for link in root.iter(f"{{{SVG_NS}}}a")]
    assert all(href.startswith("#") for href in hrefs)


def test_brief_charts_map_of_one_point_shows_its_country_and_neighbours() -> None:
    root = parse(render_map(map_points([("Aleppo", 36.2, 37.16, "SY", 83.0)])))
    assert list(linked_circles(root)) == ["#event-0"]
    names = {title.text for title in root.iter(f"{{{SVG_NS}}}title")}
    assert {"Syria", "Turkey", "Iraq", "Lebanon"} <= names
    shaded = [
        path for path in root.iter(f"{{{SVG_NS}}}path") if path.get("fill") == LAND_WITH_EVENTS
    ]
    assert [path.findtext("svg:title", namespaces=NS) for path in shaded] == ["Syria"]


def test_brief_charts_map_of_the_world_keeps_every_point_on_the_canvas() -> None:
    root = parse(render_map(map_points(WORLD)))
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    circles = [c for found in linked_circles(root).values() for c in found]
    assert len(circles) == len(WORLD)
    for circle in circles:
        assert (
            0 <= float(circle.attrib["cx"]) <= width and 0 <= float(circle.attrib["cy"]) <= height
        )


@pytest.mark.parametrize("places", [MIDDLE_EAST, WORLD, MIDDLE_EAST * 3], ids=["me", "world", "x3"])
def test_brief_charts_map_labels_do_not_overlap(
    places: list[tuple[str, float, float, str, float]],
) -> None:
    root = parse(render_map(map_points(places)))
    boxes = text_boxes(root, PLACE_FONT)
    assert len(boxes) >= min(len(set(p[0] for p in places)), 5)
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b)


def test_brief_charts_map_circle_area_grows_with_weight_and_big_ones_come_first() -> None:
    root = parse(render_map(map_points(MIDDLE_EAST)))
    radius = {href: float(circles[0].attrib["r"]) for href, circles in linked_circles(root).items()}
    by_weight = sorted(range(len(MIDDLE_EAST)), key=lambda i: MIDDLE_EAST[i][4])
    radii = [radius[f"#event-{i}"] for i in by_weight]
    assert radii == sorted(radii) and radii[0] > 0
    mosul, baghdad = radius["#event-3"], radius["#event-4"]
    assert mosul**2 / baghdad**2 == pytest.approx(300 / 95, rel=0.05)
    drawn = [float(c[0].attrib["r"]) for c in linked_circles(root).values()]
    assert drawn == sorted(drawn, reverse=True)


def test_brief_charts_map_says_when_there_is_nothing_to_map() -> None:
    svg = render_map([MapPoint(float("nan"), 0.0, "Nowhere", 1.0, "t", "event-1")])
    assert "No events with a known place to map" in svg


def test_brief_charts_timeline_of_one_item_shows_days_and_its_label() -> None:
    root = parse(render_timeline([item(dt.date(2016, 2, 22))]))
    texts = [text.text for text in root.iter(f"{{{SVG_NS}}}text")]
    assert "Airstrike at Aleppo · 10 killed" in texts
    assert {"21 Feb", "22 Feb", "23 Feb"} <= set(texts)
    assert list(linked_circles(root)) == ["#event-1"]


@pytest.mark.parametrize(
    ("span_days", "tick"),
    [(3, r"\d+ [A-Z][a-z]{2}"), (80, r"\d+ [A-Z][a-z]{2}"), (730, r"[A-Z][a-z]{2}")],
)
def test_brief_charts_timeline_ticks_suit_the_span(span_days: int, tick: str) -> None:
    items = [item(dt.date(2015, 1, 5)), item(dt.date(2015, 1, 5) + dt.timedelta(days=span_days))]
    root = parse(render_timeline(items))
    ticks = [text.text or "" for text in root.iter(f"{{{SVG_NS}}}text")]
    matching = [t for t in ticks if re.fullmatch(tick, t)]
    assert 3 <= len(matching) <= 30
    assert "2015" in ticks


def test_brief_charts_timeline_of_many_items_caps_labels_without_overlaps() -> None:
    root = parse(render_timeline(many_items(300, 730)))
    assert len(linked_circles(root)) == 300
    boxes = text_boxes(root, timeline_module.LABEL_FONT)
    assert 1 <= len(boxes) <= MAX_LABELS
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b)


def test_brief_charts_timeline_draws_intervals_as_bars() -> None:
    items = [item(dt.date(2016, 2, 1), days=20, ref="event-long"), item(dt.date(2016, 2, 25))]
    root = parse(render_timeline(items))
    bars = {
        link.attrib["href"]: link.findall(".//svg:rect", NS)
        for link in root.iter(f"{{{SVG_NS}}}a")
        if link.findall(".//svg:rect", NS)
    }
    assert list(bars) == ["#event-long"]
    [bar] = bars["#event-long"]
    assert float(bar.attrib["width"]) > 10 * float(bar.attrib["height"])


def test_brief_charts_timeline_colours_families_and_names_them() -> None:
    families = ["clash", "Siege", ""]
    items = [
        item(dt.date(2016, 2, 1 + i), family=family, ref=f"event-{i}")
        for i, family in enumerate(families)
    ]
    root = parse(render_timeline(items))
    texts = [text.text for text in root.iter(f"{{{SVG_NS}}}text")]
    assert {"Clash", "Siege", "Other"} <= set(texts)
    circles = [c for found in linked_circles(root).values() for c in found]
    colours = {c.attrib["stroke"] for c in circles if c.attrib["stroke"] != "none"}
    assert len(colours) == 3


def test_brief_charts_timeline_says_when_there_is_nothing_to_show() -> None:
    assert "No dated events to show" in render_timeline([])
