"""Evaluation suite: the two seed articles ingested together give issue #8's cross-check.

IS's loss of territory in Syria is a conflict with all four voices (the reporter's own "more
than 20 percent", IHS's 14 plus 8, Kerry's 20 and Col. Warren's "about 10"); its loss in Iraq
is agreed by three (the reporter, the coalition, Col. Warren), and the coalition's area lost
in Iraq is a group of its own, linked to it. The articles are read from ../shared/seeds
(skipped, with the reason, when absent); no text of theirs is kept here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_PUBLISHED

from sitrep.cli import main

pytestmark = pytest.mark.evaluation


@pytest.fixture(scope="module")
def seed_db(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    for name, published in SEED_PUBLISHED.items():
        [path] = (shared_dir / "seeds").glob(f"{name}_*.txt")
        outlet = f"outlet {name}"
        assert (
            main(["ingest", str(path), "--published", published, "--outlet", outlet, "--db", db])
            == 0
        )
    return db


def _groups(db: str, capsys: pytest.CaptureFixture[str], *options: str) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["claims", "--db", db, "--json", *options]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _figures(group: dict[str, Any]) -> dict[str, float]:
    [period] = group["periods"]
    return {stated["voice"]: stated["figure"]["value"] for stated in period["stated"]}


def test_eval_seed_claims_syria_territory_is_a_conflict_of_four_voices(
    seed_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    conflicts = _groups(seed_db, capsys, "--conflicts")
    [syria] = [g for g in conflicts if g["measure"] == "territory_share" and g["place"] == "Syria"]
    assert (syria["aspect"], syria["subject"]) == ("lost", "Islamic State")
    assert _figures(syria) == {
        "Colonel Steve Warren": 10.0,
        "outlet 000": 20.0,
        "IHS": 22.0,
        "Secretary of State John Kerry": 20.0,
    }


def test_eval_seed_claims_iraq_territory_agrees(
    seed_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    groups = _groups(seed_db, capsys, "--place", "Iraq", "--subject", "Islamic State")
    [share] = [g for g in groups if g["measure"] == "territory_share" and g["aspect"] == "lost"]
    [area] = [g for g in groups if g["measure"] == "area" and g["aspect"] == "lost"]
    assert not share["conflict"]
    assert set(_figures(share)) == {"Colonel Steve Warren", "outlet 000", "the coalition"}
    assert set(_figures(share).values()) == {40.0}
    assert share["linked"] == [area["group_id"]]
    assert _figures(area) == {"the coalition": 21000.0}


def test_eval_seed_claims_fighters_are_a_time_series(
    seed_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    [fighters] = _groups(seed_db, capsys, "--measure", "force_size", "--subject", "Islamic State")
    assert fighters["series"]
    assert [p["interval"][0][:4] for p in fighters["periods"]] == ["2014", "2016"]
    assert [(p["low"], p["high"]) for p in fighters["periods"]] == [
        (20000.0, 31500.0),
        (19000.0, 25000.0),
    ]


def test_eval_seed_claims_brief_cites_both_articles(
    seed_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.md"
    assert main(["brief", "--db", seed_db, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## Where sources disagree" in text
    assert "Territory share lost · Islamic State · Syria" in text
    assert "1. outlet 003" in text and "2. outlet 000" in text
