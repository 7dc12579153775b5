"""Values that need no calendar arithmetic: durations, sets, vague words, and what is left of a
relative expression when no reference date is known ("XXXX-11-13")."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.times.lexicon import Unit
from sitrep.times.mention import Mention

# A part of a unit is carried to the next smaller one ("2 1/2 years" is P2Y6M, "a minute and a
# half" PT1M30S): a year is 12 months, a month 30 days, a week 7 days, a day 24 hours. Keys and
# values: (TIMEX3 letter, written after the T), then how many of the smaller make the larger.
_SMALLER: dict[tuple[str, bool], tuple[str, bool, int]] = {
    ("Y", False): ("M", False, 12),
    ("M", False): ("D", False, 30),
    ("W", False): ("D", False, 7),
    ("D", False): ("H", True, 24),
    ("H", True): ("M", True, 60),
    ("M", True): ("S", True, 60),
}
# TimeBank's letters for a vague count of decades and centuries: "decades" is PXE.
_VAGUE_LETTERS = {"decade": "E", "century": "C"}
# A set written as one word ("weekly": P1W) has the granularity of its value's last letter.
_SET_GRANULARITY = {"H": "hour", "D": "day", "W": "week", "M": "month", "Y": "year"}
_DAY_KINDS = frozenset({"date", "weekday", "deictic"})
_ABSOLUTE_KINDS = frozenset({"year", "decade", "century"})
_DATED_KINDS = frozenset({"date", "month", "season", "quarter", "half"})


@dataclass(slots=True, frozen=True)
class Resolved:
    """What a mention comes to: the fields of `TimeExpression` after its offsets and text."""

    type: str
    value: str
    interval: tuple[str, str] | None
    granularity: str
    vague: bool = False
    mod: str | None = None


def duration_value(count: float | None, unit: Unit) -> str:
    """ "P3M", "PT2H", "P2Y6M" (2.5 years), "PXY" (a vague count), "P20Y" (two decades)."""
    if count is None:
        letter = _VAGUE_LETTERS.get(unit.granularity, unit.code)
        return f"{'PT' if unit.clock else 'P'}X{letter}"
    total = count * unit.times
    whole = int(total)
    parts = [(float(whole), unit.code, unit.clock)] if whole or total == 0 else []
    smaller = _SMALLER.get((unit.code, unit.clock))
    if total != whole and smaller is not None:
        letter, clock, per = smaller
        parts.append((round((total - whole) * per, 3), letter, clock))
    elif total != whole:
        parts = [(total, unit.code, unit.clock)]
    calendar = "".join(f"{_number(n)}{letter}" for n, letter, clock in parts if not clock)
    clock_part = "".join(f"{_number(n)}{letter}" for n, letter, clock in parts if clock)
    return f"P{calendar}" + (f"T{clock_part}" if clock_part else "")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def unanchored(mention: Mention) -> Resolved:
    """Durations, sets, vague words and vague offsets ("years ago"): a value, no interval."""
    unit = mention.unit
    granularity = unit.granularity if unit is not None else "unknown"
    if mention.kind == "vague":
        assert mention.value is not None
        return Resolved("date", mention.value, None, granularity, vague=True)
    if mention.kind == "offset":
        value = "PAST_REF" if (mention.shift or 0) < 0 else "FUTURE_REF"
        return Resolved("date", value, None, granularity, vague=True, mod=mention.mod)
    if mention.kind == "set":
        value = set_value(mention)
        if unit is None:
            granularity = _SET_GRANULARITY.get(value[-1:], granularity)
        return Resolved("set", value, None, granularity, mod=mention.mod)
    assert unit is not None
    value = duration_value(mention.count, unit)
    return Resolved("duration", value, None, granularity, mention.count is None, mention.mod)


def set_value(mention: Mention) -> str:
    """ "every two days" P2D, "each Thursday" XXXX-WXX-4, "each July" XXXX-07."""
    if mention.value is not None:
        return mention.value
    if mention.unit is not None:
        return duration_value(mention.count or 1.0, mention.unit)
    if mention.weekday is not None:
        return f"XXXX-WXX-{mention.weekday}"
    if mention.month is not None:
        return f"XXXX-{mention.month:02d}"
    return f"XXXX-{mention.season}"


def needs_reference(mention: Mention) -> bool:
    """Whether the mention (or a clock time's day) is relative to the reference date."""
    day = mention.anchor if mention.kind == "clock" and mention.anchor else mention
    if day.kind in _ABSOLUTE_KINDS:
        return False
    return day.year is None or day.kind not in _DATED_KINDS


def without_reference(mention: Mention) -> Resolved:
    """No publication date: a relative expression keeps X digits and has no interval."""
    if mention.kind == "span":
        assert mention.unit is not None
        value = duration_value(mention.count, mention.unit)
        return Resolved("duration", value, None, mention.unit.granularity, mod=mention.mod)
    kind = "time" if mention.kind == "clock" else "date"
    return Resolved(kind, _x_value(mention), None, _x_granularity(mention), mod=mention.mod)


def _x_value(mention: Mention) -> str:
    """The TIMEX3 value with the unknown digits as X: "XXXX-11-13", "XXXX-WXX-2"."""
    kind = mention.kind
    forms = {
        "date": lambda: f"XXXX-{mention.month:02d}-{mention.day:02d}",
        "month": lambda: f"XXXX-{mention.month:02d}",
        "weekday": lambda: f"XXXX-WXX-{mention.weekday}",
        "season": lambda: f"XXXX-{mention.season}",
        "quarter": lambda: f"XXXX-Q{mention.number}",
        "quarter_of": lambda: f"XXXX-Q{mention.number}",
        "half": lambda: f"XXXX-H{mention.number}",
        "half_of": lambda: f"XXXX-H{mention.number}",
        "clock": lambda: f"XXXX-XX-XXT{mention.hour:02d}:{mention.minute or 0:02d}",
    }
    if kind in forms:
        return forms[kind]()
    unit = mention.unit.granularity if mention.unit is not None else "day"
    by_unit = {"week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX"}
    return by_unit.get(unit, "XXXX" if unit in ("year", "decade", "century") else "XXXX-XX-XX")


def _x_granularity(mention: Mention) -> str:
    if mention.kind in _DAY_KINDS:
        return "day"
    if mention.kind == "clock":
        return "hour"
    if mention.kind in ("month", "season", "quarter", "half"):
        return mention.kind
    if mention.kind in ("quarter_of", "half_of"):
        return mention.kind.removesuffix("_of")
    return mention.unit.granularity if mention.unit is not None else "day"
