"""Shared fixtures: small documents built by hand, stores in temporary folders, the shared data."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sitrep.model import Article, Claim, Event
from sitrep.pipeline import Pipeline
from sitrep.segment import SentenceStage
from sitrep.store import SQLiteStore

SHARED = Path(__file__).resolve().parent.parent / "shared"
# The seed articles' publication dates (../shared/seeds/README.md): each read with its own.
SEED_PUBLISHED = {"000": "2016-03-17", "003": "2016-02-22"}
BENCHMARKS = Path(__file__).resolve().parent / "benchmarks"


def extract_seeds(shared: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    """Each seed article through `sitrep extract` with its own publication date, by its number."""
    from sitrep.cli import main

    records = {}
    for name, published in SEED_PUBLISHED.items():
        [path] = (shared / "seeds").glob(f"{name}_*.txt")
        assert main(["extract", str(path), "--published", published]) == 0
        records[name] = json.loads(capsys.readouterr().out)
    return records


def load_benchmark(name: str) -> ModuleType:
    """A benchmark script loaded by path, once: the benchmarks are scripts, not a package, and the
    evaluation suite scores with their code and floors so that the two never disagree."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sentence_stage() -> SentenceStage:
    return SentenceStage()


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.from_names()


# The publication day of the articles `events_in` builds: a Monday.
EVENTS_PUBLISHED = dt.date(2024, 5, 20)


@pytest.fixture(scope="session")
def events_in(pipeline: Pipeline) -> Callable[[str], list[Event]]:
    """The events the whole pipeline finds in a text, published on `EVENTS_PUBLISHED`."""

    def run(text: str) -> list[Event]:
        article = Article.create(text, published=EVENTS_PUBLISHED, outlet="Test Wire")
        return [e for e in pipeline.run(article).get("events") if isinstance(e, Event)]

    return run


@pytest.fixture(scope="session")
def claims_in(pipeline: Pipeline) -> Callable[[str], list[Claim]]:
    """The claims the whole pipeline reads in a text, published on `EVENTS_PUBLISHED`."""

    def run(text: str) -> list[Claim]:
        article = Article.create(text, published=EVENTS_PUBLISHED, outlet="Test Wire")
        return [c for c in pipeline.run(article).get("claims") if isinstance(c, Claim)]

    return run


@pytest.fixture
def make_article() -> Callable[..., Article]:
    def make(text: str, **metadata: object) -> Article:
        return Article.create(text, **metadata)  # type: ignore[arg-type]

    return make


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore.open(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text or bytes to a file under a fresh folder and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / "inputs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository; the evaluation suite skips, with this reason, without it."""
    if not SHARED.is_dir():
        pytest.skip(f"evaluation data not found: {SHARED} is absent on this machine")
    return SHARED
