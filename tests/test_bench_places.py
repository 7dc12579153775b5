"""The places benchmark's own machinery, on hand-written XML and hand-made predictions: the two
loaders, the split, the pairing, the distance and every figure the scorer reports."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

from sitrep.model import Place

bench = load_benchmark("bench_places")
harness = load_benchmark("harness")

GWN_TEXT = "Fighting in Aleppo spread to Syrian towns near Homs, the British said."

# Listed out of text order on purpose; one annotation sits in the headline (negative offsets),
# as two of GeoWebNews' do.
GWN_XML = f"""<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>Headline</title>
    <link>http://example.org/a</link>
    <text>{GWN_TEXT}</text>
    <toponyms>
      <toponym>
        <extractedName>Homs</extractedName><normalisedName /><type>Literal</type>
        <modifierType /><nonLocational>No</nonLocational><start>47</start><end>51</end>
        <geonamesID>169577</geonamesID><latitude>34.72682</latitude>
        <longitude>36.72339</longitude>
      </toponym>
      <toponym>
        <extractedName>Aleppo</extractedName><normalisedName /><type>Metonymic</type>
        <modifierType /><nonLocational>No</nonLocational><start>12</start><end>18</end>
        <geonamesID /><latitude>36.20124</latitude><longitude>37.16117</longitude>
      </toponym>
      <toponym>
        <extractedName>Syrian</extractedName><normalisedName /><type>Non_Literal_Modifier</type>
        <modifierType>Adjective</modifierType><nonLocational>No</nonLocational>
        <start>29</start><end>35</end><geonamesID>163843</geonamesID>
        <latitude>35.0</latitude><longitude>38.0</longitude>
      </toponym>
      <toponym>
        <extractedName>towns</extractedName><normalisedName /><type>Literal_Expression</type>
        <modifierType /><nonLocational>No</nonLocational><start>36</start><end>41</end>
        <geonamesID /><latitude /><longitude />
      </toponym>
      <toponym>
        <extractedName>British</extractedName><normalisedName /><type>Demonym</type>
        <modifierType /><nonLocational>No</nonLocational><start>57</start><end>64</end>
      </toponym>
      <toponym>
        <extractedName>US</extractedName><normalisedName /><type>Non_Literal_Modifier</type>
        <modifierType /><nonLocational>No</nonLocational><start>-20</start><end>-18</end>
      </toponym>
    </toponyms>
  </article>
</articles>
"""

LGL_TEXT = "Alexandria woman charged. The fire at 6016 Dublin Road in Rapides Parish."

LGL_XML = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="40450848">
    <feedid>138</feedid>
    <title>Alexandria woman charged</title>
    <text><![CDATA[{LGL_TEXT}]]></text>
    <toponyms count="3">
      <toponym>
        <start>0</start><end>10</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550">
          <name>Alexandria</name><fclass>P</fclass><fcode>PPL</fcode>
          <lat>31.3113</lat><lon>-92.4451</lon>
          <country geonameid="6252001">United States</country>
        </gaztag>
      </toponym>
      <toponym>
        <start>43</start><end>54</end><phrase>Dublin Road</phrase>
      </toponym>
      <toponym>
        <start>58</start><end>72</end><phrase>Rapides Parish</phrase>
        <gaztag geonameid="4338356">
          <name>Rapides Parish</name><fclass>A</fclass><fcode>ADM2</fcode>
          <lat>31.1669</lat><lon>-92.4835</lon>
        </gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>
"""


def write_corpus(root: Path, corpus: str, xml: str) -> Path:
    folder = root / "places"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / bench.CORPORA[corpus]).write_text(xml, encoding="utf-8")
    return root


def place(start: int, end: int, lat: float | None = None, lon: float | None = None) -> Place:
    return Place(start_char=start, end_char=end, name="x", lat=lat, lon=lon)


def gold(start: int, end: int, lat: float | None = None, lon: float | None = None) -> Any:
    return bench.GoldToponym(start, end, "x", "Literal", lat, lon)


# --- loaders -------------------------------------------------------------------------------------


def test_gwn_loader_reads_types_roles_and_coordinates(tmp_path: Path) -> None:
    [document] = list(bench.load_corpus("gwn", write_corpus(tmp_path, "gwn", GWN_XML)))
    assert (document.corpus, document.index, document.name) == ("gwn", 0, "7")
    assert document.text == GWN_TEXT
    assert [g.text for g in document.gold] == ["Aleppo", "Syrian", "Homs"]  # text order
    assert all(g.fits(document.text) for g in document.gold)
    homs = document.gold[2]
    assert (homs.type, homs.geonameid, homs.lat, homs.lon) == (
        "Literal",
        169577,
        34.72682,
        36.72339,
    )
    aleppo = document.gold[0]
    assert aleppo.geonameid is None and aleppo.located  # coordinates without a GeoNames id
    roles = {other.text: other.role for other in document.others}
    assert roles == {"towns": "not_toponym", "British": "neutral", "US": "outside_text"}
    assert [n.text for n in document.neutral] == ["British"]
    assert document.spans == [(12, 18), (29, 35), (47, 51)]


def test_gwn_loader_refuses_an_unknown_type(tmp_path: Path) -> None:
    xml = GWN_XML.replace("<type>Literal</type>", "<type>Literalish</type>")
    with pytest.raises(ValueError, match="Literalish"):
        list(bench.load_corpus("gwn", write_corpus(tmp_path, "gwn", xml)))


def test_lgl_loader_reads_gaztags_and_toponyms_without_them(tmp_path: Path) -> None:
    [document] = list(bench.load_corpus("lgl", write_corpus(tmp_path, "lgl", LGL_XML)))
    assert (document.corpus, document.name, document.text) == ("lgl", "40450848", LGL_TEXT)
    assert [g.text for g in document.gold] == ["Alexandria", "Dublin Road", "Rapides Parish"]
    assert all(g.fits(document.text) and g.type == "Toponym" for g in document.gold)
    alexandria, road, parish = document.gold
    assert (alexandria.lat, alexandria.lon, alexandria.geonameid) == (31.3113, -92.4451, 4314550)
    assert alexandria.feature == "P.PPL" and parish.feature == "A.ADM2"
    assert not road.located and road.geonameid is None and road.feature is None
    assert document.others == ()


def test_missing_corpus_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"GWN\.xml"):
        list(bench.load_corpus("gwn", tmp_path))


def test_every_fifth_article_is_held_out() -> None:
    splits = [bench.PlaceDocument("gwn", index, str(index), "", ()).split for index in range(10)]
    assert splits == ["dev"] * 4 + ["heldout"] + ["dev"] * 4 + ["heldout"]


# --- pairing and distance ------------------------------------------------------------------------


def test_pairing_is_one_to_one_gold_first() -> None:
    golds = [gold(0, 6), gold(8, 12)]
    # The wide prediction overlaps both gold toponyms but pairs with the first only.
    assert bench.pair_up([place(0, 12), place(8, 10)], golds) == [(0, 0), (1, 1)]
    # Each gold toponym takes the first free prediction in the order given.
    assert bench.pair_up([place(3, 9), place(0, 6)], golds[:1]) == [(0, 0)]
    # Touching is not overlapping.
    assert bench.pair_up([place(6, 8)], golds) == []


def test_haversine_distances() -> None:
    assert bench.haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.56, abs=0.01)
    assert bench.haversine_km(0, 0, 0, 1) == pytest.approx(math.pi * 6371 / 180)
    assert bench.haversine_km(0, 0, 0, 180) == pytest.approx(bench.FARTHEST_KM)
    assert bench.haversine_km(33.3, 44.4, 33.3, 44.4) == 0.0


def test_error_needs_coordinates_on_both_sides() -> None:
    located = bench.GoldToponym(0, 1, "x", "Literal", 10.0, 20.0)
    assert bench.error_km(place(0, 1, 10.0, 20.0), located) == 0.0
    assert bench.error_km(place(0, 1), located) is None
    assert bench.error_km(None, located) is None
    assert bench.error_km(place(0, 1, 10.0, 20.0), gold(0, 1)) is None


# --- figures -------------------------------------------------------------------------------------

ALEPPO = (36.20, 37.16)
HOMS = (34.73, 36.72)
IDLIB = (35.93, 36.63)


def scenario() -> Any:
    """Four gold toponyms (three with coordinates) and a neutral demonym."""
    return bench.PlaceDocument(
        "gwn",
        0,
        "demo",
        "Aleppo and Homs and Idlib, the British said, and Shaar, Paris.",
        (gold(0, 6, *ALEPPO), gold(11, 15, *HOMS), gold(20, 25, *IDLIB), gold(49, 54)),
        (bench.GoldToponym(31, 38, "British", "Demonym", role="neutral"),),
    )


def test_scoring_figures_on_hand_made_predictions() -> None:
    document = scenario()
    two_degrees_north = (HOMS[0] + 2, HOMS[1])  # 222.39 km along a meridian
    predicted = [
        place(56, 61, 48.86, 2.35),  # Paris: no gold toponym there, a false positive
        place(0, 6, *ALEPPO),  # right on
        place(11, 15, *two_degrees_north),  # recognised, resolved too far
        place(31, 38),  # on the neutral demonym: left out
        place(49, 54),  # Shaar has no gold coordinates: recognition only
    ]  # Idlib is missed
    tally = bench.score_document(document, predicted, keep_errors=True)
    assert (tally.matched, tally.predicted, tally.gold, tally.neutral) == (3, 4, 4, 1)
    assert (tally.located, tally.located_matched, tally.within, tally.unresolved) == (3, 2, 1, 0)
    figures = tally.figures()
    assert figures["precision"] == pytest.approx(75.0)
    assert figures["recall"] == pytest.approx(75.0)
    assert figures["f1"] == pytest.approx(75.0)
    assert figures["accuracy_161"] == pytest.approx(50.0)
    assert figures["accuracy_161_end_to_end"] == pytest.approx(100 / 3)
    far = math.pi * 6371 * 2 / 180
    errors = tally.error_figures()
    assert errors["mean km"] == pytest.approx(far / 2)
    assert errors["median km"] == pytest.approx(far / 2)
    scale = math.log1p(bench.FARTHEST_KM)
    assert errors["auc (lower is better)"] == pytest.approx(math.log1p(far) / (2 * scale))
    assert len(tally.false_positives) == 1 and "Paris" in tally.false_positives[0]
    assert len(tally.misses) == 1 and "Idlib" in tally.misses[0]
    assert len(tally.far) == 1 and "222 km" in tally.far[0]
    assert tally.matched_by_type == {"Literal": 3} and tally.gold_by_type == {"Literal": 4}


def test_nothing_predicted_scores_zero_not_an_error() -> None:
    tally = bench.score_document(scenario(), [])
    assert tally.figures() == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "accuracy_161": 0.0,
        "accuracy_161_end_to_end": 0.0,
    }
    assert math.isnan(tally.error_figures()["mean km"])


def test_resolution_on_gold_spans_counts_no_answer_as_wrong() -> None:
    document = scenario()
    resolved = [place(0, 6, *ALEPPO), None, place(20, 25), None]
    tally = bench.score_on_gold(document, resolved, keep_errors=True)
    assert (tally.located_matched, tally.within, tally.unresolved) == (3, 1, 2)
    assert tally.figures()["accuracy_161"] == pytest.approx(100 / 3)
    assert tally.error_figures()["auc (lower is better)"] == pytest.approx(2 / 3)
    assert len(tally.far) == 2
    with pytest.raises(ValueError, match="3 answers for 4 spans"):
        bench.score_on_gold(document, resolved[:3])


def test_splits_add_up_and_keep_no_held_out_errors() -> None:
    def document(index: int) -> Any:
        return bench.PlaceDocument("lgl", index, str(index), "Aleppo", (gold(0, 6, *ALEPPO),))

    tallies = bench.score_corpus([document(0), document(4)], lambda text: [place(1, 2)])
    assert tallies["dev"].matched == tallies["heldout"].matched == 1
    assert tallies["whole"].matched == 2 and tallies["whole"].unresolved == 2
    assert tallies["dev"].far and not tallies["heldout"].far

    on_gold = bench.score_corpus_on_gold(
        [document(0), document(4)], lambda text, spans: [place(*span, *ALEPPO) for span in spans]
    )
    assert on_gold["whole"].figures()["accuracy_161"] == 100.0


def test_floor_sections_and_a_missing_section_pins_nothing() -> None:
    assert bench.section("gwn", "dev") == "places.gwn_dev"
    assert bench.section("lgl", "whole", on_gold=True) == "places.lgl_gold_whole"
    figures = bench.Tally(1, 1, 2).figures()
    assert harness.check_floors("places.nowhere", figures, floors={}) == []
    floors = {"places.gwn_dev": {"recall": 60.0}}
    assert harness.check_floors("places.gwn_dev", figures, floors) != []


def test_a_missing_places_stage_exits_with_a_clear_message() -> None:
    with pytest.raises(SystemExit, match="not there yet"):
        bench._places_attribute("sitrep.no_such_stage", "extract_places")
    with pytest.raises(SystemExit, match="has no extract_places"):
        bench._places_attribute("sitrep.model", "extract_places")
