"""What the words right around a place's name say about it.

Before the name: a kind ("the town of", "the northern Iraqi town of" also gives the country), a
relation ("20 km south of", "on the outskirts of", "northern"), a preposition of place ("in").
After it: a suffix ("Anbar province", "Tishrin Dam"). docs/places.md, "Recognition", lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.patterns import word_alternation
from sitrep.places.lexicon import PlaceWords

# Characters either side of a name that the patterns read: the longest phrase they take
# ("about 20 kilometres north-west of the") fits in this.
WINDOW = 80
_DISTANCE = (
    r"(?:(?:about|some|around|nearly|roughly)\s+)?\d[\d,.]*\s*-?\s*"
    r"(?:km|kilometers?|kilometres?|miles?|mi)\.?\s+"
)


@dataclass(slots=True, frozen=True)
class Clues:
    """`kind` ("city", "region", "landmark") when a word says what the place is; `country`
    (ISO alpha-2) when an adjective before the kind says where it lies; `relation` and
    `relation_kind` ("direction", "near", "part") for a relative location; `preposition` when
    one of place comes right before; `phrase_start`/`phrase_end` where the whole phrase begins
    and ends (the name's own offsets when nothing is added)."""

    kind: str | None = None
    country: str | None = None
    relation: str | None = None
    relation_kind: str | None = None
    preposition: bool = False
    phrase_start: int = 0
    phrase_end: int = 0


class ClueReader:
    """The patterns of one word list, anchored at the name (`$` before it, `^` after it); build
    once, `read` the clues of many names."""

    def __init__(self, words: PlaceWords) -> None:
        self.words = words
        relations = words.relation_kinds
        directions = [p for p, kind in relations.items() if kind == "direction"]
        near = [p for p, kind in relations.items() if kind == "near"]
        parts = [p for p, kind in relations.items() if kind == "part"]
        kinds = sorted(words.city_kinds | words.region_kinds)
        self.kind = re.compile(
            r"(?:(?P<adjective>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+)?(?:[A-Z]{2,5}\s+)?"
            rf"(?i:(?P<kind>{word_alternation(kinds)}))\s+of\s+(?:the\s+)?$"
        )
        self.direction = re.compile(
            rf"(?i:(?:{_DISTANCE})?\b(?P<relation>{word_alternation(directions)})\s+of\s+(?:the\s+)?)$"
        )
        self.near = re.compile(rf"(?i:\b(?P<relation>{word_alternation(near)})\s+(?:the\s+)?)$")
        self.part = re.compile(rf"(?i:\b(?P<relation>{word_alternation(parts)})\s+)$")
        # The word right before a name (the one before "the"), lowered: the patterns above are
        # tried only when it can end one of them, which most words cannot ("said Mosul").
        self.last_words = frozenset(phrase.split()[-1].lower() for phrase in relations) | {"of"}
        self.region_suffix = re.compile(rf"(?i:\s+(?:{word_alternation(words.region_suffixes)}))\b")
        landmarks = [*words.landmark_suffixes, *words.building_heads]
        self.landmark_suffix = re.compile(
            rf"\s+(?:{word_alternation(landmarks, ignore_case=False)})\b"
        )

    def read(self, text: str, start: int, end: int) -> Clues:
        """The clues around the name at `text[start:end]`."""
        before = text[max(0, start - WINDOW) : start]
        last = _last_word(before)
        if last not in self.last_words:
            clues = Clues(preposition=last in self.words.prepositions, phrase_start=start)
            return _after(self, text, end, clues)
        return _after(
            self, text, end, _before(self, before, start, last in self.words.prepositions)
        )


_LAST_WORDS = re.compile(r"([\w-]+)\s+(?:the\s+)?$", re.IGNORECASE)


def _last_word(before: str) -> str:
    """The last word of `before` (skipping a final "the"), lowered; "" when it ends otherwise."""
    found = _LAST_WORDS.search(before, max(0, len(before) - 30))
    return found[1].lower() if found else ""


def _before(patterns: ClueReader, before: str, start: int, preposition: bool) -> Clues:
    words = patterns.words
    kind = patterns.kind.search(before)
    if kind and _names_a_part(kind["adjective"], kind["kind"], words):
        # "the Zahraa district of Homs": the kind is the named part's, and the name after "of"
        # holds it, so the record is a part of that place. Its span stays the name, as with
        # a kind: the part's name may be a place of its own ("the Anbar province of Iraq").
        return Clues(
            relation=kind["kind"].lower(),
            relation_kind="part",
            preposition=preposition,
            phrase_start=start,
        )
    if kind:
        return Clues(
            kind="region" if kind["kind"].lower() in words.region_kinds else "city",
            country=_country_of(kind["adjective"], words),
            preposition=preposition,
            phrase_start=start,
        )
    for pattern in (patterns.direction, patterns.near, patterns.part):
        found = pattern.search(before)
        if found:
            relation = found["relation"].lower()
            return Clues(
                relation=words.relations[relation],
                relation_kind=words.relation_kinds[relation],
                preposition=preposition,
                phrase_start=start - len(found[0]),
            )
    return Clues(preposition=preposition, phrase_start=start)


def _after(patterns: ClueReader, text: str, end: int, clues: Clues) -> Clues:
    after = text[end : end + WINDOW]
    region = patterns.region_suffix.match(after)
    if region:
        return _ended(clues, end + region.end(), "region")
    landmark = patterns.landmark_suffix.match(after)
    if landmark:
        return _ended(clues, end + landmark.end(), "landmark")
    return _ended(clues, end)


def _ended(clues: Clues, phrase_end: int, kind: str | None = None) -> Clues:
    """`clues` with the phrase's end, and the kind its suffix gives ("province": a region)."""
    return Clues(
        kind or clues.kind,
        clues.country,
        clues.relation,
        clues.relation_kind,
        clues.preposition,
        clues.phrase_start,
        phrase_end,
    )


def _names_a_part(adjective: str | None, kind: str, words: PlaceWords) -> bool:
    """A capitalised name before a kind of `[kinds.named_parts]` that no adjective ending or
    relation ("Northern") makes an adjective: the name of a district of the place after "of"."""
    if not adjective or " " in adjective or kind.lower() not in words.part_kinds:
        return False
    lowered = adjective.lower()
    if lowered in words.demonym_countries or lowered in words.relation_kinds:
        return False
    return not lowered.endswith(words.adjective_endings)


def _country_of(adjective: str | None, words: PlaceWords) -> str | None:
    """The country of "Iraqi" in "the northern Iraqi town of"; None for other words."""
    if not adjective:
        return None
    return words.demonym_countries.get(adjective.lower())
