"""Evaluation suite for attribution: PolNeAR is read whole, the scorer scores as the issue says,
and sitrep's extractor stays above its floors.

The figures come from benchmarks/bench_attribution.py (the same code the benchmark runs) and the
floors from benchmarks/floors.toml, so the test and the benchmark can never disagree. The scorer
tests build their own small articles and need no data; speed is left to the benchmark.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

from sitrep.model import Quote, Speaker

pytestmark = pytest.mark.evaluation


bench = load_benchmark("bench_attribution")
harness = load_benchmark("harness")

# Measured on PolNeAR's train compartment when the loader was written (one annotator per article).
ARTICLES = 840
DEV_ARTICLES = 672
GOLD = 19830
DEV_GOLD = 16298
QUOTED = 3181
SKIPPED = {"no content": 36, "role names a span of another label": 2}
SPANS = 88051
# Every span's text matched the article when measured (0 of 88,051); allow a stray few.
MISMATCH_BOUND = 0.001
# The built-in quotation-mark baseline on dev when the scorer was written: deterministic, so a
# change here means the scorer (or the baseline) changed.
BASELINE_DEV = {"precision": 79.5, "recall": 10.8, "f1": 19.0, "quoted_f1": 70.6}
FLOORED = ("precision", "recall", "f1", "quoted_f1", "unquoted_f1")


# --- on PolNeAR ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def polnear(shared_dir: Path) -> Any:
    return bench.load_polnear(shared_dir / "eval")


@pytest.fixture(scope="module")
def scored(polnear: Any) -> dict[str, Any]:
    return bench.score_polnear(polnear.articles, bench.sitrep_extract)


def test_eval_attribution_polnear_gold_is_read_whole(polnear: Any) -> None:
    assert len(polnear.articles) == ARTICLES
    assert polnear.gold() == GOLD
    assert polnear.quoted() == QUOTED
    assert dict(polnear.skipped) == SKIPPED
    assert polnear.bad_lines == 0


def test_eval_attribution_polnear_offsets_agree_with_the_text(polnear: Any) -> None:
    assert polnear.spans == SPANS
    assert polnear.mismatched / polnear.spans < MISMATCH_BOUND


def test_eval_attribution_polnear_holds_out_every_fifth_article(polnear: Any) -> None:
    names = [article.name for article in polnear.articles]
    assert names == sorted(names)
    dev = [article for article in polnear.articles if article.split == "dev"]
    assert len(dev) == DEV_ARTICLES
    assert sum(len(article.gold) for article in dev) == DEV_GOLD
    assert all(article.index % 5 != 4 for article in dev)


def test_eval_attribution_baseline_scores_as_measured(polnear: Any) -> None:
    figures = bench.score_polnear(polnear.articles, bench.baseline_extract)["dev"].figures()
    for metric, value in BASELINE_DEV.items():
        assert figures[metric] == pytest.approx(value, abs=0.05), metric


@pytest.mark.parametrize("split", bench.SPLITS)
def test_eval_attribution_polnear_meets_floor(scored: dict[str, Any], split: str) -> None:
    figures = scored[split].figures()
    assert set(FLOORED) <= set(figures)
    assert harness.check_floors(f"attribution.polnear_{split}", figures) == []


# --- the scorer, on articles written here --------------------------------------------------------

TEXT = (
    'The council met on Monday. "We will rebuild the bridge by spring," Mayor Lena Ortiz said. '
    "Engineers said that the river road would reopen in May."
)


def at(phrase: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def gold(content: str, source: str | None = None, quoted: bool = False) -> Any:
    return bench.GoldAttribution((at(content),), (at(source),) if source else (), (), quoted=quoted)


QUOTED_GOLD = gold('"We will rebuild the bridge by spring,"', "Mayor Lena Ortiz", quoted=True)
REPORTED_GOLD = gold("that the river road would reopen in May", "Engineers")


def article(*golds: Any, index: int = 0) -> Any:
    return bench.PolnearArticle("made-up", index, "0000", TEXT, golds)


def quote(content: str, speaker: str | None = None, mention: str | None = None) -> Quote:
    start, end = at(content)
    where = at(mention) if mention else (None, None)
    return Quote(
        start,
        end,
        speaker=Speaker(speaker) if speaker else None,
        speaker_start=where[0],
        speaker_end=where[1],
    )


def stub_extract(text: str) -> tuple[Quote, ...]:
    """A stub extractor: `"...," Name said` and nothing else."""
    pattern = re.compile(r'("[^"]+,")((?: [A-Z]\w+)+) said')
    return tuple(
        Quote(
            found.start(1),
            found.end(1),
            speaker=Speaker(found.group(2).strip()),
            speaker_start=found.start(2) + 1,
            speaker_end=found.end(2),
        )
        for found in pattern.finditer(text)
    )


def test_eval_attribution_stub_extractor_finds_the_quote_and_misses_the_report() -> None:
    tally = bench.score_article(article(QUOTED_GOLD, REPORTED_GOLD), stub_extract(TEXT), False)
    result = tally.figures()
    assert (result["precision"], result["recall"]) == (100.0, 50.0)
    assert (result["quoted_recall"], result["unquoted_recall"]) == (100.0, 0.0)


def test_eval_attribution_content_needs_half_the_gold() -> None:
    words = "that the river road would reopen in May"
    half = words[: (len(words) + 1) // 2]  # 20 of 39 characters: half or more
    short = half[:-1]
    assert bench.content_overlap(quote(half), REPORTED_GOLD) == len(half)
    assert bench.content_overlap(quote(short), REPORTED_GOLD) == 0


def test_eval_attribution_content_pieces_of_a_discontinuous_gold_are_summed() -> None:
    first, second = at('"We will rebuild'), at("by spring")
    split_gold = bench.GoldAttribution((first, second), (), (), quoted=True)
    covering = Quote(first[0], second[1])
    assert bench.content_overlap(covering, split_gold) == split_gold.length


def test_eval_attribution_speaker_matches_by_mention_or_shared_word() -> None:
    content = '"We will rebuild the bridge by spring,"'
    by_mention = quote(content, mention="Ortiz")
    by_name = quote(content, speaker="Ms. Ortiz")
    wrong = quote(content, speaker="the council", mention="council")
    assert bench.speaker_matches(by_mention, QUOTED_GOLD, TEXT)
    assert bench.speaker_matches(by_name, QUOTED_GOLD, TEXT)
    assert not bench.speaker_matches(wrong, QUOTED_GOLD, TEXT)


def test_eval_attribution_determiners_and_possessives_are_not_shared_words() -> None:
    assert bench.content_words("The mayor’s office") == {"mayor", "office"}
    assert not bench.content_words("the U.S.") & bench.content_words("a U.S. envoy")


def test_eval_attribution_gold_without_source_needs_content_only() -> None:
    no_source = gold("that the river road would reopen in May")
    tally = bench.score_article(article(no_source), (quote("the river road would reopen"),), False)
    assert tally.figures()["f1"] == 100.0


def test_eval_attribution_pairs_are_one_to_one() -> None:
    twice = (
        quote("We will rebuild the bridge", mention="Ortiz"),
        quote('"We will rebuild the bridge by spring,"', mention="Lena"),
    )
    tally = bench.score_article(article(QUOTED_GOLD), twice, errors=True)
    figures = tally.figures()
    assert (figures["precision"], figures["recall"]) == (50.0, 100.0)
    assert len(tally.false_positives) == 1 and not tally.misses


def test_eval_attribution_wrong_speaker_counts_for_content_only() -> None:
    wrong = quote("that the river road would reopen in May", speaker="council", mention="council")
    figures = bench.score_article(article(REPORTED_GOLD), (wrong,), False).figures()
    assert figures["f1"] == 0.0 and figures["content_f1"] == 100.0
    assert figures["speaker_accuracy"] == 0.0


def test_eval_attribution_quoted_and_unquoted_add_up() -> None:
    preds = (*stub_extract(TEXT), quote("The council met on Monday"))
    counts = bench.score_article(article(QUOTED_GOLD, REPORTED_GOLD), preds, False).counts
    quoted = (counts["gold_quoted"], counts["predicted_quoted"], counts["matched_quoted"])
    assert quoted == (1, 1, 1)
    assert (counts["gold"], counts["predicted"], counts["matched"]) == (2, 2, 1)


def test_eval_attribution_brat_reader_is_robust(tmp_path: Path) -> None:
    """Continued span text, a second Content piece, and malformed events skipped and counted."""
    base = tmp_path / "attribution" / "polnear" / "train"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    text = 'Aid ran short.\nThe envoy said "talks\ngo on" and hoped for more.\n'
    (base / "text" / "x_1.txt").write_text(text, encoding="utf-8")
    span = {name: at(phrase, text) for name, phrase in _PHRASES.items()}
    lines = [f"{name}\t{_LABELS[name]} {a} {b}\t{text[a:b]}" for name, (a, b) in span.items()]
    lines += [
        "E1\tAttribution:T9 Source:T1 Cue:T2 Content:T3 Content2:T4",
        "E2\tAttribution:T9 Content:T7",  # no such span
        "E3\tAttribution-no-source:T9",  # no content
        "E4\tAttribution:T9 Content:T1",  # a Source span in the Content role
        "E5\tbroken",
        "#1\tAnnotatorNotes T1\ta note",
    ]
    (base / "attributions" / "x_1_ab12.ann").write_text("\n".join(lines) + "\n", "utf-8")
    (base / "attributions" / "x_1_cd34.ann").write_text("\n".join(lines[:4]) + "\n", "utf-8")
    corpus = bench.load_polnear(tmp_path)
    assert [(a.name, a.annotator) for a in corpus.articles] == [("x_1", "ab12")]
    assert [a.annotator for a in corpus.others] == ["cd34"]
    assert corpus.mismatched == 0 and corpus.bad_lines == 1
    assert dict(corpus.skipped) == {
        "names an unknown span": 1,
        "no content": 1,
        "role names a span of another label": 1,
    }
    (found,) = corpus.articles[0].gold
    assert found.content == (span["T3"], span["T4"]) and found.quoted


_PHRASES = {"T1": "The envoy", "T2": "said", "T3": '"talks\ngo on"', "T4": "hoped for more"}
_LABELS = {"T1": "Source", "T2": "Cue", "T3": "Content", "T4": "Content"}


def test_eval_attribution_floor_names_are_the_measured_ones() -> None:
    """check_floors fails a pinned metric that was not measured: every floored name must be one."""
    assert set(FLOORED) <= set(bench.Tally().figures())
