"""The brief's phrases, shared by the Markdown and HTML renderers so both say the same."""

from __future__ import annotations

from sitrep.brief.build import Brief, BriefFilter, Cited
from sitrep.reconcile.claim_listing import amount, days_text, figure_text, group_title, range_text
from sitrep.reconcile.claims import ClaimGroup, ClaimPeriod, Stated
from sitrep.reconcile.events import MergedEvent
from sitrep.reconcile.tolls import Casualties

UNITS = {"percent": "%", "km2": " km²"}


def heading(covers: BriefFilter) -> str:
    where = covers.place or "all places"
    since = covers.since.isoformat() if covers.since else "the first report"
    until = covers.until.isoformat() if covers.until else "the latest"
    return f"Situation brief: {where}, {since} to {until}"


def made_line(brief: Brief) -> str:
    return (
        f"Made by sitrep on {brief.made.isoformat()} from {brief.articles} articles"
        f" ({len(brief.sources)} cited). Numbers in brackets cite the sources listed at the end."
    )


def title(group: ClaimGroup) -> str:
    return group_title(group)[0].upper() + group_title(group)[1:]


def with_unit(text: str, unit: str) -> str:
    """A figure with its unit where the unit says something the measure does not: a share, an
    area, a currency (counts of fighters or villages are plain numbers)."""
    suffix = UNITS.get(unit)
    if suffix is not None:
        return f"{text}{suffix}"
    return f"{text} {unit}" if unit.isupper() else text


def period_figures(period: ClaimPeriod, unit: str) -> str:
    """ "best 20% (10-22%)" """
    best = with_unit(amount(period.best), unit)
    if period.low == period.high:
        return best
    return f"{best} (range {with_unit(range_text(period.low, period.high), unit)})"


def verdict(group: ClaimGroup) -> str:
    if group.conflict:
        return "conflict"
    return "agree" if len(group.voices) > 1 else "one source"


def consensus(period: ClaimPeriod, unit: str) -> str:
    if period.consensus is None or len(period.stated) < 2:
        return ""
    return (
        f"{period.consensus_voices} of {len(period.stated)} sources allow"
        f" {with_unit(range_text(*period.consensus), unit)}"
    )


def said(stated: Stated, unit: str) -> str:
    """What a voice said, in its words: “more than 20 percent”; an increment with the figure
    it adds to: “14 percent” + “eight percent” = 22%."""
    latest = stated.latest
    words = f"“{latest.claim.text}”"
    if latest.claim.reviewed == "corrected":
        # The quoted words are the article's; the figure counted is the analyst's (docs/review.md).
        words += f" (corrected in review to {with_unit(figure_text(latest), unit)})"
    counted = stated.counted
    if len(counted) > 1:
        total = with_unit(amount(stated.figure.value), unit)
        words = f"“{counted[0].claim.text}” + {words} = {total}"
    return words


def voice(stated: Stated) -> str:
    """Who: the source named, or the outlet's own figure."""
    source = stated.latest.claim.source
    return stated.voice if source else f"{stated.voice} (own estimate)"


def casualties(found: Casualties | None) -> str:
    if found is None:
        return "–"
    best = amount(found.best)
    text = best if found.low == found.high else f"{best} ({amount(found.low)}–{amount(found.high)})"
    return f"{text}, disputed" if found.disputed else text


def event_what(event: MergedEvent) -> str:
    kind = event.type.replace("_", " ")
    by = f" by {event.perpetrator}" if event.perpetrator else ""
    return f"{kind}{by}"


def event_place(event: MergedEvent) -> str:
    place = event.place
    if place is None:
        return "–"
    return f"{place.name}, {place.country}" if place.country else place.name


def event_days(event: MergedEvent) -> str:
    return days_text(event.interval).replace("..", " to ")


def source_line(source: Cited) -> str:
    day = source.published.isoformat() if source.published else "undated"
    title = f"“{source.title}”" if source.title else "(untitled)"
    outlet = source.outlet or "unknown outlet"
    return f"{outlet}, {title}, {day}"
