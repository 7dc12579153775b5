"""The document model: an article and the immutable, offset-carrying records stages assign to it.

Every annotation is a `Span` subclass whose `start_char`/`end_char` index into `Article.text`, the
normalised body. Provenance is the product: a record without offsets is not a record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, Literal

ID_HEX_CHARS = 16  # 64 bits: a collision is unlikely below billions of articles.


@dataclass(slots=True, frozen=True)
class Span:
    """A stretch of an article's text, `text[start_char:end_char]`."""

    record_kind: ClassVar[str] = "spans"
    start_char: int
    end_char: int

    def __post_init__(self) -> None:
        if not 0 <= self.start_char <= self.end_char:
            raise ValueError(f"bad span offsets {self.start_char}..{self.end_char}")

    def text_in(self, text: str) -> str:
        return text[self.start_char : self.end_char]

    def attrs(self) -> dict[str, Any]:
        """The record's fields other than its offsets, for storage and export; a nested record
        (a quote's speaker) becomes a plain mapping."""
        record_type: Any = type(self)  # a class is hashable; mypy misreads slots dataclasses
        return {name: _plain(getattr(self, name)) for name in _attr_names(record_type)}


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """JSON's shapes: a nested record as a mapping, a tuple as a list. Every stored annotation
    passes here field by field, so the common case, a plain value, is tested first."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


@dataclass(slots=True, frozen=True)
class Paragraph(Span):
    record_kind: ClassVar[str] = "paragraphs"


@dataclass(slots=True, frozen=True)
class Sentence(Span):
    record_kind: ClassVar[str] = "sentences"


# How a figure is qualified: "about 40 percent" is approximate, "at least 83" at_least.
Approx = Literal["exact", "approximate", "at_least", "more_than", "at_most", "less_than", "nearly"]
APPROX_VALUES: tuple[str, ...] = Approx.__args__  # type: ignore[attr-defined]

# What a figure measures; docs/quantities.md says how each is decided.
Measure = Literal[
    "killed",
    "wounded",
    "force_size",
    "territory_share",
    "area",
    "places_count",
    "displaced",
    "detained",
    "distance",
    "money",
    "count",
    "other",
]
MEASURE_VALUES: tuple[str, ...] = Measure.__args__  # type: ignore[attr-defined]
# What an analyst's review made of a figure or an event (docs/review.md); None: not reviewed.
Reviewed = Literal["confirmed", "corrected"]


@dataclass(slots=True, frozen=True)
class ClaimTime:
    """When a claim holds: the inclusive [from, to] ISO days of the time expression that governs
    it in its clause or sentence (`basis` "expression", `start_char`/`end_char` that expression's
    offsets), else the article's publication day (`basis` "published", no offsets): a figure given
    without a time is the state of things as the article went out. docs/times.md has the rule."""

    interval: tuple[str, str]
    granularity: str
    basis: Literal["expression", "published"]
    start_char: int | None = None
    end_char: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.interval, tuple):  # stored as a JSON array
            object.__setattr__(self, "interval", tuple(self.interval))


@dataclass(slots=True, frozen=True)
class Quantity(Span):
    """A figure as written, with its qualifier, range, unit, what it measures and about whom.

    `value` is set for a single figure or a bound ("at least 83"); `low`/`high` for a range.
    `normalized*` are the same numbers in `base_unit` (km2, km, kg, USD, percent, ...). A figure
    given twice in two units links each mention to the other through `same_as` (offsets), and
    `conversion` says whether the two agree. A change ("rose from 50 to 83") is one figure:
    `value` is the new level and `previous` the old one. `source`, `place` and `time` are filled
    by later stages and stay None until then.
    """

    record_kind: ClassVar[str] = "quantities"
    text: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: Approx = "exact"
    unit: str = "count"
    normalized: float | None = None
    measure: Measure = "other"
    subject: str | None = None
    source: str | None = None
    place: str | None = None
    time: ClaimTime | None = None
    vague: bool = False
    base_unit: str | None = None
    normalized_low: float | None = None
    normalized_high: float | None = None
    same_as: tuple[int, int] | None = None
    conversion: Literal["agrees", "disagrees"] | None = None
    previous: float | None = None
    normalized_previous: float | None = None
    reviewed: Reviewed | None = None

    def __post_init__(self) -> None:
        Span.__post_init__(self)
        if self.same_as is not None and not isinstance(self.same_as, tuple):
            # Stored as a JSON array; the record keeps a hashable tuple.
            object.__setattr__(self, "same_as", tuple(self.same_as))
        if isinstance(self.time, Mapping):  # stored as a JSON object
            object.__setattr__(self, "time", ClaimTime(**self.time))


@dataclass(slots=True, frozen=True)
class Speaker:
    """Who speaks, as written: `name` ("Steve Warren", "the SDF", "a U.S. official"), `role`
    ("Col.", "spokesman", "a fellow") and `org` ("U.S. Army", "Foreign Policy Research
    Institute")."""

    name: str
    role: str | None = None
    org: str | None = None


QuoteKind = Literal["direct", "indirect"]


@dataclass(slots=True, frozen=True)
class Quote(Span):
    """A quotation or a reported statement; the span is its content.

    `kind` is direct (inside quotation marks) or indirect (reported speech: "X said that ...",
    "according to X"). `cue` is the word or phrase that attributes it ("said", "according to",
    "told") at `cue_start`..`cue_end`; `speaker_start`..`speaker_end` is the mention of the speaker
    this statement names ("he", "Watts", "the SDF"), and `speaker` the person or body meant, with
    pronouns and surnames resolved. `source` is the canonical name claims take from it.
    """

    record_kind: ClassVar[str] = "quotes"
    text: str = ""
    kind: QuoteKind = "direct"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: Speaker | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        Span.__post_init__(self)
        if isinstance(self.speaker, Mapping):  # stored as a JSON object
            object.__setattr__(self, "speaker", Speaker(**self.speaker))


@dataclass(slots=True, frozen=True)
class Source(Span):
    """One source of an article, spanning its first mention: a person, a body or an unnamed
    source, with every mention (`[start, end]` pairs) and how many statements it made."""

    record_kind: ClassVar[str] = "sources"
    name: str = ""
    role: str | None = None
    org: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()
    statements: int = 0

    def __post_init__(self) -> None:
        Span.__post_init__(self)
        if not isinstance(self.mentions, tuple) or any(type(m) is not tuple for m in self.mentions):
            object.__setattr__(self, "mentions", tuple(tuple(pair) for pair in self.mentions))


TimeType = Literal["date", "duration", "set", "time"]


@dataclass(slots=True, frozen=True)
class TimeExpression(Span):
    """A time expression as written, with its TIMEX3-style value and the days it covers.

    `value` is a TIMEX3 value: a calendar point or period ("2016-02-22", "2016-W10", "2016-03",
    "2015-SU", "2015-Q3", "199" for the 1990s), a clock time ("2016-03-17T14:00"), a duration
    ("P3M", "PXM" when the count is vague), a set ("P1W", "XXXX-WXX-2") or, for words that name no
    point, "PAST_REF", "PRESENT_REF" or "FUTURE_REF". X digits stay only where no reference date
    was given ("XXXX-11-13"). `interval` is the inclusive [from, to] ISO dates the expression
    covers, resolved against the reference date; None for vague words, sets and durations with no
    anchor. `mod` is the TIMEX3 modifier ("START", "MID", "END", "APPROX", "MORE_THAN", ...). The
    rules are in docs/times.md.
    """

    record_kind: ClassVar[str] = "times"
    text: str = ""
    type: TimeType = "date"
    value: str = ""
    interval: tuple[str, str] | None = None
    granularity: str = "day"
    vague: bool = False
    mod: str | None = None

    def __post_init__(self) -> None:
        Span.__post_init__(self)
        if self.interval is not None and not isinstance(self.interval, tuple):
            # Stored as a JSON array; the record keeps a hashable tuple.
            object.__setattr__(self, "interval", tuple(self.interval))


PlaceKind = Literal["country", "region", "city", "landmark"]
# How exactly a place record pins where something happened, in the ACLED/UCDP manner
# (docs/places.md): 1 the named town, village or landmark itself; 2 near it or a part of it
# ("south of Baghdad", "on the outskirts of Kirkuk", "a suburb of the Syrian capital"); 3 a region
# (a first-level division, or a part of a country: "northern Iraq"); 4 only the country.
Precision = Literal[1, 2, 3, 4]


@dataclass(slots=True, frozen=True)
class Place(Span):
    """A place as written, resolved to one gazetteer entry.

    `name` is the gazetteer's name, `country` its ISO 3166 alpha-2 code, `lat`/`lon` in degrees,
    `kind` what the entry is, `geonameid` its GeoNames id when the gazetteer has one. A relative
    location ("south of Baghdad", "northern Iraq") keeps its `relation` ("south_of", "near",
    "outskirts", "northern", ...) and the `anchor` it is relative to (the entry's name); its
    coordinates are the anchor's and its `precision` says how loosely they pin it. `admin1` is the
    GeoNames code of the first-level region the entry lies in (a region's own), None for a
    country or an entry without one: it tells whether a town lies in a region.
    """

    record_kind: ClassVar[str] = "places"
    text: str = ""
    name: str = ""
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: PlaceKind = "city"
    geonameid: int | None = None
    precision: Precision = 1
    relation: str | None = None
    anchor: str | None = None
    admin1: str | None = None


ActorType = Literal[
    "armed_group",
    "state_forces",
    "government",
    "coalition",
    "monitor",
    "research",
    "international",
    "media",
    "organisation",
]


@dataclass(slots=True, frozen=True)
class Actor(Span):
    """A mention of a group, body or force, with the one canonical `name` every mention of the
    same actor shares ("IS", "ISIL", "Daesh" and "the jihadis" are all "Islamic State") and its
    `type`. `known` says whether the registry holds it; an organisation recognised by its form
    alone ("Fursan al-Haq Brigade") is kept as a new actor under its own name."""

    record_kind: ClassVar[str] = "actors"
    text: str = ""
    name: str = ""
    type: ActorType = "organisation"
    known: bool = True


# The event vocabulary (docs/events.md): each type maps to ACLED sub-event types and a PLOVER
# category in lexicons/events.toml.
EventType = Literal[
    "suicide_bombing",
    "bombing",
    "chemical_attack",
    "airstrike",
    "shelling",
    "armed_clash",
    "assault",
    "territory_captured",
    "territory_lost",
    "leader_killed",
    "killing",
    "arrest_capture",
    "surrender_defection",
    "protest",
    "other",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
# "report": the article tells of the event as news; "passing": it names an earlier event in
# passing ("the Nov. 13 Paris attacks that left 130 dead"), dated by its own expression.
EventMention = Literal["report", "passing"]


@dataclass(slots=True, frozen=True)
class Toll:
    """A casualty figure of an event, as the quantity it comes from gives it: `value` for a single
    figure or bound, `low`/`high` for a range, `approx` its qualifier, `side` whose dead or
    wounded they are when the text splits them ("Syrian Democratic Forces", "militants"), and the
    figure's offsets. A total summed from sides has no offsets of its own."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: Approx = "exact"
    side: str | None = None
    start_char: int | None = None
    end_char: int | None = None

    @property
    def bounds(self) -> tuple[float, float]:
        """The figure as an interval: a range's ends, or the value at both ends."""
        low = self.low if self.low is not None else self.value
        high = self.high if self.high is not None else self.value
        return (low or 0.0, high or 0.0)


@dataclass(slots=True, frozen=True)
class Event(Span):
    """One report of an event in an article; the span is its trigger ("suicide bombing",
    "seized", "died").

    `type` is sitrep's vocabulary, `subtype` the ACLED-style sub-event code (CASE 2021's labels:
    "SUIC_BOMB", "AIR_STRIKE", ...) and `plover` the PLOVER category. `sentence_start`..
    `sentence_end` is the sentence that tells it. `perpetrator` and `target` are canonical actor
    names (or the words naming the side when no actor is known), `place` the place it happened
    with its precision, `interval` the inclusive ISO days it happened in, from the time expression
    at `time_start`..`time_end` (`time_basis` "expression"), the day a source spoke of it ("said
    on Saturday", `time_basis` "reported": it happened then or before), or the publication day
    ("published").
    `killed`/`wounded` are totals; `killed_by_side`/`wounded_by_side` split them when the text
    does. `source` is who the report attributes it to; `mention` whether it is news or an earlier
    event named in passing. `event_id` is the report's own id; the store links the reports of
    one real-world event under a shared id (docs/events.md, "One record per event").
    """

    record_kind: ClassVar[str] = "events"
    trigger: str = ""
    type: EventType = "other"
    subtype: str = "OTHER"
    plover: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    perpetrator: str | None = None
    target: str | None = None
    place: Place | None = None
    interval: tuple[str, str] | None = None
    time_basis: Literal["expression", "reported", "published"] | None = None
    time_start: int | None = None
    time_end: int | None = None
    killed: Toll | None = None
    wounded: Toll | None = None
    killed_by_side: tuple[Toll, ...] = ()
    wounded_by_side: tuple[Toll, ...] = ()
    source: str | None = None
    mention: EventMention = "report"
    event_id: str = ""
    reviewed: Reviewed | None = None

    def __post_init__(self) -> None:
        Span.__post_init__(self)
        # Stored as JSON: rebuild the nested records and tuples the record keeps.
        if isinstance(self.place, Mapping):
            object.__setattr__(self, "place", Place(**self.place))
        if self.interval is not None and not isinstance(self.interval, tuple):
            object.__setattr__(self, "interval", tuple(self.interval))
        for name in ("killed", "wounded"):
            value = getattr(self, name)
            if isinstance(value, Mapping):
                object.__setattr__(self, name, Toll(**value))
        for name in ("killed_by_side", "wounded_by_side"):
            sides = getattr(self, name)
            if not isinstance(sides, tuple) or any(isinstance(t, Mapping) for t in sides):
                object.__setattr__(self, name, tuple(_toll(t) for t in sides))


# Which way a territorial figure goes: ground lost, ground gained, or ground held at the time.
ClaimAspect = Literal["lost", "gained", "held"]
# Where a claim's period came from: its own time expression, the publication day, or the earlier
# time a "down from" figure refers to (docs/claims.md).
PeriodBasis = Literal["expression", "published", "earlier"]


@dataclass(slots=True, frozen=True)
class Claim(Span):
    """A figure read as a claim to compare across sources; the span is the figure's.

    `measure`, `aspect`, `subject` and `place` say what it measures (`key` folds them with the
    kind of unit into the group it is compared in); `value`, `low`, `high` are in `unit` (the
    base unit when the figure was converted: square miles become km2) with the figure's
    `approx`; `period` the inclusive ISO days it holds for, `period_basis` where that came from;
    `source` who gives it (None: the outlet's own). `carried` names the fields taken from an
    earlier claim of the same article ("they lost another eight percent" after "14 percent of
    their territory in Syria"); `adds_to` the offsets of the claim an increment adds to
    ("another eight percent" adds to the 14).
    """

    record_kind: ClassVar[str] = "claims"
    text: str = ""
    measure: Measure = "other"
    aspect: ClaimAspect | None = None
    subject: str | None = None
    place: str | None = None
    unit: str = "count"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: Approx = "exact"
    period: tuple[str, str] | None = None
    period_basis: PeriodBasis | None = None
    source: str | None = None
    carried: tuple[str, ...] = ()
    adds_to: tuple[int, int] | None = None
    key: str = ""
    reviewed: Reviewed | None = None

    def __post_init__(self) -> None:
        Span.__post_init__(self)
        for name in ("period", "carried", "adds_to"):  # stored as JSON arrays
            value = getattr(self, name)
            if value is not None and not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    @property
    def bounds(self) -> tuple[float, float]:
        """The figure as an interval: a range's ends, or the value at both ends."""
        low = self.low if self.low is not None else self.value
        high = self.high if self.high is not None else self.value
        return (low or 0.0, high or 0.0)


def _toll(value: Toll | Mapping[str, Any]) -> Toll:
    return value if isinstance(value, Toll) else Toll(**value)


@functools.cache
def _attr_names(record_type: Any) -> tuple[str, ...]:
    offsets = ("start_char", "end_char")
    return tuple(f.name for f in dataclasses.fields(record_type) if f.name not in offsets)


# Record type of every annotation kind the store can load back; later stages add theirs here.
RECORD_TYPES: Mapping[str, type[Span]] = MappingProxyType(
    {
        "paragraphs": Paragraph,
        "sentences": Sentence,
        "quantities": Quantity,
        "quotes": Quote,
        "sources": Source,
        "times": TimeExpression,
        "places": Place,
        "actors": Actor,
        "events": Event,
        "claims": Claim,
    }
)

# The annotation lists of export contract v1, in order; kinds without a stage yet export empty.
EXPORT_KINDS: tuple[str, ...] = (
    "paragraphs",
    "sentences",
    "quantities",
    "quotes",
    "sources",
    "times",
    "actors",
    "places",
    "events",
    "claims",
)


def record_from_row(kind: str, start_char: int, end_char: int, attrs: Mapping[str, Any]) -> Span:
    """Rebuild a stored record of a known kind."""
    return RECORD_TYPES[kind](start_char=start_char, end_char=end_char, **attrs)


def article_id(text: str, outlet: str | None) -> str:
    """Content-derived id: the same body from the same outlet is the same article.

    The outlet is part of the key so that one wire story carried verbatim by two outlets stays two
    articles (linked as copies), not one row that forgets the second outlet.
    """
    digest = hashlib.sha256(f"{outlet or ''}\x1f{text}".encode()).hexdigest()
    return digest[:ID_HEX_CHARS]


# Where an article's publication date came from: the reader's metadata (front matter, HTML
# metadata, a feed entry, a JSON field), an option that wins over it, or inference from the text.
PublishedSource = Literal["metadata", "option", "inferred"]


@dataclass(slots=True, frozen=True)
class Article:
    """One news article with its metadata and normalised body text.

    `published_source` says where `published` came from, `published_confidence` (0 to 1) how sure
    it is and `published_reason` why (docs/formats.md, "Publication date"); all three are None
    when there is no date.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    path: str | None = None
    published_source: PublishedSource | None = None
    published_confidence: float | None = None
    published_reason: str | None = None

    @classmethod
    def create(
        cls,
        text: str,
        *,
        title: str | None = None,
        outlet: str | None = None,
        published: dt.date | None = None,
        url: str | None = None,
        path: str | None = None,
        published_source: PublishedSource | None = None,
        published_confidence: float | None = None,
        published_reason: str | None = None,
    ) -> Article:
        """An article whose id is derived from `text` (already normalised) and `outlet`."""
        return cls(
            article_id(text, outlet),
            text,
            title,
            outlet,
            published,
            url,
            path,
            published_source,
            published_confidence,
            published_reason,
        )


@dataclass(slots=True, frozen=True)
class CopyLink:
    """This article is a near-duplicate (a wire copy) of `canonical_id`."""

    canonical_id: str
    similarity: float


@dataclass(slots=True, frozen=True)
class AnnotatedArticle:
    """An article with the annotations the pipeline assigned, by kind."""

    article: Article
    annotations: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    copy_of: CopyLink | None = None

    def get(self, kind: str) -> tuple[Span, ...]:
        return self.annotations.get(kind, ())
