"""The web UI and JSON API over the store (sitrep serve): docs/web.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from fastapi import FastAPI


def create_app(db_path: str | Path, **options: Any) -> FastAPI:
    """The ASGI app over the store at `db_path`; `sitrep.web.app.create_app` says the options."""
    from sitrep.web.app import create_app as create

    return create(db_path, **options)
