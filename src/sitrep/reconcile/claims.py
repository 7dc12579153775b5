"""Claims compared across sources: the claims of every article grouped by what they measure,
each group's figures laid out by period, and agreement or conflict shown.

- **Group**: claims with one `key` (measure, aspect, subject, place and kind of unit, folded;
  `sitrep.claims`). A share of territory and an area are two groups, linked (`related`).
- **Periods**: within a group, claims whose periods overlap or lie at most `PERIOD_SLACK_DAYS`
  apart are one period of the group; a group of several periods is a time series (IS fighters
  in mid-2014, then early 2016). Claims without a period form one undated period.
- **Voices**: in a period, one figure per independent voice, its latest: the source a claim
  names (a titled person by family name, "Col. Steve Warren" and "Colonel Steve Warren" alike),
  else the outlet; a wire copy speaks with its original's voice.
- **Agreement**: each figure is an interval (`tolls.figure`: "more than 20" has no ceiling,
  "about 10" reaches a tenth either way). A period **conflicts** when two of its figures cannot
  both hold. Its **consensus** is the range the most voices allow together, with their count.
- **Low / best / high** (`CLAIM_RULE`): the smallest lower end, the figure most voices give (a
  tie to the figure more voices allow, then the lower), the largest upper end.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sitrep.actors.registry import fold
from sitrep.model import ID_HEX_CHARS, Claim
from sitrep.patterns import read_lexicon
from sitrep.reconcile.events import most_named
from sitrep.reconcile.tolls import Figure, best_figure, figure

# The name the store and the export give the rule below; a new rule gets a new name.
CLAIM_RULE = "claims-consensus-v1"
# Two periods this close are one: an estimate stays current for about a month in the news
# (a figure given on 22 February and another on 17 March speak of the same state of things).
PERIOD_SLACK_DAYS = 31


@dataclass(slots=True, frozen=True)
class ClaimReport:
    """One article's claim: the article's id, outlet, publication day and canonical article
    when it is a wire copy, the `Claim`, and its position among the article's claims."""

    article_id: str
    outlet: str | None
    published: dt.date | None
    copy_of: str | None
    claim: Claim
    seq: int = 0

    @property
    def order(self) -> tuple[bool, str, str, int]:
        """Earliest first: by publication day (undated last), article id, offset."""
        day = self.published.isoformat() if self.published else ""
        return (self.published is None, day, self.article_id, self.claim.start_char)


@dataclass(slots=True, frozen=True)
class Stated:
    """What one voice says in a period: its latest figure, every report of it, and how many
    they are (`count`: a summary keeps only the reports its figure counts, `summarized`)."""

    voice: str
    figure: Figure
    reports: tuple[ClaimReport, ...]
    count: int

    @property
    def latest(self) -> ClaimReport:
        return self.reports[-1]

    @property
    def counted(self) -> tuple[ClaimReport, ...]:
        """The reports its figure counts: the latest, after the one it adds to, if any (the
        same article's "14 percent" before "another eight percent")."""
        latest = self.latest
        wanted = latest.claim.adds_to
        base = next(
            (
                r
                for r in self.reports
                if r.article_id == latest.article_id
                and wanted == (r.claim.start_char, r.claim.end_char)
                and r is not latest
            ),
            None,
        )
        return (latest,) if base is None else (base, latest)


@dataclass(slots=True, frozen=True)
class ClaimPeriod:
    """A group's figures for one stretch of time (`interval`: the days its claims span)."""

    interval: tuple[str, str] | None
    stated: tuple[Stated, ...]
    low: float
    best: float
    high: float
    conflict: bool
    consensus: tuple[float, float] | None  # the range the most voices allow together
    consensus_voices: int


@dataclass(slots=True, frozen=True)
class ClaimGroup:
    """Every claim about one measure of one subject and place, by period (earliest first)."""

    group_id: str
    key: str
    measure: str
    aspect: str | None
    subject: str | None
    place: str | None
    unit: str
    periods: tuple[ClaimPeriod, ...]
    rule: str = CLAIM_RULE
    summary: bool = False  # each voice keeps only its counted reports (`summarized`)

    @property
    def conflict(self) -> bool:
        return any(period.conflict for period in self.periods)

    @property
    def series(self) -> bool:
        """The figures move with time: more than one dated period."""
        return sum(period.interval is not None for period in self.periods) > 1

    @property
    def reports(self) -> tuple[ClaimReport, ...]:
        """Every report, or in a summary the reports each voice's figure counts."""
        return tuple(r for p in self.periods for s in p.stated for r in s.reports)

    @property
    def claims(self) -> int:
        """How many claims the group holds, a summary's too."""
        return sum(s.count for p in self.periods for s in p.stated)

    @property
    def voices(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.voice for p in self.periods for s in p.stated))

    @property
    def latest(self) -> ClaimPeriod:
        dated = [p for p in self.periods if p.interval is not None]
        return dated[-1] if dated else self.periods[-1]


def group_claims(reports: Iterable[ClaimReport]) -> list[ClaimGroup]:
    """The groups `reports` fall into: conflicts first, then by measure, subject and place."""
    by_key: dict[str, list[ClaimReport]] = {}
    for report in reports:
        by_key.setdefault(report.claim.key, []).append(report)
    groups = [claim_group(found) for found in by_key.values()]
    return sorted(groups, key=group_order)


def group_order(group: ClaimGroup) -> tuple[bool, str, str, str, str]:
    return (not group.conflict, group.measure, group.subject or "", group.place or "", group.key)


def group_id(key: str) -> str:
    """Content-derived: the group's key, so that a re-run gives the same id."""
    return hashlib.sha256(key.encode()).hexdigest()[:ID_HEX_CHARS]


def claim_group(reports: Sequence[ClaimReport]) -> ClaimGroup:
    """The group of `reports`, which share one key."""
    ordered = sorted(reports, key=lambda report: report.order)
    first = ordered[0].claim
    return ClaimGroup(
        group_id=group_id(first.key),
        key=first.key,
        measure=first.measure,
        aspect=first.aspect,
        subject=most_named([r.claim.subject for r in ordered]),
        place=most_named([r.claim.place for r in ordered]),
        unit=most_named([r.claim.unit for r in ordered]) or first.unit,
        periods=tuple(_period(found) for found in _periods(ordered)),
    )


def summarized(group: ClaimGroup) -> ClaimGroup:
    """The group with each voice's counted reports only (`Stated.counted`): what a list of
    groups shows, read without its every claim (the store keeps one per group)."""
    periods = tuple(
        replace(
            period,
            stated=tuple(replace(s, reports=s.counted) for s in period.stated),
        )
        for period in group.periods
    )
    return replace(group, periods=periods, summary=True)


def _periods(ordered: Sequence[ClaimReport]) -> list[list[ClaimReport]]:
    """Single-linkage over time: a claim joins the period before it when it begins at most
    `PERIOD_SLACK_DAYS` after that period's last day; undated claims are one period, last."""
    dated = sorted((r for r in ordered if r.claim.period), key=_period_start)
    undated = [r for r in ordered if not r.claim.period]
    periods: list[list[ClaimReport]] = []
    last_day = -math.inf
    for report in dated:
        start, end = (_day(day) for day in report.claim.period or ("", ""))
        if not periods or start > last_day + PERIOD_SLACK_DAYS:
            periods.append([])
            last_day = -math.inf
        periods[-1].append(report)
        last_day = max(last_day, end)
    return periods + ([undated] if undated else [])


def _period_start(report: ClaimReport) -> tuple[str, tuple[bool, str, str, int]]:
    return ((report.claim.period or ("", ""))[0], report.order)


def _period(reports: Sequence[ClaimReport]) -> ClaimPeriod:
    stated = _stated(sorted(reports, key=lambda report: report.order))
    figures = [s.figure for s in stated]
    consensus, agreeing = consensus_range(figures)
    return ClaimPeriod(
        interval=_span([r.claim.period for r in reports if r.claim.period]),
        stated=stated,
        low=min(found.low for found in figures),
        best=best_figure(figures),
        high=max(found.high for found in figures),
        conflict=max(f.floor for f in figures) > min(f.ceiling for f in figures),
        consensus=consensus,
        consensus_voices=agreeing,
    )


def _stated(ordered: Sequence[ClaimReport]) -> tuple[Stated, ...]:
    """One entry per voice, in the order voices first speak; a voice's figure is its latest."""
    outlets = {report.article_id: report.outlet for report in ordered}
    by_voice: dict[str, list[ClaimReport]] = {}
    names: dict[str, str] = {}
    for report in ordered:
        key, name = voice_of(report, outlets)
        by_voice.setdefault(key, []).append(report)
        names[key] = max(names.get(key, ""), name, key=len)  # the fullest form of the name
    stated = []
    for key, said in by_voice.items():
        found = _voice_figure(said)
        if found is not None:
            stated.append(Stated(names[key], found, tuple(said), len(said)))
    return tuple(stated)


def _voice_figure(said: Sequence[ClaimReport]) -> Figure | None:
    """The voice's latest figure; an increment ("another eight percent") with the figure it
    adds to (the same article's "14 percent"), as their sum."""
    latest = said[-1]
    found = figure(latest.claim)
    wanted = latest.claim.adds_to
    if found is None or wanted is None:
        return found
    base = next(
        (
            figure(r.claim)
            for r in said
            if r.article_id == latest.article_id
            and (r.claim.start_char, r.claim.end_char) == wanted
        ),
        None,
    )
    return _added(base, found) if base is not None else found


def _added(first: Figure, second: Figure) -> Figure:
    return Figure(
        first.value + second.value,
        first.low + second.low,
        first.high + second.high,
        first.floor + second.floor,
        first.ceiling + second.ceiling,
    )


def voice_of(report: ClaimReport, outlets: dict[str, str | None]) -> tuple[str, str]:
    """(key, name) of who speaks: the source a claim names, else the outlet, a wire copy
    speaking with its original's outlet; else the article."""
    source = report.claim.source
    if source:
        return f"source\x1f{_source_key(source)}", source
    story = report.copy_of or report.article_id
    outlet = outlets.get(story, report.outlet) if report.copy_of else report.outlet
    if outlet:
        return f"outlet\x1f{fold(outlet)}", outlet
    return f"article\x1f{story}", f"article {story}"


def _source_key(source: str) -> str:
    """A titled person by family name ("Col. Steve Warren", "Colonel Steve Warren": warren);
    any other source by its folded name without a leading "the"."""
    words = fold(source).split()
    if words[:1] == ["the"]:
        words = words[1:]
    if words and words[0] in _titles() and len(words) > 1:
        return words[-1]
    return " ".join(words)


@functools.cache
def _titles() -> frozenset[str]:
    """Titles and ranks before a name: the attribution stage's list (lexicons/attribution.toml)."""
    return frozenset(read_lexicon("attribution.toml")["speakers"]["titles"])


def consensus_range(figures: Sequence[Figure]) -> tuple[tuple[float, float] | None, int]:
    """The range the most figures allow together, and how many they are: a sweep over the
    figures' floors and ceilings (intervals on a line share a point when the largest floor of
    a set is below its smallest ceiling)."""
    best: tuple[tuple[float, float] | None, int] = (None, 0)
    for floor in sorted({f.floor for f in figures}):
        holding = [f for f in figures if f.floor <= floor <= f.ceiling]
        if len(holding) > best[1]:
            best = ((floor, min(f.ceiling for f in holding)), len(holding))
    return best


def _span(periods: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    if not periods:
        return None
    return min(p[0] for p in periods), max(p[1] for p in periods)


@functools.lru_cache(maxsize=4096)
def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def linked_groups(
    groups: Sequence[ClaimGroup], related: Sequence[frozenset[str]]
) -> dict[str, list[ClaimGroup]]:
    """For each group, the groups that measure the same thing another way (`related` measures:
    a share of territory and an area lost by the same subject in the same place)."""
    by_rest: dict[tuple[str, ...], list[ClaimGroup]] = {}
    for group in groups:
        by_rest.setdefault(_rest(group), []).append(group)
    links: dict[str, list[ClaimGroup]] = {}
    for group in groups:
        kin = next((m for m in related if group.measure in m), frozenset())
        others = [g for g in by_rest[_rest(group)] if g is not group and g.measure in kin]
        if others:
            links[group.group_id] = others
    return links


def _rest(group: ClaimGroup) -> tuple[str, ...]:
    """The key but for its measure and unit: aspect, subject and place."""
    return tuple(group.key.split("|")[1:-1])
