"""An article's text as safe HTML, with every extracted item highlighted by kind.

The reader page shows the body with its figures, quotes (coloured by speaker), places, times,
event triggers and actors marked, and a side panel links to each item. Records overlap and nest (a
quote holds figures and places, a trigger may sit inside a quote) but HTML tags may not cross, so
the text is cut at every mark edge and every paragraph edge and each piece is written flat, as one
`<mark>` carrying the classes of all the records that cover it. One sweep does it, linear in the
text and the marks once they are sorted. Every character of the text is escaped: the text is
scraped news, never trusted markup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html import escape

from sitrep.model import (
    Actor,
    AnnotatedArticle,
    Event,
    Place,
    Quantity,
    Quote,
    Span,
    TimeExpression,
)

# The kinds highlighted, in the order `marks_of` reads them and a piece lists them at equal offsets.
HIGHLIGHT_KINDS: tuple[str, ...] = ("quantities", "quotes", "places", "times", "events", "actors")

_TONES = 8  # the quote colours the stylesheet defines, tone-0 .. tone-7
_KIND_RANK = {kind: rank for rank, kind in enumerate(HIGHLIGHT_KINDS)}
# A paragraph when none are given: a non-empty line, as the segment stage has it.
_LINE = re.compile(r"[^\n]+")
_VISIBLE = re.compile(r"\S")


@dataclass(slots=True, frozen=True)
class Mark:
    """One record to highlight: its span of the text, its kind, its index among the article's
    records of that kind, its colour (quotes: one per speaker) and its tooltip."""

    start_char: int
    end_char: int
    kind: str
    seq: int
    tone: int = 0
    title: str = ""

    @property
    def anchor(self) -> str:
        """The HTML id of the mark's first piece, which the side panel links to."""
        return f"{self.kind}-{self.seq}"


def marks_of(annotated: AnnotatedArticle) -> list[Mark]:
    """One mark per record of each highlighted kind, kind by kind. A record whose span is empty or
    runs past the text is skipped, but the records after it keep their index, so that the side
    panel's numbering and the anchors agree."""
    length = len(annotated.article.text)
    quote_tones = _speaker_tones(annotated.get("quotes"))
    marks: list[Mark] = []
    for kind in HIGHLIGHT_KINDS:
        for seq, record in enumerate(annotated.get(kind)):
            if not record.start_char < record.end_char <= length:
                continue
            tone = quote_tones[seq] if kind == "quotes" else 0
            marks.append(Mark(record.start_char, record.end_char, kind, seq, tone, _title(record)))
    return marks


def paragraph_bounds(annotated: AnnotatedArticle) -> list[tuple[int, int]]:
    """The article's paragraphs as (start, end) pairs; empty when none were stored, and
    `highlight` then splits the text into lines itself."""
    return [(paragraph.start_char, paragraph.end_char) for paragraph in annotated.get("paragraphs")]


def highlight(text: str, marks: Sequence[Mark], paragraphs: Sequence[tuple[int, int]] = ()) -> str:
    """The text as HTML, one `<p>` per paragraph, each marked stretch a flat `<mark>`.

    A piece's `<mark>` has the classes `hl` and `hl-<kind>` of every mark covering it (and
    `tone-N` of the innermost quote), `data-kinds`, `data-anchors` (every covering mark's anchor,
    for the page to flash a whole span) and a `title` joining their tooltips. The first piece of a
    mark carries `id="<anchor>"`; when two marks start on the same piece the others' ids go on
    empty `<span class="hl-anchor">` just before it. Empty, out-of-range and blank marks are
    dropped. The white space between paragraphs is kept, unmarked, so the page's text is exactly
    `text`.
    """
    kept = _kept(text, marks)
    sweep = _Sweep.over(kept)
    painter = _Painter(text, [_Label.of(mark) for mark in kept])
    out: list[str] = []
    for start, end, shown in _blocks(text, paragraphs):
        pieces = sweep.pieces(start, end)
        if not shown:  # white space between paragraphs; the sweep still walks it to stay in step
            out.extend(escape(text[a:b], quote=False) for a, b, _ in pieces)
            continue
        out.append("<p>")
        out.extend(painter.piece(a, b, covering) for a, b, covering in pieces)
        out.append("</p>")
    return "".join(out)


def _speaker_tones(quotes: Sequence[Span]) -> list[int]:
    """Each quote's colour: speakers numbered in the order they first speak, cycling through the
    tones, so that one speaker's statements look alike across the article."""
    numbers: dict[str, int] = {}
    tones: list[int] = []
    for quote in quotes:
        number = numbers.setdefault(_speaker_key(quote), len(numbers))
        tones.append(number % _TONES)
    return tones


def _speaker_key(record: Span) -> str:
    """Who a quote is from: the canonical source claims use, else the speaker as resolved."""
    if not isinstance(record, Quote):
        return "unknown"
    name = record.source or (record.speaker.name if record.speaker else None) or "unknown"
    return name.strip().casefold()


@functools.singledispatch
def _title(record: Span) -> str:
    """A record's tooltip; a kind this module does not know gets none."""
    return ""


@_title.register
def _quantity_title(record: Quantity) -> str:
    measure = None if record.measure == "other" else _words(record.measure)
    return _listed(measure, record.text, sep=" · ")


@_title.register
def _quote_title(record: Quote) -> str:
    speaker = record.speaker
    if speaker is None or not speaker.name:
        return record.source or "unattributed"
    role = speaker.role or ""
    if role.endswith("."):  # a rank or title reads before the name: "Col. Steve Warren"
        return _listed(f"{role} {speaker.name}", speaker.org)
    return _listed(speaker.name, role, speaker.org)


@_title.register
def _place_title(record: Place) -> str:
    # A country's code would only repeat its name.
    country = None if record.kind == "country" else record.country
    return _listed(record.name or record.text, country)


@_title.register
def _time_title(record: TimeExpression) -> str:
    if record.interval is None:
        return record.value or record.text
    first, last = record.interval
    return first if first == last else f"{first} to {last}"


@_title.register
def _event_title(record: Event) -> str:
    place = record.place.name if record.place else None
    return _listed(_words(record.type), place, sep=" · ")


@_title.register
def _actor_title(record: Actor) -> str:
    return _listed(record.name or record.text, _words(record.type), sep=" · ")


def _words(code: str) -> str:
    return code.replace("_", " ")


def _listed(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(part for part in parts if part)


def _kept(text: str, marks: Sequence[Mark]) -> list[Mark]:
    """The marks worth drawing, sorted once: by start, the longer (outer) first, then by kind.
    A mark of nothing but white space is dropped too: it shows nothing, and between paragraphs
    it would have no piece to carry its id."""
    shown = (mark for mark in marks if _shows(text, mark))
    return sorted(shown, key=lambda m: (m.start_char, -m.end_char, _rank(m.kind), m.seq))


def _shows(text: str, mark: Mark) -> bool:
    if not 0 <= mark.start_char < mark.end_char <= len(text):
        return False
    return _VISIBLE.search(text, mark.start_char, mark.end_char) is not None


def _rank(kind: str) -> int:
    return _KIND_RANK.get(kind, len(_KIND_RANK))


def _blocks(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The whole text cut into blocks: paragraphs (True) and the blank stretches between them
    (False). Given paragraphs are clipped to the text and to each other; text they leave out is
    split into lines, so that no character is lost."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for given_start, given_end in sorted(paragraphs):
        start, end = max(given_start, pos), min(given_end, len(text))
        if start < end:
            spans.extend(_lines(text, pos, start))
            spans.append((start, end))
            pos = end
    spans.extend(_lines(text, pos, len(text)))
    return _with_gaps(text, spans)


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    return (match.span() for match in _LINE.finditer(text, start, end))


def _with_gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Sorted, disjoint spans and the stretches between them; a blank span is no paragraph."""
    blocks: list[tuple[int, int, bool]] = []
    pos = 0
    for start, end in spans:
        if pos < start:
            blocks.append((pos, start, False))
        blocks.append((start, end, _VISIBLE.search(text, start, end) is not None))
        pos = end
    if pos < len(text):
        blocks.append((pos, len(text), False))
    return blocks


@dataclass(slots=True)
class _Sweep:
    """A single left-to-right walk over the text that knows, at each point, the marks covering
    it. Marks are referred to by their place in the sorted list, so sorting the covering set
    puts the outer marks first."""

    opening: dict[int, list[int]]
    closing: dict[int, list[int]]
    edges: list[int]  # every offset where a mark starts or ends, ascending
    active: dict[int, None] = field(default_factory=dict)  # an ordered set
    next_edge: int = 0  # index in `edges` of the first edge past the walk

    @classmethod
    def over(cls, marks: list[Mark]) -> _Sweep:
        opening: dict[int, list[int]] = {}
        closing: dict[int, list[int]] = {}
        for number, mark in enumerate(marks):
            opening.setdefault(mark.start_char, []).append(number)
            closing.setdefault(mark.end_char, []).append(number)
        return cls(opening, closing, sorted(opening.keys() | closing.keys()))

    def pieces(self, start: int, end: int) -> Iterator[tuple[int, int, list[int]]]:
        """[start, end) cut at every mark edge inside it: each piece with the numbers of the
        marks covering it. Calls must follow each other along the text, as the blocks do."""
        pos = start
        while pos < end:
            self._cross(pos)
            stop = self._edge_after(pos, end)
            yield pos, stop, sorted(self.active)
            pos = stop

    def _cross(self, pos: int) -> None:
        for number in self.closing.get(pos, ()):
            self.active.pop(number, None)
        for number in self.opening.get(pos, ()):
            self.active[number] = None

    def _edge_after(self, pos: int, end: int) -> int:
        edges = self.edges
        while self.next_edge < len(edges) and edges[self.next_edge] <= pos:
            self.next_edge += 1
        return min(edges[self.next_edge], end) if self.next_edge < len(edges) else end


@dataclass(slots=True, frozen=True)
class _Label:
    """A mark's attribute values, escaped once rather than on every piece it covers."""

    kind: str
    anchor: str
    title: str
    tone: int | None  # quotes only

    @classmethod
    def of(cls, mark: Mark) -> _Label:
        tone = mark.tone % _TONES if mark.kind == "quotes" else None
        return cls(escape(mark.kind), escape(mark.anchor), escape(mark.title), tone)


@dataclass(slots=True)
class _Painter:
    """Writes pieces as HTML, remembering which anchors already have their id on the page."""

    text: str
    labels: list[_Label]  # by mark number, as the sweep counts them
    named: set[str] = field(default_factory=set)

    def piece(self, start: int, end: int, covering: list[int]) -> str:
        body = escape(self.text[start:end], quote=False)
        if not covering:
            return body
        labels = [self.labels[number] for number in covering]
        anchors = list(dict.fromkeys(label.anchor for label in labels))
        fresh = [anchor for anchor in anchors if anchor not in self.named]
        self.named.update(fresh)
        # An element has one id: a second mark starting here gets an empty target of its own.
        extra = "".join(f'<span class="hl-anchor" id="{anchor}"></span>' for anchor in fresh[1:])
        return f"{extra}<mark{_attributes(labels, anchors, fresh[:1])}>{body}</mark>"


def _attributes(labels: list[_Label], anchors: list[str], ids: list[str]) -> str:
    """The attributes of a piece's `<mark>` (values already escaped); `ids` is the one id it
    carries, if any."""
    kinds = list(dict.fromkeys(label.kind for label in labels))
    classes = "hl" + "".join(f" hl-{kind}" for kind in kinds)
    tones = [label.tone for label in labels if label.tone is not None]
    if tones:  # a quote inside a quote shows its own speaker's colour
        classes += f" tone-{tones[-1]}"
    title = "\n".join(dict.fromkeys(label.title for label in labels if label.title))
    pairs = [("class", classes), ("data-kinds", " ".join(kinds))]
    pairs.append(("data-anchors", " ".join(anchors)))
    pairs += [("title", title)] if title else []
    pairs += [("id", anchor) for anchor in ids]
    return "".join(f' {name}="{value}"' for name, value in pairs)
