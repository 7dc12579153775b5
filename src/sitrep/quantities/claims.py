"""Who says a figure, when and where it holds, and whose it is: the source of the statement a
figure lies in, the time expression and the place that govern it, and the canonical actor its
subject names.

Each reads records other stages made (quotes, times, places, actors) and returns figures with
`source`, `time`, `place` or `subject` filled; none looks at the words of the figure itself.
docs/attribution.md, docs/times.md, docs/places.md and docs/actors.md give the rules.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence

from sitrep.model import Actor, ClaimTime, Place, Quantity, Quote, Span, TimeExpression

# Clause breaks inside a sentence: a time before a semicolon or a dash does not govern a figure
# after it ("In 2015 they lost 14 percent; this year they have lost 8 percent so far").
_CLAUSE_BREAKS = (";", " — ", " – ", " -- ")
# Words that bind a time to the figure right before it: "31,500 in 2014", "83 on Tuesday".
_BINDING = frozenset({"", "in", "on", "at", "by", "as of", "since", "during"})


def with_sources(quantities: Sequence[Quantity], quotes: Sequence[Quote]) -> Iterator[Quantity]:
    """Each figure takes the source of the innermost statement whose content holds it; a figure
    outside every statement is the reporter's own and keeps a null source."""
    for quantity in quantities:
        holders = [
            q
            for q in quotes
            if q.source and q.start_char <= quantity.start_char and quantity.end_char <= q.end_char
        ]
        if not holders:
            yield quantity
            continue
        inner = min(holders, key=lambda q: q.end_char - q.start_char)
        yield dataclasses.replace(quantity, source=inner.source)


def with_times(
    text: str,
    quantities: Sequence[Quantity],
    times: Sequence[TimeExpression],
    sentences: Sequence[Span],
    published: dt.date | None,
) -> Iterator[Quantity]:
    """Each figure takes the period of the time expression that governs it (`governing_time`),
    else the publication day; with neither, `time` stays null."""
    governing = [t for t in times if _governs(t)]
    starts = [s.start_char for s in sentences]
    for quantity in quantities:
        sentence = _sentence_of(sentences, starts, quantity)
        found = governing_time(text, quantity, governing, sentence, quantities)
        yield dataclasses.replace(quantity, time=_claim_time(found, published))


def governing_time(
    text: str,
    quantity: Span,
    times: Sequence[TimeExpression],
    sentence: Span,
    figures: Sequence[Span] = (),
) -> TimeExpression | None:
    """The time expression nearest before the figure in its clause, else the nearest after it
    in that clause with no other figure between ("83 were killed on Tuesday", but in "19,000
    fighters, down from 20,000 in 2014" the 2014 is the second figure's). "In all of 2015, they
    lost 14 percent" is 2015; "the Nov. 13 attacks that left 130 dead" is Nov. 13."""
    clause = _clause(text, sentence, quantity)
    inside = [
        t
        for t in times
        if clause.start_char <= t.start_char
        and t.end_char <= clause.end_char
        and (t.end_char <= quantity.start_char or t.start_char >= quantity.end_char)
    ]
    after = [t for t in inside if t.start_char >= quantity.end_char]
    following = min(after, key=lambda t: t.start_char) if after else None
    if following is not None and _figure_between(figures, quantity.end_char, following.start_char):
        following = None
    if following is not None and _adjacent(text, quantity.end_char, following.start_char):
        return following  # "20,000 to 31,500 in 2014": bound to the figure it follows
    before = [t for t in inside if t.end_char <= quantity.start_char]
    return max(before, key=lambda t: t.end_char) if before else following


def _adjacent(text: str, start: int, end: int) -> bool:
    """Only a preposition (or nothing) between a figure and the time right after it."""
    return text[start:end].strip(" ,").lower() in _BINDING


def _governs(time: TimeExpression) -> bool:
    """A time with days, or "now"/"currently": the present, which is the publication day."""
    return (time.interval is not None and not time.vague) or time.value == "PRESENT_REF"


def _figure_between(figures: Sequence[Span], start: int, end: int) -> bool:
    return any(start <= f.start_char and f.end_char <= end for f in figures)


def _claim_time(found: TimeExpression | None, published: dt.date | None) -> ClaimTime | None:
    if found is not None and found.interval is not None:
        return ClaimTime(
            found.interval, found.granularity, "expression", found.start_char, found.end_char
        )
    if published is None:
        return None
    day = published.isoformat()
    if found is not None:  # "now", "currently": the present, as of the article's date
        return ClaimTime((day, day), "day", "expression", found.start_char, found.end_char)
    return ClaimTime((day, day), "day", "published")


def _sentence_of(sentences: Sequence[Span], starts: list[int], quantity: Span) -> Span:
    index = bisect.bisect_right(starts, quantity.start_char) - 1
    if index < 0 or not sentences:
        return Span(quantity.start_char, quantity.end_char)
    return sentences[index]


def _clause(text: str, sentence: Span, quantity: Span) -> Span:
    """The part of the sentence between the clause breaks around the figure."""
    start, end = sentence.start_char, max(sentence.end_char, quantity.end_char)
    for mark in _CLAUSE_BREAKS:
        before = text.rfind(mark, start, quantity.start_char)
        if before != -1:
            start = before + len(mark)
        after = text.find(mark, quantity.end_char, end)
        if after != -1:
            end = after
    return Span(start, end)


def with_places(
    text: str,
    quantities: Sequence[Quantity],
    places: Sequence[Place],
    sentences: Sequence[Span],
    quotes: Sequence[Quote] = (),
) -> Iterator[Quantity]:
    """Each figure takes the gazetteer name of the place that governs it (`governing_place`);
    with none, `place` stays null. A place inside a speaker's name ("U.S. Secretary of State
    John Kerry") says whose official spoke, not where the figure holds, and is passed over."""
    places = [p for p in places if not _in_speaker(p, quotes)]
    starts = [s.start_char for s in sentences]
    for quantity in quantities:
        sentence = _sentence_of(sentences, starts, quantity)
        found = governing_place(text, quantity, places, sentence)
        yield dataclasses.replace(quantity, place=found.name) if found else quantity


def _in_speaker(place: Span, quotes: Sequence[Quote]) -> bool:
    return any(
        q.speaker_start is not None
        and q.speaker_end is not None
        and q.speaker_start <= place.start_char
        and place.end_char <= q.speaker_end
        for q in quotes
    )


def governing_place(
    text: str, quantity: Span, places: Sequence[Place], sentence: Span
) -> Place | None:
    """The place nearest after the figure in its clause ("lost about 40 percent of their
    territory in Iraq"), else the nearest before it in its sentence ("In the town of Taza, an
    attack killed one person")."""
    clause = _clause(text, sentence, quantity)
    after = [
        p for p in places if quantity.end_char <= p.start_char and p.end_char <= clause.end_char
    ]
    if after:
        return min(after, key=lambda p: p.start_char)
    before = [
        p
        for p in places
        if sentence.start_char <= p.start_char and p.end_char <= quantity.start_char
    ]
    return max(before, key=lambda p: p.end_char) if before else None


def with_actors(
    quantities: Sequence[Quantity], actors: Sequence[Actor], sentences: Sequence[Span]
) -> Iterator[Quantity]:
    """A figure's subject as written ("SDF", "the jihadis") becomes the canonical name of the
    actor mention written so in its sentence, the nearest before the figure first (the actors
    stage has already resolved "the jihadis" to the group meant); a subject no mention matches
    keeps its words."""
    starts = [s.start_char for s in sentences]
    for quantity in quantities:
        if not quantity.subject:
            yield quantity
            continue
        sentence = _sentence_of(sentences, starts, quantity)
        actor = _actor_written(quantity, quantity.subject, actors, sentence)
        yield dataclasses.replace(quantity, subject=actor.name) if actor else quantity


def _actor_written(
    quantity: Span, subject: str, actors: Sequence[Actor], sentence: Span
) -> Actor | None:
    wanted = bare_name(subject)
    same = [
        a
        for a in actors
        if sentence.start_char <= a.start_char < sentence.end_char and bare_name(a.text) == wanted
    ]
    if not same:
        return None
    before = [a for a in same if a.end_char <= quantity.start_char]
    return before[-1] if before else same[0]


def bare_name(written: str) -> str:
    """A name without its article, case or spacing: "The jihadis" and "jihadis" match."""
    words = written.lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)
