"""Evaluation suite: when things happened in the two seed articles, checked by hand (issue #5).

The articles are read from ../shared/seeds (skipped, with the reason, when it is absent); only
offsets, values and intervals are kept here, never the articles' text. Each article is read with
its own publication date (the seeds' README: about 17 March 2016 for the first, 22 February 2016
for the second). Pinned: every time expression the issue names, resolved as a careful reader
would, and the period each figure governed by one of them holds for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_PUBLISHED, extract_seeds

pytestmark = pytest.mark.evaluation


# (start, end, TIMEX3 value, interval) of the expressions the issue lists.
SEED_TIMES: dict[str, list[tuple[Any, ...]]] = {
    "000": [
        (549, 567, "2014-SU", ("2014-06-01", "2014-08-31")),  # the summer of 2014
        (2606, 2610, "2015", ("2015-01-01", "2015-12-31")),  # in all of 2015
        (2736, 2757, "P3M", ("2015-12-17", "2016-03-17")),  # the past three months
        (2956, 2964, "2016-02", ("2016-02-01", "2016-02-29")),  # in February alone
        (3856, 3863, "2015-11-13", ("2015-11-13", "2015-11-13")),  # the Nov. 13 attacks
        (4409, 4418, "2016-W10", ("2016-03-07", "2016-03-13")),  # last week
        (4577, 4595, "2016-03", ("2016-03-01", "2016-03-17")),  # earlier this month
        (5007, 5017, "2016-02", ("2016-02-01", "2016-02-29")),  # as of last month
        (5625, 5632, "2016-02-22", ("2016-02-22", "2016-02-22")),  # on Feb. 22
    ],
    "003": [
        (3941, 3954, "2015-11", ("2015-11-01", "2015-11-30")),  # last November
        (4436, 4452, "2015-SU", ("2015-06-01", "2016-02-22")),  # since the summer
        (4473, 4487, "P2D", None),  # every two days: a set, no interval
    ],
}

# (figure start, interval, start of the expression that governs it) for figures a time governs.
SEED_FIGURE_TIMES: dict[str, list[tuple[Any, ...]]] = {
    "000": [
        (591, ("2014-06-01", "2014-08-31"), 549),  # nearly a third, at the peak in 2014
        (2629, ("2015-01-01", "2015-12-31"), 2606),  # 14 percent in 2015
        (2777, ("2015-12-17", "2016-03-17"), 2736),  # another eight percent
        (2997, ("2016-02-01", "2016-02-29"), 2956),  # 2,400 square kilometers in February
        (3888, ("2015-11-13", "2015-11-13"), 3856),  # 130 dead in the Paris attacks
        (5029, ("2016-02-01", "2016-02-29"), 5007),  # 19,000 to 25,000 as of last month
        (5707, ("2016-02-22", "2016-02-22"), 5625),  # at least 83 killed on Feb. 22
    ],
    "003": [
        (4367, ("2015-06-01", "2016-02-22"), 4436),  # 100 leaders killed since the summer
    ],
}


def test_eval_seed_times_every_named_expression_resolved(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, record in extract_seeds(shared_dir, capsys).items():
        found = {
            (t["start_char"], t["end_char"]): (
                t["value"],
                tuple(t["interval"]) if t["interval"] else None,
            )
            for t in record["times"]
        }
        for start, end, value, interval in SEED_TIMES[name]:
            assert found.get((start, end)) == (value, interval), (name, start, end)


def test_eval_seed_times_every_governed_figure_holds_for_its_period(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, record in extract_seeds(shared_dir, capsys).items():
        by_start = {q["start_char"]: q["time"] for q in record["quantities"]}
        for start, interval, expression in SEED_FIGURE_TIMES[name]:
            time = by_start[start]
            assert time is not None, (name, start)
            assert (tuple(time["interval"]), time["basis"]) == (interval, "expression")
            assert time["start_char"] == expression, (name, start)


def test_eval_seed_times_figures_without_a_time_hold_as_of_publication(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, record in extract_seeds(shared_dir, capsys).items():
        day = SEED_PUBLISHED[name]
        undated = [q["time"] for q in record["quantities"] if q["time"]["basis"] == "published"]
        assert undated  # "about 40 percent of their territory" carries no time of its own
        assert all(tuple(time["interval"]) == (day, day) for time in undated)
