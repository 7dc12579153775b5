"""Evaluation suite: who says what in the two seed articles, checked by hand and pinned (issue #4).

The articles are read from ../shared/seeds (skipped, with the reason, when it is absent); only
offsets, cues and speakers' names are kept here, never the articles' text. Checked by reading both
articles: every quotation and reported statement is here with the person or body a careful reader
would name, pronouns ("he said", "He added:") and surnames ("Watts said", "Col Warren") resolved,
and every figure inside a statement carries that statement's source while the reporter's own
figures (and the unattributed "are estimated to have lost") carry none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main

pytestmark = pytest.mark.evaluation

# (content start, content end, kind, cue, speaker mention start, speaker name)
SEED_STATEMENTS: dict[str, list[tuple[Any, ...]]] = {
    "000": [
        (130, 191, "indirect", "say", 112, "its opponents"),
        # a speaker that is a plain noun phrase before a speech verb (issue 4, session 3)
        (869, 895, "indirect", "say", 831, "those battling them on the ground"),
        (899, 977, "direct", "said", 979, "Lt. Col. Fares al-Bayoush"),
        (1210, 1323, "direct", "said", 1325, "Lt. Col. Fares al-Bayoush"),
        (1629, 1720, "indirect", "said", 1492, "Brett McGurk"),
        (1792, 1893, "indirect", "said", 1723, "Clint Watts"),
        (1897, 2032, "direct", "said", 2034, "Clint Watts"),
        (2047, 2139, "direct", None, 2034, "Clint Watts"),
        (2596, 2667, "indirect", "according to", 2682, "IHS"),
        (2733, 2831, "indirect", None, 2682, "IHS"),
        (2867, 2896, "indirect", "given this week by", 2916, "Secretary of State John Kerry"),
        (2985, 3226, "indirect", "said", 2972, "SDF"),
        (3265, 3339, "indirect", "said", 3229, "Col. Talal Sillo"),
        (3572, 3769, "indirect", "estimates", 3543, "the coalition"),
        (4468, 4595, "indirect", "confirmed", 4420, "Iraqi, Syrian and U.S. officials"),
        (4778, 4896, "direct", "said", 4898, "Col. Steve Warren"),
        (4933, 4965, "direct", None, 4898, "Col. Steve Warren"),
        (5001, 5188, "indirect", "estimates", 4968, "United States"),
        (5211, 5404, "indirect", "said", 5190, "a U.S. official"),
        (6077, 6143, "indirect", "according to", 6158, "Syrian Observatory for Human Rights"),
        (6298, 6394, "indirect", "said", 6282, "Clint Watts"),
        (6398, 6485, "direct", "said", 6487, "Clint Watts"),
        (6500, 6593, "direct", None, 6487, "Clint Watts"),
    ],
    "003": [
        (9, 128, "indirect", "said", 130, "a senior spokesman for the US-led coalition"),
        (315, 361, "direct", "said", 364, "Colonel Steve Warren"),
        (392, 566, "indirect", "said", 568, "Colonel Steve Warren"),
        (641, 1437, "direct", "said", 609, "Colonel Steve Warren"),
        (1509, 1599, "indirect", "warned", 1444, "Colonel Steve Warren"),
        (1612, 2384, "direct", "said", 1602, "Colonel Steve Warren"),
        (2395, 2522, "indirect", "said", 2387, "Colonel Steve Warren"),
        (2526, 2557, "direct", "said", 2560, "Colonel Steve Warren"),
        (2571, 2778, "direct", None, 2560, "Colonel Steve Warren"),
        (2901, 3042, "indirect", "said", 2885, "Colonel Steve Warren"),
        (3055, 3242, "direct", "said", 3045, "Colonel Steve Warren"),
        (3245, 3372, "indirect", "warned", 3374, "Colonel Steve Warren"),
        (3396, 3623, "direct", "said", 3386, "Colonel Steve Warren"),
        (3637, 3793, "direct", "added", 3626, "Colonel Steve Warren"),
        (3977, 4056, "indirect", "revealed", 3957, "Colonel Steve Warren"),
        (4069, 4364, "direct", "said", 4059, "Colonel Steve Warren"),
        (4367, 4487, "indirect", "said", 4490, "Colonel Steve Warren"),
        (4523, 4649, "indirect", "warned", 4500, "Colonel Steve Warren"),
        (4672, 4765, "indirect", "claimed", 4656, "Colonel Steve Warren"),
        (4797, 5095, "direct", "said", 4787, "Colonel Steve Warren"),
        (5126, 5225, "indirect", "warned", 5102, "Colonel Steve Warren"),
    ],
}

# (figure start, source) for every figure inside a statement; all other figures have none.
SEED_FIGURE_SOURCES: dict[str, list[tuple[int, str]]] = {
    "000": [
        (2629, "IHS"),
        (2745, "IHS"),
        (2777, "IHS"),
        (2881, "Secretary of State John Kerry"),
        (2997, "SDF"),
        (3022, "SDF"),
        (3054, "SDF"),
        (3656, "the coalition"),
        (3697, "the coalition"),
        (3724, "the coalition"),
        (5029, "United States"),
        (5085, "United States"),
        (6098, "Syrian Observatory for Human Rights"),
        (6118, "Syrian Observatory for Human Rights"),
    ],
    "003": [
        (750, "Colonel Steve Warren"),
        (854, "Colonel Steve Warren"),
        (1186, "Colonel Steve Warren"),
        (2433, "Colonel Steve Warren"),
        (4367, "Colonel Steve Warren"),
        (4469, "Colonel Steve Warren"),
        (4479, "Colonel Steve Warren"),
    ],
}


def seed_records(shared: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    seeds = sorted(str(path) for path in (shared / "seeds").glob("*.txt"))
    assert main(["extract", *seeds, "--published", "2016-03-17"]) == 0
    records = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    return {Path(record["path"]).name[:3]: record for record in records}


def test_eval_seed_attribution_every_statement_and_speaker(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = seed_records(shared_dir, capsys)
    found = {
        name: [
            (
                q["start_char"],
                q["end_char"],
                q["kind"],
                q["cue"],
                q["speaker_start"],
                q["speaker"]["name"] if q["speaker"] else None,
            )
            for q in record["quotes"]
        ]
        for name, record in records.items()
    }
    assert found == SEED_STATEMENTS


def test_eval_seed_attribution_source_of_every_figure(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = seed_records(shared_dir, capsys)
    found = {
        name: [(q["start_char"], q["source"]) for q in record["quantities"] if q["source"]]
        for name, record in records.items()
    }
    assert found == SEED_FIGURE_SOURCES


def test_eval_seed_attribution_sources_list_every_speaker_once(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for record in seed_records(shared_dir, capsys).values():
        names = [source["name"] for source in record["sources"]]
        assert len(names) == len(set(names))
        speakers = {q["source"] for q in record["quotes"] if q["source"]}
        assert set(names) == speakers
        text = record["text"]
        for source in record["sources"]:
            assert all(0 <= start < end <= len(text) for start, end in source["mentions"])
