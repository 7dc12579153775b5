"""Snippet classification (`EventExtractor.classify`): the `[[classify.rules]]` that decide a
code by what was done and to whom. The sentences are invented for these tests."""

from __future__ import annotations

import pytest

from sitrep.events import EventExtractor


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return EventExtractor()


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        (
            "Unknown men torched a row of shops and several parked cars in the market overnight.",
            "PROPERTY_DISTRUCT",
        ),
        ("Dozens of homes were burned in the village after a land dispute.", "PROPERTY_DISTRUCT"),
        (
            "Traders counted the cost of the attacks on properties in the old town.",
            "PROPERTY_DISTRUCT",
        ),
        # A protest word keeps it a riot; a gun or a victim keeps it an attack.
        ("Rioters torched cars during the protest in the capital.", "VIOL_DEMONSTR"),
        ("Gunmen opened fire on a car and torched it, killing the driver.", "ATTACK"),
    ],
)
def test_events_classify_property_destruction(
    extractor: EventExtractor, snippet: str, code: str
) -> None:
    assert extractor.classify(snippet) == code


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        ("Vigilantes killed three robbers who had stolen cattle from the herders.", "MOB_VIOL"),
        (
            "The president vowed an inquiry after five men were murdered by vigilantes in the "
            "north.",
            "MOB_VIOL",
        ),
        # Vigilantes as the source of the news did no violence.
        (
            "Gunmen attacked two farming villages at dawn and burned the granaries, killing "
            "nine people, according to vigilantes in the area.",
            "ATTACK",
        ),
    ],
)
def test_events_classify_mob_violence(extractor: EventExtractor, snippet: str, code: str) -> None:
    assert extractor.classify(snippet) == code


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        ("Gunmen attacked a farm near the river and abducted three workers.", "ABDUCT_DISSAP"),
        ("Gunmen attacked the village and raped several women, a rights group said.", "SEX_VIOL"),
        ("Police carried out raids to detain members of the banned party.", "ARREST"),
    ],
)
def test_events_classify_attack_by_what_was_done(
    extractor: EventExtractor, snippet: str, code: str
) -> None:
    assert extractor.classify(snippet) == code


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        ("The ministry expelled two envoys from the country after the spy row.", "DIPLO"),
        (
            "Thousands of families fled the city after it was captured by the rebels.",
            "OTHER",
        ),
        (
            "Hundreds of nurses took to the streets on Monday to decry the arrests of their "
            "union leaders.",
            "PEACE_PROTEST",
        ),
    ],
)
def test_events_classify_no_fighting(extractor: EventExtractor, snippet: str, code: str) -> None:
    assert extractor.classify(snippet) == code


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        (
            "Firefighters gained ground in their battle against the wildfires in the hills.",
            "NATURAL_DISASTER",
        ),
        (
            "Firefighters fought a battle through the night against the blaze at the depot.",
            "MAN_MADE_DISASTER",
        ),
        ("A lorry overturned on the coast road this evening.", "MAN_MADE_DISASTER"),
        ("Heavy snow stranded hundreds of cars on the mountain pass.", "NATURAL_DISASTER"),
    ],
)
def test_events_classify_disasters(extractor: EventExtractor, snippet: str, code: str) -> None:
    assert extractor.classify(snippet) == code


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        (
            "The coalition launched airstrikes on the group it accused of a chlorine attack.",
            "AIR_STRIKE",
        ),
        (
            "Warplanes crossed into the neighbouring airspace and bombed a depot near the border.",
            "AIR_STRIKE",
        ),
        (
            "The rebels fired shells filled with chlorine gas at the troops in a battle to "
            "control the hilltop.",
            "CHEM_WEAP",
        ),
        (
            "Two packages sent to the ministry were found to hold explosive devices, police said.",
            "DISR_WEAP",
        ),
        ("A missile struck the military base near the border overnight.", "ART_MISS_ATTACK"),
    ],
)
def test_events_classify_weapons(extractor: EventExtractor, snippet: str, code: str) -> None:
    assert extractor.classify(snippet) == code


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        (
            "The army withdrew, and the rebels then entered the village without fighting.",
            "NON_VIOL_TERRIT_TRANSFER",
        ),
        (
            "The government regained control of the district when a peace mission handed "
            "authority over it.",
            "NON_VIOL_TERRIT_TRANSFER",
        ),
        (
            "Foreign troops have withdrawn from a large base close to the frontier.",
            "CHANGE_TO_GROUP_ACT",
        ),
        (
            "The army sent reinforcements to its observation points in the province.",
            "CHANGE_TO_GROUP_ACT",
        ),
        # "The occupied" land is an adjective of long standing: no land taken.
        (
            "Soldiers raided homes across the occupied territories and took away dozens of men.",
            "ATTACK",
        ),
    ],
)
def test_events_classify_land_and_forces(
    extractor: EventExtractor, snippet: str, code: str
) -> None:
    assert extractor.classify(snippet) == code


def test_events_classify_denial_with_no_words_between(extractor: EventExtractor) -> None:
    snippet = "The government denied involvement in the bombing of the pipeline."
    assert extractor.classify(snippet) == "ATTRIB"
