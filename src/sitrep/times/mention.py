"""A time expression as read from the text: what its words say, before any date is worked out."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.times.lexicon import Unit

# Kinds that name no point or period of the calendar, so take no "early", "since", "the end of".
_NOT_CALENDAR = frozenset({"duration", "set", "vague", "clock", "span", "offset"})


@dataclass(slots=True)
class Mention:
    """One expression with the fields its rule filled; `normalize.py` resolves it.

    `kind` says which fields matter: "date" (month, day, year?), "month", "weekday", "season",
    "quarter" and "half" (number, year?), "quarter_of" and "half_of" (number of the year `shift`
    from the reference's: "next year's first quarter"), "year", "decade" and "century" (their
    first year), "relative" (unit, shift: last -1, this 0, next 1), "deictic" (number: days from
    the reference), "offset" (count units, shift: -1 ago, 1 from now), "span" (the past/next
    count units: shift is the direction, 0 from the start of the year), "duration", "set",
    "clock" (hour, minute, anchor: its day), "anaphor" (the unit last named: "that year"),
    "year_ago" and "vague" (value: PAST_REF, ...).
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None
    number: int | None = None
    unit: Unit | None = None
    count: float | None = None  # None with a unit: a vague count ("several years")
    shift: int | None = None
    day_part: str | None = None
    hour: int | None = None
    minute: int | None = None
    value: str | None = None  # fixed by the rule: a set's or a vague word's value
    part: str | None = None  # START, MID, END, EARLIER, LATER: the part of the period meant
    mod: str | None = None
    since: bool = False
    after_in: bool = False  # a duration right after "in": "in two weeks" may be a date ahead
    anchor: Mention | None = None

    @property
    def calendar(self) -> bool:
        """Names a point or period of the calendar."""
        return self.kind not in _NOT_CALENDAR
