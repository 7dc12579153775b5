from __future__ import annotations

import numpy as np
import pytest

from sitrep.dedup import (
    BANDS,
    NUM_PERM,
    Candidate,
    CopyDetector,
    MemoryBucketIndex,
    MinHasher,
    Sketch,
    buckets,
    containment,
    copy_mask,
    is_copy,
    similarity,
)

STORY = (
    "Kurdish-led forces said on Saturday they had taken a crossroads town from the militants "
    "after three days of fighting, cutting a supply road between two provinces. A spokesman said "
    "dozens of fighters were killed and that engineers were clearing mines from the main street. "
    "Residents who fled last week began to return, a local council member said, though power and "
    "water were still cut. The coalition said it carried out eleven air strikes near the town."
)
OTHER = (
    "Talks in Geneva were delayed by a day as delegations argued over who should sit at the "
    "table. The envoy said he still hoped to open the round before the end of the week and urged "
    "both sides to keep the truce, which monitors said had largely held since it began."
)


@pytest.fixture(scope="module")
def hasher() -> MinHasher:
    return MinHasher.create()


def test_dedup_identical_texts_have_identical_signatures(hasher: MinHasher) -> None:
    assert similarity(hasher.signature(STORY), hasher.signature(STORY)) == 1.0


def test_dedup_trimmed_and_edited_copy_is_a_copy(hasher: MinHasher) -> None:
    edited = STORY.replace("taken", "captured").rsplit(" The coalition", 1)[0]
    left, right = hasher.sketch(STORY), hasher.sketch(edited)
    assert is_copy(similarity(left.signature, right.signature), left.shingles, right.shingles)


@pytest.mark.parametrize(
    ("jaccard", "sizes", "expected"),
    [
        (1.0, (100, 100), 1.0),
        (0.5, (100, 50), 1.0),
        (0.5, (100, 100), 2 / 3),
        (0.0, (10, 10), 0.0),
        (0.5, (0, 9), 0.0),
    ],
)
def test_dedup_containment_estimate(
    jaccard: float, sizes: tuple[int, int], expected: float
) -> None:
    assert containment(jaccard, *sizes) == pytest.approx(expected)


def test_dedup_short_text_inside_a_long_one_is_not_a_copy_when_overlap_is_small() -> None:
    assert not is_copy(0.2, 20, 100)


def test_dedup_different_stories_score_low(hasher: MinHasher) -> None:
    assert similarity(hasher.signature(STORY), hasher.signature(OTHER)) < 0.2


def test_dedup_signatures_are_stable_across_processes(hasher: MinHasher) -> None:
    # Pinned: stored signatures must keep matching new ones after upgrades and restarts.
    assert (
        hasher.signature("a short text").tolist()[:3]
        == MinHasher.create().signature("a short text").tolist()[:3]
    )
    assert len(buckets(hasher.signature(STORY))) == BANDS


def test_dedup_detector_links_copies_to_the_canonical_article() -> None:
    detector = CopyDetector(MemoryBucketIndex())
    assert detector.check("a", STORY).link is None
    link = detector.check("b", STORY.replace("eleven", "twelve")).link
    assert link is not None and link.canonical_id == "a"
    third = detector.check("c", STORY.replace("eleven", "ten")).link
    assert (
        third is not None and third.canonical_id == "a"
    )  # a copy of a copy points to the original
    assert detector.check("d", OTHER).link is None


def test_dedup_batch_check_links_copies_inside_the_batch() -> None:
    checks = CopyDetector(MemoryBucketIndex()).check_batch(
        [("a", STORY), ("b", OTHER), ("c", STORY + " Ok.")]
    )
    assert [check.link.canonical_id if check.link else None for check in checks] == [
        None,
        None,
        "a",
    ]


def test_dedup_empty_and_tiny_texts_do_not_fail(hasher: MinHasher) -> None:
    assert len(hasher.signature("")) == len(hasher.signature("one two"))


def test_dedup_huge_text_is_hashed_in_bounded_chunks(hasher: MinHasher) -> None:
    text = " ".join(f"word{i}" for i in range(200_000))
    assert hasher.signature(text).shape == (128,)


@pytest.mark.parametrize("size", [0, 1, 40, 100, 250])
def test_dedup_copy_mask_agrees_with_is_copy(size: int) -> None:
    jaccards = np.arange(NUM_PERM + 1) / NUM_PERM
    for other in (0, 1, 39, 40, 80, 100, 400):
        sizes = np.full(len(jaccards), float(other))
        expected = [is_copy(float(j), size, other) for j in jaccards]
        assert copy_mask(jaccards, size, sizes).tolist() == expected


def _candidate(article_id: str, shared: int, copy_of: str | None = None) -> Candidate:
    """A candidate whose signature agrees with `_SIGNATURE` in its first `shared` values."""
    signature = _SIGNATURE.copy()
    signature[shared:] += 1
    return Candidate(article_id, Sketch(signature, 100), copy_of)


_SIGNATURE = np.arange(NUM_PERM, dtype=np.uint32)


class _FixedHasher(MinHasher):
    """Gives every text `_SIGNATURE`, so that the candidates' scores are set by hand."""

    def sketch(self, text: str) -> Sketch:
        return Sketch(_SIGNATURE.copy(), 100)


def test_dedup_detector_links_the_closest_candidate_ties_to_the_smallest_id_issue_10() -> None:
    index = MemoryBucketIndex()
    for candidate in (
        _candidate("e", 100),
        _candidate("d", 110),
        _candidate("c", 110, copy_of="a"),
        _candidate("b", 20),
        _candidate("x", NUM_PERM),  # the article itself, stored before
    ):
        index.add(buckets(_SIGNATURE), candidate)
    detector = CopyDetector(index, _FixedHasher(_SIGNATURE, _SIGNATURE))
    link = detector.check("x", "any text").link
    assert link is not None and (link.canonical_id, link.similarity) == ("a", round(110 / 128, 3))
