"""Evaluation suite for time expressions: TimeBank and the Recognizers-Text specs stay above their
floors.

The figures come from benchmarks/bench_times.py (the same code `make bench-times` runs) and the
floors from benchmarks/floors.toml, so the test and the benchmark can never disagree. Speed and
the BBC corpus are left to the benchmark: these tests stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

pytestmark = pytest.mark.evaluation


bench = load_benchmark("bench_times")
harness = load_benchmark("harness")


SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(scope="module")
def eval_root() -> Path:
    """../shared/eval beside the repository; without it these tests skip, saying so."""
    if not SHARED.is_dir():
        pytest.skip(f"needs ../shared: evaluation data not found at {SHARED}")
    return SHARED / "eval"


@pytest.fixture(scope="module")
def timebank(eval_root: Path) -> dict[str, Any]:
    return bench.score_timebank(bench.load_timebank(eval_root))


def test_eval_times_timebank_gold_is_read_whole(eval_root: Path) -> None:
    documents = list(bench.load_timebank(eval_root))
    assert len(documents) == 183
    assert sum(len(document.gold) for document in documents) == 1243
    assert sum(document.split == "heldout" for document in documents) == 36
    for document in documents[:20]:
        for gold in document.gold:
            assert document.text[gold.start : gold.end].strip()


@pytest.mark.parametrize("split", ["dev", "heldout", "whole"])
def test_eval_times_timebank_meets_floor(timebank: dict[str, Any], split: str) -> None:
    figures = timebank[split].figures()
    assert harness.check_floors(f"times.timebank_{split}", figures) == []


def test_eval_times_heldout_errors_are_never_kept(timebank: dict[str, Any]) -> None:
    heldout = timebank["heldout"]
    assert heldout.misses == heldout.false_positives == heldout.wrong_values == []


def test_eval_times_regression_specs_meet_floor(eval_root: Path) -> None:
    results = bench.run_regression(eval_root)
    figures = {suite: result.pass_rate for suite, result in results.items()}
    assert harness.check_floors("times.regression", figures) == []


def test_eval_times_unsupported_list_names_real_cases(eval_root: Path) -> None:
    """Every rule and listed case still sets aside something: a stale entry hides nothing."""
    unsupported = bench.Unsupported.load(bench.UNSUPPORTED)
    cases = [case for suite in bench.SUITES for case in bench.load_cases(suite, eval_root)]
    for rule in unsupported.rules:
        assert any(rule.covers(case) for case in cases), rule.reason
    known = {(case.suite, harness.input_digest(case.text)) for case in cases}
    assert set(unsupported.cases) <= known


@pytest.mark.parametrize(
    ("ours", "gold", "agree"),
    [
        ("1989-W42", "1989-WXX", True),  # the annotator left the week open
        ("P10Y", "P1E", True),  # TimeBank's decade letter
        ("1998-02-11T22:00", "1998-02-11T22", True),  # a time on the hour
        ("1989-Q3", "1988-Q3", False),
        ("PXY", "PAST_REF", False),
    ],
)
def test_eval_times_value_comparison_is_the_documented_one(
    ours: str, gold: str, agree: bool
) -> None:
    from sitrep.model import TimeExpression

    predicted = TimeExpression(start_char=0, end_char=1, value=ours)
    assert bench.values_agree(predicted, gold) is agree
