"""The Dask ingest: the pipeline on a cluster's workers, the same store as the in-process ingest."""

from __future__ import annotations

import gc
import gzip
import json
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import store_dump
from distributed import Client, LocalCluster

from sitrep.distributed import (
    LocalWorkers,
    PackedPipeline,
    Scheduler,
    annotate_articles,
    ingest_paths_dask,
    parse_cluster,
)
from sitrep.errors import ClusterError, PipelineError, UsageError, WorkerMismatchError
from sitrep.ingest import Problem
from sitrep.jobs import IngestReport, ingest_paths, sample_corpus
from sitrep.model import Article, CopyLink, Span
from sitrep.pipeline import Pipeline
from sitrep.store import SQLiteStore

# The clusters' status servers move off a port another cluster holds, and warn that they did.
pytestmark = pytest.mark.filterwarnings("ignore:Port \\d+ is already in use:UserWarning")

CROSSING = [
    "Engineers reopened the river crossing at Qasr Jadid on Sunday after four days of repairs,"
    " the provincial council said, and the first lorries carrying flour reached the east bank"
    " by the afternoon.",
    "The bridge was hit by artillery fire last Wednesday, when at least 14 people waiting to"
    " cross were wounded and two drivers were killed, according to the council.",
    "A council spokesman said about 300 families had crossed back to their villages since the"
    " morning, and that a second crossing further south would open within a week if the"
    " shelling stopped.",
    "Traders in the market town said the price of bread had doubled while the crossing was"
    " closed, because every sack had to travel around the lake on a road held by three"
    " different armed groups.",
]
# The same wire story, retitled and trimmed by a second outlet.
CROSSING_COPY = [p.replace("on Sunday", "on Sunday morning") for p in CROSSING[:3]]
CLINIC = [
    "A mobile clinic run by volunteers treated 57 patients in the hill village of Deir Samaan"
    " on Monday, its organisers said, most of them children with chest infections.",
    "The village has had no doctor since the spring, when its health centre was damaged in an"
    " air raid that the local council blamed on government aircraft.",
    "The volunteers said they would return every second week as long as the road stayed open.",
]

# After this text the places stage (shared by every pipeline of a process) holds a cache that
# does not pickle.
UNPICKLING = "Clashes in Raqqa killed 5 people, the Syrian Observatory said."


def record(text: list[str], outlet: str, title: str, published: str | None) -> dict[str, Any]:
    found = {"text": "\n\n".join(text), "outlet": outlet, "title": title}
    return found | ({"published": published} if published else {})


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    """The sample corpus, then JSON Lines with a broken line and gzip JSON Lines holding a wire
    copy, an exact duplicate, and a duplicate that gives an undated article its date."""
    plain = tmp_path / "wire.jsonl"
    lines = [
        json.dumps(record(CROSSING, "Tigris Wire", "Crossing reopens", "2016-03-06")),
        json.dumps(record(CLINIC, "Levant Ledger", "Clinic visits village", None)),
        '{"text": "A truncated line',
    ]
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    packed = tmp_path / "more.jsonl.gz"
    copies = [
        record(CROSSING_COPY, "Gulf Courier", "Flour reaches east bank", "2016-03-06"),
        record(CROSSING, "Tigris Wire", "Crossing reopens", "2016-03-06"),
        record(CLINIC, "Levant Ledger", "Clinic visits village", "2016-03-07"),
    ]
    packed.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in copies).encode()))
    return [str(sample_corpus()), str(plain), str(packed), str(tmp_path / "missing.txt")]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[Scheduler]:
    """Two worker processes of one thread each, on loopback, for the module."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield Scheduler(cluster.scheduler_address)


def ingest_both(
    paths: list[str], tmp_path: Path, cluster: LocalWorkers | Scheduler, batch_size: int
) -> tuple[tuple[IngestReport, list[Problem]], tuple[IngestReport, list[Problem]]]:
    """The same inputs ingested in process and on `cluster`, into `local.db` and `dask.db`."""
    runs = []
    for name in ("local", "dask"):
        problems: list[Problem] = []
        with SQLiteStore.open(tmp_path / f"{name}.db") as store:
            options: dict[str, Any] = {"batch_size": batch_size, "on_problem": problems.append}
            if name == "local":
                report = ingest_paths(paths, store, **options)
            else:
                fresh = Pipeline.from_names()  # never run here: it ships to the workers
                report = ingest_paths_dask(paths, store, cluster=cluster, pipeline=fresh, **options)
        runs.append((report, problems))
    return runs[0], runs[1]


@pytest.mark.parametrize("batch_size", [3, 500])
def test_distributed_ingest_gives_the_store_of_the_local_ingest(
    corpus: list[str],
    scheduler: Scheduler,
    tmp_path: Path,
    batch_size: int,
) -> None:
    local, dask = ingest_both(corpus, tmp_path, scheduler, batch_size)
    assert dask == local
    report, problems = dask
    assert (report.read, report.new, report.copies) == (21, 19, 2)
    assert [problem.source for problem in problems] == [f"{corpus[1]}:3", corpus[3]]
    dumped = store_dump(tmp_path / "dask.db")
    assert dumped == store_dump(tmp_path / "local.db")
    copies = {a[0]["title"]: a[0]["copy_of"] for a in dumped["articles"] if a[0]["copy_of"]}
    assert "Flour reaches east bank" in copies
    assert dumped["events"] != "[]" and dumped["claims"] != "[]"


def test_distributed_ingest_annotates_on_the_workers_only(
    corpus: list[str], scheduler: Scheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This process never runs the pipeline (the workers are other processes, which the patch
    does not reach); and a second run annotates nothing anywhere."""
    calls: list[str] = []
    original = Pipeline.run

    def counted(self: Pipeline, article: Article, copy_of: CopyLink | None = None) -> Any:
        calls.append(article.id)
        return original(self, article, copy_of)

    monkeypatch.setattr(Pipeline, "run", counted)
    with SQLiteStore.open(tmp_path / "store.db") as store:
        first = ingest_paths_dask(corpus, store, cluster=scheduler, batch_size=4)
        again = ingest_paths_dask(corpus, store, cluster=scheduler, batch_size=4)
    assert calls == []
    assert first.new == 19
    assert (again.new, again.updated, again.unchanged) == (0, 0, 21)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("local[2]", LocalWorkers(2)),
        (" local[16] ", LocalWorkers(16)),
        ("tcp://10.0.0.5:8786", Scheduler("tcp://10.0.0.5:8786")),
        ("scheduler.example.org:8786", Scheduler("tcp://scheduler.example.org:8786")),
        ("tls://[::1]:8786", Scheduler("tls://[::1]:8786")),
    ],
)
def test_distributed_parse_cluster_reads_both_forms(
    value: str, expected: LocalWorkers | Scheduler
) -> None:
    assert parse_cluster(value) == expected


@pytest.mark.parametrize(
    "value", ["local", "local[0]", "local[two]", "local[2", "8786", "http://host:8786", "h:99999"]
)
def test_distributed_parse_cluster_refuses_malformed_values(value: str) -> None:
    with pytest.raises(UsageError, match="--dask") as raised:
        parse_cluster(value)
    assert "local[N]" in raised.value.remedy


def test_distributed_packs_a_built_in_pipeline_by_its_stage_names() -> None:
    """Even once a pipeline has run in this process, when its stages no longer pickle."""
    Pipeline.from_names().run(Article.create(UNPICKLING))
    pipeline = Pipeline.from_names(("paragraphs", "sentences", "places"))
    packed = PackedPipeline.pack(pipeline)
    assert packed == PackedPipeline(pipeline.signature, names=("paragraphs", "sentences", "places"))
    assert packed.unpacked().signature == pipeline.signature


@dataclass(slots=True, frozen=True)
class Shouting:
    """A stage of the caller's own, which goes to workers pickled."""

    name: str = "shouting"
    reads: tuple[str, ...] = ()
    version: str = "1"
    unpicklable: Callable[[], None] | None = None

    def __call__(self, article: Article, annotations: Mapping[str, tuple[Span, ...]]) -> tuple[()]:
        return ()


def test_distributed_pipeline_of_own_stages_goes_pickled_or_is_refused() -> None:
    packed = PackedPipeline.pack(Pipeline((Shouting(),)))
    assert packed.names is None and packed.blob
    with pytest.raises(PipelineError, match="cannot be sent to Dask workers") as raised:
        PackedPipeline.pack(Pipeline((Shouting(unpicklable=lambda: None),)))
    assert "stages that pickle" in raised.value.remedy


def test_distributed_worker_with_another_pipeline_is_refused(scheduler: Scheduler) -> None:
    """Another sitrep version or gazetteer on a worker: its records are not this pipeline's."""
    article = Article.create(UNPICKLING)
    other = PackedPipeline("0123456789ab", names=("paragraphs",))
    with Client(scheduler.address, set_as_default=False) as client:
        task = client.submit(annotate_articles, other, [article], pure=False)
        with pytest.raises(WorkerMismatchError, match="signature") as raised:
            task.result(timeout=60)
    assert "same sitrep version" in raised.value.remedy


def test_distributed_worker_gets_the_pipeline_from_a_worker_that_ran_it(
    scheduler: Scheduler,
) -> None:
    """Dask may drop a worker's copy of the shipped pipeline and have it fetch one from another
    worker later: that must work after the other has run it (a live pipeline no longer pickles,
    and the task waited for it forever)."""
    article = Article.create(UNPICKLING)
    with Client(scheduler.address, set_as_default=False) as client:
        first, second = sorted(client.nthreads())
        packed = PackedPipeline.pack(Pipeline.from_names())
        shipped = client.scatter(packed, workers=[first], hash=False)
        ran = client.submit(annotate_articles, shipped, [article], workers=[first], pure=False)
        fetched = client.submit(annotate_articles, shipped, [article], workers=[second], pure=False)
        assert ran.result(timeout=60) == fetched.result(timeout=60)


def test_distributed_unreachable_scheduler_is_a_cluster_error(tmp_path: Path) -> None:
    with SQLiteStore.open(tmp_path / "store.db") as store, pytest.raises(ClusterError) as raised:
        ingest_paths_dask(
            [str(sample_corpus())], store, cluster=Scheduler("tcp://127.0.0.1:9"), timeout=1
        )
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in raised.value.message
    assert "dask scheduler" in raised.value.remedy


def test_distributed_scheduler_without_workers_is_a_cluster_error(tmp_path: Path) -> None:
    with (
        LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None) as empty,
        SQLiteStore.open(tmp_path / "store.db") as store,
        pytest.raises(ClusterError, match="has no worker after 1 s") as raised,
    ):
        cluster = Scheduler(empty.scheduler_address)
        ingest_paths_dask([str(sample_corpus())], store, cluster=cluster, timeout=1)
    assert "dask worker" in raised.value.remedy


def test_distributed_ingest_lets_go_of_articles_written_issue_10(tmp_path: Path) -> None:
    """distributed logs every message it sends for debugging, and the message that sends a task
    carries its articles: this process (client and local scheduler) held every article it had
    sent, up to 1,000 tasks per worker. Now only the batches in flight are held."""
    path = tmp_path / "many.jsonl"
    lines = [
        json.dumps(record(CLINIC, f"Levant Ledger {number}", f"Clinic {number}", "2016-03-07"))
        for number in range(40)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first: set[str] = set()
    held: list[int] = []

    def on_article(article: Article) -> None:
        if len(first) < 10:
            first.add(article.id)
        elif article.title == "Clinic 39":
            held.append(held_after_releases())

    def held_after_releases() -> int:
        # The scheduler forgets a gathered task when its thread gets to the release message:
        # writes that merge nothing yet (`reconcile_every`) leave it no time between batches.
        deadline = time.monotonic() + 10
        while True:
            gc.collect()
            count = sum(isinstance(o, Article) and o.id in first for o in gc.get_objects())
            if count == 0 or time.monotonic() > deadline:
                return count
            time.sleep(0.05)

    with SQLiteStore.open(tmp_path / "store.db") as store:
        report = ingest_paths_dask(
            [str(path)], store, cluster=LocalWorkers(1), batch_size=2, on_article=on_article
        )
    assert report.new == 40
    assert held == [0]
