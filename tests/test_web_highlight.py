"""Highlighting an article's extracted items in HTML, on news sentences written for these tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.model import (
    Actor,
    AnnotatedArticle,
    Article,
    Event,
    Paragraph,
    Place,
    Quantity,
    Quote,
    Span,
    Speaker,
    TimeExpression,
)
from sitrep.web.highlight import HIGHLIGHT_KINDS, Mark, highlight, marks_of, paragraph_bounds

SENTENCE = "The ministry said at least 12 people died in Hilla on Tuesday."


@dataclass
class Piece:
    """One `<mark>` of the output: its attributes and its text."""

    attrs: dict[str, str]
    text: str = ""


@dataclass
class Page:
    """What a browser would see in the output: the text, the ids, the marks and the paragraphs,
    and any tag closed out of order or nested where the output promises flat marks."""

    text: str = ""
    ids: list[str] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.append(values["id"])
        if tag in self.stack and tag in ("mark", "p"):
            self.page.errors.append(f"<{tag}> inside <{tag}>")
        if tag == "mark":
            self.page.pieces.append(Piece(values))
        if tag == "p":
            self.page.paragraphs.append("")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.page.errors.append(f"</{tag}> out of order")

    def handle_data(self, data: str) -> None:
        self.page.text += data
        if "mark" in self.stack:
            self.page.pieces[-1].text += data
        if "p" in self.stack:
            self.page.paragraphs[-1] += data
        elif data.strip():
            self.page.errors.append(f"text outside a paragraph: {data!r}")


def read(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if reader.stack:
        reader.page.errors.append(f"unclosed {reader.stack}")
    return reader.page


def covering(page: Page, anchor: str) -> list[Piece]:
    return [piece for piece in page.pieces if anchor in piece.attrs["data-anchors"].split()]


def mark_on(
    text: str, words: str, kind: str, seq: int = 0, *, tone: int = 0, title: str = ""
) -> Mark:
    start = text.index(words)
    return Mark(start, start + len(words), kind, seq, tone, title)


def annotated(text: str, **annotations: tuple[Span, ...]) -> AnnotatedArticle:
    return AnnotatedArticle(Article.create(text), annotations)


def quote(text: str, words: str, source: str | None = None, name: str | None = None) -> Quote:
    start = text.index(words)
    speaker = Speaker(name) if name else None
    return Quote(start, start + len(words), text=words, source=source, speaker=speaker)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels posted <script>alert('x')</script> on a page seized in Idlib.",
        "Shares of AT&T fell after the strike on the depot.",
        'The colonel said "we hold the bridge" & left.',
        "Casualties were < 5 on one side and > 40 on the other.",
    ],
)
def test_highlight_escapes_markup_in_text(text: str) -> None:
    marks = [Mark(0, len(text) // 2, "quotes", 0), Mark(len(text) // 3, len(text), "places", 0)]
    html = highlight(text, marks)
    page = read(html)
    assert "<script" not in html
    assert page.text == text
    assert page.errors == []


@pytest.mark.parametrize(
    "title",
    ['<script>alert("x")</script>', "Smith & Wesson", "the 'Tigers' \"unit\"", "a\nb"],
)
def test_highlight_escapes_titles(title: str) -> None:
    html = highlight(SENTENCE, [mark_on(SENTENCE, "at least 12", "quantities", title=title)])
    page = read(html)
    assert "<script" not in html
    assert page.pieces[0].attrs["title"] == title
    assert page.text == SENTENCE


def test_highlight_nested_and_overlapping_marks_are_flat() -> None:
    text = (
        'Col. Omar Rasheed said "at least 12 fighters were killed in Hilla on Tuesday," he added.'
    )
    marks = [
        mark_on(text, "at least 12 fighters were killed in Hilla on Tuesday,", "quotes"),
        mark_on(text, "at least 12", "quantities"),
        mark_on(text, "12 fighters were killed", "events"),  # overlaps the figure's end
        mark_on(text, "killed", "events", 1),
        mark_on(text, "Hilla", "places"),
        mark_on(text, 'Tuesday," he', "times"),  # runs out of the quote
    ]
    page = read(highlight(text, marks))
    assert page.errors == []
    assert page.text == text
    for mark in marks:
        pieces = covering(page, mark.anchor)
        assert "".join(piece.text for piece in pieces) == text[mark.start_char : mark.end_char]


@pytest.mark.parametrize(("words", "kind"), [("died", "events"), ("Hilla", "places")])
def test_highlight_piece_lists_every_covering_kind(words: str, kind: str) -> None:
    marks = [
        mark_on(SENTENCE, "at least 12 people died in Hilla", "quotes"),
        mark_on(SENTENCE, words, kind),
    ]
    page = read(highlight(SENTENCE, marks))
    (inner,) = [piece for piece in page.pieces if piece.text == words]
    assert inner.attrs["data-kinds"].split() == ["quotes", kind]
    assert inner.attrs["data-anchors"].split() == ["quotes-0", f"{kind}-0"]
    assert {"hl", "hl-quotes", f"hl-{kind}"} <= set(inner.attrs["class"].split())


def test_highlight_first_piece_carries_the_id() -> None:
    marks = [
        mark_on(SENTENCE, "at least 12 people died", "quotes"),
        mark_on(SENTENCE, "12", "quantities"),
    ]
    page = read(highlight(SENTENCE, marks))
    pieces = covering(page, "quotes-0")
    assert [piece.text for piece in pieces] == ["at least ", "12", " people died"]
    assert pieces[0].attrs.get("id") == "quotes-0"
    assert all("id" not in piece.attrs for piece in pieces[2:])
    assert pieces[1].attrs.get("id") == "quantities-0"


def test_highlight_marks_starting_together_each_get_an_id() -> None:
    marks = [mark_on(SENTENCE, "died", "events"), mark_on(SENTENCE, "died", "quantities", 4)]
    page = read(highlight(SENTENCE, marks))
    assert sorted(page.ids) == ["events-0", "quantities-4"]
    assert len(page.pieces) == 1
    assert page.text == SENTENCE


def test_highlight_repeated_anchor_has_one_id() -> None:
    text = "IS fighters left Palmyra. IS later shelled the town."
    marks = [Mark(0, 2, "actors", 0), Mark(26, 28, "actors", 0)]
    page = read(highlight(text, marks))
    assert page.ids == ["actors-0"]
    assert [piece.text for piece in covering(page, "actors-0")] == ["IS", "IS"]


def test_highlight_quote_tone_is_the_innermost_quotes() -> None:
    text = 'The envoy said the mayor told him "we have no water" on Monday.'
    outer = mark_on(text, 'the mayor told him "we have no water"', "quotes", tone=1)
    inner = mark_on(text, "we have no water", "quotes", 1, tone=11)
    page = read(highlight(text, [outer, inner]))
    tones = [
        [c for c in piece.attrs["class"].split() if c.startswith("tone-")] for piece in page.pieces
    ]
    assert tones == [["tone-1"], ["tone-3"], ["tone-1"]]


@pytest.mark.parametrize(
    ("text", "bounds", "expected"),
    [
        (
            "Troops entered Hit.\n\nThe mayor fled.",
            [(0, 19), (21, 36)],
            ["Troops entered Hit.", "The mayor fled."],
        ),
        ("Troops entered Hit.\n\nThe mayor fled.", [], ["Troops entered Hit.", "The mayor fled."]),
        ("One.\nTwo.\n  \nThree.", [], ["One.", "Two.", "Three."]),
        (
            "Troops entered Hit. The mayor fled.",
            [(0, 19)],
            ["Troops entered Hit.", " The mayor fled."],
        ),
        ("Troops entered Hit.", [(-5, 8), (4, 99)], ["Troops e", "ntered Hit."]),
    ],
)
def test_highlight_paragraphs(
    text: str, bounds: list[tuple[int, int]], expected: list[str]
) -> None:
    page = read(highlight(text, [], bounds))
    assert page.paragraphs == expected
    assert page.text == text
    assert page.errors == []


def test_highlight_splits_marks_at_paragraph_edges() -> None:
    text = "He said the convoy was hit.\nSix drivers died."
    page = read(highlight(text, [mark_on(text, "the convoy was hit.\nSix drivers", "quotes")]))
    assert [piece.text for piece in covering(page, "quotes-0")] == [
        "the convoy was hit.",
        "Six drivers",
    ]
    assert page.ids == ["quotes-0"]
    assert page.paragraphs == ["He said the convoy was hit.", "Six drivers died."]


def test_highlight_empty_text() -> None:
    assert highlight("", [Mark(0, 3, "places", 0)]) == ""


@pytest.mark.parametrize(
    ("words", "kind"), [("The ministry", "actors"), ("on Tuesday.", "times"), (SENTENCE, "quotes")]
)
def test_highlight_marks_at_the_edges_of_the_text(words: str, kind: str) -> None:
    page = read(highlight(SENTENCE, [mark_on(SENTENCE, words, kind)]))
    assert [piece.text for piece in page.pieces] == [words]
    assert page.ids == [f"{kind}-0"]
    assert page.text == SENTENCE


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (5, 5),
        (9, 4),
        (-1, 6),
        (40, 400),
        (len(SENTENCE), len(SENTENCE) + 1),
        (3, 4),
    ],  # (3, 4) a space
)
def test_highlight_drops_empty_and_out_of_range_marks(start: int, end: int) -> None:
    html = highlight(SENTENCE, [Mark(start, end, "quantities", 0)])
    assert "<mark" not in html
    assert read(html).text == SENTENCE


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab <>&\"'\n")), max_size=40),
    st.lists(
        st.tuples(st.integers(-2, 42), st.integers(-2, 42), st.sampled_from(HIGHLIGHT_KINDS)),
        max_size=12,
    ),
    st.lists(st.tuples(st.integers(-2, 42), st.integers(-2, 42)), max_size=4),
)
def test_highlight_any_marks_give_well_formed_html_of_the_exact_text(
    text: str, spans: list[tuple[int, int, str]], bounds: list[tuple[int, int]]
) -> None:
    marks = [Mark(start, end, kind, seq, tone=seq) for seq, (start, end, kind) in enumerate(spans)]
    page = read(highlight(text, marks, bounds))
    assert page.errors == []
    assert page.text == text
    assert len(page.ids) == len(set(page.ids))
    for mark in marks:
        # The blank between two paragraphs stays unmarked, so compare the visible characters.
        marked = "".join("".join(piece.text for piece in covering(page, mark.anchor)).split())
        in_range = 0 <= mark.start_char < mark.end_char <= len(text)
        visible = "".join(text[mark.start_char : mark.end_char].split()) if in_range else ""
        assert marked == visible
        assert (mark.anchor in page.ids) == bool(visible)


def test_marks_one_per_record_in_kind_order() -> None:
    text = SENTENCE
    doc = annotated(
        text,
        actors=(Actor(0, 12, text="The ministry", name="Ministry of Interior", type="government"),),
        quantities=(
            Quantity(18, 29, text="at least 12", value=12, approx="at_least", measure="killed"),
        ),
        events=(Event(37, 41, trigger="died", type="killing"),),
        places=(Place(45, 50, text="Hilla", name="Hilla", country="IQ"),),
        times=(
            TimeExpression(
                54, 61, text="Tuesday", value="2016-03-15", interval=("2016-03-15", "2016-03-15")
            ),
        ),
    )
    marks = marks_of(doc)
    assert [mark.kind for mark in marks] == ["quantities", "places", "times", "events", "actors"]
    assert [mark.anchor for mark in marks][:2] == ["quantities-0", "places-0"]
    assert [text[mark.start_char : mark.end_char] for mark in marks] == [
        "at least 12",
        "Hilla",
        "Tuesday",
        "died",
        "The ministry",
    ]


def test_marks_event_uses_its_trigger_span() -> None:
    text = "A car bomb exploded near the market in Hilla."
    event = Event(6, 19, trigger="bomb exploded", type="bombing", sentence_start=0, sentence_end=45)
    (mark,) = marks_of(annotated(text, events=(event,)))
    assert text[mark.start_char : mark.end_char] == "bomb exploded"


@pytest.mark.parametrize(
    ("record", "title"),
    [
        (Quantity(0, 11, text="at least 83", measure="killed"), "killed · at least 83"),
        (Quantity(0, 11, text="at least 83"), "at least 83"),
        (Quote(0, 11, speaker=Speaker("Steve Warren", role="Col.")), "Col. Steve Warren"),
        (
            Quote(0, 11, speaker=Speaker("Ali Hamdan", role="spokesman", org="the ministry")),
            "Ali Hamdan, spokesman, the ministry",
        ),
        (Quote(0, 11, source="SOHR"), "SOHR"),
        (Quote(0, 11), "unattributed"),
        (Place(0, 7, text="Palmyra", name="Palmyra", country="SY"), "Palmyra, SY"),
        (Place(0, 5, text="Syria", name="Syria", country="SY", kind="country"), "Syria"),
        (
            TimeExpression(0, 7, value="2016-03-15", interval=("2016-03-15", "2016-03-15")),
            "2016-03-15",
        ),
        (
            TimeExpression(0, 9, value="2016-W11", interval=("2016-03-14", "2016-03-20")),
            "2016-03-14 to 2016-03-20",
        ),
        (TimeExpression(0, 8, text="recently", value="PAST_REF"), "PAST_REF"),
        (Event(0, 7, type="airstrike", place=Place(0, 5, name="Raqqa")), "airstrike · Raqqa"),
        (Actor(0, 7, name="Islamic State", type="armed_group"), "Islamic State · armed group"),
    ],
)
def test_marks_titles(record: Span, title: str) -> None:
    kind = type(record).record_kind
    (mark,) = marks_of(annotated("x" * 20, **{kind: (record,)}))
    assert mark.title == title


def test_marks_same_speaker_same_tone_different_speakers_different_tones() -> None:
    text = '"We took the hill," Warren said. "It cost us," Diaz said. "We hold it," he said.'
    quotes = (
        quote(text, "We took the hill,", source="Steve Warren"),
        quote(text, "It cost us,", source="Ana Diaz"),
        quote(text, "We hold it,", name="Steve Warren"),  # no canonical source: the speaker's name
    )
    tones = [mark.tone for mark in marks_of(annotated(text, quotes=quotes))]
    assert tones[0] == tones[2]
    assert tones[0] != tones[1]


def test_marks_tones_cycle_through_eight() -> None:
    text = "abcdefghij"
    quotes = tuple(Quote(i, i + 1, source=f"speaker {i}") for i in range(10))
    assert [mark.tone for mark in marks_of(annotated(text, quotes=quotes))] == [
        0,
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        0,
        1,
    ]


def test_marks_unattributed_quotes_share_a_tone() -> None:
    text = "one two three"
    quotes = (Quote(0, 3), Quote(4, 7, source="UN"), Quote(8, 13))
    assert [mark.tone for mark in marks_of(annotated(text, quotes=quotes))] == [0, 1, 0]


def test_marks_skip_bad_spans_but_keep_numbering() -> None:
    text = "Clashes in Hilla and Hit."
    places = (
        Place(11, 11, name="empty"),
        Place(21, 99, name="past"),
        Place(21, 24, text="Hit", name="Hit"),
    )
    (mark,) = marks_of(annotated(text, places=places))
    assert mark.anchor == "places-2"


def test_marks_paragraph_bounds() -> None:
    text = "Troops entered Hit.\nThe mayor fled."
    doc = annotated(text, paragraphs=(Paragraph(0, 19), Paragraph(20, 35)))
    assert paragraph_bounds(doc) == [(0, 19), (20, 35)]
    assert paragraph_bounds(annotated(text)) == []


def test_marks_of_an_article_render_end_to_end() -> None:
    text = 'The ministry said "at least 12 people died in Hilla" on Tuesday.\nAid arrived.'
    doc = annotated(
        text,
        paragraphs=(Paragraph(0, 64), Paragraph(65, 77)),
        quotes=(quote(text, "at least 12 people died in Hilla", source="Ministry of Health"),),
        quantities=(Quantity(19, 30, text="at least 12", measure="killed"),),
        events=(Event(38, 42, trigger="died", type="killing"),),
        places=(Place(46, 51, text="Hilla", name="Hilla", country="IQ"),),
    )
    page = read(highlight(text, marks_of(doc), paragraph_bounds(doc)))
    assert page.errors == []
    assert page.text == text
    assert sorted(page.ids) == ["events-0", "places-0", "quantities-0", "quotes-0"]
    assert page.paragraphs == text.split("\n")
