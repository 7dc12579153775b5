"""Stage `quantities`: every figure in an article, with qualifier, range, unit, measure, subject.

`numbers.py` finds numbers, `extract.py` decides which are figures and assembles their span
(qualifier, range, unit or counted noun), `meaning.py` says what each measures and about whom.
This module links a figure given in two units and builds the `Quantity` records. All words and
units are data in `lexicons/quantities.toml` and `lexicons/units.toml`; docs/quantities.md gives
the rules.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sitrep.model import Actor, Article, Place, Quantity, Quote, Span, TimeExpression
from sitrep.quantities.claims import with_actors, with_places, with_sources, with_times
from sitrep.quantities.extract import Assembler, Draft
from sitrep.quantities.lexicon import QuantityLexicon, UnitTable
from sitrep.quantities.meaning import CASUALTY_MEASURES, MeaningReader
from sitrep.quantities.numbers import Number, NumberScanner

__all__ = ["QuantityExtractor", "QuantityStage", "extract_quantities"]

_SECOND_UNIT = re.compile(r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|some\s+)?$", re.IGNORECASE)
_CLOSE = re.compile(r"\s*[)\]]")
# A figure restated in another unit is rounded, usually to two or three significant digits:
# 927 for 926.6 square miles, 9,200 for 9,266. Beyond 3% the two mentions do not agree.
CONVERSION_TOLERANCE = 0.03


class QuantityExtractor:
    """Compiled lexicons and patterns; build once, call for many texts."""

    def __init__(self) -> None:
        lexicon = QuantityLexicon.load()
        self._scanner = NumberScanner(lexicon)
        self._assembler = Assembler(lexicon, UnitTable.load())
        self._meaning = MeaningReader(lexicon)

    def extract(self, text: str, sentences: Sequence[Span] | None = None) -> tuple[Quantity, ...]:
        numbers = list(self._scanner.scan(text))
        if not numbers:
            return ()
        spans = list(sentences) if sentences else [Span(0, len(text))]
        found: list[Quantity] = []
        for span, paragraph_start, in_sentence in _group(text, spans, numbers):
            drafts = self._assembler.drafts(text, span.start_char, span.end_char, in_sentence)
            self._meaning.read(text, (span.start_char, span.end_char), paragraph_start, drafts)
            _link_second_units(text, drafts)
            found.extend(_record(text, draft) for draft in drafts)
        return tuple(found)


def _group(
    text: str, spans: list[Span], numbers: list[Number]
) -> Iterator[tuple[Span, int, list[Number]]]:
    """Each sentence with the start of its paragraph and the numbers inside it."""
    starts = [number.start for number in numbers]
    for span in spans:
        low = bisect.bisect_left(starts, span.start_char)
        high = bisect.bisect_left(starts, span.end_char)
        if low < high:
            paragraph_start = text.rfind("\n", 0, span.start_char) + 1
            yield span, paragraph_start, numbers[low:high]


def _link_second_units(text: str, drafts: list[Draft]) -> None:
    """ "2,400 square kilometers (927 square miles)": one figure, two mentions, linked."""
    for first, second in itertools.pairwise(drafts):
        if not (
            _SECOND_UNIT.fullmatch(text, first.end, second.start) and _CLOSE.match(text, second.end)
        ):
            continue
        if first.unit is None or second.unit is None or first.unit == second.unit:
            continue
        if first.unit.base is None or first.unit.base != second.unit.base:
            continue
        first.same_as, second.same_as = (second.start, second.end), (first.start, first.end)
        if first.unit.factor is not None and second.unit.factor is not None:
            verdict = "agrees" if _conversion_agrees(first, second) else "disagrees"
            first.conversion = second.conversion = verdict  # no factor (£, °F): not checked
        second.measure, second.subject = first.measure, second.subject or first.subject


def _conversion_agrees(first: Draft, second: Draft) -> bool:
    pairs = [(first.value, second.value), (first.low, second.low), (first.high, second.high)]
    for a, b in pairs:
        if (a is None) != (b is None):
            return False
        if a is None or b is None:
            continue
        x, y = _normalize(a, first), _normalize(b, second)
        if x is None or y is None or abs(x - y) > CONVERSION_TOLERANCE * max(abs(x), abs(y)):
            return False
    return True


def _normalize(value: float | None, draft: Draft) -> float | None:
    if value is None or draft.unit is None or draft.unit.factor is None:
        return None
    return round(value * draft.unit.factor, 6)


def _record(text: str, draft: Draft) -> Quantity:
    measure = draft.measure or "other"
    unit = draft.unit.name if draft.unit is not None else (draft.noun or "count")
    if measure in CASUALTY_MEASURES and unit == "count":
        unit = "person"  # "killed 61 and wounded 95": the dead and wounded are people
    has_factor = draft.unit is not None and draft.unit.factor is not None
    return Quantity(
        start_char=draft.start,
        end_char=draft.end,
        text=text[draft.start : draft.end],
        value=draft.value,
        low=draft.low,
        high=draft.high,
        approx=draft.approx,  # type: ignore[arg-type]
        unit=unit,
        normalized=_normalize(draft.value, draft),
        measure=measure,  # type: ignore[arg-type]
        subject=draft.subject,
        vague=draft.vague,
        base_unit=draft.unit.base if has_factor and draft.unit is not None else None,
        normalized_low=_normalize(draft.low, draft),
        normalized_high=_normalize(draft.high, draft),
        same_as=draft.same_as,
        conversion=draft.conversion,  # type: ignore[arg-type]
        previous=draft.previous,
        normalized_previous=_normalize(draft.previous, draft),
    )


@functools.cache
def _default_extractor() -> QuantityExtractor:
    return QuantityExtractor()


def extract_quantities(text: str, sentences: Sequence[Span] | None = None) -> tuple[Quantity, ...]:
    """Every quantity in `text`; `sentences` default to the whole text as one sentence."""
    return _default_extractor().extract(text, sentences)


@dataclass(slots=True, frozen=True)
class QuantityStage:
    """Stage `quantities`: reads sentences, quotes and times, assigns `Quantity` records, each
    with the source of the statement it lies in and the period it holds for."""

    name: str = "quantities"
    reads: tuple[str, ...] = ("sentences", "quotes", "times", "places", "actors")
    # 2: a change is one figure; 3: sources from the quotes stage; 4: times from the time stage;
    # 5: a range of dates governs the figures of its clause; 6: places and canonical subjects;
    # 7: a verb right before a figure is its measure; 8: a people's name ("three Albanians") and
    # "others" are people a casualty word counts; 9: a place inside a speaker's name is not the
    # figure's place
    version: str = "9"
    extractor: QuantityExtractor = field(default_factory=QuantityExtractor, compare=False)

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Quantity, ...]:
        sentences = annotations["sentences"]
        found = self.extractor.extract(article.text, sentences)
        quotes = [q for q in annotations["quotes"] if isinstance(q, Quote)]
        times = [t for t in annotations["times"] if isinstance(t, TimeExpression)]
        places = [p for p in annotations.get("places", ()) if isinstance(p, Place)]
        actors = [a for a in annotations.get("actors", ()) if isinstance(a, Actor)]
        sourced = list(with_sources(found, quotes))
        timed = list(with_times(article.text, sourced, times, sentences, article.published))
        placed = list(with_places(article.text, timed, places, sentences, quotes))
        return tuple(with_actors(placed, actors, sentences))
