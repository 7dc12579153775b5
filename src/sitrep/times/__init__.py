"""Time expressions: every date, period, duration, set and time of day, resolved to a value.

`recognize.py` finds expressions (with `grammar.py`, the patterns, built from `lexicon.py`, the
words of `lexicons/times.toml`) and `readers.py` reads what each says into a `Mention`
(`mention.py`; numbers by `numbers.py`); `tense.py` says whether a sentence speaks of the future;
`normalize.py` resolves each mention against the reference date (calendar arithmetic in
`dates.py`; durations, sets, vague words in `values.py`) into a TIMEX3 value and an interval of
days. This module builds the records. The rules are in docs/times.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterator, Sequence

from sitrep.model import Span, TimeExpression
from sitrep.times.lexicon import TimeLexicon
from sitrep.times.normalize import Resolver
from sitrep.times.ranges import Pair, complete, range_record, start_year
from sitrep.times.recognize import Recognizer
from sitrep.times.tense import Sentences, TenseCues
from sitrep.times.values import Resolved

__all__ = ["TimeExtractor", "extract_times"]


class TimeExtractor:
    """Compiled lexicon and patterns; build once, call for many texts."""

    def __init__(self, *, day_first: bool = False) -> None:
        lexicon = TimeLexicon.load()
        self._recognizer = Recognizer(lexicon, day_first=day_first)
        self._cues = TenseCues(lexicon)
        self._abbreviations = lexicon.month_abbreviations

    def extract(
        self,
        text: str,
        reference: dt.date | None = None,
        sentences: Sequence[Span] | None = None,
    ) -> tuple[TimeExpression, ...]:
        mentions, ranges = complete(text, self._recognizer.mentions(text), self._abbreviations)
        if not mentions:
            return ()
        context = Sentences(text, sentences, self._cues)
        resolver = Resolver(reference)
        records: dict[int, TimeExpression] = {}
        for mention in mentions:
            resolved = resolver.resolve(mention, context.lean(mention.start, mention.end))
            if resolved is not None:
                records[id(mention)] = _record(text, mention.start, mention.end, resolved)
        wholes = list(_ranges(text, ranges, records, resolver))
        found = [*records.values(), *wholes]
        # A range comes before its ends, which start or end where it does.
        return tuple(sorted(found, key=lambda t: (t.start_char, -t.end_char)))


def _ranges(
    text: str, ranges: Sequence[Pair], records: dict[int, TimeExpression], resolver: Resolver
) -> Iterator[TimeExpression]:
    """One record per range whose ends both resolved. A start written without a year first takes
    the year that puts it at or before its end ("from November to February": the November
    before); its record in `records` is replaced."""
    for first, last in ranges:
        if id(first) not in records or id(last) not in records:
            continue
        end = records[id(last)]
        year = start_year(first, end)
        if year is not None and (moved := resolver.resolve(dataclasses.replace(first, year=year))):
            records[id(first)] = _record(text, first.start, first.end, moved)
        whole = range_record(text, records[id(first)], end)
        if whole is not None:
            yield whole


def _record(text: str, start: int, end: int, resolved: Resolved) -> TimeExpression:
    return TimeExpression(
        start_char=start,
        end_char=end,
        text=text[start:end],
        type=resolved.type,  # type: ignore[arg-type]
        value=resolved.value,
        interval=resolved.interval,
        granularity=resolved.granularity,
        vague=resolved.vague,
        mod=resolved.mod,
    )


@functools.cache
def _extractor(day_first: bool) -> TimeExtractor:
    return TimeExtractor(day_first=day_first)


def extract_times(
    text: str,
    reference: dt.date | None = None,
    *,
    sentences: Sequence[Span] | None = None,
    day_first: bool = False,
) -> tuple[TimeExpression, ...]:
    """Every time expression in `text`, resolved against `reference` (the publication date).

    `sentences` default to a simple split of the text; `day_first` reads "03/04/2016" as 3 April
    (the default, US style, is March 4; a first number above 12 is always the day).
    """
    return _extractor(day_first).extract(text, reference, sentences)
