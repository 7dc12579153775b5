"""Place benchmark: toponym recognition and resolution on GeoWebNews and LGL, and speed.

Two corpora in ../shared/eval/places, each read one article at a time, beside what peers score:

- GeoWebNews (GWN.xml, 200 web news articles, Gritta et al. 2019, "A Pragmatic Guide to
  Geoparsing Evaluation"). Every annotation has a type from the paper's taxonomy. The scored
  toponyms are the paper's two groups, literal (Literal, Mixed, Coercion, Embedded_Literal,
  Literal_Modifier) and associative (Metonymic, Non_Literal_Modifier, Embedded_Non_Lit), less the
  associative types the paper gives no coordinates (Demonym, Language, Homonym): a geoparser is
  not asked to put "British", "English" or a house model called "Jamison" on a map. Those three
  are neutral: a prediction on one is neither credited nor counted as a false positive. The
  paper's repository leaves Literal_Expression, Non_Lit_Expression and Non_Toponym out of every
  toponym count (they mark the words and organisations around toponyms), and so does this
  benchmark: a prediction on one of them is a false positive. Resolution is over the scored
  toponyms with coordinates (latitude and longitude in the file; all but 9 Coercion ones have
  them). The nonLocational flag is set only on expressions, so it changes nothing here. Five
  annotations in two articles (123 and 255) have negative offsets, before the text begins (those
  of 123 annotate its headline, which is not part of the text): they are left out, two of them
  ("American" and "US", Non_Literal_Modifier) of scored types.
- LGL (lgl.xml, 588 local US news articles, Lieberman et al. 2010). Every annotated toponym is
  scored for recognition; resolution is over those with a <gaztag> (GeoNames id, lat, lon).

Offsets are checked against the text when read (tests/evaluation/test_eval_places.py): in both
files every annotation inside the text spells exactly the text at its offsets, so no offset is
shifted.

Scoring, per article:

- Recognition: predictions are taken in text order; gold toponyms in text order, each takes the
  first free prediction whose span overlaps it (one to one). Precision is matched / predicted,
  recall matched / gold, F1 their harmonic mean; predictions left over that overlap a neutral
  annotation are removed from `predicted` first.
- Resolution, over matched pairs whose gold toponym has coordinates: the great-circle (haversine,
  Earth radius 6371 km) distance from the prediction's lat/lon to the gold's. A prediction without
  coordinates is wrong. `accuracy_161` is the share of those pairs within 161 km (100 miles);
  `accuracy_161_end_to_end` counts the same correct pairs over every gold toponym with
  coordinates, so a toponym missed counts as wrong. Mean and median km are over the pairs where
  both sides have coordinates; `auc` is the mean of ln(1 + km) / ln(1 + 20,015 km) over all the
  pairs, a prediction without coordinates counting as the greatest distance on Earth (0 is
  perfect, lower is better: Gritta et al.'s AUC, whose trapezoid rule differs only at the two
  ends).
- `--gold-toponyms` scores resolution alone: `sitrep.places.resolve_places(text, spans)` is given
  the scored gold spans of each article and returns one Place (or None) per span; `accuracy_161`
  is then over every gold toponym with coordinates. This is the figure comparable to Mordecai 3's
  and to the most-populous baseline's, which were measured on gold toponyms.

Peers, and which of our figures each is comparable to:

- Mordecai 3 (Halterman 2023) GWN 94.1, LGL 82.7 accuracy@161km: on gold toponyms, those with a
  GeoNames id whose tokens spaCy also tags GPE/LOC (its format_geoparsing_data.py), with these
  corpora among its training data, so on a split of them -> our `--gold-toponyms` accuracy_161
  (theirs is an easier subset).
- Most-populous gazetteer match, measured when the data was set up: GWN 43.5, LGL 36.7, given the
  gold toponyms -> our `--gold-toponyms` accuracy_161.
- Edinburgh Geoparser LGL 76.0, CLAVIN LGL 70.6 (Gritta et al. 2017, "What's missing in
  geographical parsing?", results_lgl.txt): over the gold toponyms with coordinates that each
  parser recognised itself (same name, case aside, span centre within 10 characters) -> our
  accuracy_161 (matched). Their P/R/F1 (Edinburgh 71.5/54.7/62.0, CLAVIN 81.3/44.3/57.3) count
  only gold toponyms with coordinates, with that stricter match: beside ours for scale.

Splits: in each corpus every fifth article by position (index % 5 == 4) is held out and never
tuned on; the rest is dev. `--errors N` prints dev errors only: held-out errors are never kept.

Speed, on the BBC corpus, one pinned core, in a child process: the gazetteer's load time
(importing sitrep.places and `sitrep.places.gazetteer.Gazetteer.open()`, in a fresh
interpreter), then, after one warm-up call, articles per second of `extract_places` alone over
whole articles, and peak memory (gazetteer included).

    python benchmarks/bench_places.py [--quick] [--errors N] [--corpus gwn|lgl] [--gold-toponyms]

Pinned floors are in benchmarks/floors.toml (sections places.gwn_dev, ..., places.lgl_whole; with
--gold-toponyms places.gwn_gold_dev, ...); the exit status is 1 when a figure is below its floor.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import EVAL, peak_rss_mb, pin_to_one_core, require, run_child
from harness import Counts, Row, check_floors, format_report, ratio, rows
from sitrep.ingest import read_articles
from sitrep.model import Article, Place

BENCHMARK = "places"
CORPORA = {"gwn": "GWN.xml", "lgl": "lgl.xml"}
CORPUS_TITLES = {"gwn": "GeoWebNews", "lgl": "LGL"}
EARTH_RADIUS_KM = 6371.0
FARTHEST_KM = math.pi * EARTH_RADIUS_KM  # half the Earth's circumference: the greatest distance
WITHIN_KM = 161.0  # 100 miles, the field's accuracy@161km
_CONTEXT = 60  # characters either side of an error

# GeoWebNews' taxonomy (Gritta et al. 2019): the two groups of toponyms, the associative types
# without coordinates (neutral here) and the annotations that are not toponyms at all.
LITERAL_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier"})
ASSOCIATIVE_TYPES = frozenset({"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
NEUTRAL_TYPES = frozenset({"Demonym", "Language", "Homonym"})
NOT_TOPONYM_TYPES = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})
LGL_TYPE = "Toponym"

# Published and measured peers (../shared/eval/README.md, row "places"; Gritta et al. 2017's
# results_lgl.txt for Edinburgh and CLAVIN). Which of ours each compares to: see the docstring.
PEER_ON_GOLD_SPANS = {
    "gwn": "Mordecai 3 94.1 · most-populous 43.5",
    "lgl": "Mordecai 3 82.7 · most-populous 36.7",
}
PEER_ON_OWN_SPANS = {
    "gwn": f"none; on gold spans (--gold-toponyms): {PEER_ON_GOLD_SPANS['gwn']}",
    "lgl": f"Edinburgh 76.0 · CLAVIN 70.6; on gold spans: {PEER_ON_GOLD_SPANS['lgl']}",
}
PEER_LGL_RECOGNITION = {
    "precision": "Edinburgh 71.5 · CLAVIN 81.3 (strict match, gold with coords)",
    "recall": "Edinburgh 54.7 · CLAVIN 44.3 (strict match, gold with coords)",
    "f1": "Edinburgh 62.0 · CLAVIN 57.3 (strict match, gold with coords)",
}
PEER_LGL_ERRORS = {
    "mean km": "Edinburgh 754 · CLAVIN 1278",
    "median km": "Edinburgh 2.0 · CLAVIN 0.0",
    "auc (lower is better)": "Edinburgh 0.249 · CLAVIN 0.255",
}

Role = Literal["toponym", "neutral", "not_toponym", "outside_text"]
Extract = Callable[[str], Sequence[Place]]
Resolve = Callable[[str, Sequence[tuple[int, int]]], Sequence[Place | None]]


# --- gold ----------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class GoldToponym:
    """One annotation: its span, the name as the annotator wrote it, its type (GeoWebNews' type;
    "Toponym" in LGL), its coordinates and GeoNames id when it has them, LGL's GeoNames feature
    ("P.PPL", "A.ADM1") and its role in scoring."""

    start: int
    end: int
    text: str
    type: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None
    role: Role = "toponym"

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    def fits(self, text: str) -> bool:
        """The annotation spells the text at its offsets."""
        return text[self.start : self.end] == self.text


@dataclass(slots=True, frozen=True)
class PlaceDocument:
    """An article: `gold` holds the toponyms scored, in text order; `others` every other
    annotation (neutral, not a toponym, or outside the text), with its role."""

    corpus: str
    index: int
    name: str
    text: str
    gold: tuple[GoldToponym, ...]
    others: tuple[GoldToponym, ...] = ()

    @property
    def split(self) -> str:
        """Deterministic: every fifth article by position is held out and never tuned on."""
        return "heldout" if self.index % 5 == 4 else "dev"

    @property
    def neutral(self) -> tuple[GoldToponym, ...]:
        return tuple(other for other in self.others if other.role == "neutral")

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(gold.start, gold.end) for gold in self.gold]


def _field(element: ET.Element, tag: str) -> str:
    return (element.findtext(tag) or "").strip()


def _number(value: str | None) -> float | None:
    return float(value) if value and value.strip() else None


def _inside(start: int, end: int, text: str) -> bool:
    return 0 <= start < end <= len(text)


def gwn_role(type_: str, start: int, end: int, text: str) -> Role:
    """How a GeoWebNews annotation is scored (see the module docstring)."""
    known = LITERAL_TYPES | ASSOCIATIVE_TYPES | NEUTRAL_TYPES | NOT_TOPONYM_TYPES
    if type_ not in known:
        raise ValueError(f"unknown GeoWebNews toponym type {type_!r}")
    if not _inside(start, end, text):
        return "outside_text"
    if type_ in NOT_TOPONYM_TYPES:
        return "not_toponym"
    return "neutral" if type_ in NEUTRAL_TYPES else "toponym"


def gwn_toponym(element: ET.Element, text: str) -> GoldToponym:
    start, end = int(_field(element, "start")), int(_field(element, "end"))
    type_ = _field(element, "type")
    geonameid = _field(element, "geonamesID")
    return GoldToponym(
        start,
        end,
        _field(element, "extractedName"),
        type_,
        _number(element.findtext("latitude")),
        _number(element.findtext("longitude")),
        int(geonameid) if geonameid else None,
        None,
        gwn_role(type_, start, end, text),
    )


def lgl_toponym(element: ET.Element, text: str) -> GoldToponym:
    start, end = int(_field(element, "start")), int(_field(element, "end"))
    role: Role = "toponym" if _inside(start, end, text) else "outside_text"
    phrase = _field(element, "phrase")
    tag = element.find("gaztag")
    if tag is None:
        return GoldToponym(start, end, phrase, LGL_TYPE, role=role)
    geonameid = tag.get("geonameid")
    return GoldToponym(
        start,
        end,
        phrase,
        LGL_TYPE,
        _number(tag.findtext("lat")),
        _number(tag.findtext("lon")),
        int(geonameid) if geonameid else None,
        f"{_field(tag, 'fclass')}.{_field(tag, 'fcode')}",
        role,
    )


def _document(
    corpus: str, index: int, name: str, text: str, annotations: Iterable[GoldToponym]
) -> PlaceDocument:
    ordered = sorted(annotations, key=lambda gold: (gold.start, gold.end))
    return PlaceDocument(
        corpus,
        index,
        name,
        text,
        tuple(gold for gold in ordered if gold.role == "toponym"),
        tuple(gold for gold in ordered if gold.role != "toponym"),
    )


def read_gwn_article(article: ET.Element, index: int) -> PlaceDocument:
    text = article.findtext("text") or ""
    annotations = [gwn_toponym(element, text) for element in article.iter("toponym")]
    return _document("gwn", index, article.get("file", str(index)), text, annotations)


def read_lgl_article(article: ET.Element, index: int) -> PlaceDocument:
    text = article.findtext("text") or ""
    annotations = [lgl_toponym(element, text) for element in article.iter("toponym")]
    return _document("lgl", index, article.get("docid", str(index)), text, annotations)


READERS: dict[str, Callable[[ET.Element, int], PlaceDocument]] = {
    "gwn": read_gwn_article,
    "lgl": read_lgl_article,
}


def iter_articles(path: Path) -> Iterator[ET.Element]:
    """Each <article> element once it is complete, freed after use: the file is never whole."""
    for _, element in ET.iterparse(path, events=("end",)):
        if element.tag == "article":
            yield element
            element.clear()


def load_corpus(corpus: str, root: Path = EVAL) -> Iterator[PlaceDocument]:
    """The articles of `corpus` ("gwn" or "lgl") in file order, read one at a time."""
    path = require(root / "places" / CORPORA[corpus])
    read = READERS[corpus]
    for index, article in enumerate(iter_articles(path)):
        yield read(article, index)


# --- distance ------------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of radius 6371 km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = math.radians(lat2 - lat1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_km(predicted: Place | None, gold: GoldToponym) -> float | None:
    """How far the prediction is from the gold place; None when either has no coordinates."""
    if predicted is None or predicted.lat is None or predicted.lon is None:
        return None
    if gold.lat is None or gold.lon is None:
        return None
    return haversine_km(predicted.lat, predicted.lon, gold.lat, gold.lon)


# --- scoring -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    """Counts over articles; `+` adds two, so splits are sums of articles."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    located: int = 0  # gold toponyms with coordinates
    located_matched: int = 0  # matched pairs whose gold has coordinates
    within: int = 0  # ... whose prediction is within 161 km
    unresolved: int = 0  # ... whose prediction has no coordinates
    neutral: int = 0  # predictions on a neutral annotation, left out of `predicted`
    distances: list[float] = field(default_factory=list)
    gold_by_type: Counter[str] = field(default_factory=Counter)
    matched_by_type: Counter[str] = field(default_factory=Counter)
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    far: list[str] = field(default_factory=list)

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, name) + getattr(other, name) for name in _TALLY_FIELDS))

    def figures(self) -> dict[str, float]:
        """The figures floors may pin: all percentages, higher is better."""
        return {
            **Counts(self.matched, self.predicted, self.gold).figures(),
            "accuracy_161": ratio(self.within, self.located_matched),
            "accuracy_161_end_to_end": ratio(self.within, self.located),
        }

    def error_figures(self) -> dict[str, float]:
        """Distances, lower is better (never pinned): NaN when nothing was resolved."""
        distances = self.distances
        return {
            "mean km": statistics.fmean(distances) if distances else math.nan,
            "median km": statistics.median(distances) if distances else math.nan,
            "auc (lower is better)": auc(distances, self.unresolved),
        }


_TALLY_FIELDS = tuple(Tally.__dataclass_fields__)


def auc(distances: Sequence[float], unresolved: int = 0) -> float:
    """Mean of ln(1 + km) / ln(1 + the farthest distance), unresolved counting as the farthest."""
    count = len(distances) + unresolved
    if not count:
        return math.nan
    scale = math.log1p(FARTHEST_KM)
    return (sum(math.log1p(km) for km in distances) + unresolved * scale) / (scale * count)


def overlaps(predicted: Place, gold: GoldToponym) -> bool:
    return predicted.start_char < gold.end and gold.start < predicted.end_char


def pair_up(predicted: Sequence[Place], gold: Sequence[GoldToponym]) -> list[tuple[int, int]]:
    """Gold in order, each with the first free prediction overlapping it: (prediction, gold)."""
    pairs, used = [], set()
    for g, item in enumerate(gold):
        for p, pred in enumerate(predicted):
            if p not in used and overlaps(pred, item):
                pairs.append((p, g))
                used.add(p)
                break
    return pairs


def in_text_order(predicted: Iterable[Place]) -> list[Place]:
    return sorted(predicted, key=lambda place: (place.start_char, place.end_char))


def score_document(
    document: PlaceDocument, predicted: Sequence[Place], keep_errors: bool = False
) -> Tally:
    """Recognition and resolution of one article's predictions (see the module docstring)."""
    predicted = in_text_order(predicted)
    pairs = pair_up(predicted, document.gold)
    paired = {p for p, _ in pairs}
    leftover = [pred for p, pred in enumerate(predicted) if p not in paired]
    false_positives = [
        pred for pred in leftover if not any(overlaps(pred, n) for n in document.neutral)
    ]
    tally = _counted(document, matched=len(pairs), predicted=len(pairs) + len(false_positives))
    tally.neutral = len(leftover) - len(false_positives)
    for p, g in pairs:
        tally.matched_by_type[document.gold[g].type] += 1
        score_resolution(tally, document, predicted[p], document.gold[g], keep_errors)
    if keep_errors:
        _keep_unpaired(tally, document, false_positives, pairs)
    return tally


def score_on_gold(
    document: PlaceDocument, resolved: Sequence[Place | None], keep_errors: bool = False
) -> Tally:
    """Resolution alone: `resolved[i]` is the answer for the i-th gold span (None: no answer)."""
    if len(resolved) != len(document.gold):
        raise ValueError(
            f"{document.corpus} {document.name}: {len(resolved)} answers "
            f"for {len(document.gold)} spans"
        )
    tally = _counted(document, matched=len(resolved), predicted=len(resolved))
    tally.matched_by_type.update(gold.type for gold in document.gold)
    for place, gold in zip(resolved, document.gold, strict=True):
        score_resolution(tally, document, place, gold, keep_errors)
    return tally


def _counted(document: PlaceDocument, matched: int, predicted: int) -> Tally:
    tally = Tally(matched, predicted, len(document.gold))
    tally.located = sum(gold.located for gold in document.gold)
    tally.gold_by_type.update(gold.type for gold in document.gold)
    return tally


def score_resolution(
    tally: Tally,
    document: PlaceDocument,
    predicted: Place | None,
    gold: GoldToponym,
    keep_errors: bool,
) -> None:
    """One pair's resolution: counted only when the gold toponym has coordinates."""
    if not gold.located:
        return
    tally.located_matched += 1
    km = error_km(predicted, gold)
    if km is None:
        tally.unresolved += 1
    else:
        tally.distances.append(km)
        if km <= WITHIN_KM:
            tally.within += 1
            return
    if keep_errors:
        tally.far.append(_describe_far(document, predicted, gold, km))


def _keep_unpaired(
    tally: Tally,
    document: PlaceDocument,
    false_positives: Sequence[Place],
    pairs: Sequence[tuple[int, int]],
) -> None:
    for pred in false_positives:
        where = _context(document.text, pred.start_char, pred.end_char)
        tally.false_positives.append(f"{pred.text_in(document.text)!r} ({pred.name}) in: {where}")
    paired_golds = {g for _, g in pairs}
    for g, gold in enumerate(document.gold):
        if g not in paired_golds:
            where = _context(document.text, gold.start, gold.end)
            tally.misses.append(f"{gold.text!r} {gold.type} in: {where}")


def _describe_far(
    document: PlaceDocument, predicted: Place | None, gold: GoldToponym, km: float | None
) -> str:
    where = _context(document.text, gold.start, gold.end)
    if predicted is None or km is None:
        ours = "no coordinates" if predicted is None else f"{predicted.name!r}, no coordinates"
    else:
        ours = f"{predicted.name!r} {predicted.country} ({predicted.lat:.2f}, {predicted.lon:.2f})"
    return (
        f"{gold.text!r} -> {ours}; gold ({gold.lat:.2f}, {gold.lon:.2f}) "
        f"{'' if km is None else f'{km:.0f} km off '}in: {where}"
    )


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def score_splits(
    documents: Iterable[PlaceDocument], score: Callable[[PlaceDocument, bool], Tally]
) -> dict[str, Tally]:
    """Tallies for the dev split, the held-out split and the whole; errors are kept for dev only,
    so held-out errors can never be printed."""
    splits = {"dev": Tally(), "heldout": Tally()}
    for document in documents:
        splits[document.split] += score(document, document.split == "dev")
    return {**splits, "whole": splits["dev"] + splits["heldout"]}


def score_corpus(documents: Iterable[PlaceDocument], extract: Extract) -> dict[str, Tally]:
    """End to end: `extract` finds and resolves the places of each article's text."""
    return score_splits(
        documents, lambda document, keep: score_document(document, extract(document.text), keep)
    )


def score_corpus_on_gold(documents: Iterable[PlaceDocument], resolve: Resolve) -> dict[str, Tally]:
    """Resolution alone: `resolve` is given each article's gold spans."""
    return score_splits(
        documents,
        lambda document, keep: score_on_gold(
            document, resolve(document.text, document.spans), keep
        ),
    )


# --- sitrep's functions, imported when needed ----------------------------------------------------


def _places_attribute(module_name: str, attribute: str) -> Any:
    """`module_name.attribute`, or a clear exit while the places stage is still being written."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SystemExit(
            f"{module_name} cannot be imported ({error}): the places stage (issue 6) is not "
            "there yet, so there is nothing to score"
        ) from error
    found = getattr(module, attribute, None)
    if found is None:
        raise SystemExit(f"{module_name} has no {attribute} yet: nothing to score")
    return found


def sitrep_extract() -> Extract:
    return cast(Extract, _places_attribute("sitrep.places", "extract_places"))


def sitrep_resolve() -> Resolve:
    return cast(Resolve, _places_attribute("sitrep.places", "resolve_places"))


# --- report --------------------------------------------------------------------------------------


def section(corpus: str, split: str, on_gold: bool = False) -> str:
    """The floors.toml section: places.gwn_dev, places.lgl_whole, places.gwn_gold_heldout..."""
    return f"{BENCHMARK}.{corpus}_{'gold_' if on_gold else ''}{split}"


def peers(corpus: str, split: str, on_gold: bool) -> dict[str, str]:
    """Beside the whole corpus only, and only beside the figure each peer is comparable to."""
    if split != "whole":
        return {}
    if on_gold:
        return {"accuracy_161": PEER_ON_GOLD_SPANS[corpus]}
    found = {"accuracy_161": PEER_ON_OWN_SPANS[corpus]}
    return found | PEER_LGL_RECOGNITION if corpus == "lgl" else found


def error_rows(corpus: str, tally: Tally, split: str, on_gold: bool) -> list[Row]:
    shown = PEER_LGL_ERRORS if (corpus, split, on_gold) == ("lgl", "whole", False) else {}
    return [
        Row(metric, value, shown.get(metric, ""), digits=3 if metric.startswith("auc") else 1)
        for metric, value in tally.error_figures().items()
    ]


def report_corpus(
    corpus: str, tallies: dict[str, Tally], on_gold: bool, errors: int = 0
) -> list[str]:
    """Print each split's table; return the figures below their floors."""
    failures = []
    for split, tally in tallies.items():
        name = section(corpus, split, on_gold)
        figures = tally.figures()
        if on_gold:  # recognition is given: only resolution is measured
            figures = {"accuracy_161": figures["accuracy_161"]}
        lines = rows(name, figures, peers(corpus, split, on_gold))
        lines += error_rows(corpus, tally, split, on_gold)
        print(format_report(_title(corpus, split, tally, on_gold), lines))
        _print_by_type(tally, on_gold)
        print()
        failures += check_floors(name, figures)
    if errors:
        print_errors(tallies["dev"], errors)
    return failures


def _title(corpus: str, split: str, tally: Tally, on_gold: bool) -> str:
    mode = "resolution on gold spans" if on_gold else "end to end"
    predicted = "" if on_gold else f", {tally.predicted} predicted"
    return (
        f"{CORPUS_TITLES[corpus]}, {split}, {mode} ({tally.gold} gold toponyms, "
        f"{tally.located} with coordinates{predicted})"
    )


def _print_by_type(tally: Tally, on_gold: bool) -> None:
    if on_gold:
        located = tally.located_matched
        print(f"  {tally.unresolved} of {located} spans with coordinates resolved to none")
        return
    if len(tally.gold_by_type) > 1:
        recall = " · ".join(
            f"{type_} {ratio(tally.matched_by_type[type_], count):.0f}% of {count}"
            for type_, count in tally.gold_by_type.most_common()
        )
        print(f"  recall by type: {recall}")
    if tally.neutral:
        print(f"  {tally.neutral} predictions on neutral annotations left out of precision")
    print(f"  {tally.unresolved} matched toponyms with coordinates resolved to none")


def print_errors(dev: Tally, limit: int) -> None:
    """Dev split only: held-out errors are never shown, so nobody tunes on them."""
    groups = (
        ("false positives", dev.false_positives),
        ("misses", dev.misses),
        (f"resolved more than {WITHIN_KM:.0f} km off or not at all", dev.far),
    )
    for label, items in groups:
        print(f"dev {label} ({len(items)}, first {min(limit, len(items))}):")
        for item in items[:limit]:
            print(f"  {item}")
    print()


def report_places(
    corpora: Sequence[str], on_gold: bool, errors: int, root: Path = EVAL
) -> list[str]:
    failures = []
    if on_gold:
        resolve = sitrep_resolve()
        for corpus in corpora:
            tallies = score_corpus_on_gold(load_corpus(corpus, root), resolve)
            failures += report_corpus(corpus, tallies, True, errors)
        return failures
    extract = sitrep_extract()
    for corpus in corpora:
        tallies = score_corpus(load_corpus(corpus, root), extract)
        failures += report_corpus(corpus, tallies, False, errors)
    return failures


# --- speed ---------------------------------------------------------------------------------------

BBC = EVAL / "corpora" / "bbc"
# spaCy's blank English tokenizer alone, measured on this corpus when the data was set up.
TOKENIZER_ARTICLES_PER_S = 1200.0


def corpus_files() -> list[str]:
    """BBC stories: one .txt each in the topic folders (not the README)."""
    return sorted(str(path) for path in require(BBC).glob("*/*.txt"))


def child_speed() -> dict[str, float]:
    """In a fresh interpreter: the gazetteer's load time first (importing sitrep.places and
    opening it), then, articles read beforehand and one warm-up call outside the clock,
    `extract_places` alone over whole articles."""
    start = time.perf_counter()
    _places_attribute("sitrep.places.gazetteer", "Gazetteer").open()
    load_seconds = time.perf_counter() - start
    extract = sitrep_extract()
    texts = [item.text for item in read_articles(corpus_files()) if isinstance(item, Article)]
    extract(texts[0])
    start = time.perf_counter()
    found = sum(len(extract(text)) for text in texts)
    seconds = time.perf_counter() - start
    return {
        "articles": len(texts),
        "seconds": seconds,
        "places": found,
        "gazetteer_seconds": load_seconds,
        "peak_mb": peak_rss_mb(),
    }


def report_speed() -> None:
    ours = run_child(Path(__file__), "speed")
    lines = [
        Row(
            "articles/s",
            ours["articles"] / ours["seconds"],
            f"spaCy blank tokenizer alone ~{TOKENIZER_ARTICLES_PER_S:.0f}",
            digits=0,
        ),
        Row("gazetteer load s", ours["gazetteer_seconds"], digits=2),
        Row("peak MB", ours["peak_mb"], digits=0),
    ]
    title = f"Speed on BBC ({ours['articles']:.0f} articles), one core, extract_places alone"
    print(format_report(title, lines))
    print(f"  sitrep found {ours['places']:.0f} places\n")


# --- entry point ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="skip the speed part")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print up to N dev errors of each kind"
    )
    parser.add_argument("--corpus", choices=tuple(CORPORA), help="score one corpus only")
    parser.add_argument(
        "--gold-toponyms",
        action="store_true",
        help="resolution only, on the gold spans (resolve_places): comparable to Mordecai 3",
    )
    parser.add_argument("--child", choices=("speed",), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        pin_to_one_core()
        print(json.dumps(child_speed()))
        return 0
    corpora = [args.corpus] if args.corpus else list(CORPORA)
    failures = report_places(corpora, args.gold_toponyms, args.errors)
    if not args.quick:
        report_speed()
    for failure in failures:
        print(f"FLOOR: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
