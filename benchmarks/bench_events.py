"""Event benchmark: CASE 2021 snippet types, PLOVER categories, figures and places, false events
on non-conflict news, and the speed of the whole default pipeline.

Three parts, each reading ../shared/eval at run time:

- CASE 2021 task 2 (events/case2021/test_set_final_release_with_labels.tsv: 1,019 news snippets,
  each labelled with one of 30 event types, 25 ACLED sub-event types and 5 "unseen" ones).
  `EventExtractor().classify(snippet)` gives one code per snippet. Scored: accuracy, and per
  class precision, recall and F1, averaged weighted by gold support (`weighted_f1`, the shared
  task's ranking figure) and unweighted (`macro_f1`, over every label that is gold or predicted,
  as scikit-learn averages). The whole file is subtask 3's label set; `weighted_f1_subtask1`
  and `weighted_f1_subtask2` score the snippets whose gold type is in subtask 1's 25 types and
  subtask 2's 28, the sets the peers' 83.9 and 79.7 were measured on. Every fifth snippet by
  position (index % 5 == 4) is held out and never tuned on. The per-class table and
  `--confusions` come from the dev split only: held-out snippets are never printed.
- PLOVER (events/plover/PLOVER_GSR_CAMEO.txt, the PLOVER gold standard records: one sentence
  each with its PLOVER category and, for some, dead and injured figures and the event's place;
  the DOCUMENT record, which documents the file, is skipped). Each sentence runs through the full
  default pipeline without a publication date. On the categories sitrep covers (ASSAULT, FIGHT,
  PROTEST, COERCE, RETREAT): `detection_recall`, the share of records with at least one event,
  and `category_accuracy`, the share with an event whose `plover` is the gold category. On the
  other categories: `false_event_share`, the share of records with any event (lower is better).
  Figures, over records with a gold dead (injured) figure where an event was found:
  `killed_right` (`wounded_right`), the share where some event's killed (wounded) toll is the
  gold number (its value, or the gold number inside its range). `figures_right`: of the events
  found that carry a killed or wounded figure, on records with a gold figure, the share whose
  every figure is the gold one (a killed figure where the record gives only injured is wrong).
  An event with a figure on a record with no gold figure cannot be checked: PLOVER codes the
  casualties of the record's own event only (a sanction record that mentions an earlier raid's
  dead gives no dead), so those are counted apart, and `figures_right_strict` counts them wrong
  (reported, not pinned). `location_right`: of the records with a gold place where some event
  has a place, the share where one event's place (as written, or its gazetteer name) contains
  the gold name or is contained in it, case aside. Same split by position as CASE; `--errors N`
  prints dev errors only.
- BBC (corpora/bbc, 2,225 articles in five topic folders; the first line of each file is its
  title). Sport, business, entertainment and tech tell of no armed conflict, so every event
  found in them is false: `false_per_100` is events per 100 articles there, overall and per
  folder, and `false_per_100_every_third` the same over every third article of each folder by
  position (the subset the evaluation test reads, to stay fast). `--show-false` prints each
  false event's trigger and sentence (all of them: the list exists to tune rules). Politics is
  left out of the count: it reports real wars. Speed, in a child process on one pinned core:
  articles read beforehand and one warm-up article outside the clock, the default pipeline
  (`Pipeline.from_names()`) over all five folders, articles per second and peak memory
  (gazetteer and lexicons included); the false-event count comes from the same run.

    python benchmarks/bench_events.py [--part case|plover|bbc] [--quick] [--confusions [N]]
                                      [--errors N] [--show-false]

`--quick` skips the speed measurement (the BBC false-event count then runs in this process, on
the four folders only). Pinned floors are in benchmarks/floors.toml (events.case_dev, ...); the
false-event figures are pinned as ceilings (events.*_ceiling: a figure must not rise above it).
The exit status is 1 when a figure is below its floor or above its ceiling.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import EVAL, peak_rss_mb, pin_to_one_core, require, run_child
from harness import Floors, Row, check_floors, format_report, load_floors, ratio, rows
from sitrep.ingest import read_articles
from sitrep.model import Article, Event, Toll
from sitrep.pipeline import Pipeline

BENCHMARK = "events"
CASE = Path("events") / "case2021" / "test_set_final_release_with_labels.tsv"
PLOVER = Path("events") / "plover" / "PLOVER_GSR_CAMEO.txt"
BBC = Path("corpora") / "bbc"
QUIET_FOLDERS = ("sport", "business", "entertainment", "tech")  # no armed conflict in them
ALL_FOLDERS = ("business", "entertainment", "politics", "sport", "tech")
EVERY_THIRD = 3

# CASE 2021 task 2's label sets (the task's "Note on EVENT TYPES"): subtask 1 the 25 ACLED types,
# subtask 2 adds three unseen types, subtask 3 (the whole file) two more.
UNSEEN_SUBTASK2 = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"})
UNSEEN_SUBTASK3 = UNSEEN_SUBTASK2 | {"DIPLO", "ATTRIB"}
# Best CASE 2021 task 2 systems, weighted F1 on subtasks 1/2/3 (../shared/eval/README.md).
CASE_PEERS = {
    "weighted_f1_subtask1": "best CASE 2021 system 83.9 (subtask 1) · target 84.0",
    "weighted_f1_subtask2": "best CASE 2021 system 79.7 (subtask 2)",
    "weighted_f1": "best CASE 2021 system 77.1 (subtask 3) · target 84.0",
}

COVERED = frozenset({"ASSAULT", "FIGHT", "PROTEST", "COERCE", "RETREAT"})
NOT_COVERED = frozenset(
    {
        "AGREE",
        "DEMAND",
        "REJECT",
        "THREATEN",
        "DISAPPROVE",
        "SANCTION",
        "SUPPORT",
        "CONCEDE",
        "CONSULT",
        "AID",
        "INVESTIGATE",
        "MOBILIZE",
        "COOPERATE",
    }
)
SKIPPED_CATEGORY = "DOCUMENT"  # the record that documents the file, not an event
PLOVER_TARGETS = {"figures_right": "target 95.0"}
BBC_TARGET_PER_100 = 1.0
# spaCy's blank English tokenizer alone on this corpus (../shared/eval/README.md, row "speed").
TOKENIZER_ARTICLES_PER_S = 1200.0
_CONTEXT = 160  # characters of a PLOVER sentence shown with an error

RunEvents = Callable[[Article], Sequence[Event]]


def is_heldout(index: int) -> bool:
    """Deterministic, as in every benchmark: every fifth item by position is held out."""
    return index % 5 == 4


def split_of(index: int) -> str:
    return "heldout" if is_heldout(index) else "dev"


def pipeline_events(pipeline: Pipeline | None = None) -> RunEvents:
    """The default pipeline, built once (the gazetteer takes seconds), as article -> events."""
    built = pipeline or Pipeline.from_names()

    def run(article: Article) -> list[Event]:
        return [r for r in built.run(article).get("events") if isinstance(r, Event)]

    return run


# --- CASE 2021 -----------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Snippet:
    index: int
    id: str
    text: str
    gold: str

    @property
    def split(self) -> str:
        return split_of(self.index)


def load_case(root: Path = EVAL) -> list[Snippet]:
    """The snippets in file order. No field is quoted in the file: tabs alone separate them."""
    path = require(root / CASE)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Snippet(index, row["id"], row["EventSnippet"], row["SubType"])
            for index, row in enumerate(reader)
        ]


@dataclass(slots=True, frozen=True)
class ClassScore:
    label: str
    support: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.correct, self.support)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


Pair = tuple[str, str]  # (gold, predicted)


def class_scores(pairs: Sequence[Pair]) -> list[ClassScore]:
    """One score per label that is gold or predicted, most supported first."""
    support = Counter(gold for gold, _ in pairs)
    predicted = Counter(pred for _, pred in pairs)
    correct = Counter(gold for gold, pred in pairs if gold == pred)
    labels = sorted(set(support) | set(predicted), key=lambda label: (-support[label], label))
    return [ClassScore(lab, support[lab], predicted[lab], correct[lab]) for lab in labels]


def weighted_f1(pairs: Sequence[Pair]) -> float:
    """Per-class F1 weighted by gold support: labels only ever predicted weigh nothing."""
    scores = class_scores(pairs)
    total = sum(score.support for score in scores)
    return sum(score.f1 * score.support for score in scores) / total if total else 0.0


def case_figures(pairs: Sequence[Pair]) -> dict[str, float]:
    scores = class_scores(pairs)
    subtask1 = [pair for pair in pairs if pair[0] not in UNSEEN_SUBTASK3]
    subtask2 = [pair for pair in pairs if pair[0] not in UNSEEN_SUBTASK3 - UNSEEN_SUBTASK2]
    return {
        "accuracy": ratio(sum(gold == pred for gold, pred in pairs), len(pairs)),
        "weighted_f1": weighted_f1(pairs),
        "macro_f1": sum(s.f1 for s in scores) / len(scores) if scores else 0.0,
        "weighted_f1_subtask1": weighted_f1(subtask1),
        "weighted_f1_subtask2": weighted_f1(subtask2),
    }


def score_case(
    snippets: Iterable[Snippet], classify: Callable[[str], str]
) -> dict[str, list[Pair]]:
    """(gold, predicted) pairs for dev, held-out and the whole."""
    splits: dict[str, list[Pair]] = {"dev": [], "heldout": []}
    for snippet in snippets:
        splits[snippet.split].append((snippet.gold, classify(snippet.text)))
    return {**splits, "whole": splits["dev"] + splits["heldout"]}


def sitrep_classify() -> Callable[[str], str]:
    from sitrep.events import EventExtractor

    return EventExtractor().classify


def report_case(confusions: int, root: Path = EVAL) -> list[str]:
    splits = score_case(load_case(root), sitrep_classify())
    failures = []
    for split, pairs in splits.items():
        name = f"{BENCHMARK}.case_{split}"
        figures = case_figures(pairs)
        peers = CASE_PEERS if split == "whole" else {}
        title = f"CASE 2021 task 2, {split} ({len(pairs)} snippets), classify()"
        print(format_report(title, rows(name, figures, peers)))
        print()
        failures += check_floors(name, figures)
    print_class_table(splits["dev"])
    if confusions:
        print_confusions(splits["dev"], confusions)
    return failures


def print_class_table(dev: Sequence[Pair]) -> None:
    """Per-class figures on the dev split only."""
    print("CASE 2021 per class, dev split")
    print(f"  {'label':31} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for s in class_scores(dev):
        print(
            f"  {s.label:31} {s.support:5d} {s.predicted:5d} "
            f"{s.precision:6.1f} {s.recall:6.1f} {s.f1:6.1f}"
        )
    print()


def print_confusions(dev: Sequence[Pair], limit: int) -> None:
    """The commonest (gold, predicted) mistakes on dev: labels only, never a snippet."""
    mistakes = Counter(pair for pair in dev if pair[0] != pair[1])
    print(f"CASE 2021 commonest confusions, dev split ({sum(mistakes.values())} mistakes)")
    for (gold, pred), count in mistakes.most_common(limit):
        print(f"  {count:4d}  {gold} -> {pred}")
    print()


# --- PLOVER --------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class PloverRecord:
    index: int
    id: str
    category: str
    text: str
    dead: int | None = None
    injured: int | None = None
    location: str | None = None

    @property
    def split(self) -> str:
        return split_of(self.index)


def _count(value: object) -> int | None:
    return int(str(value)) if value not in (None, "") else None


def load_plover(root: Path = EVAL) -> list[PloverRecord]:
    """The records in file order, less the DOCUMENT one; positions count the records kept."""
    data = json.loads(require(root / PLOVER).read_text(encoding="utf-8"))
    kept = [item for item in data if item["event"] != SKIPPED_CATEGORY]
    return [
        PloverRecord(
            index,
            item["id"],
            item["event"],
            item["text"],
            _count(item.get("dead")),
            _count(item.get("injured")),
            (item.get("eventLoc") or {}).get("name"),
        )
        for index, item in enumerate(kept)
    ]


def toll_is(toll: Toll | None, gold: int | None) -> bool:
    """The figure is the gold number: its value, or a range holding it. No gold, no match."""
    if toll is None or gold is None:
        return False
    low, high = toll.bounds
    return low <= gold <= high


def place_matches(event: Event, gold: str) -> bool:
    """Case-insensitive containment either way, on the place as written or its gazetteer name
    ("the province of X" holds "X")."""
    if event.place is None:
        return False
    wanted = " ".join(gold.lower().split())
    for ours in (event.place.text, event.place.name):
        said = " ".join(ours.lower().split())
        if said and (said in wanted or wanted in said):
            return True
    return False


def figures_right(event: Event, record: PloverRecord) -> bool:
    """Every figure the event carries is the record's: a figure the record lacks is wrong."""
    killed_ok = event.killed is None or toll_is(event.killed, record.dead)
    wounded_ok = event.wounded is None or toll_is(event.wounded, record.injured)
    return killed_ok and wounded_ok


_PLOVER_COUNTS = (
    "covered",
    "detected",
    "categorised",
    "others",
    "others_with_event",
    "dead",
    "dead_found",
    "dead_right",
    "dead_no_figure",
    "injured",
    "injured_found",
    "injured_right",
    "injured_no_figure",
    "with_figure",
    "figure_right",
    "figure_unchecked",
    "located",
    "located_found",
    "located_right",
)


@dataclass(slots=True)
class PloverTally:
    """Counts over records (see the module docstring); `+` adds two. Errors are descriptions,
    kept for the dev split only."""

    covered: int = 0
    detected: int = 0
    categorised: int = 0
    others: int = 0
    others_with_event: int = 0
    dead: int = 0  # records with a gold dead figure
    dead_found: int = 0  # ... where an event was found
    dead_right: int = 0  # ... and some event's killed toll is the gold number
    dead_no_figure: int = 0  # ... where events were found but none has a killed toll
    injured: int = 0
    injured_found: int = 0
    injured_right: int = 0
    injured_no_figure: int = 0
    with_figure: int = 0  # events with a killed or wounded figure, on records with a gold one
    figure_right: int = 0  # ... whose figures are all right
    figure_unchecked: int = 0  # events with a figure on records with none
    located: int = 0  # records with a gold place
    located_found: int = 0  # ... where some event has a place
    located_right: int = 0  # ... that matches
    errors: list[str] = field(default_factory=list)

    def __add__(self, other: PloverTally) -> PloverTally:
        summed = PloverTally(**{n: getattr(self, n) + getattr(other, n) for n in _PLOVER_COUNTS})
        summed.errors = self.errors + other.errors
        return summed

    def figures(self) -> dict[str, float]:
        """Higher is better: the figures floors pin."""
        return {
            "detection_recall": ratio(self.detected, self.covered),
            "category_accuracy": ratio(self.categorised, self.covered),
            "killed_right": ratio(self.dead_right, self.dead_found),
            "wounded_right": ratio(self.injured_right, self.injured_found),
            "figures_right": ratio(self.figure_right, self.with_figure),
            "figures_right_strict": ratio(
                self.figure_right, self.with_figure + self.figure_unchecked
            ),
            "location_right": ratio(self.located_right, self.located_found),
        }

    def ceiling_figures(self) -> dict[str, float]:
        """Lower is better: the figures ceilings pin."""
        return {"false_event_share": ratio(self.others_with_event, self.others)}


def score_record(record: PloverRecord, events: Sequence[Event], keep: bool) -> PloverTally:
    tally = PloverTally()
    _score_category(tally, record, events)
    _score_figures(tally, record, events)
    if record.location is not None:
        tally.located = 1
        placed = [event for event in events if event.place is not None]
        tally.located_found = int(bool(placed))
        tally.located_right = int(any(place_matches(e, record.location) for e in placed))
    if keep:
        tally.errors = describe_errors(record, events)
    return tally


def _score_category(tally: PloverTally, record: PloverRecord, events: Sequence[Event]) -> None:
    if record.category in COVERED:
        tally.covered = 1
        tally.detected = int(bool(events))
        tally.categorised = int(any(event.plover == record.category for event in events))
    elif record.category in NOT_COVERED:
        tally.others = 1
        tally.others_with_event = int(bool(events))


def _score_figures(tally: PloverTally, record: PloverRecord, events: Sequence[Event]) -> None:
    if record.dead is not None:
        tally.dead = 1
        tally.dead_found = int(bool(events))
        tally.dead_right = int(any(toll_is(event.killed, record.dead) for event in events))
        tally.dead_no_figure = int(bool(events) and all(e.killed is None for e in events))
    if record.injured is not None:
        tally.injured = 1
        tally.injured_found = int(bool(events))
        tally.injured_right = int(any(toll_is(event.wounded, record.injured) for event in events))
        tally.injured_no_figure = int(bool(events) and all(e.wounded is None for e in events))
    carrying = [event for event in events if event.killed or event.wounded]
    if record.dead is None and record.injured is None:
        tally.figure_unchecked = len(carrying)
        return
    tally.with_figure = len(carrying)
    tally.figure_right = sum(figures_right(event, record) for event in carrying)


def describe_errors(record: PloverRecord, events: Sequence[Event]) -> list[str]:
    found = ", ".join(_describe_event(event) for event in events) or "no event"
    head = f"{record.id} {record.category}: {record.text[:_CONTEXT]!r} -> {found}"
    wrong = []
    if record.category in COVERED and not any(e.plover == record.category for e in events):
        wrong.append("category")
    if record.category in NOT_COVERED and events:
        wrong.append("false event")
    gold_figures = record.dead is not None or record.injured is not None
    if gold_figures and any(not figures_right(e, record) for e in events if e.killed or e.wounded):
        wrong.append(f"figures (gold dead {record.dead}, injured {record.injured})")
    if record.location and events and not any(place_matches(e, record.location) for e in events):
        wrong.append(f"place (gold {record.location!r})")
    return [f"[{'; '.join(wrong)}] {head}"] if wrong else []


def _describe_event(event: Event) -> str:
    parts = [f"{event.trigger!r} {event.plover}"]
    if event.killed:
        parts.append(f"killed {_toll_text(event.killed)}")
    if event.wounded:
        parts.append(f"wounded {_toll_text(event.wounded)}")
    if event.place:
        parts.append(f"at {event.place.text or event.place.name!r}")
    return " ".join(parts)


def _toll_text(toll: Toll) -> str:
    low, high = toll.bounds
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def score_plover(records: Iterable[PloverRecord], run: RunEvents) -> dict[str, PloverTally]:
    """Tallies for dev, held-out and the whole; errors are kept for dev only."""
    splits = {"dev": PloverTally(), "heldout": PloverTally()}
    for record in records:
        events = run(Article.create(record.text))
        splits[record.split] += score_record(record, events, record.split == "dev")
    return {**splits, "whole": splits["dev"] + splits["heldout"]}


def report_plover(run: RunEvents, errors: int, root: Path = EVAL) -> list[str]:
    tallies = score_plover(load_plover(root), run)
    failures = []
    for split, tally in tallies.items():
        name = f"{BENCHMARK}.plover_{split}"
        lines = rows(name, tally.figures(), PLOVER_TARGETS if split == "whole" else {})
        ceilings = load_ceilings(f"{name}_ceiling")
        lines += [
            Row(
                metric,
                value,
                "lower is better: the floor column is its ceiling",
                ceilings.get(metric),
            )
            for metric, value in tally.ceiling_figures().items()
        ]
        print(format_report(_plover_title(split, tally), lines))
        _print_plover_counts(tally)
        failures += check_floors(name, tally.figures())
        failures += check_ceilings(f"{name}_ceiling", tally.ceiling_figures())
    if errors:
        print(f"PLOVER dev errors ({len(tallies['dev'].errors)}, first {errors}):")
        for line in tallies["dev"].errors[:errors]:
            print(f"  {line}")
        print()
    return failures


def _plover_title(split: str, tally: PloverTally) -> str:
    return (
        f"PLOVER gold standard, {split} ({tally.covered} records of covered categories, "
        f"{tally.others} of others), full pipeline"
    )


def _print_plover_counts(tally: PloverTally) -> None:
    for label, counts in (
        ("dead", (tally.dead, tally.dead_found, tally.dead_right, tally.dead_no_figure)),
        (
            "injured",
            (tally.injured, tally.injured_found, tally.injured_right, tally.injured_no_figure),
        ),
    ):
        gold, found, right, no_figure = counts
        print(
            f"  gold {label}: {gold} records; no event on {gold - found}; events on {found}, "
            f"the figure right on {right}, no such figure on {no_figure}"
        )
    print(
        f"  events with a figure: {tally.with_figure} on records with gold figures, "
        f"{tally.figure_right} right; {tally.figure_unchecked} on records with none (unchecked)"
    )
    print(
        f"  gold place: {tally.located} records, {tally.located_found} with a placed event, "
        f"{tally.located_right} right\n"
    )


# --- ceilings: figures that must not rise --------------------------------------------------------


def load_ceilings(benchmark: str, floors: Floors | None = None) -> dict[str, float]:
    """A ceiling section of floors.toml (its name ends in `_ceiling`): the same file and format,
    read the other way round."""
    return (load_floors() if floors is None else floors).get(benchmark, {})


def check_ceilings(
    benchmark: str, figures: Mapping[str, float], floors: Floors | None = None
) -> list[str]:
    """Every pinned metric of `benchmark` that is missing or above its ceiling, as a message."""
    failures = []
    for metric, ceiling in load_ceilings(benchmark, floors).items():
        value = figures.get(metric)
        if value is None:
            failures.append(f"{benchmark} {metric}: not measured (ceiling {ceiling:.2f})")
        elif value > ceiling:
            failures.append(f"{benchmark} {metric}: {value:.2f} is above its ceiling {ceiling:.2f}")
    return failures


# --- BBC: false events and speed -----------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class BbcArticle:
    folder: str
    position: int  # in the folder's sorted file list, whatever subset is read
    name: str
    article: Article


@dataclass(slots=True, frozen=True)
class FalseEvent:
    folder: str
    name: str
    trigger: str
    type: str
    subtype: str
    sentence: str


@dataclass(slots=True)
class BbcTally:
    """Events per article (folder, position, count) in the quiet folders, and each event."""

    counts: list[tuple[str, int, int]] = field(default_factory=list)
    events: list[FalseEvent] = field(default_factory=list)

    def per_100(self, folder: str | None = None, every: int = 1) -> float:
        """Events per 100 articles, in one folder or all, over every `every`-th article."""
        kept = [
            found
            for name, position, found in self.counts
            if (folder is None or name == folder) and position % every == 0
        ]
        return 100.0 * sum(kept) / len(kept) if kept else 0.0

    def ceiling_figures(self) -> dict[str, float]:
        return {
            "false_per_100": self.per_100(),
            "false_per_100_every_third": self.per_100(every=EVERY_THIRD),
        }

    def folder_figures(self) -> dict[str, float]:
        folders = sorted({name for name, _, _ in self.counts})
        return {f"{folder} per 100": self.per_100(folder) for folder in folders}


def load_bbc(
    folders: Sequence[str] = QUIET_FOLDERS, every: int = 1, root: Path = EVAL
) -> Iterator[BbcArticle]:
    """The articles of `folders`, every `every`-th of each folder by position, read as sitrep
    reads a text file (its first line is the title)."""
    base = require(root / BBC)
    for folder in folders:
        for position, path in enumerate(sorted((base / folder).glob("*.txt"))):
            if position % every:
                continue
            for item in read_articles([str(path)]):
                if isinstance(item, Article):
                    yield BbcArticle(folder, position, path.name, item)


def false_events(articles: Iterable[BbcArticle], run: RunEvents) -> BbcTally:
    tally = BbcTally()
    for item in articles:
        events = run(item.article)
        tally.counts.append((item.folder, item.position, len(events)))
        tally.events.extend(_false_event(item, event) for event in events)
    return tally


def _false_event(item: BbcArticle, event: Event) -> FalseEvent:
    sentence = item.article.text[event.sentence_start : event.sentence_end]
    return FalseEvent(
        item.folder, item.name, event.trigger, event.type, event.subtype, " ".join(sentence.split())
    )


def child_bbc() -> dict[str, Any]:
    """In a fresh interpreter on one core: the default pipeline over all five folders, articles
    read beforehand and one warm-up article outside the clock; the quiet folders' events."""
    run = pipeline_events()
    articles = list(load_bbc(ALL_FOLDERS))
    run(articles[0].article)
    tally = BbcTally()
    politics = 0
    start = time.perf_counter()
    for item in articles:
        events = run(item.article)
        if item.folder not in QUIET_FOLDERS:
            politics += len(events)
            continue
        tally.counts.append((item.folder, item.position, len(events)))
        tally.events.extend(_false_event(item, event) for event in events)
    seconds = time.perf_counter() - start
    return {
        "articles": len(articles),
        "seconds": seconds,
        "peak_mb": peak_rss_mb(),
        "politics_events": politics,
        "counts": tally.counts,
        "events": [asdict(event) for event in tally.events],
    }


def report_bbc(show_false: bool, quick: bool, run: RunEvents | None) -> list[str]:
    if quick:
        tally = false_events(load_bbc(), run or pipeline_events())
        speed = None
    else:
        speed = run_child(Path(__file__), "bbc")
        tally = BbcTally(
            [(str(f), int(p), int(n)) for f, p, n in speed["counts"]],
            [FalseEvent(**event) for event in speed["events"]],
        )
    name = f"{BENCHMARK}.bbc_ceiling"
    ceilings = load_ceilings(name)
    target = f"target at most {BBC_TARGET_PER_100:.1f}; "
    lines = [
        Row(
            metric,
            value,
            f"{target if metric == 'false_per_100' else ''}the floor column is its ceiling",
            ceilings.get(metric),
            2,
        )
        for metric, value in tally.ceiling_figures().items()
    ]
    lines += [Row(metric, value, digits=2) for metric, value in tally.folder_figures().items()]
    title = f"False events on BBC {'/'.join(QUIET_FOLDERS)} ({len(tally.counts)} articles)"
    print(format_report(title, lines))
    print(f"  {len(tally.events)} events in {sum(n > 0 for _, _, n in tally.counts)} articles\n")
    if show_false:
        print_false(tally.events)
    if speed is not None:
        print_speed(speed)
    return check_ceilings(name, tally.ceiling_figures())


def print_false(events: Sequence[FalseEvent]) -> None:
    print(f"False events on BBC ({len(events)}):")
    for event in events:
        where = f"{event.folder}/{event.name}"
        print(f"  {where} {event.trigger!r} ({event.type}, {event.subtype}): {event.sentence}")
    print()


def print_speed(speed: Mapping[str, Any]) -> None:
    lines = [
        Row(
            "articles/s",
            speed["articles"] / speed["seconds"],
            f"spaCy blank tokenizer alone ~{TOKENIZER_ARTICLES_PER_S:.0f}",
            digits=1,
        ),
        Row("seconds", speed["seconds"], digits=1),
        Row("peak MB", speed["peak_mb"], digits=0),
    ]
    title = f"Speed on BBC ({speed['articles']} articles), one core, default pipeline"
    print(format_report(title, lines))
    print(f"  politics (not counted as false): {speed['politics_events']} events\n")


# --- entry point ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=("case", "plover", "bbc"), help="run one part only")
    parser.add_argument("--quick", action="store_true", help="skip the speed measurement")
    parser.add_argument(
        "--confusions",
        type=int,
        nargs="?",
        const=10,
        default=0,
        metavar="N",
        help="print the N commonest CASE confusions on dev (10 without N)",
    )
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print up to N PLOVER dev errors"
    )
    parser.add_argument("--show-false", action="store_true", help="print every BBC false event")
    parser.add_argument("--child", choices=("bbc",), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        pin_to_one_core()
        print(json.dumps(child_bbc()))
        return 0
    parts = [args.part] if args.part else ["case", "plover", "bbc"]
    failures = []
    if "case" in parts:
        failures += report_case(args.confusions)
    run = pipeline_events() if "plover" in parts or ("bbc" in parts and args.quick) else None
    if "plover" in parts and run is not None:
        failures += report_plover(run, args.errors)
    if "bbc" in parts:
        failures += report_bbc(args.show_false, args.quick, run)
    for failure in failures:
        print(f"FLOOR: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
