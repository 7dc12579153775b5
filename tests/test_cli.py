"""The `sitrep` command end to end: exit codes, what goes to stdout and stderr, what is stored."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sitrep.cli import main
from sitrep.errors import StoreError
from sitrep.export import schema
from sitrep.model import AnnotatedArticle, Article, Event, Place, Toll
from sitrep.store import SQLiteStore

WriteFile = Callable[[str, str | bytes], Path]

MARKET = """---
title: Market shelled in Hasakah
outlet: River Post
published: 2016-03-01
---
Shelling hit the vegetable market in Hasakah on Monday morning.

Two people were hurt, medics at the city hospital said.
"""

SHADDADI = """---
title: Fighters enter al-Shaddadi
outlet: Northern Desk
published: 2016-02-19
---
Fighters entered al-Shaddadi on Friday after a week of clashes.

The town had been held by militants for two years, residents said.
"""

CONVOY = """Aid convoy reaches Manbij

Aid trucks reached Manbij on Sunday after the road was cleared of mines.

The convoy carried flour, blankets and medicine for some 4,000 families.
"""

TITLES = ("Market shelled in Hasakah", "Fighters enter al-Shaddadi", "Aid convoy reaches Manbij")

WIRE = [
    "Government troops and allied militias retook the hilltop village of Kafr Nasra on Thursday"
    " after two days of heavy fighting, a military spokesman said in a statement read on state"
    " television.",
    "The spokesman said engineers were clearing roadside bombs from the only road into the"
    " village.",
    "Families who fled last week would be allowed to return once that work was finished, he added.",
    "A local council member reached by telephone said at least nine civilians had been killed in"
    " the clashes, among them a teacher and her two sons, and that the small clinic had been badly"
    " damaged.",
    "Aid workers said about four hundred families were sheltering in a school in the nearby market"
    " town, where water was running short and the bakery had closed for lack of flour.",
    "The village sits on a ridge above the main highway to the coast.",
    "Both sides have fought over it repeatedly since the spring because guns placed there can reach"
    " the road below.",
    "Opposition fighters said they had withdrawn to avoid further losses among residents and vowed"
    " to return, but gave no figure for their own dead or wounded.",
    "The United Nations called on all sides to let medical teams reach the wounded without delay.",
]

OTHER_STORY = [
    "Police in the port city detained six men on Wednesday over a string of car thefts.",
    "The men were held after a night raid on a garage near the fish market, officers said.",
]


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def records(jsonl: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in jsonl.splitlines()]


def without_event_ids(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for record in found:
        for event in record["events"]:
            del event["event_id"]
    return found


def dump(db: Path) -> list[str]:
    """Every table of the store, the FTS5 shadow tables included, as SQL."""
    with closing(sqlite3.connect(db)) as connection:
        return list(connection.iterdump())


def stored_paths(db: Path) -> list[str]:
    with SQLiteStore.open(db) as store:
        return sorted(str(annotated.article.path) for annotated in store.articles())


@pytest.fixture
def reports(write_file: WriteFile) -> Path:
    """A folder of three hand-written articles."""
    write_file("a_market.txt", MARKET)
    write_file("b_shaddadi.txt", SHADDADI)
    return write_file("c_convoy.txt", CONVOY).parent


@pytest.fixture
def ingested(reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "store.db"
    assert run(capsys, "ingest", reports, "--db", db)[0] == 0
    return db


def wire_story(outlet: str, paragraphs: Sequence[str]) -> str:
    return f"---\noutlet: {outlet}\npublished: 2016-03-10\n---\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture
def wire_copies(write_file: WriteFile) -> tuple[Path, Path, Path]:
    """The same ~200-word story from two outlets (one cut and edited), and another story."""
    edited = [p.replace("further losses", "more losses") for p in WIRE]
    del edited[5]
    original = write_file("w1_tigris.txt", wire_story("Tigris Wire", WIRE))
    copy = write_file("w2_gulf.txt", wire_story("Gulf Courier", edited))
    other = write_file("w3_levant.txt", wire_story("Levant Ledger", OTHER_STORY))
    return original, copy, other


def check_spans(record: dict[str, Any]) -> None:
    text = record["text"]
    previous_end = 0
    for start, end in record["sentences"]:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end


# ingest -----------------------------------------------------------------------------------------


def test_cli_ingest_prints_a_summary(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.db"
    code, out, err = run(capsys, "ingest", reports, "--db", db)
    assert code == 0
    assert out == f"3 articles read into {db}: 3 new, 0 updated, 0 unchanged\n"
    assert err == ""
    assert stored_paths(db) == sorted(str(path) for path in reports.iterdir())


def test_cli_ingest_again_changes_nothing(
    reports: Path, ingested: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(ingested)
    code, out, _ = run(capsys, "ingest", reports, "--db", ingested)
    assert code == 0
    assert "3 articles read" in out
    assert "0 new, 0 updated, 3 unchanged" in out
    after = dump(ingested)
    assert any(line.startswith('INSERT INTO "articles_fts_data"') for line in after)
    assert after == before


def test_cli_ingest_reports_each_bad_input_on_one_line(
    write_file: WriteFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [write_file("good_market.txt", MARKET), write_file("good_convoy.txt", CONVOY)]
    latin = write_file("latin.txt", b"Aid reached the caf\xe9 district on Monday.\n")
    jsonl = write_file("wire.jsonl", b'{"text": "Schools reopened on Monday."}\n{"text": "Scho')
    feed = write_file(
        "feed.xml",
        b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Delta Monitor</title>
<item><title>Empty entry</title></item>
<item><title>Ferry runs</title><description>The ferry ran on Tuesday.</description></item>
</channel></rss>""",
    )
    bad = {
        "empty": write_file("empty.txt", b""),
        "blank": write_file("blank.txt", b"   \n\n\t \n"),
        "binary": write_file("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
        "json": f"{jsonl}:2",
        "html": write_file("page.html", b"<html><head><title>Post</title></head></html>"),
        "feed": f"{feed}#1",
        "huge": write_file("huge.txt", b"word " * 1000),
        "missing": tmp_path / "inputs" / "missing.txt",
    }
    inputs = [*good, latin, jsonl, feed, *(v for k, v in bad.items() if k not in ("json", "feed"))]
    db = tmp_path / "store.db"
    code, out, err = run(capsys, "ingest", *inputs, "--db", db, "--max-bytes", 4000)
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("sitrep: error: ")]
    assert len(errors) == len(bad)
    for source in bad.values():
        [line] = [line for line in errors if line.startswith(f"sitrep: error: {source}: ")]
        assert len(line) > len(f"sitrep: error: {source}: ") + 5
    [warning] = [line for line in err.splitlines() if line.startswith("sitrep: warning: ")]
    assert warning.startswith(f"sitrep: warning: {latin}: ")
    assert len(err.splitlines()) == len(bad) + 1
    assert f"; {len(bad)} error(s), 1 warning(s)" in out
    expected = sorted(str(path) for path in [*good, latin, jsonl, feed])
    assert stored_paths(db) == expected


def test_cli_ingest_failing_batch_leaves_nothing_behind(
    reports: Path, write_file: WriteFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_file("d_extra.txt", wire_story("Tigris Wire", WIRE[:3]))
    db = tmp_path / "store.db"
    with SQLiteStore.open(db), closing(sqlite3.connect(db)) as connection:
        # The second batch fails after its articles, buckets and FTS rows were written.
        connection.execute(
            "CREATE TRIGGER fail_third BEFORE INSERT ON annotations"
            " WHEN (SELECT count(*) FROM articles) > 2"
            " BEGIN SELECT RAISE(ABORT, 'disk is full'); END"
        )
        connection.commit()
    code, out, err = run(capsys, "ingest", reports, "--db", db, "--batch-size", 2)
    assert code == 2
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("sitrep: error: ")
    assert "disk is full" in line
    assert stored_paths(db) == [str(reports / "a_market.txt"), str(reports / "b_shaddadi.txt")]
    with closing(sqlite3.connect(db)) as connection:
        ids = {row[0] for row in connection.execute("SELECT id FROM articles")}
        annotated = {row[0] for row in connection.execute("SELECT article_id FROM annotations")}
        bucketed = {row[0] for row in connection.execute("SELECT article_id FROM minhash_buckets")}
        [[indexed]] = connection.execute("SELECT count(*) FROM articles_fts_docsize")
        [[kinds]] = connection.execute("SELECT count(DISTINCT article_id || kind) FROM annotations")
    assert annotated == bucketed == ids
    assert indexed == 2
    assert kinds == 16  # the non-empty kinds of both stored articles: no half-written article


def test_cli_ingest_store_failure_is_one_line_and_keeps_earlier_batches(
    reports: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = SQLiteStore.write
    calls: list[int] = []

    def failing_write(self: SQLiteStore, items: Any, **options: Any) -> Any:
        calls.append(len(items))
        if len(calls) == 2:
            raise StoreError(f"writing {len(items)} articles to {self.path} failed: disk is full")
        return original(self, items, **options)

    monkeypatch.setattr(SQLiteStore, "write", failing_write)
    db = tmp_path / "store.db"
    code, out, err = run(capsys, "ingest", reports, "--db", db, "--batch-size", 2)
    assert code == 2
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("sitrep: error: ")
    assert "disk is full" in line
    monkeypatch.undo()
    assert stored_paths(db) == [str(reports / "a_market.txt"), str(reports / "b_shaddadi.txt")]


# What a store shows, to compare two of them.
STORE_VIEWS = (("export",), ("events", "--json"), ("claims", "--json"))


def test_cli_ingest_on_a_local_dask_cluster_gives_the_same_store(
    reports: Path,
    wire_copies: tuple[Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown = []
    for name, options in (("local", []), ("dask", ["--dask", "local[2]"])):
        db = tmp_path / f"{name}.db"
        code, out, err = run(capsys, "ingest", reports, "--db", db, "--batch-size", 2, *options)
        assert (code, err) == (0, "")
        assert out == f"6 articles read into {db}: 6 new, 0 updated, 0 unchanged, 1 wire copy\n"
        shown.append([run(capsys, *command, "--db", db)[1] for command in STORE_VIEWS])
    assert shown[0] == shown[1]
    assert all(shown[0][:2])  # articles and events (these reports make no claim group)


@pytest.mark.parametrize(
    ("dask", "message"),
    [
        ("tcp://127.0.0.1:9", "cannot reach the Dask scheduler at tcp://127.0.0.1:9: "),
        ("local[0]", "--dask local[0]: a local cluster needs at least one worker"),
        ("127.0.0.1", "--dask '127.0.0.1' is neither local[N] nor a scheduler address"),
    ],
)
def test_cli_ingest_dask_errors_are_one_line(
    dask: str, message: str, reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.db"
    code, out, err = run(capsys, "ingest", reports, "--db", db, "--dask", dask, "--dask-timeout", 1)
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith(f"sitrep: error: {message}")
    assert line.endswith(")")  # the remedy


# extract ----------------------------------------------------------------------------------------


def test_cli_extract_prints_schema_valid_records(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "extract", reports)
    assert (code, err) == (0, "")
    found = records(out)
    assert [record["title"] for record in found] == list(TITLES)
    validator = jsonschema.Draft202012Validator(schema())
    for record in found:
        validator.validate(record)
        assert record["sentences"]
        check_spans(record)


def test_cli_extract_published_overrides_every_input(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "extract", reports, "--published", "2016-03-17")
    assert code == 0
    assert {record["published"] for record in records(out)} == {"2016-03-17"}


def test_cli_extract_to_a_file_leaves_no_temporary_file(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, _ = run(capsys, "extract", reports, "-o", folder / "reports.jsonl")
    assert (code, out) == (0, "")
    assert [path.name for path in folder.iterdir()] == ["reports.jsonl"]
    written = (folder / "reports.jsonl").read_text(encoding="utf-8")
    assert written == run(capsys, "extract", reports)[1]


# export -----------------------------------------------------------------------------------------


def test_cli_export_gives_the_same_records_as_extract(
    reports: Path,
    wire_copies: tuple[Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "store.db"
    assert run(capsys, "ingest", reports, "--db", db)[0] == 0
    code, exported, _ = run(capsys, "export", "--db", db)
    assert code == 0
    extracted = run(capsys, "extract", reports)[1]
    by_id = sorted(records(extracted), key=lambda record: record["id"])
    # Events differ in their id alone: the store gives the merged event's, extract the report's.
    assert without_event_ids(records(exported)) == without_event_ids(by_id)
    assert sum(1 for record in by_id if record["copy_of"]) == 1
    for record in records(exported):
        jsonschema.validate(record, schema())


def test_cli_export_to_a_file_is_atomic_and_valid(
    ingested: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, _ = run(capsys, "export", "--db", ingested, "-o", folder / "store.jsonl")
    assert (code, out) == (0, "")
    assert [path.name for path in folder.iterdir()] == ["store.jsonl"]
    found = records((folder / "store.jsonl").read_text(encoding="utf-8"))
    assert len(found) == 3
    for record in found:
        jsonschema.validate(record, schema())
        check_spans(record)


def test_cli_export_without_a_store_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, output = tmp_path / "absent.db", tmp_path / "out.jsonl"
    code, out, err = run(capsys, "export", "--db", db, "-o", output)
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith(f"sitrep: error: no store at {db}")
    assert sorted(tmp_path.iterdir()) == []


# search -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Hasakah", TITLES[0]),
        ('"medics at the city hospital"', TITLES[0]),
        ("al-Shaddadi", TITLES[1]),
        ("blankets medicine", TITLES[2]),
    ],
    ids=["word", "phrase", "hyphenated", "words"],
)
def test_cli_search_finds_the_article(
    ingested: Path, capsys: pytest.CaptureFixture[str], query: str, title: str
) -> None:
    code, out, _ = run(capsys, "search", query, "--db", ingested, "--json")
    assert code == 0
    [hit] = records(out)
    assert hit["title"] == title
    assert "[" in hit["snippet"]


def test_cli_search_text_output(ingested: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "Manbij", "--db", ingested)
    assert code == 0
    assert TITLES[2] in out
    assert err == "1 hit\n"


def test_cli_search_phrase_does_not_match_scattered_words(
    ingested: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "search", '"hospital city"', "--db", ingested, "--json")
    assert (code, out) == (0, "")


@pytest.mark.parametrize("query", ["AND", "   "])
def test_cli_search_bad_query_fails_on_one_line(
    ingested: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    code, out, err = run(capsys, "search", query, "--db", ingested)
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith("sitrep: error: ")


# stats and demo ---------------------------------------------------------------------------------


def test_cli_stats_text(ingested: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--db", ingested)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Store"
    assert lines[1].split()[:2] == ["articles", "3"]
    assert "River Post (1)" in out
    assert "Northern Desk (1)" in out
    assert "2016-02-19 to 2016-03-01 (1 undated)" in out


def test_cli_stats_json(ingested: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--db", ingested, "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["articles"] == 3
    assert stats["copies"] == 0
    assert stats["outlets"] == {"(unknown)": 1, "Northern Desk": 1, "River Post": 1}
    assert (stats["first_published"], stats["last_published"]) == ("2016-02-19", "2016-03-01")
    assert stats["undated"] == 1
    assert stats["annotations"]["paragraphs"] == 6
    assert stats["annotations"]["sentences"] >= 6


def test_cli_stats_show_articles_left_to_merge_until_an_ingest_merges_them_issue_10(
    ingested: Path, reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run killed between its batches and its merge leaves articles waiting; the stats say
    so, and the next ingest, even of nothing new, merges them."""
    with closing(sqlite3.connect(ingested)) as db:
        db.execute("INSERT INTO pending_reconcile SELECT id FROM articles")
        db.commit()
    out = run(capsys, "stats", "--db", ingested)[1]
    assert "pending       3 articles whose events and claims are not merged yet" in out
    assert json.loads(run(capsys, "stats", "--db", ingested, "--json")[1])["pending_reconcile"] == 3
    assert run(capsys, "ingest", reports, "--db", ingested)[0] == 0
    assert "pending" not in run(capsys, "stats", "--db", ingested)[1]
    assert json.loads(run(capsys, "stats", "--db", ingested, "--json")[1])["pending_reconcile"] == 0


def test_cli_demo_shows_the_sample_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "demo", "--db", tmp_path / "d.db")
    assert code == 0
    lines = out.splitlines()
    assert "Store" in lines
    outlets_line = next(line for line in lines if line.strip().startswith("outlets"))
    assert int(outlets_line.split()[1].rstrip(":")) >= 6
    listed = lines[lines.index("Articles") + 1 :]
    articles = [line for line in listed if line.strip().endswith("sentences")]
    assert len(articles) >= 12
    assert sum("wire copy of" in line for line in lines) == 1
    assert "(1 wire copies" in out or "(1 wire copy" in out


def test_cli_demo_lists_places_with_coordinates_and_actors_with_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # issue #6
    lines = run(capsys, "demo", "--db", tmp_path / "d.db")[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Places"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Actors"))
    places = lines[start + 1 : end]
    baghdad = next(line for line in places if " Baghdad (city, exact" in line)
    lat, lon = (float(value) for value in baghdad.split()[:2])
    assert abs(lat - 33.3) < 0.1 and abs(lon - 44.4) < 0.1
    assert any(" IQ  Tāzah Khūrmātū (city" in line for line in places)  # not Morocco's Taza
    actors = lines[end + 1 :]
    assert any(line.startswith("  Islamic State (") and "mentions" in line for line in actors)


def test_cli_demo_ends_with_the_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = run(capsys, "demo", "--db", tmp_path / "d.db")[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Events"))
    assert start > next(i for i, line in enumerate(lines) if line.startswith("Actors"))
    listed = lines[start + 1 : lines.index("", start)]
    assert listed == ["  none"] or all(
        re.match(r"  (\d{4}-\d\d-\d\d|undated)[. ]", line) for line in listed
    )


def test_cli_demo_time_line_holds_events_and_figures_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # issue #5: the sample corpus' events and figures on one time line
    lines = run(capsys, "demo", "--db", tmp_path / "d.db")[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Time line"))
    listed = lines[start + 1 : lines.index("", start)]
    events = [line for line in listed if line.split()[1] == "event"]
    assert events and len(events) < len(listed)
    days = [line.split()[0][:10] for line in listed]
    assert days == sorted(days)
    assert any(
        line.startswith("    2016-02-21 ") and "bombing at Damascus SY, killed " in line
        for line in events
    )


def test_cli_demo_twice_gives_the_same_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(capsys, "demo", "--db", tmp_path / "d.db")
    second = run(capsys, "demo", "--db", tmp_path / "d.db")
    assert first == second
    assert first[0] == 0


# wire copies ------------------------------------------------------------------------------------


def test_cli_wire_copy_is_linked_to_the_first(
    wire_copies: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original, copy, other = wire_copies
    db = tmp_path / "store.db"
    code, out, _ = run(capsys, "ingest", original.parent, "--db", db)
    assert code == 0
    assert "1 wire copy" in out
    by_path = {record["path"]: record for record in records(run(capsys, "export", "--db", db)[1])}
    assert by_path[str(original)]["copy_of"] is None
    assert by_path[str(copy)]["copy_of"] == by_path[str(original)]["id"]
    assert by_path[str(copy)]["outlet"] == "Gulf Courier"
    assert by_path[str(other)]["copy_of"] is None


# events -----------------------------------------------------------------------------------------

HASAKAH = Place(40, 47, "Hasakah", "Al Ḩasakah", "SY", 36.50, 40.75, "city", None, 1)
QAMISHLI = Place(40, 48, "Qamishli", "Al Qāmishlī", "SY", 37.05, 41.22, "city", None, 1)


def reported(
    text: str, outlet: str, *, type: Any, place: Place, killed: float, day: str
) -> AnnotatedArticle:
    """An article with one event built by hand, dated the day after it."""
    event = Event(
        0,
        8,
        trigger=text[:8],
        type=type,
        place=place,
        interval=(day, day),
        killed=Toll(value=killed),
        perpetrator="Islamic State" if type == "bombing" else None,
    )
    published = dt.date.fromisoformat(day) + dt.timedelta(days=1)
    article = Article.create(text, outlet=outlet, published=published)
    return AnnotatedArticle(article, {"events": (event,)})


@pytest.fixture
def with_events(tmp_path: Path) -> Path:
    """Two outlets' reports of one bombing in Hasakah, and shelling in Qamishli days later."""
    from sitrep.dedup import MinHasher, buckets
    from sitrep.store import Fingerprint, WriteItem

    hasakah = {"place": HASAKAH, "day": "2016-02-29"}
    stories = [
        reported("Car bomb hits the market.", "River Post", type="bombing", killed=12, **hasakah),
        reported("Suicide bomber kills 14.", "Tigris Wire", type="suicide_bombing", killed=14,
                 **hasakah),
        reported("Shells fall on Qamishli.", "Levant Ledger", type="shelling", place=QAMISHLI,
                 killed=3, day="2016-03-05"),
    ]  # fmt: skip
    items = []
    for annotated in stories:
        sketch = MinHasher.create().sketch(annotated.article.text)
        keys = tuple(buckets(sketch.signature))
        fingerprint = Fingerprint(sketch.signature.tobytes(), sketch.shingles, keys)
        items.append(WriteItem(annotated, "by hand", True, fingerprint))
    db = tmp_path / "events.db"
    with SQLiteStore.open(db) as store:
        store.write(items)
    return db


def test_cli_events_lists_one_line_per_event(
    with_events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "events", "--db", with_events)
    assert (code, err) == (0, "2 events\n")
    bombing, shelling = out.splitlines()
    assert bombing.split()[:4] == ["2016-02-29", "suicide_bombing", "Al", "Ḩasakah"]
    assert "killed 12/12/14 disputed" in bombing
    assert bombing.endswith("2 reports, 2 outlets  by Islamic State")
    assert shelling.split()[:2] == ["2016-03-05", "shelling"]
    assert shelling.endswith("1 report, 1 outlet")


def test_cli_events_json_gives_each_event_with_its_reports(
    with_events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "events", "--db", with_events, "--json")
    assert code == 0
    bombing, shelling = records(out)
    assert bombing["outlets"] == ["River Post", "Tigris Wire"]
    assert bombing["killed"] == {"low": 12, "best": 12, "high": 14, "disputed": True, "sources": 2}
    assert sorted(r["event"]["type"] for r in bombing["reports"]) == ["bombing", "suicide_bombing"]
    assert [r["published"] for r in bombing["reports"]] == ["2016-03-01"] * 2
    assert (shelling["place"]["name"], shelling["interval"]) == (
        "Al Qāmishlī",
        ["2016-03-05", "2016-03-05"],
    )


@pytest.mark.parametrize(
    ("options", "types"),
    [
        (["--type", "bombing"], ["suicide_bombing"]),
        (["--since", "2016-03-01"], ["shelling"]),
        (["--until", "2016-03-01"], ["suicide_bombing"]),
        (["--place", "qamishli"], ["shelling"]),
        (["--place", "SY", "--limit", "1"], ["suicide_bombing"]),
        (["--type", "protest"], []),
    ],
)
def test_cli_events_filters(
    with_events: Path, capsys: pytest.CaptureFixture[str], options: list[str], types: list[str]
) -> None:
    code, out, _ = run(capsys, "events", "--db", with_events, "--json", *options)
    assert code == 0
    assert [event["type"] for event in records(out)] == types


@pytest.mark.parametrize("options", [["--type", "riot"], ["--since", "1 March"]])
def test_cli_events_rejects_bad_options(
    with_events: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["events", "--db", str(with_events), *options])
    assert exit_info.value.code == 2
    assert options[0] in capsys.readouterr().err


def test_cli_events_without_a_store_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "events", "--db", tmp_path / "absent.db")
    assert (code, out) == (2, "")
    assert err.startswith("sitrep: error: no store at")


def test_cli_export_gives_reports_of_one_event_its_shared_id(
    with_events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "export", "--db", with_events)
    assert code == 0
    exported = records(out)
    for record in exported:
        jsonschema.validate(record, schema())
    ids = {r["outlet"]: r["events"][0]["event_id"] for r in exported}
    merged = [json.loads(line) for line in run(capsys, "events", "--db", with_events, "--json")[1]
              .splitlines()]  # fmt: skip
    assert ids["River Post"] == ids["Tigris Wire"] == merged[0]["event_id"]
    assert ids["Levant Ledger"] == merged[1]["event_id"]


# help -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["ingest"],
        ["extract"],
        ["export"],
        ["search"],
        ["events"],
        ["stats"],
        ["demo"],
        ["schema"],
    ],
)
def test_cli_help_has_an_example(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "Example:" in capsys.readouterr().out


def test_cli_output_into_a_missing_folder_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 2: `-o nodir/out.jsonl` ended in a traceback with the input-error exit code."""
    story = tmp_path / "story.txt"
    story.write_text("Aid trucks reached the town on Sunday, officials said.\n", encoding="utf-8")
    code = main(["extract", str(story), "-o", str(tmp_path / "nodir" / "out.jsonl")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("sitrep: error:") and "does not exist" in err[0]


def test_cli_demo_refuses_to_replace_a_real_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sitrep demo --db sitrep.db` given by mistake must not wipe an analyst's store."""
    story = tmp_path / "story.txt"
    story.write_text("Aid trucks reached the town on Sunday, officials said.\n", encoding="utf-8")
    db = tmp_path / "real.db"
    assert main(["ingest", str(story), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["demo", "--db", str(db)]) == 2
    assert "other than the sample corpus" in capsys.readouterr().err
    assert main(["stats", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 1


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_cli_stats_count_dates_inferred_from_the_text(
    ingested: Path,
    write_file: WriteFile,
    capsys: pytest.CaptureFixture[str],
    as_json: bool,
) -> None:
    dated = write_file("d_dated.txt", "KIRKUK, Iraq, March 4, 2016 — " + CONVOY.split("\n\n")[1])
    assert run(capsys, "ingest", dated, "--db", ingested)[0] == 0
    code, out, _ = run(capsys, "stats", "--db", ingested, *(["--json"] if as_json else []))
    assert code == 0
    if as_json:
        assert json.loads(out)["inferred_dates"] == 1
    else:
        assert "2016-02-19 to 2016-03-04 (1 undated, 1 inferred from the text)" in out


def _geonames_row(*fields: str) -> str:
    """One tab-separated GeoNames row: id, name, ascii name, alternate names, lat, lon, feature
    class and code, country, then the admin codes, population, elevations, time zone, date."""
    geonameid, name, alternates, lat, lon, fclass, fcode, country = fields
    rest = ["", "02", "", "", "", "0", "", "", "Asia/Damascus", "2020-01-01"]
    return "\t".join([geonameid, name, name, alternates, lat, lon, fclass, fcode, country, *rest])


def test_cli_gazetteer_load_adds_a_dump_and_reports_bad_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sitrep.cli
    from sitrep.places.gazetteer import Gazetteer, load_geonames

    # The packaged places take a quarter of a minute to build; the dump alone shows the command.
    monkeypatch.setattr(
        sitrep.cli, "load_geonames", lambda path, cache: load_geonames(path, cache, packaged=False)
    )
    dump = tmp_path / "SY.txt"
    row = _geonames_row(
        "99001", "Qarqozak Bridge", "Qara Qozak", "36.63", "38.23", "S", "BDG", "SY"
    )
    dump.write_text(row + "\nnot a row\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert main(["gazetteer", "load", str(dump), "--cache", str(cache)]) == 0
    out, err = capsys.readouterr()
    assert "1 landmark" in out and "1 row read" in out
    assert f"{dump}:2" in err and "1 bad line skipped" in err
    gazetteer = Gazetteer.open(cache)  # what was loaded into it: the dump alone
    [entry] = gazetteer.lookup("Qara Qozak")
    assert (entry.name, entry.country, entry.kind) == ("Qarqozak Bridge", "SY", "landmark")


def test_cli_gazetteer_load_names_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.txt"
    assert main(["gazetteer", "load", str(missing), "--cache", str(tmp_path)]) == 2
    assert str(missing) in capsys.readouterr().err


def test_cli_claims_and_brief_on_a_small_store(tmp_path: Path) -> None:
    """Issue 8: `sitrep claims` lists the conflict, `sitrep brief` writes the file it is told."""
    story = tmp_path / "story.txt"
    story.write_text(
        "---\noutlet: Wire A\npublished: 2024-05-20\n---\n"
        "ISIS has lost more than 20 percent of its territory in Libya, officials estimate. "
        "ISIS has lost about 10 percent of its territory in Libya, said Col. Dana Reyes.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "t.db")
    assert main(["ingest", str(story), "--db", db]) == 0
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["claims", "--db", db, "--conflicts"]) == 0
    assert "CONFLICT  territory share lost · Islamic State · Libya" in out.getvalue()
    brief = tmp_path / "brief.html"
    assert main(["brief", "--db", db, "-o", str(brief)]) == 0
    assert brief.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["brief", "--db", db, "-o", str(tmp_path / "brief.pdf")]) == 2
    assert not (tmp_path / "brief.pdf").exists()


# serve (issue 9) ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--host", "0.0.0.0"], "needs a token"),
        (["--token-file", "missing-token"], "cannot read the token file"),
    ],
)
def test_cli_serve_refuses_to_start_unsafely(
    demo_copy: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    words: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    code, _, err = run(capsys, "serve", "--db", demo_copy, *extra)
    assert code == 2 and words in err


def test_cli_serve_needs_an_existing_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "serve", "--db", tmp_path / "none.db")
    assert code == 2 and "run `sitrep ingest` or `sitrep demo` first" in err
    assert not (tmp_path / "none.db").exists()


def test_cli_serve_runs_the_app_with_its_options(
    demo_copy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(app=app, **options))
    token = tmp_path / "token"
    token.write_text("s3cret\n", encoding="utf-8")
    code, _, err = run(
        capsys,
        "serve",
        "--db",
        demo_copy,
        "--host",
        "10.0.0.5",
        "--port",
        "8123",
        "--token-file",
        token,
    )
    assert code == 0 and (seen["host"], seen["port"]) == ("10.0.0.5", 8123)
    assert seen["app"].state.settings.token == "s3cret" and seen["app"].state.settings.public
    assert "http://10.0.0.5:8123/" in err


def test_cli_demo_tells_how_to_open_the_web_ui(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "demo", "--db", tmp_path / "d.db")
    assert f"sitrep serve --db {tmp_path / 'd.db'}" in out and "http://127.0.0.1:8000/" in out
