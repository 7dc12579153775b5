"""Which stored events of one block a write replaces, and with what: the block swept again only
around the days its reports change (issue 10, throughput).

Merging sweeps a block's reports in `sweep_order`, by the first day of their windows; what is
open at a day depends only on the reports before it. So the sweep can start again at the first
changed day from the events that were open there (rebuilt from the stored events: their reports
before that day, with the earliest of those reports' last days), and stop at the first later day
where the events it has open are those the stored sweep had open, report for report: from there on
both sweeps see the same reports in the same state, until the next changed day, where the sweep
starts again. Stored events the stretches touched are replaced by the events the sweep closed in
them; the rest stay. The result is exactly the whole block merged again (a property test checks
it), at a cost that grows with the reports near the changes, not with the block: the stored
reports are read from a `StoredBlock` a stretch of days at a time, never the whole block.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from sitrep.reconcile.events import DAY_SLACK, EventReport, Sweep, first_day, sweep_order

Key = tuple[int, bool, str, str, int, int]  # a dated report's place in the sweep
Clusters = list[list[EventReport]]
AFTER_ALL = 10_000_000  # after any day number (date.max.toordinal() is 3,652,059)


@dataclass(slots=True, frozen=True)
class StoredReport:
    """A stored report as the sweep needs it before reading its record: its event and days."""

    article_id: str
    seq: int
    event_id: str
    start: int  # day numbers (date.toordinal) of its window
    end: int
    key: Key


def stored_key(start: int, published: str | None, article_id: str, offset: int, seq: int) -> Key:
    """A stored report's `sweep_order`, from its columns (the first day as a day number)."""
    return (start, published is None, published or "", article_id, offset, seq)


@dataclass(slots=True)
class _StoredEvent:
    """A stored event's dated reports in sweep order, and the first day it was closed on."""

    event_id: str
    reports: list[StoredReport]
    closes: int

    @classmethod
    def of(cls, event_id: str, reports: list[StoredReport]) -> _StoredEvent:
        ordered = sorted(reports, key=lambda r: r.key)
        return cls(event_id, ordered, _closing_day(ordered))

    def before(self, day: int) -> list[StoredReport]:
        return [r for r in self.reports if r.start < day]

    def open_on(self, day: int) -> bool:
        """Open after closing for a report that begins on `day` (slack aside)."""
        return self.reports[0].start < day < self.closes


def _closing_day(reports: list[StoredReport]) -> int:
    """The first day a report beginning on would close the event: past the earliest last day
    (slack added) of its reports that begin before that day."""
    earliest = reports[0].end
    for index, report in enumerate(reports):
        earliest = min(earliest, report.end)
        following = reports[index + 1].start if index + 1 < len(reports) else None
        if following == report.start:
            continue
        closes = max(report.start + 1, earliest + DAY_SLACK + 1)
        if following is None or closes <= following:
            return closes
    raise AssertionError("unreachable: the last report always closes")


Load = Callable[[Sequence[StoredReport]], list[EventReport]]
# Every stored report of an event open on a day ends at most this many days before it: a report
# joins an event only while the earliest last day of its reports, slack added, is not past it.
OPEN_REACH_DAYS = DAY_SLACK + 1


class StoredBlock(Protocol):
    """The stored reports of one block, as the store reads them for a write."""

    def of_articles(self, ids: Collection[str]) -> list[StoredReport]:
        """The dated stored reports of these articles."""
        ...

    def events(self, ids: Collection[str]) -> dict[str, list[StoredReport]]:
        """Every dated stored report of these events, by event."""
        ...

    def reaching(self, day: int) -> set[str]:
        """The ids of the events with a report beginning before day number `day` and ending
        `OPEN_REACH_DAYS` before it or later: every event open on `day` is among them."""
        ...

    def beginning(self, first: int, end: int) -> list[tuple[StoredReport, EventReport]]:
        """The dated stored reports beginning on days `first` to `end` (excluded), each with its
        record, in any order."""
        ...


def resweep(
    block: StoredBlock, changed: set[str], fresh: Sequence[EventReport], load: Load
) -> tuple[set[str], Clusters]:
    """(ids of the stored events to delete, the clusters to write in their place) for a block
    whose dated stored reports `block` reads, the `changed` articles' among them replaced by
    their `fresh` dated ones. `load` reads stored reports' records, in the order given."""
    new = sorted(fresh, key=sweep_order)
    removed = block.of_articles(changed)
    days = sorted({r.start for r in removed} | {first_day(f) for f in new})
    stretches = _Stretches(block, changed, new, days, load)
    stretches.know({r.event_id for r in removed})
    resumed_from = -1
    for day in days:
        if day >= resumed_from:  # else swept already, in the stretch of an earlier change
            resumed_from = stretches.run(day)
    doomed = stretches.doomed | {r.event_id for r in removed}
    return _without_unchanged(doomed, stretches.closed, stretches.known, changed)


def _without_unchanged(
    doomed: set[str], closed: Clusters, events: dict[str, _StoredEvent], changed: set[str]
) -> tuple[set[str], Clusters]:
    """The events to delete and the clusters to write, less those the sweep closed exactly as
    stored: the same reports, none of them a changed article's, give the same event, which
    stays as it is (most events of a stretch; issue 10: writing them again was a sixth of a
    write into a busy store)."""
    as_stored = {
        frozenset((r.article_id, r.seq) for r in event.reports): event.event_id
        for event in events.values()
        if event.event_id in doomed
    }
    unchanged: set[str] = set()
    rewritten: Clusters = []
    for cluster in closed:
        same = as_stored.get(frozenset((r.article_id, r.seq) for r in cluster))
        if same is not None and all(r.article_id not in changed for r in cluster):
            unchanged.add(same)
        else:
            rewritten.append(cluster)
    return doomed - unchanged, rewritten


class _Stretches:
    """The stretches of days swept again, each from a changed day to the day the sweeps agree
    again, in order. An event doomed in one stretch was closed before the next begins, so the
    next never finds it open and keeps it: the stretches share what they doom and close.
    `known` holds every stored event met so far: those open where a stretch begins, those of
    the stored reports it sweeps, and those of the changed articles' stored reports; an event
    open on a day a stretch reaches is one of them."""

    def __init__(
        self,
        block: StoredBlock,
        changed: set[str],
        new: list[EventReport],
        changes: list[int],
        load: Load,
    ) -> None:
        self.block, self.changed, self.load = block, changed, load
        self.new, self.changes = new, changes
        self.known: dict[str, _StoredEvent] = {}
        # A changed article's report is another record under a stored report's key.
        self.fresh_keys = {(r.article_id, r.seq) for r in new}
        self.doomed: set[str] = set()
        self.closed: Clusters = []

    def know(self, ids: Collection[str]) -> None:
        """Read the stored events of `ids` not met yet."""
        missing = [event_id for event_id in ids if event_id not in self.known]
        for event_id, reports in self.block.events(missing).items():
            self.known[event_id] = _StoredEvent.of(event_id, reports)

    def run(self, start: int) -> int:
        """Sweep from `start`; returns the day the sweeps agreed again on (`AFTER_ALL` when they
        never do: the sweep then went to the block's last report)."""
        self.know(self.block.reaching(start))
        # In the order the stored sweep opened them (by their first report): a report that fits
        # two open events as well joins the one opened first, as in the whole block's sweep.
        open_ = sorted(
            (e for e in self.known.values() if e.open_on(start)), key=lambda e: e.reports[0].key
        )
        self.doomed.update(e.event_id for e in open_)
        sweep = Sweep(self._records([e.before(start) for e in open_]))
        for day, kept, new in self._days_from(start):
            if day > start and day not in self.changes and self._agree(sweep, day):
                self.closed += sweep.done
                return day
            self.doomed.update(stored.event_id for stored, _ in kept)  # swept again
            for report in sorted([record for _, record in kept] + new, key=sweep_order):
                sweep.add(report)
        self.closed += sweep.clusters()
        return AFTER_ALL

    def _days_from(
        self, start: int
    ) -> Iterator[tuple[int, list[tuple[StoredReport, EventReport]], list[EventReport]]]:
        """Each day from `start` on that a current report begins on, with its stored reports
        (unchanged, with their records, in sweep order) and its fresh ones."""
        new = [f for f in self.new if first_day(f) >= start]
        fresh_days = iter(sorted({first_day(f) for f in new}))
        next_fresh = next(fresh_days, AFTER_ALL)
        stored = _KeptDays(self.block, self.changed, start, self.know)
        while (day := min(next_fresh, stored.next_day())) < AFTER_ALL:
            if day == next_fresh:
                next_fresh = next(fresh_days, AFTER_ALL)
            kept = stored.take(day)
            yield day, kept, [f for f in new if first_day(f) == day]

    def _agree(self, sweep: Sweep, day: int) -> bool:
        """Whether the sweep has open, on `day`, the events the stored sweep had open there,
        report for report; those then stay as stored."""
        sweep.close(day - DAY_SLACK)
        ours = {
            frozenset((r.article_id, r.seq, (r.article_id, r.seq) in self.fresh_keys) for r in c)
            for c in sweep.open_reports()
        }
        stored = [e for e in self.known.values() if e.open_on(day)]
        theirs = {frozenset((r.article_id, r.seq, False) for r in e.before(day)) for e in stored}
        if ours != theirs:
            return False
        self.doomed.difference_update(e.event_id for e in stored)
        return True

    def _records(self, groups: list[list[StoredReport]]) -> list[list[EventReport]]:
        loaded = self.load([r for group in groups for r in group])
        records, position = [], 0
        for group in groups:
            records.append(loaded[position : position + len(group)])
            position += len(group)
        return records


class _KeptDays:
    """The stored reports of a block from one day on, less the changed articles', read a run of
    days at a time, runs that double from `FIRST_RUN` days: a stretch of many days costs a few
    queries instead of one a day (issue 10: 889 queries for one write of 500 articles), and a
    short one reads little past where it ends. `meet` learns the events of each run."""

    FIRST_RUN = 8

    def __init__(
        self,
        block: StoredBlock,
        changed: set[str],
        start: int,
        meet: Callable[[Collection[str]], None],
    ) -> None:
        self.block, self.changed, self.meet = block, changed, meet
        self.read_to = start  # days before it are read
        self.run = self.FIRST_RUN
        self.waiting: list[tuple[StoredReport, EventReport]] = []  # read, in sweep order
        self.taken = 0  # how many of `waiting` are taken

    def next_day(self) -> int:
        """The first day with a stored report not taken yet (`AFTER_ALL` past the last)."""
        while self.taken == len(self.waiting) and self.read_to < AFTER_ALL:
            self._read_run()
        return self.waiting[self.taken][0].start if self.taken < len(self.waiting) else AFTER_ALL

    def take(self, day: int) -> list[tuple[StoredReport, EventReport]]:
        """The stored reports beginning on `day`, which is at most `next_day()`."""
        if self.next_day() != day:
            return []
        first = self.taken  # in sweep order, the day's reports come first
        while self.taken < len(self.waiting) and self.waiting[self.taken][0].start == day:
            self.taken += 1
        return self.waiting[first : self.taken]

    def _read_run(self) -> None:
        end = min(self.read_to + self.run, AFTER_ALL)
        found = self.block.beginning(self.read_to, end)
        kept = [pair for pair in found if pair[0].article_id not in self.changed]
        self.meet({stored.event_id for stored, _ in kept})  # their events, in one read a run
        self.waiting, self.taken = sorted(kept, key=lambda pair: pair[0].key), 0
        self.read_to, self.run = end, self.run * 2
