"""Ranges: "from May to August 2014", "between 2013 and 2015", "12-15 March", "March 12 to 15".

TimeML writes a range as its two ends, each an expression of its own, and so does sitrep; this
module completes the ends and pairs them, and the extractor adds one record for the whole range
(`range_record`), whose value is an ISO 8601 interval ("2014-05/2014-08") and whose days run from
the first day of the start to the last day of the end. A figure in the range's clause takes the
range's period ("between June and August 2014, 300 were killed").

Completing the ends:

- the start takes the end's year when it has none ("from May to August 2014" is May 2014; "from
  November to February 2016" is November 2015);
- a bare day number before a date is a date of the same month ("12-15 March", "from 12 to 15
  March", "between 12 and 15 March"), and one after a date too ("March 12-15", "March 12 to 15,
  2016"), the year written after it going to both ends;
- a month's short name before a month ("Jan-Feb 2017", "Nov. to Feb. 2017") is the start;
- a year before "-" and a year ("2013-2015") is the start, and two digits after a year
  ("2014-15") the end, in the same century.

Two expressions joined by "to", "through", "until", "till" or a dash are a range; joined by "and",
only after "between" ("in both 1990 and 1991" names two years, not the years between).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence

from sitrep.model import TimeExpression
from sitrep.times.mention import Mention

Pair = tuple[Mention, Mention]

_DASH = r"\s*[-–—]\s*"
_WORD_JOIN = r"\s+(?:to|through|thru|until|till|and)\s+"
# What may stand between the two ends of a range: at most a joining word and spaces.
_JOIN = re.compile(rf"{_DASH}|{_WORD_JOIN}", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
# A bare day number right before a date: "12-15 March", "from 12 to 15 March".
_DAY_BEFORE = re.compile(
    rf"(?<![\w.,$£€#/-])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?P<join>{_DASH}|{_WORD_JOIN})$",
    re.IGNORECASE,
)
# A bare day number right after a date, then the end of the clause, a year, or a preposition:
# "March 12-15", "March 12 to 15, 2016"; "March 12 to 15 people" is no range.
_DAY_AFTER = re.compile(
    rf"(?P<join>{_DASH}|\s+(?:to|through|thru|until|till)\s+)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    r"(?P<year>,?\s+(?P<y>(?:1[89]|20)\d\d))?"
    r"(?=\s*(?:[,.;:)!?\"”]|$)|\s+(?:in|at|on|of|when|while|as|after|before|and|but|the|a)\b)",
    re.IGNORECASE,
)
_SHORT_MONTH_BEFORE = re.compile(
    rf"(?<![\w.-])(?P<month>[A-Z][a-z]{{2,3}})(?P<dot>\.)?(?P<join>{_DASH}|{_WORD_JOIN})$"
)
_YEAR_BEFORE = re.compile(rf"(?<![\w.,$£€#/-])(?P<year>(?:1[89]|20)\d\d){_DASH}$")
_YEAR_AFTER = re.compile(r"[-–](?P<year>(?:(?:1[89]|20)\d)?\d\d)(?![\w%.,]\d|\w)")
_MONTHLY = frozenset({"date", "month"})
_CALENDAR = frozenset({"date", "month", "season", "year", "weekday", "quarter", "half", "decade"})
# How far back a bare day or year before a date is looked for.
_LOOKBACK = 16
_MAX_YEARS = 50  # "1914-2014" is a range; a longer one is no claim's period


def complete(
    text: str, mentions: Sequence[Mention], abbreviations: Mapping[str, int]
) -> tuple[list[Mention], list[Pair]]:
    """The mentions with the ends of ranges added or completed, in order, and the ranges'
    (start, end) pairs. `abbreviations` are the months' short names ("jan": 1)."""
    found = list(mentions)
    added: list[Pair] = []
    for mention in list(found):
        added.extend(_bare_ends(text, mention, found))
        if mention.kind in _MONTHLY:
            added.extend(_short_month_before(text, mention, found, abbreviations))
    found.sort(key=lambda m: m.start)
    return found, added + list(_joined(text, found, added))


def _bare_ends(text: str, mention: Mention, found: list[Mention]) -> Iterator[Pair]:
    """Ends written as a bare number beside a date or a year; each is added to `found`."""
    if mention.kind == "date" and mention.day is not None:
        yield from _day_before(text, mention, found)
        yield from _day_after(text, mention, found)
    elif mention.kind == "year" and mention.year is not None:
        yield from _year_before(text, mention, found)
        yield from _year_after(text, mention, found)


def _day_before(text: str, mention: Mention, found: list[Mention]) -> Iterator[Pair]:
    hit = _DAY_BEFORE.search(text, max(0, mention.start - _LOOKBACK), mention.start)
    if hit is None or not 1 <= int(hit["day"]) < (mention.day or 0):
        return
    start = dataclasses.replace(mention, start=hit.start(), end=hit.start("join"))
    start.day, start.part, start.mod, start.since = int(hit["day"]), None, None, False
    found.append(start)
    if _is_range(text, start, hit["join"]):
        yield start, mention


def _day_after(text: str, mention: Mention, found: list[Mention]) -> Iterator[Pair]:
    hit = _DAY_AFTER.match(text, mention.end)
    if hit is None or not (mention.day or 0) < int(hit["day"]) <= 31:
        return
    end = dataclasses.replace(mention, start=hit.start("day"), end=hit.end())
    end.day, end.part, end.mod, end.since = int(hit["day"]), None, None, False
    if hit["y"]:
        end.year = mention.year = int(hit["y"])
        found[:] = [m for m in found if not (hit.start("y") <= m.start < hit.end())]
    else:
        end.end = hit.end("day")
    found.append(end)
    yield mention, end


def _short_month_before(
    text: str, mention: Mention, found: list[Mention], abbreviations: Mapping[str, int]
) -> Iterator[Pair]:
    """A month's short name alone, which is no expression by itself ("Nov." may end a
    sentence), as the start of a range: "Jan-Feb 2017", "Nov. to Feb. 2017"."""
    hit = _SHORT_MONTH_BEFORE.search(text, max(0, mention.start - _LOOKBACK), mention.start)
    if hit is None or any(m.start <= hit.start() < m.end for m in found):
        return
    month = abbreviations.get(hit["month"].lower())
    if month is None:
        return
    start = Mention(hit.start(), hit.end("month") + (hit["dot"] is not None), "month", month=month)
    found.append(start)
    if _is_range(text, start, hit["join"]):
        yield start, mention


def _year_before(text: str, mention: Mention, found: list[Mention]) -> Iterator[Pair]:
    hit = _YEAR_BEFORE.search(text, max(0, mention.start - _LOOKBACK), mention.start)
    if hit is None or any(m.start <= hit.start() < m.end for m in found):
        return
    year = int(hit["year"])
    if 0 < (mention.year or 0) - year <= _MAX_YEARS:
        start = dataclasses.replace(mention, start=hit.start(), end=hit.end("year"))
        start.year, start.part, start.mod, start.since = year, None, None, False
        found.append(start)
        yield start, mention


def _year_after(text: str, mention: Mention, found: list[Mention]) -> Iterator[Pair]:
    hit = _YEAR_AFTER.match(text, mention.end)
    if hit is None or mention.year is None:
        return
    digits = hit["year"]
    year = int(digits) if len(digits) == 4 else mention.year // 100 * 100 + int(digits)
    if 0 < year - mention.year <= _MAX_YEARS:
        end = dataclasses.replace(mention, start=hit.start("year"), end=hit.end())
        end.year, end.part, end.mod, end.since = year, None, None, False
        found.append(end)
        yield mention, end


def _joined(text: str, found: Sequence[Mention], taken: list[Pair]) -> Iterator[Pair]:
    """Neighbouring calendar mentions with only a joining word or dash between them."""
    ends = {id(m) for pair in taken for m in pair}
    for first, last in itertools.pairwise(found):
        if first.kind not in _CALENDAR or last.kind not in _CALENDAR:
            continue
        if id(first) in ends or id(last) in ends:
            continue
        join = _JOIN.fullmatch(text, first.end, last.start)
        if join is not None and _is_range(text, first, join.group()):
            yield first, last


def _is_range(text: str, first: Mention, join: str) -> bool:
    """ "and" joins a range only after "between"."""
    if _AND.fullmatch(join) is None:
        return True
    return _BETWEEN.search(text, max(0, first.start - 10), first.start) is not None


def start_year(first: Mention, last: TimeExpression) -> int | None:
    """For a start written without a year ("from May to August 2014", "from November to
    February"): the year that puts it at or before its resolved end, else None."""
    if first.year is not None or first.shift is not None or first.kind not in _MONTHLY:
        return None
    if last.interval is None or first.month is None:
        return None
    end = dt.date.fromisoformat(last.interval[1])
    later = (first.month, first.day or 0) > (end.month, end.day)
    return end.year - 1 if later else end.year


def range_record(text: str, first: TimeExpression, last: TimeExpression) -> TimeExpression | None:
    """One record for a range whose ends both have days, running forward; else None."""
    if first.interval is None or last.interval is None or first.vague or last.vague:
        return None
    if first.interval[0] > last.interval[1]:
        return None  # "from Friday to Monday" read as two separate days the wrong way round
    return TimeExpression(
        start_char=first.start_char,
        end_char=last.end_char,
        text=text[first.start_char : last.end_char],
        type="date",
        value=f"{first.value}/{last.value}",
        interval=(first.interval[0], last.interval[1]),
        granularity=last.granularity,
    )
