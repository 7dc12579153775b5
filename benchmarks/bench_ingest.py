"""Speed benchmark: `sitrep ingest` into SQLite over the BBC corpus, beside spaCy's tokenizer.

Prints articles per second on one core and peak memory for sitrep's ingest path (reading,
normalising, wire-copy detection, SQLite writes with full-text index) with segmentation only, the
work spaCy's blank English tokenizer is compared with in the same run, and with the default
pipeline (segmentation and quantities); and sitrep's peak memory when the corpus is read 1 and 4
times with the default pipeline (memory must stay flat as the corpus grows).

    python benchmarks/bench_ingest.py [--repeat 4]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import EVAL, peak_rss_mb, pin_to_one_core, require, run_child

BBC = EVAL / "corpora" / "bbc"
TARGET_RATIO = 1.0  # issue 2: faster than spaCy's blank English tokenizer alone
# Issue 10 asks the same of the full pipeline: every extractor, reconciliation and SQLite writes.


def corpus_files() -> list[str]:
    """The 2,225 articles: one .txt per story in the five topic folders (not the README)."""
    return sorted(str(path) for path in require(BBC).glob("*/*.txt"))


SEGMENTATION = ("paragraphs", "sentences")


def child_sitrep(repeat: int, stages: str = "default") -> dict[str, float]:
    from sitrep.ingest import ReadOptions
    from sitrep.jobs import ingest_paths
    from sitrep.pipeline import DEFAULT_STAGES, Pipeline
    from sitrep.store import open_store

    pipeline = Pipeline.from_names(SEGMENTATION if stages == "segmentation" else DEFAULT_STAGES)
    files = corpus_files()
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.db") as store:
        start, cpu = time.perf_counter(), time.process_time()
        articles = 0
        for round_ in range(
            repeat
        ):  # another outlet each round: new ids, so every round is new work
            options = ReadOptions(outlet=f"round {round_}" if round_ else None)
            articles += ingest_paths(files, store, options, pipeline=pipeline).read
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return {
        "articles": articles,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_mb": peak_rss_mb(),
    }


def child_spacy() -> dict[str, float]:
    import spacy

    texts = [Path(name).read_text("utf-8", errors="replace") for name in corpus_files()]
    tokenizer: Any = spacy.blank("en").tokenizer
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in tokenizer.pipe(texts))
    return {
        "articles": len(texts),
        "seconds": time.perf_counter() - start,
        "tokens": tokens,
        "peak_mb": peak_rss_mb(),
    }


def report(repeat: int) -> None:
    script = Path(__file__)
    segmented = run_child(script, "sitrep", "1", "segmentation")
    one = run_child(script, "sitrep", "1")
    many = run_child(script, "sitrep", str(repeat))
    try:
        peer = run_child(script, "spacy")
    except SystemExit as error:
        peer = None
        print(f"(spaCy not measured: {error}; install the bench extra: pip install -e '.[bench]')")
    rate = segmented["articles"] / segmented["seconds"]
    print(f"corpus: {BBC} ({one['articles']:.0f} articles), one core")
    print(_row("", "articles/s", "seconds", "peak MB"))
    print(
        _row("sitrep ingest, segmentation only", rate, segmented["seconds"], segmented["peak_mb"])
    )
    full_rate = one["articles"] / one["seconds"]
    print(_row("sitrep ingest, default pipeline", full_rate, one["seconds"], one["peak_mb"]))
    if peer:
        peer_rate = peer["articles"] / peer["seconds"]
        print(
            _row("spaCy blank English tokenizer alone", peer_rate, peer["seconds"], peer["peak_mb"])
        )
        for what, mine in (("segmentation only", rate), ("full pipeline", full_rate)):
            verdict = "meets" if mine / peer_rate >= TARGET_RATIO else "misses"
            print(
                f"ratio sitrep {what} / spaCy tokenizer: {mine / peer_rate:.2f}"
                f" ({verdict} the target {TARGET_RATIO:.1f})"
            )
    rate_many = many["articles"] / many["seconds"]
    print(
        f"memory as the corpus grows: {one['articles']:.0f} articles {one['peak_mb']:.0f} MB, "
        f"{many['articles']:.0f} articles {many['peak_mb']:.0f} MB ({rate_many:.0f} articles/s)"
    )


def _row(label: str, rate: float | str, seconds: float | str, peak_mb: float | str) -> str:
    cells = (
        [f"{rate:.0f}", f"{seconds:.2f}", f"{peak_mb:.0f}"]
        if isinstance(rate, float)
        else [rate, seconds, peak_mb]
    )
    return f"{label:44}" + "".join(f"{cell:>12}" for cell in cells)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=4, help="corpus copies for the memory check")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.child:
        report(args.repeat)
        return
    pin_to_one_core()
    kind, *rest = args.child
    result = child_sitrep(int(rest[0]), *rest[1:]) if kind == "sitrep" else child_spacy()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
