"""Time expression benchmark: TimeBank detection and values, Recognizers-Text specs, speed.

Three parts, each beside what peers score:

- TimeBank (183 TimeML news documents in ../shared/eval/times/timebank; TBAQ-cleaned's TimeBank
  half: the AQUAINT half is kept aside elsewhere, so this directory holds no AQUAINT file). Each
  document's creation time (the TIMEX3 with functionInDocument="CREATION_TIME", in the <DCT>
  header) is the reference date and is not gold: the header is metadata, not body text. The text
  scored is the <TEXT> element with its tags stripped; gold offsets are computed over it. A
  prediction matches a gold TIMEX3 when their spans overlap, one to one (gold in order, each
  taking the first free prediction that overlaps it). Value accuracy is over matched pairs: the
  values agree when equal after trivial normalisation (case, spaces; TimeBank's decade, century
  and millennium letters in durations, P1E, written in years, P10Y; T17:00 written T17), when
  the gold value has X digits the annotator left open ("1989-WXX" for "last week") and ours
  fills them, when both are durations of the same length ("PT24H" and "P1D"; a year is 12
  months, a day 24 hours), or when the gold value is a calendar date or period (no clock time)
  whose days are exactly the prediction's interval. `value_exact` counts only the first case.
  TimeML annotates a range's two ends, not the range, so range records are left out here.
  Reported on a dev split (the one to tune on), a held-out split (every fifth file by name,
  index % 5 == 4; its errors are never printed) and the whole.
- Regression: Recognizers-Text's English DateTime specs. A case passes when every expected
  expression is found with the same text (case and a leading preposition aside) and, where the
  spec resolves it, a value or interval that agrees with one of its resolutions, and nothing else
  is found. A range is one expression there: the ends inside a range record are left out, and
  the range agrees when its days match (ending where its last part ends, or, as their older specs
  do, where it begins). Cases out of scope are set aside by the rules in unsupported_times.toml.
- Speed on the BBC corpus, one pinned core, in a child process: sentences and articles per
  second of `extract_times` over whole articles (segmentation, done beforehand, only counts the
  sentences), and peak memory; beside Recognizers-Text's and dateparser's rates measured on the
  same machine when the data was set up.

    python benchmarks/bench_times.py [--quick] [--errors N]

Pinned floors are in benchmarks/floors.toml; the exit status is 1 when a figure is below its floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
from sitrep.model import Article, TimeExpression
from sitrep.pipeline import Pipeline
from sitrep.times import extract_times
from sitrep.times.dates import period_of_value

HERE = Path(__file__).resolve().parent
UNSUPPORTED = HERE / "unsupported_times.toml"
BENCHMARK = "times"
TIMEBANK = EVAL / "times" / "timebank"
SPECS = EVAL / "times" / "recognizers-specs" / "DateTime" / "English"
# Peers, measured on TimeBank+AQUAINT and the BBC corpus when the evaluation data was set up
# (../shared/eval/README.md, row "times").
PEER_RT = {"f1": 86.4, "value_accuracy": 86.9}
PEER_DATEPARSER = {"f1": 53.9, "value_accuracy": 78.4}
PEER_SENTENCES_PER_S = {"Recognizers-Text DateTime": 104.0, "dateparser search_dates": 65.0}
TARGET_SPEED_RATIO = 50.0  # times Recognizers-Text's sentences per second
_CONTEXT = 60  # characters either side of an error


# --- TimeBank ------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class GoldTime:
    start: int
    end: int
    type: str
    value: str
    mod: str | None


@dataclass(slots=True, frozen=True)
class TimebankDocument:
    index: int
    name: str
    reference: dt.date
    text: str
    gold: tuple[GoldTime, ...]

    @property
    def split(self) -> str:
        """Deterministic: every fifth file by name is held out and never tuned on."""
        return "heldout" if self.index % 5 == 4 else "dev"


def read_timeml(path: Path, index: int) -> TimebankDocument:
    """One TimeML file: the DCT as reference, the <TEXT> body without tags, gold TIMEX3s."""
    root = ET.parse(path).getroot()
    creation = next(
        timex for timex in root.iter("TIMEX3") if timex.get("functionInDocument") == "CREATION_TIME"
    )
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    pieces: list[str] = []
    gold: list[GoldTime] = []
    _walk(body, pieces, gold)
    reference = dt.date.fromisoformat(creation.get("value", "")[:10])
    return TimebankDocument(index, path.name, reference, "".join(pieces), tuple(gold))


def _walk(element: ET.Element, pieces: list[str], gold: list[GoldTime]) -> None:
    """Collect the text under `element` in order; a TIMEX3's span is what it encloses."""
    start = sum(len(piece) for piece in pieces)
    pieces.append(element.text or "")
    for child in element:
        _walk(child, pieces, gold)
        pieces.append(child.tail or "")
    if element.tag == "TIMEX3":
        end = start + len("".join(_texts(element)))
        attrs = element.attrib
        gold.append(GoldTime(start, end, attrs["type"], attrs["value"], attrs.get("mod")))


def _texts(element: ET.Element) -> Iterator[str]:
    yield element.text or ""
    for child in element:
        yield from _texts(child)
        yield child.tail or ""


def load_timebank(root: Path = EVAL) -> Iterator[TimebankDocument]:
    """The documents in file-name order, parsed one at a time."""
    folder = require(root / "times" / "timebank")
    for index, path in enumerate(sorted(folder.glob("*.tml"))):
        yield read_timeml(path, index)


def normalise_value(value: str) -> str:
    """Case and spaces aside; TimeBank writes decades, centuries and millennia in durations with
    their own letters (P1E, PXC, P2L): counted ones are written in years here; a time on the hour
    may leave out its minutes."""
    value = value.strip().upper()
    scales = {"E": 10, "C": 100, "L": 1000}
    value = re.sub(r"^P(\d+)([ECL])$", lambda m: f"P{int(m[1]) * scales[m[2]]}Y", value)
    return re.sub(r"(T\d\d):00$", r"\1", value)  # a clock time on the hour: T17:00 is T17


def values_equal(predicted: TimeExpression, gold: str) -> bool:
    """The strict reading: the same value after trivial normalisation."""
    return normalise_value(predicted.value) == normalise_value(gold)


def values_agree(predicted: TimeExpression, gold: str) -> bool:
    """Equal values; or a gold value with X digits the annotator left open ("1989-WXX" for "last
    week") that ours fills; or two durations of the same length ("PT24H", "P1D"); or a gold
    calendar value (no clock time) covering exactly our days."""
    if values_equal(predicted, gold) or fills(predicted.value, gold):
        return True
    if same_length(predicted.value, gold):
        return True
    if "T" in gold or predicted.interval is None:
        return False
    period = period_of_value(gold)
    return period is not None and period.interval == predicted.interval


_DURATION = re.compile(r"P(?:(?P<date>(?:[\d.]+[YMWD])+))?(?:T(?P<time>(?:[\d.]+[HMS])+))?")
_DURATION_PART = re.compile(r"([\d.]+)([A-Z])")
# A duration's length as (months, seconds): a year is 12 months, a week 7 days, a day 24 hours.
_MONTHS = {"Y": 12.0, "M": 1.0}
_SECONDS = {"W": 604800.0, "D": 86400.0}
_CLOCK_SECONDS = {"H": 3600.0, "M": 60.0, "S": 1.0}


def duration_length(value: str) -> tuple[float, float] | None:
    """(months, seconds) of an ISO 8601 duration with numbers ("P1Y6M" is 18 months)."""
    found = _DURATION.fullmatch(normalise_value(value))
    if found is None or not (found["date"] or found["time"]):
        return None
    months = seconds = 0.0
    for number, letter in _DURATION_PART.findall(found["date"] or ""):
        months += float(number) * _MONTHS.get(letter, 0.0)
        seconds += float(number) * _SECONDS.get(letter, 0.0)
    for number, letter in _DURATION_PART.findall(found["time"] or ""):
        seconds += float(number) * _CLOCK_SECONDS[letter]
    return months, seconds


def same_length(ours: str, theirs: str) -> bool:
    """Two durations written differently for one length: "PT1H30M" and "PT1.5H"."""
    length = duration_length(ours)
    return length is not None and length == duration_length(theirs)


def fills(ours: str, pattern: str) -> bool:
    """`ours` is `pattern` with its X digits filled in ("1989-W42" fills "1989-WXX")."""
    theirs = normalise_value(pattern)
    if "X" not in theirs.removeprefix("PX").removeprefix("PTX"):
        return False
    return re.fullmatch(re.escape(theirs).replace("X", r"\d"), normalise_value(ours)) is not None


@dataclass(slots=True)
class Tally:
    """Counts over documents; `+` adds two, so splits are sums of documents."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    value_ok: int = 0
    value_exact: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, name) + getattr(other, name) for name in _TALLY_FIELDS))

    def figures(self) -> dict[str, float]:
        return {
            **Counts(self.matched, self.predicted, self.gold).figures(),
            "value_accuracy": ratio(self.value_ok, self.matched),
            "value_exact": ratio(self.value_exact, self.matched),
        }


_TALLY_FIELDS = tuple(Tally.__dataclass_fields__)


def pair_up(predicted: Sequence[TimeExpression], gold: Sequence[GoldTime]) -> list[tuple[int, int]]:
    """Gold in order, each with the first free prediction overlapping it."""
    pairs, used = [], set()
    for g, item in enumerate(gold):
        for p, pred in enumerate(predicted):
            if p not in used and pred.start_char < item.end and item.start < pred.end_char:
                pairs.append((p, g))
                used.add(p)
                break
    return pairs


def score_document(
    document: TimebankDocument, predicted: Sequence[TimeExpression], keep_errors: bool
) -> Tally:
    pairs = pair_up(predicted, document.gold)
    tally = Tally(len(pairs), len(predicted), len(document.gold))
    for p, g in pairs:
        tally.value_exact += values_equal(predicted[p], document.gold[g].value)
        if values_agree(predicted[p], document.gold[g].value):
            tally.value_ok += 1
        elif keep_errors:
            tally.wrong_values.append(_describe_value(document, predicted[p], document.gold[g]))
    if keep_errors:
        _keep_unpaired(document, predicted, pairs, tally)
    return tally


def _keep_unpaired(
    document: TimebankDocument,
    predicted: Sequence[TimeExpression],
    pairs: list[tuple[int, int]],
    tally: Tally,
) -> None:
    paired_preds, paired_golds = {p for p, _ in pairs}, {g for _, g in pairs}
    for p, pred in enumerate(predicted):
        if p not in paired_preds:
            where = _context(document.text, pred.start_char, pred.end_char)
            tally.false_positives.append(f"{pred.text!r} {pred.value} in: {where}")
    for g, gold in enumerate(document.gold):
        if g not in paired_golds:
            where = _context(document.text, gold.start, gold.end)
            text = document.text[gold.start : gold.end]
            tally.misses.append(f"{text!r} {gold.type} {gold.value} in: {where}")


def _describe_value(document: TimebankDocument, pred: TimeExpression, gold: GoldTime) -> str:
    where = _context(document.text, gold.start, gold.end)
    return (
        f"{pred.text!r} -> {pred.value} {pred.interval}; gold "
        f"{document.text[gold.start : gold.end]!r} {gold.value} (ref {document.reference}) in: "
        f"{where}"
    )


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def score_timebank(documents: Iterable[TimebankDocument]) -> dict[str, Tally]:
    """Tallies for the dev split, the held-out split and the whole; errors are kept for dev only,
    so held-out errors can never be printed."""
    splits = {"dev": Tally(), "heldout": Tally()}
    for document in documents:
        predicted = ends_only(extract_times(document.text, document.reference))
        splits[document.split] += score_document(
            document, predicted, keep_errors=document.split == "dev"
        )
    return {**splits, "whole": splits["dev"] + splits["heldout"]}


def is_range(time: TimeExpression) -> bool:
    """A range record: its value is an ISO 8601 interval ("2014-05/2014-08")."""
    return "/" in time.value


def ends_only(predicted: Sequence[TimeExpression]) -> list[TimeExpression]:
    """TimeML annotates a range's two ends, not the range: range records are left out."""
    return [p for p in predicted if not is_range(p)]


def ranges_whole(predicted: Sequence[TimeExpression]) -> list[TimeExpression]:
    """Recognizers-Text writes a range as one expression: the ends inside a range are left out."""
    spans = [(p.start_char, p.end_char) for p in predicted if is_range(p)]
    return [
        p
        for p in predicted
        if is_range(p) or not any(s <= p.start_char and p.end_char <= e for s, e in spans)
    ]


def timebank_peers() -> dict[str, str]:
    return {
        metric: f"Recognizers-Text {PEER_RT[metric]:.1f} · dateparser {PEER_DATEPARSER[metric]:.1f}"
        " (TimeBank+AQUAINT)"
        for metric in PEER_RT
    }


def report_timebank(errors: int, root: Path = EVAL) -> list[str]:
    tallies = score_timebank(load_timebank(root))
    failures = []
    for split, tally in tallies.items():
        figures = tally.figures()
        name = f"{BENCHMARK}.timebank_{split}"
        peers = timebank_peers() if split == "whole" else {}
        title = f"TimeBank, {split} ({tally.gold} gold TIMEX3, {tally.predicted} predicted)"
        print(format_report(title, rows(name, figures, peers)))
        print()
        failures += check_floors(name, figures)
    if errors:
        print_errors(tallies["dev"], errors)
    return failures


def print_errors(dev: Tally, limit: int) -> None:
    """Dev split only: held-out errors are never shown, so nobody tunes on them."""
    groups = (
        ("false positives", dev.false_positives),
        ("misses", dev.misses),
        ("wrong values", dev.wrong_values),
    )
    for label, items in groups:
        print(f"dev {label} ({len(items)}, first {min(limit, len(items))}):")
        for item in items[:limit]:
            print(f"  {item}")
    print()


# --- Recognizers-Text specs ---------------------------------------------------------------------

# suite -> file under recognizers-specs/DateTime/English
SUITES: dict[str, str] = {
    "recognizers_datetime": "DateTimeModel.json",
    "recognizers_datetime_experimental": "DateTimeModelExperimentalMode.json",
    "recognizers_duration": "DurationParser.json",
}
_LEADING = re.compile(r"^(?:on|in|at|during|for|from|between|by|of)\s+")


@dataclass(slots=True, frozen=True)
class Expected:
    """One expected expression: its text and the TIMEX values, dates and day ranges it may
    resolve to (several when the spec lists a past and a future reading)."""

    text: str
    timexes: tuple[str, ...]
    intervals: tuple[tuple[str, str], ...]


@dataclass(slots=True, frozen=True)
class Case:
    suite: str
    text: str
    reference: dt.date | None
    expected: tuple[Expected, ...]

    @property
    def surfaces(self) -> tuple[str, ...]:
        return tuple(expected.text for expected in self.expected)


def load_cases(suite: str, root: Path = EVAL) -> list[Case]:
    path = require(root / "times" / "recognizers-specs" / "DateTime" / "English" / SUITES[suite])
    items = json.loads(path.read_text("utf-8-sig"))
    return [
        Case(suite, item["Input"], _reference(item), tuple(_expected(r) for r in item["Results"]))
        for item in items
    ]


def _reference(item: Mapping[str, Any]) -> dt.date | None:
    stamp = (item.get("Context") or {}).get("ReferenceDateTime")
    return dt.date.fromisoformat(stamp[:10]) if stamp else None


def _expected(result: Mapping[str, Any]) -> Expected:
    values = (result.get("Resolution") or {}).get("values") or []
    timexes = [str(v["timex"]) for v in values if v.get("timex")]
    # A resolved clock time ("2016-11-01 09:00:00") in TIMEX form: their past and future readings.
    timexes += [
        _clock_timex(str(v["value"])) for v in values if _CLOCK_VALUE.match(str(v.get("value")))
    ]
    value = result.get("Value")
    if isinstance(value, Mapping) and value.get("Timex"):
        timexes.append(str(value["Timex"]))  # the parser specs' shape
    intervals = [_interval(v) for v in values]
    return Expected(
        result["Text"],
        tuple(timexes),
        tuple(interval for interval in intervals if interval is not None),
    )


_CLOCK_VALUE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def _clock_timex(value: str) -> str:
    """ "2016-11-01 09:00:00" as "2016-11-01T09:00" (seconds dropped when zero)."""
    day, clock = value.split(" ")
    return f"{day}T{clock.removesuffix(':00')}"


def _interval(resolution: Mapping[str, Any]) -> tuple[str, str] | None:
    """A resolved date ("2016-11-04") or range (start, end exclusive) as inclusive ISO days."""
    if resolution.get("type") == "date" and _is_day(resolution.get("value")):
        return (resolution["value"], resolution["value"])
    start, end = resolution.get("start"), resolution.get("end")
    if _is_day(start) and _is_day(end) and len(str(start)) == len(str(end)) == len("2016-11-07"):
        last = dt.date.fromisoformat(str(end)) - dt.timedelta(days=1)
        return (str(start), last.isoformat())
    return None  # open-ended, or a range of clock times


def _is_day(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value[:10]) is not None


def surface(text: str) -> str:
    """Lowered, spaces folded, a leading preposition and a final full stop dropped: RT keeps
    "on"/"in" in its spans, sitrep (like TIMEX3) leaves prepositions out; RT drops the stop of
    "Aug.", sitrep keeps it."""
    return _LEADING.sub("", " ".join(text.lower().split())).rstrip(".")


def timex_agrees(predicted: TimeExpression, expected: Expected) -> bool:
    """Our value matches one of their TIMEX values, or our interval one of their resolutions."""
    if not expected.timexes and not expected.intervals:
        return True
    ours = normalise_value(predicted.value)
    for timex in expected.timexes:
        # An X in theirs is a digit left open (their past and future readings): ours may fill it;
        # a clock time without a day ("T20:10") is compared with our time's clock.
        if ours == normalise_value(timex) or fills(ours, timex) or same_length(ours, timex):
            return True
        if timex.startswith("T") and ours.endswith(normalise_value(timex)):
            return True
    if is_range(predicted):  # the experimental specs end ranges as sitrep does, the others not
        return bool({predicted.interval, as_their_range(predicted)} & set(expected.intervals))
    return predicted.interval is not None and predicted.interval in expected.intervals


def as_their_range(predicted: TimeExpression) -> tuple[str, str] | None:
    """Our range in Recognizers-Text's terms: they end a range where its last part begins ("from
    March to May" runs to 30 April), sitrep where it ends (to 31 May, as a reader means)."""
    end_value = predicted.value.split("/")[1]
    if predicted.interval is None or not re.fullmatch(r"\d{4}(?:-\d\d){0,2}", end_value):
        return None
    year, month, day = [*end_value.split("-"), "01", "01"][:3]
    last = dt.date(int(year), int(month), int(day)) - dt.timedelta(days=1)
    return (predicted.interval[0], last.isoformat())


def case_passes(case: Case, predicted: Sequence[TimeExpression]) -> bool:
    found = {surface(p.text): p for p in predicted}
    for expected in case.expected:
        match = found.pop(surface(expected.text), None)
        if match is None or not timex_agrees(match, expected):
            return False
    return not found


@dataclass(slots=True)
class SuiteResult:
    suite: str
    cases: int = 0
    unsupported: int = 0
    passed: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return ratio(self.passed, self.cases - self.unsupported)


def run_suite(suite: str, unsupported: Unsupported, root: Path = EVAL) -> SuiteResult:
    result = SuiteResult(suite)
    for case in load_cases(suite, root):
        result.cases += 1
        reason = unsupported.reason(case)
        if reason is not None:
            result.unsupported += 1
            result.by_reason[reason] = result.by_reason.get(reason, 0) + 1
            continue
        predicted = ranges_whole(extract_times(case.text, case.reference))
        if case_passes(case, predicted):
            result.passed += 1
        else:
            got = [(p.text, p.value, p.interval) for p in predicted]
            wanted = [(e.text, e.timexes[:2], e.intervals[:2]) for e in case.expected]
            result.failures.append(
                f"{case.text!r} ({case.reference}): expected {wanted}, got {got}"
            )
    return result


def run_regression(root: Path = EVAL) -> dict[str, SuiteResult]:
    unsupported = Unsupported.load(UNSUPPORTED)
    return {suite: run_suite(suite, unsupported, root) for suite in SUITES}


def report_regression(errors: int, root: Path = EVAL) -> list[str]:
    results = run_regression(root)
    figures = {suite: result.pass_rate for suite, result in results.items()}
    name = f"{BENCHMARK}.regression"
    print(format_report("Regression specs: pass rate over supported cases", rows(name, figures)))
    for suite, result in results.items():
        supported = result.cases - result.unsupported
        print(
            f"  {suite}: {result.passed} of {supported} supported pass, "
            f"{result.unsupported} unsupported"
        )
        for reason, count in sorted(result.by_reason.items(), key=lambda item: -item[1]):
            print(f"    unsupported ({count}): {reason}")
        for failure in result.failures[:errors]:
            print(f"    fails {failure}")
    print()
    return check_floors(name, figures)


# --- speed ---------------------------------------------------------------------------------------

BBC = EVAL / "corpora" / "bbc"
# BBC texts carry no date; a fixed reference inside the corpus's years (2004-05) exercises the
# resolution of relative expressions as a real run would.
SPEED_REFERENCE = dt.date(2005, 6, 1)


def corpus_files() -> list[str]:
    """BBC stories: one .txt each in the topic folders (not the README)."""
    return sorted(str(path) for path in require(BBC).glob("*/*.txt"))


def child_speed() -> dict[str, float]:
    """Articles are read and segmented before the clock starts: only `extract_times` is timed;
    the sentences are counted to state the rate per sentence, as the peers' is."""
    segment = Pipeline.from_names(("paragraphs", "sentences"))
    docs = [item for item in read_articles(corpus_files()) if isinstance(item, Article)]
    sentences = sum(len(segment.run(article).get("sentences")) for article in docs)
    texts = [article.text for article in docs]
    start = time.perf_counter()
    found = sum(len(extract_times(text, SPEED_REFERENCE)) for text in texts)
    seconds = time.perf_counter() - start
    return {
        "articles": len(texts),
        "sentences": sentences,
        "seconds": seconds,
        "times": found,
        "peak_mb": peak_rss_mb(),
    }


def report_speed() -> None:
    ours = run_child(Path(__file__), "speed")
    per_sentence = ours["sentences"] / ours["seconds"]
    peers = " · ".join(f"{name} {rate:.0f}" for name, rate in PEER_SENTENCES_PER_S.items())
    best_peer = PEER_SENTENCES_PER_S["Recognizers-Text DateTime"]
    lines = [
        Row("sentences/s", per_sentence, peers, digits=0),
        Row("articles/s", ours["articles"] / ours["seconds"], digits=0),
        Row(
            "ratio to Recognizers-Text",
            per_sentence / best_peer,
            f"target {TARGET_SPEED_RATIO:.0f}",
        ),
        Row("peak MB", ours["peak_mb"], digits=0),
    ]
    title = (
        f"Speed on BBC ({ours['articles']:.0f} articles, {ours['sentences']:.0f} sentences), "
        "one core, extract_times alone"
    )
    print(format_report(title, lines))
    print(f"  sitrep found {ours['times']:.0f} time expressions\n")


# --- entry point ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="skip the speed part")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N dev-split errors of each kind and N failing specs per suite",
    )
    parser.add_argument("--child", choices=("speed",), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        pin_to_one_core()
        print(json.dumps(child_speed()))
        return 0
    failures = report_timebank(args.errors)
    failures += report_regression(args.errors)
    if not args.quick:
        report_speed()
    for failure in failures:
        print(f"FLOOR: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
