"""Generic references ("the jihadis", "the group", "the coalition") resolved to the actor meant.

The rule: a generic phrase is a mention only when an actor it can refer to (`refers_to` in the
lexicon: a type, a tag or a canonical name) was named before it in the article. Going back from
the phrase, the nearest sentence that names such an actor decides: if it names exactly one, the
phrase is a mention of that actor; if it names two or more, the phrase is ambiguous and dropped.
Phrases resolved earlier count as names of their actor, so a chain "the Islamic State group ...
the extremists ... the jihadis" stays on one actor. A phrase right before a name ("the group
Jaish al-Islam") is that name's apposition, not a reference, and is dropped too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from sitrep.actors.recognize import Generic
from sitrep.actors.registry import ActorRegistry
from sitrep.model import Actor, Span

# Where sentences break when the pipeline's sentences are not given: a full stop, question or
# exclamation mark before a capital, and a line break. A cut after "U.S." costs little: it can
# only make a reference ambiguous that was not.
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“'(]?[A-Z])|\n")


def sentence_starts(text: str, sentences: Sequence[Span] | None) -> list[int]:
    if sentences:
        return sorted(s.start_char for s in sentences)
    return [0, *(hit.end() for hit in _BOUNDARY.finditer(text))]


class References:
    """Resolves the generic phrases of one article against its named actors."""

    def __init__(self, registry: ActorRegistry, starts: list[int]) -> None:
        self._registry = registry
        self._starts = starts

    def resolve(self, text: str, named: list[Actor], generic: Sequence[Generic]) -> list[Actor]:
        """`named` (sorted by start) with every generic phrase that resolves, in order."""
        timeline = list(named)
        for phrase in generic:
            actor = self._antecedent(timeline, phrase)
            if actor is not None and not _names_follow(timeline, phrase):
                mention = Actor(
                    start_char=phrase.start,
                    end_char=phrase.end,
                    text=text[phrase.start : phrase.end],
                    name=actor.name,
                    type=actor.type,
                    known=actor.known,
                )
                bisect.insort(timeline, mention, key=_position)
        return timeline

    def _antecedent(self, timeline: list[Actor], phrase: Generic) -> Actor | None:
        """The one actor named in the nearest earlier sentence naming any it may refer to."""
        before = bisect.bisect_left(timeline, phrase.start, key=lambda a: a.end_char)
        sentence, chosen = None, None
        for actor in reversed(timeline[:before]):
            if not self._registry.compatible(actor.name, actor.type, actor.known, phrase.refers_to):
                continue
            where = self._sentence(actor.start_char)
            if sentence is not None and where != sentence:
                break
            if chosen is not None and actor.name != chosen.name:
                return None  # two actors named in that sentence: ambiguous
            sentence, chosen = where, actor
        return chosen

    def _sentence(self, position: int) -> int:
        return bisect.bisect_right(self._starts, position) - 1


def _names_follow(timeline: list[Actor], phrase: Generic) -> bool:
    """Whether a name starts right after the phrase: "the group Jaish al-Islam"."""
    after = bisect.bisect_left(timeline, phrase.end, key=_position)
    return after < len(timeline) and timeline[after].start_char <= phrase.end + 1


def _position(actor: Actor) -> int:
    return actor.start_char
