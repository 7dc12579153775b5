"""Stage `events`: the events an article tells, each with its arguments and provenance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep.events import EventExtractor
from sitrep.model import Article, Event, Span

# 1: first version; 2: counts over periods, natural deaths and disaster tolls make no event,
# party places are no event place, definite mentions fold into the event they name; 3: a toll
# over several places has no one place, parts of a toll are no toll, the day a source spoke is a
# report's date ("reported"), a place named by its kind, the lead dated by the next event; 4: a
# victim named in the singular is a toll of one
EVENTS_VERSION = "4"


@dataclass(slots=True, frozen=True)
class EventStage:
    """Reads the records every argument of an event comes from; assigns `Event` records."""

    name: str = "events"
    reads: tuple[str, ...] = (
        "paragraphs",
        "sentences",
        "quotes",
        "actors",
        "places",
        "times",
        "quantities",
    )
    version: str = EVENTS_VERSION
    extractor: EventExtractor = field(default_factory=EventExtractor, compare=False)

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Event, ...]:
        return self.extractor.extract(article, annotations)
