"""Scaling benchmark: `sitrep ingest --dask local[K]` for K workers, beside the in-process ingest.

Builds N articles as gzip JSON Lines from the embedded sample corpus, each copy varied enough not
to be a wire copy of the others (some sentences dropped, paragraphs reordered, figures changed,
towns swapped from a list, another date and outlet), then ingests them into a fresh store in
process and with 1, 2 and 4 local worker processes, and prints articles per second (wall time of
the whole command, cluster start included) and the client's peak memory.

    python benchmarks/bench_dask.py [--articles 2000] [--workers 1,2,4] [--batch-size 500]
        [--skip-in-process]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import peak_rss_mb, run_child

TOWNS = (
    "Shaddadi",
    "Hilla",
    "Taza",
    "Tal Abyad",
    "Sinjar",
    "Kirkuk",
    "Mosul",
    "Raqqa",
    "Palmyra",
    "Haditha",
    "Ramadi",
    "Tikrit",
    "Baiji",
    "Hasakah",
    "Makhmour",
    "Madaya",
)
OPENINGS = ("", "", "Meanwhile, ", "Earlier, ", "Later, ", "By nightfall, ", "Separately, ")
COMMON_OPENERS = frozenset(("The", "A", "An", "In", "On", "At", "He", "She", "They", "It", "Its"))
CLOSINGS = (
    "a local official said",
    "residents reported",
    "according to a monitor",
    "witnesses told reporters",
    "the statement added",
    "a relief worker said",
    "sources on the ground said",
    "a council member confirmed",
)
_TOWN = re.compile(r"\b(" + "|".join(re.escape(town) for town in TOWNS) + r")\b")
_FIGURE = re.compile(r"\b\d{1,3}\b")  # years (four digits) keep their value
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
ARTICLES_PER_FILE = 10_000


def sample_records() -> list[dict[str, Any]]:
    from sitrep.ingest import read_articles
    from sitrep.jobs import sample_corpus
    from sitrep.model import Article

    return [
        {
            "text": article.text,
            "title": article.title,
            "outlet": article.outlet,
            "published": article.published,
        }
        for article in read_articles([str(sample_corpus())])
        if isinstance(article, Article)
    ]


def varied(record: dict[str, Any], copy: int) -> dict[str, Any]:
    """The `copy`th variant of a sample article (copy 0 is the article itself)."""
    if copy == 0:
        return {**record, "published": _iso(record["published"])}
    pick = random.Random(copy)
    paragraphs = [_dropped(p, pick) for p in record["text"].split("\n\n")]
    pick.shuffle(paragraphs[1:])  # the lead stays first
    text = "\n\n".join(p for p in paragraphs if p)
    text = _TOWN.sub(lambda m: TOWNS[(TOWNS.index(m.group(1)) + copy) % len(TOWNS)], text)
    text = _FIGURE.sub(lambda m: str(int(m.group()) + 1 + copy % 9), text)
    published = record["published"] + dt.timedelta(days=copy % 700) if record["published"] else None
    return {
        "text": text,
        "title": f"{record['title'] or 'Report'} ({copy})",
        "outlet": f"{record['outlet'] or 'Desk'} {copy % 40}",
        "published": _iso(published),
    }


def _dropped(paragraph: str, pick: random.Random) -> str:
    """The paragraph without about a third of its sentences (at least one kept), the others
    opened and closed by words of this copy's own: a copy shares few word 5-shingles with
    another copy of the same article."""
    sentences = _SENTENCE_END.split(paragraph)
    kept = [s for s in sentences if pick.random() > 0.35] or sentences[:1]
    return " ".join(_reworded(sentence, pick) for sentence in kept)


def _reworded(sentence: str, pick: random.Random) -> str:
    if not sentence.endswith("."):
        return sentence
    opening = pick.choice(OPENINGS)
    common = sentence.split(" ", 1)[0] in COMMON_OPENERS
    body = sentence[0].lower() + sentence[1:] if opening and common else sentence
    return f"{opening}{body[:-1]}, {pick.choice(CLOSINGS)}."


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def corpus_lines(count: int) -> Iterator[str]:
    records = sample_records()
    for number in range(count):
        yield json.dumps(varied(records[number % len(records)], number // len(records))) + "\n"


def write_corpus(folder: Path, count: int) -> list[str]:
    """The corpus as gzip JSON Lines files of `ARTICLES_PER_FILE` articles each."""
    files: list[str] = []
    lines = corpus_lines(count)
    for start in range(0, count, ARTICLES_PER_FILE):
        path = folder / f"corpus-{start // ARTICLES_PER_FILE:03d}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            for _ in range(min(ARTICLES_PER_FILE, count - start)):
                handle.write(next(lines))
        files.append(str(path))
    return files


def child(db: str, batch_size: int, dask: str, files: list[str]) -> dict[str, Any]:
    """One `sitrep ingest` in this process, as the command runs it; its figures as JSON."""
    from sitrep.cli import main

    options = ["--dask", dask] if dask != "none" else []
    start = time.perf_counter()
    code = main(["ingest", *files, "--db", db, "--batch-size", str(batch_size), *options])
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"sitrep ingest exited with {code}")
    from sitrep.store import open_store

    with open_store(db) as store:
        stats = store.stats()
    return {
        "seconds": seconds,
        "peak_mb": peak_rss_mb(),
        "articles": stats.articles,
        "copies": stats.copies,
    }


def report(count: int, workers: list[int], batch_size: int, in_process: bool = True) -> None:
    script = Path(__file__)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        files = write_corpus(Path(folder), count)
        print(f"{count:,} articles written in {time.perf_counter() - start:.1f} s; {_cores()}")
        print(f"{'run':<20} {'articles/s':>10} {'seconds':>8} {'client MB':>9}  stored (copies)")
        runs = ["none"] if in_process else []
        for dask in [*runs, *(f"local[{k}]" for k in workers)]:
            db = str(Path(folder) / f"{dask.replace('[', '-').rstrip(']')}.db")
            found = run_child(script, db, str(batch_size), dask, *files)
            label = "in process" if dask == "none" else f"--dask {dask}"
            print(
                f"{label:<20} {count / found['seconds']:>10.1f} {found['seconds']:>8.1f}"
                f" {found['peak_mb']:>9.0f}  {found['articles']:,} ({found['copies']:,})",
                flush=True,
            )


def _cores() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{usable} usable cores: more workers than cores share them"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        db, batch_size, dask, *files = sys.argv[2:]
        print(json.dumps(child(db, int(batch_size), dask, files)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2,4", help="worker counts, comma-separated")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument(
        "--skip-in-process", action="store_true", help="only the Dask runs (a long corpus)"
    )
    args = parser.parse_args()
    workers = [int(k) for k in args.workers.split(",") if k]
    report(args.articles, workers, args.batch_size, in_process=not args.skip_in_process)


if __name__ == "__main__":
    main()
