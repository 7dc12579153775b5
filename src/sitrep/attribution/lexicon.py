"""The attribution stage's data, `lexicons/attribution.toml`, loaded once when a stage is built."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.patterns import read_lexicon, trie_pattern, words_pattern


def _lowered_words(words: Iterable[str]) -> re.Pattern[str]:
    """Whole words, as a trie, matched against lowered text (see `sitrep.patterns.lowered`)."""
    folded = sorted({" ".join(word.lower().split()) for word in words})
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(folded)})(?![\w-])")


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
    adverbial_openers: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    continuations: re.Pattern[str]
    document_nouns: frozenset[str]
    credited: re.Pattern[str]
    not_labels: frozenset[str]
    credited_noun: re.Pattern[str]
    not_statements: re.Pattern[str]
    speech_verbs: frozenset[str]
    clause_openers: frozenset[str]
    group_counts: frozenset[str]

    @classmethod
    def load(cls) -> AttributionLexicon:
        data = read_lexicon("attribution.toml")
        cues, speakers = data["cues"], data["speakers"]
        every_cue = [*cues["verbs"], *cues["according"]]
        return cls(
            cues=_lowered_words(every_cue),
            verbs=frozenset(cues["verbs"]),
            hearer_verbs=frozenset(cues["hearer_verbs"]),
            according=frozenset(" ".join(c.split()) for c in cues["according"]),
            passive=re.compile(rf"\b(?:{words_pattern(cues['passive'])})\b", re.IGNORECASE),
            titles=frozenset(speakers["titles"]),
            role_nouns=frozenset(speakers["role_nouns"]),
            modifiers=frozenset(speakers["modifiers"]),
            stops=frozenset(speakers["stops"]),
            between=frozenset(speakers["between"]),
            adverbial_openers=frozenset(speakers["adverbial_openers"]),
            person_pronouns=frozenset(speakers["person_pronouns"]),
            group_pronouns=frozenset(speakers["group_pronouns"]),
            thing_pronouns=frozenset(speakers["thing_pronouns"]),
            continuations=re.compile(
                rf"\b(?:{words_pattern(speakers['continuations'])})\b", re.IGNORECASE
            ),
            document_nouns=frozenset(cues["document_nouns"]),
            credited=re.compile(
                rf"(?<![\w-])(?:{trie_pattern(sorted(cues['credited_by']))})"
                rf"(?:\s+[\w-]+){{0,3}}?\s+by\b"
            ),
            credited_noun=_lowered_words(cues["credited_nouns"]),
            not_labels=frozenset(cues["not_labels"]),
            not_statements=re.compile(
                rf"\s+(?:{words_pattern(cues['not_statements'])})\b", re.IGNORECASE
            ),
            speech_verbs=frozenset(cues["speech_verbs"]),
            clause_openers=frozenset(speakers["clause_openers"]),
            group_counts=frozenset(speakers["group_counts"]),
        )

    @property
    def pronouns(self) -> frozenset[str]:
        return self.person_pronouns | self.group_pronouns | self.thing_pronouns
