"""Summary benchmark: sitrep's extractive, cited summary on NeuS/AllSides, scored by ROUGE.

Data (../shared/eval/summaries/neus-allsides, read at run time): `test.source` holds 307 clusters,
one per line, each three outlets' articles as `TITLE=> ... ARTICLE=> ...` joined by ` [SEP] `;
`test.target` the 307 neutral reference summaries in the same form; `system-outputs/*.txt` one
summary per line from each published system.

Text preparation, as the README's peer figures were measured (reproduced below to 0.02): the
`TITLE=>`/`ARTICLE=>` markers are removed and the title is kept, in the references and in the
summaries alike ("title body"). Peers' outputs lose any `WORD=>` marker the same way (one system
writes garbled ones). sitrep reads each article as its body (`text`, cut into sentences by
`sitrep.segment`) and its title; its summary is `headline()` then `summarize()`'s sentences.

The scorer is written here, after rouge-score's definitions: text lower-cased, every character
other than a-z and 0-9 a space, words of more than three letters Porter-stemmed (snowballstemmer's
"porter", the original algorithm); ROUGE-N F1 from clipped n-gram counts; ROUGE-L F1 from the
longest common subsequence of the two whole texts (rouge-score's `rougeL`, not the summary-level
`rougeLsum`, which needs one sentence per line: no peer output here has that). Each figure is the
mean of the per-cluster F1, times 100. Without stemming the first-article baseline reads
40.89/16.32 and LexRank 39.73/17.06 (raw references); with it, 40.91/16.49 and 42.24/18.16, the
README's figures.

Every fifth cluster by position (index % 5 == 4) is held out and was never tuned on; summaries and
texts are never printed, held-out or not. Speed: clusters summarised per second on one core, the
sentences cut beforehand; and one summary of 201 articles (67 clusters' articles together).

    python benchmarks/bench_summaries.py [--quick]

`--quick` skips the speed figures. Floors: benchmarks/floors.toml, summaries.neus_*; the exit
status is 1 when a figure falls below its floor.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import EVAL, pin_to_one_core, require
from harness import check_floors, format_report, rows
from sitrep.segment import SentenceStage, paragraph_spans
from sitrep.summarize import SummaryDocument, headline, summarize

BENCHMARK = "summaries"
NEUS = Path("summaries") / "neus-allsides"
SEPARATOR = " [SEP] "
SPLITS = ("dev", "heldout", "whole")
# ../shared/eval/README.md, row "summaries": (ROUGE-1, ROUGE-2), measured on all 307 clusters.
README_PEERS = {
    "first article": (40.89, 16.49),
    "LexRank": (42.24, 18.16),
    "best published (LLM + event graph)": (45.14, 22.30),
}
# The system outputs re-measured here, by file stem, as the report names them.
MEASURED_PEERS = {
    "lexrank": "LexRank",
    "llama_event_relation_graph": "Llama + event graph",
    "neus": "NeuS",
    "bart_large_multi": "BART (multi-news)",
}
TARGET_ROUGE2 = 20.0  # issue 8's target for sitrep's summariser
SCALE_CLUSTERS = 67  # 67 clusters x 3 articles: one summary of 201 articles

_MARKER = re.compile(r"\b[A-Z]{3,}=>")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_STEM_MIN = 4  # rouge-score stems words of more than three letters only


# --- ROUGE ---------------------------------------------------------------------------------------


@cache
def _porter() -> Callable[[str], str]:
    import snowballstemmer

    stem: Callable[[str], str] = snowballstemmer.stemmer("porter").stemWord
    return cache(stem)


def rouge_tokens(text: str, *, stem: bool = True) -> list[str]:
    """rouge-score's tokens: lower case, non-alphanumerics as spaces, long words stemmed."""
    words = _NOT_ALNUM.sub(" ", text.lower()).split()
    if not stem:
        return words
    porter = _porter()
    return [porter(word) if len(word) >= _STEM_MIN else word for word in words]


def _f1(overlap: int, predicted: int, reference: int) -> float:
    return 2 * overlap / (predicted + reference) if predicted and reference else 0.0


def rouge_n(predicted: Sequence[str], reference: Sequence[str], n: int) -> float:
    """ROUGE-N F1: n-grams in common (each counted at most as often as in either text)."""
    ours = Counter(zip(*(predicted[i:] for i in range(n)), strict=False))
    theirs = Counter(zip(*(reference[i:] for i in range(n)), strict=False))
    overlap = sum((ours & theirs).values())
    return _f1(overlap, sum(ours.values()), sum(theirs.values()))


def lcs_length(first: Sequence[str], second: Sequence[str]) -> int:
    """The longest common subsequence, by the usual table kept one row at a time."""
    previous = [0] * (len(second) + 1)
    for word in first:
        current = [0]
        for j, other in enumerate(second):
            current.append(previous[j] + 1 if word == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(predicted: Sequence[str], reference: Sequence[str]) -> float:
    return _f1(lcs_length(predicted, reference), len(predicted), len(reference))


def rouge(predicted: str, reference: str) -> dict[str, float]:
    ours, theirs = rouge_tokens(predicted), rouge_tokens(reference)
    return {
        "rouge1": rouge_n(ours, theirs, 1),
        "rouge2": rouge_n(ours, theirs, 2),
        "rougeL": rouge_l(ours, theirs),
    }


def mean_rouge(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """The mean per-pair F1 of each measure, as a percentage."""
    scores = [rouge(predicted, reference) for predicted, reference in pairs]
    return {key: 100 * statistics.fmean(s[key] for s in scores) for key in scores[0]}


# --- NeuS ----------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class NeusArticle:
    title: str
    body: str


@dataclass(slots=True, frozen=True)
class NeusCluster:
    index: int
    articles: tuple[NeusArticle, ...]
    reference: str  # markers removed, title kept

    @property
    def split(self) -> str:
        return "heldout" if self.index % 5 == 4 else "dev"


def strip_markers(text: str) -> str:
    """The text without its `TITLE=>`/`ARTICLE=>` markers, title kept, white space single."""
    return " ".join(_MARKER.sub(" ", text).split())


def parse_article(text: str) -> NeusArticle:
    title, marker, body = text.partition("ARTICLE=>")
    if not marker:
        return NeusArticle("", strip_markers(text))
    return NeusArticle(strip_markers(title), " ".join(body.split()))


def _lines(path: Path) -> list[str]:
    return require(path).read_text(encoding="utf-8").splitlines()


def load_neus(root: Path = EVAL) -> list[NeusCluster]:
    sources, targets = _lines(root / NEUS / "test.source"), _lines(root / NEUS / "test.target")
    return [
        NeusCluster(index, tuple(map(parse_article, source.split(SEPARATOR))), strip_markers(ref))
        for index, (source, ref) in enumerate(zip(sources, targets, strict=True))
    ]


def load_system(name: str, root: Path = EVAL) -> list[str]:
    """A published system's summaries, one per cluster, markers removed."""
    return [strip_markers(line) for line in _lines(root / NEUS / "system-outputs" / f"{name}.txt")]


def first_article(cluster: NeusCluster) -> str:
    """The README's first-article baseline: the first article whole, title kept."""
    first = cluster.articles[0]
    return f"{first.title} {first.body}".strip()


# --- sitrep --------------------------------------------------------------------------------------


def sentence_offsets(text: str, stage: SentenceStage) -> tuple[tuple[int, int], ...]:
    """Sentences as `sitrep.segment` cuts them (paragraphs first, as the pipeline does)."""
    return tuple(
        (sentence.start_char, sentence.end_char)
        for paragraph in paragraph_spans(text)
        for sentence in stage.split(text, paragraph.start_char, paragraph.end_char)
    )


def documents_of(cluster: NeusCluster, stage: SentenceStage) -> list[SummaryDocument]:
    return [
        SummaryDocument(
            id=f"{cluster.index}-{position}",
            text=article.body,
            sentences=sentence_offsets(article.body, stage),
            title=article.title or None,
        )
        for position, article in enumerate(cluster.articles)
    ]


def sitrep_summary(documents: Sequence[SummaryDocument]) -> str:
    """The headline, then the summary's sentences, as one text."""
    head = headline(documents)
    sentences = [sentence.text for sentence in summarize(documents)]
    return " ".join(([head.text] if head else []) + sentences)


def split_pairs(
    clusters: Sequence[NeusCluster], predictions: Sequence[str]
) -> dict[str, list[tuple[str, str]]]:
    """(prediction, reference) pairs for dev, held-out and the whole."""
    splits: dict[str, list[tuple[str, str]]] = {"dev": [], "heldout": []}
    for cluster, predicted in zip(clusters, predictions, strict=True):
        splits[cluster.split].append((predicted, cluster.reference))
    return {**splits, "whole": splits["dev"] + splits["heldout"]}


def score_sitrep(clusters: Sequence[NeusCluster]) -> dict[str, dict[str, float]]:
    stage = SentenceStage()
    predictions = [sitrep_summary(documents_of(cluster, stage)) for cluster in clusters]
    return {split: mean_rouge(pairs) for split, pairs in split_pairs(clusters, predictions).items()}


def score_peers(
    clusters: Sequence[NeusCluster], root: Path = EVAL
) -> dict[str, dict[str, dict[str, float]]]:
    """Each re-measured peer's figures by split: the first article and the system outputs."""
    outputs = {"first article": [first_article(cluster) for cluster in clusters]}
    outputs |= {label: load_system(stem, root) for stem, label in MEASURED_PEERS.items()}
    return {
        label: {split: mean_rouge(pairs) for split, pairs in split_pairs(clusters, lines).items()}
        for label, lines in outputs.items()
    }


# --- report --------------------------------------------------------------------------------------


def peer_cells(split: str, measured: dict[str, dict[str, dict[str, float]]]) -> dict[str, str]:
    """Beside each sitrep figure, the peers re-measured on the same clusters."""
    return {
        metric: " · ".join(
            f"{label} {figures[split][metric]:.2f}" for label, figures in measured.items()
        )
        for metric in ("rouge1", "rouge2", "rougeL")
    }


def readme_line() -> str:
    """The README's figures (all 307 clusters), to read beside the re-measured ones."""
    figures = " · ".join(f"{label} {r1:.2f}/{r2:.2f}" for label, (r1, r2) in README_PEERS.items())
    return f"README (R1/R2, whole): {figures}; target R2 {TARGET_ROUGE2:.1f}"


def report_rouge(root: Path = EVAL) -> list[str]:
    clusters = load_neus(root)
    ours, measured = score_sitrep(clusters), score_peers(clusters, root)
    failures = []
    for split in SPLITS:
        name = f"{BENCHMARK}.neus_{split}"
        count = sum(cluster.split == split for cluster in clusters) or len(clusters)
        title = f"NeuS/AllSides, {split} ({count} clusters), headline() + summarize(): ROUGE F1"
        lines = rows(name, ours[split], peer_cells(split, measured))
        print(format_report(title, [replace(line, digits=2) for line in lines]))
        if split == "whole":
            print(readme_line())
        print()
        failures += check_floors(name, ours[split])
    return failures


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def report_speed(root: Path = EVAL) -> None:
    """Clusters per second on one core, sentences cut beforehand; then one 201-article summary."""
    pin_to_one_core()
    clusters = load_neus(root)
    stage = SentenceStage()
    prepared = [documents_of(cluster, stage) for cluster in clusters]
    sitrep_summary(prepared[0])  # the lexicon is read outside the clock
    seconds = _timed(lambda: [sitrep_summary(documents) for documents in prepared])
    many = [document for documents in prepared[:SCALE_CLUSTERS] for document in documents]
    scale = _timed(lambda: sitrep_summary(many))
    print("Speed, one core")
    print(
        f"  {len(prepared) / seconds:,.0f} clusters/s ({len(prepared)} clusters, {seconds:.2f} s)"
    )
    print(f"  one summary of {len(many)} articles: {1000 * scale:.0f} ms")
    print()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="skip the speed figures")
    args = parser.parse_args(argv)
    failures = report_rouge()
    if not args.quick:
        report_speed()
    for failure in failures:
        print(f"FLOOR: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
