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
it), at a cost that grows with the reports near the changes, not with the block.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

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


def resweep(
    stored: Sequence[StoredReport], changed: set[str], fresh: Sequence[EventReport], load: Load
) -> tuple[set[str], Clusters]:
    """(ids of the stored events to delete, the clusters to write in their place) for a block
    whose dated stored reports are `stored`, the `changed` articles' among them replaced by
    their `fresh` dated ones. `load` reads stored reports' records, in the order given."""
    events = _stored_events(stored)
    kept = sorted((r for r in stored if r.article_id not in changed), key=lambda r: r.key)
    new = sorted(fresh, key=sweep_order)
    removed = [r for r in stored if r.article_id in changed]
    days = sorted({r.start for r in removed} | {first_day(f) for f in new})
    stretches = _Stretches(events, kept, new, days, load)
    resumed_from = -1
    for day in days:
        if day >= resumed_from:  # else swept already, in the stretch of an earlier change
            resumed_from = stretches.run(day)
    doomed = stretches.doomed | {r.event_id for r in removed}
    return _without_unchanged(doomed, stretches.closed, events, changed)


def _without_unchanged(
    doomed: set[str], closed: Clusters, events: list[_StoredEvent], changed: set[str]
) -> tuple[set[str], Clusters]:
    """The events to delete and the clusters to write, less those the sweep closed exactly as
    stored: the same reports, none of them a changed article's, give the same event, which
    stays as it is (most events of a stretch; issue 10: writing them again was a sixth of a
    write into a busy store)."""
    as_stored = {
        frozenset((r.article_id, r.seq) for r in event.reports): event.event_id
        for event in events
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


def _stored_events(stored: Sequence[StoredReport]) -> list[_StoredEvent]:
    by_event: dict[str, list[StoredReport]] = {}
    for report in stored:
        by_event.setdefault(report.event_id, []).append(report)
    events = [_StoredEvent.of(event_id, reports) for event_id, reports in by_event.items()]
    return sorted(events, key=lambda e: e.reports[0].key)


class _Stretches:
    """The stretches of days swept again, each from a changed day to the day the sweeps agree
    again, in order. An event doomed in one stretch was closed before the next begins, so the
    next never finds it open and keeps it: the stretches share what they doom and close."""

    def __init__(
        self,
        events: list[_StoredEvent],
        kept: list[StoredReport],
        new: list[EventReport],
        changes: list[int],
        load: Load,
    ) -> None:
        self.events, self.kept, self.new, self.changes, self.load = events, kept, new, changes, load
        self.kept_starts = [r.start for r in kept]  # for bisection: `kept` is in sweep order
        self.kept_records = _ReadAhead(kept, load)
        # A changed article's report is another record under a stored report's key.
        self.fresh_keys = {(r.article_id, r.seq) for r in new}
        self.doomed: set[str] = set()
        self.closed: Clusters = []

    def run(self, start: int) -> int:
        """Sweep from `start`; returns the day the sweeps agreed again on (`AFTER_ALL` when they
        never do: the sweep then went to the block's last report)."""
        # An event closed before the stretch begins is never open in it: looked at once.
        self.events = [e for e in self.events if e.closes > start]
        open_ = [e for e in self.events if e.open_on(start)]
        self.doomed.update(e.event_id for e in open_)
        sweep = Sweep(self._records([e.before(start) for e in open_]))
        self.kept_records.start_stretch()
        for day, (first, end), new in self._days_from(start):
            if day > start and day not in self.changes and self._agree(sweep, day):
                self.closed += sweep.done
                return day
            # its events are swept again
            self.doomed.update(r.event_id for r in self.kept[first:end])
            for report in sorted(self.kept_records.between(first, end) + new, key=sweep_order):
                sweep.add(report)
        self.closed += sweep.clusters()
        return AFTER_ALL

    def _days_from(self, start: int) -> Iterator[tuple[int, tuple[int, int], list[EventReport]]]:
        """Each day from `start` on that a current report begins on, with where its stored
        reports (unchanged) lie in `kept`, and its fresh ones."""
        first = bisect_left(self.kept_starts, start)
        new = [f for f in self.new if first_day(f) >= start]
        for day in sorted({*self.kept_starts[first:]} | {first_day(f) for f in new}):
            end = bisect_right(self.kept_starts, day, first)
            yield day, (first, end), [f for f in new if first_day(f) == day]
            first = end

    def _agree(self, sweep: Sweep, day: int) -> bool:
        """Whether the sweep has open, on `day`, the events the stored sweep had open there,
        report for report; those then stay as stored."""
        sweep.close(day - DAY_SLACK)
        ours = {
            frozenset((r.article_id, r.seq, (r.article_id, r.seq) in self.fresh_keys) for r in c)
            for c in sweep.open_reports()
        }
        stored = [e for e in self.events if e.open_on(day)]
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


class _ReadAhead:
    """The records of the kept reports, read ahead of the sweep in runs that double within a
    stretch (from `FIRST_RUN`): a stretch of many days costs a few queries instead of one a day
    (issue 10: 889 queries for one write of 500 articles), and a short one reads little past
    where it ends."""

    FIRST_RUN = 16

    def __init__(self, kept: list[StoredReport], load: Load) -> None:
        self.kept, self.load = kept, load
        self.records: dict[int, EventReport] = {}
        self.run = self.FIRST_RUN

    def start_stretch(self) -> None:
        self.run = self.FIRST_RUN

    def between(self, first: int, end: int) -> list[EventReport]:
        """The records of `kept[first:end]`."""
        missing = next((i for i in range(first, end) if i not in self.records), None)
        if missing is not None:
            stop = min(len(self.kept), max(end, missing + self.run))
            wanted = [i for i in range(missing, stop) if i not in self.records]
            loaded = self.load([self.kept[i] for i in wanted])
            self.records.update(zip(wanted, loaded, strict=True))
            self.run *= 2
        return [self.records[i] for i in range(first, end)]
