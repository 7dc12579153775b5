"""Stores: where ingested articles and their annotations live. SQLite by default; PostgreSQL for
teams, given as a postgresql:// URL."""

from __future__ import annotations

from pathlib import Path

from sitrep.errors import StoreError
from sitrep.store.base import Fingerprint, SearchHit, Store, StoreStats, WriteCounts, WriteItem
from sitrep.store.sql import without_password
from sitrep.store.sqlite import SQLiteStore
from sitrep.store.sqlstore import SQLStore

DEFAULT_DB = "sitrep.db"

__all__ = [
    "DEFAULT_DB",
    "Fingerprint",
    "SQLStore",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "StoreStats",
    "WriteCounts",
    "WriteItem",
    "open_store",
    "without_password",
]


POSTGRES_SCHEMES = ("postgresql", "postgres")


def open_store(location: str | Path = DEFAULT_DB, *, shared: bool = False) -> SQLStore:
    """The store at `location`: a SQLite file path (created if missing), or a PostgreSQL URL
    (postgresql://user:password@host:port/database; its tables are created if missing).
    `shared` lets a server use the one connection from another thread than the one making it."""
    name = str(location)
    if "://" in name:
        scheme = name.split("://", 1)[0]
        if scheme in POSTGRES_SCHEMES:
            from sitrep.store.postgres import PostgresStore

            return PostgresStore.open(name)
        raise StoreError(
            f"unsupported store URL scheme {scheme!r} in {name}",
            "give a SQLite file path or a postgresql:// URL",
        )
    if Path(name).is_dir():
        raise StoreError(
            f"{name} is a directory, not a database file", "give a file path such as sitrep.db"
        )
    return SQLiteStore.open(name, check_same_thread=not shared)
