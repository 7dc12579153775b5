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
# Typewriter pairs from older newspaper archives: ``...'' and ''...''.
DOUBLED_OPENING, DOUBLED = "``", "''"
MARKS = OPENING | CLOSING | {STRAIGHT, DOUBLED_OPENING, DOUBLED}
_MARK = re.compile("``|''|[“«„”»\"]")


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
    width = 1  # of the opening mark
    for index, paragraph in enumerate(paragraphs):
        opened = carried
        carried = None
        skip_first = opened is not None
        for position, mark in _marks(text, paragraph, skip_first):
            if opened is None and mark not in CLOSING:
                opened, width = position, len(mark)
            elif opened is not None and mark not in OPENING and mark != DOUBLED_OPENING:
                found.append(Quotation(opened + width, position, opened, position))
                opened = None
        if opened is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following is not None and _opens_with_mark(text, following):
                carried = opened
            else:
                end = _trim_end(text, opened + width, paragraph.end_char)
                found.append(Quotation(opened + width, end, opened, None))
    return [q for q in found if q.end > q.start]


def _marks(text: str, paragraph: Span, skip_first: bool) -> Iterator[tuple[int, str]]:
    first = _first_visible(text, paragraph)
    for match in _MARK.finditer(text, paragraph.start_char, paragraph.end_char):
        if skip_first and match.start() == first:
            continue  # the repeated opening mark of a quote carried over from the last paragraph
        yield match.start(), match[0]


def _first_visible(text: str, paragraph: Span) -> int:
    position = paragraph.start_char
    while position < paragraph.end_char and text[position].isspace():
        position += 1
    return position


def _opens_with_mark(text: str, paragraph: Span) -> bool:
    first = _first_visible(text, paragraph)
    return (
        first < paragraph.end_char
        and _MARK.match(text, first) is not None
        and (text[first] not in CLOSING)
    )


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
