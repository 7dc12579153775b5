"""The brief as one self-contained HTML file: inline style and pictures, no script, no fetch.
Every piece of text from an article or the store is escaped."""

from __future__ import annotations

from html import escape

from sitrep.brief import words
from sitrep.brief.build import Brief
from sitrep.brief.pictures import anchor, events_map, events_timeline
from sitrep.reconcile.claims import ClaimGroup, ClaimPeriod

_STYLE = """
body{font-family:Georgia,'Times New Roman',serif;max-width:980px;margin:2em auto;padding:0 1em;
color:#1d1d1f;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #1d1d1f;padding-bottom:.15em;
margin-top:1.8em}h3{margin-bottom:.3em}
.meta{color:#555;font-size:.92em}
table{border-collapse:collapse;width:100%;font-family:Helvetica,Arial,sans-serif;font-size:.88em}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.conflict{color:#b3261e;font-weight:bold}.agree{color:#1b6e2a;font-weight:bold}
.one{color:#666}
.cite{font-family:Helvetica,Arial,sans-serif;font-size:.78em;vertical-align:super}
.cite a{text-decoration:none;color:#0b57d0}
blockquote{margin:.4em 0 .4em 1em;padding-left:.8em;border-left:3px solid #bbb}
figure{margin:1em 0}figcaption{font-size:.85em;color:#555}
svg{max-width:100%;height:auto}
ol.sources li{margin-bottom:.3em;font-size:.92em}
"""


def render_html(brief: Brief) -> str:
    title = escape(words.heading(brief.covers))
    body = "\n".join(
        (
            f"<h1>{title}</h1>",
            f'<p class="meta">{escape(words.made_line(brief))}</p>',
            _summary(brief),
            _figures(brief),
            _conflicts(brief),
            _events(brief),
            _statements(brief),
            _sources(brief),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def _cite(brief: Brief, ids: object) -> str:
    """Linked citation marks: [1] goes to source 1."""
    found = brief.cite(ids)  # type: ignore[arg-type]
    numbers = [n for n in found.strip("[]").split("][") if n]
    links = "".join(f'<a href="#source-{n}">[{n}]</a>' for n in numbers)
    return f'<span class="cite">{links}</span>' if links else ""


def _summary(brief: Brief) -> str:
    if not brief.summary:
        return ""
    sentences = " ".join(f"{escape(s.text)}{_cite(brief, s.cites)}" for s in brief.summary)
    return f"<h2>Summary</h2>\n<p>{sentences}</p>"


def _figures(brief: Brief) -> str:
    if not brief.figures:
        return "<h2>Key figures</h2>\n<p>No figures to compare.</p>"
    rows = "\n".join(_figure_row(brief, group) for group in brief.figures)
    head = (
        "<tr><th>What</th><th>Period</th><th>Figure</th><th>Sources</th><th>Who says what</th></tr>"
    )
    return f"<h2>Key figures</h2>\n<table>{head}\n{rows}</table>"


def _figure_row(brief: Brief, group: ClaimGroup) -> str:
    period = group.latest
    verdict = words.verdict(group)
    css = {"conflict": "conflict", "agree": "agree"}.get(verdict, "one")
    cells = (
        escape(words.title(group)),
        escape(_days(period)),
        escape(words.period_figures(period, group.unit)),
        f'<span class="{css}">{escape(verdict)}</span>',
        _voices(brief, group, period),
    )
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _voices(brief: Brief, group: ClaimGroup, period: ClaimPeriod) -> str:
    return "<br>".join(
        f"{escape(words.voice(s))}: {escape(words.said(s, group.unit))}"
        f"{_cite(brief, [r.article_id for r in s.reports])}"
        for s in period.stated
    )


def _days(period: ClaimPeriod) -> str:
    interval = period.interval
    if interval is None:
        return "undated"
    return interval[0] if interval[0] == interval[1] else f"{interval[0]} to {interval[1]}"


def _conflicts(brief: Brief) -> str:
    parts = ["<h2>Where sources disagree</h2>"]
    if not brief.conflicts:
        return parts[0] + "\n<p>The sources agree on every figure they share.</p>"
    for group in brief.conflicts:
        parts.append(f"<h3>{escape(words.title(group))}</h3>")
        for period in group.periods:
            agreed = words.consensus(period, group.unit)
            note = f" {escape(agreed)}." if agreed else ""
            parts.append(
                f"<p><b>{escape(_days(period))}</b>:"
                f" {escape(words.period_figures(period, group.unit))}.{note}</p>"
                f"<p>{_voices(brief, group, period)}</p>"
            )
        parts.append(
            f'<p class="meta">Low, best and high by rule <code>{escape(group.rule)}</code>.</p>'
        )
    return "\n".join(parts)


def _events(brief: Brief) -> str:
    if not brief.events:
        return "<h2>Events</h2>\n<p>No events found.</p>"
    pictures = (
        f"<figure>{events_timeline(brief.events)}"
        "<figcaption>Events by day; size by killed and wounded.</figcaption></figure>"
        f"<figure>{events_map(brief.events)}"
        "<figcaption>Events by place; circle area by killed and wounded.</figcaption></figure>"
    )
    head = (
        "<tr><th>Days</th><th>What</th><th>Where</th><th>Killed</th><th>Wounded</th>"
        "<th>Reports</th></tr>"
    )
    rows = "\n".join(
        f'<tr id="{escape(anchor(e))}"><td>{escape(words.event_days(e))}</td>'
        f"<td>{escape(words.event_what(e))}</td><td>{escape(words.event_place(e))}</td>"
        f"<td>{escape(words.casualties(e.killed))}</td>"
        f"<td>{escape(words.casualties(e.wounded))}</td>"
        f"<td>{_cite(brief, [r.article_id for r in e.reports])}</td></tr>"
        for e in brief.events
    )
    return f"<h2>Events</h2>\n{pictures}\n<table>{head}\n{rows}</table>"


def _statements(brief: Brief) -> str:
    if not brief.statements:
        return ""
    parts = ["<h2>Notable statements</h2>"]
    for speaker, said in brief.statements:
        role = f' <span class="meta">({escape(said[0].role)})</span>' if said[0].role else ""
        parts.append(f"<h3>{escape(speaker)}{role}</h3>")
        parts += [
            f"<blockquote>{escape(s.text)}{_cite(brief, [s.article_id])}</blockquote>" for s in said
        ]
    return "\n".join(parts)


def _sources(brief: Brief) -> str:
    items = "\n".join(
        f'<li id="source-{s.n}">{escape(words.source_line(s))}'
        + (f' <a href="{escape(s.url)}">{escape(s.url)}</a>' if s.url else "")
        + "</li>"
        for s in brief.sources
    )
    return f'<h2>Sources</h2>\n<ol class="sources">{items}</ol>'
