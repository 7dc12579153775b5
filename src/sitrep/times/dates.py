"""Calendar periods and their arithmetic: a day, an ISO week, a month, a quarter, a season, a year.

A `Period` is what a resolved expression names: its TIMEX3 value, its granularity and the first and
last day it covers. `period(granularity, key)` builds one; `containing` finds the one around a day
and `shifted` steps to its neighbours. `period_of_value` reads a TIMEX3 value back into a period,
which the benchmark uses to compare values by the days they cover. Plain `datetime` arithmetic; no
third-party date library.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# Meteorological seasons (northern hemisphere): first and last month; winter runs into next year.
SEASON_MONTHS: Mapping[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}


@dataclass(slots=True, frozen=True)
class Period:
    """A stretch of calendar days with its TIMEX3 value ("2016-W10") and granularity ("week")."""

    value: str
    granularity: str
    first: dt.date
    last: dt.date

    @property
    def interval(self) -> tuple[str, str]:
        return (self.first.isoformat(), self.last.isoformat())


def day(date: dt.date) -> Period:
    return Period(date.isoformat(), "day", date, date)


def week(date: dt.date) -> Period:
    """The ISO week (Monday to Sunday) holding `date`; its value names the ISO year and week."""
    year, number, weekday = date.isocalendar()
    monday = date - dt.timedelta(days=weekday - 1)
    return Period(f"{year}-W{number:02d}", "week", monday, monday + dt.timedelta(days=6))


def weekend(date: dt.date) -> Period:
    """The Saturday and Sunday of the ISO week holding `date`."""
    whole = week(date)
    return Period(f"{whole.value}-WE", "weekend", whole.first + dt.timedelta(days=5), whole.last)


def month(year: int, number: int) -> Period:
    last = calendar.monthrange(year, number)[1]
    return Period(
        f"{year:04d}-{number:02d}", "month", dt.date(year, number, 1), dt.date(year, number, last)
    )


def quarter(year: int, number: int) -> Period:
    first, last = month(year, 3 * number - 2), month(year, 3 * number)
    return Period(f"{year:04d}-Q{number}", "quarter", first.first, last.last)


def half(year: int, number: int) -> Period:
    first, last = month(year, 6 * number - 5), month(year, 6 * number)
    return Period(f"{year:04d}-H{number}", "half", first.first, last.last)


def season(year: int, code: str) -> Period:
    """A season of `year`; winter starts in that year's December and ends in February."""
    first_month, last_month = SEASON_MONTHS[code]
    end_year = year + 1 if last_month < first_month else year
    return Period(
        f"{year:04d}-{code}",
        "season",
        month(year, first_month).first,
        month(end_year, last_month).last,
    )


def year(number: int) -> Period:
    return Period(f"{number:04d}", "year", dt.date(number, 1, 1), dt.date(number, 12, 31))


def decade(first_year: int) -> Period:
    """The decade starting `first_year` (1990: the 1990s, value "199")."""
    start = first_year - first_year % 10
    return Period(f"{start // 10:03d}", "decade", dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


def century(first_year: int) -> Period:
    """The century of years `first_year`..+99 (1900: the 20th century, value "19")."""
    start = first_year - first_year % 100
    return Period(
        f"{start // 100:02d}", "century", dt.date(start, 1, 1), dt.date(start + 99, 12, 31)
    )


def containing(granularity: str, date: dt.date) -> Period:
    """The period of `granularity` around `date`: the week of a day, its month, its year, ..."""
    return _CONTAINING[granularity](date)


def _season_of(date: dt.date) -> Period:
    for code, (first, last) in SEASON_MONTHS.items():
        if first <= date.month <= last:
            return season(date.year, code)
    return season(date.year if date.month == 12 else date.year - 1, "WI")


_CONTAINING: Mapping[str, Callable[[dt.date], Period]] = {
    "day": day,
    "week": week,
    "weekend": weekend,
    "month": lambda d: month(d.year, d.month),
    "quarter": lambda d: quarter(d.year, (d.month - 1) // 3 + 1),
    "half": lambda d: half(d.year, (d.month - 1) // 6 + 1),
    "season": _season_of,
    "year": lambda d: year(d.year),
    "decade": lambda d: decade(d.year),
    "century": lambda d: century(d.year),
}


def shifted(period: Period, steps: int) -> Period:
    """The period `steps` of its own size later (earlier when negative)."""
    if period.granularity in ("day", "week", "weekend"):
        days = {"day": 1, "week": 7, "weekend": 7}[period.granularity]
        return containing(period.granularity, period.first + dt.timedelta(days=days * steps))
    months = {"month": 1, "quarter": 3, "half": 6, "season": 12, "year": 12}.get(period.granularity)
    if months is not None:
        return containing(period.granularity, add_months(period.first, months * steps))
    years = {"decade": 10, "century": 100}[period.granularity]
    return containing(
        period.granularity, period.first.replace(year=period.first.year + years * steps)
    )


def add_months(date: dt.date, months: int) -> dt.date:
    """`date` moved by whole months; the 31st becomes the last day of a shorter month."""
    index = date.year * 12 + date.month - 1 + months
    new_year, new_month = divmod(index, 12)
    last = calendar.monthrange(new_year, new_month + 1)[1]
    return dt.date(new_year, new_month + 1, min(date.day, last))


def moved(date: dt.date, code: str, count: float) -> dt.date:
    """`date` moved by `count` units of TIMEX3 letter `code` (D, W, M, Q, Y); parts of a month or
    year are taken in days (a month as 30, a year as 365)."""
    whole = int(count)
    if code in ("M", "Q", "Y"):
        months = whole * {"M": 1, "Q": 3, "Y": 12}[code]
        rest_days = (count - whole) * {"M": 30, "Q": 91, "Y": 365}[code]
        return add_months(date, months) + dt.timedelta(days=round(rest_days))
    days = {"D": 1, "W": 7, "WE": 7}.get(code, 0) * count
    return date + dt.timedelta(days=round(days))


_VALUE_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Period]], ...] = (
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)"), lambda m: day(_date(m))),
    (re.compile(r"(\d{4})-W(\d\d)-WE"), lambda m: weekend(_iso_monday(m))),
    (re.compile(r"(\d{4})-W(\d\d)"), lambda m: week(_iso_monday(m))),
    (re.compile(r"(\d{4})-(\d\d)"), lambda m: month(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-Q([1-4])"), lambda m: quarter(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-H([12])"), lambda m: half(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), lambda m: season(int(m[1]), m[2])),
    (re.compile(r"(\d{4})"), lambda m: year(int(m[1]))),
    (re.compile(r"(\d{3})"), lambda m: decade(int(m[1]) * 10)),
    (re.compile(r"(\d{2})"), lambda m: century(int(m[1]) * 100)),
)


def period_of_value(value: str) -> Period | None:
    """The period a TIMEX3 calendar value names; None for durations, sets, *_REF and values with
    X digits. A clock time counts as its day."""
    calendar_part = value.partition("T")[0] if value[:1].isdigit() else value
    for pattern, make in _VALUE_FORMS:
        found = pattern.fullmatch(calendar_part)
        if found is not None:
            try:
                return make(found)
            except ValueError:  # a day or week that does not exist
                return None
    return None


def _date(found: re.Match[str]) -> dt.date:
    return dt.date(int(found[1]), int(found[2]), int(found[3]))


def _iso_monday(found: re.Match[str]) -> dt.date:
    return dt.date.fromisocalendar(int(found[1]), int(found[2]), 1)
