"""Attribution benchmark: who said what, scored on PolNeAR, and what the attribution stage costs.

Two parts, each beside what peers score:

- PolNeAR (840 US election news articles, brat standoff: Source, Cue, Content). A gold attribution
  is found when a predicted quote's content covers at least half of the gold Content (pieces of a
  discontinuous Content summed) and its speaker matches the gold Source: the predicted speaker
  mention overlaps the Source span or, failing that, the speaker's name and the Source share a
  content word. Gold attributions without a Source need the content only. Pairs are one to one.
  Reported for quoted attributions (the Content opens with a double quotation mark), unquoted
  ones and overall, on a dev split (the one to tune on), a held-out split (every fifth article
  by file name, index % 5 == 4) and the whole. "Content only" figures ignore the speaker.
- Speed on the BBC corpus, one pinned core: the default pipeline without the attribution stages,
  with them, and `extract_quotes` alone.

    python benchmarks/bench_attribution.py [--quick] [--errors N] [--baseline]

`--baseline` scores a simple built-in extractor (quotation marks plus the nearest "said") in place
of sitrep, as a reference figure and a check of the scorer; its figures are never held to floors.
Pinned floors are in benchmarks/floors.toml; the exit status is 1 when a figure is below its floor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import EVAL, peak_rss_mb, pin_to_one_core, require, run_child
from harness import Counts, Floors, Row, check_floors, format_report, ratio, rows
from sitrep.ingest import read_articles
from sitrep.model import Article, Quote, Span, Speaker
from sitrep.pipeline import DEFAULT_STAGES, Pipeline, default_registry

BENCHMARK = "attribution"
SPLITS = ("dev", "heldout", "whole")
ATTRIBUTION_STAGES = ("quotes", "sources")
TARGET_F1 = 75.0  # the target, overall
QUOTE_MARKS = frozenset('"“”«»„')
_CLIP = 160  # characters of a content shown in an error line

Piece = tuple[int, int]
Pieces = tuple[Piece, ...]
Extract = Callable[[str], Sequence[Quote]]


# --- gold: PolNeAR's brat standoff ---------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class BratSpan:
    """A `T` line: label, (start, end) pieces, and the text brat wrote for them."""

    label: str
    pieces: Pieces
    text: str


@dataclass(slots=True)
class Brat:
    """One .ann file: spans by id, events as (type, [(role, span id)]), unreadable lines."""

    spans: dict[str, BratSpan] = field(default_factory=dict)
    events: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    bad_lines: int = 0


_SPAN_LINE = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)")
_RECORD_LINE = re.compile(r"[A-Z#*]\d*\t")  # any brat record: T, E, R, A, M, N, # notes


def parse_brat(source: str) -> Brat:
    """Read an .ann file. brat writes a span's text verbatim, so a newline inside the text
    continues on the next line: such lines extend the span above them."""
    brat = Brat()
    last: str | None = None
    for line in source.rstrip("\n").split("\n"):
        span = _SPAN_LINE.fullmatch(line)
        if span:
            name, label, offsets, text = span.groups()
            pieces = tuple(_piece(part) for part in offsets.split(";"))
            brat.spans[name] = BratSpan(label, pieces, text)
            last = name
        elif _RECORD_LINE.match(line):
            last = None
            if line.startswith("E"):
                _read_event(brat, line)
            elif line.startswith("T"):
                brat.bad_lines += 1  # a span line whose offsets cannot be read
        elif last is not None:
            brat.spans[last] = replace(brat.spans[last], text=f"{brat.spans[last].text}\n{line}")
        elif line.strip():
            brat.bad_lines += 1
    return brat


def _piece(offsets: str) -> Piece:
    start, end = offsets.split()
    return int(start), int(end)


def _read_event(brat: Brat, line: str) -> None:
    """`E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`: the first pair is the event type."""
    pairs = [item.partition(":") for item in line.partition("\t")[2].split()]
    if not pairs or any(not sep or not ref for _, sep, ref in pairs):
        brat.bad_lines += 1
        return
    brat.events.append((pairs[0][0], [(role, ref) for role, _, ref in pairs[1:]]))


@dataclass(slots=True, frozen=True)
class GoldAttribution:
    """Source, Cue and Content pieces (Source and Cue may be empty); `quoted` when the Content
    opens, after whitespace, with a double quotation mark."""

    content: Pieces
    source: Pieces
    cue: Pieces
    quoted: bool

    @property
    def length(self) -> int:
        return sum(end - start for start, end in self.content)


def pieces_text(text: str, pieces: Pieces) -> str:
    """The text of `pieces` the way brat writes it: discontinuous pieces joined by a space."""
    return " ".join(text[start:end] for start, end in pieces)


def opens_with_quote(text: str, start: int) -> bool:
    return text[start:].lstrip()[:1] in QUOTE_MARKS


def gold_attribution(
    roles: Sequence[tuple[str, str]], spans: Mapping[str, BratSpan], text: str
) -> GoldAttribution | str:
    """The attribution an event describes, or why it cannot be scored. "Content2" is a second
    Content piece: roles are read without their trailing number."""
    found: dict[str, list[Piece]] = {"Content": [], "Source": [], "Cue": []}
    for role, ref in roles:
        span, base = spans.get(ref), role.rstrip("0123456789")
        if span is None:
            return "names an unknown span"
        if span.label != base or base not in found:
            return "role names a span of another label"
        if any(end > len(text) or start >= end for start, end in span.pieces):
            return "span outside the text or empty"
        found[base].extend(span.pieces)
    if not found["Content"]:
        return "no content"
    content = tuple(sorted(found["Content"]))
    return GoldAttribution(
        content,
        tuple(sorted(found["Source"])),
        tuple(sorted(found["Cue"])),
        opens_with_quote(text, content[0][0]),
    )


@dataclass(slots=True, frozen=True)
class PolnearArticle:
    name: str
    index: int
    annotator: str
    text: str
    gold: tuple[GoldAttribution, ...]

    @property
    def split(self) -> str:
        """Deterministic: every fifth article by file name is held out and never tuned on."""
        return "heldout" if self.index % 5 == 4 else "dev"


@dataclass(slots=True)
class Polnear:
    """The articles (one annotator each), the other annotators' versions of articles annotated
    more than once, and what reading found wrong with the files."""

    articles: list[PolnearArticle] = field(default_factory=list)
    others: list[PolnearArticle] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    spans: int = 0
    mismatched: int = 0
    bad_lines: int = 0

    def gold(self) -> int:
        return sum(len(article.gold) for article in self.articles)

    def quoted(self) -> int:
        return sum(gold.quoted for article in self.articles for gold in article.gold)


def read_text(path: Path) -> str:
    """Decoded without newline translation: brat offsets count every character in the file."""
    return path.read_bytes().decode("utf-8")


def read_annotation(corpus: Polnear, path: Path, index: int, text: str) -> PolnearArticle:
    """One annotator's attributions of one article; malformed and repeated events are counted in
    `corpus.skipped` and left out, and every span's text is checked against the article."""
    brat = parse_brat(read_text(path))
    corpus.bad_lines += brat.bad_lines
    for span in brat.spans.values():
        corpus.spans += 1
        corpus.mismatched += pieces_text(text, span.pieces) != span.text
    golds: list[GoldAttribution] = []
    for _kind, roles in brat.events:
        gold = gold_attribution(roles, brat.spans, text)
        if isinstance(gold, str):
            corpus.skipped[gold] += 1
        elif gold in golds:
            corpus.skipped["repeats another event"] += 1  # could never be matched twice
        else:
            golds.append(gold)
    golds.sort(key=lambda gold: gold.content)
    name, _, annotator = path.stem.rpartition("_")
    return PolnearArticle(name, index, annotator, text, tuple(golds))


def load_polnear(root: Path = EVAL) -> Polnear:
    """PolNeAR's train compartment: `text/<name>.txt` with `attributions/<name>_<annotator>.ann`.
    An article annotated by several annotators is scored on the first (by id); the others are
    kept for the annotator agreement figure."""
    base = require(root / "attribution" / "polnear" / "train")
    annotations: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((base / "attributions").glob("*.ann")):
        annotations[path.stem.rpartition("_")[0]].append(path)
    corpus = Polnear()
    for path in sorted((base / "text").glob("*.txt")):
        found = annotations.pop(path.stem, [])
        if not found:
            corpus.skipped["article without annotations"] += 1
            continue
        text, index = read_text(path), len(corpus.articles)
        first, *others = (read_annotation(corpus, ann, index, text) for ann in found)
        corpus.articles.append(first)
        corpus.others.extend(others)
    if annotations:
        corpus.skipped["annotations without an article"] = len(annotations)
    return corpus


# --- scoring -------------------------------------------------------------------------------------

_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those"})
_POSSESSIVE = re.compile(r"['’]s\b")
_WORD = re.compile(r"[^\W_]+")


def content_words(phrase: str) -> set[str]:
    """Lowercased words without determiners, possessive 's or single letters ("U.S." would
    otherwise tie every American official to every other)."""
    words = _WORD.findall(_POSSESSIVE.sub("", phrase.lower()))
    return {word for word in words if len(word) > 1 and word not in _DETERMINERS}


def overlap(start: int, end: int, pieces: Pieces) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in pieces)


def content_overlap(quote: Quote, gold: GoldAttribution) -> int:
    """Characters of the gold Content the quote covers, when that is half of it or more, else 0."""
    covered = overlap(quote.start_char, quote.end_char, gold.content)
    return covered if covered and 2 * covered >= gold.length else 0


def speaker_matches(quote: Quote, gold: GoldAttribution, text: str) -> bool:
    """No Source to match; the speaker mention overlaps the Source; or their names share a word."""
    if not gold.source:
        return True
    start, end = quote.speaker_start, quote.speaker_end
    if start is not None and end is not None and overlap(start, end, gold.source):
        return True
    if quote.speaker is None:
        return False
    return bool(content_words(quote.speaker.name) & content_words(pieces_text(text, gold.source)))


Fits = Callable[[Quote, GoldAttribution], int]


def attribution_fit(text: str) -> Fits:
    """Content overlap when the speaker matches too, else 0 (the speaker is checked only for a
    content that fits: the word comparison is the slow part)."""

    def fits(quote: Quote, gold: GoldAttribution) -> int:
        covered = content_overlap(quote, gold)
        return covered if covered and speaker_matches(quote, gold, text) else 0

    return fits


def pair_up(
    golds: Sequence[GoldAttribution], quotes: Sequence[Quote], fits: Fits
) -> dict[int, int]:
    """Greedy one-to-one pairing, gold by gold in text order: each takes the free quote that fits
    it with the largest content overlap (the earlier on a tie). Returns gold -> quote index."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for g, gold in enumerate(golds):
        best, best_score = None, 0
        for q, quote in enumerate(quotes):
            score = 0 if q in taken else fits(quote, gold)
            if score > best_score:
                best, best_score = q, score
        if best is not None:
            pairs[g] = best
            taken.add(best)
    return pairs


@dataclass(slots=True)
class Tally:
    """Counts over a set of articles; `+` adds two tallies, so splits are sums of articles.

    A prediction is quoted when it is paired with a quoted gold attribution; an unpaired one when
    its content opens with a quotation mark or directly follows one (an extractor may leave the
    marks out of a direct quote's span). Quoted and unquoted counts then add up to the overall."""

    counts: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.counts + other.counts,
            self.misses + other.misses,
            self.false_positives + other.false_positives,
        )

    def figures(self) -> dict[str, float]:
        """Overall P/R/F1, the same for quoted and unquoted attributions, then for information
        the content-only figures and how often a found content has the right speaker."""
        c = self.counts
        quoted = Counts(c["matched_quoted"], c["predicted_quoted"], c["gold_quoted"])
        unquoted = Counts(
            c["matched"] - quoted.matched,
            c["predicted"] - quoted.predicted,
            c["gold"] - quoted.gold,
        )
        content = Counts(c["content_matched"], c["predicted"], c["gold"])
        return {
            **Counts(c["matched"], c["predicted"], c["gold"]).figures(),
            **{f"quoted_{name}": value for name, value in quoted.figures().items()},
            **{f"unquoted_{name}": value for name, value in unquoted.figures().items()},
            **{f"content_{name}": value for name, value in content.figures().items()},
            "speaker_accuracy": ratio(c["speaker_ok"], c["speaker_n"]),
        }


def looks_quoted(text: str, quote: Quote) -> bool:
    before = text[: quote.start_char].rstrip()[-1:]
    return opens_with_quote(text, quote.start_char) or before in ("“", "«", "„", '"')


def score_article(article: PolnearArticle, quotes: Sequence[Quote], errors: bool) -> Tally:
    """Pairs with the speaker (the score) and without it (content only, and speaker accuracy
    over content matches whose gold names a Source). `errors` keeps the unpaired ones."""
    text, golds = article.text, article.gold
    full = pair_up(golds, quotes, attribution_fit(text))
    loose = pair_up(golds, quotes, content_overlap)
    paired = set(full.values())
    paired_quoted = {q for g, q in full.items() if golds[g].quoted}
    unpaired_quoted = sum(
        looks_quoted(text, quote) for q, quote in enumerate(quotes) if q not in paired
    )
    with_source = [g for g in loose if golds[g].source]
    counts = Counter(
        gold=len(golds),
        gold_quoted=sum(gold.quoted for gold in golds),
        predicted=len(quotes),
        predicted_quoted=len(paired_quoted) + unpaired_quoted,
        matched=len(full),
        matched_quoted=len(paired_quoted),
        content_matched=len(loose),
        speaker_n=len(with_source),
        speaker_ok=sum(speaker_matches(quotes[loose[g]], golds[g], text) for g in with_source),
    )
    tally = Tally(counts)
    if errors:
        tally.misses = [
            describe_miss(article, g, quotes[loose[g]] if g in loose else None)
            for g in range(len(golds))
            if g not in full
        ]
        tally.false_positives = [
            describe_prediction(article, quote) for q, quote in enumerate(quotes) if q not in paired
        ]
    return tally


def clip(phrase: str, limit: int = _CLIP) -> str:
    phrase = " ".join(phrase.split())
    return phrase if len(phrase) <= limit else f"{phrase[: limit - 3]}..."


def describe_miss(article: PolnearArticle, g: int, content_match: Quote | None) -> str:
    gold, text = article.gold[g], article.text
    line = (
        f"{article.name}: gold {clip(pieces_text(text, gold.content))!r}"
        f" | source {pieces_text(text, gold.source) or '-'!r}"
        f" | cue {pieces_text(text, gold.cue) or '-'!r}"
    )
    if content_match is not None:  # the content was found, the speaker was not
        line += f" | content found, speaker given: {speaker_text(text, content_match)!r}"
    return line


def describe_prediction(article: PolnearArticle, quote: Quote) -> str:
    cue = quote.cue or "-"
    return (
        f"{article.name}: pred {clip(quote.text_in(article.text))!r}"
        f" | speaker {speaker_text(article.text, quote)!r} | cue {cue!r} ({quote.kind})"
    )


def speaker_text(text: str, quote: Quote) -> str:
    mention = ""
    if quote.speaker_start is not None and quote.speaker_end is not None:
        mention = text[quote.speaker_start : quote.speaker_end]
    name = quote.speaker.name if quote.speaker else ""
    return f"{mention} = {name}" if mention and name and mention != name else mention or name or "-"


def score_polnear(articles: Iterable[PolnearArticle], extract: Extract) -> dict[str, Tally]:
    """Tallies for the dev split, the held-out split and the whole; errors are kept for dev only,
    so held-out errors can never be printed."""
    splits = {"dev": Tally(), "heldout": Tally()}
    for article in articles:
        quotes = extract(article.text)
        splits[article.split] += score_article(article, quotes, errors=article.split == "dev")
    return {**splits, "whole": splits["dev"] + splits["heldout"]}


def gold_as_quotes(article: PolnearArticle) -> tuple[Quote, ...]:
    """An annotator's attributions as predictions, so annotators can be scored on each other."""
    text = article.text
    return tuple(
        Quote(
            gold.content[0][0],
            gold.content[-1][1],
            kind="direct" if gold.quoted else "indirect",
            speaker=Speaker(pieces_text(text, gold.source)) if gold.source else None,
            speaker_start=gold.source[0][0] if gold.source else None,
            speaker_end=gold.source[-1][1] if gold.source else None,
        )
        for gold in article.gold
    )


def annotator_agreement(corpus: Polnear) -> Tally:
    """Every other annotator of a multiply annotated article, scored against the one used."""
    first = {article.name: article for article in corpus.articles}
    tally = Tally()
    for other in corpus.others:
        tally += score_article(first[other.name], gold_as_quotes(other), errors=False)
    return tally


# --- a reference extractor: quotation marks and the nearest "said" -------------------------------

_CUE_WORDS = r"said|says|say|told|tells|added|adds|asked|wrote|writes|tweeted|according to"
_QUOTATION = re.compile(r"[“\"][^“”\"\n]{12,}?[”\"]")  # shorter ones are mostly scare quotes
_AFTER = re.compile(
    rf"[\s,]*(?P<who>(?:[\w’'.-]+ ){{0,4}}?)(?P<cue>{_CUE_WORDS})\b(?P<rest>[^.!?;\n“”\"]*)"
)
_BEFORE = re.compile(
    rf"(?P<who>(?:[A-Z][\w’'.-]* ){{1,4}}|\b(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e) )"
    rf"(?P<cue>{_CUE_WORDS})\b[\s,:]*$"
)

Located = tuple[Piece, Piece]  # (cue, speaker) offsets


def baseline_extract(text: str) -> tuple[Quote, ...]:
    """Text in double quotation marks (12 characters or more) that a cue word right after or right
    before attributes; the speaker is the words between the quote and the cue, or after the cue.
    A quotation with no cue of its own that follows `"...," X said.` in the same paragraph goes on
    the same statement: PolNeAR annotates the two as one discontinuous Content."""
    quotes: list[Quote] = []
    for found in _QUOTATION.finditer(text):
        start, end = found.span()
        located = _cue_after(text, end) or _cue_before(text, start)
        if located:
            quotes.append(_baseline_quote(text, (start, end), *located))
        elif quotes and _continues(text, quotes[-1], start):
            quotes[-1] = replace(quotes[-1], end_char=end, text=text[quotes[-1].start_char : end])
    return tuple(quotes)


def _baseline_quote(text: str, content: Piece, cue: Piece, who: Piece) -> Quote:
    return Quote(
        *content,
        text=text[content[0] : content[1]],
        kind="direct",
        cue=text[cue[0] : cue[1]],
        cue_start=cue[0],
        cue_end=cue[1],
        speaker=Speaker(text[who[0] : who[1]]),
        speaker_start=who[0],
        speaker_end=who[1],
    )


def _continues(text: str, previous: Quote, start: int) -> bool:
    """The previous quote's cue comes after it, and only that attribution separates the two."""
    gap = text[previous.end_char : start]
    cue_after = previous.cue_start is not None and previous.cue_start >= previous.end_char
    return cue_after and len(gap) <= 80 and "\n" not in gap and gap.rstrip().endswith(".")


def _cue_after(text: str, end: int) -> Located | None:
    """ "...," Smith said / "...," said Smith, a spokesman."""
    found = _AFTER.match(text, end, min(len(text), end + 120))
    if not found:
        return None
    cue = found.span("cue")
    if found.group("who").strip():
        return cue, (found.start("who"), found.end("who") - 1)
    rest = found.group("rest").split(",")[0]
    start = found.start("rest") + len(rest) - len(rest.lstrip())
    return (cue, (start, found.start("rest") + len(rest.rstrip()))) if rest.strip() else None


def _cue_before(text: str, start: int) -> Located | None:
    """Smith said: "..." """
    found = _BEFORE.search(text, max(0, start - 80), start)
    if not found:
        return None
    return found.span("cue"), (found.start("who"), found.end("who") - 1)


# --- report --------------------------------------------------------------------------------------

_STATIC_PEERS = {
    "f1": f"target >= {TARGET_F1:.0f} (issue)",
    "recall": "quote-mark extractor about a fifth (22% quoted, data README)",
    "quoted_f1": "BBC Citron exact quote F1 56.7 (PARC 3.0, other data)",
    "content_f1": "BBC Citron overlap F1 83.2 (PARC 3.0, other data)",
}


def peers_for(baseline: Tally | None, agreement: Tally | None) -> dict[str, str]:
    """Published and target figures, the built-in baseline on the same split, and the annotators
    scored on each other (a ceiling of sorts: humans disagree too)."""
    peers = dict(_STATIC_PEERS)
    extra: list[tuple[str, Tally]] = []
    if baseline is not None:
        extra.append(("quote-mark baseline", baseline))
    if agreement is not None:
        extra.append(("annotators", agreement))
    for label, tally in extra:
        for metric, value in tally.figures().items():
            ours = f"{label} {value:.1f}"
            peers[metric] = f"{peers[metric]}; {ours}" if metric in peers else ours
    return peers


def report_polnear(errors: int, use_baseline: bool, root: Path = EVAL) -> list[str]:
    """Print the accuracy tables; return the figures below their floors."""
    corpus = load_polnear(root)
    report_loading(corpus)
    extract: Extract = baseline_extract if use_baseline else sitrep_extract
    tallies = score_polnear(corpus.articles, extract)
    reference = None if use_baseline else score_polnear(corpus.articles, baseline_extract)
    agreement = annotator_agreement(corpus)
    label = "BASELINE (quotation marks + nearest said, not sitrep)" if use_baseline else "sitrep"
    failures: list[str] = []
    for split, tally in tallies.items():
        figures = tally.figures()
        name = f"{BENCHMARK}.polnear_{split}"
        peers = peers_for(
            reference[split] if reference else None, agreement if split == "whole" else None
        )
        floors: Floors | None = {} if use_baseline else None  # a baseline is never held to floors
        title = f"PolNeAR {split}, {label} ({tally.counts['gold']} gold attributions)"
        print(format_report(title, rows(name, figures, peers, floors)) + "\n")
        if not use_baseline:
            failures += check_floors(name, figures)
    print(f"annotators: {len(corpus.others)} second annotations of multiply annotated articles\n")
    if errors:
        print_errors(tallies["dev"], errors)
    return failures


def report_loading(corpus: Polnear) -> None:
    golds = [gold for article in corpus.articles for gold in article.gold]
    quoted = sum(gold.quoted for gold in golds)
    split = [gold for gold in golds if len(gold.content) > 1]
    skipped = ", ".join(f"{reason} {n}" for reason, n in corpus.skipped.most_common() if n)
    print(
        f"PolNeAR train: {len(corpus.articles)} articles, {len(golds)} gold attributions, "
        f"{ratio(quoted, len(golds)):.1f}% quoted ({quoted}), "
        f"{sum(not gold.source for gold in golds)} without a Source, {len(split)} with a "
        f"discontinuous Content ({sum(gold.quoted for gold in split)} of them quoted)\n"
        f"skipped events: {skipped or 'none'}; unreadable lines: {corpus.bad_lines}; "
        f"span texts not matching the article: {corpus.mismatched} of {corpus.spans}\n"
    )


def print_errors(dev: Tally, limit: int) -> None:
    """Dev split only: held-out errors are never shown, so nobody tunes on them."""
    for label, items in (("misses", dev.misses), ("false positives", dev.false_positives)):
        print(f"dev {label} ({len(items)}, first {min(limit, len(items))}):")
        for item in items[:limit]:
            print(f"  {item}")
    print()


def sitrep_extract(text: str) -> tuple[Quote, ...]:
    # Imported on use: the benchmark (and its scorer tests) load before the extractor exists.
    from sitrep.attribution import extract_quotes

    return tuple(polnear_statements(extract_quotes(text)))


def polnear_statements(quotes: Sequence[Quote]) -> list[Quote]:
    """PolNeAR's convention: '"A," X said. "B"' is one statement in two pieces; sitrep gives two
    quotes, the second carrying the first one's speaker without a cue of its own. For scoring,
    such a continuation is joined to the quote it carries on."""
    joined: list[Quote] = []
    for quote in quotes:
        previous = joined[-1] if joined else None
        if previous is not None and _carries_on(previous, quote):
            joined[-1] = replace(previous, end_char=quote.end_char)
        else:
            joined.append(quote)
    return joined


def _carries_on(previous: Quote, quote: Quote) -> bool:
    return (
        quote.kind == "direct"
        and previous.kind == "direct"
        and quote.cue is None
        and quote.speaker_start is not None
        and quote.speaker_start == previous.speaker_start
    )


# --- speed ---------------------------------------------------------------------------------------

BBC = EVAL / "corpora" / "bbc"


def corpus_files() -> list[str]:
    """BBC stories: one .txt each in the topic folders (not the README)."""
    return sorted(str(path) for path in require(BBC).glob("*/*.txt"))


def bbc_articles() -> list[Article]:
    return [item for item in read_articles(corpus_files()) if isinstance(item, Article)]


@dataclass(slots=True, frozen=True)
class NoRecords:
    """Stands in for an attribution stage in the pipeline without attribution: later stages may
    read its kind (quantities reads quotes), so it is replaced by a stage that assigns nothing
    rather than dropped, which the pipeline would refuse."""

    name: str
    reads: tuple[str, ...] = ()
    version: str = "none"

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Span, ...]:
        return ()


def stage_names(with_attribution: bool) -> tuple[str, ...]:
    """The default stages plus any attribution stage registered but not in them; without
    attribution, the attribution stages are marked "(none)"."""
    if not with_attribution:
        return tuple(
            f"{name} (none)" if name in ATTRIBUTION_STAGES else name for name in DEFAULT_STAGES
        )
    registered = default_registry().names()
    extra = (n for n in ATTRIBUTION_STAGES if n not in DEFAULT_STAGES and n in registered)
    return (*DEFAULT_STAGES, *extra)


def speed_pipeline(with_attribution: bool) -> Pipeline:
    registry = default_registry()
    names = stage_names(with_attribution)
    if with_attribution and "quotes" not in names:
        raise SystemExit(f"no stage named 'quotes' is registered (stages: {', '.join(names)})")
    return Pipeline(
        tuple(
            NoRecords(name.removesuffix(" (none)"))
            if name.endswith(" (none)")
            else registry.create(name)
            for name in names
        )
    )


def child_pipeline(with_attribution: bool) -> dict[str, float]:
    """Articles are read before the clock starts: only the pipeline is timed."""
    pipeline = speed_pipeline(with_attribution)
    docs = bbc_articles()
    start = time.perf_counter()
    quotes = sum(len(pipeline.run(article).get("quotes")) for article in docs)
    seconds = time.perf_counter() - start
    return {"articles": len(docs), "seconds": seconds, "quotes": quotes, "peak_mb": peak_rss_mb()}


def child_extract() -> dict[str, float]:
    texts = [article.text for article in bbc_articles()]
    start = time.perf_counter()
    quotes = sum(len(sitrep_extract(text)) for text in texts)
    seconds = time.perf_counter() - start
    return {"articles": len(texts), "seconds": seconds, "quotes": quotes, "peak_mb": peak_rss_mb()}


CHILDREN: dict[str, Callable[[], dict[str, float]]] = {
    "plain": lambda: child_pipeline(False),
    "attributed": lambda: child_pipeline(True),
    "extract": child_extract,
}


def measure(mode: str) -> dict[str, float] | None:
    try:
        return run_child(Path(__file__), mode)
    except SystemExit as error:
        print(f"({mode} not measured: {error})")
        return None


def report_speed() -> None:
    plain, attributed, alone = (measure(mode) for mode in CHILDREN)
    if plain is None:
        return
    lines = [Row("articles/s without attribution", _rate(plain), digits=0)]
    lines.append(Row("peak MB without attribution", plain["peak_mb"], digits=0))
    if attributed is not None:
        cost = 1000 * (attributed["seconds"] - plain["seconds"]) / attributed["articles"]
        lines.append(Row("articles/s with attribution", _rate(attributed), digits=0))
        lines.append(Row("peak MB with attribution", attributed["peak_mb"], digits=0))
        lines.append(Row("attribution cost, ms per article", cost, digits=2))
    if alone is not None:
        lines.append(Row("extract_quotes alone, articles/s", _rate(alone), digits=0))
        per = 1000 * alone["seconds"] / alone["articles"]
        lines.append(Row("extract_quotes alone, ms per article", per, digits=2))
    title = f"Speed on BBC ({plain['articles']:.0f} articles), one core, articles read beforehand"
    print(format_report(title, lines))
    print(f"  without attribution: {' + '.join(stage_names(False))}")
    if attributed is not None:
        print(f"  with attribution: {' + '.join(stage_names(True))}")
        print(f"  quotes found by the pipeline: {attributed['quotes']:.0f}")
    print()


def _rate(run: Mapping[str, float]) -> float:
    return run["articles"] / run["seconds"] if run["seconds"] else 0.0


# --- entry point ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="skip the speed part")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print up to N dev misses and N dev FPs"
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="score the built-in quotation-mark baseline instead of sitrep (no floors)",
    )
    parser.add_argument("--child", choices=tuple(CHILDREN), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        pin_to_one_core()
        print(json.dumps(CHILDREN[args.child]()))
        return 0
    try:
        failures = report_polnear(args.errors, args.baseline)
    except ImportError as error:
        print(f"sitrep.attribution cannot be imported ({error}); --baseline scores the baseline")
        return 2
    if not args.quick and not args.baseline:
        report_speed()
    for failure in failures:
        print(f"FLOOR: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
