"""Ingest over a Dask distributed cluster: workers run the pipeline, this process does the rest.

The store must end up exactly as `jobs.ingest_paths` leaves it, and wire-copy detection depends on
order (the first article seen is the original). So this process reads the inputs, in order, sends
each batch's articles that need annotating to the workers, and hands the batches back to
`jobs.write_batches` in input order, which copy-checks and writes them one transaction each, as
the in-process ingest does. A few batches are in flight at once (`IN_FLIGHT_PER_WORKER` per worker
thread): enough to keep the workers busy while a batch is written, never the whole corpus.

dask and distributed are imported inside functions: an in-process run never pays for them.
"""

from __future__ import annotations

import pickle
import re
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, TypeAlias

from sitrep.errors import ClusterError, PipelineError, UsageError, WorkerMismatchError
from sitrep.ingest import ReadOptions, read_articles
from sitrep.jobs import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_RECONCILE_EVERY,
    Annotate,
    ArticleHandler,
    IngestReport,
    ProblemHandler,
    articles_only,
    batches,
    plan_batch,
    write_batches,
)
from sitrep.model import AnnotatedArticle, Article
from sitrep.pipeline import Pipeline
from sitrep.store import Store

if TYPE_CHECKING:
    from distributed import Future

# distributed's Client and LocalCluster carry no type hints: they are `Any` here.
Client: TypeAlias = Any
# A task's result to come: the annotated articles of one chunk.
ChunkFuture: TypeAlias = "Future[list[AnnotatedArticle]]"

# Batches being annotated at once, per worker thread: one computing, one waiting its turn, so a
# worker never idles while this process writes.
IN_FLIGHT_PER_WORKER = 2
# Articles per task: tens of milliseconds each, so a task runs about a second, long beside the
# scheduler's millisecond of overhead a task, and short enough to spread a batch over workers.
TASK_ARTICLES = 50
# Seconds to reach a scheduler, and for it to have a worker, before giving up.
DEFAULT_CONNECT_TIMEOUT = 10.0
# distributed keeps the last messages of every stream between its processes for debugging, 1,000
# by default, and a message that sends a task carries its articles. Over 100,000 articles that held
# up to 50,000 articles per worker in this process (issue 10: it grew from 400 to 858 MB), so a
# run keeps none. The local cluster's scheduler and workers start with the same setting.
_DASK_CONFIG = {"distributed.admin.low-level-log-length": 0}

_LOCAL = re.compile(r"local\[(\d+)\]")
_ADDRESS = re.compile(r"(?:(tcp|tls|ws|wss|ucx)://)?(\[[0-9a-fA-F:]+\]|[\w.-]+):(\d{1,5})")
_FORMS = "give local[N] for N worker processes here, or a scheduler address: tcp://10.0.0.5:8786"


@dataclass(slots=True, frozen=True)
class LocalWorkers:
    """A cluster started for the run on this machine: `count` processes of one thread each."""

    count: int


@dataclass(slots=True, frozen=True)
class Scheduler:
    """A running Dask scheduler (`dask scheduler`) with its workers (`dask worker ADDRESS`)."""

    address: str


Cluster = LocalWorkers | Scheduler


def parse_cluster(value: str) -> Cluster:
    """The cluster `--dask` names: `local[N]` or a scheduler address."""
    value = value.strip()
    if local := _LOCAL.fullmatch(value):
        workers = int(local.group(1))
        if workers < 1:
            raise UsageError(f"--dask {value}: a local cluster needs at least one worker", _FORMS)
        return LocalWorkers(workers)
    address = _ADDRESS.fullmatch(value)
    if address is None or not 0 < int(address.group(3)) < 65536:
        raise UsageError(f"--dask {value!r} is neither local[N] nor a scheduler address", _FORMS)
    return Scheduler(value if address.group(1) else f"tcp://{value}")


def ingest_paths_dask(
    paths: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    *,
    cluster: Cluster,
    pipeline: Pipeline | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    reconcile_every: int = DEFAULT_RECONCILE_EVERY,
    stdin: BinaryIO | None = None,
    on_problem: ProblemHandler | None = None,
    on_article: ArticleHandler | None = None,
    timeout: float = DEFAULT_CONNECT_TIMEOUT,
) -> IngestReport:
    """`jobs.ingest_paths`, with the pipeline run on `cluster`: the same store at the end."""
    pipeline = pipeline or Pipeline.from_names()
    packed = PackedPipeline.pack(pipeline)
    signature = pipeline.signature  # opens the gazetteer here, before workers ask for it at once
    report = IngestReport()
    articles = articles_only(read_articles(paths, options, stdin), report, on_problem, on_article)
    with connected(cluster, timeout) as client:
        limit = IN_FLIGHT_PER_WORKER * sum(client.nthreads().values())
        # Sent to every worker once; each task finds it in its worker's memory.
        shipped = client.scatter(packed, broadcast=True, hash=False)
        work = _Annotator(client, shipped, pipeline, store, signature)
        annotated = work.in_order(batches(articles, batch_size), limit)
        write_batches(annotated, store, signature, report, reconcile_every)
    return report


@dataclass(slots=True, frozen=True)
class PackedPipeline:
    """The pipeline as workers receive it: the names of its stages when the built-in registry
    makes the very same stages, else the pipeline pickled here; with its signature either way.

    Never the live pipeline: Dask moves data between workers when it sees fit (a worker that
    joins late, or whose copy was dropped, fetches one from another), and a stage that has run
    may hold a cache that does not pickle (the places stage, shared by every pipeline of a
    process, keeps the last text's matches)."""

    signature: str
    names: tuple[str, ...] | None = None
    blob: bytes | None = None

    @classmethod
    def pack(cls, pipeline: Pipeline) -> PackedPipeline:
        names = tuple(stage.name for stage in pipeline.stages)
        if _built_in(pipeline, names):
            return cls(pipeline.signature, names=names)
        return cls(pipeline.signature, blob=_pickled(pipeline))

    def unpacked(self) -> Pipeline:
        """The pipeline, built once per worker process (that takes about a second)."""
        pipeline = _UNPACKED.get(self.signature)
        if pipeline is None:
            pipeline = _UNPACKED[self.signature] = self._built()
        return pipeline

    def _built(self) -> Pipeline:
        if self.names is not None:
            pipeline = Pipeline.from_names(self.names)
        else:
            pipeline = pickle.loads(self.blob or b"")
        if pipeline.signature != self.signature:
            raise WorkerMismatchError(
                f"a Dask worker's pipeline has signature {pipeline.signature}, this ingest's"
                f" {self.signature}: another sitrep version or another gazetteer"
            )
        return pipeline


# Pipelines this worker process has built, by signature: the one state this module keeps.
_UNPACKED: dict[str, Pipeline] = {}


def _built_in(pipeline: Pipeline, names: tuple[str, ...]) -> bool:
    """Whether the built-in registry makes these very stages from their names."""
    try:
        rebuilt = Pipeline.from_names(names)
    except PipelineError:  # a stage of the caller's own registry
        return False
    return rebuilt.stages == pipeline.stages and rebuilt.signature == pipeline.signature


def _pickled(pipeline: Pipeline) -> bytes:
    try:
        return pickle.dumps(pipeline, protocol=pickle.HIGHEST_PROTOCOL)
    except (TypeError, AttributeError, pickle.PicklingError) as error:
        raise PipelineError(
            f"the pipeline cannot be sent to Dask workers: {error}",
            "give stages that pickle, built before any pipeline runs in this process",
        ) from error


@contextmanager
def connected(cluster: Cluster, timeout: float = DEFAULT_CONNECT_TIMEOUT) -> Iterator[Client]:
    """A client of `cluster` with at least one worker; a local cluster is closed on leaving."""
    with _bounded_logs():
        if isinstance(cluster, LocalWorkers):
            with _local_client(cluster.count) as client:
                yield client
            return
        with _remote_client(cluster.address, timeout) as client:
            yield client


@contextmanager
def _bounded_logs() -> Iterator[None]:
    """`_DASK_CONFIG` for the whole run, so that every stream opened during it keeps no log (a
    worker that the local cluster starts again mid-run, say)."""
    import dask

    with dask.config.set(_DASK_CONFIG):
        yield


def _distributed() -> Any:
    """The `distributed` package, imported on first use: an in-process run never pays for it."""
    import distributed

    return distributed


@contextmanager
def _local_client(workers: int) -> Iterator[Client]:
    distributed = _distributed()
    with _quiet_port_warning():
        # Loopback only: a cluster started for one run must not listen on the network.
        local = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
    with local, distributed.Client(local, set_as_default=False) as client:
        yield client


@contextmanager
def _quiet_port_warning() -> Iterator[None]:
    """The scheduler's status server moves to a free port when 8787 is taken, and says so with a
    warning that would read as a problem of the run."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"Port \d+ is already in use", UserWarning)
        yield


@contextmanager
def _remote_client(address: str, timeout: float) -> Iterator[Client]:
    distributed = _distributed()
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    with client:
        _wait_for_a_worker(client, address, timeout)
        yield client


def _wait_for_a_worker(client: Client, address: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as error:
        raise ClusterError(
            f"the Dask scheduler at {address} has no worker after {timeout:g} s",
            f"start workers with `dask worker {address}` on each machine (sitrep installed)",
        ) from error


class _Annotator:
    """Sends batches to the workers as they are read and gives them back, annotated, in order."""

    def __init__(
        self,
        client: Client,
        shipped: Future[PackedPipeline],
        pipeline: Pipeline,
        store: Store,
        signature: str,
    ) -> None:
        self.client = client
        self.shipped = shipped
        self.pipeline = pipeline
        self.store = store
        self.signature = signature

    def in_order(
        self, stream: Iterable[list[Article]], limit: int
    ) -> Iterator[tuple[list[Article], Annotate]]:
        """Each batch with its annotations, in input order, at most `limit` batches in flight."""
        pending: deque[tuple[list[Article], list[ChunkFuture]]] = deque()
        for batch in stream:
            pending.append((batch, self._submit(batch)))
            if len(pending) >= max(limit, 1):
                yield self._collected(*pending.popleft())
        while pending:
            yield self._collected(*pending.popleft())

    def _submit(self, batch: list[Article]) -> list[ChunkFuture]:
        """Tasks for the articles the store, as it stands now, says need annotating. Earlier
        batches still in flight may change that (a duplicate, a new date): `_collected` makes
        up for any the guess missed, and the extra work on the others is thrown away."""
        wanted = plan_batch(batch, self.store).to_annotate(self.signature)
        return [
            self.client.submit(annotate_articles, self.shipped, chunk, pure=False)
            for chunk in _chunks(wanted, TASK_ARTICLES)
        ]

    def _collected(
        self, batch: list[Article], futures: list[ChunkFuture]
    ) -> tuple[list[Article], Annotate]:
        results: list[list[AnnotatedArticle]] = self.client.gather(futures)
        by_id = {annotated.article.id: annotated for chunk in results for annotated in chunk}
        return batch, _Lookup(by_id, self.pipeline.run)


@dataclass(slots=True, frozen=True)
class _Lookup:
    """An `Annotate` that gives a worker's result for the very article (metadata included: the
    date changes time expressions), else runs the pipeline here."""

    by_id: dict[str, AnnotatedArticle]
    fallback: Annotate

    def __call__(self, article: Article) -> AnnotatedArticle:
        found = self.by_id.get(article.id)
        return found if found is not None and found.article == article else self.fallback(article)


def annotate_articles(
    packed: PackedPipeline, articles: Sequence[Article]
) -> list[AnnotatedArticle]:
    """The task a worker runs: the pipeline over some articles, without copy links."""
    pipeline = packed.unpacked()
    return [pipeline.run(article) for article in articles]


def _chunks(articles: list[Article], size: int) -> Iterator[list[Article]]:
    for start in range(0, len(articles), size):
        yield articles[start : start + size]
