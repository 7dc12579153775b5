"""Registered names, generic phrases and metonyms, found in one pass over the lowered text.

Every alias, every alias with "the" before it, and every generic phrase of the registry are folded
into one trie pattern, searched in the lowered text; the leftmost match wins, and of matches that
start at one place the longest ("Syrian government forces" over "Syrian government"). A match is
then held to the way its alias must be written (`registry.written_like`: "IS" is never "is"), an
acronym that is also a word to not standing among words in capitals ("IS IT TRUE"), and a place to
being the subject of a statement verb ("Moscow said"). A mention's span leaves out a leading
"the", and a possessive or a hyphenated ending ("IS's", "SDF-held") is not part of the name.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sitrep.actors.registry import ActorRegistry, Alias, written_like
from sitrep.model import Actor
from sitrep.patterns import lowered, trie_pattern

_FOLD = str.maketrans({"’": "'", "‘": "'"})
_THE = re.compile(r"the\s+")
_SPACE = re.compile(r"\\ ")
# A word in capitals right before or after an acronym that is also a word: "WHAT IS", "IS IT".
# "U.S. IS" is not one (the dot), nor "IS Suffers" (a capital opening a word in lower case).
_CAPITALS_BEFORE = re.compile(r"(?<![A-Za-z0-9'’.-])[A-Z]+ $")
_CAPITALS_AFTER = re.compile(r" [A-Z]+(?![a-z0-9.-])")
_WORD_BEFORE = re.compile(r"([a-z]+)[^a-z]*$")
_NEAR = 40  # characters looked at around a mention for those words


class Generic(NamedTuple):
    """A generic phrase ("the jihadis") and the types, tags or names it may refer to."""

    start: int
    end: int
    refers_to: frozenset[str]


class Found(NamedTuple):
    """What one scan finds: registered mentions, generic phrases yet to resolve, and mentions by
    ambiguous aliases ("FSA") that count only if their actor is named otherwise too."""

    named: list[Actor]
    generic: list[Generic]
    doubtful: list[Actor]


class NameScanner:
    """The registry's names as one pattern; build once, scan many texts."""

    def __init__(self, registry: ActorRegistry) -> None:
        self._registry = registry
        keys = {*registry.aliases, *(f"the {key}" for key in registry.aliases), *registry.generic}
        trie = _SPACE.sub(r"\\s+", trie_pattern(sorted(keys)))
        self._pattern = re.compile(rf"(?<!\w)(?:{trie})(?!\w)")
        metonyms = registry.metonyms
        auxiliaries = _SPACE.sub(r"\\s+", trie_pattern(sorted(metonyms.auxiliaries)))
        verbs = trie_pattern(sorted(metonyms.verbs))
        self._statement = re.compile(rf"\s+(?:(?:{auxiliaries})\s+){{0,2}}(?:{verbs})(?![\w-])")

    def scan(self, text: str) -> Found:
        folded = lowered(text).translate(_FOLD)
        found = Found([], [], [])
        for hit in self._pattern.finditer(folded):
            key = " ".join(hit[0].split())
            named = self._named(text, folded, hit.start(), hit.end(), key)
            if named is not None:
                alias, actor = named
                (found.doubtful if alias.kind == "ambiguous" else found.named).append(actor)
            elif key in self._registry.generic:
                found.generic.append(Generic(hit.start(), hit.end(), self._registry.generic[key]))
        return found

    def _named(
        self, text: str, folded: str, start: int, end: int, key: str
    ) -> tuple[Alias, Actor] | None:
        """The alias a match is, and its mention; "the" is left out of the span."""
        place = start  # where a metonym's phrase begins, "the" included
        candidates = self._registry.aliases.get(key)
        if candidates is None and (the := _THE.match(folded, start)):
            start, key = the.end(), key[4:]
            candidates = self._registry.aliases.get(key)
        for alias in candidates or ():
            if self._counts(alias, text, folded, (place, start, end)):
                return alias, self._actor(text, start, end, alias.actor)
        return None

    def _counts(self, alias: Alias, text: str, folded: str, span: tuple[int, int, int]) -> bool:
        place, start, end = span
        if not written_like(alias, text[start:end]):
            return False
        if alias.written in self._registry.word_acronyms and _among_capitals(text, start, end):
            return False
        return alias.kind != "metonym" or self._speaks(folded, place, end)

    def _speaks(self, folded: str, start: int, end: int) -> bool:
        """A place stands for its government as the subject of a statement verb ("Moscow
        said", "The United States estimates"), never after a preposition ("in Baghdad said")."""
        if not self._statement.match(folded, end):
            return False
        before = _WORD_BEFORE.search(folded, max(0, start - _NEAR), start)
        return before is None or before[1] not in self._registry.metonyms.after_place_words

    def _actor(self, text: str, start: int, end: int, name: str) -> Actor:
        kind = self._registry.actors[name].type
        return Actor(start_char=start, end_char=end, text=text[start:end], name=name, type=kind)


def _among_capitals(text: str, start: int, end: int) -> bool:
    """Whether a word in capitals stands next to the mention: an all-capitals headline."""
    before = _CAPITALS_BEFORE.search(text, max(0, start - _NEAR), start)
    return before is not None or _CAPITALS_AFTER.match(text, end) is not None
