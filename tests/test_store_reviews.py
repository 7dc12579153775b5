"""Reviews in the SQL stores: the audit log, corrections reaching claims, events and export, and
surviving re-extraction (issue 9). Run over the demo store, whose figures are known."""

from __future__ import annotations

import io
import json

import pytest

from sitrep.errors import NotFoundError, ReviewError
from sitrep.export import write_jsonl
from sitrep.model import Claim
from sitrep.pipeline import Pipeline
from sitrep.reconcile.claims import ClaimReport
from sitrep.review import ReviewRequest
from sitrep.store import SQLStore, WriteItem, open_store


def warren_claim(store: SQLStore) -> ClaimReport:
    """Col. Warren's "about 10 percent" of Syrian territory lost, in the demo corpus."""
    for group in store.claims(measure="territory_share", place="Syria"):
        for report in group.reports:
            if report.claim.text == "about 10 percent":
                return report
    raise AssertionError("the demo corpus lost Warren's figure")


def correct(store: SQLStore, report: ClaimReport, kind: str = "quantities", **changes: str):  # type: ignore[no-untyped-def]
    claim = report.claim
    request = ReviewRequest(
        report.article_id,
        kind,
        claim.start_char,
        claim.end_char,
        "correct",
        "ana",
        changes,
        "checked against the briefing",
    )
    return store.review(request)


def test_store_review_correction_reaches_claims_and_export(demo_location: str) -> None:
    with open_store(demo_location) as store:
        report = warren_claim(store)
        review = correct(store, report, value="12")
        figures = [
            r.claim.value
            for g in store.claims(measure="territory_share", place="Syria")
            for r in g.reports
            if r.article_id == report.article_id and r.seq == report.seq
        ]
        out = io.StringIO()
        write_jsonl(store.articles(), out)
    assert figures == [12.0]
    assert (review.before or {})["value"] == 10.0 and (review.after or {})["value"] == 12.0
    exported = [json.loads(line) for line in out.getvalue().splitlines()]
    [record] = [r for r in exported if r["id"] == report.article_id]
    values = {
        q["value"] for q in record["quantities"] if q["start_char"] == report.claim.start_char
    }
    assert values == {12.0}


def test_store_review_log_keeps_who_when_before_after(demo_location: str) -> None:
    with open_store(demo_location) as store:
        report = warren_claim(store)
        correct(store, report, value="12")
        correct(store, report, kind="claims", approx="more than")
        log = store.reviews()
        one = store.reviews(report.article_id, limit=1)
    assert [r.action for r in log] == ["correct", "correct"]
    assert log[0].kind == "claims" and log[0].changes == {"approx": "more_than"}
    assert log[0].reviewer == "ana" and log[0].reviewed_at.startswith("20")
    assert log[0].note == "checked against the briefing"
    assert one == log[:1]


def test_store_review_survives_re_extraction(demo_location: str, pipeline: Pipeline) -> None:
    """Issue 9: a correction is laid again over a fresh extraction of its article."""
    with open_store(demo_location) as store:
        report = warren_claim(store)
        correct(store, report, value="12")
        article = store.article(report.article_id)
        assert article is not None
        fresh = pipeline.run(article.article)
        store.write([WriteItem(fresh, "a newer pipeline", reannotated=True)])
        again = store.article(report.article_id)
    assert again is not None
    [claim] = [c for c in again.get("claims") if c.start_char == report.claim.start_char]
    assert isinstance(claim, Claim) and claim.value == 12.0


def test_store_review_reject_event_removes_it_from_events(demo_location: str) -> None:
    with open_store(demo_location) as store:
        event = store.events()[0]
        report = event.reports[0]
        before = len(store.events())
        store.review(
            ReviewRequest(
                report.article_id,
                "events",
                report.event.start_char,
                report.event.end_char,
                "reject",
                "ana",
            )
        )
        ids = {r.article_id for e in store.events() for r in e.reports if r.seq == report.seq}
        after = store.events()
    assert len(after) <= before
    assert all(
        not (r.article_id == report.article_id and r.event.start_char == report.event.start_char)
        for e in after
        for r in e.reports
    ), ids


@pytest.mark.parametrize(
    ("article_id", "span", "error", "words"),
    [
        ("0" * 16, (0, 5), NotFoundError, "no article"),
        (None, (0, 1), ReviewError, "has no quantities record"),
    ],
)
def test_store_review_refuses_unknown_targets_and_writes_nothing(
    demo_location: str,
    article_id: str | None,
    span: tuple[int, int],
    error: type[Exception],
    words: str,
) -> None:
    with open_store(demo_location) as store:
        known = article_id or warren_claim(store).article_id
        with pytest.raises(error, match=words):
            store.review(ReviewRequest(known, "quantities", *span, "confirm", "ana"))
        assert store.reviews() == []


def test_store_review_log_outlives_a_deleted_article(demo_location: str) -> None:
    with open_store(demo_location) as store:
        report = warren_claim(store)
        correct(store, report, value="12")
        store.delete([report.article_id])
        assert [r.article_id for r in store.reviews()] == [report.article_id]
