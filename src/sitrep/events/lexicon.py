"""The event vocabulary, read from `lexicons/events.toml`, and its phrases compiled into patterns.

The text is scanned once for the first words of all trigger phrases (a trie); where one stands,
only the phrases that begin with it are tried. The phrase a match came from is the name of its
group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.patterns import read_lexicon, trie_pattern, word_alternation, words_pattern

# "~" in a phrase: one to three words of any kind in between ("drove the militants out of").
_GAP = r"(?:[^\s.;:!?]+\s+){1,3}?"
_START = r"(?<![\w-])"
_END = r"(?![\w-])"


@dataclass(slots=True, frozen=True)
class Subtype:
    """One CASE 2021 / ACLED sub-event code and what it means here (`lexicons/events.toml`)."""

    name: str
    code: str
    type: str
    plover: str | None
    priority: int
    casualty: bool
    suppresses: bool

    @property
    def is_event(self) -> bool:
        """False for a subtype kept only to classify snippets (disasters, diplomacy, crime)."""
        return bool(self.type)


@dataclass(slots=True, frozen=True)
class Phrase:
    """A trigger or cue phrase as written in the lexicon, with the subtypes it may name."""

    text: str
    subtypes: tuple[str, ...]
    weak: bool
    cue: bool


@dataclass(slots=True, frozen=True)
class ClassifyRule:
    """One rule of `[[classify.rules]]`: where the scores lead to a code of `over` and `cues`
    match (within the first `within` characters when given), with `requires` and without
    `unless`, the snippet takes `code`; with `by_side` ("taker" or "loser": who the actor before
    the cue is), the code of the side that took the land (`Sides`)."""

    code: str
    over: frozenset[str]
    cues: re.Pattern[str]
    requires: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    within: int | None
    by_side: str | None


@dataclass(slots=True, frozen=True)
class Sides:
    """`[classify.side]`: the words of state and non-state actors, and the code of each."""

    state_code: str
    non_state_code: str
    state: re.Pattern[str]
    non_state: re.Pattern[str]


@dataclass(slots=True, frozen=True)
class Aggregate:
    """`[aggregate]`: the toll of casualty words alone and the days of a count's period above
    which a report counts many events, and the words that make a time a count's period."""

    deaths: int
    days: int
    period_words: re.Pattern[str]
    period_start: re.Pattern[str]


@dataclass(slots=True, frozen=True)
class ProtestSigns:
    """`[protest]`: what lets a protest trigger stand outside armed conflict. `crowd` finds the
    people who protest, `acts` a trigger that is a protest by itself, `labour` a trigger of a
    labour dispute, `veto` the `[veto]` words less the causes people protest about."""

    crowd: re.Pattern[str]
    acts: re.Pattern[str]
    labour: re.Pattern[str]
    veto: re.Pattern[str]


@dataclass(slots=True, frozen=True)
class EventLexicon:
    """Every list of `events.toml`. `by_first_word` holds the trigger phrases by their first word
    (its stem for a "w*" word, listed in `prefix_words`) and `first_words` finds where one may
    begin; `cues` is one alternation. Group names index `phrases`."""

    subtypes: Mapping[str, Subtype]
    type_plover: Mapping[str, str]
    phrases: Mapping[str, Phrase]
    first_words: re.Pattern[str]
    by_first_word: Mapping[str, re.Pattern[str]]
    prefix_words: frozenset[str]
    cues: re.Pattern[str]
    leaders: frozenset[str]
    territory: re.Pattern[str]
    people: re.Pattern[str]
    context: re.Pattern[str]
    veto: re.Pattern[str]
    modality: frozenset[str]
    modality_reach: int
    generic: frozenset[str]
    adjacent: frozenset[str]
    states: frozenset[str]
    state_uses: re.Pattern[str]
    modality_after: re.Pattern[str]
    rules: tuple[ClassifyRule, ...]
    sides: Sides
    natural_causes: re.Pattern[str]
    part_of_toll: re.Pattern[str]
    struck_weapon: re.Pattern[str]
    aggregate: Aggregate
    party_words: frozenset[str]
    party_suffixes: tuple[str, ...]
    anaphora: frozenset[str]
    anaphora_breaks: frozenset[str]
    place_anaphor: re.Pattern[str]
    lone_victims: Mapping[str, re.Pattern[str]]
    protest: ProtestSigns

    @classmethod
    def load(cls) -> EventLexicon:
        data = read_lexicon("events.toml")
        subtypes = {name: _subtype(name, spec) for name, spec in data["subtypes"].items()}
        triggers, cues = _phrases(data["subtypes"], cue=False), _phrases(data["subtypes"], cue=True)
        modality = data["modality"]
        return cls(
            subtypes=subtypes,
            type_plover={name: spec["plover"] for name, spec in data["types"].items()},
            phrases={**triggers, **cues},
            first_words=_first_words(triggers.values()),
            by_first_word=_by_first_word(triggers),
            prefix_words=_prefix_words(triggers.values()),
            cues=_alternation(cues),
            leaders=frozenset(data["leaders"]["words"]),
            territory=_words(data["territory"]["words"]),
            people=_words(data["people"]["words"]),
            context=_words(data["context"]["words"]),
            veto=_words(data["veto"]["words"]),
            modality=frozenset(modality["words"]),
            modality_reach=int(modality["reach"]),
            generic=frozenset(modality["generic"]),
            adjacent=frozenset(modality["adjacent"]),
            states=frozenset(modality["states"]),
            state_uses=_state_uses(modality["states"], data["anaphora"]["determiners"]),
            modality_after=re.compile(r"\s*(?:" + words_pattern(modality["after"]) + r")\b", re.I),
            rules=_rules(data["classify"]),
            sides=_sides(data["classify"]["side"]),
            natural_causes=_words(data["natural_causes"]["words"]),
            part_of_toll=_ending(data["part_of_toll"]["words"]),
            struck_weapon=_struck(data["struck_weapons"]["verbs"]),
            aggregate=_aggregate(data["aggregate"]),
            party_words=frozenset(data["parties"]["words"]),
            party_suffixes=tuple(data["parties"]["suffixes"]),
            anaphora=frozenset(data["anaphora"]["determiners"]),
            anaphora_breaks=frozenset(data["anaphora"]["verbs"]),
            place_anaphor=_place_anaphor(data["anaphora"]["place_nouns"]),
            lone_victims=_lone_victims(data["lone_victim"]),
            protest=_protest_signs(data["protest"], data["veto"]["words"]),
        )

    def plover(self, subtype: Subtype) -> str:
        return subtype.plover or self.type_plover.get(subtype.type, "")


def _state_uses(states: Sequence[str], determiners: Sequence[str]) -> re.Pattern[str]:
    """A state word after a determiner ("the occupied"); group `state` is the word."""
    return re.compile(
        rf"\b(?:{words_pattern(determiners)})\s+(?P<state>{words_pattern(states)})\b", re.I
    )


def _protest_signs(spec: Mapping[str, Any], veto: Sequence[str]) -> ProtestSigns:
    """`[protest]` compiled; a people's name is case-sensitive ("Kurds", not "birds")."""
    causes = set(spec["causes"])
    crowd = _START + "(?i:" + words_pattern(spec["crowd"]) + ")" + _END
    peoples = r"(?<=\w\s)\b[A-Z][a-z]+(?:" + "|".join(spec["people_endings"]) + r")\b"
    return ProtestSigns(
        crowd=re.compile(crowd + "|" + peoples),
        acts=_phrases_pattern(spec["acts"]),
        labour=_phrases_pattern(spec["labour"]),
        veto=_words(word for word in veto if word not in causes),
    )


def _phrases_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    branches = "|".join(phrase_pattern(text) for text in phrases)
    return re.compile(_START + "(?:" + branches + ")" + _END, re.IGNORECASE)


def _lone_victims(spec: Mapping[str, Any]) -> dict[str, re.Pattern[str]]:
    """For "killed" and "wounded": a singular victim noun phrase ("a U.S. soldier") then a
    passive of the verb, or the verb then the noun phrase; group `victim` is the noun phrase.
    The word lists are tries (`word_alternation`): that took two fifths off its search time."""
    nouns = word_alternation(spec["nouns"])
    victim = r"(?:a|an)\s+(?:[\w.'-]+\s+){0,3}?(?:" + nouns + r")(?![\w'-])"
    passive = r"(?:has\s+been|had\s+been|was|is|got)\s+"
    patterns = {}
    for measure in ("killed", "wounded"):
        verbs = "(?:" + word_alternation(spec[measure]) + r")\b"
        if measure == "killed":
            passive = r"(?:(?:has\s+been|had\s+been|was|is|got)\s+(?=\w)|(?=(?:"
            passive += word_alternation(spec["died"]) + r")\b))"
            verbs = "(?:" + word_alternation([*spec["killed"], *spec["died"]]) + r")\b"
        patterns[measure] = re.compile(
            rf"\b(?:(?P<victim>{victim})\s+{passive}{verbs}|{verbs}\s+(?P<object>{victim}))",
            re.IGNORECASE,
        )
    return patterns


def _place_anaphor(nouns: Sequence[str]) -> re.Pattern[str]:
    """A preposition of place and "the" before a kind of place, with no clause mark before it
    ("fell on the town"), searched in the few words after a trigger."""
    return re.compile(
        r"^[^,;:.]*?\b(?:on|in|at|into|near|around|inside)\s+the\s+(?:"
        + words_pattern(nouns)
        + r")\b",
        re.I,
    )


def _struck(verbs: Sequence[str]) -> re.Pattern[str]:
    """One of `verbs` then a list of objects up to the end of the stretch searched, with no
    clause mark but commas and "and", nor a word saying what did it ("hit the base with
    mortars"): "hitting fighting positions, a car bomb and a "."""
    objects = r"(?:(?!\b(?:with|by|using|in|from)\b)[^.;:]){0,60}"
    return re.compile(r"\b(?:" + words_pattern(verbs) + r")\b" + objects + "$", re.I)


def _ending(words: Sequence[str]) -> re.Pattern[str]:
    """One of `words` ending a stretch of text, perhaps with one word after it ("included
    dozens", "including at least")."""
    return re.compile(r"\b(?:" + words_pattern(words) + r")\s+(?:[\w-]+\s+)?$", re.I)


def _aggregate(spec: Mapping[str, Any]) -> Aggregate:
    # The period words end right before the time expression or begin it ("since the summer of
    # 2014" is one expression).
    words = words_pattern(spec["period_words"])
    return Aggregate(
        deaths=int(spec["deaths"]),
        days=int(spec["days"]),
        period_words=re.compile(r"\b(?:" + words + r")\s+$", re.I),
        period_start=re.compile(r"(?:" + words + r")\b", re.I),
    )


def _subtype(name: str, spec: Mapping[str, Any]) -> Subtype:
    return Subtype(
        name=name,
        code=spec.get("code", name),
        type=spec["type"],
        plover=spec.get("plover"),
        priority=int(spec["priority"]),
        casualty=bool(spec.get("casualty", False)),
        suppresses=bool(spec.get("suppresses", False)),
    )


def _phrases(specs: Mapping[str, Mapping[str, Any]], *, cue: bool) -> dict[str, Phrase]:
    """Group name -> phrase. A phrase several subtypes list is one group naming them all (the
    stage decides between them, "captured" a town or a man)."""
    found: dict[tuple[str, bool], list[str]] = {}
    for name, spec in specs.items():
        lists = [("cues", True)] if cue else [("triggers", False), ("weak", True)]
        for key, weak in lists:
            for text in spec.get(key, ()):
                found.setdefault((text.lower(), weak and not cue), []).append(name)
    ordered = sorted(found, key=lambda key: _specificity(key[0]), reverse=True)
    prefix = "c" if cue else "t"
    return {
        f"{prefix}{index}": Phrase(text, tuple(found[text, weak]), weak, cue)
        for index, (text, weak) in enumerate(ordered)
    }


def _specificity(text: str) -> tuple[int, int]:
    """Longer phrases first, so "suicide car bomb" wins over "car bomb" at the same place."""
    return (len(text.split()), len(text))


def _alternation(phrases: Mapping[str, Phrase]) -> re.Pattern[str]:
    branches = (f"(?P<{group}>{phrase_pattern(p.text)})" for group, p in phrases.items())
    return re.compile(_START + "(?:" + "|".join(branches) + ")" + _END, re.IGNORECASE)


def _first_words(phrases: Iterable[Phrase]) -> re.Pattern[str]:
    """The first words of every trigger folded into a trie: where none begins, no trigger can,
    so the whole alternation is only tried where one does (it made the stage 20 times faster).

    It is searched in the lower-cased text (`detect.find_triggers`) and finds only what
    `detect._longest_at` can take: a whole word, or the stem of a "w*" word, at a word start.
    Without these limits it hit 427,000 times in the BBC corpus, mostly inside words ("a" in
    "Iran"), for 69,000 hits now; matching without IGNORECASE made the scan three times faster."""
    alternatives = [word.lower() for phrase in phrases for word in _first_alternatives(phrase)]
    whole = [word for word in alternatives if not word.endswith("*")]
    stems = [word[:-1] for word in alternatives if word.endswith("*")]
    branches = [f"(?:{trie_pattern(whole)})(?![\\w'-])" if whole else "", trie_pattern(stems)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(b for b in branches if b) + ")")


def _first_alternatives(phrase: Phrase) -> list[str]:
    return phrase.text.split(maxsplit=1)[0].split("|")


def _by_first_word(phrases: Mapping[str, Phrase]) -> dict[str, re.Pattern[str]]:
    """The phrases that may begin with each first word (a "w*" word by its stem), as one small
    alternation each: at a place where a first word stands only its phrases are tried."""
    grouped: dict[str, dict[str, Phrase]] = {}
    for group, phrase in phrases.items():
        for word in _first_alternatives(phrase):
            grouped.setdefault(word.rstrip("*").lower(), {})[group] = phrase
    return {word: _alternation(members) for word, members in grouped.items()}


def _prefix_words(phrases: Iterable[Phrase]) -> frozenset[str]:
    return frozenset(
        word[:-1].lower()
        for phrase in phrases
        for word in _first_alternatives(phrase)
        if word.endswith("*")
    )


def phrase_pattern(text: str) -> str:
    """The regular expression of one lexicon phrase (syntax in `events.toml`'s header)."""
    parts: list[str] = []
    for token in text.split():
        if token == "~":
            parts.append(_GAP)
            continue
        alternatives = "|".join(_token_pattern(word) for word in token.split("|"))
        parts.append(f"(?:{alternatives})" + r"\s+")
    return "".join(parts).removesuffix(r"\s+")


def _token_pattern(word: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"[\w'-]*"
    return re.escape(word)


def _rules(spec: Mapping[str, Any]) -> tuple[ClassifyRule, ...]:
    sets: Mapping[str, list[str]] = spec["words"]
    return tuple(
        ClassifyRule(
            code=rule["code"],
            over=frozenset(rule["over"]),
            cues=_set_alternation(rule["cues"], sets),
            requires=_set_alternation(rule["requires"], sets) if "requires" in rule else None,
            unless=_set_alternation(rule["unless"], sets) if "unless" in rule else None,
            within=rule.get("within"),
            by_side=rule.get("by_side"),
        )
        for rule in spec["rules"]
    )


def _sides(spec: Mapping[str, Any]) -> Sides:
    return Sides(
        state_code=spec["state_code"],
        non_state_code=spec["non_state_code"],
        state=_set_alternation(spec["state"], {}),
        non_state=_set_alternation(spec["non_state"], {}),
    )


def _set_alternation(phrases: Iterable[str], sets: Mapping[str, list[str]]) -> re.Pattern[str]:
    """Classify phrases as one pattern: the lexicon's phrase syntax, where "@name" also stands
    for any item of the word set `name` (`[classify.words]`), so a rule can say "a taking word,
    then a place word" without spelling out every pair."""
    branches = "|".join(_set_phrase(text, sets) for text in phrases)
    return re.compile(_START + "(?:" + branches + ")" + _END, re.IGNORECASE)


def _set_phrase(text: str, sets: Mapping[str, list[str]]) -> str:
    parts: list[str] = []
    for token in text.split():
        if token.startswith("@"):
            parts.append("(?:" + "|".join(phrase_pattern(w) for w in sets[token[1:]]) + ")")
        else:
            parts.append(phrase_pattern(token))
    pattern = ""
    for part, token in zip(parts, text.split(), strict=True):
        pattern += part if token == "~" else part + r"\s+"
    return pattern.removesuffix(r"\s+")


def _words(words: Iterable[str]) -> re.Pattern[str]:
    """Any of `words`, whole. As a trie (`word_alternation`), which finds what the plain
    alternation finds: searching a sentence for the veto words became five times faster."""
    return re.compile(_START + "(?:" + word_alternation(words) + ")" + _END, re.IGNORECASE)
