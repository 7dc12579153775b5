"""Readers seen through `read_articles`: every format, and one problem per bad input."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import json
import pathlib
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from sitrep.ingest import Problem, ReadOptions, Severity, read_articles
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.html import read_html
from sitrep.ingest.jsonl import read_jsonl
from sitrep.ingest.text import read_text
from sitrep.model import Article

WriteFile = Callable[[str, str | bytes], Path]

STORY = "Shelling hit the market in Hasakah on Monday.\n\nTwo people were hurt, medics said.\n"
STORY_TEXT = "Shelling hit the market in Hasakah on Monday.\n\nTwo people were hurt, medics said."
OTHER = "Aid trucks reached Manbij on Sunday.\n\nThe convoy carried flour and medicine.\n"
OTHER_TEXT = "Aid trucks reached Manbij on Sunday.\n\nThe convoy carried flour and medicine."


def read(
    *paths: Path | str, stdin: bytes | None = None, **options: object
) -> list[Article | Problem]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    names = [str(path) for path in paths]
    return list(read_articles(names, ReadOptions(**options), stdin=stream))  # type: ignore[arg-type]


def articles(items: list[Article | Problem]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def problems(items: list[Article | Problem]) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def only_article(items: Sequence[Article | Problem]) -> Article:
    assert problems(items) == []
    [article] = articles(items)
    return article


# Plain text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        STORY.encode("utf-8"),
        codecs.BOM_UTF8 + STORY.encode("utf-8"),
        STORY.encode("utf-16"),  # with the platform's BOM
        codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom"],
)
def test_ingest_text_encodings_decode_to_the_same_text(write_file: WriteFile, data: bytes) -> None:
    path = write_file("story.txt", data)
    article = only_article(read(path))
    assert article.text == STORY_TEXT
    assert article.path == str(path)


def test_ingest_text_cp1252_decoded_with_a_warning(write_file: WriteFile) -> None:
    path = write_file("quote.txt", b"The mayor said \x93we will rebuild\x94 on Monday.\n")
    items = read(path)
    [warning] = problems(items)
    assert warning.severity is Severity.WARNING
    assert warning.source == str(path)
    assert "cp1252" in warning.reason
    assert "0x93" in warning.reason
    assert (
        only_article(articles(items)).text
        == "The mayor said \u201cwe will rebuild\u201d on Monday."
    )


def test_ingest_text_headline_becomes_the_title(write_file: WriteFile) -> None:
    path = write_file("headline.txt", "Market shelled in Hasakah\n\n" + STORY)
    article = only_article(read(path))
    assert article.title == "Market shelled in Hasakah"
    assert article.text == STORY_TEXT


def test_ingest_text_first_sentence_is_not_taken_for_a_headline(write_file: WriteFile) -> None:
    path = write_file(
        "sentence.txt", "The market was shelled on Monday.\n\nTwo people were hurt.\n"
    )
    article = only_article(read(path))
    assert article.title is None
    assert article.text.startswith("The market was shelled on Monday.")


def test_ingest_text_front_matter_gives_metadata(write_file: WriteFile) -> None:
    header = (
        "---\ntitle: Market shelled in Hasakah\noutlet: River Post\n"
        "published: 2016-03-01\nurl: https://river.example/market\n---\n"
    )
    article = only_article(read(write_file("front.txt", header + STORY)))
    assert article.title == "Market shelled in Hasakah"
    assert article.outlet == "River Post"
    assert article.published == dt.date(2016, 3, 1)
    assert article.url == "https://river.example/market"
    assert article.text == STORY_TEXT


def test_ingest_text_front_matter_bad_date_warns(write_file: WriteFile) -> None:
    path = write_file(
        "baddate.txt", "---\ntitle: Market shelled\npublished: March first\n---\n" + STORY
    )
    items = read(path)
    [warning] = problems(items)
    assert warning.severity is Severity.WARNING
    assert warning.source == str(path)
    assert "published" in warning.reason
    assert "March first" in warning.reason
    [article] = articles(items)
    assert article.published is None
    assert article.title == "Market shelled"


def test_ingest_text_front_matter_unknown_key_warns(write_file: WriteFile) -> None:
    path = write_file("key.txt", "---\ntitle: Market shelled\nauthor: Jane Roe\n---\n" + STORY)
    items = read(path)
    [warning] = problems(items)
    assert warning.severity is Severity.WARNING
    assert warning.source == f"{path}:3"
    assert "ignored" in warning.reason
    [article] = articles(items)
    assert article.title == "Market shelled"
    assert "Jane Roe" not in article.text


def test_ingest_text_unclosed_front_matter_warns(write_file: WriteFile) -> None:
    path = write_file("open.txt", "---\ntitle: Market shelled\n" + STORY)
    items = read(path)
    [warning] = problems(items)
    assert warning.severity is Severity.WARNING
    assert warning.source == str(path)
    assert "never closed" in warning.reason
    [article] = articles(items)
    assert "Shelling hit the market" in article.text


def test_ingest_options_win_over_front_matter(write_file: WriteFile) -> None:
    header = "---\noutlet: River Post\npublished: 2016-03-01\n---\n"
    path = write_file("front.txt", header + STORY)
    article = only_article(read(path, published=dt.date(2016, 3, 17), outlet="Hill Courier"))
    assert article.published == dt.date(2016, 3, 17)
    assert article.outlet == "Hill Courier"


def test_ingest_read_text_yields_one_document() -> None:
    [document] = list(read_text(b"Aid reached Manbij\n\nTrucks arrived on Sunday.\n", "mem.txt"))
    assert not isinstance(document, Problem)
    assert document.title == "Aid reached Manbij"
    assert document.source == "mem.txt"


# HTML -------------------------------------------------------------------------------------------

PAGE = b"""<!DOCTYPE html>
<html><head><title>Convoy hit near Manbij | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<meta property="og:title" content="Convoy hit near Manbij">
<meta property="article:published_time" content="2016-04-02T08:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Convoy hit near Manbij</h1>
<p>A supply convoy was struck on the road west of Manbij early on Saturday, officials said.</p>
<p>Three lorries carrying flour were burned and two drivers were wounded in the attack.</p>
<p>No group has said it carried out the strike, which came a day after truce talks broke down.</p>
</article>
<footer><p>Copyright 2016 Valley Post. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_ingest_html_page_gives_body_and_metadata(write_file: WriteFile) -> None:
    article = only_article(read(write_file("convoy.html", PAGE)))
    assert article.title == "Convoy hit near Manbij"
    assert article.outlet == "Valley Post"
    assert article.published == dt.date(2016, 4, 2)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("A supply convoy was struck")
    assert paragraphs[-1].startswith("No group has said")
    assert len(paragraphs) == 3
    for boilerplate in ("Home", "Sport", "Copyright", "Privacy"):
        assert boilerplate not in article.text


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Valley Post</title></head><body></body></html>",
        b"<html><head><title>Valley Post</title></head></html>",
    ],
    ids=["empty-body", "no-body"],
)
def test_ingest_html_without_body_is_an_error(write_file: WriteFile, page: bytes) -> None:
    path = write_file("empty.html", page)
    [problem] = read(path)
    assert isinstance(problem, Problem)
    assert problem.severity is Severity.ERROR
    assert problem.source == str(path)
    assert "no article text" in problem.reason


def test_ingest_read_html_takes_a_url() -> None:
    [document] = list(read_html(PAGE, "mem.html", url="https://valley.example/convoy"))
    assert not isinstance(document, Problem)
    assert document.url == "https://valley.example/convoy"


# Feeds ------------------------------------------------------------------------------------------

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Delta Monitor</title><link>https://delta.example/</link>
<description>News from the delta</description>
<item><title>Ferry resumes on the river</title><link>https://delta.example/ferry</link>
<pubDate>Tue, 15 Mar 2016 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The river ferry ran again on Tuesday.&lt;/p&gt;
&lt;p&gt;Traders said prices fell.&lt;/p&gt;</description>
</item>
<item><title>Curfew lifted in old town</title><link>https://delta.example/curfew</link>
<pubDate>Wed, 16 Mar 2016 18:30:00 GMT</pubDate>
<description>Police lifted the curfew on Wednesday evening.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Courier</title><id>urn:hill</id>
<updated>2016-03-20T00:00:00Z</updated>
<entry><title>Bridge reopened</title><link href="https://hill.example/bridge"/><id>urn:hill:1</id>
<updated>2016-03-18T09:00:00Z</updated>
<content type="html">&lt;p&gt;The bridge reopened on Friday.&lt;/p&gt;
&lt;p&gt;Engineers said repairs took a week.&lt;/p&gt;</content>
</entry>
<entry><title>Schools closed</title><link href="https://hill.example/schools"/><id>urn:hill:2</id>
<updated>2016-03-19T09:00:00Z</updated>
<summary>Schools closed on Saturday after heavy shelling.</summary></entry>
</feed>"""

FEED_CASES = {
    "rss": (
        "delta.rss",
        RSS,
        "Delta Monitor",
        [
            (
                "Ferry resumes on the river",
                dt.date(2016, 3, 15),
                "https://delta.example/ferry",
                "The river ferry ran again on Tuesday.\n\nTraders said prices fell.",
            ),
            (
                "Curfew lifted in old town",
                dt.date(2016, 3, 16),
                "https://delta.example/curfew",
                "Police lifted the curfew on Wednesday evening.",
            ),
        ],
    ),
    "atom": (
        "hill.atom",
        ATOM,
        "Hill Courier",
        [
            (
                "Bridge reopened",
                dt.date(2016, 3, 18),
                "https://hill.example/bridge",
                "The bridge reopened on Friday.\n\nEngineers said repairs took a week.",
            ),
            (
                "Schools closed",
                dt.date(2016, 3, 19),
                "https://hill.example/schools",
                "Schools closed on Saturday after heavy shelling.",
            ),
        ],
    ),
}


@pytest.mark.parametrize("case", FEED_CASES.values(), ids=FEED_CASES.keys())
def test_ingest_feed_gives_one_article_per_entry(
    write_file: WriteFile, case: tuple[str, bytes, str, list[tuple[str, dt.date, str, str]]]
) -> None:
    name, data, outlet, expected = case
    path = write_file(name, data)
    items = read(path)
    assert problems(items) == []
    found = [(a.title, a.published, a.url, a.text) for a in articles(items)]
    assert found == expected
    assert {a.outlet for a in articles(items)} == {outlet}
    assert {a.path for a in articles(items)} == {str(path)}


def test_ingest_feed_broken_entry_reported_and_others_read(write_file: WriteFile) -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Delta Monitor</title>
<item><title>Empty entry</title><link>https://delta.example/empty</link></item>
<item><title>Aid crosses</title><description>Aid trucks crossed on Monday.</description></item>
</channel></rss>"""
    path = write_file("broken.xml", feed)
    items = read(path)
    [problem] = problems(items)
    assert problem.severity is Severity.ERROR
    assert problem.source == f"{path}#1"
    assert "Empty entry" in problem.reason
    [article] = articles(items)
    assert article.title == "Aid crosses"
    assert article.text == "Aid trucks crossed on Monday."


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        (b"<?xml version='1.0'?><config><setting name='a'>1</setting></config>", "not an RSS"),
        (b"<?xml version='1.0'?><config><setting>open</config>", "not an RSS"),
        # Issue 2 regression: XML with <item> elements that is not a feed is not a broken feed.
        (b"<?xml version='1.0'?><doc><item><title>x</title></item></doc>", "not an RSS"),
    ],
    ids=["other-xml", "malformed-xml", "items-not-a-feed"],
)
def test_ingest_non_feed_xml_is_an_error(write_file: WriteFile, xml: bytes, reason: str) -> None:
    path = write_file("config.xml", xml)
    [problem] = read(path)
    assert isinstance(problem, Problem)
    assert problem.severity is Severity.ERROR
    assert problem.source == str(path)
    assert reason in problem.reason


def test_ingest_read_feed_names_entries() -> None:
    sources = [item.source for item in read_feed(RSS, "mem.rss")]
    assert sources == ["mem.rss#1", "mem.rss#2"]


# JSON Lines -------------------------------------------------------------------------------------

HTML_LINE_PAGE = (
    "<html><head><title>Dam repaired</title>"
    "<meta property='og:site_name' content='Lake News'></head><body><article>"
    "<h1>Dam repaired</h1><p>Engineers finished repairs to the dam on Sunday, officials said.</p>"
    "<p>The water level is now stable, they added.</p></article></body></html>"
)


def jsonl(*records: object) -> bytes:
    lines = [record if isinstance(record, str) else json.dumps(record) for record in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_ingest_jsonl_text_and_html_fields(write_file: WriteFile) -> None:
    path = write_file("mixed.jsonl", jsonl({"text": STORY}, {"html": HTML_LINE_PAGE}))
    items = read(path)
    assert problems(items) == []
    plain, page = articles(items)
    assert plain.text == STORY_TEXT
    assert page.text == (
        "Engineers finished repairs to the dam on Sunday, officials said.\n\n"
        "The water level is now stable, they added."
    )
    assert page.title == "Dam repaired"
    assert page.outlet == "Lake News"
    assert plain.path == page.path == str(path)


def test_ingest_jsonl_metadata_fields(write_file: WriteFile) -> None:
    record = {
        "text": STORY,
        "title": "Market shelled",
        "outlet": "River Post",
        "published": "2016-03-14T09:00:00Z",
        "url": "https://river.example/market",
        "section": "world",
    }
    article = only_article(read(write_file("meta.jsonl", jsonl(record))))
    assert (article.title, article.outlet, article.published, article.url) == (
        "Market shelled",
        "River Post",
        dt.date(2016, 3, 14),
        "https://river.example/market",
    )


def test_ingest_jsonl_fields_win_over_the_html(write_file: WriteFile) -> None:
    record = {"html": HTML_LINE_PAGE, "title": "Dam fixed", "outlet": "Shore Times"}
    article = only_article(read(write_file("page.jsonl", jsonl(record))))
    assert (article.title, article.outlet) == ("Dam fixed", "Shore Times")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "Shelling hit the mar', "invalid JSON"),
        ('["Shelling hit the market."]', "JSON object"),
        ('"Shelling hit the market."', "JSON object"),
        ('{"title": "Market shelled"}', "no 'text' or 'html'"),
        ('{"text": "   "}', "no 'text' or 'html'"),
    ],
    ids=["truncated", "array", "string", "no-text", "blank-text"],
)
def test_ingest_jsonl_bad_line_reported_with_its_number(
    write_file: WriteFile, line: str, reason: str
) -> None:
    path = write_file("batch.jsonl", jsonl({"text": STORY}, line, {"text": OTHER}))
    items = read(path)
    [problem] = problems(items)
    assert problem.severity is Severity.ERROR
    assert problem.source == f"{path}:2"
    assert reason in problem.reason
    assert [a.text.split("\n")[0] for a in articles(items)] == [
        "Shelling hit the market in Hasakah on Monday.",
        "Aid trucks reached Manbij on Sunday.",
    ]


def test_ingest_jsonl_truncated_last_line(write_file: WriteFile) -> None:
    data = jsonl({"text": STORY}) + b'{"text": "Aid trucks rea'
    path = write_file("cut.jsonl", data)
    items = read(path)
    [problem] = problems(items)
    assert problem.source == f"{path}:2"
    assert "invalid JSON" in problem.reason
    assert len(articles(items)) == 1


def test_ingest_jsonl_gzip(write_file: WriteFile) -> None:
    path = write_file("batch.jsonl.gz", gzip.compress(jsonl({"text": STORY}, {"text": OTHER})))
    items = read(path)
    assert problems(items) == []
    assert [a.text for a in articles(items)] == [STORY_TEXT, OTHER_TEXT]


def test_ingest_jsonl_truncated_gzip_keeps_earlier_lines(write_file: WriteFile) -> None:
    records = [{"text": f"Report {n}: the ferry crossed the river at dawn."} for n in range(2000)]
    compressed = gzip.compress(jsonl(*records))
    path = write_file("cut.jsonl.gz", compressed[: len(compressed) // 2])
    items = read(path)
    [problem] = problems(items)
    assert problem.severity is Severity.ERROR
    assert problem.source == str(path)
    assert "truncated" in problem.reason
    assert items[-1] is problem
    read_back = articles(items)
    assert len(read_back) > 100
    assert [a.text for a in read_back] == [r["text"] for r in records[: len(read_back)]]


def test_ingest_read_jsonl_streams_lines() -> None:
    lines = [b'{"text": "Aid arrived on Monday."}', b"", b"not json"]
    items = list(read_jsonl(lines, "mem.jsonl", max_bytes=1000))
    assert [item.source for item in items] == ["mem.jsonl:1", "mem.jsonl:3"]
    assert isinstance(items[1], Problem)


def test_ingest_jsonl_line_over_max_bytes(write_file: WriteFile) -> None:
    path = write_file("long.jsonl", jsonl({"text": "Aid arrived. " * 100}, {"text": STORY}))
    items = read(path, max_bytes=500)
    [problem] = problems(items)
    assert problem.source == f"{path}:1"
    assert "500-byte limit" in problem.reason
    assert [a.text for a in articles(items)] == [STORY_TEXT]


# Sources: directories, missing paths, stdin ------------------------------------------------------


def test_ingest_directory_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    files = {
        "b.txt": "Aid reached the town on Monday.",
        "a.txt": "Shelling hit the market on Sunday.",
        "sub/c.txt": "A bridge reopened on Tuesday.",
        "sub/deeper/d.jsonl": json.dumps({"text": "Schools closed on Friday."}),
        ".hidden.txt": "A hidden draft nobody published.",
        ".drafts/e.txt": "A draft in a hidden folder.",
        "notes.csv": "a,b,c",
        "photo.png": "not really a picture",
    }
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    items = read(root)
    assert problems(items) == []
    assert [a.path for a in articles(items)] == [
        str(root / "a.txt"),
        str(root / "b.txt"),
        str(root / "sub" / "c.txt"),
        str(root / "sub" / "deeper" / "d.jsonl"),
    ]


def test_ingest_missing_path_is_an_error_and_the_batch_goes_on(
    write_file: WriteFile, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.txt"
    good = write_file("good.txt", STORY)
    first, second = read(missing, good)
    assert isinstance(first, Problem)
    assert first.source == str(missing)
    assert "no such file" in first.reason
    assert isinstance(second, Article)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (STORY.encode("utf-8"), [STORY_TEXT]),
        (jsonl({"text": STORY}, {"text": OTHER}), [STORY_TEXT, OTHER_TEXT]),
    ],
    ids=["text", "jsonl"],
)
def test_ingest_dash_reads_stdin(data: bytes, expected: list[str]) -> None:
    items = read("-", stdin=data)
    assert problems(items) == []
    assert [a.text for a in articles(items)] == expected
    assert {a.path for a in articles(items)} == {"<stdin>"}


def test_ingest_stdin_over_max_bytes_is_an_error() -> None:
    [problem] = read("-", stdin=b"Aid arrived. " * 100, max_bytes=500)
    assert isinstance(problem, Problem)
    assert problem.source == "<stdin>"
    assert "limit" in problem.reason


def test_ingest_dash_without_stdin_is_an_error() -> None:
    [problem] = read("-")
    assert isinstance(problem, Problem)
    assert problem.source == "<stdin>"


# Bad inputs: one problem each, the batch goes on --------------------------------------------------

BAD_FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Delta Monitor</title>
<item><title>Empty entry</title></item>
<item><title>Aid crosses</title><description>Aid trucks crossed on Monday.</description></item>
</channel></rss>"""

BAD_INPUTS = {
    "empty": ("empty.txt", b"", "", "empty", 0),
    "whitespace": ("blank.txt", b"  \n\t\n   \r\n", "", "empty", 0),
    "invisible": ("nbsp.txt", "\u00a0\u00a0\n\u200b\n".encode(), "", "no article text", 0),
    "binary-txt": ("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "", "binary", 0),
    "binary-unknown": (
        "photo.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "",
        "binary",
        0,
    ),
    "truncated-json": (
        "wire.jsonl",
        jsonl({"text": OTHER}) + b'{"text": "Aid tru',
        ":2",
        "invalid JSON",
        1,
    ),
    "html-no-body": ("page.html", b"<html><head><title>Post</title></head></html>", "", "HTML", 0),
    "feed-broken-entry": ("feed.xml", BAD_FEED, "#1", "no content", 1),
    "front-matter-only": ("header.txt", b"---\ntitle: Market shelled\n---\n", "", "empty", 0),
}


@pytest.mark.parametrize("case", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_ingest_bad_input_gives_one_problem(
    write_file: WriteFile, case: tuple[str, bytes, str, str, int]
) -> None:
    name, data, where, reason, good_inside = case
    before = write_file("a_before.txt", STORY)
    bad = write_file(name, data)
    after = write_file("z_after.txt", OTHER)
    items = read(before, bad, after)
    [problem] = problems(items)
    assert problem.severity is Severity.ERROR
    assert problem.source == f"{bad}{where}"
    assert reason in problem.reason
    assert str(problem) == f"{bad}{where}: {problem.reason}"
    read_back = articles(items)
    assert len(read_back) == 2 + good_inside
    assert read_back[0].path == str(before)
    assert read_back[-1].path == str(after)


def test_ingest_invalid_utf8_warns_and_is_still_read(write_file: WriteFile) -> None:
    path = write_file("latin.txt", b"Aid reached the caf\xe9 district on Monday.\n")
    items = read(path)
    [warning] = problems(items)
    assert warning.severity is Severity.WARNING
    assert warning.source == str(path)
    assert "not valid UTF-8" in warning.reason
    assert only_article(articles(items)).text == "Aid reached the café district on Monday."


def test_ingest_file_over_max_bytes_refused_without_reading(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_file("dump.txt", b"word " * 10_000_000)
    good = write_file("good.txt", STORY)

    original_read_bytes = pathlib.Path.read_bytes
    original_open = pathlib.Path.open

    def guarded_read_bytes(self: Path) -> bytes:
        assert self != path, "the oversized file was read"
        return original_read_bytes(self)

    def guarded_open(self: Path, *args: object, **kwargs: object) -> object:
        assert self != path, "the oversized file was opened"
        return original_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded_read_bytes)
    monkeypatch.setattr(pathlib.Path, "open", guarded_open)
    tracemalloc.start()
    try:
        items = read(path, good)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [problem] = problems(items)
    assert problem.source == str(path)
    assert "50,000,000 bytes" in problem.reason
    assert "limit" in problem.reason
    assert len(articles(items)) == 1
    assert peak < 2_000_000


# Normalisation seen from ingestion ----------------------------------------------------------------


def test_ingest_normalises_line_ends_spaces_and_wrapped_paragraphs(write_file: WriteFile) -> None:
    raw = (
        "Shelling hit the market\r\nin Hasakah on Monday.\r\n\r\n"
        "Two\u00a0people were hurt,\r\nmedics said.\r\n"
    )
    article = only_article(read(write_file("wrapped.txt", raw.encode("utf-8"))))
    assert article.text == STORY_TEXT


def test_ingest_same_text_gives_the_same_id(write_file: WriteFile) -> None:
    unix = write_file("unix.txt", STORY)
    windows = write_file("windows.txt", STORY.replace("\n", "\r\n").encode("utf-8"))
    first = only_article(read(unix))
    again = only_article(read(unix))
    other_file = only_article(read(windows))
    assert first.id == again.id == other_file.id


def test_ingest_different_outlet_gives_a_different_id(write_file: WriteFile) -> None:
    path = write_file("story.txt", STORY)
    river = only_article(read(path, outlet="River Post"))
    hill = only_article(read(path, outlet="Hill Courier"))
    assert river.text == hill.text
    assert river.id != hill.id


# Issue 2 regressions: bugs found while testing the readers -------------------------------------


def test_ingest_dash_reads_gzip_jsonl() -> None:
    """Issue 2: gzip-compressed JSON Lines on stdin were sniffed but never decompressed."""
    data = gzip.compress(jsonl({"text": STORY}, {"text": OTHER}))
    assert [a.text for a in articles(read("-", stdin=data))] == [STORY_TEXT, OTHER_TEXT]


@pytest.mark.parametrize("where", ["stdin", "no-extension"])
def test_ingest_utf16_text_is_read_wherever_it_comes_from(
    write_file: WriteFile, where: str
) -> None:
    """Issue 2: UTF-16 (with its BOM) was refused as binary unless the file ended in .txt."""
    data = STORY.encode("utf-16")
    items = read("-", stdin=data) if where == "stdin" else read(write_file("story", data))
    assert only_article(items).text == STORY_TEXT


@pytest.mark.parametrize("where", ["file", "stdin"])
def test_ingest_huge_json_line_is_skipped_in_bounded_memory(
    write_file: WriteFile, where: str
) -> None:
    """Issue 2: a 50 MB single JSON line was read whole before the size check."""
    huge = b'{"text": "' + b"word " * 10_000_000 + b'"}\n'
    data = huge + jsonl({"text": STORY})
    tracemalloc.start()
    items = read("-", stdin=data) if where == "stdin" else read(write_file("big.jsonl", data))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    [problem] = problems(items)
    assert problem.source.endswith(":1") and "limit" in problem.reason
    assert [a.text for a in articles(items)] == [STORY_TEXT]
    assert peak < 3 * 5_000_000 + len(data) * (where == "stdin")  # one bounded line, not the 50 MB


def test_ingest_feed_date_is_the_date_the_outlet_wrote() -> None:
    """Issue 2: feed dates were moved to UTC, a day later than the story's own date here."""
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title>
<item><title>Late shelling</title><pubDate>Wed, 16 Mar 2016 23:30:00 -0500</pubDate>
<description>Shelling resumed late on Wednesday near the river crossing.</description></item>
</channel></rss>"""
    [document] = list(read_feed(feed, "late.xml"))
    assert document.published == dt.date(2016, 3, 16)  # type: ignore[union-attr]


def test_ingest_html_with_only_navigation_is_not_an_article(write_file: WriteFile) -> None:
    """Issue 2: menus and a footer were taken for an article, dated from "Copyright 2016"."""
    page = (
        b"<html><body><nav><a>Home</a> <a>World</a></nav>"
        b"<footer>Copyright 2016 Valley Post</footer></body></html>"
    )
    [problem] = read(write_file("menu.html", page))
    assert isinstance(problem, Problem) and "no article text" in problem.reason


def test_ingest_jsonl_bad_published_warns_and_keeps_the_article(write_file: WriteFile) -> None:
    """Issue 2: as in text front matter, a bad date is dropped with a warning, not the article."""
    line = {"text": STORY, "published": "last week"}
    items = read(write_file("dated.jsonl", jsonl(line)))
    [warning] = problems(items)
    assert warning.severity is Severity.WARNING and "published" in warning.reason
    assert only_article(articles(items)).published is None  # type: ignore[arg-type]


def test_ingest_invalid_json_reason_reads_cleanly(write_file: WriteFile) -> None:
    [problem] = read(write_file("ctl.jsonl", b'{"text": "a\x01b"}\n'))
    assert isinstance(problem, Problem) and " at at " not in problem.reason


# Publication date: where it comes from ------------------------------------------------------------

DATED_BODY = (
    "BAGHDAD, March 8 (Tigris Wire) -- Iraqi troops retook the town of Hit on Tuesday, officials"
    " said.\n\nThe offensive began on March 2, 2016, after weeks of air strikes.\n"
)
INFERRED_REASON = (
    "dateline 'BAGHDAD, March 8' with year from the latest date mentioned (2016-03-02)"
)


def provenance(article: Article) -> tuple[object, ...]:
    return (
        article.published,
        article.published_source,
        article.published_confidence,
        article.published_reason,
    )


@pytest.mark.parametrize(
    ("header", "option", "expected"),
    [
        (
            "---\npublished: 2016-03-09\n---\n",
            dt.date(2016, 3, 17),
            (dt.date(2016, 3, 17), "option", 1.0, "given as an option (--published)"),
        ),
        (
            "---\npublished: 2016-03-09\n---\n",
            None,
            (dt.date(2016, 3, 9), "metadata", 1.0, "front matter 'published'"),
        ),
        ("", None, (dt.date(2016, 3, 8), "inferred", 0.6, INFERRED_REASON)),
        (
            "",
            dt.date(2016, 3, 17),
            (dt.date(2016, 3, 17), "option", 1.0, "given as an option (--published)"),
        ),
    ],
    ids=["option-over-metadata", "metadata-over-text", "inferred", "option-over-text"],
)
def test_ingest_published_option_beats_metadata_beats_inferred(
    write_file: WriteFile, header: str, option: dt.date | None, expected: tuple[object, ...]
) -> None:
    article = only_article(read(write_file("hit.txt", header + DATED_BODY), published=option))
    assert provenance(article) == expected


def test_ingest_published_nothing_to_go_on_leaves_all_fields_empty(write_file: WriteFile) -> None:
    article = only_article(read(write_file("story.txt", STORY)))
    assert provenance(article) == (None, None, None, None)


def test_ingest_text_printed_date_line_is_not_the_headline(write_file: WriteFile) -> None:
    article = only_article(read(write_file("dated.txt", "March 17, 2016\n\n" + STORY)))
    assert article.title is None
    assert article.text.startswith("March 17, 2016\n\n")
    assert provenance(article) == (
        dt.date(2016, 3, 17),
        "inferred",
        0.85,
        "printed date line 'March 17, 2016'",
    )


def _page(head: str, paragraphs: str) -> bytes:
    return (
        f"<html><head><title>Hit retaken</title>{head}</head><body><article>"
        f"<h1>Hit retaken</h1>{paragraphs}</article></body></html>"
    ).encode()


PAGE_PARAGRAPHS = "".join(f"<p>{p}</p>" for p in DATED_BODY.strip().split("\n\n"))
PAGE_DATE = '<meta property="article:published_time" content="2016-03-09T08:00:00Z">'


def _feed(date_element: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Tigris Wire</title><item>'
        f"<title>Hit retaken</title>{date_element}<description>"
        + DATED_BODY.replace("\n\n", " ").strip()
        + "</description></item></channel></rss>"
    ).encode()


ATOM_UPDATED = (
    b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    b"<title>Hill Courier</title><id>urn:hill</id><updated>2016-03-20T00:00:00Z</updated>"
    b"<entry><title>Hit retaken</title><id>urn:hill:1</id><updated>2016-03-10T09:00:00Z</updated>"
    b"<summary>Iraqi troops retook the town of Hit on Tuesday, officials said.</summary>"
    b"</entry></feed>"
)

PROVENANCE_CASES = {
    "text-front-matter": (
        "a.txt",
        ("---\npublished: 2016-03-09\n---\n" + DATED_BODY).encode(),
        (dt.date(2016, 3, 9), "metadata", 1.0, "front matter 'published'"),
    ),
    "text-inferred": (
        "a.txt",
        DATED_BODY.encode(),
        (dt.date(2016, 3, 8), "inferred", 0.6, INFERRED_REASON),
    ),
    "html-metadata": (
        "a.html",
        _page(PAGE_DATE, PAGE_PARAGRAPHS),
        (dt.date(2016, 3, 9), "metadata", 1.0, "HTML page metadata"),
    ),
    "html-inferred": (
        "a.html",
        _page("", PAGE_PARAGRAPHS),
        (dt.date(2016, 3, 8), "inferred", 0.6, INFERRED_REASON),
    ),
    "feed-published": (
        "a.rss",
        _feed("<pubDate>Wed, 09 Mar 2016 10:00:00 GMT</pubDate>"),
        (dt.date(2016, 3, 9), "metadata", 1.0, "feed entry 'published'"),
    ),
    "feed-updated": (
        "a.atom",
        ATOM_UPDATED,
        (dt.date(2016, 3, 10), "metadata", 1.0, "feed entry 'updated'"),
    ),
    "feed-inferred": (
        "a.rss",
        _feed(""),
        (dt.date(2016, 3, 8), "inferred", 0.6, INFERRED_REASON),
    ),
    "jsonl-field": (
        "a.jsonl",
        jsonl({"text": DATED_BODY, "published": "2016-03-09"}),
        (dt.date(2016, 3, 9), "metadata", 1.0, "JSON field 'published'"),
    ),
    "jsonl-field-over-html": (
        "a.jsonl",
        jsonl({"html": _page(PAGE_DATE, PAGE_PARAGRAPHS).decode(), "published": "2016-03-11"}),
        (dt.date(2016, 3, 11), "metadata", 1.0, "JSON field 'published'"),
    ),
    "jsonl-html-metadata": (
        "a.jsonl",
        jsonl({"html": _page(PAGE_DATE, PAGE_PARAGRAPHS).decode()}),
        (dt.date(2016, 3, 9), "metadata", 1.0, "HTML page metadata"),
    ),
    "jsonl-inferred": (
        "a.jsonl",
        jsonl({"text": DATED_BODY}),
        (dt.date(2016, 3, 8), "inferred", 0.6, INFERRED_REASON),
    ),
}


@pytest.mark.parametrize(
    ("name", "data", "expected"), PROVENANCE_CASES.values(), ids=PROVENANCE_CASES.keys()
)
def test_ingest_published_provenance_is_recorded_for_every_format(
    write_file: WriteFile, name: str, data: bytes, expected: tuple[object, ...]
) -> None:
    assert provenance(only_article(read(write_file(name, data)))) == expected


def test_ingest_jsonl_bad_published_warns_and_the_text_gives_the_date(
    write_file: WriteFile,
) -> None:
    items = read(write_file("bad.jsonl", jsonl({"text": DATED_BODY, "published": "last week"})))
    [warning] = problems(items)
    assert warning.severity is Severity.WARNING and "published" in warning.reason
    [article] = articles(items)
    assert (article.published, article.published_source) == (dt.date(2016, 3, 8), "inferred")


def test_ingest_published_inference_goes_on_past_bad_inputs(write_file: WriteFile) -> None:
    bad = write_file("broken.jsonl", jsonl({"text": DATED_BODY}) + b'{"text": "cut sho')
    good = write_file("z.txt", "Updated November 17, 2021\n\n" + DATED_BODY)
    items = read(bad, good)
    [problem] = problems(items)
    assert problem.source == f"{bad}:2" and "invalid JSON" in problem.reason
    assert [provenance(a)[:2] for a in articles(items)] == [
        (dt.date(2016, 3, 8), "inferred"),
        (dt.date(2016, 3, 8), "inferred"),
    ]
