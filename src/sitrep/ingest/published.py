"""An article's publication date read from its text, when no metadata and no option gives it.

Three kinds of evidence, in order of confidence (docs/formats.md, "Publication date"): a printed
publication line near the top ("Published March 17, 2016", "17 March 2016 12:05 GMT" alone on a
line), a dateline opening a paragraph ("BAGHDAD, Jan. 17 (Xinhua) --"), and the latest fully
specified date the text mentions. An update stamp ("Updated November 17, 2021") is a decoy: it
never wins, its date is not counted as mentioned, and it only bounds the other evidence from above.

`sitrep.times` reads far more than these three forms, but costs about 1.5 ms an article; this runs
on every undated article at ingest, so it keeps to one look at the top and one pass over the body.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from sitrep.model import PublishedSource
from sitrep.patterns import read_lexicon, trie_pattern, words_pattern

# Printed lines and datelines stand at the top; only lines starting this early are looked at.
HEAD_CHARS = 600
# A printed date line or a dateline is short; a longer line is prose.
MAX_LINE_CHARS = 200
# Confidence by kind of evidence, highest first.
PRINTED_AND_DATELINE = 0.95
PRINTED_LABELLED = 0.9
PRINTED_LINE = 0.85
DATELINE_WITH_YEAR = 0.8
DATELINE_YEAR_FROM_TEXT = 0.6
# News rarely writes its own date in full: the latest full date is within a day of publication
# in 2 of 41 Reuters stories that have one, within a year in 14 (docs/formats.md).
LATEST_MENTIONED = 0.2
# A dateline agrees with a printed line when it is the same day or the day before (filed at night).
_AGREEING_DAYS = (0, 1)
_QUOTE_CHARS = 80
# The longest way a month and day can stand before a year: "30th of September, " is 19 characters.
_BEFORE_YEAR_CHARS = 24
# How far before a date its "through", "scheduled for", "takes effect on" is looked for.
_TO_COME_CHARS = 24

_SPACE = r"[ \t]+"
_OPT_SPACE = r"[ \t]*"
_YEAR = r"(?:19|20)\d\d"
_ORDINAL = r"(?:st|nd|rd|th)?"
_ISO_CLOCK = r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?"
_AM_PM = r"(?i:[ap]\.?m\b\.?)"
_ZONE = r"(?:[A-Z]{1,5}(?:[+-]\d{1,2}(?::?\d\d)?)?(?![A-Za-z])|[+-]\d\d:?\d\d)"
_CLOCK = (
    rf"(?:\d{{1,2}}[:.]\d\d(?:[:.]\d\d)?(?:{_OPT_SPACE}{_AM_PM})?|\d{{1,2}}{_OPT_SPACE}{_AM_PM})"
    rf"(?:{_OPT_SPACE}{_ZONE})?"
)
_CLOCK_AFTER = rf"(?:{_ISO_CLOCK}|{_OPT_SPACE}(?:,|at\b|[|·•–—-])?{_OPT_SPACE}{_CLOCK})"
_CLOCK_BEFORE = rf"(?:{_CLOCK}{_OPT_SPACE}[,|·•–—-]?{_OPT_SPACE})"
_SEPARATORS = "|·•;"
_BYLINE = rf"(?:(?i:by){_SPACE}[^{_SEPARATORS}\n]{{1,60}}?{_OPT_SPACE}[{_SEPARATORS}]{_OPT_SPACE})"
_PLACE_WORD = r"[A-Z][^\W\d_]*(?:[.'’-][^\W\d_]+)*\.?"


@dataclass(slots=True, frozen=True)
class InferredDate:
    """A publication date read from the text: how sure, why, and where the evidence is."""

    date: dt.date
    confidence: float
    reason: str
    start_char: int
    end_char: int


@dataclass(slots=True, frozen=True)
class _Dated:
    """A full date found in the text, at `start`..`end`."""

    date: dt.date
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class _Printed:
    """A printed date line; `start`..`end` is the line without what follows the date and clock."""

    date: dt.date
    labelled: bool
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class _Dateline:
    """A dateline's month and day, and its year when it gives one ("KIRKUK, Iraq, March 8")."""

    month: int
    day: int
    year: int | None
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class _Patterns:
    months: Mapping[str, int]
    year: re.Pattern[str]
    full_date: re.Pattern[str]
    date_ending: re.Pattern[str]
    separator: re.Pattern[str]
    to_come: re.Pattern[str]
    printed_line: re.Pattern[str]
    update_stamp: re.Pattern[str]
    dateline: re.Pattern[str]

    @classmethod
    def build(cls) -> _Patterns:
        data = read_lexicon("published.toml")
        months = {name: int(number) for name, number in data["months"].items()}
        month = _cased_words(months)
        weekday = rf"(?:(?:{_cased_words(data['weekdays']['names'])})\.?,?{_SPACE})"
        labels = rf"(?i:{words_pattern(data['lines']['labels'])})(?![A-Za-z])"
        decoys = rf"(?i:{words_pattern(data['lines']['decoys'])})(?![A-Za-z])"
        full = _full_date_pattern(month)
        return cls(
            months,
            # No look-behind: it would cost the scan its quick skip to the next "1" or "2".
            re.compile(rf"{_YEAR}(?!\d)"),
            re.compile(full),
            re.compile(rf"{full}\Z"),
            re.compile(f"[{_SEPARATORS}]"),
            re.compile(_to_come_pattern(data["mentioned"]["to_come"])),
            re.compile(_printed_line_pattern(full, weekday, labels, decoys)),
            re.compile(_update_stamp_pattern(full, weekday, decoys)),
            re.compile(_dateline_pattern(month)),
        )


def _cased_words(words: Iterable[str]) -> str:
    """Capitalised and upper-case forms only: "March", "MARCH", never the verb "march"."""
    return trie_pattern(form for word in words for form in (word.capitalize(), word.upper()))


def _full_date_pattern(month: str) -> str:
    """A date with day, month and year: "March 17, 2016", "17th March 2016", "2016-03-17"."""
    month_day_year = (
        rf"(?P<md_m>{month})\.?{_SPACE}(?P<md_d>[0-3]?\d){_ORDINAL},?{_SPACE}(?P<md_y>{_YEAR})"
    )
    day_month_year = (
        rf"(?P<dm_d>[0-3]?\d){_ORDINAL}{_SPACE}(?:of{_SPACE})?(?P<dm_m>{month})\.?,?{_SPACE}"
        rf"(?P<dm_y>{_YEAR})"
    )
    iso = rf"(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)"
    return rf"(?<![\w-])(?P<date>{month_day_year}|{day_month_year}|{iso})(?![\d-])"


def _to_come_pattern(words: Iterable[str]) -> str:
    """The end of the text before a date that is still to come: "through ", "takes effect on "."""
    return rf"(?<![\w-])(?i:{words_pattern(words)})(?:\s+(?i:on))?[\s,]+\Z"


def _printed_line_pattern(full: str, weekday: str, labels: str, decoys: str) -> str:
    """A whole line that prints a date: an optional byline and label, the date and its clock,
    then nothing but a separator and more metadata ("| Updated ...")."""
    on = rf"(?:(?i:on)(?![A-Za-z]){_OPT_SPACE})?"
    label = rf"(?:(?P<label>{labels}){_OPT_SPACE}{on}:?{_OPT_SPACE}{on})"
    trailing = (
        rf"(?:{_OPT_SPACE}[{_SEPARATORS}].*"
        rf"|{_OPT_SPACE}(?:[,–—-]{_OPT_SPACE})?{decoys}.*)"
    )
    return (
        rf"{_OPT_SPACE}(?P<printed>{_BYLINE}?{label}?{_CLOCK_BEFORE}?{weekday}?{full}{_CLOCK_AFTER}?)"
        rf"[ \t.]*{trailing}?"
    )


def _update_stamp_pattern(full: str, weekday: str, decoys: str) -> str:
    """An update word directly followed by a date; tried where a line starts and after each
    separator ("Published ... | Updated November 17, 2021")."""
    lead = rf"{_OPT_SPACE}:?{_OPT_SPACE}(?:(?i:on|at){_SPACE})?"
    return rf"{_OPT_SPACE}{decoys}{lead}{_CLOCK_BEFORE}?{weekday}?{full}"


def _dateline_pattern(month: str) -> str:
    """A place in capitals or title case, a month and day, perhaps a year and an agency, and a
    dash or colon: "BAGHDAD, Jan. 17 (Xinhua) --", "KIRKUK, Iraq, March 8 —"."""
    place = rf"(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    region = rf"(?:,{_SPACE}{_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}})?"
    month_day = rf"(?P<dl_m1>{month})\.?{_SPACE}(?P<dl_d1>[0-3]?\d){_ORDINAL}"
    day_month = rf"(?P<dl_d2>[0-3]?\d){_ORDINAL}{_SPACE}(?P<dl_m2>{month})\.?"
    year = rf"(?:,?{_SPACE}(?P<dl_y>{_YEAR}))?"
    agency = rf"(?:{_OPT_SPACE}\([^()\n]{{1,40}}\))?"
    return (
        rf"{_OPT_SPACE}{place}{region},{_SPACE}(?:{month_day}|{day_month})(?![\d])"
        rf"(?P<dl_end>){year}(?P<dl_year_end>){agency}{_OPT_SPACE}(?:--?|[—–:])"
    )


@functools.cache
def _patterns() -> _Patterns:
    return _Patterns.build()


def infer_published(text: str) -> InferredDate | None:
    """The publication date the text gives, or None; `text` is the normalised body."""
    patterns = _patterns()
    lines = _head_lines(text)
    stamps = _update_stamps(text, lines, patterns)
    dateline = _first_dateline(text, lines, patterns)
    printed = _first_printed_line(text, lines, patterns)
    if printed is not None:
        return _from_printed(text, printed, dateline)
    bound = min((stamp.date for stamp in stamps), default=None)
    latest = _latest_mentioned(text, patterns, stamps, bound)
    from_dateline = _from_dateline(text, dateline, latest) if dateline else None
    if from_dateline is not None:
        return from_dateline
    return _from_latest(latest) if latest else None


def looks_like_date_line(line: str) -> bool:
    """A printed date line or an update stamp: a reader must not take it for a headline."""
    patterns = _patterns()
    return bool(patterns.printed_line.fullmatch(line) or patterns.update_stamp.match(line))


def _head_lines(text: str) -> list[tuple[int, int]]:
    """Start and end of every non-empty line starting in the first `HEAD_CHARS` characters; each
    look into a line stops `MAX_LINE_CHARS` in, so a text without line breaks costs no more."""
    lines = []
    start = 0
    while start < min(len(text), HEAD_CHARS):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start : min(end, start + MAX_LINE_CHARS)].strip():
            lines.append((start, end))
        start = end + 1
    return lines


def _update_stamps(text: str, lines: list[tuple[int, int]], patterns: _Patterns) -> list[_Dated]:
    stamps = []
    for start, line_end in lines:
        end = min(line_end, start + MAX_LINE_CHARS)
        separators = patterns.separator.finditer(text, start, end)
        for position in (start, *(separator.end() for separator in separators)):
            match = patterns.update_stamp.match(text, position, end)
            date = _date_of(match, patterns.months)
            if match and date:
                stamps.append(_Dated(date, match.start("date"), match.end("date")))
    return stamps


def _first_printed_line(
    text: str, lines: list[tuple[int, int]], patterns: _Patterns
) -> _Printed | None:
    """The first labelled printed line ("Published ..."), else the first bare one."""
    found = []
    for start, end in lines:
        if end - start > MAX_LINE_CHARS:
            continue
        match = patterns.printed_line.fullmatch(text, start, end)
        date = _date_of(match, patterns.months)
        if match and date:
            labelled = match.group("label") is not None
            found.append(_Printed(date, labelled, *match.span("printed")))
    return next((printed for printed in found if printed.labelled), found[0] if found else None)


def _first_dateline(
    text: str, lines: list[tuple[int, int]], patterns: _Patterns
) -> _Dateline | None:
    for start, end in lines:
        match = patterns.dateline.match(text, start, min(end, start + MAX_LINE_CHARS))
        dateline = _dateline_of(match, patterns.months) if match else None
        if dateline is not None:
            return dateline
    return None


def _dateline_of(match: re.Match[str], months: Mapping[str, int]) -> _Dateline | None:
    order = "1" if match["dl_m1"] else "2"  # month first ("Jan. 17") or day first ("17 January")
    month, day = months[match[f"dl_m{order}"].lower()], int(match[f"dl_d{order}"])
    # Without a year, a day of leap year 2000 stands for any: 29 February passes.
    if _calendar_date(match["dl_y"] or 2000, month, day) is None:
        return None
    year = int(match["dl_y"]) if match["dl_y"] else None
    end = match.end("dl_year_end") if year is not None else match.end("dl_end")
    return _Dateline(month, day, year, match.start("place"), end)


def _latest_mentioned(
    text: str, patterns: _Patterns, stamps: list[_Dated], bound: dt.date | None
) -> _Dated | None:
    """The latest full date in the text, leaving out update stamps, dates after them and dates
    still to come."""
    latest = None
    for match in _mentioned_dates(text, patterns):
        date = _date_of(match, patterns.months)
        if date is None or (bound is not None and date > bound):
            continue
        if any(stamp.start <= match.start() < stamp.end for stamp in stamps):
            continue
        if patterns.to_come.search(text, max(0, match.start() - _TO_COME_CHARS), match.start()):
            continue
        if latest is None or date > latest.date:
            latest = _Dated(date, match.start("date"), match.end("date"))
    return latest


def _mentioned_dates(text: str, patterns: _Patterns) -> Iterator[re.Match[str]]:
    """Every full date of the text, found from its year: a quick scan for years, then a look at
    the few characters before each one (after it, for an ISO date). Scanning the whole text with
    the full-date pattern took three times as long."""
    for year in patterns.year.finditer(text):
        start, end = year.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "-_"):
            continue
        if text.startswith("-", end):
            match = patterns.full_date.match(text, start)
        else:
            match = patterns.date_ending.search(text, max(0, start - _BEFORE_YEAR_CHARS), end)
        if match is not None:
            yield match


def _from_printed(text: str, printed: _Printed, dateline: _Dateline | None) -> InferredDate:
    kind = "printed publication line" if printed.labelled else "printed date line"
    confidence = PRINTED_LABELLED if printed.labelled else PRINTED_LINE
    reason = f"{kind} {_quote(text[printed.start : printed.end])}"
    if dateline is not None and _agrees(dateline, printed.date):
        confidence = PRINTED_AND_DATELINE
        reason += f", dateline {_quote(text[dateline.start : dateline.end])} agrees"
    return InferredDate(printed.date, confidence, reason, printed.start, printed.end)


def _agrees(dateline: _Dateline, printed: dt.date) -> bool:
    filed = _dateline_date(dateline, printed)
    return filed is not None and (printed - filed).days in _AGREEING_DAYS


def _from_dateline(text: str, dateline: _Dateline, latest: _Dated | None) -> InferredDate | None:
    quoted = _quote(text[dateline.start : dateline.end])
    if dateline.year is not None:
        date = dt.date(dateline.year, dateline.month, dateline.day)
        reason = f"dateline {quoted}"
        return InferredDate(date, DATELINE_WITH_YEAR, reason, dateline.start, dateline.end)
    found = _dateline_date(dateline, latest.date) if latest is not None else None
    if found is None or latest is None:
        return None
    reason = f"dateline {quoted} with year from the latest date mentioned ({latest.date})"
    return InferredDate(found, DATELINE_YEAR_FROM_TEXT, reason, dateline.start, dateline.end)


def _dateline_date(dateline: _Dateline, anchor: dt.date) -> dt.date | None:
    """The dateline's own year, else the year that puts it nearest `anchor` (after it on a tie:
    a report follows its events). Nearest, not "not later than": a report filed on Jan. 17 that
    mentions Dec. 20, 2015 is from 2016, and one that mentions polls on April 30, 2016 is from
    2016 too."""
    if dateline.year is not None:
        return dt.date(dateline.year, dateline.month, dateline.day)
    candidates = [
        date
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (date := _calendar_date(year, dateline.month, dateline.day)) is not None
    ]
    return min(
        candidates, key=lambda date: (abs((date - anchor).days), date < anchor), default=None
    )


def _from_latest(latest: _Dated) -> InferredDate:
    reason = f"latest dated event mentioned: {latest.date}"
    return InferredDate(latest.date, LATEST_MENTIONED, reason, latest.start, latest.end)


def _date_of(match: re.Match[str] | None, months: Mapping[str, int]) -> dt.date | None:
    """The calendar date a full-date match names, or None for "February 30, 2016"."""
    if match is None:
        return None
    if match["iso_y"]:
        return _calendar_date(match["iso_y"], match["iso_m"], match["iso_d"])
    prefix = "md" if match["md_y"] else "dm"
    month = months[match[f"{prefix}_m"].lower()]
    return _calendar_date(match[f"{prefix}_y"], month, match[f"{prefix}_d"])


def _calendar_date(year: int | str, month: int | str, day: int | str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _quote(text: str) -> str:
    shown = text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"
    return f"'{shown}'"


@dataclass(slots=True, frozen=True)
class PublicationDate:
    """An article's publication date with where it came from; all None when there is none."""

    date: dt.date | None = None
    source: PublishedSource | None = None
    confidence: float | None = None
    reason: str | None = None


def publication_date(
    text: str,
    *,
    option: dt.date | None = None,
    metadata: dt.date | None = None,
    metadata_from: str | None = None,
) -> PublicationDate:
    """The option's date, which always wins, else the input's metadata, else the text's."""
    if option is not None:
        return PublicationDate(option, "option", 1.0, "given as an option (--published)")
    if metadata is not None:
        return PublicationDate(metadata, "metadata", 1.0, metadata_from or "the input's metadata")
    inferred = infer_published(text)
    if inferred is None:
        return PublicationDate()
    return PublicationDate(inferred.date, "inferred", inferred.confidence, inferred.reason)
