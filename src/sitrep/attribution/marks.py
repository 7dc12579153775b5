"""Direct quotations: pairs of quotation marks, across paragraphs when the quote carries on.

Straight double quotes toggle; curly and angle quotes open and close. A quotation left open at the
end of a paragraph carries on when the next paragraph opens with a quotation mark (the convention
for a quote of several paragraphs: the opening mark repeated, the closing one only at the end);
otherwise it ends with its paragraph. Single quotes are left alone: they are apostrophes too often.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sitrep.model import Span

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = '"'
MARKS = OPENING | CLOSING | {STRAIGHT}
_MARK = re.compile('[“«„”»"]')


@dataclass(slots=True, frozen=True)
class Quotation:
    """Text between quotation marks: `start`..`end` excludes the marks themselves."""

    start: int
    end: int
    opened_at: int
    closed_at: int | None  # None when the paragraph ended first


def quotations(text: str, paragraphs: Sequence[Span]) -> list[Quotation]:
    found: list[Quotation] = []
    carried: int | None = None  # where a quote left open in the last paragraph began
    for index, paragraph in enumerate(paragraphs):
        opened = carried
        carried = None
        skip_first = opened is not None
        for position in _marks(text, paragraph, skip_first):
            mark = text[position]
            if opened is None and (mark in OPENING or mark == STRAIGHT):
                opened = position
            elif opened is not None and (mark in CLOSING or mark == STRAIGHT):
                found.append(Quotation(opened + 1, position, opened, position))
                opened = None
        if opened is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following is not None and _opens_with_mark(text, following):
                carried = opened
            else:
                end = _trim_end(text, opened + 1, paragraph.end_char)
                found.append(Quotation(opened + 1, end, opened, None))
    return [q for q in found if q.end > q.start]


def _marks(text: str, paragraph: Span, skip_first: bool) -> Iterator[int]:
    first = _first_visible(text, paragraph)
    for match in _MARK.finditer(text, paragraph.start_char, paragraph.end_char):
        position = match.start()
        if skip_first and position == first:
            continue  # the repeated opening mark of a quote carried over from the last paragraph
        yield position


def _first_visible(text: str, paragraph: Span) -> int:
    position = paragraph.start_char
    while position < paragraph.end_char and text[position].isspace():
        position += 1
    return position


def _opens_with_mark(text: str, paragraph: Span) -> bool:
    first = _first_visible(text, paragraph)
    return first < paragraph.end_char and text[first] in OPENING | {STRAIGHT}


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
