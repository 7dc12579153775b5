"""Places in short news sentences written for these tests.

Every sentence below is made up for this file. Each test checks one behaviour of `sitrep.places`
(the recogniser and the resolver; the gazetteer has tests/test_gazetteer.py): relative locations
keep their relation, anchor and precision; a country's adjective is a place only before a head
such as "territory"; people's names and common words are not places; the article's countries,
regions and "Town, State" pairs decide between namesakes; a span that resolves to nothing spoils
nothing; and the quantities stage takes its figures' places and canonical subjects from the
places and actors stages.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.model import Article, Place, Quantity
from sitrep.pipeline import Pipeline
from sitrep.places import PlaceExtractor, extract_places, resolve_places
from sitrep.places.resolve import _lone_anchor_starts


def places(text: str) -> list[tuple[str, str, str | None]]:
    return [(p.text, p.name, p.country) for p in extract_places(text)]


def only(text: str, written: str) -> Place:
    found = [p for p in extract_places(text) if p.text == written]
    assert len(found) == 1, [p.text for p in extract_places(text)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "written", "relation", "anchor", "precision"),
    [
        ("Shells fell 20 km south of Baghdad on Monday.", "20 km south of Baghdad", "south_of",
         "Baghdad", 2),
        ("Clashes broke out on the outskirts of Mosul.", "on the outskirts of Mosul", "outskirts",
         "Mosul", 2),
        ("Jets struck targets in northern Iraq.", "northern Iraq", "northern", "Iraq", 3),
        ("A car bomb exploded near Kirkuk.", "near Kirkuk", "near", "Kirkuk", 2),
        ("A blast hit a suburb of the Syrian capital.", "a suburb of the Syrian capital", "suburb",
         "Damascus", 2),
        ("The militants fled to Mosul.", "Mosul", None, None, 1),
        ("Troops massed in Anbar province.", "Anbar province", None, None, 3),
        ("Aid reached Syria.", "Syria", None, None, 4),
    ],
)  # fmt: skip
def test_places_relative_locations_keep_relation_anchor_and_precision(
    text: str, written: str, relation: str | None, anchor: str | None, precision: int
) -> None:
    place = only(text, written)
    assert (place.relation, place.anchor, place.precision) == (relation, anchor, precision)
    assert text[place.start_char : place.end_char] == written


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        ("Two car bombs hit the Zahraa district of Homs.", "Homs", ("Homs", "city", 2, "district")),
        ("A blast shook the Karrada district of Baghdad.", "Baghdad",
         ("Baghdad", "city", 2, "district")),
        ("Shells hit the Kurdish town of Kobani.", "Kobani", ("‘Ayn al ‘Arab", "city", 1, None)),
        ("Rebels held the Syrian province of Idlib.", "Idlib", ("Idlib", "region", 3, None)),
    ],
)  # fmt: skip
def test_places_a_named_district_of_a_town_is_part_of_the_town(
    text: str, written: str, expected: tuple[str, str, int, str | None]
) -> None:
    """Issue #7: "the Zahraa district of Homs" was read as Homs province."""
    place = only(text, written)
    assert (place.name, place.kind, place.precision, place.relation) == expected


@pytest.mark.parametrize(
    ("text", "written", "admin1"),
    [
        ("Shells fell on Homs.", "Homs", "11"),
        ("Troops massed in Homs province.", "Homs province", "11"),
        ("Aid reached Syria.", "Syria", None),
    ],
)
def test_places_records_keep_their_first_level_region(
    text: str, written: str, admin1: str | None
) -> None:
    assert only(text, written).admin1 == admin1


def test_places_the_syrian_capital_is_damascus() -> None:
    place = only("Rockets landed in the Syrian capital overnight.", "the Syrian capital")
    assert (place.name, place.country, place.kind) == ("Damascus", "SY", "city")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The group lost Iraqi territory.", [("Iraqi territory", "Iraq", "IQ")]),
        ("Shells landed on Turkish soil.", [("Turkish soil", "Turkey", "TR")]),
        ("A Russian jetliner crashed.", []),
        ("Syrian rebels advanced.", []),
    ],
)
def test_places_demonym_is_a_place_only_before_a_head(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Col. Steve Warren spoke to reporters.",
        "Secretary of State John Kerry arrived. Kerry said little.",
        "President Obama met the envoy.",
        "Terry A. Corbin was arrested on Friday.",
        "The Washington Post reported the raid.",
        "Even so, the talks went on.",
        "In March, the talks resumed.",
        "Hamas fired rockets.",
    ],
)
def test_places_people_titles_and_common_words_are_not_places(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "written", "country", "admin1"),
    [
        ("The council of Paris, Texas, met on Monday.", "Paris", "US", "TX"),
        ("Police in Lansing, Mich., said the road was shut.", "Lansing", "US", "MI"),
        ("Fighting raged in the northern Iraqi town of Taza.", "Taza", "IQ", None),
        ("Officials in Washington said the strikes would go on.", "Washington", "US", None),
        ("Talks in London ended without a deal.", "London", "GB", None),
    ],
)
def test_places_context_chooses_between_namesakes(
    text: str, written: str, country: str, admin1: str | None
) -> None:
    place = only(text, written)
    assert place.country == country
    if admin1 is not None:
        extractor = PlaceExtractor()
        entries = [e for e in extractor.gazetteer.lookup(written) if e.geonameid == place.geonameid]
        assert entries and entries[0].admin1 == admin1


def test_places_article_country_decides_a_namesake() -> None:
    text = (
        "Iraqi forces pushed north from Baghdad. In Tikrit, residents fled. "
        "The army said Ramadi was calm."
    )
    assert {p.country for p in extract_places(text)} == {"IQ"}


def test_places_names_sharing_a_region_decide_each_other() -> None:
    # No name alone says which state: Gainesville, Hall County and Georgia each have namesakes,
    # but only Georgia holds all three, so Gainesville is Georgia's, not Florida's.
    text = (
        "Firefighters in Gainesville put out a barn fire on Tuesday. Hall County deputies "
        "closed the road, and Georgia officials said no one was hurt."
    )
    place = only(text, "Gainesville")
    assert (place.country, round(place.lat)) == ("US", 34)


@pytest.mark.parametrize(
    ("name", "country"), [("Geneva", "CH"), ("Palmyra", "SY"), ("Russia", "RU"), ("Syria", "SY")]
)
def test_places_country_names_namesake_towns_do_not_pull_others_abroad(
    name: str, country: str
) -> None:  # issue #7: the demo's raids "around Palmyra" were placed in a Mason, Ohio
    # Russia (Ohio, New York) and Syria (Virginia) have namesake towns; with no word of the
    # United States they must not vote for New York, where a Geneva and a Palmyra also lie.
    text = (
        "Peace talks resumed in Geneva. Russia began to pull its jets out of Syria. "
        "Activists reported heavy air raids around Palmyra."
    )
    assert only(text, name).country == country


def test_places_own_name_beats_a_former_name() -> None:
    # GeoNames keeps "Moscow" as a former name of an Ohio village; in an article about Ohio the
    # Russian capital, whose own name it is, still wins.
    text = "Officials in Ohio and Pennsylvania said the airline would fly from Cleveland to Moscow."
    assert only(text, "Moscow").country == "RU"


@pytest.mark.parametrize(
    ("text", "bel"),
    [
        ("Militants in Syria wrecked the shrines of Baalshamin and Bel near Palmyra.", None),
        ("Storms hit Bel and Cudahy in Los Angeles County on Monday.", "Bell"),
    ],
)
def test_places_a_short_alternate_name_needs_a_second_name_in_its_country(
    text: str, bel: str | None
) -> None:
    """Issue #7: "Bel", a temple in a story on Syria, was Bell in California, a town whose
    alternate name it is; beside another Californian name it stays Bell."""
    found = {p.text: p.name for p in extract_places(text)}
    assert found.get("Bel") == bel


def test_places_america_is_the_united_states_at_its_surveyed_centre() -> None:
    found = {p.text: p for p in extract_places("America and its allies met in Latin America.")}
    assert found["America"].name == "United States"
    assert found["Latin America"].country is None
    # The centre of the 48 contiguous states (gazetteer.toml, [country_points]).
    assert (round(found["America"].lat, 1), round(found["America"].lon, 1)) == (39.8, -98.6)


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("U.S. jets flew sorties.", "U.S.", "United States"),
        ("The UK sent advisers.", "UK", "United Kingdom"),
        ("Ministers met in Europe.", "Europe", "Europe"),
    ],
)
def test_places_abbreviations_and_continents(text: str, written: str, name: str) -> None:
    assert only(text, written).name == name


def test_places_span_that_resolves_to_nothing_spoils_nothing() -> None:
    text = "Fighters left Zzyzxqwv and reached Mosul."
    spans = [
        (text.index("Zzyzxqwv"), text.index("Zzyzxqwv") + 8),
        (text.index("Mosul"), len(text) - 1),
    ]
    resolved = resolve_places(text, spans)
    assert resolved[0] is None
    assert resolved[1] is not None and resolved[1].country == "IQ"


def test_places_records_point_at_their_own_text() -> None:
    text = (
        "Clashes near Kirkuk and in northern Syria spread to Raqqa province and the U.S. embassy."
    )
    for place in extract_places(text):
        assert text[place.start_char : place.end_char] == place.text
        assert place.lat is not None and -90 <= place.lat <= 90
        assert place.lon is not None and -180 <= place.lon <= 180


def test_places_stage_fills_quantity_place_and_canonical_subject(
    pipeline: Pipeline, make_article: Callable[..., Article]
) -> None:
    text = (
        "The Islamic State group has lost about 40 percent of its territory in Iraq. "
        "In days of fighting, 47 SDF fighters were killed near Shaddadi."
    )
    annotated = pipeline.run(make_article(text))
    assert {p.name for p in annotated.get("places")} >= {"Iraq"}
    figures = {q.text: q for q in annotated.get("quantities") if isinstance(q, Quantity)}
    share = next(q for written, q in figures.items() if "40 percent" in written)
    assert share.place == "Iraq"
    fighters = next(q for written, q in figures.items() if written.startswith("47"))
    assert fighters.subject == "Syrian Democratic Forces"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ships docked in the town of Mobile.", [("Mobile", "Mobile", "US")]),
        ("They fled to Hamas.", []),
        ("The Syrian capital was calm.", [("The Syrian capital", "Damascus", "SY")]),
        ("IRAQ: CAR BOMB KILLS FIVE", [("IRAQ", "Iraq", "IQ")]),
    ],
)
def test_places_kind_word_groups_capitalised_description_and_headline(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "written", "name", "precision", "relation"),
    [
        # A street lies in the article's town, whatever place it is named after.
        (
            "Police in Mosul said a car bomb on Palestine Street wounded nine. Mosul is calm.",
            "Palestine Street",
            "Mosul",
            2,
            "in",
        ),
        (
            "A shop on Abu Nuwas Street in Baghdad was hit. Baghdad's mayor visited.",
            "Abu Nuwas Street",
            "Baghdad",
            2,
            "in",
        ),
        # A possessive ends a name: the street is Third Street, in Harare.
        (
            "Harare police said Harare's Third Street was closed; Harare is tense.",
            "Third Street",
            "Harare",
            2,
            "in",
        ),
        # A building lies in the place its name holds.
        ("Mortars hit Mosul University on Sunday.", "Mosul University", "Mosul", 1, None),
        # A street that stands for what is on it is a place of the gazetteer.
        ("Shares fell on Wall Street in New York.", "Wall Street", "Wall Street", 1, None),
    ],
)
def test_places_streets_and_buildings_lie_in_their_town(
    text: str, written: str, name: str, precision: int, relation: str | None
) -> None:
    place = only(text, written)
    assert (place.name, place.kind, place.precision, place.relation) == (
        name,
        "landmark",
        precision,
        relation,
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Wall Street Journal reported it first.",  # a newspaper, not a street
        "Shoppers deserted the High Street in Leeds.",  # shops anywhere
        "Janet Street-Porter presented the show in Leeds.",  # a surname
        "A car bomb on Kindi Street wounded nine.",  # no town to put it in
    ],
)
def test_places_street_words_that_are_no_street_stay_unplaced(text: str) -> None:
    assert not any("Street" in p.text for p in extract_places(text))


def test_places_a_street_is_not_the_town_sharing_its_last_word() -> None:
    # The gold-span route: "Royal Street" is not Street in Somerset but the article's town.
    text = "New Orleans police closed Royal Street. New Orleans hosts a parade."
    start = text.index("Royal Street")
    (place,) = resolve_places(text, [(start, start + len("Royal Street"))])
    assert place is not None and (place.name, place.relation) == ("New Orleans", "in")


def test_places_an_anchor_left_out_matters_only_where_no_other_shares_its_point() -> None:
    """A toponym's own anchor is left out of its nearness; where another mention anchors the
    same point, leaving it out changes nothing, and repeated names are scored once."""
    anchors = [(10, 33.3, 44.4), (50, 33.3, 44.4), (90, 36.2, 37.1), (90, 33.3, 44.4)]
    assert _lone_anchor_starts(anchors) == {90}
