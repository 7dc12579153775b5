"""The quantity extractor's data: `lexicons/quantities.toml` and `lexicons/units.toml`, loaded once.

Words become compiled patterns here, so the extractor itself holds no word lists. Loading happens
when a stage is built, never at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sitrep.errors import PipelineError
from sitrep.patterns import read_lexicon, trie_pattern, word_alternation, words_pattern

__all__ = [
    "QuantityLexicon",
    "Unit",
    "UnitTable",
    "trie_pattern",
    "word_alternation",
    "words_pattern",
]


@dataclass(slots=True, frozen=True)
class Unit:
    """A canonical unit: `value * factor` is the value in its dimension's `base` unit."""

    name: str
    dimension: str
    base: str | None
    factor: float | None


@dataclass(slots=True, frozen=True)
class UnitTable:
    """Surface forms of units after a figure and of currencies before it."""

    by_form: Mapping[str, Unit]
    by_cased_form: Mapping[str, Unit]
    by_before_form: Mapping[str, Unit]
    after: re.Pattern[str]
    before: re.Pattern[str]

    @classmethod
    def load(cls) -> UnitTable:
        data = read_lexicon("units.toml")
        bases: Mapping[str, str] = data["dimensions"]
        by_form: dict[str, Unit] = {}
        by_cased: dict[str, Unit] = {}
        before: dict[str, Unit] = {}
        attached: dict[str, Unit] = {}
        for entry in data["unit"]:
            unit = Unit(
                entry["name"],
                entry["dimension"],
                bases.get(entry["dimension"]),
                entry.get("factor"),
            )
            _add_forms(by_form, entry.get("after", ()), unit, fold=True)
            _add_forms(attached, entry.get("attached", ()), unit, fold=True)
            _add_forms(by_cased, entry.get("after_cased", ()), unit, fold=False)
            _add_forms(before, entry.get("before", ()), unit, fold=True)
        after = _after_pattern(by_form, by_cased, attached)
        return cls(by_form | attached, by_cased, before, after, _before_pattern(before))

    def unit_after(self, form: str) -> Unit | None:
        return self.by_cased_form.get(form) or self.by_form.get(_fold(form))

    def unit_before(self, form: str) -> Unit | None:
        return self.by_before_form.get(_fold(form))


def _fold(form: str) -> str:
    return " ".join(form.lower().replace(".", ". ").split()).replace(". ", ".").strip()


def _add_forms(table: dict[str, Unit], forms: Iterable[str], unit: Unit, *, fold: bool) -> None:
    for form in forms:
        key = _fold(form) if fold else form
        if key in table and table[key] != unit:
            raise PipelineError(
                f"units.toml lists {form!r} under {table[key].name} and {unit.name}"
            )
        table[key] = unit


def _after_pattern(
    by_form: Mapping[str, Unit], by_cased: Mapping[str, Unit], attached: Mapping[str, Unit]
) -> re.Pattern[str]:
    # A unit starts right after the figure, after one space or a hyphen ("six-mile"), and ends
    # where a word ends, so "dam" is never decametres and "5 mine" is never 5 mi. Attached forms
    # ("5pc") count only glued to the digits.
    folded = word_alternation(by_form)
    cased = word_alternation(by_cased, ignore_case=False)
    tail = r"(?![\w²³])"
    return re.compile(
        rf"(?i:(?P<attached>{word_alternation(attached)})){tail}"
        rf"|[ \t\-]?(?:(?P<cased>{cased}){tail}|(?i:(?P<form>{folded})){tail})"
    )


def _before_pattern(before: Mapping[str, Unit]) -> re.Pattern[str]:
    return re.compile(rf"(?:^|(?<=[^\w$]))(?P<form>{word_alternation(before)})\s?$", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class QuantityLexicon:
    """Everything in `quantities.toml`, as sets and compiled patterns."""

    ones: Mapping[str, int]
    tens: Mapping[str, int]
    scales: Mapping[str, int]
    short_scales: Mapping[str, int]
    fractions: Mapping[str, float]
    half_before: frozenset[str]
    vulgar_denominators: frozenset[int]
    glyphs: Mapping[str, float]
    ratio_joiners: frozenset[str]
    vague: Mapping[str, int]
    qualifiers_before: re.Pattern[str]
    qualifier_before_class: Mapping[str, str]
    qualifiers_after: re.Pattern[str]
    qualifier_after_class: Mapping[str, str]
    labels: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    time_zones: frozenset[str]
    year_words: frozenset[str]
    one_before: frozenset[str]
    one_after: frozenset[str]
    score_cues: frozenset[str]
    street_words: frozenset[str]
    age_words: frozenset[str]
    change_from: re.Pattern[str]
    change_to: re.Pattern[str]
    irregular_plurals: Mapping[str, str]
    stop: frozenset[str]
    joiners: frozenset[str]
    measures: Mapping[str, Any]
    subjects: Mapping[str, Any]

    @classmethod
    def load(cls) -> QuantityLexicon:
        data = read_lexicon("quantities.toml")
        numbers, skip, nouns = data["numbers"], data["not_quantities"], data["nouns"]
        before, before_class = _qualifier_pattern(data["qualifiers"]["before"], anchor="end")
        after, after_class = _qualifier_pattern(data["qualifiers"]["after"], anchor="start")
        return cls(
            ones=numbers["ones"],
            tens=numbers["tens"],
            scales=numbers["scales"] | {"dozen": numbers["dozen"]},
            short_scales=numbers["short_scales"],
            fractions=numbers["fractions"],
            half_before=frozenset(numbers["half_before"]),
            vulgar_denominators=frozenset(numbers["vulgar_denominators"]),
            glyphs=numbers["glyphs"],
            ratio_joiners=frozenset(numbers["ratio_joiners"]),
            vague=data["vague"],
            qualifiers_before=before,
            qualifier_before_class=before_class,
            qualifiers_after=after,
            qualifier_after_class=after_class,
            labels=frozenset(skip["labels"]),
            months=frozenset(skip["months"]),
            weekdays=frozenset(skip["weekdays"]),
            time_zones=frozenset(skip["time_zones"]),
            year_words=frozenset(skip["year_words"]),
            one_before=frozenset(skip["one_before"]),
            one_after=frozenset(skip["one_after"]),
            score_cues=frozenset(skip["score_cues"]),
            street_words=frozenset(skip["street_words"]),
            age_words=frozenset(skip["age_words"]),
            change_from=_change_pattern(data["changes"]["verbs"], "from"),
            change_to=_change_pattern(data["changes"]["verbs"], "to"),
            irregular_plurals=nouns["irregular_plurals"],
            stop=frozenset(nouns["stop"]),
            joiners=frozenset(nouns["joiners"]),
            measures={**data["measures"], **data["cues"]},
            subjects=data["subjects"],
        )


def _change_pattern(verbs: Iterable[str], preposition: str) -> re.Pattern[str]:
    """A change verb, at most two words, then `preposition` ending right before the figure."""
    return re.compile(
        rf"\b(?:{word_alternation(verbs)})\s+(?:[\w,]+\s+){{0,2}}{preposition}\s+$", re.IGNORECASE
    )


def _qualifier_pattern(
    classes: Mapping[str, list[str]], *, anchor: str
) -> tuple[re.Pattern[str], dict[str, str]]:
    by_word = {_fold(word): name for name, words in classes.items() for word in words}
    alternation = word_alternation(by_word)
    if anchor == "end":
        # Qualifier words right before the figure: "at least 83", "more than a hundred".
        pattern = rf"(?:^|(?<=[\s(\"“]))(?P<q>{alternation})\s+$"
    else:
        pattern = rf"[ \t]?(?P<q>{alternation})(?![\w])"  # used with .match(text, pos)
    return re.compile(pattern, re.IGNORECASE), by_word
