"""Publication dates read from the text: printed lines, datelines, dates mentioned, decoys."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.ingest.published import (
    DATELINE_WITH_YEAR,
    DATELINE_YEAR_FROM_TEXT,
    HEAD_CHARS,
    LATEST_MENTIONED,
    PRINTED_AND_DATELINE,
    PRINTED_LABELLED,
    PRINTED_LINE,
    InferredDate,
    infer_published,
    looks_like_date_line,
    publication_date,
)

BODY = (
    "Army engineers began clearing the main road into the town on Tuesday, a day after "
    "government troops entered it, a local official said."
)
SECOND = "Families who fled the fighting were told to wait until the work was finished."


def story(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def inferred(text: str) -> InferredDate:
    found = infer_published(text)
    assert found is not None
    assert 0 <= found.start_char < found.end_char <= len(text)
    return found


# Printed publication lines ----------------------------------------------------------------------

PRINTED = {
    "labelled": ("Published March 17, 2016", "Published March 17, 2016", PRINTED_LABELLED),
    "labelled-colon-on": (
        "Posted on: Thursday, March 17, 2016",
        "Posted on: Thursday, March 17, 2016",
        PRINTED_LABELLED,
    ),
    "bare-month-first": ("March 17, 2016", "March 17, 2016", PRINTED_LINE),
    "bare-abbreviated": ("Mar. 17, 2016", "Mar. 17, 2016", PRINTED_LINE),
    "bare-day-first-clock": ("17 March 2016 12:05 GMT", "17 March 2016 12:05 GMT", PRINTED_LINE),
    "weekday-dotted-clock": (
        "Thursday 17 March 2016 12.05 GMT",
        "Thursday 17 March 2016 12.05 GMT",
        PRINTED_LINE,
    ),
    "clock-am-pm": (
        "Published: March 17, 2016 at 3:45 p.m. EST",
        "Published: March 17, 2016 at 3:45 p.m. EST",
        PRINTED_LABELLED,
    ),
    "iso-timestamp": ("2016-03-17T12:05:00Z", "2016-03-17T12:05:00Z", PRINTED_LINE),
    "capitals": ("MARCH 17, 2016", "MARCH 17, 2016", PRINTED_LINE),
    "byline": (
        "By Dana Whitfield | March 17, 2016",
        "By Dana Whitfield | March 17, 2016",
        PRINTED_LINE,
    ),
    "update-after-separator": (
        "Published 17 March 2016 | Updated 18 November 2021",
        "Published 17 March 2016",
        PRINTED_LABELLED,
    ),
}


@pytest.mark.parametrize(("line", "evidence", "confidence"), PRINTED.values(), ids=PRINTED.keys())
def test_published_printed_line_near_the_top(line: str, evidence: str, confidence: float) -> None:
    text = story("Engineers clear the road into the town", line, BODY)
    found = inferred(text)
    assert found.date == dt.date(2016, 3, 17)
    assert found.confidence == confidence
    assert text[found.start_char : found.end_char] == evidence
    assert f"'{evidence}'" in found.reason


def test_published_labelled_line_wins_over_an_earlier_bare_one() -> None:
    text = story("March 12, 2016", "Published March 17, 2016", BODY)
    assert inferred(text).date == dt.date(2016, 3, 17)


@pytest.mark.parametrize(
    "line",
    [
        "March 17, 2016, the day the town fell, is remembered here.",  # prose, not a date line
        "Published in the spring of 2016",  # no full date
        "March 17",  # no year
    ],
)
def test_published_a_line_that_is_more_than_a_date_is_not_a_printed_line(line: str) -> None:
    found = infer_published(story(line, BODY))
    assert found is None or found.confidence == LATEST_MENTIONED


def test_published_printed_line_below_the_top_is_only_a_date_mentioned() -> None:
    filler = story(*[SECOND] * (HEAD_CHARS // len(SECOND) + 1))
    found = inferred(story(BODY, filler, "March 17, 2016", SECOND))
    assert (found.date, found.confidence) == (dt.date(2016, 3, 17), LATEST_MENTIONED)


# Datelines --------------------------------------------------------------------------------------

DATELINES = {
    "with-year": (
        "KIRKUK, Iraq, March 8, 2016 — " + BODY,
        dt.date(2016, 3, 8),
        DATELINE_WITH_YEAR,
        "KIRKUK, Iraq, March 8, 2016",
    ),
    "year-from-a-date-in-the-same-year": (
        story("BAGHDAD, March 15 (Tigris Wire) -- " + BODY, "The push began on March 2, 2016."),
        dt.date(2016, 3, 15),
        DATELINE_YEAR_FROM_TEXT,
        "BAGHDAD, March 15",
    ),
    "year-across-new-year": (
        story("BAGHDAD, Jan. 17 (Xinhua) -- " + BODY, "The offensive began on Dec. 20, 2015."),
        dt.date(2016, 1, 17),
        DATELINE_YEAR_FROM_TEXT,
        "BAGHDAD, Jan. 17",
    ),
    "year-before-an-event-to-come": (
        story("ERBIL, Jan. 17 (Xinhua) -- " + BODY, "Voters go to the polls on April 30, 2016."),
        dt.date(2016, 1, 17),
        DATELINE_YEAR_FROM_TEXT,
        "ERBIL, Jan. 17",
    ),
    "day-first-with-agency": (
        story("LONDON, 17 March (Hill Courier) - " + BODY, "Talks opened on 14 March 2016."),
        dt.date(2016, 3, 17),
        DATELINE_YEAR_FROM_TEXT,
        "LONDON, 17 March",
    ),
    "title-case-place-colon": (
        "Al-Shaddadi, Syria, Feb. 20, 2016: " + BODY,
        dt.date(2016, 2, 20),
        DATELINE_WITH_YEAR,
        "Al-Shaddadi, Syria, Feb. 20, 2016",
    ),
    "after-a-headline-line": (
        story("Road into the town cleared", "MOSUL, Iraq, March 8, 2016 -- " + BODY),
        dt.date(2016, 3, 8),
        DATELINE_WITH_YEAR,
        "MOSUL, Iraq, March 8, 2016",
    ),
    "leap-day": (
        story("RAQQA, Feb. 29 (Euphrates Monitor) -- " + BODY, "It began on March 1, 2016."),
        dt.date(2016, 2, 29),
        DATELINE_YEAR_FROM_TEXT,
        "RAQQA, Feb. 29",
    ),
}


@pytest.mark.parametrize(
    ("text", "date", "confidence", "evidence"), DATELINES.values(), ids=DATELINES.keys()
)
def test_published_dateline_at_the_start_of_the_body(
    text: str, date: dt.date, confidence: float, evidence: str
) -> None:
    found = inferred(text)
    assert (found.date, found.confidence) == (date, confidence)
    assert text[found.start_char : found.end_char] == evidence
    assert found.reason.startswith(f"dateline '{evidence}'")


def test_published_dateline_year_reason_names_the_date_it_came_from() -> None:
    found = inferred(DATELINES["year-across-new-year"][0])
    assert found.reason == (
        "dateline 'BAGHDAD, Jan. 17' with year from the latest date mentioned (2015-12-20)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "BAGHDAD, Jan. 17 (Xinhua) -- " + BODY,
        story("KIRKUK, Iraq, March 8 — " + BODY, "The town has been held since June 2014."),
    ],
    ids=["no-other-date", "only-a-bare-year"],
)
def test_published_dateline_without_any_year_gives_nothing(text: str) -> None:
    assert infer_published(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "BAGHDAD (Reuters) - " + BODY,  # no date in the dateline
        "Officials, March 8 said the road was open.",  # no dash: prose
        "BAGHDAD, Feb. 30 (Xinhua) -- " + BODY,  # not a calendar day
    ],
)
def test_published_what_is_not_a_dateline(text: str) -> None:
    assert infer_published(story(text, "It began on March 1, 2016.")).confidence == LATEST_MENTIONED  # type: ignore[union-attr]


def test_published_dateline_agreeing_with_a_printed_line_raises_confidence() -> None:
    text = story("March 18, 2016", "BAGHDAD, March 17 (Tigris Wire) -- " + BODY)
    found = inferred(text)
    assert (found.date, found.confidence) == (dt.date(2016, 3, 18), PRINTED_AND_DATELINE)
    assert found.reason == (
        "printed date line 'March 18, 2016', dateline 'BAGHDAD, March 17' agrees"
    )


def test_published_printed_line_wins_over_a_disagreeing_dateline() -> None:
    found = inferred(story("Published March 25, 2016", "BAGHDAD, March 17 -- " + BODY))
    assert (found.date, found.confidence) == (dt.date(2016, 3, 25), PRINTED_LABELLED)


# Dates mentioned --------------------------------------------------------------------------------

MENTIONED = {
    "latest-of-several": (
        "The war began on 15 March 2011. A truce started on 2016-02-27, and talks on "
        "March 14th, 2016 failed.",
        dt.date(2016, 3, 14),
        "March 14th, 2016",
    ),
    "day-of-month": (
        "Shelling resumed on the 9th of March, 2016.",
        dt.date(2016, 3, 9),
        "9th of March, 2016",
    ),
    "iso": (
        "The ministry's report of 2016-03-11 gave the toll.",
        dt.date(2016, 3, 11),
        "2016-03-11",
    ),
    "impossible-date-skipped": (
        "A clash on February 30, 2016 was reported, and another on February 3, 2016.",
        dt.date(2016, 2, 3),
        "February 3, 2016",
    ),
}


@pytest.mark.parametrize(("text", "date", "evidence"), MENTIONED.values(), ids=MENTIONED.keys())
def test_published_latest_full_date_mentioned(text: str, date: dt.date, evidence: str) -> None:
    found = inferred(story(BODY, text))
    assert (found.date, found.confidence) == (date, LATEST_MENTIONED)
    assert found.reason == f"latest dated event mentioned: {date}"
    assert story(BODY, text)[found.start_char : found.end_char] == evidence


@pytest.mark.parametrize(
    "to_come",
    [
        "The truce holds through Sept. 30, 2016.",
        "The curfew is extended until 1 April 2016.",
        "New rules take effect on Jan. 1, 2017.",
        "His trial is scheduled for May 2, 2016.",
        "Aid deliveries run from 2016-04-01.",
    ],
)
def test_published_a_date_still_to_come_is_not_counted(to_come: str) -> None:
    found = inferred(story(BODY, "Fighting flared on March 13, 2016. " + to_come))
    assert found.date == dt.date(2016, 3, 13)


# Decoys -----------------------------------------------------------------------------------------

DECOYS = {
    "stamp-above-a-dateline": (
        story(
            "Updated November 17, 2021",
            "BAGHDAD, March 15 (Xinhua) -- " + BODY,
            "Fighting flared on March 13, 2016.",
        ),
        dt.date(2016, 3, 15),
    ),
    "stamp-above-dates-mentioned": (
        story("Updated November 17, 2021", BODY, "Fighting flared on March 13, 2016."),
        dt.date(2016, 3, 13),
    ),
    "last-updated-with-weekday-and-clock": (
        story(
            "Last updated: Wednesday, 17 November 2021, 10:03 GMT",
            BODY,
            "Fighting flared on 13 March 2016.",
        ),
        dt.date(2016, 3, 13),
    ),
    "stamp-after-a-separator": (
        story("Photo: Dana Whitfield | Modified 17 November 2021", BODY, "It began on 2016-03-13."),
        dt.date(2016, 3, 13),
    ),
    "dates-after-the-stamp-are-left-out": (
        story(
            "Corrected November 17, 2021",
            BODY,
            "Fighting flared on March 13, 2016; a later note of December 2, 2021 is an archive.",
        ),
        dt.date(2016, 3, 13),
    ),
    "stamp-after-the-printed-line": (
        story("Published March 17, 2016 | Updated November 17, 2021", BODY),
        dt.date(2016, 3, 17),
    ),
    "stamp-before-the-printed-line": (
        story("Updated November 17, 2021", "March 17, 2016", BODY),
        dt.date(2016, 3, 17),
    ),
}


@pytest.mark.parametrize(("text", "date"), DECOYS.values(), ids=DECOYS.keys())
def test_published_update_stamp_never_wins(text: str, date: dt.date) -> None:
    found = inferred(text)
    assert found.date == date
    assert "2021" not in found.reason


@pytest.mark.parametrize(
    "stamp",
    ["Updated November 17, 2021", "Edited: 17 Nov. 2021 08:00 UTC", "Revised on 2021-11-17"],
)
def test_published_update_stamp_alone_gives_nothing(stamp: str) -> None:
    assert infer_published(story(stamp, BODY)) is None


# Nothing to go on -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "The town fell on Tuesday, March 15, and was retaken in March.",
        "The group has held the town since 2014 and lost 2,016 fighters.",
        "Troops march 17, 2016 kilometres a day.",  # "march" is a verb, not a month
        "",
    ],
    ids=["weekday-only", "no-year", "bare-year", "verb-march", "empty"],
)
def test_published_no_date_gives_none(text: str) -> None:
    assert infer_published(text) is None


def test_published_confidence_orders_the_kinds_of_evidence() -> None:
    texts = [
        story("March 18, 2016", "BAGHDAD, March 17 -- " + BODY),
        story("Published March 17, 2016", BODY),
        story("March 17, 2016", BODY),
        "KIRKUK, Iraq, March 8, 2016 — " + BODY,
        story("BAGHDAD, March 15 -- " + BODY, "It began on March 2, 2016."),
        story(BODY, "It began on March 2, 2016."),
    ]
    confidences = [inferred(text).confidence for text in texts]
    assert confidences == sorted(confidences, reverse=True)
    assert len(set(confidences)) == len(confidences)
    assert all(0 < confidence < 1 for confidence in confidences)


# Helpers for the readers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 17, 2016", True),
        ("Published: 17 March 2016 12:05 GMT", True),
        ("Updated November 17, 2021", True),
        ("Kurdish forces take Shaddadi", False),
        ("March madness in the capital", False),
    ],
)
def test_published_looks_like_date_line(line: str, expected: bool) -> None:
    assert looks_like_date_line(line) is expected


PRECEDENCE = {
    "option-wins": (
        dt.date(2016, 3, 20),
        dt.date(2016, 3, 19),
        ("option", dt.date(2016, 3, 20), 1.0, "given as an option (--published)"),
    ),
    "metadata-next": (
        None,
        dt.date(2016, 3, 19),
        ("metadata", dt.date(2016, 3, 19), 1.0, "front matter 'published'"),
    ),
    "inferred-last": (
        None,
        None,
        ("inferred", dt.date(2016, 3, 17), PRINTED_LINE, "printed date line 'March 17, 2016'"),
    ),
}


@pytest.mark.parametrize(
    ("option", "metadata", "expected"), PRECEDENCE.values(), ids=PRECEDENCE.keys()
)
def test_published_publication_date_precedence(
    option: dt.date | None, metadata: dt.date | None, expected: tuple[object, ...]
) -> None:
    dated = publication_date(
        story("March 17, 2016", BODY),
        option=option,
        metadata=metadata,
        metadata_from="front matter 'published'",
    )
    assert (dated.source, dated.date, dated.confidence, dated.reason) == expected


def test_published_publication_date_is_empty_without_evidence() -> None:
    dated = publication_date(BODY)
    assert (dated.date, dated.source, dated.confidence, dated.reason) == (None, None, None, None)
