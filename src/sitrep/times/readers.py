"""One reader per grammar rule: a match becomes a `Mention`, or is refused.

A reader checks what the pattern cannot see on the lowered text: capitals ("May" the month,
"may" the verb), the word before ("in 1999" but "$1999"), the word after ("2000 fighters", "the
Sunday Times"), and reads the numbers. Refusing lets the next rule try the same place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitrep.patterns import lowered
from sitrep.times.grammar import spaced, words
from sitrep.times.lexicon import TimeLexicon, Unit
from sitrep.times.mention import Mention
from sitrep.times.numbers import NumberReader, full_year

Match = re.Match[str]
Reader = Callable[[Match, str], Mention | None]

_WORD_BEFORE = re.compile(r"([\w'.$£€#-]+)\W*$")
_TOKEN = re.compile(r"[\w'.$£€%#-]+")
_AFTER_THE = re.compile(r"(?:^|\W)the\s+(?:(?:early|mid|late)[\s-]+)?$|mid-$")
_OF_SOMETHING = re.compile(r"\s+of\b(?!\s+\d)")
_OF = re.compile(r"\s+of\s", re.IGNORECASE)
_OF_YEAR = re.compile(r"\s+of\s+(?:the\s+year\s+)?(?P<year>(?:1[6-9]|20)\d\d)\b(?![-–]?\d)")
_SHARE_OF = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|our|a|an|all|this|that|these|those)\b", re.IGNORECASE
)
_ENDED = re.compile(r"\s+(?:ended|ending|that ended|to)\b", re.IGNORECASE)
_MILITARY = re.compile(r"[012]\d[0-5]\d")  # "0400 hrs" is a clock time, not 400 hours
_GLUED_WORD = re.compile(r"[a-z]+-")  # "mid-2015", "pre-2003"
_CHAIN_BEFORE = re.compile(r"(?P<more>\d[-–])?(?<![\d])(?P<digits>\d+)[-–]$")
_CHAIN_AFTER = re.compile(r"[-–]\d+(?P<more>[-–]\d)?")
_STEP_LEADS = frozenset({"the following", "the previous", "the preceding"})
_DETERMINERS = frozenset({"the", "an", "a", "its", "his", "her", "their", "our", "my", "your"})
_NOT_NAMES = frozenset({"the", "this", "last", "next", "in", "by"})
_LAST_MONTH = 12
_CLOCK_HOURS = 12
_LAST_CENTURY = 21


class Readers:
    """The readers of one grammar, by rule name."""

    def __init__(self, lexicon: TimeLexicon, *, day_first: bool = False) -> None:
        self.lexicon = lexicon
        self.numbers = NumberReader(lexicon)
        self.day_first = day_first
        self._rate_before = _rate_pattern(lexicon)

    def reader(self, rule: str) -> Reader:
        reader: Reader = getattr(self, f"read_{rule}")
        return reader

    # -- dates ------------------------------------------------------------------------------------

    def read_iso(self, match: Match, text: str) -> Mention | None:
        """ "2016-02-22", "2016-02-22T14:00"."""
        mention = _date(match, int(match["y"]), int(match["mo"]), int(match["d"]))
        if mention is not None and match["h"]:
            day = Mention(mention.start, mention.end, "date", mention.year, mention.month)
            day.day = mention.day
            mention.kind, mention.anchor = "clock", day
            mention.hour, mention.minute = int(match["h"]), int(match["mi"])
        return mention

    def read_numeric(self, match: Match, text: str) -> Mention | None:
        """ "22/02/2016", "2/22/16": a first number above 12 is the day, a second above 12 the
        day; dotted dates are day first (European); otherwise month first (US news) unless the
        extractor is day-first."""
        first, second = int(match["a"]), int(match["b"])
        day_first = match["sep"] == "." or first > _LAST_MONTH or self.day_first
        if second > _LAST_MONTH:
            day_first = False
        month, day = (second, first) if day_first else (first, second)
        return _date(match, full_year(match["y"]), month, day)

    def read_weekday_date(self, match: Match, text: str) -> Mention | None:
        """ "Saturday, April 25", "Friday Oct. 13"."""
        if not (_capitalised(text, match.start("wd")) and _capitalised(text, match.start("mon"))):
            return None
        return self._month_day(match)

    def read_month_day(self, match: Match, text: str) -> Mention | None:
        """ "Feb. 22", "February 22nd, 2016", "March eighth"."""
        return self._month_day(match) if _capitalised(text, match.start("mon")) else None

    def read_day_month(self, match: Match, text: str) -> Mention | None:
        """ "22 February 2016", "the 22nd of February", "05-Aug-2016"."""
        if not _capitalised(text, match.start("mon")):
            return None
        if match["wd"] and not _capitalised(text, match.start("wd")):
            return None
        return self._month_day(match)

    def _month_day(self, match: Match) -> Mention | None:
        written = match["year"] or match.groupdict().get("year2")
        year = int(written) if written else None
        return _date(match, year, self.numbers.month(match["mon"]), self.numbers.day(match["day"]))

    def read_month_year(self, match: Match, text: str) -> Mention | None:
        """ "February 1947", "April of 1987", "January nineteen ninety-seven"."""
        if not _capitalised(text, match.start("mon")):
            return None
        year = self.numbers.year(match["year"])
        if year is None or _counted_after(text, match.end(), self.lexicon):
            return None  # "in May, 2000 fighters"
        month = self.numbers.month(match["mon"])
        return Mention(match.start(), match.end(), "month", year=year, month=month)

    def read_month(self, match: Match, text: str) -> Mention | None:
        """A month alone, capitalised; "May" and "March" only after a cue ("in May")."""
        if not _capitalised(text, match.start("mon")):
            return None
        name = match["mon"]
        cue = _word_before(text, match.start()).rstrip("-")
        if (
            not match["rel"]
            and name in self.lexicon.ambiguous_months
            and (cue not in self.lexicon.bare_month_cues)
        ):
            return None
        mention = Mention(match.start(), match.end(), "month", month=self.lexicon.months[name])
        mention.shift = self._shift(match["rel"])
        return mention

    def read_weekday(self, match: Match, text: str) -> Mention | None:
        """ "Tuesday", "last Thursday", "Tuesday morning"; not inside a name."""
        if not _capitalised(text, match.start("wd")) or self._weekday_in_name(match, text):
            return None
        mention = Mention(match.start(), match.end(), "weekday")
        mention.weekday = self.lexicon.weekdays[match["wd"]]
        mention.shift = self._shift(match["rel"])
        if match["part"]:
            mention.day_part = self.lexicon.day_parts[match["part"]]
        return mention

    def _weekday_in_name(self, match: Match, text: str) -> bool:
        """ "the Sunday Times", "Bloody Sunday": a weekday name inside a name."""
        if _word_before(text, match.start("wd")) in self.lexicon.weekday_name_before:
            return True
        end = match.end("wd")
        if not text[end + 1 : end + 2].isupper():
            return False
        following = lowered(text[end : end + 20]).split()
        names = self.lexicon.weekday_name_after
        return following[0].strip(".,") in names or " ".join(following[:2]) in names

    def read_deictic(self, match: Match, text: str) -> Mention | None:
        """ "yesterday", "tonight", "this morning", "last night", "tomorrow evening"."""
        word = _squash(match["word"] or match["rel"])
        days = {"this": 0, "last": -1}.get(word, self.lexicon.deictic.get(word, 0))
        mention = Mention(match.start(), match.end(), "deictic", number=days)
        part = "night" if word in ("tonight", "tonite") else match["part"] or match["part2"]
        if part:
            mention.day_part = self.lexicon.day_parts[part]
        return mention

    def read_day_part_of(self, match: Match, text: str) -> Mention | None:
        """ "mid-afternoon yesterday", "the morning of Tuesday"."""
        if match["wd"]:
            if not _capitalised(text, match.start("wd")):
                return None
            mention = Mention(match.start(), match.end(), "weekday")
            mention.weekday = self.lexicon.weekdays[match["wd"]]
        else:
            mention = Mention(match.start(), match.end(), "deictic")
            mention.number = self.lexicon.deictic[match["word"]]
        mention.day_part = self.lexicon.day_parts[match["part"]]
        return mention

    # -- periods ----------------------------------------------------------------------------------

    def read_quarter_code(self, match: Match, text: str) -> Mention | None:
        """ "Q3", "Q3 2015", "2017 Q1", "H2 2019" (capital Q or H only; H is a half)."""
        letter = match["letter"]
        if not text[match.start("letter")].isupper() or (letter == "h" and int(match["q"]) > 2):
            return None
        written = match["year"] or match["year1"]
        kind = "quarter" if letter == "q" else "half"
        year = int(written) if written else None
        return Mention(match.start(), match.end(), kind, year=year, number=int(match["q"]))

    def read_quarter(self, match: Match, text: str) -> Mention | None:
        """ "the third quarter", "third-quarter", "the fourth quarter of 1990", "next year's first
        quarter"."""
        mention = Mention(match.start(), match.end(), "quarter")
        mention.number = self.numbers.quarter(match["q"])
        year = match["year"] or match["qyear"] or match["fyear"]
        mention.year = int(year) if year else None
        relative = match["yrel"] or match["orel"]
        if relative:  # "next year's first quarter", "the first quarter of next year"
            mention.kind, mention.shift = "quarter_of", self.lexicon.shifts_before[relative]
        else:
            mention.shift = self._shift(match["rel"])
        return mention

    def read_half(self, match: Match, text: str) -> Mention | None:
        """ "the first half of 2015", "the second half of next year"."""
        mention = Mention(match.start(), match.end(), "half")
        mention.number = 1 if match["h"] == "first" else 2
        if match["year"]:
            mention.year = int(match["year"])
        else:
            mention.kind, mention.shift = "half_of", self.lexicon.shifts_before[match["orel"]]
        return mention

    def read_year_quarter(self, match: Match, text: str) -> Mention | None:
        """ "the 1989 third quarter"; "the 1988 quarter" is the quarter last named, in 1988."""
        year = int(match["year"])
        if match["q"]:
            number = self.numbers.quarter(match["q"])
            return Mention(match.start(), match.end(), "quarter", year=year, number=number)
        unit = self.lexicon.units["quarter"]
        return Mention(match.start(), match.end(), "anaphor", year=year, unit=unit, value="the")

    def read_decade(self, match: Match, text: str) -> Mention | None:
        """ "the 1990s", "the '80s", "the nineties". Two digits need "the" (or an apostrophe):
        "in their 80s" is an age. The century of two digits is the 1900s from 30, else 2000s."""
        if match["word"]:
            year = 1900 + 10 * self.lexicon.decades[match["word"]]
        elif match["cent"]:
            year = int(match["cent"]) * 100 + int(match["dec"]) * 10
        else:
            after_the = match["the"] or _AFTER_THE.search(lowered(text[: match.start()][-16:]))
            if not (match["apos"] or after_the):
                return None
            digit = int(match["dec2"] or match["dec3"])
            year = (2000 if digit <= 2 else 1900) + 10 * digit
        return Mention(match.start(), match.end(), "decade", year=year)

    def read_century(self, match: Match, text: str) -> Mention | None:
        """ "the 20th century", "the twentieth century": its first year, 1900."""
        ordinal = match["ord"]
        number = self.lexicon.ordinals.get(ordinal) or int(re.sub(r"\D", "", ordinal))
        if not 1 <= number <= _LAST_CENTURY:
            return None
        return Mention(match.start(), match.end(), "century", year=(number - 1) * 100)

    def read_season(self, match: Match, text: str) -> Mention | None:
        """ "the summer of 2014", "last fall", "this spring". Without a year: not before "of"
        ("the fall of Mosul"), not after a capitalised word ("Arab Spring"), and "fall" and
        "spring" (verbs too) only after "the" or a relative word."""
        year = self.numbers.year(match["year"]) if match["year"] else None
        if year is None and not self._season_alone(match, text):
            return None
        code = self.lexicon.seasons[match["season"]]
        mention = Mention(match.start(), match.end(), "season", year=year, season=code)
        mention.shift = self._shift(match["rel"])
        return mention

    def _season_alone(self, match: Match, text: str) -> bool:
        if _OF_SOMETHING.match(text, match.end()):
            return False
        if (
            not (match["rel"] or match["the"])
            and match["season"] in self.lexicon.seasons_also_words
        ):
            return False
        return not _capitalised_word_before(text, match.start("season"))

    def read_year(self, match: Match, text: str) -> Mention | None:
        """ "1999", "fiscal 1989", "the year 2000", "nineteen ninety-six"."""
        if match["spelled"]:
            year = self.numbers.year(match["spelled"])
            if year is None or (year == 2000 and not match[0].startswith("the year")):
                return None  # "two thousand people"
            return Mention(match.start(), match.end(), "year", year=year)
        if not match["named"] and not self._is_year(match, text):
            return None
        return Mention(match.start(), match.end(), "year", year=int(match["year"]))

    def _is_year(self, match: Match, text: str) -> bool:
        """Four digits are a year unless a counted noun or unit follows ("2000 fighters", "1500
        km"), or a currency sign or label comes before ("$2015", "No. 1989"); a year cue before
        ("in", "since") only settles the second."""
        start, end = match.start("year"), match.end("year")
        before = _word_before(text, start)
        labelled = before in self.lexicon.year_not_after or text[start - 1 : start] in "$£€#"
        cued = before in self.lexicon.year_cues or _GLUED_WORD.fullmatch(before) is not None
        if (labelled and not cued) or _in_digit_chain(text, start, end):
            return False
        return not _counted_after(text, end, self.lexicon)

    # -- relative expressions ---------------------------------------------------------------------

    def read_relative(self, match: Match, text: str) -> Mention | None:
        """ "last week", "this year", "the current quarter", "next month"."""
        unit = self.lexicon.units[match["unit"]]
        shift = self._shift(match["rel"])
        return Mention(match.start(), match.end(), "relative", unit=unit, shift=shift)

    def read_period_end(self, match: Match, text: str) -> Mention | None:
        """ "year-end", "year's end" (the end of this year); "the weekend" (the nearest)."""
        unit = self.lexicon.units[self.lexicon.period_ends[_squash(match["end"])]]
        if unit.granularity == "weekend":
            return Mention(match.start(), match.end(), "relative", unit=unit)
        mention = Mention(match.start(), match.end(), "relative", unit=unit, shift=0)
        mention.part = "END"
        return mention

    def read_anaphor(self, match: Match, text: str) -> Mention | None:
        """ "the quarter", "that year", "the latest period", "the same week"."""
        word, role = match["unit"], self.lexicon.anaphora[_squash(match["det"])]
        if word == "period" and role != "latest":
            return None  # "the period" alone is too vague; "the latest period" is a quarter
        if word == "weekend" and role == "the":
            return None  # "the weekend" is the nearest one: the "period_end" rule reads it
        unit = self.lexicon.units["quarter" if word == "period" else word]
        if unit.granularity == "year" and _ENDED.match(text, match.end()):
            # "the year ended March 31": a company's twelve months, not a calendar year
            return Mention(match.start(), match.end(), "duration", unit=unit, count=1.0)
        shift = 0 if role == "current" else None
        return Mention(match.start(), match.end(), "anaphor", unit=unit, shift=shift, value=role)

    def read_year_ago(self, match: Match, text: str) -> Mention | None:
        """ "the year-ago quarter", "the year-earlier third quarter", "year-ago"."""
        mention = Mention(match.start(), match.end(), "year_ago")
        if match["q"]:
            mention.number = self.numbers.quarter(match["q"])
        return mention

    def read_offset(self, match: Match, text: str) -> Mention | None:
        """ "two days ago", "a year earlier", "three months from now", "years ago"."""
        unit = self._unit(match["unit"])
        if match["count"] is None and not match["unit"].endswith("s"):
            return None  # "week earlier"
        count, mod = self.numbers.count(match["count"]) if match["count"] else (None, None)
        mention = Mention(match.start(), match.end(), "offset", unit=unit, count=count, mod=mod)
        mention.shift = self.lexicon.offsets_after[_squash(match["dir"])]
        return mention

    def read_span(self, match: Match, text: str) -> Mention | None:
        """ "the past three months", "the next two years", "the first nine months", "the past
        year"; "the following month" steps from the month last named."""
        lead, unit = _squash(match["lead"]), self._unit(match["unit"])
        if lead == "last":
            return None  # "will last three weeks": the verb; "the last three weeks" has "the"
        if match["count"] is None:
            return self._span_without_count(match, lead, unit)
        count, mod = self.numbers.count(match["count"])
        if count is None:  # "the next few days": a vague length
            return Mention(match.start(), match.end(), "duration", unit=unit)
        mention = Mention(match.start(), match.end(), "span", unit=unit, count=count, mod=mod)
        mention.shift = self.lexicon.spans[lead]
        if mention.shift == 0 and (of_year := _OF_YEAR.match(text, match.end())):
            mention.year, mention.end = int(of_year["year"]), of_year.end()
        return mention

    def _span_without_count(self, match: Match, lead: str, unit: Unit) -> Mention | None:
        if lead in _STEP_LEADS:
            mention = Mention(match.start(), match.end(), "anaphor", unit=unit, value="step")
            mention.shift = self.lexicon.spans[lead]
            return mention
        if " " not in lead or unit.granularity == "second" or match["unit"].endswith("s"):
            return None  # "last week" is a calendar week, "the past months" a vague length
        mention = Mention(match.start(), match.end(), "span", unit=unit, count=1.0)
        mention.shift = self.lexicon.spans[lead]
        return mention

    def read_vague_period(self, match: Match, text: str) -> Mention | None:
        """ "recent years" and "the weeks ahead" (a vague length), "the coming months"."""
        unit = self._unit(match["unit"] or match["unit2"])
        value = self.lexicon.vague_period_leads[_squash(match["lead"] or match["ahead"])]
        if value == "PX":
            return Mention(match.start(), match.end(), "duration", unit=unit)
        return Mention(match.start(), match.end(), "vague", unit=unit, value=value)

    # -- durations, sets, clock times, vague words ------------------------------------------------

    def read_duration(self, match: Match, text: str) -> Mention | None:
        """ "three years", "a four-month battle", "2 1/2 years", "a minute and a half"."""
        if match["bare"]:
            return self._bare_duration(match, text)
        unit = self._unit(match["unit"])
        if not self._counted_duration(match, text, unit):
            return None
        count, mod = self.numbers.count(match["count"])
        if count is not None and match["half"]:
            count += 0.5  # "a minute and a half"
        mention = Mention(match.start(), match.end(), "duration", unit=unit, count=count, mod=mod)
        mention.after_in = _word_before(text, match.start()) == "in"
        return mention

    @staticmethod
    def _counted_duration(match: Match, text: str, unit: Unit) -> bool:
        """Not an age ("a 52-year-old"), an ordinal ("a second attack"), a clock time ("0400
        hrs") or a share ("three-quarters of its food")."""
        if match["old"] or (unit.granularity == "second" and match["count"] in ("a", "an")):
            return False
        if unit.granularity == "hour" and _MILITARY.fullmatch(match["count"]):
            return False
        return not (unit.granularity == "quarter" and _SHARE_OF.match(text, match.end()))

    def _bare_duration(self, match: Match, text: str) -> Mention | None:
        """ "for years", "within days", "months of talks": a vague length after a cue or before
        "of"."""
        cued = _word_before(text, match.start()) in self.lexicon.bare_plural_cues
        if not cued and not _OF.match(text, match.end()):
            return None
        return Mention(match.start(), match.end(), "duration", unit=self._unit(match["bare"]))

    def read_set(self, match: Match, text: str) -> Mention | None:
        """ "every two days", "each Thursday", "each July", "weekly", "$5 a year"."""
        if match["adverb"]:
            return self._set_word(match, text)
        count = self.numbers.count(match["count"])[0] if match["count"] else 1.0
        mention = Mention(match.start(), match.end(), "set", count=count)
        if match["unit"]:
            mention.unit = self._unit(match["unit"])
        elif match["wd"]:
            mention.weekday = self.lexicon.weekdays[match["wd"]]
        elif match["mon"]:
            mention.month = self.lexicon.months[match["mon"]]
        else:
            mention.season = self.lexicon.seasons[match["season"]]
        return mention

    def _set_word(self, match: Match, text: str) -> Mention | None:
        """ "weekly" only as an adverb; "a year", "per day" only as a rate after an amount."""
        phrase = _squash(match["adverb"])
        if phrase in self.lexicon.only_as_adverb and not self._adverbial(text, match.end()):
            return None
        start = match.start()
        if phrase.split()[0] in self.lexicon.set_rate_words:
            before = lowered(text[max(0, start - 30) : start])
            rate = self._rate_before.search(before)
            if rate is None:
                return None
            if rate["times"]:  # "twice a week": the frequency belongs to the set
                start -= len(before) - rate.start()
        return Mention(start, match.end(), "set", value=self.lexicon.set_adverbs[phrase])

    def read_clock(self, match: Match, text: str) -> Mention | None:
        """ "3 p.m.", "10:30am", "0400 GMT", "noon", "midnight"."""
        mention = Mention(match.start(), match.end(), "clock")
        if match["word"]:
            mention.hour, mention.minute = self.lexicon.clock_words[match["word"]]
        elif match["hh"]:
            mention.hour, mention.minute = int(match["hh"]), int(match["mm"])
        else:
            hour = int(match["h"])
            if not 1 <= hour <= _CLOCK_HOURS:
                return None
            afternoon = self.lexicon.meridiem[_squash(match["ap"])] == "pm"
            mention.hour, mention.minute = hour % 12 + 12 * afternoon, int(match["mi"] or 0)
        return mention

    def read_vague(self, match: Match, text: str) -> Mention | None:
        """ "now", "recently", "soon", "the past", "the future"; "earlier" only as an adverb."""
        phrase = _squash(match["vague"])
        if phrase in self.lexicon.only_as_adverb and not (
            self._adverbial(text, match.end())
            and _word_before(text, match.start()) not in _DETERMINERS
        ):
            return None  # "its earlier loss", "an earlier model"
        return Mention(match.start(), match.end(), "vague", value=self.lexicon.vague[phrase])

    # -- shared -----------------------------------------------------------------------------------

    def _unit(self, word: str) -> Unit:
        return self.lexicon.units[_squash(word)]

    def _shift(self, relative: str | None) -> int | None:
        return None if relative is None else self.lexicon.shifts_before[_squash(relative)]

    def _adverbial(self, text: str, end: int) -> bool:
        """Used as an adverb: what follows is the end, punctuation, a capitalised word or a
        function word ("grew 20% annually since 1980"), not a noun ("its quarterly dividend")."""
        following = _TOKEN.search(text, end, min(len(text), end + 30))
        if following is None or text[end : following.start()].strip():
            return True
        word = following[0]
        return not word[:1].islower() or word.lower() in self.lexicon.adverb_followers


def _rate_pattern(lexicon: TimeLexicon) -> re.Pattern[str]:
    """What comes right before a rate ("a year", "per day"): an amount ("$5 million", "3%",
    "10,000 barrels", "thousands") or a frequency ("twice", "three times"), captured as `times`."""
    numbers = words([*lexicon.ones, *lexicon.tens, *lexicon.vague_counts])
    frequency = f"(?:\\d+|{numbers}) times|{words(lexicon.set_frequencies)}"
    amount = r"\d[\d,.]*\s*(?:%|percent|[a-z]+)?|[a-z]+s"
    return re.compile(
        f"(?:(?<![\\w'])(?P<times>{spaced(frequency)})|{amount}|{words(lexicon.scales)})\\s+$"
    )


# -- the text around a match --------------------------------------------------------------------


def _date(match: Match, year: int | None, month: int, day: int) -> Mention | None:
    if not (1 <= month <= _LAST_MONTH and 1 <= day <= 31):
        return None
    return Mention(match.start(), match.end(), "date", year=year, month=month, day=day)


def _capitalised(text: str, start: int) -> bool:
    return text[start : start + 1].isupper()


def _word_before(text: str, start: int) -> str:
    found = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return "" if found is None else found[1].lower()


def _capitalised_word_before(text: str, start: int) -> bool:
    """A capitalised word right before: "Arab Spring", "Prague Spring"."""
    found = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if found is None or text[found.end() : start].strip():
        return False
    word = found[1]
    return word[:1].isupper() and word.lower() not in _NOT_NAMES


def _counted_after(text: str, end: int, lexicon: TimeLexicon) -> bool:
    """A count, not a year: a unit, "percent" or a plural noun right after ("2000 fighters"),
    also after a range ("between 2000 and 3000 fighters")."""
    following = _TOKEN.search(text, end, min(len(text), end + 25))
    if following is None or text[end : following.start()].strip(" "):
        return False
    word = following[0]
    folded = word.lower().rstrip(".")
    if folded in ("and", "to", "or") and re.match(r"\s*\d", text[following.end() :]):
        second = _TOKEN.search(text, following.end(), following.end() + 30)
        return second is not None and _counted_after(text, second.end(), lexicon)
    if folded in lexicon.year_not_before:
        return True
    return word[:1].islower() and _looks_plural(folded)


def _in_digit_chain(text: str, start: int, end: int) -> bool:
    """Four digits inside a phone number or code ("138-2010-2015", "2010-2015-86"): hyphened to
    digits on both sides, or twice on one side, or to a number of other than four digits before.
    A range of years ("2014-2015", "2014-15") is no chain."""
    before = _CHAIN_BEFORE.search(text, max(0, start - 12), start)
    after = _CHAIN_AFTER.match(text, end)
    if before is not None and after is not None:
        return True
    if (before is not None and before["more"]) or (after is not None and after["more"]):
        return True
    return before is not None and len(before["digits"]) != len("2015")


def _looks_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))


def _squash(phrase: str) -> str:
    return " ".join(phrase.split())
