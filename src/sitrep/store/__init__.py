"""Stores: where ingested articles and their annotations live. SQLite by default."""

from __future__ import annotations

from pathlib import Path

from sitrep.errors import StoreError
from sitrep.store.base import Fingerprint, SearchHit, Store, StoreStats, WriteCounts, WriteItem
from sitrep.store.sqlite import SQLiteStore

DEFAULT_DB = "sitrep.db"

__all__ = [
    "DEFAULT_DB",
    "Fingerprint",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "StoreStats",
    "WriteCounts",
    "WriteItem",
    "open_store",
]


def open_store(location: str | Path = DEFAULT_DB) -> Store:
    """The store at `location`: a SQLite file path (created if missing)."""
    name = str(location)
    if "://" in name:
        scheme = name.split("://", 1)[0]
        raise StoreError(
            f"unsupported store URL scheme {scheme!r} in {name}", "give a SQLite file path"
        )
    if Path(name).is_dir():
        raise StoreError(
            f"{name} is a directory, not a database file", "give a file path such as sitrep.db"
        )
    return SQLiteStore.open(name)
