"""The library's jobs: ingest into a store, extract without one, and the demo.

Pure orchestration over `ingest`, `pipeline`, `dedup` and `store`; nothing here prints or exits.
Callers learn about problems and progress through callbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from sitrep.brief import BriefFilter, render_brief
from sitrep.dedup import CopyDetector, MemoryBucketIndex
from sitrep.errors import UsageError
from sitrep.ingest import Problem, ReadOptions, Severity, read_articles
from sitrep.model import AnnotatedArticle, Article
from sitrep.pipeline import Pipeline
from sitrep.reconcile.claims import ClaimGroup
from sitrep.reconcile.events import MergedEvent
from sitrep.store import (
    Fingerprint,
    Store,
    StoreStats,
    WriteCounts,
    WriteItem,
    open_store,
    without_password,
)

# Articles per transaction: large enough that commits cost little, small enough that a batch
# (articles, annotations, signatures) stays a few megabytes in memory.
DEFAULT_BATCH_SIZE = 500
# Articles written between two merges of events and groupings of claims (`Store.reconcile`): each
# reads the stored reports near what changed, which in a busy store is most of them, so a bulk
# ingest merges once per ten batches (issue 10: five writes of 1,000 articles into a
# 100,000-article store took 119 s merging in each, 70 s merged once). A merge holds the reports
# of the days it sweeps: on that store's busy days, 160 MB more for 5,000 articles than for 1,000.
DEFAULT_RECONCILE_EVERY = 5_000

ProblemHandler = Callable[[Problem], None]
ArticleHandler = Callable[[Article], None]
# The pipeline over one article, wherever it runs (here, or on a Dask worker).
Annotate = Callable[[Article], AnnotatedArticle]


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did."""

    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    copies: int = 0
    errors: int = 0
    warnings: int = 0

    def count_problem(self, problem: Problem) -> None:
        if problem.severity is Severity.ERROR:
            self.errors += 1
        else:
            self.warnings += 1

    def add(self, counts: WriteCounts, items: Sequence[WriteItem]) -> None:
        self.new += counts.new
        self.updated += counts.updated
        self.unchanged += counts.unchanged
        self.copies += sum(1 for item in items if item.fingerprint and item.annotated.copy_of)


def articles_only(
    stream: Iterable[Article | Problem],
    report: IngestReport,
    on_problem: ProblemHandler | None,
    on_article: ArticleHandler | None,
) -> Iterator[Article]:
    for item in stream:
        if isinstance(item, Problem):
            report.count_problem(item)
            if on_problem:
                on_problem(item)
            continue
        report.read += 1
        if on_article:
            on_article(item)
        yield item


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    *,
    pipeline: Pipeline | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    reconcile_every: int = DEFAULT_RECONCILE_EVERY,
    stdin: BinaryIO | None = None,
    on_problem: ProblemHandler | None = None,
    on_article: ArticleHandler | None = None,
) -> IngestReport:
    """Read, annotate and store every article of `paths`, one transaction per batch; events and
    claims are merged every `reconcile_every` articles written and at the end (`write_batches`).

    Articles already stored by the same pipeline are not annotated again; a re-run changes nothing.
    """
    pipeline = pipeline or Pipeline.from_names()
    report = IngestReport()
    articles = articles_only(read_articles(paths, options, stdin), report, on_problem, on_article)
    annotated = ((batch, pipeline.run) for batch in batches(articles, batch_size))
    write_batches(annotated, store, pipeline.signature, report, reconcile_every)
    return report


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """`articles` in lists of `size`, the last one shorter; never more than one list in memory."""
    stream = iter(articles)
    while batch := list(islice(stream, size)):
        yield batch


def write_batches(
    annotated: Iterable[tuple[list[Article], Annotate]],
    store: Store,
    signature: str,
    report: IngestReport,
    reconcile_every: int = DEFAULT_RECONCILE_EVERY,
) -> None:
    """Each batch, in order, copy-checked and written as one transaction.

    Events and claims are merged in the write that brings the articles written without it to
    `reconcile_every` or more, and once more at the end, which also merges what a killed run left
    (`Store.reconcile`): the store ends as if every batch had merged its own.
    The in-process and the Dask ingest differ only in the `Annotate` given with each batch; the
    copy check stays here, in input order, because the first article seen is the original."""
    detector = CopyDetector(store)
    waiting = 0  # articles written since the last merge
    for batch, annotate in annotated:
        items = prepare_batch(batch, store, signature, detector, annotate)
        waiting += len(items)
        now = waiting >= reconcile_every
        report.add(store.write(items, reconcile=now), items)
        waiting = 0 if now else waiting
        report.unchanged += len(batch) - len(items)  # the same article twice in one batch
        detector.flush()
    store.reconcile()


@dataclass(slots=True, frozen=True)
class BatchPlan:
    """A batch as the store stands: its distinct articles (a later duplicate's metadata wins),
    the pipeline signature stored for those it holds, and those whose date this batch replaces."""

    unique: list[Article]
    known: dict[str, str]
    redated: set[str]

    def current(self, article: Article, signature: str) -> bool:
        """Stored, by this pipeline, with the date it has: nothing to annotate."""
        stored = self.known.get(article.id)
        return stored == signature and article.id not in self.redated

    def to_annotate(self, signature: str) -> list[Article]:
        return [article for article in self.unique if not self.current(article, signature)]


def plan_batch(batch: Sequence[Article], store: Store) -> BatchPlan:
    unique = list({article.id: article for article in batch}.values())
    known = store.pipeline_signatures([article.id for article in unique])
    redated = store.dates_replaced_by([article for article in unique if article.id in known])
    return BatchPlan(unique, known, redated)


def prepare_batch(
    batch: Sequence[Article],
    store: Store,
    signature: str,
    detector: CopyDetector,
    annotate: Annotate,
) -> list[WriteItem]:
    """One write item per distinct article of the batch, known ones first, then new ones in order.

    `annotate` runs the pipeline without a copy link, which is attached after: no stage reads it
    (a stage sees the article and earlier annotations only), so the records are the same."""
    plan = plan_batch(batch, store)
    new = [article for article in plan.unique if article.id not in plan.known]
    checks = detector.check_batch([(article.id, article.text) for article in new])
    items = [
        _known_item(article, signature, annotate, plan.current(article, signature))
        for article in plan.unique
        if article.id in plan.known
    ]
    for article, check in zip(new, checks, strict=True):
        fingerprint = Fingerprint(
            check.sketch.signature.tobytes(), check.sketch.shingles, tuple(check.keys)
        )
        annotated = replace(annotate(article), copy_of=check.link)
        items.append(WriteItem(annotated, signature, True, fingerprint))
    return items


def _known_item(article: Article, signature: str, annotate: Annotate, current: bool) -> WriteItem:
    """An article the store holds: annotated again only if an older pipeline annotated it, or if
    this ingest gives it another publication date (time expressions are resolved against it)."""
    annotated = AnnotatedArticle(article) if current else annotate(article)
    return WriteItem(annotated, signature, reannotated=not current)


def extract_paths(
    paths: Iterable[str],
    options: ReadOptions | None = None,
    *,
    pipeline: Pipeline | None = None,
    stdin: BinaryIO | None = None,
    on_problem: ProblemHandler | None = None,
    on_article: ArticleHandler | None = None,
    report: IngestReport | None = None,
) -> Iterator[AnnotatedArticle]:
    """Annotated articles of `paths`, without a store; wire copies are linked within the run."""
    pipeline = pipeline or Pipeline.from_names()
    detector = CopyDetector(MemoryBucketIndex())
    report = report if report is not None else IngestReport()
    stream = read_articles(paths, options, stdin)
    for article in articles_only(stream, report, on_problem, on_article):
        yield pipeline.run(article, detector.check(article.id, article.text).link)


@dataclass(slots=True, frozen=True)
class DemoResult:
    report: IngestReport
    stats: StoreStats
    articles: list[AnnotatedArticle]
    events: list[MergedEvent] = field(default_factory=list)
    claims: list[ClaimGroup] = field(default_factory=list)
    brief: Path | None = None  # the HTML brief written beside the store


def sample_corpus() -> Path:
    """The embedded sample corpus shipped inside the package."""
    return Path(str(resources.files("sitrep.sample").joinpath("corpus")))


def run_demo(db_path: str | Path, on_problem: ProblemHandler | None = None) -> DemoResult:
    """Ingest the sample corpus into a fresh store at `db_path`, read it back, and write its
    brief beside it (`demo_brief_path`).

    An existing store there is replaced only if it holds nothing but the sample corpus: the demo
    must never wipe an analyst's real store given by mistake. A file is removed; a server's
    database (a URL) is emptied."""
    if _is_url(db_path):
        _refuse_unless_demo_store(db_path)
    elif Path(db_path).exists():
        _refuse_unless_demo_store(db_path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with open_store(db_path) as store:
        store.clear()  # a file is new and empty already; a server's database is emptied
        report = ingest_paths([str(sample_corpus())], store, on_problem=on_problem)
        brief = demo_brief_path(db_path)
        write_text(brief, render_brief(store, BriefFilter(), "html"))
        return DemoResult(
            report, store.stats(), list(store.articles()), store.events(), store.claims(), brief
        )


def demo_brief_path(db_path: str | Path) -> Path:
    """Where the demo writes its brief: beside the store, named after it (for a server's
    database, in the current folder, named after the database)."""
    if _is_url(db_path):
        name = urlsplit(str(db_path)).path.strip("/") or "sitrep"
        return Path(f"{name}-brief.html")
    db = Path(db_path)
    return db.with_name(f"{db.stem}-brief.html")


def _is_url(db_path: str | Path) -> bool:
    return "://" in str(db_path)


def write_text(path: Path, text: str) -> None:
    """All or nothing: a temporary file beside `path`, renamed over it once written."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _refuse_unless_demo_store(db_path: str | Path) -> None:
    corpus = str(sample_corpus())
    with open_store(db_path) as store:
        foreign = next(
            (a for a in store.articles() if not (a.article.path or "").startswith(corpus)), None
        )
    if foreign is not None:
        raise UsageError(
            f"{without_password(str(db_path))} holds articles other than the sample corpus;"
            " the demo will not replace it",
            "give the demo another --db, or delete that store yourself",
        )
