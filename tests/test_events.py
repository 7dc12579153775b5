"""The events stage on sentences written for these tests (issue #7)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.events import EventExtractor
from sitrep.events.lexicon import EventLexicon, phrase_pattern
from sitrep.model import EVENT_TYPES, Article, Event
from sitrep.pipeline import Pipeline

PUBLISHED = dt.date(2024, 5, 20)


def events_of(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article.create(text, published=PUBLISHED, outlet="Test Wire")
    return [e for e in pipeline.run(article).get("events") if isinstance(e, Event)]


def only_event(pipeline: Pipeline, text: str) -> Event:
    found = events_of(pipeline, text)
    assert len(found) == 1, [(e.trigger, e.type) for e in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        (
            "A suicide bomber killed 12 people at a checkpoint in Kirkuk on Sunday.",
            "suicide_bombing",
            "SUIC_BOMB",
        ),
        (
            "A roadside bomb wounded four soldiers near Kandahar on Tuesday.",
            "bombing",
            "REM_EXPLOS",
        ),
        (
            "Militants threw a grenade at a police post in Srinagar, injuring three officers.",
            "bombing",
            "GRENADE",
        ),
        (
            "Warplanes hit the village of Kafr Nabl on Monday, killing nine civilians.",
            "airstrike",
            "AIR_STRIKE",
        ),
        (
            "Rebels shelled the city of Donetsk on Wednesday, killing two people.",
            "shelling",
            "ART_MISS_ATTACK",
        ),
        (
            "Heavy fighting between the army and rebels near Goma left 15 soldiers dead.",
            "armed_clash",
            "ARMED_CLASH",
        ),
        (
            "Gunmen attacked a village in Zamfara on Thursday and killed 23 people.",
            "assault",
            "ATTACK",
        ),
        (
            "Government troops recaptured the town of Palmyra from the jihadists on Sunday.",
            "territory_captured",
            "NON_STATE_ACTOR_OVERTAKES_TER",
        ),
        ("Police arrested 40 protesters in Minsk on Sunday.", "protest", "PROTEST_WITH_INTER"),
        (
            "Thousands of protesters marched through Khartoum on Thursday to demand civilian rule.",
            "protest",
            "PEACE_PROTEST",
        ),
        (
            "Dozens of rebel fighters surrendered to the army in Ituri on Monday.",
            "surrender_defection",
            "CHANGE_TO_GROUP_ACT",
        ),
        ("Troops detained the militia's commander in Bunia on Friday.", "arrest_capture", "ARREST"),
        (
            "A chlorine attack on the town of Douma on Saturday killed 40 people.",
            "chemical_attack",
            "CHEM_WEAP",
        ),
    ],
)
def test_events_types_a_sentence(pipeline: Pipeline, text: str, kind: str, code: str) -> None:
    event = events_of(pipeline, text)[0]
    assert event.type == kind
    assert event.type in EVENT_TYPES
    if kind != "territory_captured":  # who gained decides between the two territorial codes
        assert event.subtype == code


@pytest.mark.parametrize(
    "text",
    [
        "No one was killed in the blast at the depot in Aden on Monday.",
        "The group threatened to attack the capital Kabul before the election.",
        "Officials fear militants could launch more suicide attacks in Mogadishu.",
        "The striker's attack on goal in the second half won the match for Celtic.",
        "The bank made a hostile takeover bid for its rival on Monday.",
        "The film bombed at the box office in its opening weekend.",
        "Hackers launched a cyber attack on the company's servers last week.",
        "An earthquake killed eight people in western Nepal on Sunday.",
        "Forces backed by airstrikes will try to retake the town.",
    ],
)
def test_events_no_event_in_negations_plans_sport_business_and_disasters(
    pipeline: Pipeline, text: str
) -> None:
    assert events_of(pipeline, text) == []


def test_events_casualties_split_by_side(pipeline: Pipeline) -> None:
    text = (
        "Islamic State fighters launched an assault on the town of Manbij on Friday. "
        "In two days of fighting, 12 SDF fighters and 30 militants were killed, "
        "according to the Syrian Observatory for Human Rights."
    )
    event = only_event(pipeline, text)
    assert event.killed is not None and event.killed.value == 42
    assert [(t.value, t.side) for t in event.killed_by_side] == [
        (12, "Syrian Democratic Forces"),
        (30, "militants"),
    ]
    assert event.source == "Syrian Observatory for Human Rights"
    assert event.perpetrator == "Islamic State"


def test_events_figures_place_and_date_of_a_bombing(pipeline: Pipeline) -> None:
    text = (
        "On May 14, a car bomb south of Mosul killed at least 17 people and wounded more than 40."
    )
    event = only_event(pipeline, text)
    assert event.type == "bombing"
    assert event.interval == ("2024-05-14", "2024-05-14")
    assert event.time_basis == "expression"
    assert event.place is not None and event.place.name == "Mosul"
    assert (event.place.relation, event.place.precision) == ("south_of", 2)
    assert event.killed is not None and (event.killed.value, event.killed.approx) == (
        17,
        "at_least",
    )
    assert event.wounded is not None and (event.wounded.value, event.wounded.approx) == (
        40,
        "more_than",
    )


def test_events_undated_event_takes_the_publication_day(pipeline: Pipeline) -> None:
    event = only_event(pipeline, "A car bomb killed six people in Baghdad, police said.")
    assert event.interval == ("2024-05-20", "2024-05-20")
    assert event.time_basis == "published"
    assert event.source == "police"


def test_events_earlier_events_named_in_passing(pipeline: Pipeline) -> None:
    text = (
        "The pact follows the March 3 bombing in Kabul that killed 30 people "
        "and the Jan. 9 shelling of Kharkiv, which killed five."
    )
    found = events_of(pipeline, text)
    assert [(e.type, e.interval, e.mention) for e in found] == [
        ("bombing", ("2024-03-03", "2024-03-03"), "passing"),
        ("shelling", ("2024-01-09", "2024-01-09"), "passing"),
    ]
    assert [e.killed.value if e.killed else None for e in found] == [30, 5]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kurdish forces captured the village of Tal Tamr on Sunday.", "territory_captured"),
        (
            "Special forces captured the group's deputy commander in Raqqa on Sunday.",
            "arrest_capture",
        ),
    ],
)
def test_events_captured_reads_its_object(pipeline: Pipeline, text: str, kind: str) -> None:
    assert only_event(pipeline, text).type == kind


def test_events_a_leader_killed(pipeline: Pipeline) -> None:
    text = "A senior al-Shabab commander died in a drone strike near Jilib on Tuesday."
    event = only_event(pipeline, text)
    assert (event.type, event.subtype) == ("leader_killed", "AIR_STRIKE")
    assert event.target == "al-Shabab"


def test_events_forced_out_is_a_loss(pipeline: Pipeline) -> None:
    text = "The militants were forced out of the town of Sirte by government forces in December."
    event = only_event(pipeline, text)
    assert event.type == "territory_lost"
    assert event.interval is not None and event.interval[0].endswith("-12-01")


def test_events_record_round_trips_through_its_attrs(pipeline: Pipeline) -> None:
    event = only_event(pipeline, "A car bomb killed six people in Baghdad on Monday.")
    assert Event(event.start_char, event.end_char, **event.attrs()) == event


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        ("Two suicide bombers blew themselves up at a market, killing 20.", "SUIC_BOMB"),
        (
            "A magnitude 6 earthquake shook the region, damaging hundreds of homes.",
            "NATURAL_DISASTER",
        ),
        ("Riot police fired tear gas to disperse the crowd of protesters.", "PROTEST_WITH_INTER"),
        ("Police said the men robbed a bank and escaped with cash.", "ORG_CRIME"),
        ("The two sides signed a ceasefire agreement on Friday.", "AGREEMENT"),
        ("Nothing in this sentence names anything.", "OTHER"),
    ],
)
def test_events_classify_snippets(snippet: str, code: str) -> None:
    assert EventExtractor().classify(snippet) == code


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("suicide bomb*", "a suicide bombing", True),
        ("drove ~ out of", "drove the militants out of", True),
        ("drove ~ out of", "drove out of", False),
        ("jets bombed|pounded", "jets pounded", True),
    ],
)
def test_events_lexicon_phrase_syntax(phrase: str, text: str, matches: bool) -> None:
    import re

    assert (re.search(phrase_pattern(phrase), text, re.I) is not None) == matches


def test_events_lexicon_subtypes_map_to_known_types() -> None:
    lexicon = EventLexicon.load()
    for subtype in lexicon.subtypes.values():
        assert subtype.type in ("", *EVENT_TYPES), subtype.name
        if subtype.is_event:
            assert lexicon.plover(subtype), subtype.name
