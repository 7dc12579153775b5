"""Stage `actors`: every mention of a group, body or force, under one canonical name.

`registry.py` holds the registry (`lexicons/actors.toml`, a user's file over it; `parse.py`
reads and checks each file); `recognize.py` finds registered names, metonyms and generic phrases
in one pass; `forms.py` finds organisations missing from the registry by the form of their name;
`generic.py` resolves "the jihadis" and "the group" to the actor meant. docs/actors.md gives the
rules. `canonical_actor` serves the stages that name actors themselves.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from sitrep.actors.forms import FormReader
from sitrep.actors.generic import References, sentence_starts
from sitrep.actors.parse import ActorEntry
from sitrep.actors.recognize import Generic, NameScanner
from sitrep.actors.registry import ActorRegistry
from sitrep.model import Actor, Span

__all__ = [
    "ActorEntry",
    "ActorExtractor",
    "ActorRegistry",
    "canonical_actor",
    "extract_actors",
]


class ActorExtractor:
    """Compiled registry and patterns; build once, call for many texts."""

    def __init__(self, registry: ActorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else ActorRegistry.load()
        self._names = NameScanner(self.registry)
        self._forms = FormReader(self.registry.forms)

    def extract(self, text: str, sentences: Sequence[Span] | None = None) -> tuple[Actor, ...]:
        """Every actor mention in `text`, in order. `sentences` (the pipeline's) decide which
        generic references are ambiguous; without them the text is cut at full stops."""
        found = self._names.scan(text)
        named = [*found.named, *_confirmed(found.named, found.doubtful)]
        unknown = [a for a in self._forms.find(text) if not _overlaps(a, named)]
        mentions = sorted([*named, *unknown], key=lambda a: a.start_char)
        generic = [g for g in found.generic if not _overlaps(g, mentions)]
        if not generic:
            return tuple(mentions)
        references = References(self.registry, sentence_starts(text, sentences))
        return tuple(references.resolve(text, mentions, generic))


def _confirmed(named: list[Actor], doubtful: list[Actor]) -> list[Actor]:
    """Mentions by an ambiguous alias ("FSA") whose actor the article names otherwise too."""
    names = {actor.name for actor in named}
    return [actor for actor in doubtful if actor.name in names]


def _overlaps(span: Actor | Generic, others: Sequence[Actor]) -> bool:
    start, end = (span.start_char, span.end_char) if isinstance(span, Actor) else span[:2]
    return any(o.start_char < end and start < o.end_char for o in others)


@functools.cache
def _default_extractor() -> ActorExtractor:
    return ActorExtractor()


def extract_actors(text: str, sentences: Sequence[Span] | None = None) -> tuple[Actor, ...]:
    """Every actor mention in `text`, with the packaged registry."""
    return _default_extractor().extract(text, sentences)


def canonical_actor(name: str) -> str | None:
    """The canonical name of a registered actor written as `name` ("ISIS", "the Islamic State
    group", "the Syrian Observatory for Human Rights"), or None; see `ActorRegistry.canonical`."""
    return _default_extractor().registry.canonical(name)
