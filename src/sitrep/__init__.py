"""sitrep: turn conflict news into a sourced, cross-checked situation picture."""

from __future__ import annotations

from sitrep.errors import InputError, PipelineError, SitrepError, StoreError, UsageError
from sitrep.ingest import ReadOptions, read_articles
from sitrep.jobs import IngestReport, extract_paths, ingest_paths, run_demo
from sitrep.model import AnnotatedArticle, Article, Paragraph, Quantity, Sentence, Span
from sitrep.pipeline import Pipeline, Stage, StageRegistry, default_registry
from sitrep.quantities import extract_quantities
from sitrep.store import Store, open_store

__version__ = "0.1.0"

__all__ = [
    "AnnotatedArticle",
    "Article",
    "IngestReport",
    "InputError",
    "Paragraph",
    "Pipeline",
    "PipelineError",
    "Quantity",
    "ReadOptions",
    "Sentence",
    "SitrepError",
    "Span",
    "Stage",
    "StageRegistry",
    "Store",
    "StoreError",
    "UsageError",
    "__version__",
    "default_registry",
    "extract_paths",
    "extract_quantities",
    "ingest_paths",
    "open_store",
    "read_articles",
    "run_demo",
]
