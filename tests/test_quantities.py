"""Quantity extraction on short news sentences written for these tests.

Every sentence below is made up for this file: conflict reports, company news and sport. Each
test checks one behaviour of `sitrep.quantities`: how numbers are read, which figures form a
range, what the qualifier and unit are, what a figure measures and about whom, what is not a
figure at all, and that every record points at its own text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.model import Article, Quantity, Sentence, record_from_row
from sitrep.pipeline import Pipeline
from sitrep.quantities import QuantityStage, extract_quantities
from sitrep.quantities.lexicon import word_alternation, words_pattern


def only(found: Iterable[Quantity], needle: str) -> Quantity:
    """The one quantity whose text contains `needle`."""
    found = tuple(found)
    matches = [quantity for quantity in found if needle in quantity.text]
    assert len(matches) == 1, (
        f"expected one quantity containing {needle!r}, got {[q.text for q in found]}"
    )
    return matches[0]


def quantity_in(sentence: str, needle: str) -> Quantity:
    return only(extract_quantities(sentence), needle)


# -- numbers in digits and words ----------------------------------------------------------------

NUMBER_CASES = [
    (
        "Rebels ambushed a convoy and killed eight soldiers near the border.",
        "eight",
        "eight soldiers",
        8,
    ),
    (
        "The ministry said a hundred families had returned to the valley.",
        "hundred",
        "a hundred families",
        100,
    ),
    (
        "The province has two million residents, officials said.",
        "million",
        "two million residents",
        2_000_000,
    ),
    (
        "A 1,300-strong Peshmerga force joined the assault on the town.",
        "1,300",
        "1,300-strong",
        1300,
    ),
    (
        "Twenty-five trucks carrying flour reached the besieged town.",
        "Twenty",
        "Twenty-five trucks",
        25,
    ),
    ("The shelling damaged 2.5 kilometres of the main road.", "2.5", "2.5 kilometres", 2.5),
    ("The harbour handled 14,250 containers last month.", "14,250", "14,250 containers", 14_250),
    ("Aid agencies said 1,250,000 people needed food.", "1,250,000", "1,250,000 people", 1_250_000),
    ("The carmaker reported a profit of $2.8bn for the quarter.", "2.8", "$2.8bn", 2_800_000_000),
    ("The striker joined the club in a 35m deal.", "35", "35m", 35_000_000),
    ("The club signed the winger for £35m on Tuesday.", "35", "£35m", 35_000_000),
    # Regression, issue 3: two scale words, a dollar sign after the currency letter.
    ("The region is home to 4 hundred million people.", "4", "4 hundred million people", 4e8),
    ("The estate was valued at $A82,615,680 last year.", "82", "$A82,615,680", 82_615_680),
    (
        "Troops held between 2000 and 3000 prisoners.",
        "2000",
        "between 2000 and 3000 prisoners",
        None,
    ),
]


@pytest.mark.parametrize(("sentence", "needle", "text", "value"), NUMBER_CASES)
def test_quantities_reads_numbers_in_digits_and_words(
    sentence: str, needle: str, text: str, value: float
) -> None:
    quantity = quantity_in(sentence, needle)
    assert quantity.text == text
    assert quantity.value == (None if value is None else pytest.approx(value))
    assert (quantity.low is None) is (value is not None)
    assert quantity.approx == "exact"
    assert quantity.vague is False


# -- ranges -------------------------------------------------------------------------------------

RANGE_CASES = [
    (
        "IS fields 19,000 to 25,000 fighters in Syria and Iraq.",
        "19,000 to 25,000 fighters",
        19_000,
        25_000,
        "fighter",
    ),
    (
        "The rebels could muster 21,000-24,000 men in the spring.",
        "21,000-24,000 men",
        21_000,
        24_000,
        "man",
    ),
    (
        "The convoy carried between 250 and 300 tonnes of grain.",
        "between 250 and 300 tonnes",
        250,
        300,
        "t",
    ),
    (
        "The garrison held from 20,000 to 31,500 troops at its peak.",
        "from 20,000 to 31,500 troops",
        20_000,
        31_500,
        "soldier",
    ),
    (
        "Organisers said four to five thousand fans watched the final.",
        "four to five thousand fans",
        4_000,
        5_000,
        "fan",
    ),
    (
        "Four to five thousand protesters marched on the ministry.",
        "Four to five thousand protesters",
        4_000,
        5_000,
        "protester",
    ),
]


@pytest.mark.parametrize(("sentence", "text", "low", "high", "unit"), RANGE_CASES)
def test_quantities_joins_ranges(
    sentence: str, text: str, low: float, high: float, unit: str
) -> None:
    found = extract_quantities(sentence)
    assert len(found) == 1
    quantity = found[0]
    assert quantity.text == text
    assert quantity.value is None
    assert quantity.low == pytest.approx(low)
    assert quantity.high == pytest.approx(high)
    assert quantity.unit == unit


SEPARATE_CASES = [
    ("The airstrike killed 61 and wounded 95 in the market.", [("61", 61), ("95", 95)]),
    (
        "The fund grew by $3 billion to $12 billion last year.",
        [("$3 billion", 3e9), ("$12 billion", 12e9)],
    ),
]


@pytest.mark.parametrize(("sentence", "figures"), SEPARATE_CASES)
def test_quantities_keeps_two_figures_apart(
    sentence: str, figures: list[tuple[str, float]]
) -> None:
    found = extract_quantities(sentence)
    assert len(found) == len(figures)
    for needle, value in figures:
        quantity = only(found, needle)
        assert quantity.value == pytest.approx(value)
        assert quantity.low is None
        assert quantity.high is None


# Regression, issue 3: a change is one figure, its new level in `value` and the old in `previous`.
CHANGE_CASES = [
    ("Unemployment rose from 5% to 10% during the siege.", "from 5% to 10%", 10, 5, "percent"),
    (
        "Enrolment in the league grew from 20,000 to 31,500 players over the decade.",
        "from 20,000 to 31,500 players",
        31_500,
        20_000,
        "player",
    ),
    ("The toll fell sharply from 83 to 61 after a recount.", "from 83 to 61", 61, 83, "person"),
    ("Fuel prices slid from 4.8 to 4.1 dinars a litre.", "from 4.8 to 4.1 dinars", 4.1, 4.8, "IQD"),
    (
        "Output eased to 1.2 million barrels from 1.5 million barrels.",
        "1.2 million barrels from 1.5 million barrels",
        1.2e6,
        1.5e6,
        "bbl",
    ),
    (
        "Revenue climbed to $7.4 billion from $6.8 billion.",
        "$7.4 billion from $6.8 billion",
        7.4e9,
        6.8e9,
        "USD",
    ),
    (
        "The garrison went from 900 to 1.2 million rounds.",
        "from 900 to 1.2 million rounds",
        1.2e6,
        900,
        "round",
    ),
    (
        "Reserves rose from 4.8 to 5.1 billion dollars.",
        "from 4.8 to 5.1 billion dollars",
        5.1e9,
        4.8e9,
        "USD",
    ),
]


@pytest.mark.parametrize(("sentence", "needle", "value", "previous", "unit"), CHANGE_CASES)
def test_quantities_reads_a_change_as_one_figure(
    sentence: str, needle: str, value: float, previous: float, unit: str
) -> None:
    found = extract_quantities(sentence)
    assert [quantity.text for quantity in found] == [needle]
    change = found[0]
    assert (change.value, change.previous) == (pytest.approx(value), pytest.approx(previous))
    assert (change.low, change.high) == (None, None)
    assert change.unit == unit


RANGE_NOT_CHANGE_CASES = [
    ("Prices range from $370,000 to $5.5 million in the new district.", 370_000, 5.5e6),
    ("Flats measure from 450 sq ft up to 900 sq ft.", 450, 900),
    ("The group fields from 20,000 to 31,500 fighters.", 20_000, 31_500),
]


@pytest.mark.parametrize(("sentence", "low", "high"), RANGE_NOT_CHANGE_CASES)
def test_quantities_reads_a_rising_from_to_without_change_verb_as_range(
    sentence: str, low: float, high: float
) -> None:
    (found,) = extract_quantities(sentence)
    assert (found.low, found.high, found.previous) == (low, high, None)


SCORE_SENTENCES = [
    "The derby ended 2-2 after a late equaliser.",
    "United won 3-1 at home on Saturday.",
    "The vote passed 12-3 in the assembly.",
]


@pytest.mark.parametrize("sentence", SCORE_SENTENCES)
def test_quantities_reads_a_score_as_no_figure(sentence: str) -> None:
    assert extract_quantities(sentence) == ()


# -- percentages and fractions ------------------------------------------------------------------

PERCENT_CASES = [
    ("Turnout fell to 48% in the capital.", "48%", 48),
    ("Inflation reached 7.5 percent in March.", "7.5 percent", 7.5),
    ("The bank raised its forecast to 3 per cent for the year.", "3 per cent", 3),
]


@pytest.mark.parametrize(("sentence", "text", "value"), PERCENT_CASES)
def test_quantities_reads_percentages(sentence: str, text: str, value: float) -> None:
    quantity = quantity_in(sentence, text)
    assert quantity.text == text
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == "percent"
    assert quantity.normalized == pytest.approx(value)
    assert quantity.base_unit == "percent"


FRACTION_CASES = [
    (
        "Nearly a third of the country's wheat was lost to the drought.",
        "Nearly a third",
        33.333333,
        "nearly",
    ),
    ("The rebels now hold about half of the province.", "about half", 50, "approximate"),
    (
        "The army retook roughly a quarter of the district's villages.",
        "roughly a quarter",
        25,
        "approximate",
    ),
    # Regression, issue 3: fourths, "half the", and ratios.
    ("One fourth of the camp's tents were flooded.", "One fourth", 25, "exact"),
    ("Half the town's bakeries have closed.", "Half", 50, "exact"),
    ("One in five children in the camp is malnourished.", "One in five", 20, "exact"),
    ("Almost nine out of 10 residents have left.", "Almost nine out of 10", 90, "nearly"),
    ("One in every four homes was damaged.", "One in every four", 25, "exact"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "approx"), FRACTION_CASES)
def test_quantities_reads_fractions_as_percent(
    sentence: str, text: str, value: float, approx: str
) -> None:
    quantity = quantity_in(sentence, text)
    assert quantity.text == text
    assert quantity.value == pytest.approx(value, abs=0.01)
    assert quantity.unit == "percent"
    assert quantity.approx == approx


# Regression, issue 3: fractions in digits or as one character, and parts of a unit.
VULGAR_CASES = [
    ("The convoy drove 10 1/2 miles before the checkpoint.", "10 1/2 miles", 10.5, "mi"),
    ("The crater was 2½ metres deep.", "2½ metres", 2.5, "m"),
    ("Each family got 1/2 kilogram of rice.", "1/2 kilogram", 0.5, "kg"),
    ("Fighters hold 3/4 of the old city.", "3/4", 75, "percent"),
    ("The column stopped half of a mile from the bridge.", "half of a mile", 0.5, "mi"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "unit"), VULGAR_CASES)
def test_quantities_reads_vulgar_fractions_and_parts_of_a_unit(
    sentence: str, text: str, value: float, unit: str
) -> None:
    (quantity,) = extract_quantities(sentence)
    assert (quantity.text, quantity.unit) == (text, unit)
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    "sentence",
    ["Survivors of the 9/11 attacks met in New York.", "Talks resume on 17/03 in Geneva."],
)
def test_quantities_keeps_dates_with_slashes_out(sentence: str) -> None:
    assert extract_quantities(sentence) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks collapsed when a third party walked out.",
        "The home side led at half time.",
        "Only one in 2015 reached the border.",
    ],
)
def test_quantities_ignores_fraction_words_without_of(sentence: str) -> None:
    assert extract_quantities(sentence) == ()


# -- units and normalized values ----------------------------------------------------------------

UNIT_CASES = [
    (
        "The SDF said it had captured 2,400 square kilometers from the group.",
        "2,400",
        "km2",
        2_400,
        2_400,
        "km2",
        "area",
    ),
    (
        "The reservoir covers 927 square miles of the plain.",
        "927",
        "mi2",
        927,
        2_400.9,
        "km2",
        "area",
    ),
    ("The column advanced 30 miles toward the capital.", "30", "mi", 30, 48.28, "km", "distance"),
    (
        "The donors pledged $500 million for reconstruction.",
        "500",
        "USD",
        500_000_000,
        500_000_000,
        "USD",
        "money",
    ),
    ("The club paid €40 million for the midfielder.", "40", "EUR", 40_000_000, None, None, "money"),
]


@pytest.mark.parametrize(
    ("sentence", "needle", "unit", "value", "normalized", "base_unit", "measure"), UNIT_CASES
)
def test_quantities_normalizes_areas_distances_and_money(
    sentence: str,
    needle: str,
    *,
    unit: str,
    value: float,
    normalized: float | None,
    base_unit: str | None,
    measure: str,
) -> None:
    quantity = quantity_in(sentence, needle)
    assert quantity.unit == unit
    assert quantity.value == pytest.approx(value)
    if normalized is None:
        assert quantity.normalized is None
    else:
        assert quantity.normalized == pytest.approx(normalized, rel=1e-3)
    assert quantity.base_unit == base_unit
    assert quantity.measure == measure


@pytest.mark.parametrize(
    ("sentence", "unit", "normalized_low", "normalized_high", "base_unit"),
    [
        ("The convoy carried between 250 and 300 tonnes of grain.", "t", 250_000, 300_000, "kg"),
        ("The front was pushed back between 10 and 20 miles in a week.", "mi", 16.09, 32.19, "km"),
    ],
)
def test_quantities_normalizes_both_ends_of_a_range(
    sentence: str, unit: str, normalized_low: float, normalized_high: float, base_unit: str
) -> None:
    quantity = quantity_in(sentence, "between")
    assert quantity.unit == unit
    assert quantity.normalized is None
    assert quantity.normalized_low == pytest.approx(normalized_low, rel=1e-3)
    assert quantity.normalized_high == pytest.approx(normalized_high, rel=1e-3)
    assert quantity.base_unit == base_unit


# -- counts of things ---------------------------------------------------------------------------

COUNT_CASES = [
    (
        "The fire destroyed 315 villages across the region.",
        "315",
        "315 villages",
        "village",
        "places_count",
    ),
    ("The ministers of a 65-nation coalition met in Rome.", "65", "65-nation", "nation", "count"),
    (
        "Twenty-five trucks carrying flour reached the besieged town.",
        "Twenty",
        "Twenty-five trucks",
        "truck",
        "count",
    ),
    (
        "The harbour handled 14,250 containers last month.",
        "14,250",
        "14,250 containers",
        "container",
        "count",
    ),
    (
        "The army said 47 SDF fighters surrendered at the checkpoint.",
        "47",
        "47 SDF fighters",
        "fighter",
        "force_size",
    ),
]


@pytest.mark.parametrize(("sentence", "needle", "text", "unit", "measure"), COUNT_CASES)
def test_quantities_counts_things_by_their_noun(
    sentence: str, needle: str, text: str, unit: str, measure: str
) -> None:
    quantity = quantity_in(sentence, needle)
    assert quantity.text == text
    assert quantity.unit == unit
    assert quantity.measure == measure


SENTENCE_END_CASES = [
    (
        "The army says the militia has 25,000 fighters.",
        "25,000",
        "25,000 fighters",
        "fighter",
        "force_size",
    ),
    (
        "Intelligence officials estimate the militia has 19,000 to 25,000 fighters.",
        "19,000",
        "19,000 to 25,000 fighters",
        "fighter",
        "force_size",
    ),
    (
        "The rebels have 21,000-24,000 fighters.",
        "21,000",
        "21,000-24,000 fighters",
        "fighter",
        "force_size",
    ),
    (
        "The storm cut power to roughly 12,000 homes.",
        "12,000",
        "roughly 12,000 homes",
        "home",
        "count",
    ),
]


@pytest.mark.parametrize(("sentence", "needle", "text", "unit", "measure"), SENTENCE_END_CASES)
def test_quantities_takes_the_counted_noun_at_the_end_of_a_sentence(
    sentence: str, needle: str, text: str, unit: str, measure: str
) -> None:
    quantity = quantity_in(sentence, needle)
    assert quantity.text == text
    assert quantity.unit == unit
    assert quantity.measure == measure


# -- qualifiers ---------------------------------------------------------------------------------

QUALIFIER_CASES = [
    ("About 200 workers walked out of the plant on Monday.", "About 200 workers", "approximate"),
    (
        "Police said around 3,000 fans gathered outside the stadium.",
        "around 3,000 fans",
        "approximate",
    ),
    ("The strike halted some 40 flights at the airport.", "some 40 flights", "approximate"),
    (
        "The storm cut power to roughly 12,000 homes in the north.",
        "roughly 12,000 homes",
        "approximate",
    ),
    (
        "An estimated 5,000 residents fled the fighting overnight.",
        "An estimated 5,000 residents",
        "approximate",
    ),
    ("The bombing killed at least 83 people in the capital.", "at least 83 people", "at_least"),
    ("The raid killed 83 or more people, the governor said.", "83 or more people", "at_least"),
    ("Medics said the blast wounded more than a hundred.", "more than a hundred", "more_than"),
    ("The company now employs over 900 engineers in the city.", "over 900 engineers", "more_than"),
    (
        "The league drew upwards of 60,000 spectators a week.",
        "upwards of 60,000 spectators",
        "more_than",
    ),
    ("The new stadium will seat up to 45,000 fans next year.", "up to 45,000 fans", "at_most"),
    (
        "The ceasefire allows no more than 200 soldiers in the zone.",
        "no more than 200 soldiers",
        "at_most",
    ),
    ("Fewer than 50 residents remain in the village.", "Fewer than 50 residents", "less_than"),
    ("The airline flew under 300 passengers on the route.", "under 300 passengers", "less_than"),
    ("Nearly 700 students sat the exam on Monday.", "Nearly 700 students", "nearly"),
    ("The team won almost 30 matches last season.", "almost 30 matches", "nearly"),
    ("Officials counted close to 1,000 tents in the camp.", "close to 1,000 tents", "nearly"),
]


@pytest.mark.parametrize(("sentence", "text", "approx"), QUALIFIER_CASES)
def test_quantities_takes_the_qualifier_into_span_and_approx(
    sentence: str, text: str, approx: str
) -> None:
    found = extract_quantities(sentence)
    assert [quantity.text for quantity in found] == [text]
    assert found[0].approx == approx
    assert sentence[found[0].start_char : found[0].end_char] == text


# -- vague amounts ------------------------------------------------------------------------------

VAGUE_CASES = [
    ("Dozens of shops were looted in the old quarter.", "Dozens of shops", 12),
    ("Hundreds of families queued for bread at dawn.", "Hundreds of families", 100),
    ("Scores of villagers fled as the fighting spread.", "Scores of villagers", 20),
    (
        "Tens of thousands of supporters lined the streets for the parade.",
        "Tens of thousands of supporters",
        10_000,
    ),
    ("Thousands of workers joined the strike on Friday.", "Thousands of workers", 1_000),
]


@pytest.mark.parametrize(("sentence", "text", "value"), VAGUE_CASES)
def test_quantities_reads_vague_amounts_as_lower_bounds(
    sentence: str, text: str, value: float
) -> None:
    found = extract_quantities(sentence)
    assert [quantity.text for quantity in found] == [text]
    quantity = found[0]
    assert quantity.value == pytest.approx(value)
    assert quantity.approx == "at_least"
    assert quantity.vague is True


# -- what is not a quantity ---------------------------------------------------------------------

NOT_QUANTITY_SENTENCES = [
    # years
    "The ministry opened the border crossing in 2015.",
    "The factions have fought each other since 1990.",
    "The survey was published in late 2015 by the agency.",
    # days of the month
    "The offensive began on Feb. 22 with heavy shelling.",
    "The talks resumed on 22 February in Geneva.",
    # clock times
    "The shelling stopped at 12:30 on Sunday.",
    "The first blast was heard at 0401 GMT near the port.",
    "The council will meet at 3 p.m. to discuss the truce.",
    # ordinals
    "The convoy arrived on the 22nd after a long delay.",
    "Fighting eased on the third day of the offensive.",
    # "one" as a pronoun
    "The general said it was one of the worst attacks this year.",
    # page and label numbers
    "The full list of names is printed on page 12 of the report.",
    "The champion is ranked No. 2 in the world.",
    "The council passed Resolution 2254 after weeks of talks.",
    # phone numbers
    "Residents can call the hotline on 020 7946 0958 for help.",
    "Call +44 20 7946 0958 to reach the press office.",
    # unit look-alikes
    "A U.S. airstrike hit a depot outside the town.",
    "Engineers inspected the Tishrin Dam after the shelling.",
    # names with numbers
    "An F-16 crashed during a training flight.",
    "Investigators examined the wreckage of MH17 in the field.",
    # Regression, issue 3: house numbers, age brackets, durations (the time stage's), election years
    "Protesters gathered outside 10 Downing Street on Saturday.",
    "The envoy rented a flat at 9 E 71st St in Manhattan.",
    "Most recruits were men aged 18 to 34 from the eastern villages.",
    "The ministry announced a five-year plan to rebuild the dam.",
    "The town fell after a 10-day siege.",
    "Turnout fell between the 2014 and 2018 elections.",
]


@pytest.mark.parametrize("sentence", NOT_QUANTITY_SENTENCES)
def test_quantities_finds_no_figure_in_dates_times_labels_and_names(sentence: str) -> None:
    assert extract_quantities(sentence) == ()


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("Three F-16s flew over the city.", 16),
        ("The rebels said they shot down 2 F-16 jets over the lake.", 16),
        ("Relatives of the MH17 victims met 40 officials in The Hague.", 17),
    ],
)
def test_quantities_keeps_numbers_in_names_out_of_the_figures(sentence: str, number: int) -> None:
    found = extract_quantities(sentence)
    assert found, "the figure beside the name should still be found"
    for quantity in found:
        assert number not in (quantity.value, quantity.low, quantity.high)


@pytest.mark.parametrize(
    ("sentence", "needle", "unit"),
    [
        ("Two U.S. airstrikes hit the depot overnight.", "Two", "airstrike"),
        ("Officials said 2 U.S. airstrikes hit the depot overnight.", "2", "airstrike"),
        ("Water behind the Tishrin Dam rose 3 metres after the rains.", "3", "m"),
        ("The 12 Tishrin Dam workers were evacuated.", "12", "worker"),
    ],
)
def test_quantities_does_not_read_unit_look_alikes_as_units(
    sentence: str, needle: str, unit: str
) -> None:
    assert quantity_in(sentence, needle).unit == unit


# -- one figure in two units --------------------------------------------------------------------

TWO_UNIT_CASES = [
    (
        "The SDF said it captured 2,400 square kilometers (927 square miles) from the jihadists "
        "last year.",
        "2,400 square kilometers",
        "927 square miles",
        "agrees",
    ),
    (
        "The front line moved 80 kilometres (50 miles) east in a week.",
        "80 kilometres",
        "50 miles",
        "agrees",
    ),
    (
        "The marathon route runs 42 kilometres (26 miles) through the old city.",
        "42 kilometres",
        "26 miles",
        "agrees",
    ),
    (
        "The militants pushed 50 kilometres (50 miles) into the valley.",
        "50 kilometres",
        "50 miles",
        "disagrees",
    ),
]


@pytest.mark.parametrize(("sentence", "first_text", "second_text", "verdict"), TWO_UNIT_CASES)
def test_quantities_links_a_figure_given_in_two_units(
    sentence: str, first_text: str, second_text: str, verdict: str
) -> None:
    found = extract_quantities(sentence)
    first, second = only(found, first_text), only(found, second_text)
    assert first.text == first_text
    assert second.text == second_text
    assert first.same_as == (second.start_char, second.end_char)
    assert second.same_as == (first.start_char, first.end_char)
    assert first.conversion == second.conversion == verdict
    assert first.base_unit == second.base_unit
    assert second.measure == first.measure


def test_quantities_second_unit_shares_the_subject_of_the_first() -> None:
    found = extract_quantities(TWO_UNIT_CASES[0][0])
    assert only(found, "927").subject == only(found, "2,400").subject == "The SDF"


def test_quantities_does_not_link_two_distances_outside_brackets() -> None:
    sentence = "The army advanced 30 miles and the rebels 20 kilometres on the same day."
    found = extract_quantities(sentence)
    assert len(found) == 2
    assert all(quantity.same_as is None for quantity in found)
    assert all(quantity.conversion is None for quantity in found)


# -- measure from the clause --------------------------------------------------------------------

MEASURE_CASES = [
    ("The suicide bombing killed at least 83 people near the mosque.", "83", "killed"),
    ("The flooding left 130 dead in the delta.", "130", "killed"),
    ("Officials said 140 militants were killed in the air raids.", "140", "killed"),
    ("Hospital staff said 83 people died overnight.", "83", "killed"),
    ("The shelling wounded more than a hundred in the suburbs.", "hundred", "wounded"),
    ("The crash injured 40 on the motorway.", "40", "wounded"),
    ("The offensive has displaced 5,000 people from the hills.", "5,000", "displaced"),
    ("Aid agencies said 12,000 refugees fled across the border.", "12,000", "displaced"),
    ("Police arrested 30 suspects after the riot.", "30", "detained"),
    ("IS fields 19,000 to 25,000 fighters in Syria and Iraq.", "19,000", "force_size"),
    ("A 1,300-strong Peshmerga force joined the assault on the town.", "1,300", "force_size"),
    (
        "The jihadis are estimated to have lost about 40 percent of their territory in Iraq.",
        "40",
        "territory_share",
    ),
    ("The militants overran 62% of the province in 2014.", "62", "territory_share"),
    ("The reservoir covers 927 square miles of the plain.", "927", "area"),
    ("The column advanced 30 miles toward the capital.", "30", "distance"),
    ("The firm spent $3bn on the new plant.", "3", "money"),
    ("The harbour handled 14,250 containers last month.", "14,250", "count"),
    ("The rebels seized 14 villages near the river.", "14", "places_count"),
]


@pytest.mark.parametrize(("sentence", "needle", "measure"), MEASURE_CASES)
def test_quantities_reads_the_measure_from_the_clause(
    sentence: str, needle: str, measure: str
) -> None:
    assert quantity_in(sentence, needle).measure == measure


@pytest.mark.parametrize(
    ("sentence", "needle"),
    [
        ("The flooding left 130 dead in the delta.", "130"),
        ("The crash injured 40 on the motorway.", "40"),
        ("The airstrike killed 61 and wounded 95 in the market.", "61"),
        ("The airstrike killed 61 and wounded 95 in the market.", "95"),
    ],
)
def test_quantities_counts_casualties_without_a_noun_as_people(sentence: str, needle: str) -> None:
    assert quantity_in(sentence, needle).unit == "person"


def test_quantities_splits_killed_and_wounded_between_two_figures() -> None:
    found = extract_quantities("The airstrike killed 61 and wounded 95 in the market.")
    assert only(found, "61").measure == "killed"
    assert only(found, "95").measure == "wounded"


@pytest.mark.parametrize(
    ("sentence", "first", "second"),
    [
        ("A truck bomb killed about 50 people, and dozens were treated in hospital.", "50",
         "dozens"),
        ("The blast killed 6 people and 20 were wounded.", "6", "20"),
    ],
)  # fmt: skip
def test_quantities_a_verb_right_before_a_figure_is_its_measure(
    sentence: str, first: str, second: str
) -> None:
    """Issue #7: "killed about 60 people, and hundreds were treated" made the 60 wounded."""
    found = extract_quantities(sentence)
    assert only(found, first).measure == "killed"
    assert only(found, second).measure == "wounded"


@pytest.mark.parametrize(
    ("sentence", "needle", "measure"),
    [
        ("Border guards shot dead four Moldovans near the crossing.", "four", "killed"),
        ("A mine blast killed one trooper and wounded three others.", "three", "wounded"),
        ("The mortar round injured two Nepalis at the camp gate.", "two", "wounded"),
        ("The ministry expelled five Norwegians last spring.", "five", "count"),
    ],
)
def test_quantities_a_peoples_name_and_others_are_people(
    sentence: str, needle: str, measure: str
) -> None:
    """Issue #7: "killed three ethnic Albanians" and "wounded two others" were plain counts."""
    assert quantity_in(sentence, needle).measure == measure


@pytest.mark.parametrize(
    "sentence",
    [
        "The army said 47 SDF fighters and 140 militants were killed in the clashes.",
        "The army said 47 SDF fighters and 140 militants were killed.",
    ],
)
def test_quantities_applies_a_casualty_cue_to_coordinated_figures(sentence: str) -> None:
    found = extract_quantities(sentence)
    assert only(found, "47").measure == "killed"
    assert only(found, "140").measure == "killed"


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen killed 5 people in an attack on 3 villages.",
        "Gunmen killed 5 people in an attack on 3 villages near the border.",
    ],
)
def test_quantities_casualty_cue_does_not_make_places_killed(sentence: str) -> None:
    found = extract_quantities(sentence)
    people = only(found, "5")
    assert people.measure == "killed"
    assert people.unit == "person"
    villages = only(found, "3")
    assert villages.text == "3 villages"
    assert villages.unit == "village"
    assert villages.measure == "places_count"


@pytest.mark.parametrize(
    ("sentence", "needle"),
    [
        ("A child dies one every two days in the camp, the charity said.", "one"),
        ("Militants executed one prisoner every week during the siege.", "one"),
    ],
)
def test_quantities_reads_a_rate_as_other(sentence: str, needle: str) -> None:
    assert quantity_in(sentence, needle).measure == "other"


# -- subject ------------------------------------------------------------------------------------

SUBJECT_CASES = [
    ("IS fields 19,000 to 25,000 fighters in Syria and Iraq.", "19,000", "IS"),
    (
        "Analysts said the jihadis are estimated to have lost about 40 percent of their territory "
        "in Iraq.",
        "40",
        "the jihadis",
    ),
    (
        "On Sunday the SDF said it captured 2,400 square kilometers from the group.",
        "2,400",
        "the SDF",
    ),
    ("A 1,300-strong Peshmerga force joined the assault on the town.", "1,300", "Peshmerga"),
    ("The 1,300-strong Desert Hawks brigade withdrew from the city.", "1,300", "Desert Hawks"),
    ("The firm spent $3bn on the new plant.", "3", "The firm"),
    ("The rebels seized 14 villages near the river.", "14", "The rebels"),
    # a casualty figure names its side only inside its own noun phrase
    ("The army killed 47 SDF fighters in the raid.", "47", "SDF"),
    ("Kurdish commanders said 47 SDF fighters died in the clashes.", "47", "SDF"),
    ("The bombing killed at least 83 people in the capital.", "83", None),
    ("The rebels killed 20 soldiers in the ambush.", "20", None),
    ("A car bomb killed 83 people at a checkpoint.", "83", None),
]


@pytest.mark.parametrize(("sentence", "needle", "subject"), SUBJECT_CASES)
def test_quantities_finds_the_subject(sentence: str, needle: str, subject: str | None) -> None:
    assert quantity_in(sentence, needle).subject == subject


INHERIT_CASES = [
    (
        "IS fields 19,000 to 25,000 fighters in Iraq, down from an estimated 20,000 to 31,500 in "
        "2014.",
        "IS",
    ),
    ("IS fields 19,000 to 25,000 fighters, down from an estimated 20,000 to 31,500.", "IS"),
    (
        "Officials say the group fields 19,000 to 25,000 fighters, down from an estimated 20,000 "
        "to 31,500 last year.",
        "the group",
    ),
]


@pytest.mark.parametrize(("sentence", "subject"), INHERIT_CASES)
def test_quantities_compared_figure_inherits_unit_measure_and_subject(
    sentence: str, subject: str
) -> None:
    found = extract_quantities(sentence)
    assert len(found) == 2
    now, before = found
    assert now.subject == subject
    assert before.text == "an estimated 20,000 to 31,500"
    assert before.low == pytest.approx(20_000)
    assert before.high == pytest.approx(31_500)
    assert before.approx == "approximate"
    assert (before.unit, before.measure, before.subject) == ("fighter", "force_size", subject)


def test_quantities_figure_after_up_from_counts_the_same_noun() -> None:
    found = extract_quantities("The league has 40,000 players, up from 32,000 a decade ago.")
    assert only(found, "32,000").unit == "player"
    assert only(found, "32,000").measure == only(found, "40,000").measure == "count"


# -- offsets ------------------------------------------------------------------------------------

ALL_SENTENCES = sorted(
    {
        case[0]
        for case in itertools.chain(
            NUMBER_CASES,
            RANGE_CASES,
            SEPARATE_CASES,
            PERCENT_CASES,
            FRACTION_CASES,
            UNIT_CASES,
            COUNT_CASES,
            SENTENCE_END_CASES,
            QUALIFIER_CASES,
            VAGUE_CASES,
            TWO_UNIT_CASES,
            MEASURE_CASES,
            SUBJECT_CASES,
            INHERIT_CASES,
        )
    }
    | set(SCORE_SENTENCES)
    | set(NOT_QUANTITY_SENTENCES)
)


def _check_offsets(source: str, found: tuple[Quantity, ...]) -> None:
    assert isinstance(found, tuple)
    for quantity in found:
        assert isinstance(quantity, Quantity)
        assert 0 <= quantity.start_char < quantity.end_char <= len(source)
        assert quantity.text == source[quantity.start_char : quantity.end_char]
        if quantity.same_as is not None:
            start, end = quantity.same_as
            assert 0 <= start < end <= len(source)
    starts = [quantity.start_char for quantity in found]
    assert starts == sorted(starts)


@pytest.mark.parametrize("sentence", ALL_SENTENCES)
def test_quantities_text_is_the_source_slice(sentence: str) -> None:
    _check_offsets(sentence, extract_quantities(sentence))


def test_quantities_offsets_hold_in_a_longer_text() -> None:
    source = "\n\n".join(ALL_SENTENCES)
    found = extract_quantities(source)
    assert found
    _check_offsets(source, found)


NUMBERISH = st.text(
    alphabet=st.sampled_from(list("0123456789 ,.-%$€£()/:abcdeghilmnorstuvwxyzAIS\n")),
    max_size=80,
)
PHRASES = st.lists(
    st.sampled_from(
        [
            "about",
            "at least",
            "between",
            "and",
            "to",
            "from",
            "more than",
            "a hundred",
            "two million",
            "dozens of",
            "1,300-strong",
            "2.5",
            "35m",
            "$2.8bn",
            "percent",
            "square miles",
            "(",
            ")",
            "killed",
            "fighters",
            "villages",
            "IS",
            "fields",
            "the",
            "were",
            "in 2015",
            "Feb. 22",
            "-",
            "3-1",
            "won",
            "one",
            "every",
            "a third of",
            ".",
        ]
    ),
    max_size=16,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=120), NUMBERISH, PHRASES))
def test_quantities_random_text_never_breaks_offsets(source: str) -> None:
    _check_offsets(source, extract_quantities(source))


@settings(max_examples=100, deadline=None)
@given(PHRASES, PHRASES)
def test_quantities_offsets_hold_with_given_sentences(first: str, second: str) -> None:
    source = f"{first}. {second}"
    spans = [Sentence(0, len(first) + 1), Sentence(len(first) + 2, len(source))]
    found = extract_quantities(source, spans)
    _check_offsets(source, found)
    for quantity in found:
        assert any(s.start_char <= quantity.start_char < s.end_char for s in spans)


# -- the stage in the pipeline ------------------------------------------------------------------

ARTICLE_TEXT = (
    "Gunmen killed 12 people in the market on Friday. The army sent 300 soldiers to the town.\n\n"
    "The governor said about 40 percent of the district was cut off. The league has 40,000 "
    "players, up from 32,000 a decade ago."
)


def test_quantities_stage_runs_in_the_pipeline(
    pipeline: Pipeline, make_article: Callable[..., Article]
) -> None:
    article = make_article(ARTICLE_TEXT)
    annotated = pipeline.run(article)
    sentences = annotated.get("sentences")
    found = annotated.get("quantities")
    assert isinstance(found, tuple)
    assert [quantity.text for quantity in found] == [
        "12 people",
        "300 soldiers",
        "about 40 percent",
        "40,000 players",
        "32,000",
    ]
    for quantity in found:
        assert isinstance(quantity, Quantity)
        assert quantity.text == ARTICLE_TEXT[quantity.start_char : quantity.end_char]
        assert any(
            sentence.start_char <= quantity.start_char and quantity.end_char <= sentence.end_char
            for sentence in sentences
        )
    assert only(found, "12 people").measure == "killed"
    assert only(found, "300").measure == "force_size"


def test_quantities_stage_matches_the_function(
    pipeline: Pipeline, make_article: Callable[..., Article]
) -> None:
    article = make_article(ARTICLE_TEXT)
    sentences = pipeline.run(article).get("sentences")
    stage = QuantityStage()
    result = stage(article, {"sentences": sentences, "quotes": (), "times": ()})
    assert isinstance(result, tuple)
    assert all(isinstance(quantity, Quantity) for quantity in result)
    assert [dataclasses.replace(q, time=None) for q in result] == list(
        extract_quantities(ARTICLE_TEXT, sentences)
    )
    assert all(q.time is None for q in result)  # no date, no time expression: no time


def test_quantities_stage_gives_figures_the_source_of_their_statement(
    pipeline: Pipeline, make_article: Callable[..., Article]
) -> None:
    annotated = pipeline.run(make_article(ARTICLE_TEXT))
    found = annotated.get("quantities")
    assert only(found, "about 40 percent").source == "the governor"
    assert only(found, "12 people").source is None  # the reporter's own voice


def test_quantities_stage_describes_itself() -> None:
    stage = QuantityStage()
    assert stage.name == "quantities"
    assert stage.reads == ("sentences", "quotes", "times", "places", "actors")
    assert isinstance(stage.version, str)
    assert stage.version


def test_quantities_no_numbers_gives_an_empty_tuple() -> None:
    assert extract_quantities("The envoy left the capital without comment.") == ()
    assert extract_quantities("") == ()


# -- when a figure holds (issue #5) ---------------------------------------------------------------

PUBLISHED = dt.date(2016, 3, 17)
CLAIM_TIMES = [
    # (text, figure, interval, basis)
    (
        "In all of 2015, the rebels lost 14 percent of their land, a monitor said.",
        "14 percent",
        ("2015-01-01", "2015-12-31"),
        "expression",
    ),
    (
        "At least 83 people were killed on Tuesday in the market.",
        "At least 83 people",
        ("2016-03-15", "2016-03-15"),
        "expression",
    ),
    (
        "The Nov. 13 attacks in the capital left 130 dead.",
        "130",
        ("2015-11-13", "2015-11-13"),
        "expression",
    ),
    (
        "The militia now fields 9,000 fighters, down from 12,000 in 2014.",
        "9,000 fighters",
        ("2016-03-17", "2016-03-17"),
        "expression",
    ),
    (
        "The militia now fields 9,000 fighters, down from 12,000 in 2014.",
        "12,000",
        ("2014-01-01", "2014-12-31"),
        "expression",
    ),
    (
        "In 2015 the army lost 40 tanks; the rebels hold 12 villages.",
        "12 villages",
        ("2016-03-17", "2016-03-17"),
        "published",
    ),
    (
        "About 300 families fled the town.",
        "About 300 families",
        ("2016-03-17", "2016-03-17"),
        "published",
    ),
    (
        "Between June and August 2014, the group seized 40 villages.",
        "40 villages",
        ("2014-06-01", "2014-08-31"),
        "expression",
    ),
    (
        "In the first three months of 2015, 1,200 fighters deserted.",
        "1,200 fighters",
        ("2015-01-01", "2015-03-31"),
        "expression",
    ),
]


@pytest.mark.parametrize(("text", "figure", "interval", "basis"), CLAIM_TIMES)
def test_quantities_regression_issue5_a_figure_holds_for_its_governing_time(
    pipeline: Pipeline, text: str, figure: str, interval: tuple[str, str], basis: str
) -> None:
    annotated = pipeline.run(Article.create(text, published=PUBLISHED))
    quantity = only(annotated.get("quantities"), figure)
    assert quantity.time is not None
    assert (quantity.time.interval, quantity.time.basis) == (interval, basis)


def test_quantities_regression_issue5_no_date_and_no_time_leaves_time_null(
    pipeline: Pipeline,
) -> None:
    annotated = pipeline.run(Article.create("About 300 families fled the town."))
    assert only(annotated.get("quantities"), "300").time is None


def test_quantities_regression_issue5_claim_time_survives_a_storage_round_trip(
    pipeline: Pipeline,
) -> None:
    annotated = pipeline.run(Article.create(CLAIM_TIMES[0][0], published=PUBLISHED))
    quantity = only(annotated.get("quantities"), "14 percent")
    again = record_from_row("quantities", quantity.start_char, quantity.end_char, quantity.attrs())
    assert again == quantity


# -- regressions found on the sample corpus and the seed articles (issue #3) ----------------------


@pytest.mark.parametrize(
    ("sentence", "needle", "measure"),
    [
        ("The death toll from the market bombing has risen to 134, medics said.", "134", "killed"),
        ("The number of people killed in the blast rose to 61 on Tuesday.", "61", "killed"),
        ("The agency first reported 83 deaths.", "83 deaths", "killed"),
        ("Rescuers pulled more than 40 bodies from the rubble.", "40 bodies", "killed"),
        ("At least 25 were in a serious condition, doctors said.", "25", "wounded"),
        ("About 400 people had been treated since the attack.", "400 people", "wounded"),
        (
            "Hundreds of people in the town of Taza have been treated for burns.",
            "Hundreds of people",
            "wounded",
        ),
        ("The singer was found dead at the age of 87.", "87", "other"),
        ("Her film Dead Calm received eight nominations.", "eight", "count"),
        ("On Sunday 45 were killed in the shelling.", "45", "killed"),
    ],
)
def test_quantities_issue3_tolls_levels_and_false_cues(
    sentence: str, needle: str, measure: str
) -> None:
    assert quantity_in(sentence, needle).measure == measure


@pytest.mark.parametrize(
    "sentence",
    [
        "Kadhim Jabbar, 34, said the ground shook.",
        "The raid began at 0400 hrs.",
        "Shares rose on page 12 of the report.",
    ],
)
def test_quantities_issue3_ages_clock_times_and_labels_are_no_figures(sentence: str) -> None:
    assert extract_quantities(sentence) == ()


def test_quantities_issue3_of_the_name_says_whose_fighters() -> None:
    sentence = "At least 20 fighters of the Syrian Democratic Forces and 45 militants were killed."
    fighters = quantity_in(sentence, "20 fighters")
    assert fighters.subject == "the Syrian Democratic Forces"
    assert (fighters.measure, quantity_in(sentence, "45").measure) == ("killed", "killed")


def test_quantities_issue3_number_as_a_verb_keeps_its_figure() -> None:
    assert quantity_in("They number 5,000 men.", "5,000").unit == "man"


def test_quantities_issue3_two_currencies_are_linked_but_not_checked() -> None:
    found = extract_quantities("The deal is worth $5 million (£4 million).")
    assert [q.same_as is not None for q in found] == [True, True]
    assert [q.conversion for q in found] == [None, None]


def test_quantities_issue3_possessor_is_the_subject_of_a_share() -> None:
    sentence = "The group's territory shrank by 14 percent in 2015."
    assert quantity_in(sentence, "14 percent").subject == "The group"


@pytest.mark.parametrize("ignore_case", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "5 km, 5 kms, 5 kilometres and 5 kilometers; 3 sq km or 3 square kilometres",
        "20 mi, 20 miles, 20 Mi and a mile; 7 km2, 7 KM",
        "10 µg and 10 μg; kilometre-long",
    ],
)
def test_quantities_word_alternation_matches_what_words_pattern_matches(
    text: str, ignore_case: bool
) -> None:
    words = ["km", "kms", "kilometre", "kilometres", "kilometers", "sq km", "square kilometres",
             "mi", "mile", "miles", "km2", "Mi", "µg", "μg"]  # fmt: skip
    flags = re.IGNORECASE if ignore_case else 0
    plain = re.compile(rf"\b(?:{words_pattern(words, flags=flags)})\b", flags)
    trie = re.compile(rf"\b(?:{word_alternation(words, ignore_case=ignore_case)})\b", flags)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
