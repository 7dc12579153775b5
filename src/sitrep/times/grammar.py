"""The patterns of time expressions, built from the lexicon's words.

Each rule is one regular expression over the lowered text (whitespace folded to spaces, curly
apostrophes to straight ones), with named groups its reader in `recognize.py` reads. Rules are
tried in order at each position, so a longer form comes before the shorter one it starts with
("two days ago" before "two days"). The master pattern is the rules' alternation without their
inner groups: one pass finds where an expression starts and which rule took it.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitrep.patterns import trie_pattern
from sitrep.times.firsts import first_chars
from sitrep.times.lexicon import TimeLexicon
from sitrep.times.openings import Openings, openings

# A rule's template writes one space where the text may have any run of whitespace.
_SPACE = re.compile(r"\\? ")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_BACKREF = re.compile(r"\(\?P=\w+\)")


def spaced(template: str) -> str:
    return _SPACE.sub(lambda _: r"\s+", template)


def words(items: Iterable[str]) -> str:
    """A trie of lowered words that must end at a word boundary."""
    return f"(?:{trie_pattern(sorted({item.lower() for item in items}))})\\b"


@dataclass(slots=True, frozen=True)
class Fragments:
    """The pieces rules are made of, as pattern strings."""

    month_full: str
    month_any: str
    weekday_full: str
    weekday_any: str
    day: str
    year: str
    spelled_year: str
    count: str
    unit: str
    unit_plural: str
    any_plural: str
    gap: str
    relative: str
    season: str
    day_part: str

    @classmethod
    def build(cls, lexicon: TimeLexicon) -> Fragments:
        return cls(
            month_full=words(lexicon.months),
            month_any=f"(?:{words(lexicon.months)}|{words(lexicon.month_abbreviations)}\\.?)",
            weekday_full=words(lexicon.weekdays),
            weekday_any=f"(?:{words(lexicon.weekdays)}|{words(lexicon.weekday_abbreviations)}\\.?)",
            day=f"(?:(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?\\b|{words(lexicon.ordinals)})",
            year=r"(?:1\d|20)\d\d\b",
            spelled_year=_spelled_year(lexicon),
            count=_count(lexicon),
            unit=words(lexicon.units),
            unit_plural=words(lexicon.bare_plurals),
            any_plural=words(word for word in lexicon.units if word.endswith("s")),
            # "three straight days", "four-month", and digits glued to a unit ("3.5years")
            gap=f"(?:[\\s-](?:{words(lexicon.count_adjectives)} )?|(?<=\\d)(?=[a-z]{{2}}))",
            relative=words(lexicon.shifts_before),
            season=words(lexicon.seasons),
            day_part=words(lexicon.day_parts),
        )


def _small_number(lexicon: TimeLexicon) -> str:
    """A number word up to ninety-nine: "seven", "twenty-four", "twenty four"."""
    units = words(word for word, value in lexicon.ones.items() if value < 10)
    return f"(?:{words(lexicon.tens)}(?:[\\s-]{units})?|{words(lexicon.ones)})"


def _spelled_year(lexicon: TimeLexicon) -> str:
    """ "nineteen ninety-six", "nineteen hundred", "two thousand and one", as transcripts write."""
    small = _small_number(lexicon)
    tens = words(lexicon.tens)
    units = words(word for word, value in lexicon.ones.items() if value < 10)
    return (
        f"(?:nineteen|eighteen)[\\s-](?:{tens}(?:[\\s-]{units})?|hundred\\b)"
        f"|two thousand(?: and)?(?:[\\s-]{small})?\\b"
    )


def _count(lexicon: TimeLexicon) -> str:
    """How many units: digits ("2 1/2", "1,200"), words ("twenty-four", "a hundred"), "a",
    "a couple of", "several"; optionally "and a half", optionally a range ("two to three")."""
    small = _small_number(lexicon)
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s\d/\d|[½¼¾])?"
    scaled = f"(?:(?:a|an|one|{small}) )?{words(lexicon.scales)}(?:(?: and)? {small})?"
    single = (
        f"(?:{digits}|{scaled}|{small}|{words(lexicon.exact_counts)}|"
        f"{words(lexicon.vague_counts)}|{words(lexicon.one_words)})"
        f"(?: {words(lexicon.half_words)})?"
    )
    return f"{single}(?:(?: to | or |[-–]){single})?"


def quarter_ordinal(lexicon: TimeLexicon) -> str:
    """ "third", "3rd": the ordinals of the four quarters."""
    first_four = [word for word, number in lexicon.ordinals.items() if number <= 4]
    return f"(?:{words(first_four)}|[1-4](?:st|nd|rd|th)\\b)"


def rule_templates(lexicon: TimeLexicon, f: Fragments) -> dict[str, str]:
    """Every rule, in the order they are tried at one position: longer forms first."""
    return {
        **_date_rules(f),
        **_period_rules(lexicon, f),
        **_relative_rules(lexicon, f),
        **_other_rules(lexicon, f),
    }


def _date_rules(f: Fragments) -> dict[str, str]:
    """Days written out: "2016-02-22", "22/02/2016", "Saturday, April 25", "Feb. 22, 2016", "22
    February 2016", and months with their year: "February 1947"."""
    year_after = f"(?:\\s?,? (?P<year>{f.year}))?"
    return {
        "iso": (
            r"(?<![\d-])(?P<y>\d{4})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)"
            r"(?:t(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?(?![\d-])"
        ),
        "numeric": (
            r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
            r"(?![\d/]|\.\d)"
        ),
        "weekday_date": (
            f"(?:(?P<rel>{f.relative}) )?(?P<wd>{f.weekday_any}),? (?P<mon>{f.month_any}) "
            f"(?:the )?(?P<day>{f.day}){year_after}"
        ),
        "month_day": (
            f"(?P<mon>{f.month_any}) (?:the )?(?P<day>{f.day}){year_after}"
            r"(?![\d,.]\d|\s?%| percent)"
        ),
        "day_month": (
            f"(?:(?P<wd>{f.weekday_full}),? )?(?:the )?(?P<day>{f.day})(?: (?:of )?|-)"
            f"(?P<mon>{f.month_any})(?:,? (?P<year>{f.year})|-(?P<year2>{f.year}))?"
        ),
        "month_year": f"(?P<mon>{f.month_any}),? (?:of )?(?P<year>{f.year}|{f.spelled_year})",
    }


def _period_rules(lexicon: TimeLexicon, f: Fragments) -> dict[str, str]:
    """Quarters, halves, decades, centuries, seasons: "the third quarter", "Q3 2015", "the first
    half of 2015", "the 1990s", "the 20th century", "the summer of 2014"."""
    ordinal = quarter_ordinal(lexicon)
    of_year = (
        f"(?: of (?:(?P<year>{f.year})|(?P<orel>last|this|next) year\\b"
        f"|fiscal (?P<fyear>{f.year})))?"
    )
    return {
        "quarter_code": (
            r"(?:(?P<year1>(?:1\d|20)\d\d)[\s-])?(?P<letter>[qh])(?P<q>[1-4])\b"
            r"(?:,? (?P<year>(?:1\d|20)\d\d)\b)?"
        ),
        "quarter": (
            r"(?:(?P<yrel>last|this|next) year's )?(?:(?:the|its|a|an|their) )?"
            f"(?:(?P<rel>{f.relative}) )?(?:(?P<qyear>{f.year}) )?(?:fiscal[\\s-])?"
            f"(?P<q>{ordinal})[\\s-](?:fiscal[\\s-])?quarter\\b{of_year}"
        ),
        "half": (
            r"(?:the )?(?P<h>first|second|last|latter) half of "
            f"(?:(?P<year>{f.year})|(?P<orel>last|this|next) year\\b)"
        ),
        "decade": (
            r"(?:(?P<the>the) )?(?:(?P<cent>1\d|20)(?P<dec>\d)0|(?P<apos>')(?P<dec2>\d)0"
            r"|(?P<dec3>\d)0)'?s\b"
            f"|the (?P<word>{words(lexicon.decades)})"
        ),
        "century": (
            f"(?:the )?(?P<ord>\\d{{1,2}}(?:st|nd|rd|th)|{words(lexicon.ordinals)})"
            r"[\s-]+century\b"
        ),
        "season": (
            f"(?:(?P<rel>{f.relative}) |(?P<the>the) )?(?P<season>{f.season})"
            f"(?:,? (?:of )?(?P<year>{f.year}|{f.spelled_year}))?"
        ),
        "year_quarter": (
            f"(?:the )?(?P<year>{f.year}) (?:fiscal )?(?:(?P<q>{ordinal})[\\s-])?"
            r"(?P<what>quarter|period)\b"
        ),
    }


def _relative_rules(lexicon: TimeLexicon, f: Fragments) -> dict[str, str]:
    """Counted from the reference: "the past three months", "recent years", "two days ago",
    "last week", "the year-ago quarter", "that year", "year-end"."""
    unit_after_count = f"(?:(?P<count>{f.count}){f.gap})?(?P<unit>{f.unit})"
    ordinal = quarter_ordinal(lexicon)
    return {
        "span": f"(?P<lead>{words(lexicon.spans)}) {unit_after_count}",
        "vague_period": (
            f"(?P<lead>{words(lexicon.vague_period_leads)}) (?P<unit>{f.any_plural})"
            f"|the (?P<unit2>{f.any_plural}) (?P<ahead>ahead)\\b"
        ),
        "offset": f"{unit_after_count}(?: or so)? (?P<dir>{words(lexicon.offsets_after)})",
        "year": (
            r"(?P<named>(?:the )?(?:(?:fiscal|calendar) )?year (?:of )?|fiscal )?"
            f"(?P<year>{f.year})(?![,.]\\d|\\s?%| percent)"
            f"|(?:the year )?(?P<spelled>{f.spelled_year})"
        ),
        "relative": (
            f"(?:the )?(?P<rel>{f.relative}) (?:fiscal )?"
            r"(?P<unit>week|weekend|month|quarter|year|decade|century)\b(?:'s)?"
        ),
        "year_ago": (
            r"(?:the )?(?:comparable )?year[\s-](?:ago|earlier)\b"
            f"(?: (?:(?P<q>{ordinal})[\\s-])?(?:fiscal )?(?P<what>quarter|period)\\b)?"
        ),
        "anaphor": (
            f"(?P<det>{words(lexicon.anaphora)}) (?:fiscal )?"
            r"(?P<unit>year|quarter|month|weekend|week|period)\b"
            r"(?![\s-](?:ago|earlier|end\b))(?:'s)?"
        ),
        "period_end": f"(?P<end>{words(lexicon.period_ends)})",
    }


def _other_rules(lexicon: TimeLexicon, f: Fragments) -> dict[str, str]:
    """Sets, durations, days and their parts, clock times, years, months alone, vague words."""
    meridiem = "|".join(re.escape(m) for m in sorted(lexicon.meridiem, key=len, reverse=True))
    zone = words(lexicon.zones)
    return {
        "set": (
            f"(?P<quant>{words(lexicon.set_quantifiers)}) (?:other )?(?:(?P<count>{f.count}) )?"
            f"(?:(?P<unit>{f.unit})|(?P<wd>{f.weekday_full})|(?P<mon>{f.month_full})"
            f"|(?P<season>{f.season}))|(?P<adverb>{words(lexicon.set_adverbs)})"
        ),
        "duration": (
            f"(?P<count>{f.count}){f.gap}(?P<unit>{f.unit})(?P<old>[\\s-]old\\b)?"
            f"(?P<half> and (?:a )?half\\b)?|(?P<bare>{f.unit_plural})"
        ),
        "weekday": (
            f"(?:(?P<rel>{f.relative}) )?(?P<wd>{f.weekday_full})(?:'s)?"
            f"(?: (?P<part>{f.day_part}))?"
        ),
        "deictic": (
            f"(?P<word>{words(lexicon.deictic)})(?:'s)?(?: (?P<part>{f.day_part}))?"
            f"|(?P<rel>this|last|tomorrow|yesterday) (?P<part2>{f.day_part})"
        ),
        "day_part_of": (
            f"(?P<part>{f.day_part}) (?:of |on )?(?:(?P<wd>{f.weekday_full})|"
            r"(?P<word>yesterday|today|tomorrow)\b)"
        ),
        "clock": (
            f"(?P<h>[01]?\\d)(?:[:.](?P<mi>[0-5]\\d))?\\s?(?P<ap>{meridiem})(?![a-z\\d])"
            f"(?: (?P<zone>{zone}))?"
            f"|(?P<hh>[01]\\d|2[0-3]):?(?P<mm>[0-5]\\d)\\s?(?P<zone2>{zone}|hrs\\b|hours\\b)"
            f"|(?P<word>{words(lexicon.clock_words)})"
        ),
        "month": f"(?:(?P<rel>{f.relative}) )?(?P<mon>{f.month_full})",
        "vague": f"(?P<vague>{words(lexicon.vague)})",
    }


@dataclass(slots=True, frozen=True)
class Grammar:
    """The compiled rules, in order, and the master pattern that finds their starts.

    `search` finds what the master does, faster: it goes only to word starts whose letters can
    open a rule (`starts`, from `openings.openings`), and tries there only the rules that can
    start with the character there (`by_first`, from `firsts.first_chars`)."""

    names: tuple[str, ...]
    rules: Mapping[str, re.Pattern[str]]
    master: re.Pattern[str]
    by_first: Mapping[str, re.Pattern[str] | None]
    starts: re.Pattern[str]

    @classmethod
    def build(cls, lexicon: TimeLexicon) -> Grammar:
        templates = {
            name: spaced(t) for name, t in rule_templates(lexicon, Fragments.build(lexicon)).items()
        }
        rules = {name: re.compile(pattern) for name, pattern in templates.items()}
        # Rules must start a word; the master holds each rule as one named group, inner groups
        # made plain (and the one back-reference spelled out), so `lastgroup` names the rule.
        branches = "|".join(f"(?P<{name}>{_plain(pattern)})" for name, pattern in templates.items())
        master = re.compile(f"{_WORD_START}(?:{branches})")
        by_first = _by_first(templates)
        starts = re.compile(f"{_WORD_START}(?:{_starts(templates, by_first)})")
        return cls(tuple(templates), rules, master, by_first, starts)

    def search(self, folded: str, position: int, end: int) -> tuple[int, str] | None:
        """Where `master.search(folded, position, end)` matches and the rule that did."""
        for start in self.starts.finditer(folded, position, end):
            at = start.start()
            pattern = self.by_first.get(folded[at], self.master)
            hit = pattern.match(folded, at, end) if pattern is not None else None
            if hit is not None:
                return at, hit.lastgroup or ""
        return None


_WORD_START = "(?<![\\w'])"


def _by_first(templates: Mapping[str, str]) -> dict[str, re.Pattern[str] | None]:
    """For each ASCII character, the rules that can start with it as one pattern, in order
    (None where none can). An empty group after each rule names it, as `lastgroup`."""
    firsts = {name: first_chars(pattern) for name, pattern in templates.items()}
    patterns: dict[tuple[str, ...], re.Pattern[str]] = {}
    by_first: dict[str, re.Pattern[str] | None] = {}
    for code in range(128):
        char = chr(code)
        names = tuple(name for name, first in firsts.items() if first is None or char in first)
        if names and names not in patterns:
            branches = "|".join(f"(?:{_plain(templates[name])})(?P<{name}>)" for name in names)
            patterns[names] = re.compile(branches)
        by_first[char] = patterns[names] if names else None
    return by_first


def _starts(templates: Mapping[str, str], by_first: Mapping[str, re.Pattern[str] | None]) -> str:
    """What a word start must hold for a rule to match there: a character some rule starts
    with and, where that is a letter, a run of letters some such rule opens with; or any
    non-ASCII character (`by_first` and the openings know only ASCII). Nine word starts in ten
    over BBC news hold none ("in", "to", "of", "said"), and no rule is tried at them.

    A match covers at most the run of letters at the word start, where no other word starts,
    so that every word start is still looked at."""
    opening = _opening_by_first(templates)
    branches = [_start_of(char, opening[char]) for char, rule in sorted(by_first.items()) if rule]
    return "|".join([branch for branch in branches if branch] + ["[\\x80-\\U0010ffff]"])


def _start_of(char: str, opening: Openings | None) -> str:
    """The pattern of a word start at `char` that some rule can open with ("" for none)."""
    if opening is None or "" in opening.cut:
        return re.escape(char)
    if not char.islower():
        return re.escape(char) if "" in opening.whole else ""
    branches = []
    if opening.whole:
        branches.append(f"(?:{trie_pattern(sorted(opening.whole))})(?![a-z])")
    if opening.cut:
        branches.append(trie_pattern(sorted(opening.cut)))
    return "|".join(branches)


def _opening_by_first(templates: Mapping[str, str]) -> dict[str, Openings | None]:
    """For each ASCII character, the openings of the rules that can start with it together
    (None where some rule's cannot be listed, or none can start with it)."""
    firsts = {name: first_chars(pattern) for name, pattern in templates.items()}
    each = {name: openings(_plain(pattern)) for name, pattern in templates.items()}
    found: dict[str, Openings | None] = {}
    for code in range(128):
        char = chr(code)
        names = [name for name, first in firsts.items() if first is None or char in first]
        parts = [part for name in names if (part := each[name]) is not None]
        if parts and len(parts) == len(names):
            found[char] = functools.reduce(operator.or_, parts).starting(char)
        else:
            found[char] = None
    return found


def _plain(pattern: str) -> str:
    return _BACKREF.sub("[/.]", _NAMED_GROUP.sub("(?:", pattern))
