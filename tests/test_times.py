"""Time expressions in short news sentences written for these tests.

Every sentence below is made up for this file. The reference date (the publication date) is
Thursday 17 March 2016 unless a test says otherwise; its ISO week is 2016-W11 (14-20 March).
Each test checks one behaviour of `sitrep.times`: which forms are found, how each is resolved
(nearest occurrence, tense, day/month order, parts of periods), what is typed but left vague,
what is no time expression at all, and that every record points at its own text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.model import TimeExpression
from sitrep.times import TimeExtractor, extract_times
from sitrep.times.firsts import first_chars
from sitrep.times.grammar import Grammar
from sitrep.times.lexicon import TimeLexicon
from sitrep.times.openings import Openings, openings

REFERENCE = dt.date(2016, 3, 17)


def only(found: Iterable[TimeExpression], needle: str) -> TimeExpression:
    """The one expression whose text contains `needle`."""
    found = tuple(found)
    matches = [time for time in found if needle in time.text]
    assert len(matches) == 1, (
        f"expected one time containing {needle!r}, got {[t.text for t in found]}"
    )
    return matches[0]


def time_in(sentence: str, needle: str, reference: dt.date | None = REFERENCE) -> TimeExpression:
    return only(extract_times(sentence, reference), needle)


def first_word(text: str) -> str:
    return re.split(r"[\s/-]", text)[0]


def last_word(text: str) -> str:
    return re.split(r"[\s/-]", text)[-1]


# -- the seed articles' phrases ----------------------------------------------------------------

SEED_CASES = [
    (
        "Last week, Iraqi officials confirmed the figures.",
        "Last week",
        "2016-W10",
        ("2016-03-07", "2016-03-13"),
    ),
    (
        "In all of 2015, the group lost 14 percent of its territory.",
        "2015",
        "2015",
        ("2015-01-01", "2015-12-31"),
    ),
    (
        "In the past three months, they lost another eight percent.",
        "the past three months",
        "P3M",
        ("2015-12-17", "2016-03-17"),
    ),
    (
        "On Feb. 22, a triple suicide bombing killed dozens in the capital.",
        "Feb. 22",
        "2016-02-22",
        ("2016-02-22", "2016-02-22"),
    ),
    (
        "Security was tightened after the Nov. 13 Paris attacks.",
        "Nov. 13",
        "2015-11-13",
        ("2015-11-13", "2015-11-13"),
    ),
    (
        "More than 300 people have been killed since the summer.",
        "since the summer",
        "2015-SU",
        ("2015-06-01", "2016-03-17"),
    ),
]


@pytest.mark.parametrize(("sentence", "text", "value", "interval"), SEED_CASES)
def test_times_seed_phrases_resolve(
    sentence: str, text: str, value: str, interval: tuple[str, str]
) -> None:
    time = time_in(sentence, text)
    assert (time.text, time.value, time.interval) == (text, value, interval)


def test_times_past_months_is_an_anchored_duration() -> None:
    time = time_in("In the past three months, they lost another eight percent.", "months")
    assert (time.type, time.granularity, time.vague) == ("duration", "month", False)


def test_times_since_runs_to_the_reference() -> None:
    time = time_in("At least 300 people have been killed since the summer.", "summer")
    assert (time.type, time.granularity, time.mod) == ("date", "season", "ON_OR_AFTER")


# -- explicit dates ------------------------------------------------------------------------------

DATE_CASES = [
    ("The convoy was hit on 22 February 2016, officials said.", "22 February 2016"),
    ("The convoy was hit on February 22nd, 2016, officials said.", "February 22nd, 2016"),
    ("The convoy was hit on Feb. 22, 2016, officials said.", "Feb. 22, 2016"),
    ("The report is dated 2016-02-22.", "2016-02-22"),
    ("The form was signed on 22/02/2016 in Erbil.", "22/02/2016"),
    ("The form was signed on 02/22/2016 in Erbil.", "02/22/2016"),
    ("The rally was called for Monday, Feb. 22, in the old city.", "Monday, Feb. 22"),
    ("Talks resumed on the 22nd of February.", "the 22nd of February"),
    ("The memo was dated 22-Feb-2016.", "22-Feb-2016"),
]


@pytest.mark.parametrize(("sentence", "text"), DATE_CASES)
def test_times_explicit_dates_in_every_news_form(sentence: str, text: str) -> None:
    time = time_in(sentence, first_word(text))
    assert (time.text, time.value, time.type) == (text, "2016-02-22", "date")
    assert time.interval == ("2016-02-22", "2016-02-22")


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The ceasefire began on Sept. 12 and collapsed within days.", "Sept. 12", "2015-09-12"),
        ("The town fell on Jan. 3 after a long siege.", "Jan. 3", "2016-01-03"),
        ("The last convoy arrived on March 8.", "March 8", "2016-03-08"),
        ("It was founded on June 29, 2014.", "June 29, 2014", "2014-06-29"),
    ],
)
def test_times_month_and_day_take_the_nearest_year(sentence: str, text: str, value: str) -> None:
    assert time_in(sentence, text).value == value


# -- day/month order -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day_first", "value"),
    [
        ("22/02/2016", False, "2016-02-22"),  # 22 cannot be a month: the day
        ("02/22/2016", False, "2016-02-22"),  # 22 cannot be a month: the day
        ("03/04/2016", False, "2016-03-04"),  # both could be: US order by default
        ("03/04/2016", True, "2016-04-03"),  # an outlet that writes the day first
        ("03.04.2016", False, "2016-04-03"),  # dotted: the European order
        ("3/4/16", False, "2016-03-04"),  # a two-digit year
    ],
)
def test_times_day_month_order_follows_the_documented_rule(
    written: str, day_first: bool, value: str
) -> None:
    sentence = f"The document was signed on {written} in Baghdad."
    [time] = extract_times(sentence, REFERENCE, day_first=day_first)
    assert (time.text, time.value) == (written, value)


# -- months, years, decades, seasons, quarters, halves, centuries ----------------------------------

PERIOD_CASES = [
    ("The offensive began in January.", "January", "2016-01", "month"),
    ("The dam was retaken in December.", "December", "2015-12", "month"),
    ("Fighting resumed in March.", "March", "2016-03", "month"),
    ("The group was pushed out in February 1947.", "February 1947", "1947-02", "month"),
    ("The city was a trading hub in the 1990s.", "the 1990s", "199", "decade"),
    ("The city was a trading hub in the '90s.", "the '90s", "199", "decade"),
    ("The town changed hands in the summer of 2014.", "the summer of 2014", "2014-SU", "season"),
    (
        "Exports fell in the third quarter of 2015.",
        "the third quarter of 2015",
        "2015-Q3",
        "quarter",
    ),
    ("Exports fell in Q3 2015, the ministry said.", "Q3 2015", "2015-Q3", "quarter"),
    ("Exports fell in the first half of 2015.", "the first half of 2015", "2015-H1", "half"),
    ("The bridge was built in the 20th century.", "the 20th century", "19", "century"),
    ("Apple's 2016 iPhone was unveiled in September.", "2016", "2016", "year"),
    ("The ministry's budget for fiscal 2015 was cut.", "fiscal 2015", "2015", "year"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "granularity"), PERIOD_CASES)
def test_times_months_years_and_longer_periods(
    sentence: str, text: str, value: str, granularity: str
) -> None:
    time = time_in(sentence, text)
    assert (time.text, time.value, time.granularity) == (text, value, granularity)


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        ("2015-SU", ("2015-06-01", "2015-08-31")),
        ("2015-WI", ("2015-12-01", "2016-02-29")),
        ("2015-Q3", ("2015-07-01", "2015-09-30")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("2016-W10", ("2016-03-07", "2016-03-13")),
    ],
)
def test_times_periods_cover_their_days(value: str, interval: tuple[str, str]) -> None:
    from sitrep.times.dates import period_of_value

    period = period_of_value(value)
    assert period is not None and period.interval == interval


def test_times_winter_is_the_meteorological_season() -> None:
    time = time_in("The camps flooded during the winter of 2015.", "winter")
    assert (time.value, time.interval) == ("2015-WI", ("2015-12-01", "2016-02-29"))


# -- parts of a period -----------------------------------------------------------------------------

PART_CASES = [
    (
        "Kurdish forces advanced in mid-2015.",
        "mid-2015",
        "2015",
        "MID",
        ("2015-05-01", "2015-08-31"),
    ),
    (
        "Talks stalled early this week.",
        "early this week",
        "2016-W11",
        "START",
        ("2016-03-14", "2016-03-15"),
    ),
    (
        "The militants withdrew late last year.",
        "late last year",
        "2015",
        "END",
        ("2015-09-01", "2015-12-31"),
    ),
    (
        "The aid must arrive by the end of March.",
        "the end of March",
        "2016-03",
        "END",
        ("2016-03-22", "2016-03-31"),
    ),
    (
        "The army said earlier this month that it had retaken the road.",
        "earlier this month",
        "2016-03",
        "START",
        ("2016-03-01", "2016-03-17"),
    ),
    (
        "A vote is expected later this year.",
        "later this year",
        "2016",
        "END",
        ("2016-03-17", "2016-12-31"),
    ),
    (
        "The siege lifted in early January.",
        "early January",
        "2016-01",
        "START",
        ("2016-01-01", "2016-01-10"),
    ),
    (
        "Prices peaked at the beginning of 2014.",
        "the beginning of 2014",
        "2014",
        "START",
        ("2014-01-01", "2014-04-30"),
    ),
]


@pytest.mark.parametrize(("sentence", "text", "value", "mod", "interval"), PART_CASES)
def test_times_parts_of_periods_narrow_the_interval(
    sentence: str, text: str, value: str, mod: str, interval: tuple[str, str]
) -> None:
    time = time_in(sentence, last_word(text))
    assert (time.text, time.value, time.mod, time.interval) == (text, value, mod, interval)


# -- weekdays and the past/future rule -------------------------------------------------------------

WEEKDAY_CASES = [
    ("Rebels shelled the market on Tuesday.", "Tuesday", "2016-03-15"),
    ("The envoy will visit Damascus on Tuesday.", "Tuesday", "2016-03-22"),
    ("The talks are due to resume on Tuesday.", "Tuesday", "2016-03-22"),
    ("The talks resumed on Thursday.", "Thursday", "2016-03-17"),
    ("A car bomb exploded last Thursday.", "last Thursday", "2016-03-10"),
    ("The council meets next Monday.", "next Monday", "2016-03-21"),
    ("Troops crossed the river on Monday.", "Monday", "2016-03-14"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), WEEKDAY_CASES)
def test_times_weekdays_resolve_to_the_nearest_occurrence(
    sentence: str, text: str, value: str
) -> None:
    time = time_in(sentence, text)
    assert (time.text, time.value, time.granularity) == (text, value, "day")


TENSE_CASES = [
    ("The ministry published its figures in December.", "December", "2015-12"),
    ("The ministry will publish its figures in December.", "December", "2016-12"),
    ("The ministry plans to publish its figures in December.", "December", "2016-12"),
    ("The mandate expired on Nov. 13.", "Nov. 13", "2015-11-13"),
    ("The mandate is due to expire on Nov. 13.", "Nov. 13", "2016-11-13"),
    ("Aid reached the town last November.", "last November", "2015-11"),
    ("The vote is set for this September.", "this September", "2016-09"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), TENSE_CASES)
def test_times_the_past_is_preferred_unless_the_sentence_speaks_of_the_future(
    sentence: str, text: str, value: str
) -> None:
    assert time_in(sentence, text).value == value


PAST_TENSE_CASES = [
    # Saturday 19 March is two days ahead, Saturday 12 March five days back: the verb decides.
    ("Gunmen killed 12 people on Saturday.", "Saturday", "2016-03-12"),
    ("The envoy was told on Friday that talks had failed.", "Friday", "2016-03-11"),
    ("On Saturday, the militia shelled the bridge.", "Saturday", "2016-03-12"),
    ("The convoy arrives on Saturday.", "Saturday", "2016-03-19"),
    ("The convoy will arrive on Saturday.", "Saturday", "2016-03-19"),
    # Even in the past tense, a date far nearer ahead than behind is ahead (16 days vs 350).
    ("The ceasefire was extended to April 2.", "April 2", "2016-04-02"),
    # An "-ed" adjective is no past tense: the nearer Saturday stands.
    ("An armed Saturday patrol is planned.", "Saturday", "2016-03-19"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), PAST_TENSE_CASES)
def test_times_a_clause_in_the_past_tense_leans_to_the_last_occurrence(
    sentence: str, text: str, value: str
) -> None:
    assert time_in(sentence, text).value == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The helicopters crashed last February.", "2015-02"),  # February 2016 is "last month"
        ("The offensive began last January.", "2016-01"),
        ("Aid reached the town last November.", "2015-11"),
        ("The siege began last March.", "2015-03"),
    ],
)
def test_times_last_month_name_skips_the_month_just_gone(sentence: str, value: str) -> None:
    assert time_in(sentence, "last").value == value


def test_times_a_much_nearer_next_occurrence_wins_without_a_cue() -> None:
    # April 2016 starts 15 days after the reference; April 2015 ended 322 days before it.
    assert time_in("Elections are scheduled for April.", "April").value == "2016-04"
    assert time_in("The offensive started in April.", "April").value == "2016-04"


# -- relative expressions --------------------------------------------------------------------------

RELATIVE_CASES = [
    ("Fighting intensified this week.", "this week", "2016-W11", ("2016-03-14", "2016-03-20")),
    ("Talks resume next week.", "next week", "2016-W12", ("2016-03-21", "2016-03-27")),
    ("Prices rose last month.", "last month", "2016-02", ("2016-02-01", "2016-02-29")),
    ("The toll rose last year.", "last year", "2015", ("2015-01-01", "2015-12-31")),
    ("Elections are planned next year.", "next year", "2017", ("2017-01-01", "2017-12-31")),
    ("A mortar hit the school yesterday.", "yesterday", "2016-03-16", ("2016-03-16", "2016-03-16")),
    ("Clashes broke out today.", "today", "2016-03-17", ("2016-03-17", "2016-03-17")),
    ("The envoy arrives tomorrow.", "tomorrow", "2016-03-18", ("2016-03-18", "2016-03-18")),
    (
        "The town was retaken two days ago.",
        "two days ago",
        "2016-03-15",
        ("2016-03-15", "2016-03-15"),
    ),
    (
        "The bridge was destroyed two weeks ago.",
        "two weeks ago",
        "2016-03-03",
        ("2016-03-03", "2016-03-03"),
    ),
    (
        "A year earlier, the group held the city.",
        "A year earlier",
        "2015",
        ("2015-01-01", "2015-12-31"),
    ),
    (
        "Casualties have doubled over the past year.",
        "the past year",
        "P1Y",
        ("2015-03-17", "2016-03-17"),
    ),
    (
        "Aid will be delivered over the next two weeks.",
        "the next two weeks",
        "P2W",
        ("2016-03-17", "2016-03-31"),
    ),
    (
        "The camp was built during the first nine months of the year.",
        "the first nine months",
        "P9M",
        ("2016-01-01", "2016-09-30"),
    ),
    (
        "Talks will continue over the weekend.",
        "the weekend",
        "2016-W11-WE",
        ("2016-03-19", "2016-03-20"),
    ),
]


@pytest.mark.parametrize(("sentence", "text", "value", "interval"), RELATIVE_CASES)
def test_times_relative_expressions_use_calendar_arithmetic(
    sentence: str, text: str, value: str, interval: tuple[str, str]
) -> None:
    time = time_in(sentence, last_word(text))
    assert (time.text, time.value, time.interval) == (text, value, interval)


def test_times_over_a_year_ago_is_a_qualified_point() -> None:
    time = time_in("The militants seized the dam over a year ago.", "ago")
    assert (time.text, time.value, time.mod) == ("over a year ago", "2015", "MORE_THAN")


def test_times_will_in_two_weeks_is_a_date_ahead() -> None:
    time = time_in("The envoy will return in two weeks.", "weeks")
    assert (time.type, time.value) == ("date", "2016-03-31")


def test_times_a_year_earlier_after_a_named_quarter_is_that_quarter_a_year_before() -> None:
    found = extract_times(
        "Profit rose in the third quarter from $5 million a year earlier.", REFERENCE
    )
    assert [time.value for time in found] == ["2015-Q3", "2014-Q3"]


def test_times_that_year_is_the_year_last_named() -> None:
    found = extract_times("The dam fell in 2014. That year, the group also took Mosul.", REFERENCE)
    assert [time.value for time in found] == ["2014", "2014"]


# -- durations -------------------------------------------------------------------------------------

DURATION_CASES = [
    ("The siege lasted more than a year.", "more than a year", "P1Y", "MORE_THAN"),
    ("It was a four-month battle for the town.", "four-month", "P4M", None),
    ("The group held the city for three years.", "three years", "P3Y", None),
    ("The camp has stood for two and a half years.", "two and a half years", "P2Y6M", None),
    ("A 10-day ceasefire was agreed.", "10-day", "P10D", None),
    ("Rescuers searched for 48 hours.", "48 hours", "PT48H", None),
    ("The talks lasted about two weeks.", "about two weeks", "P2W", "APPROX"),
    ("The road was closed for nearly six months.", "nearly six months", "P6M", "APPROX"),
    ("An additional year of fighting followed.", "An additional year", "P1Y", None),
    ("The valley has been contested for decades.", "decades", "PXE", None),
    ("The crossing was shut for several weeks.", "several weeks", "PXW", None),
]


@pytest.mark.parametrize(("sentence", "text", "value", "mod"), DURATION_CASES)
def test_times_durations_keep_their_count_and_qualifier(
    sentence: str, text: str, value: str, mod: str | None
) -> None:
    time = time_in(sentence, last_word(text))
    assert (time.text, time.type, time.value, time.mod) == (text, "duration", value, mod)
    assert time.interval is None


def test_times_vague_counts_are_vague_durations() -> None:
    time = time_in("The crossing was shut for several weeks.", "weeks")
    assert (time.vague, time.granularity) == (True, "week")


# -- sets ------------------------------------------------------------------------------------------

SET_CASES = [
    ("Convoys leave every two days.", "every two days", "P2D"),
    ("The bulletin is published weekly.", "weekly", "P1W"),
    ("Salaries are paid each month.", "each month", "P1M"),
    ("Prayers are held each Friday.", "each Friday", "XXXX-WXX-5"),
    ("The ministry spends $5 million a year on fuel.", "a year", "P1Y"),
    ("Flights leave twice a week.", "twice a week", "P1W"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), SET_CASES)
def test_times_sets_repeat_a_unit(sentence: str, text: str, value: str) -> None:
    time = time_in(sentence, last_word(text))
    assert (time.text, time.type, time.value, time.interval) == (text, "set", value, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "The company raised its quarterly dividend.",
        "The daily newspaper was closed.",
        "A year of fighting has left the city in ruins.",
    ],
)
def test_times_set_words_before_a_noun_or_without_an_amount_are_no_sets(sentence: str) -> None:
    assert all(time.type != "set" for time in extract_times(sentence, REFERENCE))


# -- times of day ----------------------------------------------------------------------------------

CLOCK_CASES = [
    ("The curfew starts at 3 p.m.", "3 p.m.", "2016-03-17T15:00"),
    ("The strike hit the market at noon.", "noon", "2016-03-17T12:00"),
    ("Shelling resumed at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2016-03-16T22:00"),
    ("The convoy left at 3 p.m. on Tuesday.", "3 p.m. on Tuesday", "2016-03-15T15:00"),
    ("The convoy left on Tuesday at 3 p.m.", "Tuesday at 3 p.m.", "2016-03-15T15:00"),
    ("Sirens sounded at 0400 GMT.", "0400 GMT", "2016-03-17T04:00"),
    ("The attack came on Tuesday morning.", "Tuesday morning", "2016-03-15TMO"),
    ("The minister speaks tonight.", "tonight", "2016-03-17TNI"),
    ("A drone struck the depot last night.", "last night", "2016-03-16TNI"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), CLOCK_CASES)
def test_times_times_of_day_take_their_day(sentence: str, text: str, value: str) -> None:
    time = time_in(sentence, first_word(text))
    assert (time.text, time.type, time.value) == (text, "time", value)


# -- vague references ------------------------------------------------------------------------------

VAGUE_CASES = [
    ("The group has recently lost ground.", "recently", "PAST_REF", "date"),
    ("Aid will arrive soon, the UN said.", "soon", "FUTURE_REF", "date"),
    ("Attacks have increased in recent weeks.", "recent weeks", "PXW", "duration"),
    ("The road is now open.", "now", "PRESENT_REF", "date"),
    ("The town is currently under siege.", "currently", "PRESENT_REF", "date"),
    ("Such attacks were rare in the past.", "the past", "PAST_REF", "date"),
    ("The border may reopen in the future.", "the future", "FUTURE_REF", "date"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "type_"), VAGUE_CASES)
def test_times_vague_references_are_typed_and_left_unresolved(
    sentence: str, text: str, value: str, type_: str
) -> None:
    time = time_in(sentence, last_word(text))
    assert (time.text, time.value, time.type) == (text, value, type_)
    assert (time.vague, time.interval) == (True, None)


# -- what is not a time expression -----------------------------------------------------------------

TRAP_CASES = [
    "Officials said the death toll may rise further.",
    "Theresa May said Britain would send more aid.",
    "Thousands of protesters march to the square every evening.",
    "We will not negotiate, a commander said.",
    "The militants control about 40% of the town.",
    "The Sun reported the raid first.",
    "The army said 2,000 fighters and 1,200 families had left.",
    "Some 2000 fighters crossed the border.",
    "Jan Egeland, the aid chief, visited the camp.",
    "A second attack followed within the hour.",
    "The fall of Mosul shocked the government.",
    "The Arab Spring reached the country.",
    "The Sunday Times reported the deal.",
    "The UN adopted Resolution 2042 unanimously.",
    "Both commanders are in their 80s.",
    "Three-quarters of the city has no power.",
    "A 12-year-old boy was wounded.",
    "The firm's earlier losses were written off.",
]


@pytest.mark.parametrize("sentence", TRAP_CASES)
def test_times_false_positive_traps_give_nothing(sentence: str) -> None:
    found = [t.text for t in extract_times(sentence, REFERENCE) if t.text != "the hour"]
    assert found == []


def test_times_a_second_attack_leaves_only_the_hour() -> None:
    found = extract_times("A second attack followed within the hour.", REFERENCE)
    assert all("second" not in time.text for time in found)


# -- without a reference date ----------------------------------------------------------------------

NO_REFERENCE_CASES = [
    ("Security was tightened after the Nov. 13 Paris attacks.", "Nov. 13", "XXXX-11-13", None),
    ("Rebels shelled the market on Tuesday.", "Tuesday", "XXXX-WXX-2", None),
    ("Prices rose last week.", "last week", "XXXX-WXX", None),
    ("In all of 2015, the group lost ground.", "2015", "2015", ("2015-01-01", "2015-12-31")),
    (
        "The convoy was hit on Feb. 22, 2016.",
        "Feb. 22, 2016",
        "2016-02-22",
        ("2016-02-22", "2016-02-22"),
    ),
]


@pytest.mark.parametrize(("sentence", "text", "value", "interval"), NO_REFERENCE_CASES)
def test_times_without_a_reference_relative_dates_keep_x_digits(
    sentence: str, text: str, value: str, interval: tuple[str, str] | None
) -> None:
    time = time_in(sentence, text, reference=None)
    assert (time.text, time.value, time.interval) == (text, value, interval)


# -- the records -----------------------------------------------------------------------------------


def test_times_records_point_at_their_own_text() -> None:
    text = (
        "Kurdish forces said on Sunday they had retaken 23 villages since early February, "
        "three weeks after the offensive began. The UN will review the truce next month."
    )
    found = extract_times(text, REFERENCE)
    assert [time.text for time in found] == [
        "Sunday",
        "since early February",
        "three weeks",
        "next month",
    ]
    for time in found:
        assert text[time.start_char : time.end_char] == time.text


def test_times_record_round_trips_through_its_stored_form() -> None:
    time = time_in("Last week, Iraqi officials confirmed the figures.", "week")
    stored = time.attrs()
    assert stored["interval"] == ["2016-03-07", "2016-03-13"]
    again = TimeExpression(start_char=time.start_char, end_char=time.end_char, **stored)
    assert again == time


def test_times_extractor_takes_the_pipeline_sentences() -> None:
    from sitrep.model import Sentence

    text = "The talks will resume. On Tuesday the envoy arrived."
    sentences = (Sentence(0, 22), Sentence(23, len(text)))
    [time] = TimeExtractor().extract(text, REFERENCE, sentences)
    assert time.value == "2016-03-15"  # "will" belongs to the first sentence only


def test_times_a_future_cue_does_not_cross_a_full_stop() -> None:
    [time] = extract_times("The talks will resume. On Tuesday the envoy arrived.", REFERENCE)
    assert time.value == "2016-03-15"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcJMSTW0123456789 ,.-/'ayonrdeh")), max_size=80))
def test_times_any_text_gives_well_formed_records(text: str) -> None:
    for time in extract_times(text, REFERENCE):
        assert 0 <= time.start_char < time.end_char <= len(text)
        assert time.text == text[time.start_char : time.end_char]
        assert time.type in ("date", "duration", "set", "time")
        if time.interval is not None:
            assert time.interval[0] <= time.interval[1]


def test_times_regression_issue5_the_first_hour_is_no_part_of_the_year() -> None:
    # Found on the sample corpus: "the first hour" was read as the year's first hour, giving an
    # interval that ended before it began.
    [time] = extract_times("We received more than 40 bodies in the first hour.", REFERENCE)
    assert (time.value, time.interval) == ("PT1H", None)
    [months] = extract_times("In the first two months the group lost 20 towns.", REFERENCE)
    assert months.interval == ("2016-01-01", "2016-02-29")


# -- ranges ----------------------------------------------------------------------------------------

RANGE_CASES = [
    (
        "Fighting raged from May to August 2014.",
        "May to August 2014",
        "2014-05/2014-08",
        ("2014-05-01", "2014-08-31"),
    ),
    (
        "Between June and August 2014, 300 died.",
        "June and August 2014",
        "2014-06/2014-08",
        ("2014-06-01", "2014-08-31"),
    ),
    (
        "The siege lasted from November to February 2016.",
        "November to February 2016",
        "2015-11/2016-02",
        ("2015-11-01", "2016-02-29"),
    ),
    (
        "Talks were held on 12-15 March 2015.",
        "12-15 March 2015",
        "2015-03-12/2015-03-15",
        ("2015-03-12", "2015-03-15"),
    ),
    (
        "Talks were held March 12 to 15, 2015, in Geneva.",
        "March 12 to 15, 2015",
        "2015-03-12/2015-03-15",
        ("2015-03-12", "2015-03-15"),
    ),
    (
        "The drought of 2013-2015 emptied the villages.",
        "2013-2015",
        "2013/2015",
        ("2013-01-01", "2015-12-31"),
    ),
    ("Its 2014-15 budget was cut.", "2014-15", "2014/2015", ("2014-01-01", "2015-12-31")),
    ("Aid fell in Jan-Feb 2016.", "Jan-Feb 2016", "2016-01/2016-02", ("2016-01-01", "2016-02-29")),
    (
        "The count ran between 2011 and 2013.",
        "2011 and 2013",
        "2011/2013",
        ("2011-01-01", "2013-12-31"),
    ),
]


@pytest.mark.parametrize(("sentence", "text", "value", "interval"), RANGE_CASES)
def test_times_a_range_is_one_record_beside_its_ends(
    sentence: str, text: str, value: str, interval: tuple[str, str]
) -> None:
    found = extract_times(sentence, REFERENCE)
    whole = [t for t in found if "/" in t.value]
    assert [(t.text, t.value, t.interval, t.type) for t in whole] == [
        (text, value, interval, "date")
    ]
    ends = [t for t in found if "/" not in t.value]
    assert len(ends) == 2
    assert (ends[0].interval[0], ends[1].interval[1]) == interval  # type: ignore[index]
    assert found[0] is whole[0]  # a range comes before the ends it holds


@pytest.mark.parametrize(
    "sentence",
    [
        "Output grew in both 2014 and 2015.",  # "and" joins a range only after "between"
        "On March 12 to 15 people were hurt.",  # a count, not the end of a range
        "On 12 and 15 March the town was shelled.",  # two days
    ],
)
def test_times_joined_dates_that_are_no_range_give_no_range(sentence: str) -> None:
    assert not [t for t in extract_times(sentence, REFERENCE) if "/" in t.value]


def test_times_the_first_months_of_a_named_year_are_that_year_s() -> None:
    time = time_in("In the first three months of 2015, the toll doubled.", "first")
    assert (time.text, time.value, time.interval) == (
        "the first three months of 2015",
        "P3M",
        ("2015-01-01", "2015-03-31"),
    )


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        ("last week", frozenset("l")),
        ("(?:early|late) 2015", frozenset("el")),
        (r"\d{4}", frozenset("0123456789")),
        ("(?:the )?day", frozenset("td")),
        ("[a-c]x", frozenset("abc")),
        (r"\w+", None),  # too wide to list: every rule starting so is always tried
        ("(?:ago)?", None),  # may match nothing
        ("(?i)may", None),
    ],
)
def test_times_first_chars_never_too_few(pattern: str, first: frozenset[str] | None) -> None:
    assert first_chars(pattern) == first


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        (r"last week\b", Openings(frozenset({"last"}), frozenset())),
        (r"(?:the )?(?:early|late)\b", Openings(frozenset({"the", "early", "late"}), frozenset())),
        (r"\d{4}|now\b", Openings(frozenset({"", "now"}), frozenset())),
        ("mid", Openings(frozenset(), frozenset({"mid"}))),  # may end inside a word: "midday"
        ("q[1-4]", Openings(frozenset({"q"}), frozenset())),
        ("[a-z]{2,}ed", None),  # any word: too many to list
        (r"(?P<a>x)(?P=a)", None),  # a back-reference is not followed
        ("(?i)may", None),
    ],
)
def test_times_openings_never_too_few(pattern: str, found: Openings | None) -> None:
    assert openings(pattern) == found


def test_times_openings_at_a_character_are_those_it_can_begin() -> None:
    listed = Openings(frozenset({"the", "", "last"}), frozenset({"mid"}))
    assert listed.starting("t") == Openings(frozenset({"the"}), frozenset())
    assert listed.starting("m") == Openings(frozenset(), frozenset({"mid"}))
    assert listed.starting("2") == Openings(frozenset({""}), frozenset())


def test_times_grammar_starts_skip_words_no_rule_opens_with() -> None:
    starts = _grammar().starts
    text = "to the end of them, they said 2015 was midday's"
    found = [m.start() for m in starts.finditer(text)]
    assert [text[at : at + 4] for at in found] == ["the ", "end ", "2015", "midd"]


_TIME_WORDS = st.sampled_from(
    "the last this in to of a an 2015 22 feb. february mid- early days two ago week weekend"
    " now earlier q3 1990s said , . - 3 p.m. monday's year-ago the the".split()
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TIME_WORDS, min_size=1, max_size=12))
def test_times_grammar_search_finds_what_the_master_finds_in_any_words(words: list[str]) -> None:
    """The openings filter never skips a word start where the master pattern matches."""
    text = " ".join(words)
    grammar = _grammar()
    for position in range(len(text) + 1):
        hit = grammar.master.search(text, position)
        expected = (hit.start(), hit.lastgroup) if hit is not None else None
        assert grammar.search(text, position, len(text)) == expected


@functools.cache
def _grammar() -> Grammar:
    return Grammar.build(TimeLexicon.load())


@pytest.mark.parametrize(
    "text",
    [
        "on feb. 22, a triple bombing shook the town; two days later the toll rose.",
        "in all of 2015 and in the first three months of 2016 the group lost ground.",
        "no dates here at all, only words and 1,200 fighters.",
        "since mid-2014, and again last week: ٢٠١٥ is a year too.",
    ],
)
def test_times_grammar_search_finds_what_the_master_pattern_finds(text: str) -> None:
    grammar = Grammar.build(TimeLexicon.load())
    position = 0
    while (hit := grammar.master.search(text, position)) is not None:
        assert grammar.search(text, position, len(text)) == (hit.start(), hit.lastgroup)
        position = hit.start() + 1
    assert grammar.search(text, position, len(text)) is None
