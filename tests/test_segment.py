"""Sentence and paragraph splitting on news sentences written for these tests."""

from __future__ import annotations

import itertools

import pytest

from sitrep.model import Article, Paragraph
from sitrep.segment import ParagraphStage, SentenceStage, paragraph_spans


def sentences_of(stage: SentenceStage, text: str) -> list[str]:
    article = Article.create(text)
    paragraphs = ParagraphStage()(article, {})
    return [span.text_in(text) for span in stage(article, {"paragraphs": paragraphs})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lt. Col. Omar Rasheed led the convoy. It reached the bridge at dawn.",
            ["Lt. Col. Omar Rasheed led the convoy.", "It reached the bridge at dawn."],
        ),
        (
            "U.S. officials confirmed the strike. Sen. Dana Hollis asked for a briefing.",
            ["U.S. officials confirmed the strike.", "Sen. Dana Hollis asked for a briefing."],
        ),
        (
            "The blast on Nov. 13 hit a market. Police closed the road.",
            ["The blast on Nov. 13 hit a market.", "Police closed the road."],
        ),
        (
            "The unit was ranked No. 2 in the province. Its commander resigned.",
            ["The unit was ranked No. 2 in the province.", "Its commander resigned."],
        ),
        (
            "BAGHDAD, Jan. 17 (FPS) -- Iraqi troops entered the district on Sunday. It was calm.",
            [
                "BAGHDAD, Jan. 17 (FPS) -- Iraqi troops entered the district on Sunday.",
                "It was calm.",
            ],
        ),
        (
            "Aid reached the town of Hit after talks with the U.S. The convoy carried flour.",
            ["Aid reached the town of Hit after talks with the U.S.", "The convoy carried flour."],
        ),
        (
            "Envoy John R. Harlan arrived at 9 a.m. on Monday. He met the governor.",
            ["Envoy John R. Harlan arrived at 9 a.m. on Monday.", "He met the governor."],
        ),
        (
            "Dr. Sana Aziz treated 40 people. Gen. Hadi Khalil visited the clinic.",
            ["Dr. Sana Aziz treated 40 people.", "Gen. Hadi Khalil visited the clinic."],
        ),
        (
            "Profits rose to $1.2bn. Analysts had expected less.",
            ["Profits rose to $1.2bn.", "Analysts had expected less."],
        ),
    ],
)
def test_segment_keeps_news_abbreviations_inside_sentences(
    sentence_stage: SentenceStage, text: str, expected: list[str]
) -> None:
    assert sentences_of(sentence_stage, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Is the road open?" the driver asked. Nobody answered.',
            ['"Is the road open?" the driver asked.', "Nobody answered."],
        ),
        (
            '"We will hold the line," the colonel said. "They will not pass."',
            ['"We will hold the line," the colonel said.', '"They will not pass."'],
        ),
        (
            "The spokesman said: “The town is ours.” Fighting went on nearby.",
            ["The spokesman said: “The town is ours.”", "Fighting went on nearby."],
        ),
        (
            '"We are advancing. The enemy is retreating," he said.',
            ['"We are advancing.', 'The enemy is retreating," he said.'],
        ),
        (
            "Shelling stopped... then resumed at noon. Residents fled!",
            ["Shelling stopped... then resumed at noon.", "Residents fled!"],
        ),
    ],
)
def test_segment_places_boundaries_around_quotations(
    sentence_stage: SentenceStage, text: str, expected: list[str]
) -> None:
    assert sentences_of(sentence_stage, text) == expected


@pytest.mark.parametrize(
    "opening",
    [
        "Col. Steve Harlan said",
        "Dr. Sana Aziz said",
        "“Gen. Hadi Khalil said",
        "U.S. officials said",
    ],
)
def test_segment_abbreviation_opening_a_later_paragraph_stays_in_its_sentence(
    sentence_stage: SentenceStage, opening: str
) -> None:
    # The word before a full stop was read from the article's start when no space preceded it
    # in its paragraph: "Col." opening a second paragraph ended a sentence of its own.
    text = f"The convoy left at dawn.\n\n{opening} the road was open. Trucks followed."
    assert sentences_of(sentence_stage, text) == [
        "The convoy left at dawn.",
        f"{opening} the road was open.",
        "Trucks followed.",
    ]


def test_segment_never_crosses_paragraphs(sentence_stage: SentenceStage) -> None:
    text = "He said: “We will stay\n\n“and we will rebuild.”"
    assert sentences_of(sentence_stage, text) == [
        "He said: “We will stay",
        "“and we will rebuild.”",
    ]


def test_segment_spans_are_trimmed_ordered_and_inside_text(sentence_stage: SentenceStage) -> None:
    text = "One blast hit the market.   A second followed.\n\nPolice sealed it. Nobody was held."
    article = Article.create(text)
    paragraphs = ParagraphStage()(article, {})
    spans = sentence_stage(article, {"paragraphs": paragraphs})
    assert [s.start_char for s in spans] == sorted(s.start_char for s in spans)
    for span in spans:
        piece = span.text_in(text)
        assert piece == piece.strip() and piece
    assert all(left.end_char <= right.start_char for left, right in itertools.pairwise(spans))


def test_segment_paragraphs_are_the_lines_of_normalised_text() -> None:
    assert list(paragraph_spans("First.\n\nSecond one.")) == [Paragraph(0, 6), Paragraph(8, 19)]


def test_segment_stage_is_picklable(sentence_stage: SentenceStage) -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(sentence_stage))
    assert sentences_of(clone, "Gen. Ali spoke. He left.") == ["Gen. Ali spoke.", "He left."]
