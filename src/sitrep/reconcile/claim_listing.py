"""Claim groups as `sitrep claims`, the demo and the brief show them: lines of text, or one
JSON object per group with every claim and its offsets."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.export import export_span
from sitrep.reconcile.claims import ClaimGroup, ClaimPeriod, ClaimReport, Stated
from sitrep.reconcile.tolls import Figure

# How a qualifier reads before a figure.
QUALIFIERS = {
    "exact": "",
    "approximate": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "less than ",
    "nearly": "nearly ",
}
_TEXT_CHARS = 34  # a claim's words are cut to this many characters in a line
_VOICE_CHARS = 32


def claim_lines(
    groups: Sequence[ClaimGroup], links: Mapping[str, Sequence[ClaimGroup]] | None = None
) -> list[str]:
    """A heading per group, the groups linked to it (`links`, by group id), a line per period,
    a line per voice; or one line saying none."""
    if not groups:
        return ["  none"]
    lines: list[str] = []
    for group in groups:
        lines.append(group_heading(group))
        linked = (links or {}).get(group.group_id, ())
        lines.extend(f"    linked: {group_title(other)} ({other.unit})" for other in linked)
        for period in group.periods:
            lines.append(f"    {period_line(period, group.unit)}")
            lines.extend(f"      {stated_line(stated)}" for stated in period.stated)
    return lines


def group_heading(group: ClaimGroup) -> str:
    """What the group measures, and whether its sources agree."""
    state = "CONFLICT" if group.conflict else "agree   " if len(group.voices) > 1 else "single  "
    series = f", {len(group.periods)} periods (a time series)" if group.series else ""
    voices = _plural(len(group.voices), "voice", "voices")
    return f"  {state}  {group_title(group)} ({group.unit}): {voices}{series}"


def group_title(group: ClaimGroup) -> str:
    """ "territory share lost · Islamic State · Syria" """
    what = group.measure.replace("_", " ") + (f" {group.aspect}" if group.aspect else "")
    return " · ".join(part for part in (what, group.subject, group.place) if part)


def period_line(period: ClaimPeriod, unit: str) -> str:
    """Days, low / best / high and the range most voices allow."""
    days = days_text(period.interval)
    figures = f"low {amount(period.low)} · best {amount(period.best)} · high {amount(period.high)}"
    agreed = ""
    if period.consensus is not None and len(period.stated) > 1:
        agreed = (
            f"; {period.consensus_voices} of {len(period.stated)} agree on"
            f" {range_text(*period.consensus)}"
        )
    return f"{days:24} {figures} {_unit(unit)}{agreed}"


def stated_line(stated: Stated) -> str:
    """A voice's words, who says them, and where: outlet, day and offsets."""
    said = " + ".join(report.claim.text for report in stated.counted)
    if len(stated.counted) > 1:
        said += f" = {amount(stated.figure.value)}"
    latest = stated.latest
    where = f"{latest.outlet or '-'} {latest.published or 'undated'}"
    span = f"{latest.article_id}:{latest.claim.start_char}-{latest.claim.end_char}"
    voice = _cut(stated.voice, _VOICE_CHARS)
    return f"{_cut(said, _TEXT_CHARS):{_TEXT_CHARS}}  {voice:{_VOICE_CHARS}}  {where}  [{span}]"


def days_text(interval: tuple[str, str] | None) -> str:
    if interval is None:
        return "undated"
    first, last = interval
    return first if first == last else f"{first}..{last}"


def range_text(low: float, high: float) -> str:
    if math.isinf(high):
        return f"{amount(low)} or more"
    return amount(low) if low == high else f"{amount(low)}-{amount(high)}"


def figure_text(report: ClaimReport) -> str:
    """A claim's figure as a reader says it: "more than 20", "about 40", "19,000-25,000"."""
    claim = report.claim
    low, high = claim.bounds
    number = amount(low) if low == high else f"{amount(low)}-{amount(high)}"
    return f"{QUALIFIERS.get(claim.approx, '')}{number}"


def amount(value: float) -> str:
    if math.isinf(value):
        return "open"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _unit(unit: str) -> str:
    return "%" if unit == "percent" else unit


def _cut(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def claim_json(group: ClaimGroup, linked: Sequence[ClaimGroup] = ()) -> dict[str, Any]:
    """The group as one JSON object: what it measures, the groups linked to it, its periods,
    every voice and claim (a summary's: the claims each voice's figure counts, with `count`
    giving how many it made)."""
    return {
        "group_id": group.group_id,
        "measure": group.measure,
        "aspect": group.aspect,
        "subject": group.subject,
        "place": group.place,
        "unit": group.unit,
        "conflict": group.conflict,
        "series": group.series,
        "rule": group.rule,
        "summary": group.summary,
        "claims": group.claims,
        "voices": list(group.voices),
        "linked": [other.group_id for other in linked],
        "periods": [_period_json(period) for period in group.periods],
    }


def _period_json(period: ClaimPeriod) -> dict[str, Any]:
    return {
        "interval": list(period.interval) if period.interval else None,
        "low": period.low,
        "best": period.best,
        "high": period.high,
        "conflict": period.conflict,
        "consensus": _finite(period.consensus),
        "consensus_voices": period.consensus_voices,
        "stated": [_stated_json(stated) for stated in period.stated],
    }


def _stated_json(stated: Stated) -> dict[str, Any]:
    return {
        "voice": stated.voice,
        "figure": _figure_json(stated.figure),
        "count": stated.count,
        "claims": [_report_json(report) for report in stated.reports],
    }


def _figure_json(found: Figure) -> dict[str, Any]:
    floor, ceiling = _finite((found.floor, found.ceiling)) or (None, None)
    return {
        "value": found.value,
        "low": found.low,
        "high": found.high,
        "floor": floor,
        "ceiling": ceiling,
    }


def _finite(pair: tuple[float, float] | None) -> list[float | None] | None:
    """JSON has no infinity: an open end is null."""
    if pair is None:
        return None
    return [None if math.isinf(value) else value for value in pair]


def _report_json(report: ClaimReport) -> dict[str, Any]:
    claim = report.claim
    return {
        "article_id": report.article_id,
        "outlet": report.outlet,
        "published": report.published.isoformat() if report.published else None,
        "copy_of": report.copy_of,
        "claim": export_span(claim),
    }
