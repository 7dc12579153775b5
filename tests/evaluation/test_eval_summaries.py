"""Evaluation suite for the cited summary: NeuS/AllSides ROUGE stays above its pins.

The loader, the ROUGE scorer and the text preparation are benchmarks/bench_summaries.py's (the code
`make bench-summaries` runs) and the floors are benchmarks/floors.toml's, so the test and the
benchmark can never disagree. The scorer is checked by hand on texts written here, then against
the README's peer figures, which it must reproduce; speed is left to the benchmark.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

pytestmark = pytest.mark.evaluation

bench = load_benchmark("bench_summaries")
harness = load_benchmark("harness")

PINNED_SECTIONS = ("summaries.neus_dev", "summaries.neus_heldout", "summaries.neus_whole")
REPRODUCED_WITHIN = 0.3  # ROUGE points between the README's peer figures and ours


@pytest.fixture(scope="module")
def eval_root(shared_dir: Path) -> Path:
    return shared_dir / "eval"


@pytest.fixture(scope="module")
def clusters(eval_root: Path) -> list[Any]:
    return bench.load_neus(eval_root)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def sitrep_figures(clusters: list[Any]) -> dict[str, dict[str, float]]:
    return bench.score_sitrep(clusters)  # type: ignore[no-any-return]


def test_eval_summaries_neus_is_read_whole(clusters: list[Any]) -> None:
    assert len(clusters) == 307
    assert all(len(cluster.articles) == 3 for cluster in clusters)
    assert sum(cluster.split == "heldout" for cluster in clusters) == 61
    assert all(cluster.reference and "=>" not in cluster.reference for cluster in clusters)
    assert all(article.body for cluster in clusters for article in cluster.articles)


def test_eval_summaries_rouge_by_hand() -> None:
    """Stemmed, "patrols" is "patrol". Unigrams: 3 of 5 and 3 of 4. Bigrams: "patrol left" only,
    1 of 4 and 1 of 3, F1 2/7. Longest common subsequence "the patrol left", 3 of 5 and 3 of 4."""
    figures = bench.rouge("The patrols left at dawn", "the town patrol left")
    assert figures["rouge1"] == pytest.approx(2 * (3 / 5) * (3 / 4) / (3 / 5 + 3 / 4))
    assert figures["rouge2"] == pytest.approx(2 / 7)
    assert figures["rougeL"] == pytest.approx(2 * (3 / 5) * (3 / 4) / (3 / 5 + 3 / 4))
    assert bench.rouge("", "anything")["rouge1"] == 0.0


def test_eval_summaries_markers_are_removed_and_titles_kept() -> None:
    article = bench.parse_article("TITLE=> A short headline. ARTICLE=> The body  text.")
    assert (article.title, article.body) == ("A short headline.", "The body text.")
    assert bench.strip_markers("TITLE=> Head. ARTICLE=> Body.") == "Head. Body."


@pytest.mark.parametrize(
    ("peer", "lines"),
    [("first article", None), ("LexRank", "lexrank")],
)
def test_eval_summaries_scorer_reproduces_readme_peers(
    clusters: list[Any], eval_root: Path, peer: str, lines: str | None
) -> None:
    outputs = (
        [bench.first_article(cluster) for cluster in clusters]
        if lines is None
        else bench.load_system(lines, eval_root)
    )
    figures = bench.mean_rouge(zip(outputs, [c.reference for c in clusters], strict=True))
    rouge1, rouge2 = bench.README_PEERS[peer]
    assert figures["rouge1"] == pytest.approx(rouge1, abs=REPRODUCED_WITHIN)
    assert figures["rouge2"] == pytest.approx(rouge2, abs=REPRODUCED_WITHIN)


@pytest.mark.parametrize("split", ["dev", "heldout", "whole"])
def test_eval_summaries_meet_floors(
    sitrep_figures: dict[str, dict[str, float]], split: str
) -> None:
    assert harness.check_floors(f"summaries.neus_{split}", sitrep_figures[split]) == []


def test_eval_summaries_reach_the_target(sitrep_figures: dict[str, dict[str, float]]) -> None:
    assert sitrep_figures["whole"]["rouge2"] >= bench.TARGET_ROUGE2


def test_eval_summaries_every_section_is_pinned() -> None:
    floors = harness.load_floors()
    assert [section for section in PINNED_SECTIONS if not floors.get(section)] == []
