"""From numbers to figures: what is not a quantity, ranges, qualifiers, units and counted nouns.

Per sentence, numbers found by `NumberScanner` become drafts; drafts that are years, days of the
month, clock times, labels, phone numbers or scores are dropped; neighbours joined by "to", "-"
or "between ... and" become ranges; qualifier words on either side and the unit or counted noun
after are taken into the span. `meaning.py` then says what each figure measures and about whom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.quantities.lexicon import QuantityLexicon, Unit, UnitTable
from sitrep.quantities.numbers import Number
from sitrep.tokens import Token, tokens_between

_PHONE = re.compile(r"(?<![\w])(?:\+\d{1,3}[ .-]?)?\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]\d{3,5}(?![\w])")
_LETTER_HYPHEN = re.compile(r"(?<!\bsub)[A-Za-z]-$")  # "F-16", "COVID-19"; not "sub-7 nm"
_DIGIT_HYPHEN = re.compile(r"\d[-–]$")
_GLUED_LETTERS = re.compile(r"[A-Za-z]")
_CONNECTOR = re.compile(
    r"^\s*(?:(?P<dash>[-–—])|(?P<word>to|and|through|up\s+to|from))\s*$", re.IGNORECASE
)
# "narrowed to 138,285 lots from 212,577 lots": the counted noun written with both levels.
_NOUN_FROM = re.compile(r"^\s+(?P<noun>[A-Za-z]+)\s+from\s+$")
_OF_A = re.compile(r"\s+of\s+an?(?=\s)", re.IGNORECASE)
_BY = re.compile(r"\bby\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:^|\s)(?P<w>between|from)\s+$", re.IGNORECASE)
# A change names both levels, and an old level written with a scale word is rarely more than ten
# times the new one: "from 4.8 to 4.7 billion" shares the scale, "from 900 to 1.2 million" does not.
_CHANGE_SCALE_RATIO = 10.0
_YEAR_RANGE = (1800, 2199)  # "by 2120" is a year too
_MAX_DAY = 31
_MAX_SCORE = 30  # sport scores and votes stay below this; "3-1", "2-2"


@dataclass(slots=True)
class Draft:
    """A figure being assembled; becomes a `Quantity` once its meaning is decided."""

    start: int
    end: int
    number: Number
    value: float | None
    low: float | None = None
    high: float | None = None
    approx: str = "exact"
    unit: Unit | None = None
    unit_end: int = -1
    noun: str | None = None
    demonym: bool = False  # the counted noun names a people ("12 Iraqis", "three Albanians")
    modifiers: list[str] = field(default_factory=list)
    strength: bool = False
    strength_of: str | None = None
    measure: str | None = None
    subject: str | None = None
    same_as: tuple[int, int] | None = None
    conversion: str | None = None
    previous: float | None = None

    @property
    def vague(self) -> bool:
        return self.number.kind == "vague"


class Assembler:
    """Turns the numbers of one sentence into drafts with units, ranges and qualifiers."""

    def __init__(self, lexicon: QuantityLexicon, units: UnitTable) -> None:
        self.lexicon = lexicon
        self.units = units

    def drafts(self, text: str, start: int, end: int, numbers: list[Number]) -> list[Draft]:
        phones = [m.span() for m in _PHONE.finditer(text, start, end)]
        attached = [self._attach_unit(text, n) for n in numbers if not _inside(n, phones)]
        drafts = [d for d in attached if d is not None and self._is_quantity(text, start, d)]
        drafts = self._ranges(text, start, end, drafts)
        for draft in drafts:
            self._qualify(text, start, draft)
            self._counted_noun(text, end, draft)
        return drafts

    # -- units --------------------------------------------------------------------------------

    def _attach_unit(self, text: str, number: Number) -> Draft | None:
        draft = Draft(number.start, number.end, number, number.value)
        if number.kind == "fraction":  # "a third of": a share, in percent
            self._fraction_unit(text, draft)
            return draft
        before = self.units.before.search(text, max(0, number.start - 8), number.start)
        if before is not None and number.kind in ("digits", "words"):
            draft.unit = self.units.unit_before(before["form"])
            draft.start = before.start()
        after = self.units.after.match(text, number.end)
        if after is not None:
            unit = self.units.unit_after(after["cased"] or after["form"] or after["attached"])
            if draft.unit is None or unit == draft.unit:  # "$5 million dollars" is one unit
                draft.unit = unit
                draft.end = draft.unit_end = after.end()
        if draft.unit_end < 0 and _glued_letter(text, number):
            return None  # "22nd", "1990s", "4G": an ordinal, a decade or a name
        if before is None and _letter_before(text, number):
            return None  # "MH17", "A380": a name; "RM79" or "Rs500" took their currency above
        return draft

    def _fraction_unit(self, text: str, draft: Draft) -> None:
        """A share in percent, or a part of the unit after "of a": "half of a mile" is 0.5 mi."""
        of_a = _OF_A.match(text, draft.end)
        unit = self.units.after.match(text, of_a.end()) if of_a else None
        if unit is None:
            draft.unit = self.units.unit_after("percent")
            return
        draft.unit = self.units.unit_after(unit["cased"] or unit["form"] or unit["attached"])
        draft.value = (draft.value or 0.0) / 100
        draft.end = draft.unit_end = unit.end()

    # -- what is not a quantity ---------------------------------------------------------------

    def _is_quantity(self, text: str, sentence_start: int, draft: Draft) -> bool:
        number = draft.number
        # Only a number word, a bare number or a clock time reads the words around it: a figure
        # with its unit is not tokenised (two figures in five over BBC news).
        read_words = number.kind == "words" or (number.kind == "digits" and draft.unit is None)
        before = (
            tokens_between(text, max(sentence_start, number.start - 40), number.start)
            if read_words
            else []
        )
        after = (
            _without_full_stops(tokens_between(text, number.end, min(len(text), number.end + 30)))
            if read_words or _is_clock(text, number)
            else []
        )
        prev = before[-1].lower if before else ""
        nxt = after[0].lower if after else ""
        if number.kind == "words" and not self._word_figure(
            text, sentence_start, draft, (before, nxt)
        ):
            return False
        if (_is_clock(text, number) and nxt.rstrip(".") in self.lexicon.time_zones) or (
            _duration_adjective(text, draft)
        ):
            # "0400 hrs", "1530 GMT": a clock time, whatever unit the table saw; "a five-year
            # plan", "a 10-day siege": a duration, which the time stage reads.
            return False
        if number.kind != "digits" or draft.unit is not None:
            return number.kind != "digits" or not _letter_hyphen_before(text, draft.start)
        return not (
            _LETTER_HYPHEN.search(text, max(0, number.start - 2), number.start)
            or _is_age(number, before, nxt)
            or self._after_age_word(before)
            or self._is_address(after)
            or self._is_date_or_time(number, prev, nxt)
            or self._is_year(number, prev, after)
            or self._is_label(number, prev, before, sentence_start, after)
        )

    def _word_figure(
        self, text: str, sentence_start: int, draft: Draft, around: tuple[list[Token], str]
    ) -> bool:
        before, nxt = around
        number, prev = draft.number, (before[-1].lower if before else "")
        if text[number.start : number.end].lower() == "one":
            return prev not in self.lexicon.one_before and nxt not in self.lexicon.one_after
        if text[number.start].isupper() and before and is_name(before[-1]):
            return before[-1].start == sentence_start  # "the Kick Six", "the Big Three": a name
        # "the bottom three"; "a six-speed gearbox", "a three-bed flat"
        return prev not in self.lexicon.labels and not _word_compound(text, draft)

    def _after_age_word(self, before: list[Token]) -> bool:
        """ "aged 18", "aged 18 to 34": both ends of an age bracket."""
        words = [token.lower for token in before[-3:]]
        if words and words[-1] in self.lexicon.age_words:
            return True
        return (
            len(words) == 3
            and words[0] in self.lexicon.age_words
            and words[2] in ("to", "and", "-", "–")
            and words[1].isdigit()
        )

    def _is_address(self, after: list[Token]) -> bool:
        """ "10 Downing Street", "9 E 71st St": a house number."""
        for token in after[:4]:
            if not token.text[:1].isupper() and not token.text[:1].isdigit():
                return False
            if token.lower in self.lexicon.street_words:
                return True
        return False

    def _is_date_or_time(self, number: Number, prev: str, nxt: str) -> bool:
        months = self.lexicon.months
        day = number.value <= _MAX_DAY and number.value.is_integer()
        if day and (prev.rstrip(".") in months or nxt.rstrip(".") in months):
            return True
        return nxt in self.lexicon.time_zones or nxt.rstrip(".") in self.lexicon.time_zones

    def _is_year(self, number: Number, prev: str, after: list[Token]) -> bool:
        if not (number.plain and len(str(int(number.value))) == 4):
            return False
        if self._range_of_counts(prev, after):
            return False  # "between 2000 and 3000 fighters", "2000 - 2500 calories"
        if prev in self.lexicon.year_words or prev.rstrip(".") in self.lexicon.months:
            return True  # "between 1600 and 1900", "in 1500", "August 2014"
        low, high = _YEAR_RANGE
        counted = bool(after) and after[0].lower not in self.lexicon.year_words
        return low <= number.value <= high and not (counted and self._plural_noun(after[0].text))

    def _range_of_counts(self, prev: str, after: list[Token]) -> bool:
        joined = len(after) >= 3 and (
            after[0].lower in ("-", "–", "to") or (after[0].lower == "and" and prev == "between")
        )
        return (
            joined
            and after[1].text.replace(",", "").isdigit()
            and after[2].lower not in self.lexicon.year_words
            and self._plural_noun(after[2].text)
        )

    def _is_label(
        self,
        number: Number,
        prev: str,
        before: list[Token],
        sentence_start: int,
        after: list[Token],
    ) -> bool:
        counted = bool(after and self._plural_noun(after[0].text))
        if prev in self.lexicon.labels or prev.rstrip(".") in self.lexicon.labels:
            # "page 12", "Model 3 sedans"; but "number" is a verb too: "they number 5,000 men"
            return not (counted and prev == "number")
        if not before or not before[-1].text[:1].isupper() or prev in self.lexicon.weekdays:
            return False
        if (
            before[-1].start == sentence_start
            and before[-1].text.isalpha()
            and not (before[-1].text.isupper() and len(before[-1].text) > 1)
        ):
            return False  # "Only 5 people": a capital that starts the sentence, not a name
        # "S&P 500", "Fortune 100", "Boeing 737": a name then a bare number, no noun after.
        return prev.rstrip(".") not in self.lexicon.months and not counted

    # -- ranges -------------------------------------------------------------------------------

    def _ranges(self, text: str, start: int, end: int, drafts: list[Draft]) -> list[Draft]:
        merged: list[Draft] = []
        index = 0
        while index < len(drafts):
            draft = drafts[index]
            partner = drafts[index + 1] if index + 1 < len(drafts) else None
            if partner is not None:
                outcome = self._join(text, start, draft, partner)
                if outcome in ("range", "change"):
                    merged.append(draft)
                    index += 2
                    continue
                if outcome == "score":
                    index += 2
                    continue
            if not _DIGIT_HYPHEN.search(text, max(0, draft.start - 2), draft.start):
                merged.append(draft)
            index += 1
        return merged

    def _join(self, text: str, sentence_start: int, first: Draft, second: Draft) -> str | None:
        if first.vague or second.vague:
            return None
        between = _CONNECTOR.match(text[first.end : second.start])
        if between is None:
            noun_from = _same_noun_from(text, first, second)
            return self._change(text, sentence_start, first, second, None) if noun_from else None
        word = " ".join((between["word"] or "").lower().split())
        lead = _BETWEEN.search(text, max(sentence_start, first.start - 12), first.start)
        lead_word = lead["w"].lower() if lead else ""
        if word == "from" or (word == "to" and lead_word == "from"):
            change = self._change(text, sentence_start, first, second, lead)
            if change is not None or word == "from":
                return change
        if (word == "up to" and lead_word != "from") or self._separate(
            text, sentence_start, (first, second), word, lead_word
        ):
            return None  # "up to" opens a range only after "from": "from 450 up to 900"
        return self._range(text, sentence_start, first, second, (bool(between["dash"]), lead))

    def _range(
        self,
        text: str,
        sentence_start: int,
        first: Draft,
        second: Draft,
        how: tuple[bool, re.Match[str] | None],
    ) -> str | None:
        dash, lead = how
        low, high = _shared_scale(first, second)
        if low >= high or (
            dash and high <= _MAX_SCORE and self._score_sentence(text, sentence_start)
        ):
            return "score" if dash else None  # "ended 2-2", "won 3-1"
        _make_range(first, second, low, high, lead.start("w") if lead else None)
        return "range"

    def _change(
        self,
        text: str,
        sentence_start: int,
        first: Draft,
        second: Draft,
        lead: re.Match[str] | None,
    ) -> str | None:
        """ "rose from 5% to 10%", "fell to 2,315 from 2,415": one figure, new level and old.

        "from X to Y" after a change verb, or falling from X to Y, is a change; rising from X to
        Y with no change verb is a range ("from 20,000 to 31,500 fighters").
        """
        if first.unit is not None and second.unit is not None and first.unit != second.unit:
            return None
        window = max(sentence_start, first.start - 60)
        if lead is None:  # "to X from Y": the verb stands before "to"
            if not self.lexicon.change_to.search(text, window, first.start):
                return None
            _make_change(new=first, old=second, into=first, start=first.start)
            return "change"
        verb = self.lexicon.change_from.search(text, window, first.start)
        old_value, new_value = _change_scale(first, second)
        if verb is None and old_value <= new_value:
            return None
        _make_change(new=second, old=first, into=first, start=lead.start("w"))
        return "change"

    def _separate(
        self, text: str, sentence_start: int, pair: tuple[Draft, Draft], word: str, lead_word: str
    ) -> bool:
        """Two figures side by side rather than one range."""
        first, second = pair
        if word == "and" and lead_word != "between":
            return True  # "killed 61 and wounded 95"
        if self.lexicon.change_from.search(
            text, max(sentence_start, first.start - 60), first.start
        ):
            return True  # "rose from 5-10%": the verb says a change, the dash cannot say which
        if first.unit is None:
            return False
        # "increased by $43.6 billion to $419.2 billion", "fell 0.4 per cent to 13176": a change
        # and a level, each with its own unit.
        by = _BY.search(text, max(0, first.start - 6), first.start)
        return by is not None or first.unit != second.unit

    def _score_sentence(self, text: str, start: int) -> bool:
        end = text.find(".", start)
        words = {t.lower for t in tokens_between(text, start, end if end > 0 else len(text))}
        return bool(words & self.lexicon.score_cues)

    # -- qualifiers ---------------------------------------------------------------------------

    def _qualify(self, text: str, sentence_start: int, draft: Draft) -> None:
        if draft.vague:
            draft.approx = "at_least"
        before = self.lexicon.qualifiers_before.search(
            text, max(sentence_start, draft.start - 30), draft.start
        )
        if before is not None:
            word = _fold(before["q"])
            draft.approx = self.lexicon.qualifier_before_class[word]
            draft.start = before.start("q")
            self._stacked_qualifier(text, sentence_start, draft)
        after = self.lexicon.qualifiers_after.match(text, draft.end)
        if after is not None and draft.approx == "exact":
            draft.approx = self.lexicon.qualifier_after_class[_fold(after["q"])]
            draft.end = after.end()

    def _stacked_qualifier(self, text: str, sentence_start: int, draft: Draft) -> None:
        # "more than an estimated 100": the outer qualifier decides, the span takes both.
        outer = self.lexicon.qualifiers_before.search(
            text, max(sentence_start, draft.start - 30), draft.start
        )
        if outer is not None:
            draft.approx = self.lexicon.qualifier_before_class[_fold(outer["q"])]
            draft.start = outer.start("q")

    # -- counted nouns ------------------------------------------------------------------------

    def _counted_noun(self, text: str, sentence_end: int, draft: Draft) -> None:
        if draft.unit is not None or draft.number.kind == "fraction":
            return
        hyphen = re.match(r"-([A-Za-z]+)(?![\w-])", text[draft.end : draft.end + 30])
        if hyphen is not None:
            self._hyphen_noun(text, sentence_end, draft, hyphen)
            return
        tokens = _without_full_stops(
            tokens_between(text, draft.end, min(sentence_end, draft.end + 80))
        )
        if draft.vague and tokens and tokens[0].lower == "of":
            tokens = tokens[1:]
        head = self._head(tokens, singular=draft.value == 1)
        if head is not None:
            draft.noun = self.singular(tokens[head].lower)
            draft.demonym = tokens[head].text[:1].isupper()
            draft.modifiers = [t.text for t in tokens[:head] if t.text[:1].isupper()]
            draft.end = tokens[head].end
            self._of_name(text, tokens[head + 1 :], draft)

    def _of_name(self, text: str, tokens: list[Token], draft: Draft) -> None:
        """ "20 fighters of the Syrian Democratic Forces": the name is whose fighters they are."""
        if len(tokens) < 2 or tokens[0].lower != "of":
            return
        rest = tokens[2:] if tokens[1].lower == "the" else tokens[1:]
        name = _capitalised_run(rest)
        if name is not None and not draft.modifiers:
            draft.modifiers = [text[tokens[1].start : rest[0].start] + name]
            draft.end = rest[0].start + len(name)

    def _hyphen_noun(
        self, text: str, sentence_end: int, draft: Draft, hyphen: re.Match[str]
    ) -> None:
        word = hyphen[1].lower()
        draft.end += hyphen.end()
        if word in self.lexicon.measures["strength_suffixes"]:
            draft.strength = True
            names = tokens_between(text, draft.end, min(sentence_end, draft.end + 60))
            if len(names) > 2 and names[1].lower == "of":  # "a 1,300-strong force of the X"
                names = names[3:] if names[2].lower == "the" else names[2:]
            draft.strength_of = _capitalised_run(names)
        else:
            draft.noun = word

    def _head(self, tokens: list[Token], *, singular: bool) -> int | None:
        """Index of the counted noun among the next words, or None."""
        for index, token in enumerate(tokens[:6]):
            word = token.text if token.text.isupper() and len(token.text) > 1 else token.lower
            if not token.text[0].isalpha() or (
                word in self.lexicon.stop and not (word in self.lexicon.joiners and index > 0)
            ):
                return None
            if word in self.lexicon.joiners and index > 0:
                continue
            if token.text[:1].isupper():
                if _demonym_plural(token, tokens[index + 1 : index + 2]):
                    return index  # "12 Iraqis", "millions of Americans"
                continue  # a name modifying the noun: "47 SDF fighters"
            if self._plural_noun(token.text) or (singular and _noun_like(word)):
                return index
        return None

    def _plural_noun(self, word: str) -> bool:
        lower = word.lower()
        if lower in self.lexicon.irregular_plurals:
            return True
        return (
            word.islower()
            and lower.endswith("s")
            and not lower.endswith(("ss", "us", "is", "'s", "’s"))
            and lower not in self.lexicon.stop
            and len(lower) > 3
        )

    def singular(self, word: str) -> str:
        if word in self.lexicon.irregular_plurals:
            return self.lexicon.irregular_plurals[word]
        for suffix, replacement in (
            ("ies", "y"),
            ("sses", "ss"),
            ("shes", "sh"),
            ("ches", "ch"),
            ("xes", "x"),
            ("oes", "o"),
            ("s", ""),
        ):
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                return word[: -len(suffix)] + replacement
        return word


def _fold(words: str) -> str:
    return " ".join(words.lower().split())


def _inside(number: Number, spans: list[tuple[int, int]]) -> bool:
    return any(start <= number.start and number.end <= end for start, end in spans)


def _is_clock(text: str, number: Number) -> bool:
    """Four digits as a 24-hour time: "0400", "1530"."""
    digits = text[number.start : number.end]
    return len(digits) == 4 and digits.isdigit() and int(digits[:2]) < 24 and int(digits[2:]) < 60


_MAX_AGE = 120


def _is_age(number: Number, before: list[Token], nxt: str) -> bool:
    """ "Kadhim Jabbar, 34, said": a person's age in apposition, not a figure of the story."""
    if not (number.plain and number.value <= _MAX_AGE) or nxt not in (",", ")"):
        return False
    return len(before) >= 2 and before[-1].text in (",", "(") and is_name(before[-2])


def _duration_adjective(text: str, draft: Draft) -> bool:
    """A time unit hyphenated to its number, not followed by "-old"."""
    unit = draft.unit
    return (
        unit is not None
        and unit.dimension == "duration"
        and text.startswith("-", draft.number.end)
        and not text.startswith("-old", draft.unit_end)
    )


def _word_compound(text: str, draft: Draft) -> bool:
    """A number word hyphenated to a noun that is not a unit: a description, not a figure."""
    return (
        draft.unit is None
        and text.startswith("-", draft.end)
        and not (
            text[draft.end + 1 : draft.end + 7].lower().startswith(("strong", "man", "member"))
        )
    )


def _without_full_stops(tokens: list[Token]) -> list[Token]:
    """ "25,000 fighters." ends a sentence: the full stop is not part of the noun."""
    return [
        Token(t.text[:-1], t.start, t.end - 1)
        if t.text.endswith(".") and t.text[:-1].isalpha()
        else t
        for t in tokens
    ]


def _letter_hyphen_before(text: str, end: int) -> bool:
    """ "F-" right before `end`. The pattern ends in `$`, so a hit starts at most three characters
    before `end` ("F-\n"): searching from there finds what a search from the text's start does,
    without reading the whole text before every figure."""
    return _LETTER_HYPHEN.search(text, max(0, end - 3), end) is not None


def _letter_before(text: str, number: Number) -> bool:
    return number.start > 0 and text[number.start - 1].isalpha()


def _glued_letter(text: str, number: Number) -> bool:
    return number.kind == "digits" and bool(_GLUED_LETTERS.match(text, number.end))


def _demonym_plural(token: Token, following: list[Token]) -> bool:
    text = token.text
    plural = len(text) > 3 and text[1:].islower() and text.endswith(("ns", "is", "ds", "es"))
    return plural and not (following and is_name(following[0]))


def _noun_like(word: str) -> bool:
    return word.isalpha() and not word.endswith(("ed", "ing", "ly"))


def _shared_scale(first: Draft, second: Draft) -> tuple[float, float]:
    """ "four to five thousand" is 4,000 to 5,000: the scale written once applies to both."""
    low, high = first.value or 0.0, second.value or 0.0
    scale = second.number.scale
    if first.number.scale == 1 and scale > 1 and low * scale <= high:
        low *= scale
    return low, high


def _same_noun_from(text: str, first: Draft, second: Draft) -> bool:
    noun = _NOUN_FROM.match(text[first.end : second.start])
    return noun is not None and text.startswith(noun["noun"], second.end + 1)


def _change_scale(old: Draft, new: Draft) -> tuple[float, float]:
    """The two levels of a change, a scale word written once applying to both when plausible."""
    old_value, new_value = old.value or 0.0, new.value or 0.0
    old_scale, new_scale = old.number.scale, new.number.scale
    if old_scale == 1 and new_scale > 1 and _comparable(old_value * new_scale, new_value):
        old_value *= new_scale
    elif new_scale == 1 and old_scale > 1 and _comparable(new_value * old_scale, old_value):
        new_value *= old_scale
    return old_value, new_value


def _comparable(a: float, b: float) -> bool:
    return b != 0 and 1 / _CHANGE_SCALE_RATIO <= a / b <= _CHANGE_SCALE_RATIO


def _make_change(*, new: Draft, old: Draft, into: Draft, start: int) -> None:
    old_value, new_value = _change_scale(old, new)
    last = old if old.end > new.end else new
    into.value, into.previous, into.low, into.high = new_value, old_value, None, None
    into.unit = new.unit or old.unit
    into.start, into.end, into.unit_end = start, last.end, last.unit_end


def _make_range(first: Draft, second: Draft, low: float, high: float, lead: int | None) -> None:
    first.low, first.high, first.value = low, high, None
    first.unit = first.unit or second.unit
    first.end = second.end
    first.unit_end = second.unit_end
    if lead is not None:
        first.start = lead


def is_name(token: Token) -> bool:
    """A capitalised word or a name part such as "al-Haq"."""
    return any(part[:1].isupper() for part in token.text.split("-"))


def _capitalised_run(tokens: list[Token]) -> str | None:
    words: list[Token] = []
    for token in tokens:
        if is_name(token) or (words and token.lower in ("of", "al", "for", "and")):
            words.append(token)
        else:
            break
    while words and not is_name(words[-1]):
        words.pop()
    return " ".join(token.text for token in words) or None
