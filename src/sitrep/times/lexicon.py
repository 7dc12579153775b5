"""The time extractor's data: `lexicons/times.toml`, read once into sets and mappings.

The recogniser builds its patterns from these; nothing here knows a rule. Loading happens when an
extractor is built, never at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sitrep.patterns import read_lexicon


@dataclass(slots=True, frozen=True)
class Unit:
    """A unit of a duration: TIMEX3 letter, how many of it one unit is, and its granularity.
    `clock` units (hours, minutes, seconds) are written after a T ("PT3H")."""

    code: str
    times: int
    granularity: str
    clock: bool = False


@dataclass(slots=True, frozen=True)
class TimeLexicon:
    """Everything in `times.toml`, keyed by lowered words."""

    months: Mapping[str, int]
    month_abbreviations: Mapping[str, int]
    ambiguous_months: frozenset[str]
    bare_month_cues: frozenset[str]
    weekdays: Mapping[str, int]
    weekday_abbreviations: Mapping[str, int]
    weekday_name_after: frozenset[str]
    weekday_name_before: frozenset[str]
    seasons: Mapping[str, str]
    seasons_also_words: frozenset[str]
    ones: Mapping[str, int]
    tens: Mapping[str, int]
    scales: Mapping[str, int]
    one_words: frozenset[str]
    exact_counts: Mapping[str, float]
    vague_counts: frozenset[str]
    count_adjectives: frozenset[str]
    half_words: frozenset[str]
    ordinals: Mapping[str, int]
    decades: Mapping[str, int]
    units: Mapping[str, Unit]
    bare_plurals: frozenset[str]
    bare_plural_cues: frozenset[str]
    offsets_after: Mapping[str, int]
    shifts_before: Mapping[str, int]
    spans: Mapping[str, int]
    deictic: Mapping[str, int]
    day_parts: Mapping[str, str]
    clock_words: Mapping[str, tuple[int, int]]
    meridiem: Mapping[str, str]
    zones: frozenset[str]
    parts: Mapping[str, str]
    period_ends: Mapping[str, str]
    qualifiers_before: Mapping[str, str]
    anaphora: Mapping[str, str]
    set_quantifiers: frozenset[str]
    set_adverbs: Mapping[str, str]
    set_rate_words: frozenset[str]
    set_frequencies: frozenset[str]
    vague: Mapping[str, str]
    adverb_followers: frozenset[str]
    only_as_adverb: frozenset[str]
    vague_period_leads: Mapping[str, str]  # lead word -> "PX" (vague duration) or a *_REF
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    not_past: frozenset[str]
    year_not_before: frozenset[str]
    year_not_after: frozenset[str]
    year_cues: frozenset[str]

    @classmethod
    def load(cls) -> TimeLexicon:
        data = read_lexicon("times.toml")
        months, weekdays, numbers = data["months"], data["weekdays"], data["numbers"]
        years, relative = data["years"], data["relative"]
        return cls(
            months=months["names"],
            month_abbreviations=months["abbreviations"],
            ambiguous_months=frozenset(months["ambiguous"]),
            bare_month_cues=frozenset(months["bare_month_cues"]),
            weekdays=weekdays["names"],
            weekday_abbreviations=weekdays["abbreviations"],
            weekday_name_after=frozenset(weekdays["name_after"]),
            weekday_name_before=frozenset(weekdays["name_before"]),
            seasons=data["seasons"]["names"],
            seasons_also_words=frozenset(data["seasons"]["also_words"]),
            ones=numbers["ones"],
            tens=numbers["tens"],
            scales=numbers["scales"],
            one_words=frozenset(numbers["one"]),
            exact_counts=numbers["exact_words"],
            vague_counts=frozenset(numbers["vague_counts"]),
            count_adjectives=frozenset(numbers["between"]),
            half_words=frozenset(numbers["half"]),
            ordinals=data["ordinals"],
            decades=data["decades"],
            units=_units(data["units"]),
            bare_plurals=frozenset(data["units"]["bare"]["plurals"]),
            bare_plural_cues=frozenset(data["units"]["bare"]["cues"]),
            offsets_after=relative["after"],
            shifts_before=relative["before"],
            spans=_spans(relative["spans"]),
            deictic=data["deictic"],
            day_parts=data["day_parts"],
            clock_words={k: (v[0], v[1]) for k, v in data["clock_words"].items()},
            meridiem=_meridiem(data["clock"]),
            zones=frozenset(data["clock"]["zones"]),
            parts={k: v for k, v in data["parts"].items() if isinstance(v, str)},
            period_ends=data["parts"]["ends"],
            qualifiers_before=_by_word(data["qualifiers"]["before"]),
            anaphora=data["anaphora"],
            set_quantifiers=frozenset(data["sets"]["quantifiers"]),
            set_adverbs=data["sets"]["adverbs"],
            set_rate_words=frozenset(data["sets"]["rate_words"]),
            set_frequencies=frozenset(data["sets"]["frequencies"]),
            adverb_followers=frozenset(data["adverb"]["followers"]),
            only_as_adverb=frozenset(data["adverb"]["only_as_adverb"]),
            vague=_by_word({k: v for k, v in data["vague"].items() if isinstance(v, list)}),
            vague_period_leads=data["vague"]["periods"],
            future_cues=frozenset(data["tense"]["future"]),
            past_cues=frozenset(data["tense"]["past"]),
            not_past=frozenset(data["tense"]["not_past"]),
            year_not_before=frozenset(years["not_before"]),
            year_not_after=frozenset(years["not_after"]),
            year_cues=frozenset(years["cues"]),
        )


def _units(table: Mapping[str, Any]) -> dict[str, Unit]:
    return {
        word: Unit(entry["code"], entry["times"], entry["granularity"], entry.get("clock", False))
        for word, entry in table.items()
        if "code" in entry
    }


def _spans(table: Mapping[str, list[str]]) -> dict[str, int]:
    """Lead words of a counted period, by direction: -1 back from the reference, 1 forward, and
    0 for "the first N months" (from the start of the reference's year)."""
    direction = {"back": -1, "forward": 1, "opening": 0}
    return {word: direction[name] for name, words in table.items() for word in words}


def _meridiem(clock: Mapping[str, list[str]]) -> dict[str, str]:
    return {word: "am" for word in clock["meridiem_am"]} | {
        word: "pm" for word in clock["meridiem_pm"]
    }


def _by_word(classes: Mapping[str, list[str]]) -> dict[str, str]:
    return {word: name for name, words in classes.items() for word in words}
