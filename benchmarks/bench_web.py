"""Web UI benchmark (issue 9): server time of the article page, the claims page and search over a
store of 10,000 articles generated from the sample corpus. Target: under 100 ms each.

The 16 sample articles (15 files; the feed holds two) are annotated once with the default
pipeline, then written again and again, each copy under one of 40 editions of its outlet ("Gulf
Courier 17": 320 outlets in all), with a line "Load-test copy N." after its text (so that every
copy has its own id) and its publication date moved two days a round, so that 10,000 articles span
about three and a half years. Copies get no MinHash buckets, so no near-duplicate links.

- **Varied** (the default): each copy's annotations move with it, as a real archive's would
  differ from story to story. Their days move by as many days as its publication; every five
  rounds (ten days) its towns, and its claims' subjects and places, move one on in pools drawn
  from the sample corpus (41 towns, 5 subjects, 8 claim places). The copies of one story within
  those ten days may tell of one event, and a claim group gathers a few rounds of claims each
  time its subject and place come round: several periods, as a time series.
- **Piled** (`--piled`, the worst case): the annotations are copied as they are, so every copy's
  events and claims pile onto the sample's own 32 events and 16 claim groups, each with
  hundreds or thousands of reports, far more than a real store's would have.

The store is cached, built once in a child process (so that its memory is not the server's):
`--store PATH` reuses a store of the right size, by default one under the system temp dir named
with the kind and the article count.

Timing drives `sitrep.web.create_app` in-process through Starlette's TestClient: server time
plus the test client's own overhead, no network, one warm-up request per route outside the clock.
Median, 95th percentile and maximum over `--repeat` requests of: `/articles/{id}` (varying ids),
`/claims`, `/api/articles?q=` and `/articles?q=` (rotating words of the corpus), `/events`,
`/api/claims`, and `/claims/{id}` (groups spread over the store: a group's page reads every
claim of it). A route is "ok" when its 95th percentile is under the target; a route that
answers anything but 200 is reported as failed, with the statuses. Speed is reported, never
gated: the exit status is 0 whatever the figures.

    python benchmarks/bench_web.py [--articles 10000] [--repeat 30] [--piled] [--store PATH]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import json
import math
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from starlette.testclient import TestClient

from _shared import peak_rss_mb, run_child
from sitrep.claims.lexicon import ClaimLexicon
from sitrep.dedup import MinHasher
from sitrep.ingest import read_articles
from sitrep.jobs import DEFAULT_BATCH_SIZE, sample_corpus
from sitrep.model import (
    AnnotatedArticle,
    Article,
    Claim,
    Event,
    Place,
    Span,
    TimeExpression,
    article_id,
)
from sitrep.pipeline import Pipeline
from sitrep.store import Fingerprint, SQLiteStore, WriteItem

TARGET_MS = 100.0  # issue 9: each page and search under 100 ms on this machine
DAYS_PER_ROUND = 2  # 625 rounds of the 16 sample articles: dates spread over ~3.4 years
# A varied store moves its copies' places on every 5 rounds (10 days): the copies of one story in
# those rounds may tell of one event; the pool's next place comes round about a year later.
PLACE_ROUNDS = 5
OUTLET_EDITIONS = 40  # "Gulf Courier 0" to "Gulf Courier 39": 8 outlets make 320
# Words of the sample corpus, rotated so search is not timed on one cached query.
SEARCH_WORDS = ("Shaddadi", "truce", "Hilla", "Palmyra", "Taza", "Geneva", "chemical", "air strike")

BatchHandler = Callable[[int, float], None]  # (articles written so far, seconds of this write)


def sample_articles() -> list[Article]:
    """The sample corpus as the readers give it (15 files, 16 articles: the feed holds two)."""
    return [item for item in read_articles([str(sample_corpus())]) if isinstance(item, Article)]


@dataclasses.dataclass(slots=True, frozen=True)
class Base:
    """A sample article annotated once, with what every copy of it shares."""

    annotated: AnnotatedArticle
    fingerprint: Fingerprint


def annotate_samples(pipeline: Pipeline) -> list[Base]:
    hasher = MinHasher.create()
    bases = []
    for article in sample_articles():
        sketch = hasher.sketch(article.text)
        # No buckets: copies are never candidates, so no near-duplicate linking.
        fingerprint = Fingerprint(sketch.signature.tobytes(), sketch.shingles, ())
        bases.append(Base(pipeline.run(article), fingerprint))
    return bases


def variant(base: Base, round_: int, pools: Pools | None = None) -> AnnotatedArticle:
    """Round `round_`'s copy: a later date, one of 40 editions of the outlet, and an edition line
    after the text, so that its id (of outlet and text) differs from every other copy's.

    The outlets stay a realistic few hundred (the article list offers them all); the line goes
    last so that the copied annotations' offsets still fit the text. With `pools` (the varied
    store), the annotations move with the copy: their days by as many days as its publication,
    their towns and their claims' subjects and places to others of the pools (`Move`)."""
    article = base.annotated.article
    outlet = f"{article.outlet} {round_ % OUTLET_EDITIONS}"
    text = f"{article.text}\n\nLoad-test copy {round_ // OUTLET_EDITIONS}."
    days = DAYS_PER_ROUND * round_
    published = article.published and article.published + dt.timedelta(days)
    copy = dataclasses.replace(
        article, id=article_id(text, outlet), text=text, outlet=outlet, published=published
    )
    annotations = base.annotated.annotations
    if pools is not None:
        move = Move(days, pools, round_ // PLACE_ROUNDS)
        annotations = {kind: tuple(map(move.record, found)) for kind, found in annotations.items()}
    return AnnotatedArticle(copy, annotations)


@dataclasses.dataclass(slots=True, frozen=True)
class Pools:
    """What a varied copy's annotations are moved among, all from the sample corpus: its towns
    (located places that pin a town), and the subjects and places its claims name."""

    towns: tuple[Place, ...]
    subjects: tuple[str, ...]
    claim_places: tuple[str, ...]

    @classmethod
    def of(cls, bases: Sequence[Base]) -> Pools:
        towns: dict[str, Place] = {}
        claims = [c for b in bases for c in b.annotated.get("claims") if isinstance(c, Claim)]
        for base in bases:
            for place in base.annotated.get("places"):
                if isinstance(place, Place) and place.lat is not None and place.precision == 1:
                    towns.setdefault(place.name, place)
        return cls(
            tuple(towns[name] for name in sorted(towns)),
            tuple(sorted({c.subject for c in claims if c.subject})),
            tuple(sorted({c.place for c in claims if c.place})),
        )


@dataclasses.dataclass(slots=True, frozen=True)
class Move:
    """How one copy's annotations move: `days` later, and each town, claim subject and claim
    place of the pools `turn` on."""

    days: int
    pools: Pools
    turn: int

    def on(self, name: str | None, names: Sequence[str]) -> str | None:
        if name not in names:
            return name
        return names[(names.index(name) + self.turn) % len(names)]

    def place(self, place: Place) -> Place:
        """The pool's town `turn` on, where the copy's text still names the original."""
        towns = self.pools.towns
        wanted = self.on(place.name, [town.name for town in towns])
        new = next((town for town in towns if town.name == wanted), place)
        return dataclasses.replace(
            new, start_char=place.start_char, end_char=place.end_char, text=place.text
        )

    def interval(self, days: tuple[str, str] | None) -> tuple[str, str] | None:
        if days is None:
            return None
        shift = dt.timedelta(self.days)
        first, last = (dt.date.fromisoformat(day) + shift for day in days)
        return first.isoformat(), last.isoformat()

    def record(self, record: Span) -> Span:
        replace = dataclasses.replace
        if isinstance(record, Place):
            return self.place(record)
        if isinstance(record, TimeExpression):
            return replace(record, interval=self.interval(record.interval))
        if isinstance(record, Event):
            place = record.place and self.place(record.place)
            return replace(record, interval=self.interval(record.interval), place=place)
        if isinstance(record, Claim):
            return self.claim(record)
        return record

    def claim(self, claim: Claim) -> Claim:
        moved = dataclasses.replace(
            claim,
            period=self.interval(claim.period),
            subject=self.on(claim.subject, self.pools.subjects),
            place=self.on(claim.place, self.pools.claim_places),
        )
        return dataclasses.replace(moved, key=claim_lexicon().key_of(moved))


@functools.cache
def claim_lexicon() -> ClaimLexicon:
    return ClaimLexicon.load()


def write_items(
    bases: Sequence[Base], count: int, signature: str, piled: bool = False
) -> Iterator[WriteItem]:
    """`count` distinct articles, made one at a time: only a batch is ever in memory."""
    pools = None if piled else Pools.of(bases)
    for index in range(count):
        base = bases[index % len(bases)]
        annotated = variant(base, index // len(bases), pools)
        yield WriteItem(annotated, signature, reannotated=True, fingerprint=base.fingerprint)


def build_store(
    path: Path, articles: int = 10_000, on_batch: BatchHandler | None = None, piled: bool = False
) -> None:
    """Write `articles` copies of the annotated sample corpus into a fresh store at `path`:
    varied, or `piled` onto the sample's own events and groups (see the module docstring)."""
    if path.exists():
        raise FileExistsError(f"{path} exists; build_store writes a fresh store only")
    pipeline = Pipeline.from_names()
    bases = annotate_samples(pipeline)
    items = write_items(bases, articles, pipeline.signature, piled)
    written = 0
    with SQLiteStore.open(path) as store:
        while batch := list(islice(items, DEFAULT_BATCH_SIZE)):
            start = time.perf_counter()
            store.write(batch)
            written += len(batch)
            if on_batch:
                on_batch(written, time.perf_counter() - start)


def stored_articles(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        count: int = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    return count


def default_store(articles: int, piled: bool) -> Path:
    kind = "piled" if piled else "varied"
    return Path(tempfile.gettempdir()) / f"sitrep-bench-web-{kind}-{articles}.db"


def child_build(path: Path, articles: int, piled: bool) -> dict[str, float]:
    """Build into a side file renamed once complete: an interrupted build is never reused."""
    partial = path.with_name(f"{path.name}.partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    writes: list[float] = []
    start = time.perf_counter()
    build_store(partial, articles, lambda _written, seconds: writes.append(seconds), piled)
    seconds = time.perf_counter() - start
    partial.replace(path)  # the store is closed: its WAL is checkpointed and gone
    return {
        "seconds": seconds,
        "setup_seconds": seconds - sum(writes),
        "first_write": writes[0] if writes else 0.0,
        "last_write": writes[-1] if writes else 0.0,
        "batches": len(writes),
        "peak_mb": peak_rss_mb(),
    }


def ensure_store(path: Path, articles: int, explicit: bool, piled: bool) -> dict[str, float] | None:
    """Reuse the store at `path` if it holds `articles`, else build it; the build's figures."""
    if path.exists():
        found = stored_articles(path)
        if found == articles:
            return None
        if explicit:  # never delete a store the user named: it may be a real one
            raise SystemExit(f"{path} holds {found} articles, not {articles}: give another --store")
        path.unlink()
    mode = "piled" if piled else "varied"
    return run_child(Path(__file__), "build", str(path), str(articles), mode)


Request = tuple[str, dict[str, str]]  # path and query parameters


@dataclasses.dataclass(slots=True)
class Timing:
    """One route's timed requests, in milliseconds, and the statuses that were not 200."""

    route: str
    millis: list[float] = dataclasses.field(default_factory=list)
    failures: list[str] = dataclasses.field(default_factory=list)

    def row(self) -> str:
        if self.failures:
            return f"{self.route:28}  failed: {', '.join(sorted(set(self.failures)))}"
        ordered = sorted(self.millis)
        p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]  # nearest rank: a real request's time
        verdict = "ok" if p95 < TARGET_MS else "over"
        cells = [statistics.median(ordered), p95, ordered[-1], TARGET_MS]
        return f"{self.route:28}" + "".join(f"{cell:>10.1f}" for cell in cells) + f"{verdict:>8}"


def time_route(client: TestClient, route: str, requests: Sequence[Request]) -> Timing:
    """One warm-up request outside the clock (templates, statement caches), then each timed."""
    timing = Timing(route)
    for index, (path, params) in enumerate([requests[0], *requests]):
        start = time.perf_counter()
        response = client.get(path, params=params)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            timing.failures.append(f"{response.status_code} on {path}")
        elif index:
            timing.millis.append(elapsed)
    return timing


def article_ids(path: Path, count: int) -> list[str]:
    """`count` ids spread evenly over the store (all 16 sample texts come round)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        ids = [row[0] for row in db.execute("SELECT id FROM articles ORDER BY rowid")]
    return [ids[index * len(ids) // count] for index in range(count)]


def group_ids(path: Path, count: int) -> list[str]:
    """`count` claim group ids spread over the store's groups, in turn."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        ids = [row[0] for row in db.execute("SELECT group_id FROM claim_groups ORDER BY key")]
    return [ids[index * len(ids) // count] for index in range(count)] if ids else []


def searches(path: str, repeat: int) -> list[Request]:
    return [(path, {"q": SEARCH_WORDS[index % len(SEARCH_WORDS)]}) for index in range(repeat)]


def check_words() -> None:
    """A word the corpus lacks would time an empty search: fast and meaningless."""
    texts = " ".join(article.text.casefold() for article in sample_articles())
    missing = [word for word in SEARCH_WORDS if word.casefold() not in texts]
    if missing:
        raise SystemExit(f"search words not in the sample corpus: {missing}")


def routes(path: Path, repeat: int) -> list[tuple[str, list[Request]]]:
    articles: list[Request] = [(f"/articles/{id_}", {}) for id_ in article_ids(path, repeat)]
    return [
        ("GET /articles/{id}", articles),
        ("GET /claims", [("/claims", {})] * repeat),
        ("GET /api/articles?q=WORD", searches("/api/articles", repeat)),
        ("GET /articles?q=WORD", searches("/articles", repeat)),
        ("GET /events", [("/events", {})] * repeat),
        ("GET /api/claims", [("/api/claims", {})] * repeat),
        ("GET /claims/{id}", [(f"/claims/{id_}", {}) for id_ in group_ids(path, repeat)]),
    ]


def measure(path: Path, repeat: int) -> list[Timing]:
    from sitrep.web import create_app

    # A route that raises is reported as a 500 in the table, not a crash of the benchmark.
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        return [time_route(client, route, requests) for route, requests in routes(path, repeat)]


def report(path: Path, articles: int, repeat: int, built: dict[str, float] | None) -> None:
    if built is None:
        print(f"store: {path} ({articles} articles, reused)")
    else:
        print(
            f"store: {path} ({articles} articles) built in {built['seconds']:.1f} s"
            f" (pipeline and annotation {built['setup_seconds']:.1f} s; writes of"
            f" {DEFAULT_BATCH_SIZE}: first {built['first_write']:.2f} s,"
            f" last {built['last_write']:.2f} s; peak {built['peak_mb']:.0f} MB)"
        )
    print(f"store size on disk: {path.stat().st_size / 2**20:.1f} MB")
    timings = measure(path, repeat)
    print(f"server time over {repeat} requests each (TestClient, in-process; verdict on p95)")
    header = ["median ms", "p95 ms", "max ms", "target ms", "verdict"]
    print(f"{'route':28}" + "".join(f"{cell:>10}" for cell in header[:-1]) + f"{header[-1]:>8}")
    for timing in timings:
        print(timing.row())
    print(f"peak memory (server and client): {peak_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the store")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per route")
    parser.add_argument("--store", type=Path, help="store to reuse or build (default: temp dir)")
    parser.add_argument(
        "--piled",
        action="store_true",
        help="pile every copy onto the sample's own events and claim groups (the worst case)",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _kind, path, articles, mode = args.child
        print(json.dumps(child_build(Path(path), int(articles), mode == "piled")))
        return
    path = args.store or default_store(args.articles, args.piled)
    check_words()
    built = ensure_store(path, args.articles, args.store is not None, args.piled)
    report(path, args.articles, args.repeat, built)


if __name__ == "__main__":
    main()
