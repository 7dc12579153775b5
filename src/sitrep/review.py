"""Human review: an analyst confirms, corrects or rejects an extracted item (docs/review.md).

A review names its target by article, kind of record and offsets. Offsets survive re-extraction:
an article's id is derived from its text, so the same text gives the same offsets whatever the
pipeline reads in it. `apply_reviews` lays an article's reviews, oldest first, over the
machine's records; the store keeps the result, so that claims, events, the brief and the export
all read the analyst's word. The fields an analyst may correct, and how each typed value is
read, are data: `lexicons/review.toml`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sitrep.claims.lexicon import ClaimLexicon
from sitrep.errors import ReviewError
from sitrep.events.lexicon import EventLexicon
from sitrep.model import (
    APPROX_VALUES,
    EVENT_TYPES,
    MEASURE_VALUES,
    AnnotatedArticle,
    Claim,
    ClaimTime,
    Event,
    Place,
    Quantity,
    Quote,
    Reviewed,
    Span,
    TimeExpression,
    Toll,
    record_from_row,
)
from sitrep.patterns import read_lexicon

Action = Literal["confirm", "correct", "reject"]
ACTIONS: tuple[str, ...] = Action.__args__  # type: ignore[attr-defined]
# A figure is one thing in two records (and in the toll of an event that counts it): a review of
# either reaches both.
FIGURE_KINDS = ("quantities", "claims")
_FIGURE_FIELDS = ("value", "low", "high", "approx")
# Fields every record of its kind has: a correction may change them but not clear them.
_REQUIRED = {
    "*": frozenset(("unit", "measure", "approx", "type", "name")),
    "times": frozenset(("date",)),
}
_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(slots=True, frozen=True)
class ReviewLexicon:
    fields: Mapping[str, Mapping[str, str]]  # kind -> field -> how its value is read
    qualifiers: Mapping[str, str]
    text_limit: int
    note_limit: int
    reviewer_limit: int

    @classmethod
    def load(cls) -> ReviewLexicon:
        data = read_lexicon("review.toml")
        limits = data["limits"]
        return cls(
            fields=data["fields"],
            qualifiers=data["qualifiers"],
            text_limit=int(limits["text"]),
            note_limit=int(limits["note"]),
            reviewer_limit=int(limits["reviewer"]),
        )

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.fields)


@functools.cache
def review_lexicon() -> ReviewLexicon:
    return ReviewLexicon.load()


@functools.cache
def _claim_lexicon() -> ClaimLexicon:
    return ClaimLexicon.load()


@functools.cache
def _event_lexicon() -> EventLexicon:
    return EventLexicon.load()


@dataclass(slots=True, frozen=True)
class ReviewRequest:
    """What an analyst asks: `action` on the record of `kind` at `start_char`..`end_char` of
    article `article_id`, with the typed `changes` of a correction (field -> text or number)."""

    article_id: str
    kind: str
    start_char: int
    end_char: int
    action: Action
    reviewer: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    note: str | None = None


@dataclass(slots=True, frozen=True)
class Review:
    """One entry of the audit log: who did what to which record, when, and the record before and
    after (its fields other than offsets; `after` None when rejected). `changes` holds the
    values as read, ready to apply again over a fresh extraction."""

    review_id: int
    article_id: str
    kind: str
    start_char: int
    end_char: int
    action: Action
    reviewer: str
    reviewed_at: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None
    note: str | None = None


def checked_request(request: ReviewRequest) -> ReviewRequest:
    """The request with its changes read and checked (`read_changes`), its reviewer and note
    trimmed; a `ReviewError` names what is wrong."""
    lexicon = review_lexicon()
    if request.kind not in lexicon.fields:
        raise ReviewError(
            f"records of kind {request.kind!r} cannot be reviewed",
            f"review one of: {', '.join(lexicon.kinds)}",
        )
    if request.action not in ACTIONS:
        raise ReviewError(f"unknown action {request.action!r}", f"use one of: {', '.join(ACTIONS)}")
    reviewer = _bounded_text("reviewer", request.reviewer, lexicon.reviewer_limit)
    if not reviewer:
        raise ReviewError("a review needs the reviewer's name", "give a name or initials")
    note = _bounded_text("note", request.note, lexicon.note_limit)
    changes = read_changes(request.kind, request.changes) if request.action == "correct" else {}
    if request.action == "correct" and not changes:
        raise ReviewError("a correction needs at least one changed field", "give a field's value")
    return dataclasses.replace(request, reviewer=reviewer, note=note, changes=changes)


def read_changes(kind: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Typed values, field by field, as `lexicons/review.toml` says each is read. An empty value
    clears the field."""
    allowed = review_lexicon().fields.get(kind, {})
    changes: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in allowed:
            raise ReviewError(
                f"field {name!r} of {kind} cannot be corrected",
                f"correct one of: {', '.join(allowed)}",
            )
        changes[name] = _read_value(name, allowed[name], value)
        if changes[name] is None and name in _REQUIRED.get(kind, _REQUIRED["*"]):
            raise ReviewError(f"{kind} field {name!r} cannot be left empty", "type a value")
    _check_range(changes)
    return changes


def _read_value(name: str, how: str, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ReviewError(f"field {name!r} must be given as text or a number", "type a value")
    text = str(value).strip()
    return _READERS[how](name, text)


def _number(name: str, text: str) -> float:
    try:
        number = float(text.replace(",", "").replace("\u2009", ""))
    except ValueError:
        raise ReviewError(f"{name} {text!r} is not a number", "type digits: 83, 1200") from None
    if not math.isfinite(number):
        raise ReviewError(f"{name} {text!r} is not a finite number", "type a finite number")
    return number


def _bounded(name: str, text: str, low: float, high: float) -> float:
    number = _number(name, text)
    if not low <= number <= high:
        raise ReviewError(f"{name} {number} is out of range", f"give a value from {low} to {high}")
    return number


def _qualifier(name: str, text: str) -> str:
    words = " ".join(text.lower().replace("_", " ").split())
    found = review_lexicon().qualifiers.get(words) or words.replace(" ", "_")
    if found not in APPROX_VALUES:
        choices = ", ".join([*review_lexicon().qualifiers, *APPROX_VALUES])
        raise ReviewError(f"{name} {text!r} is not a qualifier", f"use one of: {choices}")
    return found


def _one_of(values: Sequence[str], what: str) -> Any:
    def read(name: str, text: str) -> str:
        found = text.lower().replace(" ", "_").replace("-", "_")
        if found not in values:
            raise ReviewError(f"{name} {text!r} is not {what}", f"use one of: {', '.join(values)}")
        return found

    return read


def _country(name: str, text: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", text):
        raise ReviewError(f"{name} {text!r} is not a country code", "type ISO alpha-2: SY, IQ")
    return text.upper()


def _days(name: str, text: str) -> tuple[str, str]:
    """An inclusive span of ISO days from "2016", "2016-02", "2016-02-19" or "a..b"."""
    first, _, last = text.partition("..")
    start = _day_bounds(name, first.strip())[0]
    end = _day_bounds(name, (last or first).strip())[1]
    if end < start:
        raise ReviewError(f"{name} {text!r} ends before it begins", "give the earlier day first")
    return start, end


def _day_bounds(name: str, text: str) -> tuple[str, str]:
    match = _DAY.match(text)
    try:
        if match is None:
            raise ValueError(text)
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        first = dt.date(year, month or 1, day or 1)
        last = dt.date(year, month or 12, day or _month_end(year, month or 12))
    except ValueError:
        raise ReviewError(
            f"{name} {text!r} is not a date", "type YYYY-MM-DD, YYYY-MM or YYYY, or a..b"
        ) from None
    return first.isoformat(), last.isoformat()


def _month_end(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def _text(name: str, text: str) -> str:
    return _bounded_text(name, text, review_lexicon().text_limit) or ""


def _bounded_text(name: str, text: str | None, limit: int) -> str | None:
    if text is None:
        return None
    kept = " ".join(text.split())
    if len(kept) > limit:
        raise ReviewError(f"{name} is longer than {limit} characters", "shorten it")
    return kept or None


_READERS: dict[str, Any] = {
    "number": _number,
    "latitude": lambda name, text: _bounded(name, text, -90.0, 90.0),
    "longitude": lambda name, text: _bounded(name, text, -180.0, 180.0),
    "qualifier": _qualifier,
    "measure": _one_of(MEASURE_VALUES, "a measure"),
    "event_type": _one_of(EVENT_TYPES, "an event type"),
    "country": _country,
    "days": _days,
    "text": _text,
}


def _check_range(changes: Mapping[str, Any]) -> None:
    low, high = changes.get("low"), changes.get("high")
    if low is not None and high is not None and low > high:
        raise ReviewError(f"low {low} is above high {high}", "give the lower bound as low")


# Applying reviews ----------------------------------------------------------------------------


def apply_reviews(annotated: AnnotatedArticle, reviews: Iterable[Review]) -> AnnotatedArticle:
    """The article with `reviews` (its own, oldest first) laid over its records."""
    annotations: dict[str, tuple[Span, ...]] = dict(annotated.annotations)
    for review in reviews:
        annotations = apply_review(annotations, review)
    return dataclasses.replace(annotated, annotations=annotations)


def apply_review(
    annotations: Mapping[str, tuple[Span, ...]], review: Review
) -> dict[str, tuple[Span, ...]]:
    """The records after one review. A confirmation changes nothing; a rejection removes the
    record (a figure's quantity and claim, and its toll from any event); a correction changes
    the named fields, and brings back from the log a record the machine no longer finds."""
    found = dict(annotations)
    if review.kind in FIGURE_KINDS:
        return _apply_to_figure(found, review)
    found[review.kind] = _reviewed(found.get(review.kind, ()), review.kind, review)
    return found


def _apply_to_figure(
    found: dict[str, tuple[Span, ...]], review: Review
) -> dict[str, tuple[Span, ...]]:
    """A figure's review reaches its quantity, its claim and the tolls that count it; a claim
    of a converted figure ("square miles" read as km2) gets the numbers in its own unit."""
    per_quantity = _claim_per_quantity(found, review)
    if review.kind == "quantities":
        to_claim, to_quantity = _scaled(review, per_quantity), review
    else:
        to_claim, to_quantity = review, _scaled(review, 1 / per_quantity)
    found["quantities"] = _reviewed(found.get("quantities", ()), "quantities", to_quantity)
    found["claims"] = _reviewed(found.get("claims", ()), "claims", to_claim)
    found["events"] = tuple(_event_tolls(e, to_quantity) for e in found.get("events", ()))
    return found


def _claim_per_quantity(found: Mapping[str, tuple[Span, ...]], review: Review) -> float:
    quantity = target(found, "quantities", review.start_char, review.end_char)
    claim = target(found, "claims", review.start_char, review.end_char)
    if not isinstance(quantity, Quantity) or not isinstance(claim, Claim):
        return 1.0
    for given, read in ((quantity.value, claim.value), (quantity.low, claim.low)):
        if given and read:
            return read / given
    return 1.0


def _scaled(review: Review, factor: float) -> Review:
    """The review as the other record of the figure takes it: numbers times `factor`, and no
    unit when the two records' units differ."""
    if factor == 1.0:
        return review
    changes = {
        name: value * factor if name in ("value", "low", "high") and value is not None else value
        for name, value in review.changes.items()
        if name != "unit"
    }
    return dataclasses.replace(review, changes=changes)


def target(
    annotations: Mapping[str, Sequence[Span]], kind: str, start: int, end: int
) -> Span | None:
    """The record of `kind` spanning exactly `start`..`end`, if any."""
    for record in annotations.get(kind, ()):
        if record.start_char == start and record.end_char == end:
            return record
    return None


def _reviewed(records: tuple[Span, ...], kind: str, review: Review) -> tuple[Span, ...]:
    at = next((i for i, r in enumerate(records) if _spans(r, review)), None)
    if review.action == "reject":
        return records if at is None else records[:at] + records[at + 1 :]
    if at is not None:
        return (*records[:at], _acted(records[at], review), *records[at + 1 :])
    if kind == review.kind and review.after is not None:
        restored = record_from_row(kind, review.start_char, review.end_char, review.after)
        return tuple(sorted((*records, restored), key=lambda r: (r.start_char, r.end_char)))
    return records


def _acted(record: Span, review: Review) -> Span:
    """The record confirmed or corrected, and marked so where the record has the mark (figures
    and events): a confirmation does not hide an earlier correction."""
    if review.action == "confirm":
        already = getattr(record, "reviewed", None) == "corrected"
        return record if already else _marked(record, "confirmed")
    return _marked(corrected(record, review.changes), "corrected")


def _marked(record: Span, state: Reviewed) -> Span:
    if isinstance(record, Quantity | Claim | Event):
        return dataclasses.replace(record, reviewed=state)
    return record


def _spans(record: Span, review: Review) -> bool:
    return record.start_char == review.start_char and record.end_char == review.end_char


def corrected(record: Span, changes: Mapping[str, Any]) -> Span:
    """`record` with `changes` (read by `read_changes`) applied."""
    if isinstance(record, Quantity):
        return _corrected_quantity(record, changes)
    if isinstance(record, Claim):
        return _corrected_claim(record, changes)
    if isinstance(record, Event):
        return _corrected_event(record, changes)
    if isinstance(record, TimeExpression):
        return _corrected_time(record, changes)
    named = {name: value for name, value in changes.items() if name in _plain_fields(record)}
    return dataclasses.replace(record, **named)


def _plain_fields(record: Span) -> set[str]:
    if isinstance(record, Quote):
        return {"source"}
    if isinstance(record, Place):
        return {"name", "country", "lat", "lon"}
    return {"name"}


def _figure_changes(changes: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The changes of the figure fields `fields` has, with the rule that a single value and a
    range replace each other: a new value drops the old range and a new bound the old value."""
    found = {name: value for name, value in changes.items() if name in fields}
    if "value" in found:
        found.setdefault("low", None)
        found.setdefault("high", None)
    elif "low" in found or "high" in found:
        found["value"] = None
    return found


_QUANTITY_FIELDS = frozenset(
    ("value", "low", "high", "approx", "unit", "measure", "subject", "source", "place")
)


def _corrected_quantity(record: Quantity, changes: Mapping[str, Any]) -> Quantity:
    found = _figure_changes(changes, _QUANTITY_FIELDS)
    if "date" in changes:
        found["time"] = _claim_time(changes["date"])
    updated = dataclasses.replace(record, **found)
    renumbered = found.keys() & {"value", "low", "high", "unit"}
    return _normalised(record, updated) if renumbered else updated


def _claim_time(days: tuple[str, str] | None) -> ClaimTime | None:
    return ClaimTime(days, _granularity(days), "expression") if days else None


def _granularity(days: tuple[str, str]) -> str:
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[1])
    return "day" if first == last else "month" if (last - first).days < 31 else "year"


def _normalised(before: Quantity, after: Quantity) -> Quantity:
    """The normalised figures of a corrected quantity: scaled as the machine scaled them while
    the unit stays; taken as typed in the analyst's unit when the unit changed."""
    same_unit = after.unit == before.unit
    scale = _scale(before) if same_unit else 1.0
    return dataclasses.replace(
        after,
        base_unit=before.base_unit if same_unit else after.unit,
        normalized=_times(after.value, scale),
        normalized_low=_times(after.low, scale),
        normalized_high=_times(after.high, scale),
    )


def _scale(quantity: Quantity) -> float:
    pairs = (
        (quantity.value, quantity.normalized),
        (quantity.low, quantity.normalized_low),
        (quantity.high, quantity.normalized_high),
    )
    for given, normal in pairs:
        if given and normal is not None:
            return normal / given
    return 1.0


def _times(value: float | None, scale: float) -> float | None:
    return None if value is None else value * scale


_CLAIM_FIELDS = _QUANTITY_FIELDS


def _corrected_claim(record: Claim, changes: Mapping[str, Any]) -> Claim:
    found = _figure_changes(changes, _CLAIM_FIELDS)
    if "date" in changes:
        found["period"] = changes["date"]
        found["period_basis"] = "expression" if changes["date"] else None
    updated = dataclasses.replace(record, **found)
    return dataclasses.replace(updated, key=_claim_lexicon().key_of(updated))


def _corrected_event(record: Event, changes: Mapping[str, Any]) -> Event:
    found: dict[str, Any] = {
        name: changes[name] for name in ("source", "perpetrator", "target") if name in changes
    }
    if changes.get("type"):
        found.update(_event_type(changes["type"]))
    if "date" in changes:
        found.update(interval=changes["date"], time_start=None, time_end=None)
    for name in ("killed", "wounded"):
        if name in changes:
            found[name] = _toll(getattr(record, name), changes[name])
            found[f"{name}_by_side"] = ()
    if changes.keys() & {"place", "country", "lat", "lon"}:
        found["place"] = _event_place(record, changes)
    return dataclasses.replace(record, **found)


def _event_type(type_: str) -> dict[str, Any]:
    """The type with the first subtype the events lexicon gives it, and its PLOVER category."""
    lexicon = _event_lexicon()
    subtype = next((s.name for s in lexicon.subtypes.values() if s.type == type_), "OTHER")
    return {"type": type_, "subtype": subtype, "plover": lexicon.type_plover.get(type_)}


def _toll(before: Toll | None, value: float | None) -> Toll | None:
    if value is None:
        return None
    if before is None:
        return Toll(value)
    return dataclasses.replace(before, value=value, low=None, high=None, side=None)


def _event_place(record: Event, changes: Mapping[str, Any]) -> Place | None:
    """The event's place with the typed name, country and position; a name the text does not
    hold keeps the offsets of the place it replaces (else the event's own)."""
    before = record.place
    name = changes.get("place", before.name if before else None)
    if name is None:
        return None
    start = before.start_char if before else record.start_char
    end = before.end_char if before else record.end_char
    typed = {k: changes[k] for k in ("country", "lat", "lon") if k in changes}
    if before is None or "place" in changes:
        base = Place(start, end, text=name, name=name, precision=1)
        kept = {k: getattr(before, k) for k in ("country", "lat", "lon")} if before else {}
        return dataclasses.replace(base, **(kept | typed))
    return dataclasses.replace(before, **typed)


def _corrected_time(record: TimeExpression, changes: Mapping[str, Any]) -> TimeExpression:
    days = changes.get("date")
    if days is None:
        return record
    value = days[0] if days[0] == days[1] else f"{days[0]}/{days[1]}"
    return dataclasses.replace(record, interval=days, value=value, granularity=_granularity(days))


def _event_tolls(event: Span, review: Review) -> Span:
    """An event whose toll is the reviewed figure, with that toll corrected or dropped."""
    if not isinstance(event, Event):
        return event
    found: dict[str, Any] = {}
    for name in ("killed", "wounded"):
        toll = getattr(event, name)
        if toll is not None and _toll_spans(toll, review):
            found[name] = _reviewed_toll(toll, review)
        sides = getattr(event, f"{name}_by_side")
        if any(_toll_spans(side, review) for side in sides):
            kept = (_reviewed_toll(s, review) if _toll_spans(s, review) else s for s in sides)
            found[f"{name}_by_side"] = tuple(s for s in kept if s is not None)
    if not found or review.action == "confirm":
        return event
    return dataclasses.replace(event, **found, reviewed="corrected")


def _toll_spans(toll: Toll, review: Review) -> bool:
    return toll.start_char == review.start_char and toll.end_char == review.end_char


def _reviewed_toll(toll: Toll, review: Review) -> Toll | None:
    if review.action == "reject":
        return None
    return dataclasses.replace(toll, **_figure_changes(review.changes, _FIGURE_FIELDS))
