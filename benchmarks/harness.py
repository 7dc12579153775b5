"""What every extractor's benchmark shares: one scorer, one report format, and pinned floors.

Figures are percentages (0-100) unless a row says otherwise, so sitrep's figure and the published
peer figures read the same way. Floors live in `floors.toml` beside this file, per benchmark and
metric; `check_floors` returns the figures that fell below theirs, and a pinned metric that was not
measured at all fails too, so a renamed metric cannot slip out from under its floor.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

FLOORS = Path(__file__).resolve().parent / "floors.toml"

Floors = dict[str, dict[str, float]]


def ratio(part: float, whole: float) -> float:
    """`part` as a percentage of `whole`; 0 when there is nothing to divide by (a stub scores 0)."""
    return 100.0 * part / whole if whole else 0.0


@dataclass(slots=True, frozen=True)
class Counts:
    """Detection counts: the one place precision, recall and F1 are computed."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def figures(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(slots=True, frozen=True)
class Row:
    """One line of a report: sitrep's figure, what peers score on the same task, and the floor."""

    metric: str
    value: float
    peers: str = ""
    floor: float | None = None
    digits: int = 1


def load_floors(path: Path = FLOORS) -> Floors:
    """Floors by dotted benchmark name ("quantities.newsquant_dev") and metric."""
    with path.open("rb") as handle:
        tree = tomllib.load(handle)
    return {
        f"{group}.{name}": {metric: float(floor) for metric, floor in metrics.items()}
        for group, benchmarks in tree.items()
        for name, metrics in benchmarks.items()
    }


def rows(
    benchmark: str,
    figures: Mapping[str, float],
    peers: Mapping[str, str] | None = None,
    floors: Floors | None = None,
) -> list[Row]:
    """Report rows for `figures`, each beside its peers and its pinned floor (if any)."""
    pinned = (load_floors() if floors is None else floors).get(benchmark, {})
    peers = peers or {}
    return [
        Row(metric, value, peers.get(metric, ""), pinned.get(metric))
        for metric, value in figures.items()
    ]


def format_report(title: str, lines: Sequence[Row]) -> str:
    """A plain text table (metric, sitrep, peers, floor): readable in a terminal and a CI log."""
    cells = [("metric", "sitrep", "peers", "floor")] + [
        (
            row.metric,
            f"{row.value:.{row.digits}f}",
            row.peers or "-",
            "-" if row.floor is None else f"{row.floor:.{row.digits}f}",
        )
        for row in lines
    ]
    widths = [max(len(cell[i]) for cell in cells) for i in range(4)]
    table = [
        f"{m:<{widths[0]}}  {s:>{widths[1]}}  {p:<{widths[2]}}  {f:>{widths[3]}}".rstrip()
        for m, s, p, f in cells
    ]
    return "\n".join([title, "-" * len(title), *table])


def check_floors(
    benchmark: str, figures: Mapping[str, float], floors: Floors | None = None
) -> list[str]:
    """Every pinned metric of `benchmark` that is missing or below its floor, as a message."""
    pinned = (load_floors() if floors is None else floors).get(benchmark, {})
    failures = []
    for metric, floor in pinned.items():
        value = figures.get(metric)
        if value is None:
            failures.append(f"{benchmark} {metric}: not measured (floor {floor:.1f})")
        elif value < floor:
            failures.append(f"{benchmark} {metric}: {value:.1f} is below its floor {floor:.1f}")
    return failures


# --- regression suites: cases set aside as out of scope -----------------------------------------


class SuiteCase(Protocol):
    """A regression case as the unsupported rules see it: its suite, its input and the expected
    items as written."""

    @property
    def suite(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def surfaces(self) -> tuple[str, ...]: ...


def input_digest(text: str) -> str:
    """How an unsupported_*.toml names a case without copying its text."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(slots=True, frozen=True)
class Rule:
    """Cases of `suites` whose input (or one of whose expected items) matches `pattern`."""

    suites: frozenset[str]
    pattern: re.Pattern[str]
    on_surface: bool
    reason: str

    def covers(self, case: SuiteCase) -> bool:
        texts = case.surfaces if self.on_surface else (case.text,)
        return case.suite in self.suites and any(self.pattern.search(text) for text in texts)


@dataclass(slots=True, frozen=True)
class Unsupported:
    """Cases out of an extractor's scope, by rule or one by one, each with its reason."""

    rules: tuple[Rule, ...]
    cases: Mapping[tuple[str, str], str]

    @classmethod
    def load(cls, path: Path) -> Unsupported:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        rules = tuple(
            Rule(
                frozenset(rule["suites"]),
                re.compile(rule.get("input") or rule["surface"]),
                "surface" in rule,
                rule["reason"],
            )
            for rule in data.get("rule", [])
        )
        cases = {
            (case["suite"], case["input_sha256"]): case["reason"] for case in data.get("case", [])
        }
        return cls(rules, cases)

    def reason(self, case: SuiteCase) -> str | None:
        listed = self.cases.get((case.suite, input_digest(case.text)))
        if listed is not None:
            return listed
        return next((rule.reason for rule in self.rules if rule.covers(case)), None)
