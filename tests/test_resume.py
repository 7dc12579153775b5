"""An ingest killed at any point (SIGKILL) and run again ends with the store of a run never killed.

Each test runs the installed `sitrep ingest` as a subprocess over a generated corpus of several
batches, kills it at chosen points (watching the store through a read-only connection), runs it
again to the end, and compares the store with that of an uninterrupted run.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import store_dump

BATCH = 12
ARTICLES = 96
SITREP = str(Path(sys.executable).with_name("sitrep"))
TOWNS = ["Qasr Jadid", "Deir Samaan", "Tell Hamra", "Ain Safra", "Kafr Nuri", "Wadi Ruz"]
OUTLETS = ["Tigris Wire", "Levant Ledger", "Delta Monitor", "Harbour Post"]
# Sentences an article picks five of, filled with its own town, figures and days, so that two
# articles share few word 5-shingles and are not taken for wire copies of each other.
SENTENCES = [
    "Shelling hit the market in {town} on {weekday}, killing at least {killed} people, the local"
    " council said.",
    "Medics in {town} said {wounded} wounded had been taken to the only hospital still open.",
    "About {families} families left {town} for camps to the west during the night.",
    "A spokesman for the {group} said its fighters had pushed {km} km beyond {town} by {weekday}.",
    "Residents of {town} said the water station had been without power for {days} days.",
    "The {group} denied that its guns had fired on {town}, and blamed a rival faction.",
    "An aid convoy of {trucks} lorries reached {town} on {weekday} after a week of delays.",
    "Teachers in {town} said {schools} schools had closed since the fighting began.",
    "Monitors counted {killed} dead across the province on {weekday}, most of them in {town}.",
    "Engineers cleared {mines} mines from the road into {town}, a relief agency reported.",
]
GROUPS = ["Northern Front", "Free Ridge Brigade", "Coast Army", "Valley Guard"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(number: int) -> dict[str, Any]:
    """The `number`th generated article: its town, figures, outlet and date move with it."""
    pick = random.Random(number)
    town = TOWNS[number % len(TOWNS)]
    values = {
        "town": town,
        "weekday": WEEKDAYS[number % 7],
        "group": GROUPS[number % len(GROUPS)],
        **{key: pick.randint(2, 400) for key in ("killed", "wounded", "families", "km", "days")},
        **{key: pick.randint(2, 90) for key in ("trucks", "schools", "mines")},
    }
    text = " ".join(s.format(**values) for s in pick.sample(SENTENCES, 5))
    return {
        "title": f"Report {number} from {town}",
        "outlet": OUTLETS[number % len(OUTLETS)],
        "published": f"2016-03-{1 + number % 28:02d}",
        "text": text,
    }


def corpus_records() -> Iterator[dict[str, Any]]:
    """Generated articles, with every eleventh a wire copy of an earlier one under another outlet
    and every seventeenth the very article two batches back."""
    for number in range(ARTICLES):
        if number % 11 == 10:
            yield article(number - 4) | {"outlet": "Gulf Courier", "title": f"Copy {number}"}
        elif number % 17 == 16:
            yield article(number - 2 * BATCH)
        else:
            yield article(number)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The records split between a gzip JSON Lines file and a plain one."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps(record) + "\n" for record in corpus_records()]
    half = len(lines) // 2
    (folder / "first.jsonl.gz").write_bytes(gzip.compress("".join(lines[:half]).encode()))
    (folder / "second.jsonl").write_text("".join(lines[half:]), encoding="utf-8")
    return [str(folder / "first.jsonl.gz"), str(folder / "second.jsonl")]


def stored_articles(db: Path, table: str = "articles") -> int:
    """Rows committed so far, read as another program would: read-only, never waiting."""
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0)) as connection:
            return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:  # not created yet, or its schema still being written
        return 0


def ingest(corpus: list[str], db: Path, *options: str) -> subprocess.Popen[bytes]:
    """`sitrep ingest` started in a session of its own, so that its workers can be found."""
    command = [SITREP, "ingest", *corpus, "--db", str(db), "--batch-size", str(BATCH), *options]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def finished(process: subprocess.Popen[bytes]) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    return out.decode()


@dataclass(slots=True, frozen=True)
class KillPoint:
    """Kill once `committed` articles are in the store (0: once the file exists), `delay`
    seconds later."""

    committed: int
    delay: float = 0.0

    def wait(self, db: Path, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if db.exists() if self.committed == 0 else stored_articles(db) >= self.committed:
                break
            time.sleep(0.005)
        time.sleep(self.delay)


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the ingest, then whatever it started (a local cluster's workers) that outlived it."""
    assert process.poll() is None, "the ingest ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    time.sleep(0.2)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.stdout.close()  # type: ignore[union-attr]
    process.stderr.close()  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def uninterrupted(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("whole") / "store.db"
    out = finished(ingest(corpus, db))
    assert f"{ARTICLES} articles read" in out
    dumped = store_dump(db)
    assert any(record[0]["copy_of"] for record in dumped["articles"])
    return dumped


def resumed(
    corpus: list[str], db: Path, points: list[KillPoint], *options: str
) -> tuple[list[int], str]:
    """Ingest killed at each of `points` in turn, then run to the end: the articles stored at
    each kill, and the last run's summary."""
    stored = []
    for point in points:
        process = ingest(corpus, db, *options)
        point.wait(db, process)
        kill(process)
        stored.append(stored_articles(db))
    return stored, finished(ingest(corpus, db, *options))


_RANDOM = random.Random(10)
IN_PROCESS = [
    pytest.param([KillPoint(0)], id="store-created"),
    pytest.param([KillPoint(BATCH)], id="first-batch-committed"),
    pytest.param([KillPoint(BATCH, _RANDOM.uniform(0.02, 0.3))], id="mid-second-batch"),
    pytest.param(
        [KillPoint(2 * BATCH, _RANDOM.uniform(0.02, 0.3)), KillPoint(5 * BATCH)],
        id="killed-twice",
    ),
]


@pytest.mark.parametrize("points", IN_PROCESS)
def test_resume_in_process_ingest_after_sigkill(
    points: list[KillPoint],
    corpus: list[str],
    uninterrupted: dict[str, Any],
    tmp_path: Path,
) -> None:
    """Killed before the run merged its events and claims (all at its end here): the articles
    committed wait for the run again to merge them (issue 10)."""
    db = tmp_path / "store.db"
    stored, summary = resumed(corpus, db, points)
    assert stored_articles(db, "pending_reconcile") == 0
    assert stored == sorted(stored)
    assert stored[-1] < len(uninterrupted["articles"])  # killed before the end
    assert f"{ARTICLES} articles read" in summary
    assert store_dump(db) == uninterrupted


def test_resume_ingest_killed_between_its_merges_issue_10(
    corpus: list[str], uninterrupted: dict[str, Any], tmp_path: Path
) -> None:
    """A run that merges every two batches, killed as soon as articles wait after a merge (a
    batch takes tens of milliseconds here): the run again ends with the store of a run that
    merged once at its end."""
    db = tmp_path / "store.db"
    merge_every = ("--reconcile-every", str(2 * BATCH))
    process = ingest(corpus, db, *merge_every)
    deadline = time.monotonic() + 120
    while not (stored_articles(db, "events") and stored_articles(db, "pending_reconcile")):
        assert process.poll() is None and time.monotonic() < deadline, "no merge, then a batch"
        time.sleep(0.001)
    kill(process)
    assert stored_articles(db) < ARTICLES
    assert f"{ARTICLES} articles read" in finished(ingest(corpus, db, *merge_every))
    assert store_dump(db) == uninterrupted


def test_resume_dask_ingest_after_sigkill(
    corpus: list[str], uninterrupted: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "store.db"
    stored, summary = resumed(corpus, db, [KillPoint(BATCH, 0.05)], "--dask", "local[2]")
    assert 0 < stored[0] < len(uninterrupted["articles"])
    assert f"{ARTICLES} articles read" in summary
    assert store_dump(db) == uninterrupted
