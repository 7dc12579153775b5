"""The claims vocabulary, read from `lexicons/claims.toml`: the measures compared, the words that
say which way a territorial figure goes, and the markers of an earlier figure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from sitrep.actors.registry import fold
from sitrep.model import Claim, ClaimAspect
from sitrep.patterns import read_lexicon, words_pattern

_ASPECTS: tuple[ClaimAspect, ...] = ("lost", "gained", "held")


@dataclass(slots=True, frozen=True)
class ClaimLexicon:
    compared: frozenset[str]
    territorial: frozenset[str]
    related: tuple[frozenset[str], ...]
    aspect_words: re.Pattern[str]  # one named group per aspect
    after_nouns: Mapping[str, ClaimAspect]
    earlier_marker: re.Pattern[str]
    increment_marker: re.Pattern[str]
    carry_sentences: int

    @classmethod
    def load(cls) -> ClaimLexicon:
        return cls.from_data(read_lexicon("claims.toml"))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ClaimLexicon:
        aspect = data["aspect"]
        groups = "|".join(f"(?P<{name}>{words_pattern(aspect[name])})" for name in _ASPECTS)
        markers = words_pattern(data["earlier"]["markers"])
        increments = words_pattern(data["increment"]["markers"])
        return cls(
            compared=frozenset(data["measures"]["compared"]),
            territorial=frozenset(data["measures"]["territorial"]),
            related=tuple(frozenset(pair) for pair in data["measures"]["related"]),
            aspect_words=re.compile(rf"\b(?:{groups})\b", re.IGNORECASE),
            after_nouns={noun: cast(ClaimAspect, a) for noun, a in aspect["after"].items()},
            earlier_marker=re.compile(rf"\b(?:{markers})\s*(?:an?\s+)?$", re.IGNORECASE),
            increment_marker=re.compile(rf"\b(?:{increments})\s*$", re.IGNORECASE),
            carry_sentences=int(data["carry"]["sentences"]),
        )

    def aspect_before(self, clause: str) -> ClaimAspect | None:
        """The aspect of the last aspect word in `clause`, the words before a figure; a word of
        change wins over one of holding, which in "lost 40 percent of the territory it held in
        Iraq and 10 percent in Syria" only describes the territory."""
        matches = list(self.aspect_words.finditer(clause))
        changes = [m for m in matches if m.lastgroup != "held"] or matches
        return cast(ClaimAspect, changes[-1].lastgroup) if changes else None

    def aspect_after(self, following: str) -> ClaimAspect | None:
        """The aspect of a noun within the two words after a figure ("a 20 percent loss")."""
        for word in re.findall(r"[a-z]+", following.lower())[:2]:
            if word in self.after_nouns:
                return self.after_nouns[word]
        return None

    def earlier(self, before: str) -> bool:
        """Whether the words right before a figure mark it as an earlier state ("down from")."""
        return self.earlier_marker.search(before) is not None

    def increment(self, before: str) -> bool:
        """Whether the words right before a figure make it an increment ("another")."""
        return self.increment_marker.search(before) is not None

    def key_of(self, claim: Claim) -> str:
        """The group a claim is compared in: measure, aspect, subject, place and kind of unit,
        folded, so that case and spacing never split a group."""
        parts = (claim.measure, claim.aspect, claim.subject, claim.place, unit_kind(claim))
        return "|".join(fold(part or "") for part in parts)


def unit_kind(claim: Claim) -> str:
    """What figures a claim may be compared with: a share with shares, an area or a sum of money
    in its unit (square miles are already km2; euros are not dollars), and any count of people
    or things ("fighters", "troops", "villages") with counts."""
    if claim.unit == "percent" or claim.measure in _UNIT_MEASURES:
        return claim.unit
    return "count"


# Measures whose figures compare only in one unit.
_UNIT_MEASURES = frozenset(("area", "money", "distance"))
