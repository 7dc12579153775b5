"""What the pages and the API show, built from the store's records: one place for both, so that
the HTML and the JSON never tell two stories."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from sitrep.export import export_record
from sitrep.model import AnnotatedArticle, Claim, Event, Quantity, Span, TimeExpression
from sitrep.reconcile.claim_listing import (
    QUALIFIERS,
    amount,
    days_text,
    figure_text,
    group_title,
    range_text,
)
from sitrep.review import FIGURE_KINDS, Review, review_lexicon
from sitrep.web.highlight import Mark, highlight, marks_of, paragraph_bounds

# Side-panel headings, in the order the panel lists them.
PANEL_KINDS = {
    "quantities": "Figures",
    "quotes": "Quotes",
    "events": "Events",
    "places": "Places",
    "times": "Times",
    "actors": "Actors",
}


@dataclass(slots=True, frozen=True)
class PanelItem:
    """One extracted item in the article page's side panel, with what its review form needs."""

    kind: str
    seq: int
    start_char: int
    end_char: int
    text: str
    label: str
    status: str | None  # the last review's action, None when unreviewed
    fields: tuple[tuple[str, str], ...]  # correctable field -> its current value as text

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.seq}"


def review_json(review: Review) -> dict[str, Any]:
    return {
        **{f.name: getattr(review, f.name) for f in dataclasses.fields(review)},
        "changes": {k: list(v) if isinstance(v, tuple) else v for k, v in review.changes.items()},
    }


def article_json(annotated: AnnotatedArticle, reviews: Sequence[Review]) -> dict[str, Any]:
    return {**export_record(annotated), "reviews": [review_json(r) for r in reviews]}


def article_body(annotated: AnnotatedArticle) -> Markup:
    """The text with every item highlighted; a claim gets an anchor of its own at its figure,
    so that the claims page links straight to the sentence."""
    marks = [*marks_of(annotated), *_claim_marks(annotated)]
    html = highlight(annotated.article.text, marks, paragraph_bounds(annotated))
    return Markup(html)


def _claim_marks(annotated: AnnotatedArticle) -> list[Mark]:
    return [
        Mark(claim.start_char, claim.end_char, "claims", seq, title="claim")
        for seq, claim in enumerate(annotated.get("claims"))
    ]


def panel(
    annotated: AnnotatedArticle, reviews: Sequence[Review]
) -> list[tuple[str, list[PanelItem]]]:
    """The side panel: items by kind, each with its review status and correctable fields."""
    status = {(r.kind, r.start_char, r.end_char): r.action for r in reviews}
    for r in reviews:  # a figure's review shows on its quantity whichever record it named
        if r.kind in FIGURE_KINDS:
            status[("quantities", r.start_char, r.end_char)] = r.action
    text = annotated.article.text
    found = []
    for kind, heading in PANEL_KINDS.items():
        items = [
            _item(kind, seq, record, text, status.get((kind, record.start_char, record.end_char)))
            for seq, record in enumerate(annotated.get(kind))
        ]
        if items:
            found.append((heading, items))
    return found


def _item(kind: str, seq: int, record: Span, text: str, status: str | None) -> PanelItem:
    fields = tuple(
        (name, field_text(record, name)) for name in review_lexicon().fields.get(kind, {})
    )
    return PanelItem(
        kind,
        seq,
        record.start_char,
        record.end_char,
        record.text_in(text),
        item_label(record),
        status,
        fields,
    )


def item_label(record: Span) -> str:
    """A short line saying what the machine read."""
    if isinstance(record, Quantity):
        figure = _figure(record.value, record.low, record.high, record.approx)
        parts = (record.measure.replace("_", " "), figure, record.unit, record.place)
        return " · ".join(p for p in parts if p)
    if isinstance(record, Event):
        place = record.place.name if record.place else None
        days = days_text(record.interval) if record.interval else None
        return " · ".join(p for p in (record.type.replace("_", " "), place, days) if p)
    attrs = record.attrs()
    for name in ("source", "name", "value"):
        if attrs.get(name):
            return str(attrs[name])
    return ""


def _figure(value: float | None, low: float | None, high: float | None, approx: str) -> str:
    qualifier = QUALIFIERS.get(approx, "")
    if low is not None and high is not None:
        return f"{qualifier}{range_text(low, high)}"
    return f"{qualifier}{amount(value)}" if value is not None else ""


def field_text(record: Span, name: str) -> str:
    """A record's field as the review form shows it, in the form the field is typed."""
    value: Any
    if name == "date":
        value = _days_of(record)
    elif isinstance(record, Event) and name in ("killed", "wounded"):
        toll = getattr(record, name)
        value = toll.value if toll is not None else None
    elif isinstance(record, Event) and name in ("place", "country", "lat", "lon"):
        place = record.place
        value = getattr(place, "name" if name == "place" else name) if place else None
    else:
        value = getattr(record, name, None)
    return _typed(value)


def _days_of(record: Span) -> tuple[str, str] | None:
    if isinstance(record, Quantity):
        return record.time.interval if record.time else None
    if isinstance(record, Claim):
        return record.period
    if isinstance(record, Event | TimeExpression):
        return record.interval
    return None


def _typed(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return value[0] if value[0] == value[1] else f"{value[0]}..{value[1]}"
    if isinstance(value, float):
        return amount(value)
    return str(value)


def snippet(text: str) -> Markup:
    """A search snippet with the engine's [match] markers shown as highlights, the rest escaped."""
    escaped = str(escape(text))
    return Markup(escaped.replace("[", "<mark>").replace("]", "</mark>"))


FILTERS: dict[str, Any] = {
    "snippet": snippet,
    "amount": amount,
    "days": days_text,
    "figure": figure_text,
    "group_title": group_title,
    "words": lambda code: str(code or "").replace("_", " "),
}
