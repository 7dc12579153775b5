"""Named, transactional schema migrations, one SQL file each, applied in name order."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources


@dataclass(slots=True, frozen=True)
class Migration:
    name: str
    sql: str


def migrations_for(dialect: str) -> list[Migration]:
    """The migrations of one SQL dialect (a sub-package named after it), sorted by name."""
    folder = resources.files(f"sitrep.store.migrations.{dialect}")
    files = sorted(
        (item for item in folder.iterdir() if item.name.endswith(".sql")),
        key=lambda item: item.name,
    )
    return [Migration(item.name.removesuffix(".sql"), item.read_text("utf-8")) for item in files]
