"""The brief's events as the map's points and the time line's items (`svgmap`, `timeline`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sitrep.brief.svgmap import MapPoint, render_map
from sitrep.brief.timeline import TimelineItem, render_timeline
from sitrep.reconcile.events import MergedEvent
from sitrep.reconcile.listing import event_summary

# Each event type's colour family on the time line (its legend names the family).
FAMILIES = {
    "suicide_bombing": "bombing",
    "bombing": "bombing",
    "chemical_attack": "bombing",
    "airstrike": "airstrike",
    "shelling": "airstrike",
    "armed_clash": "clash",
    "assault": "clash",
    "killing": "clash",
    "leader_killed": "clash",
    "territory_captured": "territory",
    "territory_lost": "territory",
    "surrender_defection": "territory",
    "protest": "protest",
}


def anchor(event: MergedEvent) -> str:
    """The id of the event's entry in the brief, which the pictures link to."""
    return f"event-{event.event_id}"


def events_map(events: Sequence[MergedEvent]) -> str:
    """The events with a point, as circles sized by killed and wounded (best figures)."""
    points = [
        MapPoint(
            lat=event.place.lat,
            lon=event.place.lon,
            label=event.place.name,
            weight=_casualties(event),
            title=_title(event),
            ref=anchor(event),
            country=event.place.country,
        )
        for event in events
        if event.place is not None and event.place.lat is not None and event.place.lon is not None
    ]
    return render_map(points)


def events_timeline(events: Sequence[MergedEvent]) -> str:
    """The dated events along their days."""
    items = [
        TimelineItem(
            day_from=dt.date.fromisoformat(event.interval[0]),
            day_to=dt.date.fromisoformat(event.interval[1]),
            label=_label(event),
            family=FAMILIES.get(event.type, "other"),
            killed=event.killed.best if event.killed else None,
            wounded=event.wounded.best if event.wounded else None,
            title=_title(event),
            ref=anchor(event),
        )
        for event in events
        if event.interval is not None
    ]
    return render_timeline(items)


def _casualties(event: MergedEvent) -> float:
    return sum(found.best for found in (event.killed, event.wounded) if found is not None)


def _label(event: MergedEvent) -> str:
    kind = event.type.replace("_", " ").capitalize()
    return f"{kind} at {event.place.name}" if event.place else kind


def _title(event: MergedEvent) -> str:
    days = event.interval[0] if event.interval else "undated"
    return f"{days}: {event_summary(event)}"
