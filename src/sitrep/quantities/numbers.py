"""Numbers as news writes them: digits, words, scale words, fractions and vague amounts.

One compiled pattern finds every candidate in a text in a single pass; `NumberScanner.scan` turns
each match into a `Number` with its value. Whether a number is a quantity at all (not a year, a
date, a clock time or a label) is decided later, from its context, in `extract.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from sitrep.quantities.lexicon import QuantityLexicon, trie_pattern, word_alternation

NumberKind = Literal["digits", "words", "vague", "fraction"]


@dataclass(slots=True, frozen=True)
class Number:
    """A number in the text. `scale` is the multiplier a scale word applied ("2.8 million")."""

    start: int
    end: int
    value: float
    kind: NumberKind
    scale: float = 1.0
    plain: bool = False  # digits only, no separator, decimal or scale: may be a year or a label


# Digits with thousands separators or none, an optional decimal part, not inside a word, a date
# (17/03), a clock time (12:01) or a version (1.2.3).
_DIGITS = (
    r"(?:(?<![\w.:/])|(?<=[A-Z$]))(?P<sign>(?<![\w\d.])[-−](?=\d)|(?i:minus)[ -](?=\d))?"
    r"(?:(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?|(?<![\w.])\.\d+)(?![\d]|[/:]\d|\.\d)"
)


class NumberScanner:
    """Finds numbers; built once per stage from the lexicon."""

    def __init__(self, lexicon: QuantityLexicon) -> None:
        self._lexicon = lexicon
        self._pattern = _compile(lexicon)
        self._trigger = _trigger(lexicon)
        self._several = float(lexicon.vague["several"])

    def scan(self, text: str) -> Iterator[Number]:
        """Numbers in `text`, in order: cheap triggers first, the full pattern only at them."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a few Unicode letters change length when lowered
            lowered = text.translate(_ASCII_LOWER)
        end = 0
        for hit in self._trigger.finditer(lowered):
            if hit.start() < end or not _bounded(lowered, hit):
                continue
            match = self._match_at(text, lowered, hit.start())
            if match is not None:
                number = self._number(match)
                end = match.end() if number is None else number.end  # "8 in 5": 5 is scanned again
                if number is not None:
                    yield number

    def _match_at(self, text: str, lowered: str, start: int) -> re.Match[str] | None:
        """The full pattern from the hit, or from just before it: "-5", "minus 5", "a hundred"."""
        for lead in _LEADS:
            if lowered.endswith(lead, max(0, start - len(lead)), start):
                match = self._pattern.match(text, start - len(lead))
                if match is not None:
                    return match
        return self._pattern.match(text, start)

    def _number(self, match: re.Match[str]) -> Number | None:
        read = {
            "digits": self._digits,
            "vague": self._vague,
            "fraction": self._fraction,
            "ratio": self._ratio,
            "vulgar": self._vulgar,
            "scientific": _scientific,
        }.get(match.lastgroup or "", self._words)
        return read(match)

    def _digits(self, match: re.Match[str]) -> Number:
        sign = match["sign"] or ""
        value = float(match["num"][len(sign) :].replace(",", ""))
        if sign:
            value = -value  # "-1.3%", "minus 387 Fahrenheit"
        scale_word = (match["scale"] or match["short"] or match["glued"] or "").lower()
        scale = 1.0
        for word in scale_word.split():  # "4 hundred million" is 4 x 100 x 1,000,000
            scale *= self._lexicon.scales.get(word.rstrip("s"), 1)
        scale *= self._lexicon.short_scales.get(scale_word, 1)
        plain = not scale_word and match["num"].isdigit()  # no sign, separator or decimal
        return Number(match.start(), match.end(), value * scale, "digits", scale, plain)

    def _vague(self, match: re.Match[str]) -> Number:
        phrase = " ".join(match[0].lower().split())
        if phrase.startswith("several"):
            scale = self._lexicon.scales[phrase.split()[-1]]
            return Number(match.start(), match.end(), self._several * scale, "vague", scale)
        return Number(match.start(), match.end(), float(self._lexicon.vague[phrase]), "vague")

    def _fraction(self, match: re.Match[str]) -> Number:
        count = (match["fcount"] or "a").lower()
        times = 1 if count in ("a", "an") else self._lexicon.ones.get(count, 1)
        share = self._lexicon.fractions[(match["fname"] or "half").lower()]
        return Number(match.start(), match.end(), round(times * share, 6), "fraction")

    def _ratio(self, match: re.Match[str]) -> Number | None:
        """ "one in five" is 20 percent; "5 in 3" is no ratio, only its first number counts."""
        part, whole = self._small(match["rnum"]), self._small(match["rden"])
        if part is None or whole is None or not 0 < part < whole:
            start, end = match.span("rnum")
            return None if part is None else Number(start, end, part, _kind_of(match["rnum"]))
        return Number(match.start(), match.end(), round(100 * part / whole, 6), "fraction")

    def _vulgar(self, match: re.Match[str]) -> Number | None:
        """ "1/2", "10 1/2", "2½": a whole number and a fraction of the unit that follows."""
        whole = float(match["vwhole"] or 0)
        if match["glyph"]:
            part = self._lexicon.glyphs[match["glyph"]]
        else:
            top, bottom = int(match["vnum"]), int(match["vden"])
            if top >= bottom:
                return None
            part = top / bottom
        if match["vof"] is not None and not whole:  # "3/4 of the town": a share, in percent
            return Number(match.start(), match.end(), round(100 * part, 6), "fraction")
        return Number(match.start(), match.end(), round(whole + part, 6), "digits")

    def _small(self, written: str) -> float | None:
        if written[0].isdigit():
            return float(written.replace(",", ""))
        return words_value(written, self._lexicon)[0]

    def _words(self, match: re.Match[str]) -> Number | None:
        value, scale = words_value(match[0], self._lexicon)
        if value is None:
            return None
        return Number(match.start(), match.end(), value, "words", scale)


def _scientific(match: re.Match[str]) -> Number:
    exponent = int(match["exponent"].replace("−", "-"))
    value = float(match["mantissa"]) * 10.0**exponent
    return Number(match.start(), match.end(), value, "digits")


def _kind_of(written: str) -> NumberKind:
    return "digits" if written[0].isdigit() else "words"


def words_value(phrase: str, lexicon: QuantityLexicon) -> tuple[float | None, float]:
    """Value of "one hundred and fifty", "two million", "a dozen"; None when ill-formed."""
    total, current, last_scale = 0.0, 0.0, 1.0
    previous: str | None = None
    words = re.split(r"[\s-]+", phrase.lower())
    if all(word in lexicon.scales or word == "and" for word in words):
        return None, 1.0  # "dozen" or "million" alone ("a baker's dozen") counts nothing
    for word in words:
        if word in ("and", ""):
            continue
        small = lexicon.ones.get(word, lexicon.tens.get(word))
        if small is not None:
            if previous == "small" and not (current % 100 >= 20 and small < 10):
                return None, 1.0  # "five six" is two numbers, not one
            current += small
            previous = "small"
            continue
        scale = float(lexicon.scales.get(word, 1) if word not in ("a", "an") else 0)
        if scale == 0:
            current, previous = 1.0, "article"
            continue
        current, total, last_scale, previous = _apply_scale(total, current, scale)
    return total + current, last_scale


def _apply_scale(total: float, current: float, scale: float) -> tuple[float, float, float, str]:
    if scale < 1000:  # hundred, dozen: multiply what came before, keep counting
        return (current or 1.0) * scale, total, scale, "scale"
    return 0.0, total + (current or 1.0) * scale, scale, "scale"


# What may stand right before a trigger and belong to the number.
_LEADS = ("minus ", "minus-", "-", "−", ".", "a ", "an ")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _trigger(lexicon: QuantityLexicon) -> re.Pattern[str]:
    """Where a number can start: a digit or a number word, every branch led by a literal."""
    words = [*lexicon.ones, *lexicon.tens, *lexicon.scales, *lexicon.vague, *lexicon.fractions]
    firsts = {phrase.split()[0] for phrase in words}
    digits = "|".join(f"{digit}[\\d,.]*" for digit in "0123456789")
    glyphs = "".join(lexicon.glyphs)
    return re.compile(f"{digits}|[{glyphs}]|{trie_pattern(sorted(firsts))[3:-1]}")


def _bounded(lowered: str, hit: re.Match[str]) -> bool:
    """A word trigger must be a whole word: "one" but not "someone" or "oneself"."""
    if hit[0][0].isdigit():
        return True
    start, end = hit.span()
    before = lowered[start - 1] if start else " "
    after = lowered[end] if end < len(lowered) else " "
    return not (before.isalnum() or after.isalpha())


def _compile(lexicon: QuantityLexicon) -> re.Pattern[str]:
    scales = word_alternation(lexicon.scales)
    big = word_alternation(name for name, size in lexicon.scales.items() if size >= 1000)
    short = word_alternation(lexicon.short_scales)
    word = word_alternation([*lexicon.ones, *lexicon.tens, *lexicon.scales])
    vague = word_alternation(k for k in lexicon.vague if k not in ("several", "scores"))
    fractions = word_alternation(lexicon.fractions)
    counts = word_alternation(["a", "an", *lexicon.ones])
    half_before = word_alternation(lexicon.half_before)
    denominators = "|".join(str(d) for d in sorted(lexicon.vulgar_denominators, reverse=True))
    glyph = f"[{''.join(lexicon.glyphs)}]"
    vulgar = (  # "1/2", "10 1/2", "10-1/2", "2½", "2 ½"
        rf"(?P<vulgar>(?<![\w./])"
        rf"(?:(?P<vwhole>\d{{1,3}})(?:(?:[ \t]+|-)(?=\d[/⁄])|[ \t-]?(?={glyph})))?"
        rf"(?:(?P<vnum>\d{{1,2}})[/⁄](?P<vden>{denominators})(?![\d/])|(?P<glyph>{glyph}))"
        rf"(?P<vof>(?=[ \t]+of\b))?)"
    )
    small = word_alternation([*lexicon.ones, *lexicon.tens])
    joiners = word_alternation(lexicon.ratio_joiners)
    # "one in five", "9 out of 10"; a year after "in" is a date, not a whole: "10 in 2015".
    whole = rf"(?!(?:1[89]|2[01])\d\d(?![\d,]))\d{{1,3}}(?:,\d{{3}})*(?![\d.,]\d)|(?:{small})"
    ratio = (
        rf"(?P<ratio>(?<![\w.,-])(?P<rnum>\d{{1,3}}|{small})[ \t]+(?:{joiners})[ \t]+"
        rf"(?P<rden>{whole})(?![\w%-]|[ \t]+(?:percent|per[ \t]cent)))"
    )
    scientific = (  # "1.99×10−30": the power of ten belongs to the figure
        r"(?P<scientific>(?<![\w.])(?P<mantissa>\d+(?:\.\d+)?)\s?[×x]\s?10(?:\^|\*\*)?"
        r"(?P<exponent>[-−]?\d{1,3})(?!\d))"
    )
    digits = (
        rf"(?P<digits>(?P<num>{_DIGITS})"
        rf"(?:[ \t]?(?P<scale>(?:{scales})s?(?:[ \t]+(?:{big})s?)?)(?!\w)"
        rf"|[ \t]?(?P<short>bn|mn|tn)(?!\w)|(?P<glued>{short})(?!\w))?)"
    )
    words = (
        rf"(?P<words>(?<![\w-])(?:an?[ \t]+(?=(?:{scales})(?!\w)))?(?:{word})"
        rf"(?:(?:[ \t]+and[ \t]+|[ \t]+|-)(?:{word}))*(?!\w))"
    )
    return re.compile(
        "|".join(
            [
                rf"(?P<vague>(?<![\w-])(?:several[ \t]+(?:hundred|thousand|million|dozen)"
                rf"|scores(?=\s+of\b)|(?:{vague}))(?!\w))",
                rf"(?P<fraction>(?<![\w-])(?:(?:(?P<fcount>{counts})[ \t-]+(?P<fname>{fractions})"
                rf"|half)(?=\s+of\b)|half(?=\s+(?:{half_before})\b)))",
                ratio,
                vulgar,
                scientific,
                digits,
                words,
            ]
        ),
        re.IGNORECASE,
    )
