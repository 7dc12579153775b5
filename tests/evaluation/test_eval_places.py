"""Evaluation suite for places: GeoWebNews and LGL are read whole and as the benchmark documents.

The loaders are benchmarks/bench_places.py's (the code the places benchmark scores with), run on
the real files in ../shared/eval/places: the counts of articles and toponyms, the scoring roles of
GeoWebNews' types, coordinates, and every annotation's offsets against its article's text. The
figures of sitrep are checked against the floors pinned in benchmarks/floors.toml, end to end
and on gold spans.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

from sitrep.model import Place

pytestmark = pytest.mark.evaluation


bench = load_benchmark("bench_places")

# GeoWebNews' scored toponyms by type (the literal and associative groups, less the types the
# paper gives no coordinates).
GWN_SCORED_TYPES = {
    "Literal": 850,
    "Non_Literal_Modifier": 501,
    "Metonymic": 372,
    "Embedded_Non_Lit": 279,
    "Mixed": 269,
    "Literal_Modifier": 181,
    "Coercion": 135,
    "Embedded_Literal": 21,
}


@pytest.fixture(scope="module")
def eval_root(shared_dir: Path) -> Path:
    return shared_dir / "eval"


@pytest.fixture(scope="module")
def gwn(eval_root: Path) -> list[Any]:
    return list(bench.load_corpus("gwn", eval_root))


@pytest.fixture(scope="module")
def lgl(eval_root: Path) -> list[Any]:
    return list(bench.load_corpus("lgl", eval_root))


def annotations(documents: list[Any]) -> list[tuple[Any, Any]]:
    return [(doc, item) for doc in documents for item in (*doc.gold, *doc.others)]


def test_eval_places_gwn_is_read_whole(gwn: list[Any]) -> None:
    assert len(gwn) == 200
    assert sum(document.split == "heldout" for document in gwn) == 40
    scored = [item for document in gwn for item in document.gold]
    assert Counter(item.type for item in scored) == GWN_SCORED_TYPES
    assert len(scored) == 2608
    assert sum(item.located for item in scored) == 2599  # 9 Coercion toponyms have none
    assert sum(item.geonameid is not None for item in scored) == 2399
    roles = Counter(item.role for _, item in annotations(gwn))
    assert roles == {"toponym": 2608, "neutral": 110, "not_toponym": 3889, "outside_text": 5}


def test_eval_places_gwn_neutral_types_have_no_coordinates(gwn: list[Any]) -> None:
    neutral = [item for document in gwn for item in document.neutral]
    assert Counter(item.type for item in neutral) == {"Demonym": 73, "Homonym": 20, "Language": 17}
    assert not any(item.located for item in neutral)


def test_eval_places_lgl_is_read_whole(lgl: list[Any]) -> None:
    assert len(lgl) == 588
    assert sum(document.split == "heldout" for document in lgl) == 117
    scored = [item for document in lgl for item in document.gold]
    assert len(scored) == 5088
    assert sum(item.located for item in scored) == 4462  # those with a <gaztag>
    assert all(item.geonameid is not None for item in scored if item.located)
    assert all(not document.others for document in lgl)


@pytest.mark.parametrize("corpus", ["gwn", "lgl"])
def test_eval_places_offsets_match_the_text(corpus: str, gwn: list[Any], lgl: list[Any]) -> None:
    """Every annotation inside its article spells the text at its offsets: none is shifted."""
    documents = gwn if corpus == "gwn" else lgl
    inside = [(doc, item) for doc, item in annotations(documents) if item.role != "outside_text"]
    misfits = [(doc.name, item) for doc, item in inside if not item.fits(doc.text)]
    assert misfits == [], f"{len(misfits)} of {len(inside)} annotations do not match the text"


def test_eval_places_only_headline_annotations_fall_outside_the_text(gwn: list[Any]) -> None:
    """Five GeoWebNews annotations have negative offsets (they annotate the headline, which is
    not part of the text): two are scored types, and all five are left out."""
    outside = [(doc.name, item) for doc, item in annotations(gwn) if item.role == "outside_text"]
    assert sorted({name for name, _ in outside}) == ["123", "255"]
    assert all(item.start < 0 for _, item in outside)
    assert sorted(item.text for _, item in outside) == [
        "American",
        "TITLE",
        "US",
        "explosion",
        "members",
    ]


@pytest.mark.parametrize("corpus", ["gwn", "lgl"])
def test_eval_places_gold_is_in_text_order_without_overlaps(
    corpus: str, gwn: list[Any], lgl: list[Any]
) -> None:
    """One-to-one pairing assumes it: no two scored toponyms of an article overlap."""
    for document in gwn if corpus == "gwn" else lgl:
        spans = document.spans
        assert spans == sorted(spans)
        assert all(end <= start for (_, end), (start, _) in pairwise(spans))


@pytest.mark.parametrize("corpus", ["gwn", "lgl"])
def test_eval_places_gold_given_back_scores_perfectly(
    corpus: str, gwn: list[Any], lgl: list[Any]
) -> None:
    """The scorer on the real data: the gold toponyms as predictions score 100 everywhere."""
    documents = gwn if corpus == "gwn" else lgl
    by_text = {document.text: document for document in documents}

    def echo(text: str) -> list[Place]:
        return [
            Place(start_char=g.start, end_char=g.end, name=g.text, lat=g.lat, lon=g.lon)
            for g in by_text[text].gold
        ]

    tallies = bench.score_corpus(documents, echo)
    for tally in tallies.values():
        assert all(value == 100.0 for value in tally.figures().values())
        assert tally.error_figures()["median km"] == 0.0
    assert tallies["whole"].matched == sum(len(document.gold) for document in documents)
    assert tallies["heldout"].misses == tallies["heldout"].far == []


# --- sitrep's figures against the pinned floors (issue #6) ----------------------------------------


@pytest.fixture(scope="module")
def documents(gwn: list[Any], lgl: list[Any]) -> dict[str, list[Any]]:
    return {"gwn": gwn, "lgl": lgl}


@pytest.mark.parametrize("corpus", ["gwn", "lgl"])
def test_eval_places_end_to_end_meets_floors(documents: dict[str, list[Any]], corpus: str) -> None:
    harness = load_benchmark("harness")
    tallies = bench.score_corpus(documents[corpus], bench.sitrep_extract())
    for split, tally in tallies.items():
        assert harness.check_floors(bench.section(corpus, split), tally.figures()) == []


@pytest.mark.parametrize("corpus", ["gwn", "lgl"])
def test_eval_places_on_gold_spans_meets_floors(
    documents: dict[str, list[Any]], corpus: str
) -> None:
    harness = load_benchmark("harness")
    tallies = bench.score_corpus_on_gold(documents[corpus], bench.sitrep_resolve())
    for split, tally in tallies.items():
        assert (
            harness.check_floors(bench.section(corpus, split, on_gold=True), tally.figures()) == []
        )
