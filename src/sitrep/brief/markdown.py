"""The brief as Markdown: the same sections as the HTML file, with tables instead of pictures."""

from __future__ import annotations

from sitrep.brief import words
from sitrep.brief.build import Brief
from sitrep.brief.pictures import anchor
from sitrep.reconcile.claims import ClaimGroup, Stated


def render_markdown(brief: Brief) -> str:
    parts = [
        f"# {words.heading(brief.covers)}",
        words.made_line(brief),
        *_summary(brief),
        *_figures(brief),
        *_conflicts(brief),
        *_events(brief),
        *_statements(brief),
        *_sources(brief),
    ]
    return "\n\n".join(parts) + "\n"


def _cell(text: str) -> str:
    """Table cells: a bar would end the cell, a line break the row."""
    return " ".join(text.replace("|", "\\|").split())


def _summary(brief: Brief) -> list[str]:
    if not brief.summary:
        return []
    lines = [f"{s.text} {brief.cite(s.cites)}" for s in brief.summary]
    return ["## Summary", " ".join(lines)]


def _figures(brief: Brief) -> list[str]:
    if not brief.figures:
        return ["## Key figures", "No figures to compare."]
    rows = [
        "| What | Period | Figure | Sources | Who says what |",
        "|---|---|---|---|---|",
    ]
    rows += [_figure_row(brief, group) for group in brief.figures]
    return ["## Key figures", "\n".join(rows)]


def _figure_row(brief: Brief, group: ClaimGroup) -> str:
    period = group.latest
    who = "; ".join(
        f"{words.voice(s)}: {words.said(s, group.unit)} {_cites(brief, s)}" for s in period.stated
    )
    cells = (
        words.title(group),
        _days(period.interval),
        words.period_figures(period, group.unit),
        words.verdict(group),
        who,
    )
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cites(brief: Brief, stated: Stated) -> str:
    return brief.cite(report.article_id for report in stated.reports)


def _days(interval: tuple[str, str] | None) -> str:
    if interval is None:
        return "undated"
    return interval[0] if interval[0] == interval[1] else f"{interval[0]} to {interval[1]}"


def _conflicts(brief: Brief) -> list[str]:
    parts = ["## Where sources disagree"]
    if not brief.conflicts:
        return [*parts, "The sources agree on every figure they share."]
    for group in brief.conflicts:
        parts.append(f"### {words.title(group)}")
        for period in group.periods:
            lines = [f"- **{_days(period.interval)}**: {words.period_figures(period, group.unit)}."]
            agreed = words.consensus(period, group.unit)
            if agreed:
                lines[0] += f" {agreed}."
            lines += [
                f"  - {words.voice(s)}: {words.said(s, group.unit)} {_cites(brief, s)}"
                for s in period.stated
            ]
            parts.append("\n".join(lines))
        parts.append(f"_Low, best and high by rule `{group.rule}` (docs/claims.md)._")
    return parts


def _events(brief: Brief) -> list[str]:
    if not brief.events:
        return ["## Events", "No events found."]
    rows = [
        "| Days | What | Where | Killed | Wounded | Reports |",
        "|---|---|---|---|---|---|",
    ]
    for event in brief.events:
        cells = (
            words.event_days(event),
            words.event_what(event),
            words.event_place(event),
            words.casualties(event.killed),
            words.casualties(event.wounded),
            brief.cite(r.article_id for r in event.reports),
        )
        rows.append(f'| <a id="{anchor(event)}"></a>' + " | ".join(_cell(c) for c in cells) + " |")
    note = "The HTML brief draws these events on a time line and a map."
    return ["## Events", note, "\n".join(rows)]


def _statements(brief: Brief) -> list[str]:
    if not brief.statements:
        return []
    parts = ["## Notable statements"]
    for speaker, said in brief.statements:
        role = f" ({said[0].role})" if said[0].role else ""
        quotes = [f"> {s.text} {brief.cite([s.article_id])}" for s in said]
        parts.append(f"### {speaker}{role}\n\n" + "\n>\n".join(quotes))
    return parts


def _sources(brief: Brief) -> list[str]:
    lines = [
        f"{s.n}. {words.source_line(s)}" + (f" <{s.url}>" if s.url else "") for s in brief.sources
    ]
    return ["## Sources", "\n".join(lines) or "None."]
