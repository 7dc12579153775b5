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
        # Demands, appeals and postponements tell nothing that happened (issue #7).
        "The rebels demanded a truce with the army in the hills north of Goma.",
        "The union urged its members to join the rally outside parliament in Rome.",
        "The opposition agreed to postpone the march in Tbilisi until next month.",
        # A state, a weapon found, a purchase (issue #7).
        "Settlers moved into new homes in the occupied Golan Heights.",
        "Troops moved into Tyre after the discovery of Grad rockets in an orchard there.",
        "The navy is considering the buying of used fighter jets from Lockheed.",
        # Protests outside a war need their crowd; markets rally, teams rally.
        "The dollar failed to extend its rally in New York on Friday, analysts said.",
        "Stocks rallied in Tokyo after the central bank spoke.",
        "The home side rallied late in Cardiff but lost the match by a point.",
        "Unions announced strike action at ports in Antwerp from Monday.",
        "The film's torture scenes shocked critics in Cannes.",
    ],
)
def test_events_no_event_in_negations_plans_sport_business_and_disasters(
    pipeline: Pipeline, text: str
) -> None:
    assert events_of(pipeline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # A war's or a disaster's count told by casualty words alone.
        "The United Nations says more than 300,000 people have been killed in the war.",
        "Officials said about 12,000 people were killed across the coast by the floods.",
        # A count over a period is many events.
        "The coalition has carried out more than 8,000 air strikes since the spring of 2022.",
        "Police recorded 45 gun deaths in the city between January 2022 and March 2023.",
        "Government troops pushed the rebels out of much of the province over the past year.",
        # Causes of death that are no violence, and a conviction for an old crime.
        "Two fans died of a heart attack outside the stadium in Leeds on Saturday.",
        "The singer was convicted of killing two people in a crash in Ohio in 2019.",
        # A group formed is no event in an article (it still classifies a snippet).
        "The Northern Alliance, formed in March, holds the hills west of Taloqan.",
        # Militias that rallied to defend a city staged no protest.
        "Thousands of volunteers rallied to defend Kharkiv in March 2022, officials said.",
    ],
)
def test_events_counts_over_periods_and_natural_deaths_make_no_event(
    pipeline: Pipeline, text: str
) -> None:  # issue #7: BBC false events, the demo's war toll
    assert events_of(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("Thousands of Tamils demonstrated in Jaffna on Sunday for detainees.", "PEACE_PROTEST"),
        ("Hundreds of students marched through Dhaka on Tuesday.", "PEACE_PROTEST"),
        ("Some 300 prisoners began a hunger strike at a jail in Ankara.", "PEACE_PROTEST"),
        (
            "Demonstrators protesting the election results in Lusaka were dispersed with tear gas.",
            "PROTEST_WITH_INTER",
        ),
    ],
)
def test_events_a_protest_with_its_crowd_needs_no_war(
    pipeline: Pipeline, text: str, subtype: str
) -> None:
    """Issue #7: protests outside armed conflict made no event ("Iraqi Kurds demonstrated")."""
    event = only_event(pipeline, text)
    assert (event.type, event.subtype) == ("protest", subtype)


def test_events_a_disaster_article_needs_an_armed_actor_beside_casualty_words(
    pipeline: Pipeline,
) -> None:  # issue #7: tsunami tolls in business news
    text = (
        "The tsunami struck the coast of Aceh on Sunday. "
        "In the worst-hit towns at least 900 people were killed, officials said. "
        "Separately, rebels killed four soldiers in an ambush near Bireuen on Monday."
    )
    assert [e.trigger for e in events_of(pipeline, text)] == ["ambush"]


def test_events_a_tally_of_leaders_killed_stays_an_event(pipeline: Pipeline) -> None:
    text = "More than 40 senior militant commanders have been killed since the summer, he said."
    event = only_event(pipeline, text)
    assert event.type == "leader_killed"
    assert event.killed is not None and event.killed.value == 40


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A place naming a party is no event place: "U.S. officials", "Moscow's", "-led".
        ("U.S. officials said a drone strike killed two militants near Idlib on Tuesday.", "Idlib"),
        (
            "Despite Moscow's pledge, Syrian jets carried out air raids around Palmyra on Friday.",
            "Tadmur",
        ),
        # The place in the trigger's clause, not the one of the clause before.
        (
            "It comes as Ankara and Tehran hold talks, and as Syrian artillery has shelled rebel "
            "positions south of Aleppo for days.",
            "Aleppo",
        ),
    ],
)
def test_events_place_is_where_it_happened_not_a_party(
    pipeline: Pipeline, text: str, place: str
) -> None:  # issue #7: the demo's "shelling at Moscow"
    event = only_event(pipeline, text)
    assert event.place is not None and event.place.name == place


def test_events_definite_mentions_fold_into_the_event_told(pipeline: Pipeline) -> None:
    # issue #7: "the attack", "the twin attacks" made events of their own in the demo
    text = (
        "Two suicide bombers struck a market in Kirkuk on Sunday, killing at least 30 people.\n\n"
        "The twin attacks underline how thin the city's defences have become.\n\n"
        "Hospital officials said more than 60 people were wounded in the attack."
    )
    found = events_of(pipeline, text)
    assert [(e.type, e.interval) for e in found] == [
        ("suicide_bombing", ("2024-05-19", "2024-05-19")),
        ("suicide_bombing", ("2024-05-19", "2024-05-19")),
    ]
    assert found[1].wounded is not None and found[1].wounded.value == 60
    assert found[1].place is not None and found[1].place.name == "Kirkuk"


def test_events_a_mention_dates_an_event_only_its_article_dated(pipeline: Pipeline) -> None:
    text = (
        "Militants fired rockets carrying a chemical agent at the town of Tuz Khurmatu, "
        "officials said.\n\n"
        "Doctors in Kirkuk said about 200 people had been treated since the attack late on "
        "Friday."
    )
    first, second = events_of(pipeline, text)
    assert first.interval == second.interval == ("2024-05-17", "2024-05-17")
    assert second.place == first.place


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


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return EventExtractor()


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        ("Hundreds of students marched peacefully to the ministry with banners.", "PEACE_PROTEST"),
        ("Protesters hurled stones at the police and set tyres ablaze.", "VIOL_DEMONSTR"),
        ("Demonstrators blocked roads into the capital during the protest.", "VIOL_DEMONSTR"),
        (
            "Police used water cannon to disperse a rally outside the parliament.",
            "PROTEST_WITH_INTER",
        ),
        ("Police detained dozens of activists at an unauthorised protest.", "PROTEST_WITH_INTER"),
        ("Soldiers opened fire on demonstrators, killing three of them.", "FORCE_AGAINST_PROTEST"),
        (
            "Students marched through the city to demand justice for a classmate killed in a "
            "road crash.",
            "PEACE_PROTEST",
        ),
        ("Police fired stun grenades to disperse the crowd of protesters.", "PROTEST_WITH_INTER"),
        ("Gunmen killed four villagers near the river on 12 March, police said.", "ATTACK"),
    ],
)
def test_events_classify_protest_by_who_does_what(
    extractor: EventExtractor, snippet: str, code: str
) -> None:
    assert extractor.classify(snippet) == code


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        ("A roadside bomb exploded near a police convoy, wounding four officers.", "REM_EXPLOS"),
        ("Bomb disposal experts defused an explosive device found under a bridge.", "DISR_WEAP"),
        ("Police seized rifles and ammunition in a raid on a farmhouse.", "DISR_WEAP"),
        (
            "A gas cylinder exploded in a restaurant kitchen, injuring five people.",
            "MAN_MADE_DISASTER",
        ),
        ("The group claimed responsibility for the bomb attack on the market.", "ATTRIB"),
        (
            "Two attackers detonated their explosives, killing themselves outside the station.",
            "SUIC_BOMB",
        ),
        ("A soldier was wounded when a grenade was hurled at a gathering of troops.", "GRENADE"),
    ],
)
def test_events_classify_explosion_or_not(
    extractor: EventExtractor, snippet: str, code: str
) -> None:
    assert extractor.classify(snippet) == code


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        (
            "Government troops recaptured the town from the rebels after heavy fighting.",
            "GOV_REGAINS_TERIT",
        ),
        (
            "Insurgents captured the district centre after days of clashes.",
            "NON_STATE_ACTOR_OVERTAKES_TER",
        ),
        ("The militants were driven out of the village by the army.", "GOV_REGAINS_TERIT"),
        (
            "Rebels entered the town without resistance after the army withdrew.",
            "NON_VIOL_TERRIT_TRANSFER",
        ),
        ("Militants attacked an army checkpoint, and soldiers returned fire.", "ARMED_CLASH"),
        (
            "The rebels tried to take control of the hill, but the army pushed them back in "
            "heavy clashes.",
            "ARMED_CLASH",
        ),
        (
            "Government troops seized on Sunday a strategic hilltop near the river.",
            "GOV_REGAINS_TERIT",
        ),
        ("The islamists attacked and took over the town at dawn.", "NON_STATE_ACTOR_OVERTAKES_TER"),
        ("Insurgents raided an army base overnight, and the soldiers fought back.", "ARMED_CLASH"),
        ("Soldiers opened fire on militants trying to cross the border.", "ARMED_CLASH"),
    ],
)
def test_events_classify_territory_by_taker(
    extractor: EventExtractor, snippet: str, code: str
) -> None:
    assert extractor.classify(snippet) == code


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        ("The army has set up a new military base near the border town.", "HQ_ESTABLISHED"),
        (
            "The ministry dispatched reinforcements and troops to the northern province.",
            "CHANGE_TO_GROUP_ACT",
        ),
        ("The two armies exchanged prisoners at the crossing on Friday.", "AGREEMENT"),
        ("Border guards intercepted a boat carrying smuggled migrants.", "ORG_CRIME"),
        ("Insurgents attacked the outpost with grenades overnight.", "GRENADE"),
        ("Warplanes bombed an ammunition depot on the edge of the city.", "AIR_STRIKE"),
        ("Jets fired missiles at a convoy on the highway.", "AIR_STRIKE"),
        ("Police arrested twelve men suspected of planning attacks on the embassy.", "ARREST"),
    ],
)
def test_events_classify_activity_and_means(
    extractor: EventExtractor, snippet: str, code: str
) -> None:
    assert extractor.classify(snippet) == code
