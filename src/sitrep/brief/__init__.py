"""The cited brief: key figures, where sources disagree, time line, map, statements and summary.

`build.py` gathers a `Brief` from the store; `markdown.py` and `html.py` render that one record,
`pictures.py` draws its events with `svgmap.py` and `timeline.py` (country outlines from
`outlines.py`). docs/brief.md describes each section.
"""

from __future__ import annotations

import datetime as dt

from sitrep.brief.build import Brief, BriefFilter, build_brief
from sitrep.errors import UsageError
from sitrep.store import Store

__all__ = ["FORMATS", "Brief", "BriefFilter", "brief_format", "build_brief", "render_brief"]

# The formats a brief is written in, by file suffix.
FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def brief_format(name: str) -> str:
    """The format a file name asks for: `.html` or `.md`."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    try:
        return FORMATS[suffix]
    except KeyError:
        raise UsageError(
            f"cannot tell the brief's format from {name!r}", "name the file .html or .md"
        ) from None


def render_brief(
    store: Store, covers: BriefFilter, format: str, made: dt.date | None = None
) -> str:
    """The brief of `store` within `covers` as HTML or Markdown text."""
    from sitrep.brief.html import render_html
    from sitrep.brief.markdown import render_markdown

    brief = build_brief(store, covers, made)
    return render_html(brief) if format == "html" else render_markdown(brief)
