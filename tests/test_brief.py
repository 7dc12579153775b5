"""The brief: built from a store, rendered as Markdown and one self-contained HTML file, with
every figure cited and every text escaped (docs/brief.md)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.brief import BriefFilter, brief_format, build_brief, render_brief
from sitrep.errors import UsageError
from sitrep.jobs import ingest_paths
from sitrep.store import SQLiteStore

STORIES = {
    "a.txt": (
        "---\ntitle: Militants lose ground\noutlet: Wire A\npublished: 2024-05-20\n---\n"
        "ISIS has lost more than 20 percent of its territory in Libya, officials estimate. "
        "A car bomb killed 12 people in Sirte on Sunday, police said.\n"
    ),
    "b.txt": (
        "---\ntitle: Monitor gives a lower figure\noutlet: Paper B\npublished: 2024-05-22\n---\n"
        "ISIS has lost about 10 percent of its territory in Libya, said Col. Dana Reyes. "
        '"The group is weaker <script>alert(1)</script> than a year ago," Reyes said.\n'
    ),
}


@pytest.fixture
def filled(store: SQLiteStore, write_file: Callable[[str, str | bytes], Path]) -> SQLiteStore:
    paths = [str(write_file(name, text)) for name, text in STORIES.items()]
    ingest_paths(paths, store)
    return store


def test_brief_groups_the_disagreement_and_cites_both(filled: SQLiteStore) -> None:
    brief = build_brief(filled, BriefFilter(), dt.date(2024, 6, 1))
    [conflict] = brief.conflicts
    assert conflict.place == "Libya"
    assert [s.outlet for s in brief.sources] == ["Wire A", "Paper B"]
    assert brief.cite(r.article_id for r in conflict.reports) == "[1][2]"


def test_brief_markdown_has_every_section(filled: SQLiteStore) -> None:
    text = render_brief(filled, BriefFilter(), "markdown", dt.date(2024, 6, 1))
    for heading in ("## Key figures", "## Where sources disagree", "## Events", "## Sources"):
        assert heading in text


def test_brief_html_is_self_contained_and_escaped(filled: SQLiteStore) -> None:
    text = render_brief(filled, BriefFilter(), "html", dt.date(2024, 6, 1))
    assert "<script>" not in text and "&lt;script&gt;" in text
    references = re.findall(r'(?:href|src)="([^"#][^"]*)"', text)
    assert references == []  # no file, no address: everything is inline
    assert "<svg" in text


def test_brief_filter_by_days_leaves_later_articles_out(filled: SQLiteStore) -> None:
    brief = build_brief(filled, BriefFilter(until=dt.date(2024, 5, 20)))
    assert brief.articles == 1


@pytest.mark.parametrize(("name", "kind"), [("b.html", "html"), ("B.MD", "markdown")])
def test_brief_format_from_the_file_name(name: str, kind: str) -> None:
    assert brief_format(name) == kind


def test_brief_format_refuses_an_unknown_suffix() -> None:
    with pytest.raises(UsageError, match=r"\.html or \.md"):
        brief_format("brief.pdf")
