"""Every command that takes --db works on a PostgreSQL URL as on a SQLite file (issue 10): the same
output from the same corpus, and a password never printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PostgresServer, with_option

from sitrep.cli import main
from sitrep.jobs import sample_corpus


@pytest.fixture
def demo_url(postgres: PostgresServer, postgres_demo: str) -> str:
    return postgres.copy_database(postgres_demo)


@pytest.mark.parametrize(
    "command",
    [
        ["events", "--json"],
        ["claims", "--json"],
        ["claims", "--conflicts"],
        ["stats", "--json"],
        ["export"],
        ["brief"],
        ["events", "--type", "bombing", "--place", "IQ"],
    ],
)
def test_cli_store_commands_give_the_same_output_on_both_stores(
    command: list[str], demo_db: Path, demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for db in (str(demo_db), demo_url):
        assert main([*command, "--db", db]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 100


def test_cli_search_finds_the_same_articles_on_both_stores(
    demo_db: Path, demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = []
    for db in (str(demo_db), demo_url):
        assert main(["search", "Shaddadi", "--json", "--db", db]) == 0
        lines = capsys.readouterr().out.splitlines()
        found.append({json.loads(line)["id"] for line in lines})
    assert found[0] == found[1] and len(found[0]) >= 3


def test_cli_ingest_into_postgresql_and_again_changes_nothing(
    postgres: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgres.fresh_schema()
    assert main(["ingest", str(sample_corpus()), "--db", url]) == 0
    assert "16 new" in capsys.readouterr().out
    assert main(["ingest", str(sample_corpus()), "--db", url]) == 0
    assert "16 unchanged" in capsys.readouterr().out


def test_cli_postgresql_errors_name_the_server_without_its_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql://ana:hunter2@127.0.0.1:1/news"
    assert main(["stats", "--db", url]) != 0
    err = capsys.readouterr().err
    assert "postgresql://ana:***@127.0.0.1:1/news" in err and "hunter2" not in err


def test_cli_postgresql_store_in_a_schema_of_its_own(
    postgres: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """libpq's options reach the server: search_path keeps the tables in a named schema."""
    with postgres.admin() as db:
        db.execute("CREATE SCHEMA IF NOT EXISTS newsroom")
    url = with_option(postgres.url, "-csearch_path=newsroom")
    assert main(["ingest", str(sample_corpus()), "--db", url]) == 0
    capsys.readouterr()
    with postgres.admin() as db:
        tables = db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'newsroom'"
        ).fetchone()[0]
    assert tables >= 10


def test_cli_demo_into_postgresql_runs_again_and_spares_a_real_store(
    postgres: PostgresServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # the brief of a server's store lands in the current folder
    url = postgres.fresh_schema()
    for _ in range(2):
        assert main(["demo", "--db", url]) == 0
        assert "articles      16 (1 wire copy" in capsys.readouterr().out
    assert (tmp_path / "sitrep_test-brief.html").is_file()
    story = tmp_path / "own.txt"
    story.write_text("Shelling hit the town of Kobani on Monday, residents said.")
    assert main(["ingest", str(story), "--db", url]) == 0
    assert main(["demo", "--db", url]) == 2
    assert "holds articles other than the sample corpus" in capsys.readouterr().err
