"""Quantity extraction benchmark: accuracy on NewsQuant and regression suites, speed, false alarms.

Four parts, each beside what peers score on the same data:

- NewsQuant (CQE's 590 annotated news sentences), scored as CQE's evaluation does: within a
  sentence a prediction matches a gold figure when their values agree, one to one. Reported on a
  dev split (index % 5 != 0, the one to tune on), a held-out split (index % 5 == 0) and the whole.
- Regression suites: Recognizers-Text's English number, range, percent, currency and dimension
  specs and quantulum3's tests. A case passes when sitrep returns exactly the expected values.
- Speed on the BBC corpus, one pinned core, end to end (read + segment + quantities), beside
  quantulum3 on a sample of the same articles.
- False casualty figures: killed/wounded figures in BBC sport and entertainment, where there
  should be almost none.

    python benchmarks/bench_quantities.py [--quick] [--errors N]

Pinned floors are in benchmarks/floors.toml; the exit status is 1 when a figure is below its floor.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import EVAL, peak_rss_mb, pin_to_one_core, require, run_child
from harness import (
    Counts,
    Row,
    Unsupported,
    check_floors,
    format_report,
    ratio,
    rows,
)
from sitrep.ingest import read_articles
from sitrep.model import Article, Quantity, Span
from sitrep.pipeline import Pipeline, StageRegistry, default_registry
from sitrep.quantities import extract_quantities

HERE = Path(__file__).resolve().parent
UNSUPPORTED = HERE / "unsupported_quantities.toml"
BENCHMARK = "quantities"
QUANTULUM_SAMPLE = 200  # quantulum3 parses a few articles a second: time it on a sample
TARGET_SPEED_RATIO = 20.0
TARGET_FALSE_CASUALTIES = 2.0  # killed/wounded figures per 100 sport and entertainment articles
_TOLERANCE = 1e-6


# --- predictions: sitrep's and a peer's, in one shape --------------------------------------------


@dataclass(slots=True, frozen=True)
class Pred:
    """A predicted figure: its number(s) (one value, or low and high), qualifier, unit and kind.

    `kind` is money, percent, measured (a physical unit) or count; the regression suites for
    currencies, percentages and dimensions look only at their kind.
    """

    numbers: tuple[float, ...]
    approx: str = "exact"
    unit: str = "count"
    kind: str = "count"
    text: str = ""
    vague: bool = False


Extract = Callable[[str], list[Pred]]


def numbers_of(quantity: Quantity) -> tuple[float, ...]:
    """(low, high) for a range, else the single value or bound.

    NewsQuant writes a change ("fell from $2,415 to $2,315") as the range between its two levels,
    where sitrep keeps the new level as `value` and the old as `previous`.
    """
    if quantity.previous is not None and quantity.value is not None:
        return (min(quantity.previous, quantity.value), max(quantity.previous, quantity.value))
    if quantity.low is not None and quantity.high is not None:
        return (quantity.low, quantity.high)
    single = next((x for x in (quantity.value, quantity.low, quantity.high) if x is not None), None)
    return () if single is None else (single,)


def kind_of(quantity: Quantity) -> str:
    """Counted nouns have no base unit; units of measurement (km, kg, day...) have one."""
    if quantity.measure == "money":
        return "money"
    if quantity.unit == "percent":
        return "percent"
    return "count" if quantity.base_unit is None else "measured"


# A share written as a fraction or ratio ("a third of", "one in five"): sitrep gives it in percent,
# NewsQuant as the ratio itself (0.333...). Percent written as such keeps its number.
_WRITTEN_PERCENT = re.compile(r"%|per\s*cent|pct|\dpc\b|percentage", re.IGNORECASE)


def sitrep_pred(quantity: Quantity) -> Pred:
    numbers = numbers_of(quantity)
    if quantity.unit == "percent" and not _WRITTEN_PERCENT.search(quantity.text):
        numbers = tuple(number / 100 for number in numbers)
    return Pred(
        numbers,
        quantity.approx,
        quantity.unit,
        kind_of(quantity),
        quantity.text,
        quantity.vague,
    )


def sitrep_extract(text: str) -> list[Pred]:
    return [sitrep_pred(quantity) for quantity in extract_quantities(text)]


def quantulum_extract(text: str) -> list[Pred]:
    """quantulum3 gives a range as its midpoint and half-width: turn it back into low and high."""
    parse = _quantulum_parser()
    preds = []
    for found in parse(text):
        value, spread = float(found.value), float(found.uncertainty or 0)
        numbers = (value - spread, value + spread) if spread else (value,)
        entity = found.unit.entity.name
        kind = {"currency": "money", "dimensionless": "count"}.get(entity, "measured")
        kind = "percent" if found.unit.name == "percentage" else kind
        preds.append(Pred(numbers, "exact", found.unit.name, kind, found.surface))
    return preds


def _quantulum_parser() -> Callable[[str], list[Any]]:
    warnings.filterwarnings("ignore", module="quantulum3")  # it warns that its classifier is off
    from quantulum3 import parser

    return parser.parse  # type: ignore[no-any-return]


def quantulum_available() -> bool:
    try:
        _quantulum_parser()
    except ImportError:
        return False
    return True


def agree(pred: Sequence[float], gold: Sequence[float]) -> bool:
    """Same shape (single or range) and every number equal within a relative 1e-6."""
    return len(pred) == len(gold) and all(
        math.isclose(p, g, rel_tol=_TOLERANCE, abs_tol=1e-12)
        for p, g in zip(sorted(pred), sorted(gold), strict=True)
    )


def overlap(pred: Sequence[float], gold: Sequence[float]) -> bool:
    """Any number in common: the figure was found, though perhaps read with the wrong shape."""
    return any(math.isclose(p, g, rel_tol=_TOLERANCE, abs_tol=1e-12) for p in pred for g in gold)


# --- NewsQuant -----------------------------------------------------------------------------------

_RANGE = re.compile(r"(-?\d[\d.]*(?:[eE][-+]?\d+)?)\s*-\s*(-?\d[\d.]*(?:[eE][-+]?\d+)?)")

# sitrep's qualifier as NewsQuant's `change`; up and down are directions, not qualifiers.
CHANGE_OF = {
    "exact": "=",
    "approximate": "~",
    "nearly": "~",
    "more_than": ">",
    "at_least": ">",
    "less_than": "<",
    "at_most": "<",
}
_CURRENCIES = {
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "japanese yen": "JPY",
    "chinese yuan": "CNY",
    "australian dollar": "AUD",
    "canadian dollar": "CAD",
    "hong kong dollar": "HKD",
    "new zealand dollar": "NZD",
    "singaporean dollar": "SGD",
    "shekel": "ILS",
    "malaysian ringgit": "MYR",
    "indian rupee": "INR",
    "danish krone": "DKK",
    "croatian kuna": "HRK",
    "south african rand": "ZAR",
}
# NewsQuant's normalized_unit -> the sitrep units that say the same. Gold units missing here are
# compared as counted nouns; the report lists the commonest mismatches so this table can grow.
UNITS: dict[str, tuple[str, ...]] = {
    **{name: (code,) for name, code in _CURRENCIES.items()},
    "percentage": ("percent",),
    "-": ("count",),
    "count": ("count",),
    "people": ("person",),
    "kilometre": ("km",),
    "metre": ("m",),
    "centimetre": ("cm",),
    "millimetre": ("mm",),
    "mile": ("mi",),
    "yard": ("yd",),
    "foot": ("ft",),
    "inch": ("in",),
    "square metre": ("m2",),
    "square kilometre": ("km2",),
    "square mile": ("mi2",),
    "square feet": ("ft2",),
    "kilogram": ("kg",),
    "gram": ("g",),
    "milligram": ("mg",),
    "metric ton": ("t",),
    "ton": ("t", "short_ton", "long_ton"),
    "pound-mass": ("lb",),
    "litre": ("l",),
    "year of age": ("year",),
    "month of age": ("month",),
    "second": ("s",),
    "minute": ("min",),
    "hour": ("h",),
    "mile per hour": ("mph",),
    "kilometre per hour": ("kmh",),
    "metre per second": ("m_per_s",),
    "mile per gallon": ("mpg",),
    "horsepower": ("hp", "hp_metric"),
    "brake horsepower": ("hp", "hp_metric"),
    "watt": ("W",),
    "kilowatt": ("kW",),
    "megawatt": ("MW",),
    "gigawatt": ("GW",),
    "kilowatt hour": ("kWh",),
    "gigawatt hour": ("GWh",),
    "hertz": ("Hz",),
    "kilohertz": ("kHz",),
    "gigahertz": ("GHz",),
    "revolutions per minute": ("rpm",),
    "gigabyte": ("GB",),
    "megabit per second": ("Mbps",),
    "millilitre": ("ml",),
    "gallon": ("gal",),
    "pint": ("pt",),
    "quart": ("qt",),
    "cubic foot": ("ft3",),
    "ounce": ("oz",),
    "gigaton": ("gigatonne",),
    "micrometre": ("um",),
    "nanometre": ("nm",),
    "barrel per day": ("barrel_per_day",),
    "basis point": ("basis_point",),
    "parts-per-billion": ("ppb",),
    "part per million": ("ppm",),
    "milliampere-hour": ("mAh",),
    "megapascal": ("MPa",),
    "decibel": ("dB",),
    "volt": ("V",),
    "cent": ("USD_cent",),
    "celsius": ("celsius",),
    "fahrenheit": ("fahrenheit",),
}
_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child"}


def singular(phrase: str) -> str:
    """The phrase with its last word in the singular, lowercased (enough for unit names)."""
    head, _, last = phrase.lower().strip().rpartition(" ")
    if last in _IRREGULAR:
        last = _IRREGULAR[last]
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes", "ches", "shes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        last = last[:-1]
    return f"{head} {last}".strip()


def accepted_units(gold: str) -> tuple[str, ...]:
    """The sitrep units that agree with a gold normalized_unit ("% Germans" is a percentage);
    a rate the table lacks is compared by what it counts ("point per game" as points)."""
    gold = gold.strip()
    if gold.startswith(("%", "percentage")):
        return ("percent",)
    if gold in UNITS:
        return UNITS[gold]
    head, per, _ = gold.partition(" per ")
    if per:
        return accepted_units(head)  # "dollar per barrel": sitrep's unit names the currency
    noun = singular(gold)
    return (noun, noun.rpartition(" ")[2])


def unit_agrees(gold: str, unit: str) -> bool:
    accepted = accepted_units(gold)
    return unit in accepted or singular(unit) in accepted


@dataclass(slots=True, frozen=True)
class GoldQuantity:
    numbers: tuple[float, ...]
    change: str
    unit: str
    surface: str


@dataclass(slots=True, frozen=True)
class NewsSentence:
    index: int
    text: str
    gold: tuple[GoldQuantity, ...]

    @property
    def split(self) -> str:
        """Deterministic: every fifth sentence is held out and never tuned on."""
        return "heldout" if self.index % 5 == 0 else "dev"


def gold_numbers(value: str) -> tuple[float, ...]:
    """NewsQuant writes a range as "low-high" (sometimes "a - b", sometimes high first)."""
    try:
        return (float(value),)
    except ValueError:
        found = _RANGE.fullmatch(value.strip())
        if not found:
            raise ValueError(f"NewsQuant value not understood: {value!r}") from None
        return tuple(sorted(float(number) for number in found.groups()))


def load_newsquant(root: Path = EVAL) -> list[NewsSentence]:
    path = require(root / "quantities" / "newsquant" / "NewsQuant.json")
    data = json.loads(path.read_text("utf-8"))
    return [
        NewsSentence(
            index,
            item["text"],
            tuple(
                GoldQuantity(gold_numbers(q["value"]), q["change"], q["normalized_unit"], q["unit"])
                for q in item["quantities"]
            ),
        )
        for index, item in enumerate(data)
    ]


@dataclass(slots=True)
class Tally:
    """Counts over a set of sentences; `+` adds two tallies, so splits are sums of sentences."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    located: int = 0
    qualifier_ok: int = 0
    qualifier_n: int = 0
    moved_exact: int = 0
    moved_n: int = 0
    unit_ok: int = 0
    unit_n: int = 0
    unit_misses: Counter[str] = field(default_factory=Counter)
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            *(getattr(self, name) + getattr(other, name) for name in _TALLY_FIELDS),
        )

    def figures(self) -> dict[str, float]:
        """Detection P/R/F1, then accuracies over the figures sitrep matched (or located)."""
        return {
            **Counts(self.matched, self.predicted, self.gold).figures(),
            "value_accuracy": ratio(self.matched, self.located),
            "qualifier_accuracy": ratio(self.qualifier_ok, self.qualifier_n),
            "unit_accuracy": ratio(self.unit_ok, self.unit_n),
        }


_TALLY_FIELDS = tuple(Tally.__dataclass_fields__)


def pair_up(
    preds: Sequence[Pred],
    golds: Sequence[GoldQuantity],
    fits: Callable[[Pred, GoldQuantity], bool],
    taken: tuple[set[int], set[int]],
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing in gold order; `taken` (pred, gold indices) is updated."""
    pairs = []
    used_preds, used_golds = taken
    for g, gold in enumerate(golds):
        if g in used_golds:
            continue
        for p, pred in enumerate(preds):
            if p not in used_preds and fits(pred, gold):
                pairs.append((p, g))
                used_preds.add(p)
                used_golds.add(g)
                break
    return pairs


def same_figure(pred: Pred, gold: GoldQuantity) -> bool:
    """Values agree; or a vague amount meets NewsQuant's reading of it.

    NewsQuant writes "dozens" as the range 12-120 and "millions" as 1e6-1e7; sitrep follows
    ACLED's codebook and gives the smallest amount meant (12, 1e6) as an at-least bound. Both say
    "at least 12": a vague figure matches a gold range whose low end is its value.
    """
    if agree(pred.numbers, gold.numbers):
        return True
    return pred.vague and len(gold.numbers) == 2 and overlap(pred.numbers, gold.numbers[:1])


def score_sentence(sentence: NewsSentence, preds: Sequence[Pred]) -> Tally:
    """Strict pairs (values agree) score detection; a figure found with only some of its
    numbers right ("from 252 to 287 miles" read as two figures) is located but misread, which
    is what value accuracy counts."""
    taken: tuple[set[int], set[int]] = (set(), set())
    strict = pair_up(preds, sentence.gold, same_figure, taken)
    loose = pair_up(preds, sentence.gold, lambda p, g: overlap(p.numbers, g.numbers), taken)
    tally = Tally(len(strict), len(preds), len(sentence.gold), len(strict) + len(loose))
    for p, g in strict:
        _score_match(tally, preds[p], sentence.gold[g])
    right_preds, right_golds = {p for p, _ in strict}, {g for _, g in strict}
    tally.false_positives = [
        f"{pred.text!r} {pred.numbers} in: {sentence.text}"
        for p, pred in enumerate(preds)
        if p not in right_preds
    ]
    tally.false_negatives = [
        f"{gold.numbers} {gold.surface!r} in: {sentence.text}"
        for g, gold in enumerate(sentence.gold)
        if g not in right_golds
    ]
    return tally


def _score_match(tally: Tally, pred: Pred, gold: GoldQuantity) -> None:
    if gold.change in ("up", "down"):
        tally.moved_n += 1
        tally.moved_exact += pred.approx == "exact"
    else:
        tally.qualifier_n += 1
        tally.qualifier_ok += CHANGE_OF.get(pred.approx) == gold.change
    tally.unit_n += 1
    if unit_agrees(gold.unit, pred.unit):
        tally.unit_ok += 1
    else:
        tally.unit_misses[f"{gold.unit} -> {pred.unit}"] += 1


def score_newsquant(sentences: Iterable[NewsSentence], extract: Extract) -> dict[str, Tally]:
    """Tallies for the dev split, the held-out split and the whole."""
    splits = {"dev": Tally(), "heldout": Tally()}
    for sentence in sentences:
        splits[sentence.split] += score_sentence(sentence, extract(sentence.text))
    return {**splits, "whole": splits["dev"] + splits["heldout"]}


def newsquant_peers(root: Path = EVAL, measured: Tally | None = None) -> dict[str, str]:
    """Published figures (CQE's evaluation_output/NewsQuant.csv), the overlap-scorer figures
    measured for quantulum3 when this benchmark was set up, and quantulum3 under this scorer."""
    names = {"CQE-Numparser": "CQE", "quantulum3": "quantulum3", "text-recognizer": "R-T"}
    published: dict[str, list[str]] = {"precision": [], "recall": [], "f1": []}
    with require(root / "quantities" / "newsquant" / "NewsQuant.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row.get("type") == "value" and row.get("model") in names:
                for metric, column in (("precision", "P"), ("recall", "R"), ("f1", "F1")):
                    published[metric].append(f"{names[row['model']]} {float(row[column]):.1f}")
    overlap_scorer = {"precision": 67.0, "recall": 85.7, "f1": 75.2}
    peers = {
        metric: f"{' · '.join(found)} (published); quantulum3 {overlap_scorer[metric]:.1f}"
        " (overlap scorer)"
        for metric, found in published.items()
    }
    if measured is not None:  # detection only: quantulum3 has no qualifiers, other unit names
        for metric, value in measured.figures().items():
            if metric in peers:
                peers[metric] += f"; quantulum3 {value:.1f} (this scorer)"
    return peers


def report_newsquant(errors: int, with_peer: bool, root: Path = EVAL) -> list[str]:
    sentences = load_newsquant(root)
    tallies = score_newsquant(sentences, sitrep_extract)
    peer = score_newsquant(sentences, quantulum_extract)["whole"] if with_peer else None
    failures = []
    for split, tally in tallies.items():
        figures = tally.figures()
        name = f"{BENCHMARK}.newsquant_{split}"
        peers = newsquant_peers(root, peer) if split == "whole" else {}
        title = f"NewsQuant, {split} ({tally.gold} gold figures)"
        print(format_report(title, rows(name, figures, peers)))
        print(f"up/down figures read as exact: {tally.moved_exact} of {tally.moved_n} matched")
        misses = ", ".join(f"{key} ({n})" for key, n in tally.unit_misses.most_common(8))
        print(f"commonest unit mismatches: {misses or 'none'}\n")
        failures += check_floors(name, figures)
    if errors:
        _print_errors(tallies["dev"], errors)
    return failures


def _print_errors(dev: Tally, limit: int) -> None:
    """Dev split only: held-out errors are never shown, so nobody tunes on them."""
    for label, items in (("false positives", dev.false_positives), ("misses", dev.false_negatives)):
        print(f"dev {label} ({len(items)}, first {min(limit, len(items))}):")
        for item in items[:limit]:
            print(f"  {item}")
    print()


# --- regression suites ---------------------------------------------------------------------------

# suite -> (file under quantities/, format, the kinds of prediction it is about; None: all)
SUITES: dict[str, tuple[str, str, frozenset[str] | None]] = {
    "recognizers_number": ("recognizers-specs/Number/English/NumberModel.json", "rt", None),
    "recognizers_number_range": (
        "recognizers-specs/Number/English/NumberRangeModel.json",
        "rt",
        None,
    ),
    "recognizers_percent": (
        "recognizers-specs/Number/English/PercentModel.json",
        "rt",
        frozenset({"percent"}),
    ),
    "recognizers_currency": (
        "recognizers-specs/NumberWithUnit/English/CurrencyModel.json",
        "rt",
        frozenset({"money"}),
    ),
    "recognizers_dimension": (
        "recognizers-specs/NumberWithUnit/English/DimensionModel.json",
        "rt",
        frozenset({"measured"}),
    ),
    "quantulum3": ("quantulum3-tests/quantities.json", "q3", None),
    "quantulum3_ambiguity": ("quantulum3-tests/quantities.ambiguity.json", "q3", None),
}
Key = tuple[float, ...]


@dataclass(slots=True, frozen=True)
class Case:
    suite: str
    text: str
    expected: tuple[Key, ...]
    surfaces: tuple[str, ...]  # the expected figures as written, for the unsupported rules
    midpoints: bool  # quantulum3 states a range by its midpoint


def _key(numbers: Iterable[float]) -> Key:
    """Numbers rounded to 9 significant digits, so 2/3 and "0.666666666666667" are one key."""
    return tuple(float(f"{number:.9g}") for number in numbers)


def resolution_key(value: str | None) -> Key | None:
    """A Recognizers-Text resolution: "192", "1E-12", "20%", "(10,15]", "[30,)"; None if empty."""
    if value is None or value == "null":
        return None
    if value.endswith("%"):
        return _key([float(value[:-1])])
    if value[:1] in "([":
        bounds = [float(part) for part in value[1:-1].split(",") if part.strip()]
        return _key(sorted(set(bounds)))  # [20,20] is 20; an open bound leaves one number
    return _key([float(value)])


def _resolution(result: dict[str, Any]) -> Key | None:
    return resolution_key(result.get("Resolution", {}).get("value"))


def load_cases(suite: str, root: Path = EVAL) -> list[Case]:
    """Recognizers-Text items (Input, Results) or quantulum3 items (req, res) as cases."""
    path, form, _kinds = SUITES[suite]
    data = json.loads(require(root / "quantities" / path).read_text("utf-8"))
    cases = []
    for item in data:
        if form == "rt":
            found = [(_resolution(result), result["Text"]) for result in item["Results"]]
            expected = [(key, surface) for key, surface in found if key is not None]
            text = item["Input"]
        else:
            expected = [(_key([r["value"]]), r["surface"]) for r in item["res"]]
            text = item["req"]
        keys = tuple(sorted(key for key, _ in expected))
        cases.append(Case(suite, text, keys, tuple(s for _, s in expected), form == "q3"))
    return cases


def predicted_keys(case: Case, preds: Sequence[Pred]) -> tuple[Key, ...]:
    kinds = SUITES[case.suite][2]
    keys = []
    for pred in preds:
        if (kinds is not None and pred.kind not in kinds) or not pred.numbers:
            continue
        numbers = pred.numbers
        if case.midpoints and len(numbers) == 2:
            numbers = (sum(numbers) / 2,)
        keys.append(_key(numbers))
    return tuple(sorted(keys))


@dataclass(slots=True)
class SuiteResult:
    suite: str
    cases: int = 0
    unsupported: int = 0
    passed: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return ratio(self.passed, self.cases - self.unsupported)


def run_suite(
    suite: str, extract: Extract, unsupported: Unsupported, root: Path = EVAL
) -> SuiteResult:
    """Pass rate over the supported cases; unsupported ones are counted, not run."""
    result = SuiteResult(suite)
    for case in load_cases(suite, root):
        result.cases += 1
        if unsupported.reason(case) is not None:
            result.unsupported += 1
            continue
        got = predicted_keys(case, extract(case.text))
        if got == case.expected:
            result.passed += 1
        else:
            result.failures.append(f"{case.text!r}: expected {case.expected}, got {got}")
    return result


def run_regression(extract: Extract, root: Path = EVAL) -> dict[str, SuiteResult]:
    unsupported = Unsupported.load(UNSUPPORTED)
    return {suite: run_suite(suite, extract, unsupported, root) for suite in SUITES}


def report_regression(errors: int, with_peer: bool, root: Path = EVAL) -> list[str]:
    results = run_regression(sitrep_extract, root)
    figures = {suite: result.pass_rate for suite, result in results.items()}
    peers = {}
    if with_peer:
        peer = run_regression(quantulum_extract, root)
        peers = {suite: f"quantulum3 {result.pass_rate:.1f}" for suite, result in peer.items()}
    name = f"{BENCHMARK}.regression"
    print(
        format_report(
            "Regression suites: pass rate over supported cases", rows(name, figures, peers)
        )
    )
    for suite, result in results.items():
        print(
            f"  {suite}: {result.passed} of {result.cases - result.unsupported} supported pass,"
            f" {result.unsupported} unsupported"
        )
        for failure in result.failures[:errors]:
            print(f"    fails {failure}")
    print()
    return check_floors(name, figures)


# --- speed ---------------------------------------------------------------------------------------

BBC = EVAL / "corpora" / "bbc"


def corpus_files(folders: Sequence[str] = ("*",)) -> list[str]:
    """BBC stories: one .txt each in the topic folders (not the README)."""
    return sorted(str(path) for folder in folders for path in require(BBC).glob(f"{folder}/*.txt"))


def quantity_pipeline(
    registry: StageRegistry | None = None,
) -> Callable[[Article], tuple[tuple[Span, ...], tuple[Quantity, ...]]]:
    """Sentences and quantities of an article: segmentation through the pipeline's stages, then
    the quantity extractor on its sentences; the quantities stage itself also reads quotes, whose
    cost `bench_attribution.py` reports."""
    segment = Pipeline.from_names(("paragraphs", "sentences"), registry or default_registry())

    def direct(article: Article) -> tuple[tuple[Span, ...], tuple[Quantity, ...]]:
        sentences = segment.run(article).get("sentences")
        return sentences, extract_quantities(article.text, sentences)

    return direct


def articles(files: Sequence[str]) -> Iterator[Article]:
    return (item for item in read_articles(files) if isinstance(item, Article))


def child_sitrep() -> dict[str, float]:
    run = quantity_pipeline()
    start = time.perf_counter()
    count = found = 0
    for article in articles(corpus_files()):
        count += 1
        found += len(run(article)[1])
    seconds = time.perf_counter() - start
    return {"articles": count, "seconds": seconds, "quantities": found, "peak_mb": peak_rss_mb()}


def child_quantulum() -> dict[str, float]:
    files = corpus_files()
    step = max(1, len(files) // QUANTULUM_SAMPLE)
    texts = [article.text for article in articles(files[::step][:QUANTULUM_SAMPLE])]
    parse = _quantulum_parser()
    start = time.perf_counter()
    found = sum(len(parse(text)) for text in texts)
    seconds = time.perf_counter() - start
    return {
        "articles": len(texts),
        "seconds": seconds,
        "quantities": found,
        "peak_mb": peak_rss_mb(),
    }


def report_speed() -> None:
    script = Path(__file__)
    ours = run_child(script, "sitrep")
    rate = ours["articles"] / ours["seconds"]
    speed = [Row("sitrep articles/s (read + segment + quantities)", rate, digits=0)]
    try:
        peer = run_child(script, "quantulum3")
    except SystemExit as error:
        print(
            f"(quantulum3 not measured: {error}; install the bench extra: "
            "pip install -e '.[bench]')"
        )
        peer = None
    if peer:
        peer_rate = peer["articles"] / peer["seconds"]
        speed[0] = Row(speed[0].metric, rate, f"quantulum3 {peer_rate:.1f} (parse only)", digits=0)
        speed.append(
            Row("ratio sitrep / quantulum3", rate / peer_rate, f"target {TARGET_SPEED_RATIO:.0f}")
        )
    speed.append(
        Row(
            "sitrep peak MB",
            ours["peak_mb"],
            f"quantulum3 {peer['peak_mb']:.0f}" if peer else "",
            digits=0,
        )
    )
    print(format_report(f"Speed on BBC ({ours['articles']:.0f} articles), one core", speed))
    if peer:
        print(f"  quantulum3 timed on a sample of {peer['articles']:.0f} of the same articles")
    print(f"  sitrep found {ours['quantities']:.0f} quantities\n")


# --- false casualty figures ----------------------------------------------------------------------


def false_casualties(limit: int = 8) -> tuple[int, int, list[str]]:
    """Killed/wounded figures in sport and entertainment stories, where almost none belong:
    the articles read, the figures found, and the first `limit` of them with their sentences."""
    run = quantity_pipeline()
    count = found = 0
    shown: list[str] = []
    for article in articles(corpus_files(("sport", "entertainment"))):
        count += 1
        sentences, quantities = run(article)
        for quantity in quantities:
            if quantity.measure in ("killed", "wounded"):
                found += 1
                if len(shown) < limit:
                    shown.append(_in_context(article, sentences, quantity))
    return count, found, shown


def _in_context(article: Article, sentences: Sequence[Span], quantity: Quantity) -> str:
    where = (s for s in sentences if s.start_char <= quantity.start_char < s.end_char)
    sentence = next(where, quantity)
    name = "/".join(Path(article.path or "?").parts[-2:])
    return f"{name}: {quantity.text!r} ({quantity.measure}) in: {sentence.text_in(article.text)}"


def report_false_casualties() -> None:
    count, found, shown = false_casualties()
    rate = 100 * found / count if count else 0.0
    line = Row(
        "killed/wounded figures per 100 articles",
        rate,
        f"target <= {TARGET_FALSE_CASUALTIES:.0f}",
        digits=2,
    )
    print(
        format_report(
            f"False casualty figures in BBC sport + entertainment ({count} articles)", [line]
        )
    )
    for item in shown:
        print(f"  {item}")
    print()


# --- entry point ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="skip the speed part and the quantulum3 runs"
    )
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N dev-split errors and N failing cases per suite",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        pin_to_one_core()
        print(json.dumps(child_sitrep() if args.child[0] == "sitrep" else child_quantulum()))
        return 0
    with_peer = not args.quick and quantulum_available()
    failures = report_newsquant(args.errors, with_peer)
    failures += report_regression(args.errors, with_peer)
    if not args.quick:
        report_speed()
    report_false_casualties()
    for failure in failures:
        print(f"FLOOR: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
