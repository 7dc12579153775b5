"""Evaluation suite for quantities: NewsQuant and the regression suites stay above their floors.

The figures come from benchmarks/bench_quantities.py (the same code `make bench-quantities` runs)
and the floors from benchmarks/floors.toml, so the test and the benchmark can never disagree.
Speed and the BBC corpus are left to the benchmark: these tests stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

pytestmark = pytest.mark.evaluation


bench = load_benchmark("bench_quantities")
harness = load_benchmark("harness")


@pytest.fixture(scope="module")
def eval_root(shared_dir: Path) -> Path:
    return shared_dir / "eval"


@pytest.fixture(scope="module")
def newsquant(eval_root: Path) -> dict[str, Any]:
    return bench.score_newsquant(bench.load_newsquant(eval_root), bench.sitrep_extract)


def test_eval_quantities_newsquant_gold_is_read_whole(eval_root: Path) -> None:
    sentences = bench.load_newsquant(eval_root)
    assert len(sentences) == 590
    assert sum(len(sentence.gold) for sentence in sentences) == 904


@pytest.mark.parametrize("split", ["dev", "heldout", "whole"])
def test_eval_quantities_newsquant_meets_floor(newsquant: dict[str, Any], split: str) -> None:
    figures = newsquant[split].figures()
    assert harness.check_floors(f"quantities.newsquant_{split}", figures) == []


def test_eval_quantities_regression_suites_meet_floor(eval_root: Path) -> None:
    results = bench.run_regression(bench.sitrep_extract, eval_root)
    figures = {suite: result.pass_rate for suite, result in results.items()}
    assert harness.check_floors("quantities.regression", figures) == []


def test_eval_quantities_unsupported_list_names_real_cases(eval_root: Path) -> None:
    """Every rule and listed case still sets aside something: a stale entry hides nothing."""
    unsupported = bench.Unsupported.load(bench.UNSUPPORTED)
    cases = [case for suite in bench.SUITES for case in bench.load_cases(suite, eval_root)]
    for rule in unsupported.rules:
        assert any(rule.covers(case) for case in cases), rule.reason
    known = {(case.suite, harness.input_digest(case.text)) for case in cases}
    assert set(unsupported.cases) <= known


def test_eval_quantities_floor_check_fails_low_and_missing_figures() -> None:
    floors = {"quantities.demo": {"f1": 50.0, "recall": 40.0}}
    assert harness.check_floors("quantities.demo", {"f1": 50.0, "recall": 40.0}, floors) == []
    failures = harness.check_floors("quantities.demo", {"f1": 49.9}, floors)
    assert [failure.split(":")[0] for failure in failures] == [
        "quantities.demo f1",
        "quantities.demo recall",
    ]
