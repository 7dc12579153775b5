"""The offline gazetteer: every place name in one Aho-Corasick automaton, the places in SQLite.

Entries come from `geonames.py` (the packaged GeoNames data, and dumps the user loads with
`load_geonames`). Names are folded (`fold`) and each folded name is a key of one pyahocorasick
automaton whose value is the name's row id; the places behind each name are rows of a SQLite file,
read when a name is first met and kept in a small cache. Both are built once into a cache
directory (`cache_directory`) under a key made of this module's layout version, the versions of
the packages the data comes from and the identity of each dump, so a new source rebuilds it; a
build writes into a temporary directory that is renamed into place only when complete.
docs/places.md, "Gazetteer", has the figures and the limits.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
import re
import shutil
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import ahocorasick

from sitrep.errors import GazetteerError
from sitrep.model import PlaceKind
from sitrep.places.geonames import (
    DumpReport,
    GazetteerEntry,
    Named,
    RegionWords,
    packaged_places,
    read_dump,
    source_versions,
)

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerStats",
    "NameMatch",
    "cache_directory",
    "default_gazetteer",
    "fold",
    "load_geonames",
    "name_keys",
]

# Bump when the build, the folding or the file layout changes: old caches are then rebuilt.
CACHE_VERSION = "2"
ENTRIES_FILE = "entries.sqlite"
AUTOMATON_FILE = "names.automaton"
SOURCES_FILE = "gazetteer-sources.json"
# Shorter names are everyday words ("us", "la") or codes, and would flood every text with matches.
MIN_NAME_CHARS = 3
# News often drops the Arabic article ("Anbar province"); the rest of a name must have this many
# characters to stand alone ("Al Bab" does not become "bab", "Al Hol" not "hol").
MIN_AFTER_ARTICLE = 4
# An automaton value holds the name's row id and its length: ten bits of length (names are at
# most 1,023 characters; GeoNames' longest is about 200).
LENGTH_BITS = 10
_LENGTH_MASK = (1 << LENGTH_BITS) - 1
# At most this many names go into the automaton, those of the most populous places first; the
# rest are found by `lookup` only. The packaged data has about 700,000 names (4.7 automaton nodes
# each, 32 bytes a node); the cap keeps a gazetteer built with allCountries.txt near the memory
# and start-up targets of docs/places.md instead of ten times over them.
MAX_AUTOMATON_NAMES = 1_000_000
# Names whose places are kept in memory once read; a news corpus meets far fewer.
ENTRY_CACHE_NAMES = 20_000
# Words looked up by name (`lookup`: mostly the capitalised word after a town's name) whose row
# id, or its absence, is kept once read; countries and regions by key, likewise. Over the BBC
# corpus, two name lookups in three and 99 country or region lookups in 100 repeat an earlier one.
LOOKUP_CACHE_NAMES = 20_000
# Rows written to SQLite per statement while building.
BATCH_ROWS = 10_000
# A temporary build directory older than this belongs to a build that was killed.
STALE_BUILD_SECONDS = 24 * 3600

# -- folding -----------------------------------------------------------------------------------

# Apostrophes and the letters transliterations use for ayn and hamza: all one straight apostrophe.
_APOSTROPHES = "'’‘ʼʻʿʾ`´′"
# Letters that do not decompose into a base letter and a mark.
_STROKED = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ß": "s"}
_MARK_AT_WORD_START = re.compile(r" ['.]+")
_ARTICLE = re.compile(r"\b[ae](th|dh|sh|[tdrzsn]) (?=\1)")
_MARKS = re.compile(f"[{_APOSTROPHES}.]")


def fold_char(char: str) -> str:
    """One character as the automaton sees it: a letter or digit lowered and stripped of its
    accents ("Ḩ" "h", "ü" "u", "İ" "i"), any apostrophe "'", a full stop ".", and anything else
    (spaces, hyphens, dashes, other punctuation) a space. Letters of other scripts stay."""
    if char in _APOSTROPHES:
        return "'"
    if char == ".":
        return "."
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    base = base.lower() if len(base) == 1 else char.lower()
    base = _STROKED.get(base, base)
    if len(base) != 1:  # a ligature such as "ﬁ" stays as it is
        base = char
    return base if base.isalnum() else " "


class _FoldTable(dict[int, str]):
    """`str.translate`'s table, filled one character at a time as texts bring them."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()
_ASCII_TABLE = bytes(ord(fold_char(chr(code))) for code in range(128)) + bytes(range(128, 256))


def fold(text: str) -> str:
    """`text` folded for matching, one character for each so that every offset holds: see
    `fold_char`. An apostrophe or full stop that starts a word (a quotation mark) becomes a
    space too, so that "'Homs" still starts a word; inside or after a word it stays ("Dar'a",
    "U.S.")."""
    if text.isascii():  # bytes.translate is ten times faster than str.translate
        folded = text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    else:
        folded = text.translate(_FOLD_TABLE)
    if "'" in folded or "." in folded:
        folded = _MARK_AT_WORD_START.sub(lambda m: " " * len(m[0]), " " + folded)[1:]
    return folded


def _collapse(folded: str) -> str:
    return " ".join(folded.split())


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A name as `Gazetteer.lookup` compares names: folded, its runs of spaces made one."""
    return _collapse(fold(name))


def name_keys(name: str) -> set[str]:
    """The folded keys a name is matched by: the name folded; with runs of spaces made one
    ("Washington, D.C." is both "washington  d.c." and "washington d.c."); without apostrophes
    and full stops ("Ra's al `Ayn" "ras al ayn", "St. Louis" "st louis"); and each of these
    with an assimilated Arabic article written "al" ("Ar Raqqah" "al raqqah", "Deir ez-Zor"
    "deir al zor", "Ash Shaddadah" "al shaddadah"); a leading "al" is also dropped ("Al Anbar"
    "anbar", "Ar Raqqah" "raqqah") when `MIN_AFTER_ARTICLE` letters or more are left. Keys
    under `MIN_NAME_CHARS` are dropped."""
    written = fold(name).strip()
    keys = {written, _collapse(written), _collapse(fold(_MARKS.sub("", name)))}
    keys |= {_ARTICLE.sub("al ", key) for key in keys}
    keys |= {key[3:] for key in keys if key.startswith("al ") and len(key) >= 3 + MIN_AFTER_ARTICLE}
    return {key for key in keys if MIN_NAME_CHARS <= len(key) <= _LENGTH_MASK}


# -- records -----------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class NameMatch:
    """A gazetteer name found in a text at [start_char, end_char), with every place it may name,
    the most populous first."""

    start_char: int
    end_char: int
    entries: tuple[GazetteerEntry, ...]


@dataclass(slots=True, frozen=True)
class DumpFile:
    """A GeoNames dump as loaded: its absolute path, size and modification time. They key the
    cache; a dump changed on disk is read again only when it is loaded again."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | Path) -> DumpFile:
        try:
            found = Path(path).resolve(strict=True)
            status = found.stat()
        except OSError as problem:
            raise GazetteerError(f"{path}: cannot read the GeoNames file ({problem})") from None
        return cls(str(found), status.st_size, status.st_mtime_ns)


@dataclass(slots=True, frozen=True)
class Sources:
    """What a gazetteer is made of: the packaged data (unless `packaged` is False) and the
    dumps, later ones taking precedence. They, with the layout version and the package versions,
    key the cache."""

    packaged: bool = True
    dumps: tuple[DumpFile, ...] = ()

    def with_dump(self, dump: DumpFile) -> Sources:
        """These sources with `dump` added last (moved last if it was there before)."""
        kept = tuple(known for known in self.dumps if known.path != dump.path)
        return Sources(self.packaged, (*kept, dump))

    def as_json(self) -> str:
        return json.dumps({"packaged": self.packaged, "dumps": [_dump_json(d) for d in self.dumps]})

    @classmethod
    def from_json(cls, text: str) -> Sources:
        recorded = json.loads(text)
        return cls(bool(recorded["packaged"]), tuple(DumpFile(**d) for d in recorded["dumps"]))


def _dump_json(dump: DumpFile) -> dict[str, Any]:
    return {"path": dump.path, "size": dump.size, "mtime_ns": dump.mtime_ns}


@dataclass(slots=True, frozen=True)
class GazetteerStats:
    """What a gazetteer holds and how it was built: entries (by kind), distinct folded names
    and how many of them `find` matches, whether the packaged data is in, the dumps read, their
    rows, rows skipped without fault (no country, no Latin-script name) and bad lines (the first
    ones as "file:line: reason"), the build time, and whether this call built it (False: the
    cache was reused)."""

    path: str
    entries: int
    kinds: dict[str, int]
    names: int
    matched_names: int
    packaged: bool
    dumps: tuple[str, ...]
    dump_rows: int
    skipped_rows: int
    bad_lines: int
    warnings: tuple[str, ...]
    build_seconds: float
    built: bool = False


# -- the gazetteer -----------------------------------------------------------------------------

_ENTRY_COLUMNS = (
    "e.geonameid, e.name, e.country, e.lat, e.lon, e.kind, e.population, e.admin1, e.feature_code"
)
# Candidates: the most populous first; at equal population a city before the region or country
# it names ("Kirkuk", "Singapore").
_CANDIDATE_ORDER = (
    "e.population DESC,"
    " CASE e.kind WHEN 'city' THEN 0 WHEN 'region' THEN 1 WHEN 'country' THEN 2 ELSE 3 END, e.id"
)


class Gazetteer:
    """A built gazetteer, opened read-only. `open` builds it first if needed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = _connect(path)
            with (path / AUTOMATON_FILE).open("rb") as stream:
                self._automaton = pickle.load(stream)
        except (OSError, sqlite3.Error, pickle.UnpicklingError, EOFError) as problem:
            raise GazetteerError(
                f"cannot open the gazetteer cache {path} ({problem})",
                "delete that directory; the next run builds it again",
            ) from None
        self._entries = functools.lru_cache(maxsize=ENTRY_CACHE_NAMES)(self._read_entries)
        self._name_id = functools.lru_cache(maxsize=LOOKUP_CACHE_NAMES)(self._read_name_id)
        self._entry_by_key = functools.lru_cache(maxsize=LOOKUP_CACHE_NAMES)(self._read_entry)

    @classmethod
    def open(
        cls,
        cache_dir: str | Path | None = None,
        dump: str | Path | Sequence[str | Path] | None = None,
        *,
        packaged: bool = True,
    ) -> Gazetteer:
        """The gazetteer of `cache_dir` (default `cache_directory()`), built first if it is not
        there (tens of seconds), else opened (a fraction of a second). Without `dump`, it holds
        what was loaded into that directory (`load_geonames`): the packaged data and the dumps
        loaded. With `dump` (one path or several), the packaged data (unless `packaged` is
        False) and exactly those dumps."""
        directory = _directory(cache_dir)
        if dump is None and packaged:
            sources = registered_sources(directory)
        else:
            paths = [] if dump is None else [dump] if isinstance(dump, str | Path) else dump
            sources = Sources(packaged, tuple(DumpFile.of(path) for path in paths))
        path, _ = _ensure_built(directory, sources)
        return cls(path)

    def __reduce__(self) -> tuple[type[Gazetteer], tuple[Path]]:
        # A stage holding the gazetteer is pickled into worker processes: reopen there.
        return (Gazetteer, (self.path,))

    def close(self) -> None:
        self._db.close()

    def find(self, text: str, *, capitalised: bool = False) -> list[NameMatch]:
        """Every gazetteer name in `text` that starts and ends on a word boundary, overlapping
        ones included ("Tal Abyad" and "Abyad"), in text order, with offsets into `text`.
        Common words that are also places ("Of", "May") are found too: the caller filters.
        With `capitalised`, only names written with a capital first letter, or with a hyphen
        in them ("al-Bab"): two matches in three are lower-case words, and skipping them
        before their entries are read saves a third of the recogniser's time."""
        if not self._automaton:  # no names at all: pyahocorasick refuses to search
            return []
        folded = fold(text)
        size = len(folded)
        found = []
        # The leading space lets a key (" homs") start only where a word does.
        for end, value in self._automaton.iter(" " + folded):
            if end < size and folded[end].isalnum():
                continue
            start = end - (value & _LENGTH_MASK)
            if capitalised and not (text[start].isupper() or "-" in text[start:end]):
                continue
            found.append(NameMatch(start, end, self._entries(value >> LENGTH_BITS)))
        found.sort(key=lambda match: (match.start_char, match.end_char))
        return found

    def lookup(self, name: str) -> tuple[GazetteerEntry, ...]:
        """The places `name` may name (folded as `find` folds it), the most populous first."""
        name_id = self._name_id(name_key(name))
        return self._entries(name_id) if name_id is not None else ()

    def country(self, code: str) -> GazetteerEntry | None:
        """The country of ISO 3166 alpha-2 `code`."""
        return self._entry_by_key(f"c:{code.upper()}")

    def region(self, country: str, admin1: str) -> GazetteerEntry | None:
        """The first-level region of `country` with GeoNames admin1 code `admin1`."""
        return self._entry_by_key(f"r:{country.upper()}.{admin1}")

    def regions(self, country: str) -> tuple[GazetteerEntry, ...]:
        """Every first-level region of `country`, by name."""
        prefix = f"r:{country.upper()}."
        rows = self._db.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE e.key >= ? AND e.key < ?"
            " ORDER BY e.name",
            (prefix, prefix[:-1] + "/"),  # "/" sorts right after "."
        )
        return tuple(_entry(row) for row in rows)

    @property
    def stats(self) -> GazetteerStats:
        return _read_stats(self._db, self.path, built=False)

    def _read_name_id(self, folded: str) -> int | None:
        row = self._db.execute("SELECT id FROM names WHERE folded = ?", (folded,)).fetchone()
        return row[0] if row else None

    def _read_entry(self, key: str) -> GazetteerEntry | None:
        row = self._db.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE e.key = ?", (key,)
        ).fetchone()
        return _entry(row) if row else None

    def _read_entries(self, name_id: int) -> tuple[GazetteerEntry, ...]:
        rows = self._db.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM name_entries n JOIN entries e ON e.id = n.entry"
            f" WHERE n.name = ? ORDER BY {_CANDIDATE_ORDER}",
            (name_id,),
        )
        return tuple(_entry(row) for row in rows)


def _connect(path: Path) -> sqlite3.Connection:
    """The cache's SQLite file, read-only; shared by threads (nothing writes to it)."""
    uri = (path / ENTRIES_FILE).resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _entry(row: Sequence[Any]) -> GazetteerEntry:
    geonameid, name, country, lat, lon, kind, population, admin1, feature_code = row
    return GazetteerEntry(
        geonameid, name, country, lat, lon, cast(PlaceKind, kind), population, admin1, feature_code
    )


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the default cache directory, opened once per process."""
    return Gazetteer.open()


def load_geonames(
    path: str | Path, cache_dir: str | Path | None = None, *, packaged: bool = True
) -> GazetteerStats:
    """Add a GeoNames dump (allCountries.txt, cities500.txt, SY.txt, or its .zip) to the
    gazetteer of `cache_dir`: from now on `Gazetteer.open(cache_dir)` holds its places, which
    take precedence over the packaged ones, beside any dump loaded before (`packaged=False`
    keeps the dumps alone). Loading a file again reads it again. Bad lines are skipped and
    reported in the stats; a file with no GeoNames row raises GazetteerError and changes
    nothing. For `sitrep gazetteer load FILE`."""
    directory = _directory(cache_dir)
    before = registered_sources(directory)
    sources = Sources(packaged, before.dumps).with_dump(DumpFile.of(path))
    cache, built = _ensure_built(directory, sources)
    _register(directory, sources)
    if built and before != sources:
        shutil.rmtree(_cache_path(directory, before), ignore_errors=True)
    default_gazetteer.cache_clear()
    with contextlib.closing(_connect(cache)) as db:
        return _read_stats(db, cache, built=built)


# -- the cache ---------------------------------------------------------------------------------


def cache_directory() -> Path:
    """Where gazetteers are built: $SITREP_CACHE, else $XDG_CACHE_HOME/sitrep, else
    ~/.cache/sitrep."""
    if os.environ.get("SITREP_CACHE"):
        return Path(os.environ["SITREP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep"


def _directory(cache_dir: str | Path | None) -> Path:
    return Path(cache_dir) if cache_dir is not None else cache_directory()


def registered_sources(directory: Path) -> Sources:
    """What was loaded into `directory`, with each dump as it was when loaded; the packaged
    data alone when nothing was."""
    try:
        return Sources.from_json((directory / SOURCES_FILE).read_text("utf-8"))
    except FileNotFoundError:
        return Sources()
    except (OSError, ValueError, KeyError, TypeError) as problem:
        raise GazetteerError(
            f"cannot read {directory / SOURCES_FILE} ({problem})",
            "delete it and load the GeoNames files again with `sitrep gazetteer load FILE`",
        ) from None


def _register(directory: Path, sources: Sources) -> None:
    work = directory / f".{SOURCES_FILE}.{os.getpid()}.tmp"
    work.write_text(sources.as_json(), "utf-8")
    os.replace(work, directory / SOURCES_FILE)


def _versions_key() -> str:
    identity = f"{CACHE_VERSION}|{source_versions()}"
    return hashlib.sha256(identity.encode()).hexdigest()[:10]


def _cache_path(directory: Path, sources: Sources) -> Path:
    """`gazetteer-<versions>-<sources>`: the first part changes with the layout version and the
    packages, the second with what was loaded."""
    digest = hashlib.sha256(sources.as_json().encode()).hexdigest()[:10]
    return directory / f"gazetteer-{_versions_key()}-{digest}"


def _ensure_built(directory: Path, sources: Sources) -> tuple[Path, bool]:
    """The cache for `sources`, and whether it had to be built now."""
    path = _cache_path(directory, sources)
    if (path / ENTRIES_FILE).exists() and (path / AUTOMATON_FILE).exists():
        return path, False
    try:
        build(path, sources)
    except OSError as problem:
        raise GazetteerError(f"cannot build the gazetteer in {directory} ({problem})") from None
    return path, True


def build(path: Path, sources: Sources) -> None:
    """Build a gazetteer into `path`: everything goes into a temporary directory beside it,
    renamed to `path` only once complete, so an interrupted or failed build leaves no cache
    (and no temporary directory, unless the process is killed outright)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    work = path.parent / f".{path.name}.{os.getpid()}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        _fill(work, sources)
        _publish(work, path)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _remove_stale(path.parent)


def _publish(work: Path, path: Path) -> None:
    try:
        os.rename(work, path)
    except OSError:
        if not (path / AUTOMATON_FILE).exists():
            raise
        shutil.rmtree(work)  # another process built the same gazetteer first


def _remove_stale(directory: Path) -> None:
    """Caches made from other package versions or layouts, which nothing can open again, and
    temporary directories of builds killed long ago."""
    current = f"gazetteer-{_versions_key()}-"
    for found in directory.glob("gazetteer-*"):
        if found.is_dir() and not found.name.startswith(current):
            shutil.rmtree(found, ignore_errors=True)
    for found in directory.glob(".gazetteer-*.tmp"):
        if time.time() - found.stat().st_mtime > STALE_BUILD_SECONDS:
            shutil.rmtree(found, ignore_errors=True)


# A build writes private files, renamed into place when whole: no journal is needed. The page
# cache (64 MB) bounds the memory of a build however large the dump; sorting spills to disk.
_PRAGMAS = """
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;
PRAGMA scratch.journal_mode = OFF; PRAGMA scratch.synchronous = OFF;
PRAGMA scratch.cache_size = -65536; PRAGMA temp_store = FILE;
"""
_SCHEMA = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, geonameid INTEGER, name TEXT NOT NULL,
    country TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, kind TEXT NOT NULL,
    population INTEGER NOT NULL, admin1 TEXT, feature_code TEXT
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE scratch.raw_names (folded TEXT NOT NULL, entry_key TEXT NOT NULL);
"""
_UPSERT = """
INSERT INTO entries
    (key, geonameid, name, country, lat, lon, kind, population, admin1, feature_code)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (key) DO UPDATE SET geonameid = excluded.geonameid, name = excluded.name,
    country = excluded.country, lat = excluded.lat, lon = excluded.lon, kind = excluded.kind,
    population = excluded.population, admin1 = excluded.admin1,
    feature_code = excluded.feature_code
"""
# Each distinct folded name once, with the population of its most populous place (the order in
# which names enter the automaton); then which places each name may name.
_INDEX_NAMES = """
CREATE TABLE names (id INTEGER PRIMARY KEY, folded TEXT NOT NULL UNIQUE, prior INTEGER NOT NULL);
INSERT INTO names (folded, prior)
    SELECT r.folded, MAX(e.population) FROM scratch.raw_names r
    JOIN entries e ON e.key = r.entry_key GROUP BY r.folded;
CREATE TABLE name_entries (
    name INTEGER NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (name, entry)
) WITHOUT ROWID;
INSERT OR IGNORE INTO name_entries (name, entry)
    SELECT n.id, e.id FROM scratch.raw_names r
    JOIN names n ON n.folded = r.folded JOIN entries e ON e.key = r.entry_key;
"""


def _fill(work: Path, sources: Sources) -> None:
    started = time.perf_counter()
    db = sqlite3.connect(work / ENTRIES_FILE)
    try:
        db.execute("ATTACH DATABASE ? AS scratch", (str(work / "scratch.sqlite"),))
        db.executescript(_PRAGMAS + _SCHEMA)
        report = _insert_all(db, sources)
        db.executescript(_INDEX_NAMES)
        matched = _save_automaton(db, work / AUTOMATON_FILE)
        db.commit()
        db.execute("DETACH DATABASE scratch")
        _write_meta(db, sources, report, matched, time.perf_counter() - started)
        db.commit()
    finally:
        db.close()
    (work / "scratch.sqlite").unlink(missing_ok=True)


def _insert_all(db: sqlite3.Connection, sources: Sources) -> DumpReport:
    """The packaged places, then each dump's, which replace earlier ones of the same key."""
    if sources.packaged:
        _insert(db, packaged_places())
    report = DumpReport()
    words = RegionWords.load()
    for dump in sources.dumps:
        rows, bad, warned = report.rows, report.bad, len(report.warnings)
        _insert(db, read_dump(Path(dump.path), report, words))
        if report.rows == rows and report.bad > bad:
            first = report.warnings[warned] if len(report.warnings) > warned else dump.path
            raise GazetteerError(
                f"{dump.path} holds no GeoNames row: {report.bad - bad} bad lines, first {first}"
            )
    return report


def _insert(db: sqlite3.Connection, places: Iterable[Named]) -> None:
    for batch in _batches(places, BATCH_ROWS):
        db.executemany(_UPSERT, (_entry_row(named) for named in batch))
        db.executemany(
            "INSERT INTO scratch.raw_names (folded, entry_key) VALUES (?, ?)",
            ((key, named.key) for named in batch for key in _keys_of(named.names)),
        )


def _keys_of(names: Iterable[str]) -> set[str]:
    return set().union(*(name_keys(name) for name in names))


def _entry_row(named: Named) -> tuple[Any, ...]:
    e = named.entry
    return (
        named.key, e.geonameid, e.name, e.country, e.lat, e.lon, e.kind, e.population,
        e.admin1, e.feature_code,
    )  # fmt: skip


def _batches(items: Iterable[Named], size: int) -> Iterator[list[Named]]:
    batch: list[Named] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _save_automaton(db: sqlite3.Connection, path: Path) -> int:
    """The automaton of the `MAX_AUTOMATON_NAMES` names of the most populous places, pickled:
    a pickle loads in a quarter of the time of `Automaton.save`'s format (0.2 s against 0.8 s
    for the packaged data) and of a blob read from SQLite."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    rows = db.execute(
        "SELECT id, folded FROM names ORDER BY prior DESC, id LIMIT ?", (MAX_AUTOMATON_NAMES,)
    )
    count = 0
    for name_id, folded in rows:
        automaton.add_word(" " + folded, (name_id << LENGTH_BITS) | len(folded))
        count += 1
    automaton.make_automaton()
    with path.open("wb") as stream:
        pickle.dump(automaton, stream, protocol=pickle.HIGHEST_PROTOCOL)
    return count


def _write_meta(
    db: sqlite3.Connection,
    sources: Sources,
    report: DumpReport,
    matched: int,
    seconds: float,
) -> None:
    kinds = dict(db.execute("SELECT kind, COUNT(*) FROM entries GROUP BY kind ORDER BY kind"))
    (names,) = db.execute("SELECT COUNT(*) FROM names").fetchone()
    values = {
        "version": CACHE_VERSION,
        "sources": source_versions(),
        "kinds": kinds,
        "names": names,
        "matched_names": matched,
        "packaged": sources.packaged,
        "dumps": [d.path for d in sources.dumps],
        "dump_rows": report.rows,
        "skipped_rows": report.skipped,
        "bad_lines": report.bad,
        "warnings": report.warnings,
        "build_seconds": round(seconds, 2),
    }
    db.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        ((key, json.dumps(value)) for key, value in values.items()),
    )


def _read_stats(db: sqlite3.Connection, path: Path, *, built: bool) -> GazetteerStats:
    meta = {key: json.loads(value) for key, value in db.execute("SELECT key, value FROM meta")}
    return GazetteerStats(
        path=str(path),
        entries=sum(meta["kinds"].values()),
        kinds=meta["kinds"],
        names=meta["names"],
        matched_names=meta["matched_names"],
        packaged=meta["packaged"],
        dumps=tuple(meta["dumps"]),
        dump_rows=meta["dump_rows"],
        skipped_rows=meta["skipped_rows"],
        bad_lines=meta["bad_lines"],
        warnings=tuple(meta["warnings"]),
        build_seconds=meta["build_seconds"],
        built=built,
    )
