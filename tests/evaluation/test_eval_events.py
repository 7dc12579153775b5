"""Evaluation suite for events: CASE 2021, PLOVER and false events on BBC stay inside their pins.

The loaders and scorers are benchmarks/bench_events.py's (the code `make bench-events` runs) and
the floors and ceilings are benchmarks/floors.toml's, so the test and the benchmark can never
disagree. The whole four BBC folders take about two minutes through the pipeline, so the false
events are counted here on every third article of each folder by position (a fixed subset, pinned
by its own ceiling, `false_per_100_every_third`); speed is left to the benchmark.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

from sitrep.pipeline import Pipeline

pytestmark = pytest.mark.evaluation


bench = load_benchmark("bench_events")
harness = load_benchmark("harness")

CASE_CODES = {
    "ABDUCT_DISSAP",
    "AGREEMENT",
    "AIR_STRIKE",
    "ARMED_CLASH",
    "ARREST",
    "ART_MISS_ATTACK",
    "ATTACK",
    "CHANGE_TO_GROUP_ACT",
    "CHEM_WEAP",
    "DISR_WEAP",
    "FORCE_AGAINST_PROTEST",
    "GOV_REGAINS_TERIT",
    "GRENADE",
    "HQ_ESTABLISHED",
    "MOB_VIOL",
    "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_VIOL_TERRIT_TRANSFER",
    "OTHER",
    "PEACE_PROTEST",
    "PROPERTY_DISTRUCT",
    "PROTEST_WITH_INTER",
    "REM_EXPLOS",
    "SEX_VIOL",
    "SUIC_BOMB",
    "VIOL_DEMONSTR",
    "ORG_CRIME",
    "NATURAL_DISASTER",
    "MAN_MADE_DISASTER",
    "DIPLO",
    "ATTRIB",
}
# Every section the benchmark checks: a renamed one would otherwise pass unchecked.
PINNED_SECTIONS = (
    "events.case_dev",
    "events.case_heldout",
    "events.case_whole",
    "events.plover_dev",
    "events.plover_whole",
    "events.plover_dev_ceiling",
    "events.plover_whole_ceiling",
    "events.bbc_ceiling",
)


@pytest.fixture(scope="module")
def eval_root(shared_dir: Path) -> Path:
    return shared_dir / "eval"


@pytest.fixture(scope="module")
def run_events(pipeline: Pipeline) -> Any:
    return bench.pipeline_events(pipeline)


# --- CASE 2021 -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def snippets(eval_root: Path) -> list[Any]:
    return bench.load_case(eval_root)


@pytest.fixture(scope="module")
def case_pairs(snippets: list[Any]) -> dict[str, list[tuple[str, str]]]:
    return bench.score_case(snippets, bench.sitrep_classify())  # type: ignore[no-any-return]


def test_eval_events_case_is_read_whole(snippets: list[Any]) -> None:
    assert len(snippets) == 1019
    assert len({snippet.id for snippet in snippets}) == 1019
    assert {snippet.gold for snippet in snippets} == CASE_CODES
    assert sum(snippet.split == "heldout" for snippet in snippets) == 203
    assert all(snippet.text.strip() for snippet in snippets)


def test_eval_events_case_scorer_by_hand() -> None:
    """Worked by hand, as scikit-learn's f1_score computes it: a has P = R = 1/2, b P 1/2 R 1,
    c is never predicted (F1 0); weighted (2 x 1/2 + 1 x 2/3 + 0) / 4, macro (1/2 + 2/3) / 3."""
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("c", "a")]
    figures = bench.case_figures(pairs)
    assert figures["accuracy"] == pytest.approx(50.0)
    assert figures["weighted_f1"] == pytest.approx(100 * (1 + 2 / 3) / 4)
    assert figures["macro_f1"] == pytest.approx(100 * (1 / 2 + 2 / 3) / 3)


def test_eval_events_case_gold_given_back_scores_perfectly(snippets: list[Any]) -> None:
    gold = {snippet.text: snippet.gold for snippet in snippets}
    for pairs in bench.score_case(snippets, gold.__getitem__).values():
        assert all(value == 100.0 for value in bench.case_figures(pairs).values())


@pytest.mark.parametrize("split", ["dev", "heldout", "whole"])
def test_eval_events_case_meets_floors(
    case_pairs: dict[str, list[tuple[str, str]]], split: str
) -> None:
    figures = bench.case_figures(case_pairs[split])
    assert harness.check_floors(f"events.case_{split}", figures) == []


# --- PLOVER --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plover_records(eval_root: Path) -> list[Any]:
    return bench.load_plover(eval_root)


@pytest.fixture(scope="module")
def plover(plover_records: list[Any], run_events: Any) -> dict[str, Any]:
    return bench.score_plover(plover_records, run_events)  # type: ignore[no-any-return]


def test_eval_events_plover_is_read_whole(plover_records: list[Any]) -> None:
    assert len(plover_records) == 322  # the DOCUMENT record left out
    assert sum(record.category in bench.COVERED for record in plover_records) == 91
    assert sum(record.category in bench.NOT_COVERED for record in plover_records) == 231
    assert sum(record.split == "heldout" for record in plover_records) == 64
    assert sum(record.dead is not None for record in plover_records) == 15
    assert sum(record.injured is not None for record in plover_records) == 3
    assert sum(record.location is not None for record in plover_records) == 48


@pytest.mark.parametrize("split", ["dev", "whole"])
def test_eval_events_plover_meets_floors(plover: dict[str, Any], split: str) -> None:
    tally = plover[split]
    assert harness.check_floors(f"events.plover_{split}", tally.figures()) == []
    assert bench.check_ceilings(f"events.plover_{split}_ceiling", tally.ceiling_figures()) == []


def test_eval_events_plover_heldout_errors_are_never_kept(plover: dict[str, Any]) -> None:
    assert plover["heldout"].errors == []


# --- BBC -----------------------------------------------------------------------------------------


def test_eval_events_bbc_false_events_stay_under_ceiling(eval_root: Path, run_events: Any) -> None:
    articles = list(bench.load_bbc(every=bench.EVERY_THIRD, root=eval_root))
    assert len(articles) == 604  # a third of 510, 386, 511 and 401, rounded up
    tally = bench.false_events(articles, run_events)
    figures = {"false_per_100_every_third": tally.per_100(every=bench.EVERY_THIRD)}
    ceiling = bench.load_ceilings("events.bbc_ceiling")["false_per_100_every_third"]
    listed = "\n".join(f"{e.folder}/{e.name} {e.trigger!r}: {e.sentence}" for e in tally.events)
    assert figures["false_per_100_every_third"] <= ceiling, listed


# --- the pins themselves ---------------------------------------------------------------------


def test_eval_events_every_section_is_pinned() -> None:
    floors = harness.load_floors()
    assert [section for section in PINNED_SECTIONS if not floors.get(section)] == []
