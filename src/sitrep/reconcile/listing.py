"""Merged events as `sitrep events` and the demo show them: one line of text, or one JSON object
with every report, per event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sitrep.export import export_span
from sitrep.model import Place
from sitrep.reconcile.events import EventReport, MergedEvent
from sitrep.reconcile.tolls import Casualties

_PLACE_CHARS = 26  # a place's name is cut to this many characters in a line


def event_lines(events: Sequence[MergedEvent]) -> list[str]:
    """One line per event, or one that says there is none."""
    if not events:
        return ["  none"]
    return [event_line(event) for event in events]


def event_line(event: MergedEvent) -> str:
    """Days, type, place, killed and wounded as low/best/high, reports and outlets, perpetrator."""
    days = "undated"
    if event.interval is not None:
        first, last = event.interval
        days = first if first == last else f"{first}..{last}"
    outlets = len(event.outlets)
    counted = (
        f"{_plural(event.report_count, 'report', 'reports')},"
        f" {_plural(outlets, 'outlet', 'outlets')}"
    )
    by = f"  by {event.perpetrator}" if event.perpetrator else ""
    return (
        f"  {days:22}  {event.type:19}  {_place(event.place):{_PLACE_CHARS + 4}}"
        f"  killed {_figures(event.killed):16}  wounded {_figures(event.wounded):16}"
        f"  {counted}{by}"
    )


def event_summary(event: MergedEvent) -> str:
    """The event in words for a time line: type, place, best killed and wounded with their
    range, and how many reports and outlets tell of it."""
    tolls = "".join(
        f", {label} {_best_of(found)}"
        for label, found in (("killed", event.killed), ("wounded", event.wounded))
        if found is not None
    )
    by = f" by {event.perpetrator}" if event.perpetrator else ""
    where = f" at {_place(event.place)}" if event.place is not None else ""
    reports = _plural(event.report_count, "report", "reports")
    outlets = _plural(len(event.outlets), "outlet", "outlets")
    return f"{event.type}{where}{by}{tolls} ({reports}, {outlets})"


def _best_of(found: Casualties) -> str:
    """The best figure, and the low-high range when the reports give one."""
    best = _amount(found.best)
    if found.low == found.high:
        return best
    spread = f"{best} ({_amount(found.low)}-{_amount(found.high)})"
    return f"{spread}, disputed" if found.disputed else spread


def _place(place: Place | None) -> str:
    if place is None:
        return "-"
    name = place.name[:_PLACE_CHARS]
    return f"{name} {place.country}" if place.country else name


def _figures(found: Casualties | None) -> str:
    """low/best/high, with a mark when the reports dispute each other."""
    if found is None:
        return "-"
    numbers = "/".join(_amount(value) for value in (found.low, found.best, found.high))
    return f"{numbers} disputed" if found.disputed else numbers


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def event_json(event: MergedEvent) -> dict[str, Any]:
    """The event as one JSON object, with its reports earliest first (none in a summary:
    `report_count` gives how many)."""
    return {
        "event_id": event.event_id,
        "type": event.type,
        "subtype": event.subtype,
        "interval": list(event.interval) if event.interval else None,
        "place": _place_json(event.place),
        "perpetrator": event.perpetrator,
        "target": event.target,
        "killed": _casualties_json(event.killed),
        "wounded": _casualties_json(event.wounded),
        "rule": event.rule,
        "disputed": event.disputed,
        "outlets": list(event.outlets),
        "summary": event.summary,
        "report_count": event.report_count,
        "reports": [_report_json(report) for report in event.reports],
    }


def _place_json(place: Place | None) -> dict[str, Any] | None:
    """The place without its offsets, which index into one report's article only."""
    if place is None:
        return None
    return {name: value for name, value in place.attrs().items() if name != "text"}


def _casualties_json(found: Casualties | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "low": found.low,
        "best": found.best,
        "high": found.high,
        "disputed": found.disputed,
        "sources": found.sources,
    }


def _report_json(report: EventReport) -> dict[str, Any]:
    event = report.event
    return {
        "article_id": report.article_id,
        "outlet": report.outlet,
        "published": report.published.isoformat() if report.published else None,
        "copy_of": report.copy_of,
        "event": export_span(event),
    }
