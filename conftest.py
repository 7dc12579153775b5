"""Shared fixtures: small documents built by hand, stores in temporary folders and in a real
PostgreSQL server started for the session, the shared data."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from sitrep.model import Article, Claim, Event
from sitrep.pipeline import Pipeline
from sitrep.segment import SentenceStage
from sitrep.store import SQLiteStore, SQLStore, open_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

SHARED = Path(__file__).resolve().parent.parent / "shared"
# The seed articles' publication dates (../shared/seeds/README.md): each read with its own.
SEED_PUBLISHED = {"000": "2016-03-17", "003": "2016-02-22"}
BENCHMARKS = Path(__file__).resolve().parent / "benchmarks"


def extract_seeds(shared: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    """Each seed article through `sitrep extract` with its own publication date, by its number."""
    from sitrep.cli import main

    records = {}
    for name, published in SEED_PUBLISHED.items():
        [path] = (shared / "seeds").glob(f"{name}_*.txt")
        assert main(["extract", str(path), "--published", published]) == 0
        records[name] = json.loads(capsys.readouterr().out)
    return records


def load_benchmark(name: str) -> ModuleType:
    """A benchmark script loaded by path, once: the benchmarks are scripts, not a package, and the
    evaluation suite scores with their code and floors so that the two never disagree."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sentence_stage() -> SentenceStage:
    return SentenceStage()


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.from_names()


# The publication day of the articles `events_in` builds: a Monday.
EVENTS_PUBLISHED = dt.date(2024, 5, 20)


@pytest.fixture(scope="session")
def events_in(pipeline: Pipeline) -> Callable[[str], list[Event]]:
    """The events the whole pipeline finds in a text, published on `EVENTS_PUBLISHED`."""

    def run(text: str) -> list[Event]:
        article = Article.create(text, published=EVENTS_PUBLISHED, outlet="Test Wire")
        return [e for e in pipeline.run(article).get("events") if isinstance(e, Event)]

    return run


@pytest.fixture(scope="session")
def claims_in(pipeline: Pipeline) -> Callable[[str], list[Claim]]:
    """The claims the whole pipeline reads in a text, published on `EVENTS_PUBLISHED`."""

    def run(text: str) -> list[Claim]:
        article = Article.create(text, published=EVENTS_PUBLISHED, outlet="Test Wire")
        return [c for c in pipeline.run(article).get("claims") if isinstance(c, Claim)]

    return run


@pytest.fixture
def make_article() -> Callable[..., Article]:
    def make(text: str, **metadata: object) -> Article:
        return Article.create(text, **metadata)  # type: ignore[arg-type]

    return make


BACKENDS = ("sqlite", "postgresql")
# A PostgreSQL server to test against instead of the one the session starts (its database must
# exist; the tests make schemas and databases of their own in it).
POSTGRES_URL_VARIABLE = "SITREP_TEST_POSTGRES"


@dataclass(slots=True)
class PostgresServer:
    """A throwaway PostgreSQL cluster on loopback, or a server given by its URL."""

    url: str  # of the database the tests use
    data: Path | None = None  # the cluster's folder when the session made it
    bin_dir: Path | None = None
    user: str | None = None  # the system user it runs as (PostgreSQL refuses root)
    counter: int = 0

    def admin(self) -> Any:
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def fresh_schema(self) -> str:
        """The URL of an empty schema of its own: the store's tables go there."""
        self.counter += 1
        name = f"t{os.getpid()}_{self.counter}"
        with self.admin() as db:
            db.execute(f"CREATE SCHEMA {name}")
        return with_option(self.url, f"-csearch_path={name}")

    def copy_database(self, template: str) -> str:
        """The URL of a new database copied from the database `template`."""
        self.counter += 1
        name = f"d{os.getpid()}_{self.counter}"
        with self.admin() as db:
            db.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        return database_url(self.url, name)

    def stop(self) -> None:
        if self.data is None or self.bin_dir is None:
            return
        _run_as(
            self.user,
            [str(self.bin_dir / "pg_ctl"), "-D", str(self.data / "db"), "-m", "immediate", "stop"],
        )
        import shutil

        shutil.rmtree(self.data, ignore_errors=True)


def with_option(url: str, option: str) -> str:
    from urllib.parse import quote

    return f"{url}{'&' if '?' in url else '?'}options={quote(option)}"


def database_url(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _postgres_bin_dir() -> Path:
    """Debian's PostgreSQL server programs (`make test` installs the postgresql package)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    if found:
        return found[-1].parent
    import shutil

    initdb = shutil.which("initdb")
    if initdb is None:
        pytest.fail(
            "PostgreSQL's server programs (initdb, pg_ctl) are not installed: run `make test`,"
            f" which installs Debian's postgresql package, or set {POSTGRES_URL_VARIABLE} to the"
            " URL of a server's database"
        )
    return Path(initdb).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as(user: str | None, command: list[str]) -> None:
    import subprocess

    subprocess.run(command, check=True, capture_output=True, user=user, timeout=120)


def start_postgres() -> PostgresServer:
    """initdb and pg_ctl start on a free loopback port; the cluster lives in a folder of its own
    that the server's user owns (pytest's own folders are closed to other users)."""
    import pwd
    import tempfile

    bin_dir = _postgres_bin_dir()
    user = "postgres" if os.geteuid() == 0 else None
    data = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
    if user:
        account = pwd.getpwnam(user)
        os.chown(data, account.pw_uid, account.pw_gid)
    port = _free_port()
    init = [str(bin_dir / "initdb"), "-D", str(data / "db"), "-U", "sitrep", "-A", "trust"]
    _run_as(user, [*init, "-E", "UTF8", "--locale=C", "-N"])
    # Durability is not under test: fsync off makes the many small test databases quick.
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off"
    start = [str(bin_dir / "pg_ctl"), "-D", str(data / "db"), "-o", options]
    _run_as(user, [*start, "-l", str(data / "log"), "-w", "start"])
    server = PostgresServer(f"postgresql://sitrep@127.0.0.1:{port}/postgres", data, bin_dir, user)
    with server.admin() as db:
        db.execute("CREATE DATABASE sitrep_test")
    server.url = database_url(server.url, "sitrep_test")
    return server


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server: started here, or the one SITREP_TEST_POSTGRES names."""
    given = os.environ.get(POSTGRES_URL_VARIABLE)
    server = PostgresServer(given) if given else start_postgres()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_store_location(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[], str]:
    """Where to open another empty store of the test's backend: a file, or a schema."""
    names = iter(range(1000))

    def location() -> str:
        if backend == "sqlite":
            return str(tmp_path / f"store-{next(names)}.db")
        server: PostgresServer = request.getfixturevalue("postgres")
        return server.fresh_schema()

    return location


@pytest.fixture
def store(new_store_location: Callable[[], str]) -> Iterator[SQLStore]:
    """An empty store of each backend: SQLite, and PostgreSQL on the session's server."""
    with open_store(new_store_location()) as opened:
        yield opened


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text or bytes to a file under a fresh folder and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / "inputs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository; the evaluation suite skips, with this reason, without it."""
    if not SHARED.is_dir():
        pytest.skip(f"evaluation data not found: {SHARED} is absent on this machine")
    return SHARED


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store, built once per session from the embedded sample corpus. Read-only: a test
    that writes takes `demo_copy`."""
    from sitrep.jobs import run_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    run_demo(path)
    with SQLiteStore.open(path) as store:  # fold the WAL in, so that one file copies whole
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="session")
def postgres_demo(postgres: PostgresServer) -> str:
    """The demo corpus in a PostgreSQL database of its own, ingested once, copied by tests."""
    from sitrep.jobs import ingest_paths, sample_corpus

    with postgres.admin() as db:
        db.execute("CREATE DATABASE sitrep_demo")
    with open_store(database_url(postgres.url, "sitrep_demo")) as store:
        ingest_paths([str(sample_corpus())], store)
    return "sitrep_demo"


@pytest.fixture
def demo_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A copy of the demo store of this test's own, in each backend: a file or a database."""
    if backend == "sqlite":
        return str(request.getfixturevalue("demo_copy"))
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.copy_database(request.getfixturevalue("postgres_demo"))


def table_rows(store: SQLStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, as plain values: equal for equal stores whichever the
    backend (the review log's times and ids aside, and PostgreSQL's search column)."""
    columns = {
        "articles": "id, path, url, title, outlet, published, text, copy_of, similarity,"
        " pipeline, minhash, shingles, published_source, published_confidence, published_reason",
        "reviews": "article_id, kind, start_char, end_char, action, changes, before, after,"
        " reviewer, note",
    }
    tables = ["annotations", "minhash_buckets", "events", "event_reports", "claim_groups"]
    found = {}
    for table in [*columns, *tables, "claim_reports", "names", "pending_reconcile"]:
        rows = store.database.execute(f"SELECT {columns.get(table, '*')} FROM {table}")
        found[table] = sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)
    return found


def store_dump(db: Path) -> dict[str, Any]:
    """Everything the store gives back: articles with every field, every annotation and the copy
    link with its similarity; merged events and claim groups."""
    from sitrep.export import export_record

    with SQLiteStore.open(db) as store:
        articles = [
            (
                export_record(annotated),
                repr(annotated.article),
                repr(annotated.copy_of),
                sorted((kind, repr(spans)) for kind, spans in annotated.annotations.items()),
            )
            for annotated in store.articles()
        ]
        return {
            "articles": articles,
            "events": repr(store.events()),
            "claims": repr(store.claims()),
        }


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo store of this test's own."""
    import shutil

    return Path(shutil.copyfile(demo_db, tmp_path / "demo.db"))


@pytest.fixture
def web_client(demo_copy: Path) -> Iterator[Any]:
    """The web app over a copy of the demo store, driven in-process."""
    from starlette.testclient import TestClient

    from sitrep.web import create_app

    with TestClient(create_app(demo_copy), base_url="http://127.0.0.1:8000") as client:
        yield client


@pytest.fixture
def backend_web_client(demo_location: str) -> Iterator[Any]:
    """The web app over a copy of the demo store in each backend, SQLite and PostgreSQL."""
    from starlette.testclient import TestClient

    from sitrep.web import create_app

    with TestClient(create_app(demo_location), base_url="http://127.0.0.1:8000") as client:
        yield client


# --- The browser tests (tests/test_web_browser.py): a live server, Debian's Chromium, a page. ---

CHROMIUM = Path("/usr/bin/chromium")
# The machine has no network: without these flags Chromium tries to phone home at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Long enough for a cold start, short enough that a hung server fails the run instead of stalling.
SERVER_START_SECONDS = 15.0


@dataclass(slots=True, frozen=True)
class WebServer:
    """A live server: its base URL (no trailing slash) and the store it serves."""

    url: str
    db: Path


@contextlib.contextmanager
def serve_store(db_path: Path) -> Iterator[WebServer]:
    """uvicorn serving `create_app(db_path)` from a background thread on a free loopback port,
    stopped on exit. The socket is bound here and handed over, so no other process can take the
    port between choosing and listening."""
    import uvicorn

    from sitrep.web import create_app

    app = create_app(db_path)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        _wait_until_answering(url, thread)
        yield WebServer(url, db_path)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.state.store.close()


def _wait_until_answering(url: str, thread: threading.Thread) -> None:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if not thread.is_alive():
            pytest.fail(f"the web server at {url} stopped while starting", pytrace=False)
        try:
            with urllib.request.urlopen(f"{url}/api/stats", timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    pytest.fail(f"the web server at {url} did not answer within {SERVER_START_SECONDS} s")


@pytest.fixture(scope="session")
def web_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """The demo store served for the whole session, from a copy of its own. Tests that write
    (reviews) take `fresh_web_server`, so that the others see the demo as built."""
    import shutil

    copy = Path(shutil.copyfile(demo_db, tmp_path_factory.mktemp("web") / "demo.db"))
    with serve_store(copy) as server:
        yield server


@pytest.fixture
def fresh_web_server(demo_copy: Path) -> Iterator[WebServer]:
    """The demo store served for one test, which may write to it."""
    with serve_store(demo_copy) as server:
        yield server


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """Headless Chromium from Debian's package, driven by Playwright; never a downloaded one."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's chromium package; "
            "run `make test`, which installs it",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def web_page(chromium_browser: Browser) -> Iterator[Page]:
    """A page in a context of its own (fresh cookies and storage), desktop-sized, failing fast."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def console_errors(web_page: Page) -> list[str]:
    """What went wrong in `web_page` from the start: console errors (a failed load, a blocked
    script) and uncaught exceptions, each as one line naming where it happened."""
    found: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            found.append(f"console: {message.text} ({message.location.get('url', '')})")

    web_page.on("console", on_console)
    web_page.on("pageerror", lambda error: found.append(f"pageerror: {error}"))
    return found


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where full-page screenshots are kept as test artifacts: `$SITREP_ARTIFACTS/screenshots`,
    or test-artifacts/screenshots at the repository's root."""
    root = os.environ.get("SITREP_ARTIFACTS") or Path(__file__).resolve().parent / "test-artifacts"
    folder = Path(root) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
