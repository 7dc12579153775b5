"""Stage `claims`: figures read as claims, with aspect, canonical subject, places named together,
fields carried from the claim before, earlier figures and increments (docs/claims.md)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.claims import ClaimLexicon
from sitrep.model import Claim

ClaimsIn = Callable[[str], list[Claim]]


@pytest.fixture(scope="module")
def lexicon() -> ClaimLexicon:
    return ClaimLexicon.load()


@pytest.mark.parametrize(
    ("clause", "aspect"),
    [
        ("the militants have lost ", "lost"),
        ("rebels captured ", "gained"),
        ("the army now controls ", "held"),
        ("the group lost 30 percent of the land it held in the north and ", "lost"),
        ("officials said that ", None),
    ],
)
def test_claims_aspect_from_the_words_before(
    lexicon: ClaimLexicon, clause: str, aspect: str | None
) -> None:
    assert lexicon.aspect_before(clause) == aspect


@pytest.mark.parametrize(("after", "aspect"), [(" loss in a year", "lost"), (" of it", None)])
def test_claims_aspect_from_a_noun_after(
    lexicon: ClaimLexicon, after: str, aspect: str | None
) -> None:
    assert lexicon.aspect_after(after) == aspect


def test_claims_territory_share_with_subject_place_and_aspect(claims_in: ClaimsIn) -> None:
    [claim] = claims_in("The militants of ISIS have lost about 30 percent of their land in Libya.")
    assert (claim.measure, claim.aspect, claim.subject, claim.place) == (
        "territory_share",
        "lost",
        "Islamic State",
        "Libya",
    )
    assert (claim.value, claim.approx, claim.unit) == (30.0, "approximate", "percent")
    assert claim.key == "territory_share|lost|islamic state|libya|percent"


def test_claims_a_following_sentence_carries_place_and_subject(claims_in: ClaimsIn) -> None:
    text = (
        "In all of 2023, ISIS lost 12 percent of its territory in Libya, a monitor said. "
        "In the past two months, it lost another five percent."
    )
    first, second = claims_in(text)
    assert second.place == "Libya" and second.subject == "Islamic State"
    assert "place" in second.carried
    assert second.adds_to == (first.start_char, first.end_char)


def test_claims_down_from_is_an_earlier_period(claims_in: ClaimsIn) -> None:
    text = (
        "ISIS fields 4,000 to 6,000 fighters in Libya and Egypt this month, down from 8,000 "
        "to 10,000 in 2019."
    )
    now, then = claims_in(text)
    assert now.place == then.place == "Egypt and Libya"
    assert then.period_basis == "earlier"
    assert then.period is not None and then.period[0].startswith("2019")
    assert now.key == then.key


def test_claims_an_events_toll_is_left_to_the_event(claims_in: ClaimsIn) -> None:
    assert claims_in("A car bomb killed 12 people in Kirkuk on Sunday, police said.") == []


def test_claims_need_a_subject_or_a_place(claims_in: ClaimsIn) -> None:
    assert claims_in("The budget grew by $4 million.") == []


def test_claims_a_conversion_is_one_claim(claims_in: ClaimsIn) -> None:
    [claim] = claims_in(
        "Kurdish fighters captured 1,000 square kilometres (386 square miles) in Hasakah."
    )
    assert (claim.unit, claim.value, claim.aspect) == ("km2", 1000.0, "gained")
