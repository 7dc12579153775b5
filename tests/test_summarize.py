"""The extractive, cited summary: provenance, shared facts first, no repeats, citations, order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time

import pytest

from sitrep.summarize import (
    SummaryDocument,
    SummaryLexicon,
    default_lexicon,
    headline,
    says_the_same,
    summarize,
    words_of,
)

_SENTENCE = re.compile(r"[^.!?]+[.!?]")


def doc(
    id: str, text: str, *, title: str | None = None, published: dt.date | None = None
) -> SummaryDocument:
    """A document whose sentences end at each full stop (the test texts have no abbreviations)."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        spans.append((start, match.end()))
    return SummaryDocument(id, text, tuple(spans), title=title, published=published)


# Three outlets on one invented event: the ceasefire and the prisoner exchange are reported by all
# three, the weather and the football result by one each.
NORTH = doc(
    "north",
    "Rebels and the army agreed a ceasefire in Velmora province on Sunday. "
    "The two sides will exchange forty prisoners next week, mediators said. "
    "Rain fell across the capital for most of the afternoon.",
    title="Ceasefire agreed in Velmora province",
)
SOUTH = doc(
    "south",
    "A ceasefire in Velmora province was agreed by rebels and the army on Sunday. "
    "Forty prisoners will be exchanged next week under the deal. "
    "The local football club won its third match in a row.",
    title="Velmora ceasefire agreed after talks",
)
WEST = doc(
    "west",
    "Mediators announced on Sunday that the army and rebels agreed a ceasefire in Velmora "
    "province. Critics said the truce would not hold. The deal also foresees a prisoner "
    "exchange of forty prisoners next week.",
    title="Truce announced in Velmora province",
)
CLUSTER = (NORTH, SOUTH, WEST)


def test_summarize_nothing_gives_nothing() -> None:
    assert summarize(()) == ()
    assert headline(()) is None


def test_summarize_document_without_sentences_gives_nothing() -> None:
    assert summarize([SummaryDocument("empty", "", ())]) == ()


@pytest.mark.parametrize("documents", [CLUSTER, (NORTH,), (SOUTH, WEST)])
def test_summarize_sentences_keep_their_provenance(
    documents: tuple[SummaryDocument, ...],
) -> None:
    by_id = {document.id: document for document in documents}
    summary = summarize(documents)
    assert summary
    for sentence in summary:
        source = by_id[sentence.article_id]
        assert source.text[sentence.start_char : sentence.end_char] == sentence.text
        assert (sentence.start_char, sentence.end_char) in source.sentences
        assert sentence.cites[0] == sentence.article_id


def test_summarize_one_document_takes_its_lead_and_cites_itself() -> None:
    untitled = dataclasses.replace(NORTH, title=None)  # a title would say the lead's facts first
    summary = summarize([untitled], max_words=12)
    assert [s.text for s in summary] == [
        "Rebels and the army agreed a ceasefire in Velmora province on Sunday."
    ]
    assert summary[0].cites == ("north",)


def test_summarize_prefers_what_several_outlets_report() -> None:
    texts = " ".join(sentence.text for sentence in summarize(CLUSTER))
    assert "prisoner" in texts
    assert "Rain" not in texts
    assert "football" not in texts


def test_summarize_says_each_fact_once() -> None:
    summary = summarize(CLUSTER)
    about_exchange = [s for s in summary if "prisoner" in s.text]
    about_ceasefire = [s for s in summary if "ceasefire" in s.text]
    assert len(about_exchange) == 1
    assert len(about_ceasefire) <= 1


def test_summarize_cites_every_article_that_says_the_same() -> None:
    [exchange] = [s for s in summarize(CLUSTER) if "prisoner" in s.text]
    assert set(exchange.cites) == {"north", "south", "west"}
    assert len(exchange.cites) == len(set(exchange.cites))


def test_summarize_does_not_cite_a_title_that_only_names_the_story() -> None:
    later = doc(
        "later",
        "The ceasefire in Velmora province held overnight, residents said on Monday.",
        title="Velmora truce holds",
    )
    # The title shares four words with the sentence, all of them the story's names and setting.
    titled = dataclasses.replace(NORTH, title="Residents of Velmora province welcome ceasefire")
    summary = summarize([titled, later])
    [sentence] = [s for s in summary if s.article_id == "later"]
    assert sentence.cites == ("later",)


def test_summarize_does_not_cite_an_article_on_another_matter() -> None:
    other = doc("other", "The harvest in the southern valleys was the largest in ten years.")
    summary = summarize([NORTH, other])
    assert all("other" not in s.cites for s in summary if s.article_id == "north")


@pytest.mark.parametrize("max_words", [5, 15, 30, 60])
def test_summarize_keeps_within_max_words_but_never_empty(max_words: int) -> None:
    summary = summarize(CLUSTER, max_words=max_words)
    assert summary
    total = sum(len(words_of(s.text)) for s in summary)
    assert total <= max_words or len(summary) == 1


def test_summarize_reads_earlier_articles_first() -> None:
    early = doc(
        "early",
        "Shelling hit the port of Arkes on Monday. Two warehouses burned near the port of Arkes.",
        published=dt.date(2024, 3, 4),
    )
    late = doc(
        "late",
        "Repairs began at the port of Arkes on Wednesday after the shelling. "
        "Two warehouses burned near the port of Arkes during the shelling.",
        published=dt.date(2024, 3, 6),
    )
    summary = summarize([late, early])
    dates = [{"early": 1, "late": 2}[s.article_id] for s in summary]
    assert dates == sorted(dates)


def test_summarize_puts_undated_articles_last() -> None:
    dated = dataclasses.replace(NORTH, published=dt.date(2024, 1, 1))
    summary = summarize([SOUTH, dated])
    assert summary[0].article_id == "north"


def test_summarize_leaves_late_sentences_out() -> None:
    lexicon = dataclasses.replace(default_lexicon(), lead_sentences=1)
    summary = summarize(CLUSTER, lexicon=lexicon)
    assert all(s.start_char == 0 for s in summary)


def test_summarize_is_pure() -> None:
    assert summarize(CLUSTER) == summarize(CLUSTER)
    assert headline(CLUSTER) == headline(CLUSTER)


def test_summarize_handles_two_hundred_articles_quickly() -> None:
    many = [dataclasses.replace(d, id=f"{d.id}-{n}") for n in range(67) for d in CLUSTER[:3]]
    many += [dataclasses.replace(NORTH, id="extra")]
    start = time.perf_counter()
    summary = summarize(many)
    assert time.perf_counter() - start < 2.0
    assert summary
    assert len(summary[0].cites) > 100


def test_summarize_headline_is_the_most_shared_title() -> None:
    head = headline(CLUSTER)
    assert head is not None
    assert head.text == "Ceasefire agreed in Velmora province"
    assert head.cites[0] == "north"


def test_summarize_headline_needs_a_title() -> None:
    untitled = dataclasses.replace(NORTH, title=None)
    assert headline([untitled]) is None
    assert headline([untitled, dataclasses.replace(SOUTH, title="  ")]) is None


def test_summarize_does_not_repeat_the_headline() -> None:
    titled = doc(
        "titled",
        "Rebels seized the bridge at Korvan. Aid convoys were stopped at the bridge at Korvan.",
        title="Rebels seized the bridge at Korvan",
    )
    echo = doc(
        "echo",
        "Rebels seized the bridge at Korvan. Aid convoys were stopped at the bridge at Korvan.",
        title="Bridge at Korvan seized",
    )
    texts = [s.text for s in summarize([titled, echo])]
    assert texts == ["Aid convoys were stopped at the bridge at Korvan."]


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("army rebels agreed ceasefire velmora", "ceasefire velmora agreed army rebels", True),
        ("army rebels agreed ceasefire velmora", "ceasefire velmora agreed army", True),
        ("army rebels agreed ceasefire velmora", "ceasefire velmora agreed", False),  # 3 shared
        ("army rebels agreed ceasefire velmora sunday", "army rebels agreed ceasefire", True),
        ("army rebels agreed ceasefire velmora", "harvest record valleys", False),
        ("prisoners exchanged next week deal", "ceasefire velmora rain capital afternoon", False),
    ],
)
def test_summarize_citation_rule(first: str, second: str, same: bool) -> None:
    lexicon = default_lexicon()
    assert says_the_same(frozenset(first.split()), frozenset(second.split()), lexicon) is same


def test_summarize_lexicon_numbers_are_sane() -> None:
    lexicon = SummaryLexicon.load()
    assert lexicon.max_words > 0
    assert lexicon.lead_sentences > 0
    assert 0 < lexicon.unigram_weight <= 1
    assert 0 < lexicon.min_overlap < 1
    assert {"the", "of", "and"} <= lexicon.stop_words
    assert "ceasefire" not in lexicon.stop_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "The U.S.-led force's 3rd brigade.",
            ["the", "u", "s", "led", "force", "s", "3rd", "brigade"],
        ),
        ("Kyiv, Dnipro — and Ōsaka", ["kyiv", "dnipro", "and", "ōsaka"]),
        ("", []),
    ],
)
def test_summarize_words_are_letters_and_digits(text: str, words: list[str]) -> None:
    assert words_of(text) == words
