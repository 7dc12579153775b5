"""Export contract v1: one JSON object per article, from `sitrep extract` and `sitrep export` alike.

The contract is described by `schema/export-v1.schema.json`. Every offset indexes into `text`.
Records without fields of their own (paragraphs, sentences) export as `[start, end]` pairs; the
others as objects with `start_char`, `end_char` and their fields.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import IO, Any

from sitrep.model import EXPORT_KINDS, AnnotatedArticle, Event, Span

SCHEMA_VERSION = 1
SCHEMA_FILE = f"export-v{SCHEMA_VERSION}.schema.json"


def export_record(annotated: AnnotatedArticle) -> dict[str, Any]:
    """The contract's JSON object for one annotated article."""
    article = annotated.article
    record: dict[str, Any] = {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_source": article.published_source,
        "published_confidence": article.published_confidence,
        "published_reason": article.published_reason,
        "copy_of": annotated.copy_of.canonical_id if annotated.copy_of else None,
        "text": article.text,
    }
    for kind in EXPORT_KINDS:
        record[kind] = [export_span(span) for span in annotated.get(kind)]
    return record


def export_span(span: Span) -> list[int] | dict[str, Any]:
    """One record as the contract gives it: offsets, and its fields when it has any."""
    attrs = span.attrs()
    if not attrs:
        return [span.start_char, span.end_char]
    return {"start_char": span.start_char, "end_char": span.end_char, **attrs}


def with_event_ids(
    articles: Iterable[AnnotatedArticle], links: Iterable[tuple[str, int, str]]
) -> Iterator[AnnotatedArticle]:
    """Articles whose event records carry the shared id of the merged event each reports, from
    `links`: (article id, seq, event id) in article id order, as a store gives them; the two
    streams are walked side by side, so that nothing is held beyond one article."""
    pending = iter(links)
    link = next(pending, None)
    for annotated in articles:
        shared: dict[int, str] = {}
        while link is not None and link[0] <= annotated.article.id:
            if link[0] == annotated.article.id:
                shared[link[1]] = link[2]
            link = next(pending, None)
        yield _with_shared_ids(annotated, shared) if shared else annotated


def _with_shared_ids(annotated: AnnotatedArticle, shared: dict[int, str]) -> AnnotatedArticle:
    events = tuple(
        dataclasses.replace(event, event_id=shared[seq])
        if seq in shared and isinstance(event, Event)
        else event
        for seq, event in enumerate(annotated.get("events"))
    )
    annotations = {**annotated.annotations, "events": events}
    return dataclasses.replace(annotated, annotations=annotations)


def dumps(record: dict[str, Any]) -> str:
    """One JSON Lines line (without the newline), UTF-8 kept readable."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str)


def write_jsonl(articles: Iterable[AnnotatedArticle], stream: IO[str]) -> int:
    """Write every article as a contract line; returns how many were written."""
    count = 0
    for annotated in articles:
        stream.write(dumps(export_record(annotated)) + "\n")
        count += 1
    return count


def schema() -> dict[str, Any]:
    """The JSON Schema of the export contract."""
    text = resources.files("sitrep.schema").joinpath(SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
