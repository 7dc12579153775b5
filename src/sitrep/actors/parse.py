"""Reading one registry file into a `Layer`, checking every field on the way.

The packaged `lexicons/actors.toml` and a user's file have the same format; each is read alone so
that an error names the file it is in. `registry.py` lays a user's layer over the packaged one.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sitrep.errors import ActorRegistryError
from sitrep.model import ActorType

ACTOR_TYPES: frozenset[str] = frozenset(ActorType.__args__)  # type: ignore[attr-defined]
PACKAGED = "sitrep/lexicons/actors.toml"

_ENTRY_FIELDS = frozenset(
    {"name", "type", "country", "aliases", "exact", "metonyms", "ambiguous", "tags"}
)
_GENERIC_FIELDS = frozenset({"phrases", "refers_to"})
# The sections of plain settings: for each, its word lists and its tables of word -> actor type.
_SECTION_LISTS: Mapping[str, frozenset[str]] = {
    "metonyms": frozenset({"verbs", "auxiliaries", "after_place_words"}),
    "case": frozenset({"word_acronyms", "member_nouns"}),
    "forms": frozenset(
        {
            "state_heads",
            "state_words",
            "particles",
            "particle_prefixes",
            "not_openers",
            "not_before",
            "not_names",
        }
    ),
}
_SECTION_TYPES: Mapping[str, frozenset[str]] = {
    "forms": frozenset({"heads_after", "heads_with", "heads_before"}),
}
_TOP_LEVEL = frozenset({"actors", "generic", *_SECTION_LISTS})
_COUNTRY = re.compile(r"[A-Z]{2}")


@dataclass(slots=True, frozen=True)
class ActorEntry:
    """One actor of the registry: its canonical `name`, `type` and `country` (ISO alpha-2 or
    None), and the names it goes by. `exact` aliases match only as written; `metonyms` only as
    the subject of a statement verb; `ambiguous` ones only in an article that also names the
    actor otherwise. `tags` are the kinds generic references ask for."""

    name: str
    type: ActorType
    country: str | None = None
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    tags: frozenset[str] = frozenset()


@dataclass(slots=True)
class Layer:
    """What one file says: its actors in file order, its generic phrases (phrase -> what they
    refer to) and its settings (section -> key -> words or word -> type)."""

    label: str
    actors: list[ActorEntry] = field(default_factory=list)
    generic: dict[str, frozenset[str]] = field(default_factory=dict)
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_layer(label: str, raw: str, known: Mapping[str, ActorEntry]) -> Layer:
    """The file `label` with content `raw`; `known` are the actors of the layers below it (an
    entry that names one of them may leave out its type)."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise ActorRegistryError(label, f"not valid TOML ({error})") from None
    unknown = sorted(set(data) - _TOP_LEVEL)
    if unknown:
        allowed = ", ".join(sorted(_TOP_LEVEL))
        raise ActorRegistryError(label, f"unknown section {unknown[0]!r} (allowed: {allowed})")
    layer = Layer(label)
    for index, raw_entry in enumerate(_list(label, "actors", data.get("actors", []))):
        layer.actors.append(_entry(label, index, raw_entry, known))
    for index, raw_generic in enumerate(_list(label, "generic", data.get("generic", []))):
        layer.generic.update(_generic(label, index, raw_generic))
    for section in _SECTION_LISTS:
        layer.settings[section] = _section(label, section, data.get(section, {}))
    return layer


def read_file(path: Path, known: Mapping[str, ActorEntry]) -> Layer:
    try:
        raw = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ActorRegistryError(str(path), f"cannot be read ({reason})") from None
    return read_layer(str(path), raw, known)


def _entry(label: str, index: int, raw: Any, known: Mapping[str, ActorEntry]) -> ActorEntry:
    where = f"[[actors]] entry {index + 1}"
    table = _table(label, where, raw, _ENTRY_FIELDS)
    name = _text(label, f"{where}: name", table.get("name"))
    where = f"{where} ({name!r})"
    base = known.get(name)
    return ActorEntry(
        name=name,
        type=_entry_type(label, where, table, base),
        country=_country(label, where, table["country"]) if "country" in table else _home(base),
        aliases=_words(label, f"{where}: aliases", table.get("aliases", [])),
        exact=_words(label, f"{where}: exact", table.get("exact", [])),
        metonyms=_words(label, f"{where}: metonyms", table.get("metonyms", [])),
        ambiguous=_words(label, f"{where}: ambiguous", table.get("ambiguous", [])),
        tags=frozenset(_words(label, f"{where}: tags", table.get("tags", []))),
    )


def _entry_type(
    label: str, where: str, table: dict[str, Any], base: ActorEntry | None
) -> ActorType:
    """The entry's type; an entry that changes a packaged actor may leave it out."""
    if "type" in table:
        return _type(label, f"{where}: type", table["type"])
    if base is None:
        raise ActorRegistryError(label, f"{where} has no type", "give it a type (docs/actors.md)")
    return base.type


def _home(base: ActorEntry | None) -> str | None:
    return base.country if base is not None else None


def _generic(label: str, index: int, raw: Any) -> dict[str, frozenset[str]]:
    where = f"[[generic]] entry {index + 1}"
    table = _table(label, where, raw, _GENERIC_FIELDS)
    phrases = _words(label, f"{where}: phrases", table.get("phrases", []))
    refers_to = frozenset(_words(label, f"{where}: refers_to", table.get("refers_to", [])))
    if not phrases or not refers_to:
        raise ActorRegistryError(label, f"{where} needs both phrases and refers_to")
    return dict.fromkeys(phrases, refers_to)


def _section(label: str, section: str, raw: Any) -> dict[str, Any]:
    lists, types = _SECTION_LISTS[section], _SECTION_TYPES.get(section, frozenset())
    table = _table(label, f"[{section}]", raw, lists | types)
    found: dict[str, Any] = {}
    for key, value in table.items():
        where = f"[{section}] {key}"
        if key in lists:
            found[key] = _words(label, where, value)
        else:
            words = _table(label, where, value, None)
            found[key] = {
                word: _type(label, f"{where}.{word}", kind) for word, kind in words.items()
            }
    return found


def _table(label: str, where: str, raw: Any, allowed: frozenset[str] | None) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ActorRegistryError(label, f"{where} must be a table, not {type(raw).__name__}")
    unknown = sorted(set(raw) - allowed) if allowed is not None else []
    if unknown:
        fields = ", ".join(sorted(allowed or ()))
        raise ActorRegistryError(label, f"{where} has an unknown field {unknown[0]!r} ({fields})")
    return cast(dict[str, Any], raw)


def _list(label: str, where: str, raw: Any) -> list[Any]:
    if not isinstance(raw, list):
        raise ActorRegistryError(label, f"{where} must be an array of tables ([[{where}]])")
    return raw


def _words(label: str, where: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise ActorRegistryError(label, f"{where} must be a list of non-empty strings")
    return tuple(" ".join(word.split()) for word in raw)


def _text(label: str, where: str, raw: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ActorRegistryError(label, f"{where} must be a non-empty string")
    return " ".join(raw.split())


def _type(label: str, where: str, raw: Any) -> ActorType:
    if raw not in ACTOR_TYPES:
        kinds = ", ".join(sorted(ACTOR_TYPES))
        raise ActorRegistryError(label, f"{where} is {raw!r}, not one of: {kinds}")
    return cast(ActorType, raw)


def _country(label: str, where: str, raw: Any) -> str:
    if not isinstance(raw, str) or not _COUNTRY.fullmatch(raw):
        raise ActorRegistryError(
            label, f"{where}: country {raw!r} is not an ISO 3166 alpha-2 code such as 'SY'"
        )
    return raw
