from __future__ import annotations

import datetime as dt
import io
import json

import jsonschema
import pytest

from sitrep.export import export_record, schema, with_event_ids, write_jsonl
from sitrep.model import EXPORT_KINDS, AnnotatedArticle, Article, CopyLink, Event
from sitrep.pipeline import Pipeline

TEXT = "Aid trucks reached the town on Tuesday. Nine were turned back.\n\nThe UN asked for access."


def test_export_record_validates_against_the_schema(pipeline: Pipeline) -> None:
    article = Article.create(
        TEXT, title="Aid", outlet="Levant Ledger", published=dt.date(2016, 2, 23)
    )
    record = export_record(pipeline.run(article))
    jsonschema.validate(record, schema())
    assert record["published"] == "2016-02-23"
    assert [TEXT[s:e] for s, e in record["sentences"]][-1] == "The UN asked for access."
    [nine] = record["quantities"]
    assert (nine["text"], nine["value"], nine["unit"]) == ("Nine", 9.0, "count")
    assert nine["time"]["basis"] == "published"  # no time governs "Nine" in its clause
    [tuesday] = record["times"]
    assert (tuesday["text"], tuesday["interval"]) == ("Tuesday", ["2016-02-23", "2016-02-23"])
    assert record["events"] == []


def test_export_record_names_the_canonical_article_of_a_copy(pipeline: Pipeline) -> None:
    annotated = pipeline.run(Article.create(TEXT), CopyLink("0123456789abcdef", 0.9))
    record = export_record(annotated)
    jsonschema.validate(record, schema())
    assert record["copy_of"] == "0123456789abcdef"


def test_export_record_lists_every_kind_in_contract_order(pipeline: Pipeline) -> None:
    record = export_record(pipeline.run(Article.create(TEXT)))
    assert list(record)[-len(EXPORT_KINDS) :] == list(EXPORT_KINDS)


def test_export_records_with_fields_become_objects() -> None:
    article = Article.create(TEXT)
    event = Event(11, 18, trigger="reached", type="other", interval=("2016-02-23", "2016-02-23"))
    record = export_record(AnnotatedArticle(article, {"events": (event,)}))
    assert record["events"] == [{"start_char": 11, "end_char": 18, **event.attrs()}]
    assert record["events"][0]["interval"] == ["2016-02-23", "2016-02-23"]
    jsonschema.validate(record, schema())


def test_export_events_take_the_shared_id_of_their_merged_event() -> None:
    """Links come from a store in article id order; an event without one keeps its own id."""
    first, second = (Article.create(text) for text in (TEXT, "Quiet day."))
    events = (Event(0, 3, trigger="Aid", event_id="own"), Event(4, 10, trigger="trucks"))
    articles = sorted(
        [AnnotatedArticle(first, {"events": events}), AnnotatedArticle(second)],
        key=lambda annotated: annotated.article.id,
    )
    links = [("0" * 16, 0, "elsewhere"), (first.id, 1, "0123456789abcdef"), ("f" * 16, 0, "x")]
    shared = {a.article.id: a for a in with_event_ids(articles, links)}
    ids = [getattr(event, "event_id", None) for event in shared[first.id].get("events")]
    assert ids == ["own", "0123456789abcdef"]
    assert shared[second.id] == next(a for a in articles if a.article == second)
    jsonschema.validate(export_record(shared[first.id]), schema())


@pytest.mark.parametrize("field", ["published", "id", "sentences"])
def test_export_schema_rejects_malformed_records(pipeline: Pipeline, field: str) -> None:
    record = export_record(pipeline.run(Article.create(TEXT)))
    record[field] = {"published": "17 March", "id": "XYZ", "sentences": [[1]]}[field]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema())


def test_export_jsonl_writes_one_line_per_article(pipeline: Pipeline) -> None:
    stream = io.StringIO()
    count = write_jsonl(
        [pipeline.run(Article.create(TEXT)), pipeline.run(Article.create("Quiet day."))], stream
    )
    lines = stream.getvalue().splitlines()
    assert count == len(lines) == 2
    assert [json.loads(line)["text"] for line in lines][1] == "Quiet day."


@pytest.mark.parametrize(
    "dating",
    [
        {},
        {"published": dt.date(2016, 2, 23), "published_source": "option"},
        {
            "published": dt.date(2016, 2, 23),
            "published_source": "inferred",
            "published_confidence": 0.6,
            "published_reason": "dateline 'BEIRUT, Feb. 23' with year from the latest date"
            " mentioned (2016-02-21)",
        },
    ],
    ids=["undated", "option", "inferred"],
)
def test_export_record_carries_the_date_provenance(dating: dict[str, object]) -> None:
    # Without annotations: the article-level fields alone are under test here.
    record = export_record(AnnotatedArticle(Article.create(TEXT, **dating)))  # type: ignore[arg-type]
    jsonschema.validate(record, schema())
    for name in ("published_source", "published_confidence", "published_reason"):
        assert record[name] == dating.get(name)
    assert list(record)[5:9] == [
        "published",
        "published_source",
        "published_confidence",
        "published_reason",
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("published_source", "guessed"),
        ("published_confidence", 1.5),
        ("published_confidence", "high"),
        ("published_reason", 7),
    ],
)
def test_export_schema_rejects_malformed_date_provenance(field: str, value: object) -> None:
    record = export_record(AnnotatedArticle(Article.create(TEXT)))
    record[field] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema())


def test_export_schema_requires_the_date_provenance() -> None:
    record = export_record(AnnotatedArticle(Article.create(TEXT)))
    del record["published_source"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema())
