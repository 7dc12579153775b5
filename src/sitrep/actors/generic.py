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

# The actors a story can be about, whom "the group" names paragraphs later.
_PARTY_TYPES = frozenset({"armed_group", "state_forces", "coalition"})
# At most this many words before an actor that opens its sentence ("The Kurdish-led SDF held").
_SUBJECT_WORDS = 3
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
            actor = self._antecedent(text, timeline, phrase)
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

    def _antecedent(self, text: str, timeline: list[Actor], phrase: Generic) -> Actor | None:
        """The one actor named in the nearest earlier sentence naming any it may refer to; but
        when that sentence is not the phrase's own and the actor does not open it, the one the
        article's lead names, if any: "the group" three paragraphs on is still the group the
        story is about, not the forces a sentence before named in passing ("the area under SDF
        control")."""
        before = bisect.bisect_left(timeline, phrase.start, key=lambda a: a.end_char)
        candidates = [a for a in timeline[:before] if self._may_be(a, phrase)]
        sentence, chosen = None, None
        for actor in reversed(candidates):
            where = self._sentence(actor.start_char)
            if sentence is not None and where != sentence:
                break
            if chosen is not None and actor.name != chosen.name:
                return None  # two actors named in that sentence: ambiguous
            sentence, chosen = where, actor
        if chosen is None or sentence == self._sentence(phrase.start):
            return chosen
        if self._leads(text, chosen):
            return chosen
        return self._topic(candidates) or chosen

    def _leads(self, text: str, actor: Actor) -> bool:
        """The actor opens its sentence, as its subject does ("The SDF held.")."""
        start = self._starts[self._sentence(actor.start_char)] if self._starts else 0
        return len(text[start : actor.start_char].split()) <= _SUBJECT_WORDS

    def _may_be(self, actor: Actor, phrase: Generic) -> bool:
        return self._registry.compatible(actor.name, actor.type, actor.known, phrase.refers_to)

    def _topic(self, candidates: list[Actor]) -> Actor | None:
        """The one party to the fighting among `candidates` that the article's first sentence
        names, if only one (an outlet or a monitor in a dateline is no story's topic)."""
        lead = {
            a.name: a
            for a in candidates
            if a.type in _PARTY_TYPES and self._sentence(a.start_char) == 0
        }
        return next(iter(lead.values())) if len(lead) == 1 else None

    def _sentence(self, position: int) -> int:
        return bisect.bisect_right(self._starts, position) - 1


def _names_follow(timeline: list[Actor], phrase: Generic) -> bool:
    """Whether a name starts right after the phrase: "the group Jaish al-Islam"."""
    after = bisect.bisect_left(timeline, phrase.end, key=_position)
    return after < len(timeline) and timeline[after].start_char <= phrase.end + 1


def _position(actor: Actor) -> int:
    return actor.start_char
