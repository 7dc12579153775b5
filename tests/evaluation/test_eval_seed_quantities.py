"""Evaluation suite: every figure in the two seed articles, checked by hand and pinned (issue #3).

The articles are read from ../shared/seeds (skipped, with the reason, when it is absent); only
offsets and the fields read by hand are kept here, never their text. Each tuple is
(start_char, end_char, value or (low, high), approx, unit, measure, subject, linked to a second
unit); the subject is the canonical actor when the actors stage names one (issue #6). Checked
by reading both articles: every figure is here, and nothing that is a year, a day,
an ordinal or "one of the" is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main

pytestmark = pytest.mark.evaluation

Pinned = tuple[int, int, Any, str, str, str, str | None, bool]

SEED_FIGURES: dict[str, list[Pinned]] = {
    "000": [
        (444, 460, 40.0, "approximate", "percent", "territory_share", "Islamic State", False),
        (492, 512, 20.0, "more_than", "percent", "territory_share", "Islamic State", False),
        (591, 605, 33.333333, "nearly", "percent", "territory_share", "Islamic State", False),
        (1093, 1105, 1300.0, "exact", "count", "force_size", "Fursan al-Haq Brigade", False),
        (2629, 2639, 14.0, "exact", "percent", "territory_share", "Islamic State", False),
        (2745, 2757, 3.0, "exact", "month", "other", None, False),
        (2777, 2790, 8.0, "exact", "percent", "territory_share", "the jihadis", False),
        (2881, 2891, 20.0, "exact", "percent", "territory_share", None, False),
        (2997, 3020, 2400.0, "exact", "km2", "area", "Syrian Democratic Forces", True),
        (3022, 3038, 927.0, "exact", "mi2", "area", "Syrian Democratic Forces", True),
        (3054, 3066, 315.0, "exact", "village", "places_count", "Syrian Democratic Forces", False),
        (3656, 3695, (21000.0, 24000.0), "exact", "km2", "area", "Islamic State", True),
        (3697, 3721, (8100.0, 9200.0), "exact", "mi2", "area", "Islamic State", True),
        (3724, 3733, 40.0, "approximate", "percent", "territory_share", "Islamic State", False),
        (3888, 3891, 130.0, "exact", "person", "killed", None, False),
        (4011, 4014, 224.0, "exact", "person", "killed", None, False),
        (4069, 4085, 20.0, "at_least", "person", "killed", None, False),
        (5029, 5054, (19000.0, 25000.0), "exact", "fighter", "force_size", "Islamic State", False),
        (
            5085,
            5114,
            (20000.0, 31500.0),
            "approximate",
            "fighter",
            "force_size",
            "Islamic State",
            False,
        ),
        (5707, 5725, 83.0, "at_least", "person", "killed", None, False),
        (5738, 5757, 100.0, "more_than", "person", "wounded", None, False),
        (5828, 5830, 61.0, "exact", "person", "killed", None, False),
        (5843, 5845, 95.0, "exact", "person", "wounded", None, False),
        (5930, 5940, 1.0, "exact", "person", "killed", None, False),
        (5953, 5966, 600.0, "more_than", "person", "wounded", None, False),
        (6098, 6113, 47.0, "exact", "fighter", "killed", "Syrian Democratic Forces", False),
        (6118, 6131, 140.0, "exact", "militant", "killed", None, False),
    ],
    "003": [
        (750, 759, 40.0, "approximate", "percent", "territory_share", "Daesh", False),
        (854, 863, 10.0, "approximate", "percent", "territory_share", "Daesh", False),
        (1186, 1195, 65.0, "exact", "nation", "count", None, False),
        (2433, 2443, 130.0, "exact", "person", "killed", None, False),
        (4367, 4418, 100.0, "more_than", "leader", "killed", "Iraqi IS", False),
        (4469, 4472, 1.0, "exact", "count", "other", None, False),
        (4479, 4487, 2.0, "exact", "day", "other", None, False),
    ],
}


def seed_quantities(shared: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, list[Pinned]]:
    seeds = sorted(str(path) for path in (shared / "seeds").glob("*.txt"))
    assert main(["extract", *seeds, "--published", "2016-03-17"]) == 0
    found = {}
    for line in capsys.readouterr().out.splitlines():
        record = json.loads(line)
        found[Path(record["path"]).name[:3]] = [as_pinned(q) for q in record["quantities"]]
    return found


def as_pinned(quantity: dict[str, Any]) -> Pinned:
    ranged = quantity["low"] is not None
    number = (quantity["low"], quantity["high"]) if ranged else quantity["value"]
    return (
        quantity["start_char"],
        quantity["end_char"],
        number,
        quantity["approx"],
        quantity["unit"],
        quantity["measure"],
        quantity["subject"],
        quantity["same_as"] is not None,
    )


def test_eval_seed_quantities_every_figure_as_checked_by_hand(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert seed_quantities(shared_dir, capsys) == SEED_FIGURES


def test_eval_seed_quantities_text_is_the_span_and_linked_units_agree(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = sorted(str(path) for path in (shared_dir / "seeds").glob("*.txt"))
    assert main(["extract", *seeds, "--published", "2016-03-17"]) == 0
    for line in capsys.readouterr().out.splitlines():
        record = json.loads(line)
        for quantity in record["quantities"]:
            start, end = quantity["start_char"], quantity["end_char"]
            assert record["text"][start:end] == quantity["text"]
            if quantity["same_as"] is not None:
                assert quantity["conversion"] == "agrees"  # 2,400 km2 is 927 mi2, and so on
