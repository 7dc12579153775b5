"""Numbers in time expressions: counts of units, days, quarters, months and spelled-out years."""

from __future__ import annotations

import re

from sitrep.times.lexicon import TimeLexicon

_RANGE = re.compile(r"( to | or |[-–])")
_DIGITS = re.compile(r"([\d,]+(?:\.\d+)?)(?:\s(\d)/(\d)|([½¼¾]))?")
_GLYPHS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_HALVES = (" and a half", " and half")


class NumberReader:
    """Reads the numbers the grammar matched, with the lexicon's number words."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon

    def count(self, phrase: str) -> tuple[float | None, str | None]:
        """How many units, and the mod a range gives ("two to three weeks": 2, EQUAL_OR_MORE);
        None for a vague count ("several")."""
        parts = _RANGE.split(" ".join(phrase.split()), maxsplit=1)
        value = self._single(parts[0])
        ranged = len(parts) == 3 and value is not None
        return value, ("EQUAL_OR_MORE" if ranged else None)

    def month(self, word: str) -> int:
        word = word.rstrip(".")
        return self.lexicon.months.get(word) or self.lexicon.month_abbreviations[word]

    def quarter(self, word: str) -> int:
        """ "third", "3rd": the quarter's number."""
        return self.lexicon.ordinals.get(word) or int(word[0])

    def day(self, word: str) -> int:
        """ "22nd", "22", "eighth": the day of the month."""
        return self.lexicon.ordinals.get(word) or int(re.sub(r"\D", "", word))

    def year(self, phrase: str) -> int | None:
        """A year in digits or spelled out: "1994", "nineteen ninety-four", "two thousand one"."""
        if phrase.isdigit():
            return int(phrase)
        tokens = re.split(r"[\s-]+", phrase.replace(" and ", " "))
        if tokens[:2] == ["two", "thousand"]:
            return 2000 + (self._sum(tokens[2:]) or 0)
        century = self.lexicon.ones.get(tokens[0])
        if century is None:
            return None
        if tokens[1:] == ["hundred"]:
            return century * 100
        rest = self._sum(tokens[1:])
        return None if rest is None else century * 100 + rest

    def _sum(self, tokens: list[str]) -> int | None:
        """ "ninety six": 96; None if a word is no number word."""
        total = 0
        for token in tokens:
            value = self.lexicon.ones.get(token) or self.lexicon.tens.get(token)
            if value is None:
                return None
            total += value
        return total

    def _single(self, phrase: str) -> float | None:
        half = phrase.endswith(_HALVES)
        for ending in _HALVES:
            phrase = phrase.removesuffix(ending)
        value = self._plain(phrase)
        return None if value is None else value + (0.5 if half else 0.0)

    def _plain(self, phrase: str) -> float | None:
        lexicon = self.lexicon
        if phrase in lexicon.one_words:
            return 1.0
        if phrase in lexicon.exact_counts:
            return float(lexicon.exact_counts[phrase])
        if phrase in lexicon.vague_counts:
            return None
        digits = _DIGITS.fullmatch(phrase)
        if digits:
            return float(digits[1].replace(",", "")) + _fraction(digits)
        return self._spelled(phrase.split())

    def _spelled(self, words: list[str]) -> float | None:
        """ "twenty four", "twenty-four", "a hundred", "two hundred and fifty"."""
        total, current = 0, 0
        for token in (piece for word in words for piece in word.split("-")):
            if token in ("a", "an"):
                current = current or 1
            elif token in self.lexicon.scales:
                total, current = total + (current or 1) * self.lexicon.scales[token], 0
            elif token in self.lexicon.ones or token in self.lexicon.tens:
                current += self.lexicon.ones.get(token) or self.lexicon.tens[token]
            elif token != "and":
                return None
        return float(total + current)


def _fraction(digits: re.Match[str]) -> float:
    if digits[2]:
        return int(digits[2]) / int(digits[3])
    return _GLYPHS.get(digits[4] or "", 0.0)


def full_year(digits: str) -> int:
    """A two-digit year: 00-49 are the 2000s, 50-99 the 1900s (as spreadsheets read them)."""
    value = int(digits)
    if len(digits) == 4:
        return value
    return value + (2000 if value < 50 else 1900)
