"""The attribution stage's data, `lexicons/attribution.toml`, loaded once when a stage is built."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any


def _read_toml(name: str) -> dict[str, Any]:
    raw = resources.files("sitrep.lexicons").joinpath(name).read_text("utf-8")
    return tomllib.loads(raw)


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted({word.strip() for word in words if word.strip()}, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


def _credited_pattern(nouns: Iterable[str], participles: Iterable[str]) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?P<noun>{_alternation(nouns)})\b[^.;:!?]{{0,120}}?\b"
        rf"(?P<cue>(?:{_alternation(participles)})(?:\s+[\w-]+){{0,3}}?\s+by)\s+",
        re.IGNORECASE,
    )


@dataclass(slots=True, frozen=True)
class AttributionLexicon:
    """Cue words as one pattern, and the word sets speakers are read with."""

    cues: re.Pattern[str]
    verbs: frozenset[str]
    hearer_verbs: frozenset[str]
    according: frozenset[str]
    passive: re.Pattern[str]
    titles: frozenset[str]
    role_nouns: frozenset[str]
    modifiers: frozenset[str]
    stops: frozenset[str]
    between: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    continuations: re.Pattern[str]
    document_nouns: frozenset[str]
    credited: re.Pattern[str]
    credited_noun: re.Pattern[str]
    not_statements: re.Pattern[str]

    @classmethod
    def load(cls) -> AttributionLexicon:
        data = _read_toml("attribution.toml")
        cues, speakers = data["cues"], data["speakers"]
        every_cue = [*cues["verbs"], *cues["according"]]
        return cls(
            cues=re.compile(rf"(?<![\w-])(?:{_alternation(every_cue)})(?![\w-])", re.IGNORECASE),
            verbs=frozenset(cues["verbs"]),
            hearer_verbs=frozenset(cues["hearer_verbs"]),
            according=frozenset(" ".join(c.split()) for c in cues["according"]),
            passive=re.compile(rf"\b(?:{_alternation(cues['passive'])})\b", re.IGNORECASE),
            titles=frozenset(speakers["titles"]),
            role_nouns=frozenset(speakers["role_nouns"]),
            modifiers=frozenset(speakers["modifiers"]),
            stops=frozenset(speakers["stops"]),
            between=frozenset(speakers["between"]),
            person_pronouns=frozenset(speakers["person_pronouns"]),
            group_pronouns=frozenset(speakers["group_pronouns"]),
            thing_pronouns=frozenset(speakers["thing_pronouns"]),
            continuations=re.compile(
                rf"\b(?:{_alternation(speakers['continuations'])})\b", re.IGNORECASE
            ),
            document_nouns=frozenset(cues["document_nouns"]),
            credited=_credited_pattern(cues["credited_nouns"], cues["credited_by"]),
            credited_noun=re.compile(
                rf"\b(?:{_alternation(cues['credited_nouns'])})\b", re.IGNORECASE
            ),
            not_statements=re.compile(
                rf"\s+(?:{_alternation(cues['not_statements'])})\b", re.IGNORECASE
            ),
        )

    @property
    def pronouns(self) -> frozenset[str]:
        return self.person_pronouns | self.group_pronouns | self.thing_pronouns
