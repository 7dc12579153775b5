"""Human review laid over the machine's records (sitrep.review), on records built by hand."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from sitrep.errors import ReviewError
from sitrep.model import AnnotatedArticle, Article, Claim, Event, Place, Quantity, Quote, Toll
from sitrep.review import (
    Review,
    ReviewRequest,
    apply_review,
    apply_reviews,
    checked_request,
    read_changes,
    target,
)

TEXT = "Officials said at least 12 people died when a car bomb hit Hilla on Tuesday."
FIGURE = (15, 26)  # "at least 12"


def quantity(**fields: Any) -> Quantity:
    base: dict[str, Any] = {
        "text": "at least 12",
        "value": 12.0,
        "approx": "at_least",
        "measure": "killed",
        "normalized": 12.0,
        "base_unit": "count",
    }
    return Quantity(*FIGURE, **(base | fields))


def claim(**fields: Any) -> Claim:
    base: dict[str, Any] = {
        "text": "at least 12",
        "measure": "killed",
        "value": 12.0,
        "approx": "at_least",
        "place": "Hilla",
        "key": "killed||||count",
    }
    return Claim(*FIGURE, **(base | fields))


def event() -> Event:
    return Event(
        46,
        54,
        trigger="car bomb",
        type="bombing",
        subtype="IED",
        place=Place(59, 64, text="Hilla", name="Hilla", country="IQ", lat=32.5, lon=44.4),
        killed=Toll(12.0, approx="at_least", start_char=FIGURE[0], end_char=FIGURE[1]),
    )


def annotations() -> dict[str, tuple[Any, ...]]:
    return {"quantities": (quantity(),), "claims": (claim(),), "events": (event(),)}


def review(
    kind: str,
    action: str,
    changes: dict[str, Any] | None = None,
    span: tuple[int, int] = FIGURE,
    after: dict[str, Any] | None = None,
) -> Review:
    return Review(
        1,
        "a" * 16,
        kind,
        *span,
        action,
        "ana",
        "2026-11-21T10:00:00+00:00",  # type: ignore[arg-type]
        changes or {},
        None,
        after,
    )


@pytest.mark.parametrize(
    ("kind", "raw", "read"),
    [
        ("quantities", {"value": "1,200"}, {"value": 1200.0}),
        ("quantities", {"approx": "about"}, {"approx": "approximate"}),
        ("quantities", {"approx": "more than"}, {"approx": "more_than"}),
        ("claims", {"date": "2016-02"}, {"date": ("2016-02-01", "2016-02-29")}),
        ("events", {"date": "2016-02-19..2016-02-21"}, {"date": ("2016-02-19", "2016-02-21")}),
        ("events", {"type": "airstrike", "country": "iq"}, {"type": "airstrike", "country": "IQ"}),
        ("quotes", {"source": "  Col.  Steve Warren "}, {"source": "Col. Steve Warren"}),
        ("quantities", {"place": ""}, {"place": None}),
    ],
)
def test_review_read_changes_types_each_field(
    kind: str, raw: dict[str, Any], read: dict[str, Any]
) -> None:
    assert read_changes(kind, raw) == read


@pytest.mark.parametrize(
    ("kind", "raw", "words"),
    [
        ("quantities", {"colour": "red"}, "cannot be corrected"),
        ("quantities", {"value": "twelve"}, "is not a number"),
        ("quantities", {"value": "nan"}, "finite"),
        ("quantities", {"approx": "perhaps"}, "not a qualifier"),
        ("quantities", {"unit": ""}, "cannot be left empty"),
        ("quantities", {"low": "20", "high": "10"}, "above high"),
        ("events", {"type": "picnic"}, "not an event type"),
        ("events", {"lat": "91"}, "out of range"),
        ("events", {"date": "2016-02-30"}, "not a date"),
        ("events", {"date": "2016-03..2016-02"}, "ends before"),
        ("places", {"country": "Syria"}, "country code"),
        ("quotes", {"source": "x" * 201}, "longer than"),
    ],
)
def test_review_read_changes_refuses_with_a_reason(
    kind: str, raw: dict[str, Any], words: str
) -> None:
    with pytest.raises(ReviewError, match=words) as caught:
        read_changes(kind, raw)
    assert caught.value.remedy


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (ReviewRequest("a" * 16, "sentences", 0, 5, "confirm", "ana"), "cannot be reviewed"),
        (ReviewRequest("a" * 16, "quantities", 0, 5, "delete", "ana"), "unknown action"),  # type: ignore[arg-type]
        (ReviewRequest("a" * 16, "quantities", 0, 5, "confirm", "  "), "reviewer"),
        (ReviewRequest("a" * 16, "quantities", 0, 5, "correct", "ana", {}), "at least one"),
    ],
)
def test_review_checked_request_refuses_incomplete_requests(
    request_: ReviewRequest, words: str
) -> None:
    with pytest.raises(ReviewError, match=words):
        checked_request(request_)


def test_review_confirm_marks_the_figure_and_changes_nothing_else() -> None:
    found = apply_review(annotations(), review("quantities", "confirm"))
    assert found["quantities"] == (dataclasses.replace(quantity(), reviewed="confirmed"),)
    assert found["claims"][0].reviewed == "confirmed"
    assert found["events"] == annotations()["events"]


def test_review_confirm_keeps_an_earlier_correction_visible() -> None:
    fixed = apply_review(annotations(), review("quantities", "correct", {"value": 15.0}))
    found = apply_review(fixed, review("claims", "confirm"))
    assert found["claims"][0].reviewed == "corrected" and found["claims"][0].value == 15.0
    assert found["events"][0].reviewed == "corrected"


def test_review_correct_figure_reaches_quantity_claim_and_toll() -> None:
    found = apply_review(annotations(), review("quantities", "correct", {"value": 15.0}))
    [q], [c], [e] = found["quantities"], found["claims"], found["events"]
    assert (q.value, q.normalized, q.approx) == (15.0, 15.0, "at_least")
    assert (c.value, c.approx) == (15.0, "at_least")
    assert e.killed.value == 15.0 and e.killed.start_char == FIGURE[0]


def test_review_correct_claim_reaches_its_quantity() -> None:
    found = apply_review(annotations(), review("claims", "correct", {"approx": "approximate"}))
    assert found["quantities"][0].approx == "approximate"
    assert found["claims"][0].approx == "approximate"


def test_review_range_replaces_value_and_value_replaces_range() -> None:
    ranged = apply_review(
        annotations(), review("quantities", "correct", {"low": 10.0, "high": 14.0})
    )
    [q] = ranged["quantities"]
    assert (q.value, q.low, q.high) == (None, 10.0, 14.0)
    single = apply_review(ranged, review("quantities", "correct", {"value": 11.0}))
    [q] = single["quantities"]
    assert (q.value, q.low, q.high) == (11.0, None, None)


def test_review_converted_figure_scales_into_claim_unit() -> None:
    """A claim of "10 square miles" is in km2: the analyst's 20 square miles is 51.8 km2."""
    q = Quantity(
        0,
        15,
        text="10 square miles",
        value=10.0,
        unit="square miles",
        normalized=25.9,
        base_unit="km2",
        measure="area",
    )
    c = Claim(0, 15, text="10 square miles", measure="area", unit="km2", value=25.9)
    found = apply_review(
        {"quantities": (q,), "claims": (c,)},
        review("quantities", "correct", {"value": 20.0}, span=(0, 15)),
    )
    assert found["quantities"][0].normalized == pytest.approx(51.8)
    assert found["claims"][0].value == pytest.approx(51.8)
    assert found["claims"][0].unit == "km2"


def test_review_claim_place_correction_moves_it_to_another_group() -> None:
    found = apply_review(annotations(), review("claims", "correct", {"place": "Baghdad"}))
    assert found["claims"][0].key == "killed|||baghdad|count"


def test_review_reject_figure_removes_quantity_claim_and_toll() -> None:
    found = apply_review(annotations(), review("quantities", "reject"))
    assert found["quantities"] == () and found["claims"] == ()
    assert found["events"][0].killed is None


def test_review_correct_event_type_place_date_and_toll() -> None:
    changes = {
        "type": "airstrike",
        "place": "Baghdad",
        "lat": 33.3,
        "lon": 44.4,
        "date": ("2016-02-16", "2016-02-16"),
        "killed": 14.0,
    }
    [e] = apply_review(annotations(), review("events", "correct", changes, span=(46, 54)))["events"]
    assert (e.type, e.plover) == ("airstrike", "FIGHT")
    assert (e.place.name, e.place.country, e.place.lat) == ("Baghdad", "IQ", 33.3)
    assert e.interval == ("2016-02-16", "2016-02-16")
    assert e.killed.value == 14.0 and e.killed.approx == "at_least"


def test_review_correct_quote_source() -> None:
    quote = Quote(0, 9, text="Officials", source="Officials")
    found = apply_review(
        {"quotes": (quote,)},
        review("quotes", "correct", {"source": "Interior Ministry"}, span=(0, 9)),
    )
    assert found["quotes"][0].source == "Interior Ministry"


def test_review_correction_restores_a_record_the_machine_lost() -> None:
    """After re-extraction the machine may no longer read a figure: the log brings it back."""
    after = quantity(value=15.0).attrs()
    found = apply_review(
        {"quantities": ()}, review("quantities", "correct", {"value": 15.0}, after=after)
    )
    assert target(found, "quantities", *FIGURE) == quantity(value=15.0)


def test_review_apply_reviews_in_order_over_an_article() -> None:
    article = AnnotatedArticle(Article("a" * 16, TEXT), annotations())
    reviewed = apply_reviews(
        article,
        [
            review("quantities", "correct", {"value": 15.0}),
            review("quantities", "correct", {"approx": "exact"}),
        ],
    )
    [q] = reviewed.get("quantities")
    assert (q.value, q.approx) == (15.0, "exact")
