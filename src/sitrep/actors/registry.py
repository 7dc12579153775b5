"""The actors registry: every known actor, the names it goes by, and the words the stage reads.

`ActorRegistry.load()` reads `lexicons/actors.toml`; `load(extra=path)` lays a user's file of the
same format over it. An entry of the user's file with a packaged actor's name changes that actor
(a type or country given replaces the packaged one; aliases, metonyms and tags are added); any
other entry is a new actor; an alias written in the user's file wins over the same alias in the
packaged one, whichever actor had it. `canonical()` turns a name as written into the canonical
name, for the stages that name actors themselves (quantities' subjects, attribution's sources).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from sitrep.actors.parse import PACKAGED, ActorEntry, Layer, read_file, read_layer
from sitrep.model import ActorType

AliasKind = Literal["alias", "exact", "metonym", "ambiguous"]

_QUOTES = str.maketrans({"’": "'", "‘": "'"})
_LEADING = re.compile(r"^(?:the\s+)?(?:so-called\s+)?", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['’]s?)?[\s\"'“”’,.;:!?)]*$")


def fold(name: str) -> str:
    """The key a name is looked up by: lower case, straight apostrophes, single spaces."""
    return " ".join(name.translate(_QUOTES).lower().split())


@dataclass(slots=True, frozen=True)
class Alias:
    """One way of writing an actor's name, and how it must be written to count."""

    written: str
    actor: str
    kind: AliasKind = "alias"


@dataclass(slots=True, frozen=True)
class FormWords:
    """The words organisations missing from the registry are recognised by ([forms])."""

    heads_after: dict[str, ActorType]
    heads_with: dict[str, ActorType]
    heads_before: dict[str, ActorType]
    state_heads: frozenset[str]
    state_words: frozenset[str]
    particles: frozenset[str]
    particle_prefixes: frozenset[str]
    not_openers: frozenset[str]
    not_before: frozenset[str]
    not_names: frozenset[str]


@dataclass(slots=True, frozen=True)
class MetonymWords:
    """When a place stands for its government ([metonyms])."""

    verbs: frozenset[str]
    auxiliaries: frozenset[str]
    after_place_words: frozenset[str]


@dataclass(slots=True, frozen=True)
class ActorRegistry:
    """Actors by canonical name; aliases by folded key (`fold`), each key's candidates in the
    order they are tried; generic phrases by folded key, with what they refer to."""

    actors: dict[str, ActorEntry]
    aliases: dict[str, tuple[Alias, ...]]
    generic: dict[str, frozenset[str]]
    forms: FormWords
    metonyms: MetonymWords
    word_acronyms: frozenset[str]
    member_nouns: frozenset[str]

    @classmethod
    def load(cls, extra: Path | str | None = None) -> ActorRegistry:
        """The packaged registry, with the user's file `extra` over it when given. A file that
        cannot be read raises `ActorRegistryError` naming it, the reason and a remedy."""
        raw = resources.files("sitrep.lexicons").joinpath("actors.toml").read_text("utf-8")
        packaged = read_layer(PACKAGED, raw, {})
        if extra is None:
            return cls.from_layers([packaged])
        known = {entry.name: entry for entry in packaged.actors}
        return cls.from_layers([packaged, read_file(Path(extra), known)])

    @classmethod
    def from_layers(cls, layers: Sequence[Layer]) -> ActorRegistry:
        actors: dict[str, ActorEntry] = {}
        aliases: dict[str, tuple[Alias, ...]] = {}
        generic: dict[str, frozenset[str]] = {}
        settings: dict[str, dict[str, Any]] = {}
        for layer in layers:
            for entry in layer.actors:
                actors[entry.name] = _merged(actors.get(entry.name), entry)
            aliases.update(_alias_index(layer.actors))  # a later layer's alias wins
            generic.update({fold(phrase): refers for phrase, refers in layer.generic.items()})
            _merge_settings(settings, layer.settings)
        return cls(
            actors=actors,
            aliases=aliases,
            generic=generic,
            forms=_form_words(settings.get("forms", {})),
            metonyms=_metonym_words(settings.get("metonyms", {})),
            word_acronyms=frozenset(settings.get("case", {}).get("word_acronyms", ())),
            member_nouns=frozenset(settings.get("case", {}).get("member_nouns", ())),
        )

    def canonical(self, name: str) -> str | None:
        """The canonical name of the actor `name` denotes ("ISIS", "the Islamic State group",
        "IS fighters", "the Syrian Observatory for Human Rights's"), or None when it names no
        registered actor. A place that can stand for a government ("Moscow") gives the
        government: a name passed here is already known to be an actor's."""
        written = _TRAILING.sub("", _LEADING.sub("", " ".join(name.split())))
        found = self._lookup(written)
        if found is None and " " in written:
            group, member = written.rsplit(" ", 1)
            if member.lower() in self.member_nouns:
                found = self._lookup(group)
        return found

    def compatible(self, name: str, type_: str, known: bool, refers_to: frozenset[str]) -> bool:
        """Whether a generic phrase that refers to `refers_to` (types, tags, canonical names)
        can mean this actor; an actor outside the registry is compatible by its type alone."""
        if type_ in refers_to or name in refers_to:
            return True
        entry = self.actors.get(name) if known else None
        return entry is not None and not entry.tags.isdisjoint(refers_to)

    def _lookup(self, written: str) -> str | None:
        for alias in self.aliases.get(fold(written), ()):
            if written_like(alias, written):
                return alias.actor
        return None


def written_like(alias: Alias, text: str) -> bool:
    """Whether `text`, equal to the alias but for case and spacing, is written as the alias
    requires: an `exact` alias as written; any other with its acronyms ("IS", "U.S.") in
    capitals, so that "is" is never "IS"."""
    ours, theirs = alias.written.translate(_QUOTES).split(), text.translate(_QUOTES).split()
    if len(ours) != len(theirs):
        return False
    if alias.kind == "exact":
        return ours == theirs
    return all(_acronyms_kept(mine, found) for mine, found in zip(ours, theirs, strict=True))


def _acronyms_kept(ours: str, theirs: str) -> bool:
    pairs = zip(ours.split("-"), theirs.split("-"), strict=False)
    return all(mine == found or not is_acronym(mine) for mine, found in pairs)


def is_acronym(word: str) -> bool:
    """Two or more capitals and no lower-case letter: "IS", "SDF", "U.S.", "UNHCR"."""
    return sum(char.isupper() for char in word) >= 2 and not any(c.islower() for c in word)


def _alias_index(entries: Iterable[ActorEntry]) -> dict[str, tuple[Alias, ...]]:
    index: dict[str, tuple[Alias, ...]] = {}
    for alias in _aliases(entries):
        key = fold(alias.written)
        if alias not in index.get(key, ()):
            index[key] = (*index.get(key, ()), alias)
    return index


def _aliases(entries: Iterable[ActorEntry]) -> Iterator[Alias]:
    for entry in entries:
        exact = set(entry.exact)
        if entry.name not in exact:
            yield Alias(entry.name, entry.name)
        yield from (Alias(written, entry.name) for written in entry.aliases)
        yield from (Alias(written, entry.name, "exact") for written in entry.exact)
        yield from (Alias(written, entry.name, "metonym") for written in entry.metonyms)
        yield from (Alias(written, entry.name, "ambiguous") for written in entry.ambiguous)


def _merged(base: ActorEntry | None, entry: ActorEntry) -> ActorEntry:
    """A user's entry over the packaged one of the same name: type and country are already
    inherited when left out (`parse`); names and tags add up."""
    if base is None:
        return entry
    return replace(
        entry,
        aliases=_union(base.aliases, entry.aliases),
        exact=_union(base.exact, entry.exact),
        metonyms=_union(base.metonyms, entry.metonyms),
        ambiguous=_union(base.ambiguous, entry.ambiguous),
        tags=base.tags | entry.tags,
    )


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))


def _merge_settings(settings: dict[str, dict[str, Any]], layer: dict[str, dict[str, Any]]) -> None:
    """Word lists add up; tables of word -> type are updated, the later layer winning."""
    for section, values in layer.items():
        merged = settings.setdefault(section, {})
        for key, value in values.items():
            if isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = _union(merged.get(key, ()), value)


def _form_words(forms: dict[str, Any]) -> FormWords:
    return FormWords(
        heads_after=dict(forms.get("heads_after", {})),
        heads_with=dict(forms.get("heads_with", {})),
        heads_before=dict(forms.get("heads_before", {})),
        state_heads=frozenset(forms.get("state_heads", ())),
        state_words=frozenset(forms.get("state_words", ())),
        particles=frozenset(forms.get("particles", ())),
        particle_prefixes=frozenset(forms.get("particle_prefixes", ())),
        not_openers=frozenset(forms.get("not_openers", ())),
        not_before=frozenset(forms.get("not_before", ())),
        not_names=frozenset(forms.get("not_names", ())),
    )


def _metonym_words(metonyms: dict[str, Any]) -> MetonymWords:
    return MetonymWords(
        verbs=frozenset(metonyms.get("verbs", ())),
        auxiliaries=frozenset(metonyms.get("auxiliaries", ())),
        after_place_words=frozenset(metonyms.get("after_place_words", ())),
    )
