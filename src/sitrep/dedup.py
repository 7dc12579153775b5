"""Near-duplicate detection: wire copies of one story recognised as copies of a canonical article.

Each article gets a MinHash signature of its word 5-shingles (128 hash functions). The signature is
cut into 32 bands of 4 rows; articles sharing any band land in the same bucket and become
candidates. With 32x4 bands a pair at Jaccard similarity 0.5 becomes a candidate with probability
0.87, at 0.7 with 0.9998, at 0.3 with 0.23 (then rejected by the check).

A candidate is a copy when the shorter text is nearly all inside the longer one (estimated
containment at least `MIN_CONTAINMENT`) and the two overlap enough (Jaccard at least
`MIN_JACCARD`): outlets often cut the last paragraphs of a wire story, which lowers Jaccard
similarity but not containment. Different outlets' own reports of one event score below 0.2.

Buckets live in an index: in memory for `sitrep extract`, in the store for `sitrep ingest`, so that
memory stays flat however large the store grows.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from sitrep.model import CopyLink

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
# A copy may drop up to half of the story (Jaccard 0.5) but must not add much of its own.
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
_CHUNK = 128
_WORD = re.compile(r"\w+")
_BAND_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # 2**64 / golden ratio, odd: mixes well

Signature = npt.NDArray[np.uint32]


def _hash_parameters() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """Fixed forever, since stored signatures depend on them: derived from SHA-256, not from a
    random generator whose stream could change between numpy releases."""
    a, b = [], []
    for i in range(NUM_PERM):
        digest = hashlib.sha256(f"sitrep-minhash-{i}".encode()).digest()
        a.append(int.from_bytes(digest[:8], "little") | 1)
        b.append(int.from_bytes(digest[8:16], "little"))
    return np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)


@dataclass(slots=True, frozen=True)
class MinHasher:
    """Computes signatures. Picklable; build once per process or stage.

    Hash family: multiply-shift, h(x) = ((a*x + b) mod 2**64) >> 32 with odd 64-bit `a` and
    64-bit `b` (Dietzfelbinger et al., 1997), universal for 32-bit keys and cheap in numpy.
    """

    a: npt.NDArray[np.uint64]
    b: npt.NDArray[np.uint64]

    @classmethod
    def create(cls) -> MinHasher:
        return cls(*_hash_parameters())

    def sketch(self, text: str) -> Sketch:
        """The signature of `text` and how many distinct shingles it has."""
        shingles = np.unique(_shingle_hashes(text))
        return Sketch(self._signature(shingles), len(shingles))

    def signature(self, text: str) -> Signature:
        return self._signature(_shingle_hashes(text))

    def _signature(self, shingles: npt.NDArray[np.uint64]) -> Signature:
        minimum = np.full(NUM_PERM, _MASK32, dtype=np.uint64)
        # 128 shingles x 128 hashes x 8 bytes = 128 KB a chunk: bounded on huge texts, and under
        # glibc's mmap threshold, which makes it 4x faster than one big array (measured here).
        for start in range(0, len(shingles), _CHUNK):
            chunk = shingles[start : start + _CHUNK, None]
            hashed = (chunk * self.a + self.b) >> _SHIFT
            np.minimum(minimum, hashed.min(axis=0), out=minimum)
        return minimum.astype(np.uint32)


def _shingle_hashes(text: str) -> npt.NDArray[np.uint64]:
    """32-bit hashes of the word 5-shingles of `text` (a polynomial over per-word CRC32s)."""
    words = _WORD.findall(text.lower()) or [""]
    word_hashes = np.fromiter(map(zlib.crc32, map(str.encode, words)), np.uint64, len(words))
    width = min(SHINGLE_WORDS, len(word_hashes))
    count = len(word_hashes) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        combined = (
            combined * np.uint64(1_000_003) + word_hashes[offset : offset + count]
        ) & _MASK32
    return combined


def buckets(signature: Signature) -> list[int]:
    """One signed 64-bit key per band; equal keys mean equal rows in the same band."""
    rows = signature.reshape(BANDS, ROWS).astype(np.uint64)
    keys = np.arange(1, BANDS + 1, dtype=np.uint64)  # the band number keeps bands apart
    for column in range(ROWS):
        keys = (keys * _BAND_MULTIPLIER) ^ rows[:, column]
    keys *= _BAND_MULTIPLIER
    return keys.view(np.int64).tolist()


def similarity(left: Signature, right: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(left == right)) / NUM_PERM


def containment(jaccard: float, left_size: int, right_size: int) -> float:
    """Estimated share of the smaller shingle set inside the larger: |A & B| / min(|A|, |B|),
    with |A & B| = J (|A| + |B|) / (1 + J)."""
    smaller = min(left_size, right_size)
    if smaller == 0:
        return 0.0
    overlap = jaccard * (left_size + right_size) / (1 + jaccard)
    return min(1.0, overlap / smaller)


@dataclass(slots=True, frozen=True)
class Sketch:
    """What near-duplicate detection keeps of a text."""

    signature: Signature
    shingles: int


def signature_from_bytes(blob: bytes) -> Signature:
    return np.frombuffer(blob, dtype=np.uint32)


@dataclass(slots=True, frozen=True)
class Candidate:
    """An indexed article that shares a bucket with the one being checked."""

    article_id: str
    sketch: Sketch
    copy_of: str | None


class BucketIndex(Protocol):
    """Where buckets of already-accepted articles are kept (memory or store)."""

    def candidates(self, keys: Collection[int]) -> Mapping[int, list[Candidate]]:
        """The indexed articles in each of the buckets `keys`."""
        ...


class MemoryBucketIndex:
    """Buckets held in memory: about 1 KB per article, for runs without a store."""

    def __init__(self) -> None:
        self._by_key: dict[int, list[Candidate]] = defaultdict(list)

    def add(self, keys: Sequence[int], candidate: Candidate) -> None:
        for key in keys:
            self._by_key[key].append(candidate)

    def candidates(self, keys: Collection[int]) -> Mapping[int, list[Candidate]]:
        return {key: self._by_key[key] for key in keys if key in self._by_key}


@dataclass(slots=True, frozen=True)
class CopyCheck:
    sketch: Sketch
    keys: list[int]
    link: CopyLink | None


class CopyDetector:
    """Finds the canonical article a new one copies, across a backing index and this batch."""

    def __init__(self, index: BucketIndex, hasher: MinHasher | None = None) -> None:
        self.hasher = hasher or MinHasher.create()
        self.index = index
        self.pending = MemoryBucketIndex()

    def check(self, article_id: str, text: str) -> CopyCheck:
        return self.check_batch([(article_id, text)])[0]

    def check_batch(self, articles: Sequence[tuple[str, str]]) -> list[CopyCheck]:
        """Copy checks for new articles, in order, with one look-up in the backing index.

        Each article is remembered, so later articles of the batch can be its copies."""
        sketches = [self.hasher.sketch(text) for _, text in articles]
        keys = [buckets(sketch.signature) for sketch in sketches]
        stored = _Pool.of_buckets(
            self.index.candidates({key for article_keys in keys for key in article_keys})
        )
        checks = []
        for (article_id, _), sketch, article_keys in zip(articles, sketches, keys, strict=True):
            batch = _Pool.of_buckets(self.pending.candidates(article_keys))
            found = _closer(
                stored.closest(article_id, sketch, article_keys),
                batch.closest(article_id, sketch, article_keys),
            )
            link = CopyLink(found.canonical_id, round(found.score, 3)) if found else None
            self.pending.add(
                article_keys, Candidate(article_id, sketch, link.canonical_id if link else None)
            )
            checks.append(CopyCheck(sketch, article_keys, link))
        return checks

    def flush(self) -> None:
        """Forget this batch's articles once the backing index holds them."""
        self.pending = MemoryBucketIndex()


@dataclass(slots=True, frozen=True)
class _Match:
    """A candidate an article copies: how closely, and the canonical article it links to."""

    score: float
    article_id: str
    canonical_id: str


def _closer(first: _Match | None, second: _Match | None) -> _Match | None:
    """The closer match, ties to the smaller article id."""
    if first is None or second is None:
        return first or second
    return min(first, second, key=lambda match: (-match.score, match.article_id))


@dataclass(slots=True, frozen=True)
class _Pool:
    """Candidates side by side in article id order, with the rows of each bucket, so that an
    article is compared with all of its candidates in a few array operations: a story told by
    thousands of articles puts thousands in its buckets (issue 10: 2,000 per article in a
    100,000-article store, 6.6 s for 1,000 articles compared one by one)."""

    candidates: list[Candidate]
    signatures: npt.NDArray[np.uint32]
    sizes: npt.NDArray[np.float64]
    rows: dict[int, npt.NDArray[np.intp]]

    @classmethod
    def of_buckets(cls, by_key: Mapping[int, list[Candidate]]) -> _Pool:
        distinct = {c.article_id: c for found in by_key.values() for c in found}
        ordered = [distinct[article_id] for article_id in sorted(distinct)]
        row = {c.article_id: index for index, c in enumerate(ordered)}
        rows = {
            key: np.fromiter((row[c.article_id] for c in found), np.intp, len(found))
            for key, found in by_key.items()
        }
        signatures = np.array([c.sketch.signature for c in ordered], np.uint32)
        sizes = np.fromiter((c.sketch.shingles for c in ordered), np.float64, len(ordered))
        return cls(ordered, signatures.reshape(-1, NUM_PERM), sizes, rows)

    def closest(self, article_id: str, sketch: Sketch, keys: Sequence[int]) -> _Match | None:
        """The candidate in buckets `keys` that the article copies most closely, ties to the
        smallest id; None when it copies none."""
        found = [self.rows[key] for key in keys if key in self.rows]
        if not found:
            return None
        rows = np.unique(np.concatenate(found))  # ascending: in article id order
        scores = np.count_nonzero(self.signatures[rows] == sketch.signature, axis=1) / NUM_PERM
        copies = np.flatnonzero(copy_mask(scores, sketch.shingles, self.sizes[rows]))
        for index in copies[np.argsort(-scores[copies], kind="stable")]:
            candidate = self.candidates[rows[index]]
            if candidate.article_id != article_id:
                canonical = candidate.copy_of or candidate.article_id
                return _Match(float(scores[index]), candidate.article_id, canonical)
        return None


def copy_mask(
    jaccards: npt.NDArray[np.float64], size: int, sizes: npt.NDArray[np.float64]
) -> npt.NDArray[np.bool_]:
    """`is_copy` of a text of `size` shingles against many, at once."""
    smaller = np.minimum(sizes, size)
    overlap = jaccards * (sizes + size) / (1 + jaccards)
    contained = np.where(smaller > 0, np.minimum(1.0, overlap / np.maximum(smaller, 1)), 0.0)
    return (jaccards >= MIN_JACCARD) & (contained >= MIN_CONTAINMENT)


def is_copy(jaccard: float, left_size: int, right_size: int) -> bool:
    return jaccard >= MIN_JACCARD and containment(jaccard, left_size, right_size) >= MIN_CONTAINMENT
