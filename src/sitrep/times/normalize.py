"""From a mention to its value: TIMEX3 value, interval of days and granularity, against a date.

The reference date is the article's publication date. An underspecified date ("Nov. 13",
"December", "on Tuesday", "the summer") is the occurrence nearest the reference, preferring the
past: see `_nearest`. "Last" and "next" take the one strictly before or after the reference's own
period. Counted expressions are calendar arithmetic from the reference ("two days ago", "the past
three months"). Without a reference, a relative expression keeps X digits ("XXXX-11-13") and has
no interval (`values.py`). docs/times.md states every rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sitrep.times import dates
from sitrep.times.dates import Period
from sitrep.times.lexicon import Unit
from sitrep.times.mention import Mention
from sitrep.times.tense import FUTURE, NEAREST, PAST, PAST_TENSE
from sitrep.times.values import (
    Resolved,
    duration_value,
    needs_reference,
    unanchored,
    without_reference,
)

# How much nearer the next occurrence of an underspecified date must be than the last one to be
# chosen without a future cue. Tuned on TimeBank's dev split: 2 to 4 score alike; 1 (plain
# nearest) scores 1.2 points of value accuracy lower, "always the past" 3 points lower.
PAST_WEIGHT = 2
# In a clause in the past tense ("was told Wednesday", "bought in February") the next occurrence
# must be six times nearer: "extended to Nov. 20" is still ahead. Tuned on the dev split: 4 to 10
# score within 0.3 points; "always the past" loses 0.8.
PAST_TENSE_WEIGHT = 6
# Years either side of the reference searched for an occurrence: four, so Feb. 29 has one.
_YEARS_AROUND = 4
_ANY_DAY = dt.date(2000, 1, 1)  # an absolute date reads no reference: any day stands in
_UNANCHORED = frozenset({"duration", "set", "vague"})
# Periods reached through another mention are not remembered as "the one last named".
_NOT_REMEMBERED = frozenset({"year_ago", "anaphor", "offset"})
_CLOCK_DAYS = {"hour": 1 / 24, "minute": 1 / 1440, "second": 1 / 86400}

PeriodReader = Callable[[Mention, dt.date, str], Period]
# Which occurrence an underspecified date takes (`_nearest`): "nearest" by default, "future" when
# its clause speaks of the future, "past" when it speaks of the past or after "since" (a period up
# to now began before it).


@dataclass(slots=True)
class Memory:
    """What the article has named so far, for "the quarter", "that year", "a year earlier"."""

    last: dict[str, Period] = field(default_factory=dict)  # by granularity
    quarter: Period | None = None  # the last quarter named that had begun by the reference

    def remember(self, period: Period, reference: dt.date) -> None:
        self.last[period.granularity] = period
        if period.granularity == "quarter" and period.first <= reference:
            self.quarter = period


class Resolver:
    """Resolves the mentions of one article in order, remembering what it named."""

    def __init__(self, reference: dt.date | None) -> None:
        self.reference = reference
        self.memory = Memory()
        self._periods: dict[str, PeriodReader] = {
            "date": self._date,
            "month": self._month,
            "season": self._season,
            "quarter": self._quarter,
            "half": self._quarter,
            "quarter_of": self._quarter_of,
            "half_of": self._quarter_of,
            "weekday": self._weekday,
            "year": self._year,
            "decade": self._year,
            "century": self._year,
            "relative": self._relative,
            "deictic": self._deictic,
            "anaphor": self._anaphor,
            "year_ago": self._year_ago,
            "offset": self._offset,
        }

    @property
    def _reference(self) -> dt.date:
        return self.reference or _ANY_DAY

    def resolve(self, mention: Mention, tense: str = NEAREST) -> Resolved | None:
        """The mention's value; `tense` (`tense.py`) says whether its clause speaks of the past
        or of what lies ahead."""
        mention = _ahead(mention, tense == FUTURE)
        lean = PAST if mention.since else tense
        if mention.kind in _UNANCHORED or (mention.kind == "offset" and mention.count is None):
            return unanchored(mention)
        if self.reference is None and needs_reference(mention):
            return without_reference(mention)
        if mention.kind == "span":
            return _span(mention, self._reference)  # None when out of the calendar's range
        if mention.kind == "clock":
            return self._clock(mention, lean)
        period = self._period(mention, lean)
        if period is None:
            return None
        if mention.kind not in _NOT_REMEMBERED:
            self.memory.remember(period, self._reference)
        return self._calendar(mention, period)

    def _period(self, mention: Mention, lean: str) -> Period | None:
        try:
            return self._periods[mention.kind](mention, self._reference, lean)
        except (ValueError, OverflowError):  # a day that does not exist: "Feb. 30"
            return None

    # -- calendar points and periods ------------------------------------------------------------

    def _date(self, m: Mention, reference: dt.date, lean: str) -> Period:
        assert m.month is not None and m.day is not None
        month, day = m.month, m.day
        if m.year is not None:
            return dates.day(dt.date(m.year, month, day))
        return _occurrence(lambda y: dates.day(dt.date(y, month, day)), reference, lean, None)

    def _month(self, m: Mention, reference: dt.date, lean: str) -> Period:
        assert m.month is not None
        number = m.month
        if m.year is not None:
            return dates.month(m.year, number)
        return _occurrence(lambda y: dates.month(y, number), reference, lean, m.shift)

    def _season(self, m: Mention, reference: dt.date, lean: str) -> Period:
        assert m.season is not None
        code = m.season
        if m.year is not None:
            return dates.season(m.year, code)
        return _occurrence(lambda y: dates.season(y, code), reference, lean, m.shift)

    def _quarter(self, m: Mention, reference: dt.date, lean: str) -> Period:
        """A quarter or half named without a year is the one being reported on, whatever the
        tense ("it expects to report a third-quarter loss"): the last one begun."""
        assert m.number is not None
        number, make = m.number, dates.quarter if m.kind == "quarter" else dates.half
        if m.year is not None:
            return make(m.year, number)
        return _occurrence(lambda y: make(y, number), reference, PAST, m.shift)

    def _quarter_of(self, m: Mention, reference: dt.date, lean: str) -> Period:
        """ "next year's first quarter", "the second half of last year"."""
        assert m.number is not None and m.shift is not None
        make = dates.half if m.kind == "half_of" else dates.quarter
        return make(reference.year + m.shift, m.number)

    def _weekday(self, m: Mention, reference: dt.date, lean: str) -> Period:
        """The nearest such weekday (`_nearest`); "last Tuesday" is strictly before the
        reference, "next Tuesday" strictly after."""
        assert m.weekday is not None
        back = (reference.isoweekday() - m.weekday) % 7
        ahead = (m.weekday - reference.isoweekday()) % 7
        if m.shift == -1:
            return dates.day(reference - dt.timedelta(days=back or 7))
        if m.shift == 1:
            return dates.day(reference + dt.timedelta(days=ahead or 7))
        candidates = [dates.day(reference + dt.timedelta(days=d)) for d in (-back, ahead)]
        return _nearest(candidates, reference, lean)

    def _year(self, m: Mention, reference: dt.date, lean: str) -> Period:
        assert m.year is not None
        maker = {"year": dates.year, "decade": dates.decade, "century": dates.century}[m.kind]
        return maker(m.year)

    def _relative(self, m: Mention, reference: dt.date, lean: str) -> Period:
        """ "last week", "this month", "next year"; "the weekend" is the nearest one."""
        assert m.unit is not None
        own = dates.containing(m.unit.granularity, reference)
        if m.shift is None:
            return _nearest([dates.shifted(own, step) for step in (-1, 0, 1)], reference, lean)
        return dates.shifted(own, m.shift)

    def _deictic(self, m: Mention, reference: dt.date, lean: str) -> Period:
        return dates.day(reference + dt.timedelta(days=m.number or 0))

    def _anaphor(self, m: Mention, reference: dt.date, lean: str) -> Period:
        """ "the following month" steps from the month last named; "that year" is the year last
        named; "the quarter" is discussed in `_named_quarter`; "the year" alone is the
        reference's."""
        assert m.unit is not None
        granularity = m.unit.granularity
        own = dates.containing(granularity, reference)
        named = self.memory.last.get(granularity)
        if m.value == "step":
            return dates.shifted(named or own, m.shift or 0)
        if granularity == "quarter":
            return self._named_quarter(m, own)
        if m.value == "named" and named is not None:
            return named
        return own

    def _named_quarter(self, m: Mention, own: Period) -> Period:
        """ "The latest quarter" is the last one completed: the one reported on. "The quarter"
        is the one last named (in year `m.year`: "the 1988 quarter"), else the last completed;
        "the current quarter" the reference's."""
        named = self.memory.quarter
        if m.value == "latest":
            return dates.shifted(own, -1)
        if m.year is not None:
            return dates.quarter(m.year, _quarter_number(named)) if named else dates.year(m.year)
        return named or (own if m.shift == 0 else dates.shifted(own, -1))

    def _year_ago(self, m: Mention, reference: dt.date, lean: str) -> Period:
        """ "the year-ago quarter": the quarter last named, a year before; without one, last
        year. "The year-earlier third quarter" names its quarter."""
        named = self.memory.quarter
        if m.number is not None:
            year = named.first.year if named is not None else reference.year
            return dates.quarter(year - 1, m.number)
        if named is not None:
            return dates.shifted(named, -4)
        return dates.year(reference.year - 1)

    def _offset(self, m: Mention, reference: dt.date, lean: str) -> Period:
        """ "two days ago", "a year earlier": the unit's period that far from the reference, a
        week's count as a day. A year back, in an article that has named a quarter, is that
        quarter a year before (results are compared with the same quarter a year earlier)."""
        assert m.unit is not None and m.shift is not None and m.count is not None
        named = self.memory.quarter
        if m.unit.granularity == "year" and m.count == 1 and named is not None:
            return dates.shifted(named, 4 * m.shift)
        when = _moved(reference, m.unit, m.shift * m.count)
        granularity = m.unit.granularity
        if m.unit.clock or granularity == "week":
            granularity = "day"  # "two weeks ago" is a day, give or take, not an ISO week
        elif granularity in ("decade", "century"):
            granularity = "year"
        return dates.containing(granularity, when)

    # -- the record's fields ---------------------------------------------------------------------

    def _calendar(self, mention: Mention, period: Period) -> Resolved:
        """The period's value and days, narrowed by a part ("early", "earlier this month") and
        run on to the reference by "since"."""
        reference = self._reference
        first, last, mod = period.first, period.last, mention.mod
        if mention.part is not None:
            first, last = _part(period, mention.part, reference)
            mod = {"EARLIER": "START", "LATER": "END"}.get(mention.part, mention.part)
        if mention.since:
            last, mod = max(last, reference), "ON_OR_AFTER"
        interval = (first.isoformat(), last.isoformat())
        if mention.day_part is not None:
            value = f"{period.value}T{mention.day_part}"
            return Resolved("time", value, interval, "part_of_day", mod=mod)
        return Resolved("date", period.value, interval, period.granularity, mod=mod)

    def _clock(self, mention: Mention, lean: str) -> Resolved | None:
        """A clock time on its day ("10 p.m. Wednesday"), else on the reference day."""
        assert mention.hour is not None
        day = dates.day(self._reference)
        if mention.anchor is not None:
            anchored = self._period(mention.anchor, lean)
            if anchored is None:
                return None
            day = anchored
        minute = mention.minute or 0
        value = f"{day.value}T{mention.hour:02d}:{minute:02d}"
        granularity = "minute" if minute else "hour"
        return Resolved("time", value, day.interval, granularity, mod=mention.mod)


# -- choosing an occurrence ---------------------------------------------------------------------


def _occurrence(
    make: Callable[[int], Period], reference: dt.date, lean: str, shift: int | None
) -> Period:
    """The occurrence of a yearly period (a month, a season, Nov. 13) the mention means: with
    `shift` -1 the last one ending before the reference's own, 1 the first starting after it,
    0 the reference year's; without, the nearest (`_nearest`)."""
    candidates = []
    for year in range(reference.year - _YEARS_AROUND, reference.year + _YEARS_AROUND + 1):
        try:
            candidates.append(make(year))
        except ValueError:  # Feb. 29 in a year without one
            continue
    if not candidates:
        raise ValueError("no such day in any year near the reference")  # "Feb. 30"
    if shift == 0:
        return next(c for c in candidates if c.first.year == reference.year)
    if shift is None:
        return _nearest(candidates, reference, lean)
    own = dates.containing(candidates[0].granularity, reference)
    if shift < 0:
        return [c for c in candidates if c.last < _last_named_before(own).first][-1]
    return next(c for c in candidates if c.first > own.last)


def _last_named_before(own: Period) -> Period:
    """ "Last February" in March is not the month just gone (that is "last month") but the
    February of the year before; "last January" in March is this year's. So the period that
    "last" must end before is the month before the reference's own; for seasons and quarters,
    the reference's own."""
    return dates.shifted(own, -1) if own.granularity == "month" else own


def _nearest(candidates: list[Period], reference: dt.date, lean: str) -> Period:
    """The occurrence nearest the reference, preferring the past: the last one begun by the
    reference, unless the next one is less than half as far from it (news mostly reports what
    happened); in a clause in the past tense (PAST_TENSE), less than a sixth as far. With `lean`
    FUTURE (the clause speaks of the future) the first one not yet over; with PAST ("since") the
    last one begun."""
    upcoming = next((c for c in candidates if c.last >= reference), candidates[-1])
    if lean == FUTURE:
        return upcoming
    past = next((c for c in reversed(candidates) if c.first <= reference), candidates[0])
    if lean == PAST:
        return past
    back = (reference - past.last).days
    ahead = (upcoming.first - reference).days
    weight = PAST_TENSE_WEIGHT if lean == PAST_TENSE else PAST_WEIGHT
    return upcoming if ahead > 0 and ahead * weight < back else past


def _ahead(mention: Mention, future: bool) -> Mention:
    """ "will meet in two weeks": with a future cue, a count of units after "in" is a date that
    far ahead, not a length of time."""
    if mention.kind == "duration" and mention.after_in and future and mention.count:
        return dataclasses.replace(mention, kind="offset", shift=1)
    return mention


def _quarter_number(quarter: Period) -> int:
    return int(quarter.value[-1])


# -- parts of a period and spans ----------------------------------------------------------------


def _part(period: Period, part: str, reference: dt.date) -> tuple[dt.date, dt.date]:
    """The days of a part of a period. EARLIER and LATER run to or from the reference when it
    falls inside ("earlier this month"); START, MID and END are the first, middle and last third
    (of its months for a year, a half, a quarter or a season; of its years for a decade or a
    century; of its days otherwise)."""
    inside = period.first <= reference <= period.last
    if part == "EARLIER":
        return (period.first, reference) if inside else _third(period, "START")
    if part == "LATER":
        return (reference, period.last) if inside else _third(period, "END")
    return _third(period, part)


def _third(period: Period, part: str) -> tuple[dt.date, dt.date]:
    starts = _sub_starts(period)
    size = len(starts)
    edge = max(1, round(size / 3))
    low, high = {"START": (0, edge), "MID": (edge, size - edge), "END": (size - edge, size)}[part]
    if low >= high:  # a period too short to divide: all of it
        low, high = 0, size
    last = starts[high] - dt.timedelta(days=1) if high < size else period.last
    return starts[low], last


def _sub_starts(period: Period) -> list[dt.date]:
    """First days of the period's parts: months, years or days."""
    first, last = period.first, period.last
    if period.granularity in ("year", "half", "quarter", "season"):
        count = (last.year - first.year) * 12 + last.month - first.month + 1
        return [dates.add_months(first, n) for n in range(count)]
    if period.granularity in ("decade", "century"):
        return [first.replace(year=y) for y in range(first.year, last.year + 1)]
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _span(mention: Mention, reference: dt.date) -> Resolved | None:
    """ "the past three months": P3M from three months before the reference to the reference;
    "the next two years" from the reference forward; "the first nine months" from the start of
    the reference's year, or of the year written after it ("the first three months of 2015")."""
    assert mention.unit is not None and mention.count is not None and mention.shift is not None
    unit, count = mention.unit, mention.count
    if mention.shift == 0 and unit.clock:
        # "in the first hour" counts from the start of something the text names, not of the year
        return Resolved("duration", duration_value(count, unit), None, unit.granularity)
    try:
        if mention.shift == 0:  # "the first nine months" (of the year), "... of 2015"
            first = dt.date(mention.year or reference.year, 1, 1)
            last = _moved(first, unit, count) - dt.timedelta(days=1)
        elif mention.shift < 0:
            first, last = _moved(reference, unit, -count), reference
        else:
            first, last = reference, _moved(reference, unit, count)
    except (ValueError, OverflowError):  # "the past 3,000 years" runs off the calendar
        return None
    interval = (first.isoformat(), last.isoformat())
    value = duration_value(count, unit)
    return Resolved("duration", value, interval, unit.granularity, mod=mention.mod)


def _moved(date: dt.date, unit: Unit, count: float) -> dt.date:
    """`date` moved by `count` of `unit` (negative: back)."""
    if unit.clock:
        return date + dt.timedelta(days=round(count * _CLOCK_DAYS[unit.granularity]))
    return dates.moved(date, unit.code, count * unit.times)
