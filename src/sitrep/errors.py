"""Every error sitrep raises, in one place.

Each carries a message that says what went wrong and a remedy that says what to do about it.
The CLI (and later the HTTP API) translates them once, at its boundary; the library never prints.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of all sitrep errors: a message and a remedy."""

    remedy = ""

    def __init__(self, message: str, remedy: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if remedy is not None:
            self.remedy = remedy

    def __str__(self) -> str:
        return f"{self.message} ({self.remedy})" if self.remedy else self.message


class InputError(SitrepError):
    """One input (a file, a feed entry, a JSON line) could not be read as an article."""

    remedy = "fix or remove this input; the rest of the batch goes on"

    def __init__(self, source: str, reason: str, remedy: str | None = None) -> None:
        super().__init__(f"{source}: {reason}", remedy)
        self.source = source
        self.reason = reason


class UsageError(SitrepError):
    """A command was called with options that cannot work together or have a bad value."""

    remedy = "see `sitrep COMMAND --help`"


class PipelineError(SitrepError):
    """A pipeline was assembled from unknown stages or in an order that cannot run."""

    remedy = "list stages after the stages whose annotations they read"


class StoreError(SitrepError):
    """The store cannot be opened, migrated, read or written."""

    remedy = "check the --db path and that no other program holds the database"


class SearchQueryError(StoreError):
    """A full-text query that the search engine cannot parse."""

    remedy = (
        'quote phrases ("Tal Abyad") and avoid stray punctuation, or see the SQLite FTS5 syntax'
    )


class ActorRegistryError(SitrepError):
    """An actors registry file (a user's, or the packaged one) that cannot be read as one."""

    remedy = "fix the file as docs/actors.md ('The registry') describes, or leave it out"

    def __init__(self, path: str, reason: str, remedy: str | None = None) -> None:
        super().__init__(f"{path}: {reason}", remedy)
        self.path = path
        self.reason = reason


class GazetteerError(SitrepError):
    """The gazetteer cannot be built or opened: a GeoNames dump that is missing or holds no
    GeoNames rows, packaged data that is not installed, or a cache that cannot be written."""

    remedy = (
        "check that the file is a GeoNames dump (UTF-8, 19 tab-separated columns) and that the"
        " cache directory is writable (set SITREP_CACHE to move it)"
    )


class ReviewError(SitrepError):
    """An analyst's review that cannot be applied: an unknown field or action, a value that
    cannot be read, or a record the article does not hold."""

    remedy = "see docs/review.md for the fields each kind of record takes"


class NotFoundError(SitrepError):
    """An article, event or claim group the store does not hold."""

    remedy = "check the id; list what the store holds with `sitrep stats` or the web UI"


class ClusterError(SitrepError):
    """A Dask cluster that cannot be reached, or that has no worker to run the pipeline on."""

    remedy = (
        "check the address and that `dask scheduler` runs there, with `dask worker ADDRESS` on"
        " each machine; or run on this machine with --dask local[N], or without --dask"
    )


class WorkerMismatchError(ClusterError):
    """A Dask worker whose pipeline is not the one the ingest runs, so its records would not be
    those the store says it holds."""

    remedy = (
        "install the same sitrep version on every worker and give each the same gazetteer"
        " (SITREP_CACHE, and any `sitrep gazetteer load`): see docs/scale.md"
    )
