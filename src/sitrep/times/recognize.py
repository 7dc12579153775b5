"""Finding time expressions: where each one is and what it says, before any date is worked out.

`Recognizer.mentions(text)` scans the lowered text with the grammar's master pattern; at each
hit, the rule that matched is read into a `Mention` by its reader in `readers.py`. A reader may
refuse ("May" the verb, "2000 fighters"), and then the later rules that match at that place are
tried. Each mention then takes the words before it that narrow it ("early", "the end of") or
qualify it ("more than", "since"), and a clock time joins the day written next to it ("10 p.m.
Wednesday"). `normalize.py` turns mentions into values against a reference date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from sitrep.patterns import lowered, trie_pattern
from sitrep.times.grammar import Grammar, spaced
from sitrep.times.lexicon import TimeLexicon
from sitrep.times.mention import Mention
from sitrep.times.readers import Reader, Readers

_FOLD = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\u00a0": " ", "’": "'", "‘": "'"})
_GAP_TO_DAY = re.compile(r"[ ,]*(?:on )?")  # "10 p.m. Wednesday", "3 p.m. on Tuesday"
_GAP_TO_CLOCK = re.compile(r"[ ,]*(?:at |around |about )?")  # "Tuesday at 3 p.m."
_LOOKBACK = 40  # characters before a mention searched for qualifiers and parts of a period
_DAY_KINDS = frozenset({"date", "weekday", "deictic"})
# How far an expression may start before its first anchor word and run on after its last: over
# BBC and TimeBank at most 23 characters before ("the first two or three weeks") and 11 after
# ("0200 local time"); a margin on top, since a window too short would lose an expression.
_REACH_BEFORE = 32
_REACH_AFTER = 24
_PLAIN_COUNT = 12  # "one" to "twelve" are left out of the anchors: counts need a unit anyway


class Recognizer:
    """Compiled grammar and readers; build once, call for many texts."""

    def __init__(self, lexicon: TimeLexicon, *, day_first: bool = False) -> None:
        self.lexicon = lexicon
        self.grammar = Grammar.build(lexicon)
        readers = Readers(lexicon, day_first=day_first)
        self._readers: dict[str, Reader] = {
            name: readers.reader(name) for name in self.grammar.names
        }
        self._anchors = anchor_pattern(lexicon)
        self._qualifier = _ending_pattern(lexicon.qualifiers_before)
        self._part = _ending_pattern(lexicon.parts, glue="-")

    def mentions(self, text: str) -> list[Mention]:
        """Every expression in `text`, in order, with its qualifiers; clock times joined."""
        folded = lowered(text).translate(_FOLD)
        found = list(self._scan(text, folded))
        for index, mention in enumerate(found):
            self._extend_left(folded, mention, found[index - 1] if index else None)
        return _join_clocks(folded, [m for m in found if m.end > m.start])

    def _scan(self, text: str, folded: str) -> Iterator[Mention]:
        """The master pattern is searched only near anchor words (`_windows`)."""
        position = 0
        for low, high in self._windows(folded):
            position = max(position, low)
            while (hit := self.grammar.search(folded, position, high)) is not None:
                start, rule = hit
                mention = self._read_at(text, folded, start, rule)
                if mention is None:
                    position = start + 1
                else:
                    yield mention
                    position = mention.end

    def _windows(self, folded: str) -> list[tuple[int, int]]:
        """Stretches of the text around anchor words, merged. Every rule holds an anchor: a digit,
        a calendar name, a unit, a vague or deictic word (`anchor_words`); the master pattern
        costs most of the extractor's time and most of a news text holds no anchor."""
        windows: list[tuple[int, int]] = []
        for hit in self._anchors.finditer(folded):
            low, high = max(0, hit.start() - _REACH_BEFORE), hit.end() + _REACH_AFTER
            if windows and low <= windows[-1][1]:
                windows[-1] = (windows[-1][0], high)
            else:
                windows.append((low, high))
        return windows

    def _read_at(self, text: str, folded: str, start: int, first: str) -> Mention | None:
        """The first rule, from `first` on, that matches at `start` and whose reader accepts."""
        names = self.grammar.names
        for name in names[names.index(first) :]:
            match = self.grammar.rules[name].match(folded, start)
            if match is not None and (mention := self._readers[name](match, text)) is not None:
                return mention
        return None

    def _extend_left(self, folded: str, mention: Mention, previous: Mention | None) -> None:
        """Take "early", "the end of", "mid-" (before calendar mentions) and "more than", "about",
        "since" before a mention into it. A vague "earlier" just before it is swallowed, so
        "earlier this month" is one mention."""
        floor = max(0, mention.start - _LOOKBACK)
        if previous is not None and previous.kind != "vague":
            floor = max(floor, previous.end)
        if mention.calendar and (part := self._part.search(folded, floor, mention.start)):
            mention.part = self.lexicon.parts[_squash(part["w"])]
            mention.start = part.start()
        if qualifier := self._qualifier.search(folded, floor, mention.start):
            mod = self.lexicon.qualifiers_before[_squash(qualifier["w"])]
            if _takes_qualifier(mention, mod):
                mention.start = qualifier.start()
                mention.mod, mention.since = mod, mod == "ON_OR_AFTER"
        if previous is not None and previous.kind == "vague" and mention.start < previous.end:
            previous.end = previous.start  # swallowed: dropped by the caller


def anchor_words(lexicon: TimeLexicon) -> set[str]:
    """Words one of which every time expression holds (or a digit): the last word of each
    calendar name, unit, vague, deictic and clock word, and the number words of spelled years
    ("nineteen ninety-six", "two thousand and five")."""
    phrases = [
        *lexicon.months,
        *lexicon.month_abbreviations,
        *lexicon.weekdays,
        *lexicon.weekday_abbreviations,
        *lexicon.seasons,
        *lexicon.units,
        *lexicon.bare_plurals,
        *lexicon.deictic,
        *lexicon.day_parts,
        *lexicon.clock_words,
        *lexicon.vague,
        *lexicon.period_ends,
        *lexicon.set_adverbs,
        *lexicon.decades,
        *lexicon.tens,
        *lexicon.scales,
        *(word for word, value in lexicon.ones.items() if value > _PLAIN_COUNT),
        "quarter",
        "half",
        "century",
        "year",
        "period",  # "the latest period", "the year-ago period"
    ]
    return {phrase.lower().replace("-", " ").split()[-1] for phrase in phrases}


def anchor_pattern(lexicon: TimeLexicon) -> re.Pattern[str]:
    trie = trie_pattern(sorted(anchor_words(lexicon)))
    return re.compile(f"\\d+|(?<![\\w'])(?:{trie})(?![a-z])")


def _takes_qualifier(mention: Mention, mod: str) -> bool:
    """ "since" goes with a calendar point; "more than", "within", "under" only with a count of
    units ("over the past year": "over" is a preposition there); "about" with anything."""
    if mod == "ON_OR_AFTER":
        return mention.calendar
    if mod == "APPROX":
        return mention.kind != "vague"
    return mention.kind in ("duration", "offset") and mention.count is not None


def _ending_pattern(by_word: Mapping[str, str], glue: str = "") -> re.Pattern[str]:
    """One of `by_word` ending right before a mention, after spaces (or `glue`: "mid-2015")."""
    joiner = f"(?:\\s+|{re.escape(glue)}\\s*)" if glue else r"\s+"
    trie = spaced(trie_pattern(sorted(by_word)))
    return re.compile(f"(?<![\\w'-])(?P<w>{trie}){joiner}$")


def _join_clocks(folded: str, mentions: list[Mention]) -> list[Mention]:
    """A clock time and a day written next to each other are one time: "10 p.m. Wednesday",
    "Tuesday at 3 p.m.", "8 a.m. this morning". The day becomes the clock's anchor."""
    joined: list[Mention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if previous is None or not _joinable(folded, previous, mention):
            joined.append(mention)
            continue
        clock, day = (previous, mention) if previous.kind == "clock" else (mention, previous)
        clock.anchor = day
        clock.start, clock.end = previous.start, mention.end
        joined[-1] = clock
    return joined


def _joinable(folded: str, first: Mention, second: Mention) -> bool:
    if first.kind == "clock" and first.anchor is None and second.kind in _DAY_KINDS:
        return _GAP_TO_DAY.fullmatch(folded, first.end, second.start) is not None
    if second.kind == "clock" and second.anchor is None and first.kind in _DAY_KINDS:
        return _GAP_TO_CLOCK.fullmatch(folded, first.end, second.start) is not None
    return False


def _squash(phrase: str) -> str:
    return " ".join(phrase.split())
