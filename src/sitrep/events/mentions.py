"""One event, several mentions: the later sentences of an article that tell of an event it has
already told are folded into that event or made further reports of it, so that the store puts
them under one event rather than counting an event per sentence.

Four rules, in this order (docs/events.md, "One event, several mentions"):
- the next sentence of a paragraph that goes on with an event, with no place or date of its own,
  fills its gaps (`_continued`);
- a definite mention ("the attack", "the twin attacks", "Sunday's bombing") of an event already
  told adds nothing when it gives no figure, and is a further report of it when it does
  (`_anaphors`);
- a later report of violence with no place and no date of its own takes the last placed violent
  event's place and days, and one naming its place by its kind ("on the town") that place
  (`_inherited`);
- the article's first event, dated only by its report, takes the days of the next event of its
  family in the same place (`_lead_dated`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sitrep.events.arguments import located_after
from sitrep.events.detect import FAMILIES
from sitrep.events.lexicon import EventLexicon
from sitrep.model import Event, Place, Span

_PUNCTUATION = re.compile(r"[,;:()\"“”]")
# Bases whose days are a report's own: a date written for the event, or the day a source spoke
# of it ("officials said on Sunday"), which only a written date of the same days may replace.
_OWN_DAYS = frozenset({"expression", "reported"})
# How long before its report day a lead's event may have happened: a week, the reach of "last
# Tuesday".
_LEAD_DAYS = 7
# How many days apart a mention's own date and its antecedent's may be and still be one
# event's: a day either way, as in `reconcile/events.py`.
_SLACK_DAYS = 1


def resolve_mentions(
    lexicon: EventLexicon,
    text: str,
    events: list[Event],
    sentences: Sequence[Span],
    paragraphs: Sequence[Span],
) -> list[Event]:
    """The article's events with the mentions of one event folded into it (module docstring)."""
    told = list(_continued(events, sentences, paragraphs))
    return _lead_dated(list(_inherited(lexicon, text, _anaphors(lexicon, text, told))))


def _lead_dated(events: list[Event]) -> list[Event]:
    """The article's first event dated only by its publication or by the day a source spoke of
    it takes the days of the next event when that one is of its family, in the same place, and
    dated in the week before: a headline or lead ("Suspected chemical attack on Taza sickens
    hundreds") and the sentence that dates it ("militants fired rockets at Taza late on
    Tuesday")."""
    if len(events) < 2:
        return events
    lead, after = events[0], events[1]
    if lead.time_basis == "expression" or after.time_basis != "expression":
        return events
    same = FAMILIES[lead.type] == FAMILIES[after.type] and _same_name(lead.place, after.place)
    if not same or not _within_week_before(after.interval, lead.interval):
        return events
    return [dataclasses.replace(lead, **_days_of(after)), *events[1:]]


def _same_name(one: Place | None, other: Place | None) -> bool:
    return one is not None and other is not None and one.name == other.name


def _within_week_before(days: tuple[str, str] | None, day: tuple[str, str] | None) -> bool:
    if days is None or day is None:
        return False
    end, told = dt.date.fromisoformat(days[1]), dt.date.fromisoformat(day[0])
    return 0 <= (told - end).days <= _LEAD_DAYS


def _anaphors(lexicon: EventLexicon, text: str, events: list[Event]) -> list[Event]:
    """A definite mention of an event of the same family told before it, in a compatible place:
    with no figure it is dropped (its own date, if the antecedent has none, dates the
    antecedent); with a figure it becomes a report of the antecedent."""
    kept: list[Event] = []
    for event in events:
        definite = _definite(lexicon, text, event)
        index = _antecedent(text, kept, event) if definite else None
        if index is None:
            if not (definite and FAMILIES[event.type] == "other"):
                kept.append(event)  # "excluded from the deal" tells of no new deal
            continue
        antecedent = _dated_by(kept[index], event)
        kept[index] = antecedent
        if event.killed is not None or event.wounded is not None:
            kept.append(_report_of(event, antecedent))
    return kept


def _definite(lexicon: EventLexicon, text: str, event: Event) -> bool:
    """A determiner or a possessive ("Sunday's") stands among the three words before the
    trigger: "the attack", "the twin attacks", "the second major attack"."""
    window = text[max(event.sentence_start, event.start_char - 40) : event.start_char]
    phrase = _PUNCTUATION.split(window)[-1]  # "Earlier in the day, two car bombs": "two"
    words = [w.lower() for w in re.findall(r"[\w'’]+", phrase)][-3:]
    breaks = [i for i, w in enumerate(words) if w in lexicon.anaphora_breaks]
    words = words[breaks[-1] + 1 :] if breaks else words  # "its aircraft had carried out"
    return any(w in lexicon.anaphora or w.endswith(("'s", "’s")) or w in _ORDINALS for w in words)


_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "latest", "same"})


def _antecedent(text: str, kept: Sequence[Event], event: Event) -> int | None:
    """The index of the last event of `event`'s family before it, if `event`'s place may be
    that event's: none of its own, the same place, or a wider one in the same country."""
    family = FAMILIES[event.type]
    for index in range(len(kept) - 1, -1, -1):
        before = kept[index]
        if FAMILIES[before.type] == family:
            fits = _place_fits(text, before, event) and _days_fit(before, event)
            return index if fits else None
    return None


def _place_fits(text: str, before: Event, event: Event) -> bool:
    """The mention's own place (one that follows its trigger as its location) may be the
    antecedent's: the same, or a wider one in its country."""
    own, earlier = event.place, before.place
    if own is not None and not located_after(text, event.end_char, own):
        own = None  # "doctors at hospitals in Kirkuk said ... since the attack" is not Kirkuk's
    if own is None or earlier is None:
        return True
    if own.name == earlier.name:
        return True
    return own.country == earlier.country and own.precision > earlier.precision


def _days_fit(before: Event, event: Event) -> bool:
    """The mention's own date, when it has one, may be its antecedent's: the same days a day
    either way, or the antecedent dated only by its article."""
    if event.time_basis != "expression" or before.time_basis not in _OWN_DAYS:
        return True
    if event.killed is None and event.wounded is None:
        return True  # a bare mention's date is when it was said as often as when it happened
    return _overlap(before.interval, event.interval)


def _overlap(one: tuple[str, str] | None, other: tuple[str, str] | None) -> bool:
    if one is None or other is None:
        return True
    slack = dt.timedelta(days=_SLACK_DAYS)
    first = dt.date.fromisoformat(one[0]) - slack
    last = dt.date.fromisoformat(one[1]) + slack
    return first <= dt.date.fromisoformat(other[1]) and dt.date.fromisoformat(other[0]) <= last


def _dated_by(antecedent: Event, mention: Event) -> Event:
    """The antecedent dated by the mention's own expression when only its article or the day a
    source spoke of it dated it ("Suspected chemical attack on Taza ..." then "since the attack
    late on Tuesday")."""
    if antecedent.time_basis == "expression" or mention.time_basis != "expression":
        return antecedent
    if mention.killed is None and mention.wounded is None:
        return antecedent  # a bare mention's date may be when it was said
    return dataclasses.replace(antecedent, **_days_of(mention))


def _report_of(mention: Event, antecedent: Event) -> Event:
    """The mention as a report of its antecedent: its type, place and days, its own figures
    and source."""
    return dataclasses.replace(
        mention,
        type=antecedent.type,
        subtype=antecedent.subtype,
        plover=antecedent.plover,
        place=antecedent.place if antecedent.place is not None else mention.place,
        perpetrator=mention.perpetrator or antecedent.perpetrator,
        target=mention.target or antecedent.target,
        **_days_of(antecedent),
    )


def _days_of(event: Event) -> dict[str, Any]:
    """The fields that date an event, to give another report the same days."""
    return {
        "interval": event.interval,
        "time_basis": event.time_basis,
        "time_start": event.time_start,
        "time_end": event.time_end,
        "mention": event.mention,
    }


def _continued(
    events: list[Event], sentences: Sequence[Span], paragraphs: Sequence[Span]
) -> Iterator[Event]:
    """An event told on in the next sentence of its paragraph with no place or date of its own
    ("In days of fighting, 47 SDF fighters and 140 militants were killed") is the same event:
    its figures and source fill the gaps of the one before."""
    index = {s.start_char: i for i, s in enumerate(sentences)}
    previous: Event | None = None
    for event in events:
        if previous is not None and _continues(previous, event, index, paragraphs):
            previous = _joined(previous, event)
            continue
        if previous is not None:
            yield previous
        previous = event
    if previous is not None:
        yield previous


def _continues(
    before: Event, event: Event, index: Mapping[int, int], paragraphs: Sequence[Span]
) -> bool:
    if event.place is not None or event.time_basis == "expression":
        return False
    if FAMILIES[before.type] != "violence" or FAMILIES[event.type] != "violence":
        return False
    next_sentence = index.get(event.sentence_start, -1) == index.get(before.sentence_start, -9) + 1
    same_paragraph = any(
        p.start_char <= before.start_char and event.end_char <= p.end_char for p in paragraphs
    )
    return next_sentence and same_paragraph and not (before.killed and event.killed)


def _joined(before: Event, event: Event) -> Event:
    return dataclasses.replace(
        before,
        killed=before.killed or event.killed,
        killed_by_side=before.killed_by_side or event.killed_by_side,
        wounded=before.wounded or event.wounded,
        wounded_by_side=before.wounded_by_side or event.wounded_by_side,
        source=before.source or event.source,
        target=before.target or event.target,
    )


def _inherited(lexicon: EventLexicon, text: str, events: list[Event]) -> Iterator[Event]:
    """A later report of violence with no place and no date of its own ("the death toll rose to
    90, the monitor said") speaks of the last violent event the article placed: it takes that
    event's place and days (and its type, when it has only casualty words), and keeps its own
    figures and source, so the store can put both reports under one event. One that names its
    place by its kind ("shells fell on the town last Tuesday") takes only the place of the first
    violent event the article placed, the town it is about."""
    first: Event | None = None
    last: Event | None = None
    for found in events:
        violent = FAMILIES[found.type] == "violence"
        event = found
        if violent and first is not None and last is not None and found.place is None:
            if found.time_basis != "expression":
                event = _placed_like(found, last)
            elif _names_place_by_kind(lexicon, text, found):
                event = dataclasses.replace(found, place=first.place)
        if violent and event.place is not None:
            first, last = first or event, event
        yield event


def _names_place_by_kind(lexicon: EventLexicon, text: str, event: Event) -> bool:
    window = text[event.end_char : min(event.sentence_end, event.end_char + 48)]
    return lexicon.place_anaphor.search(window) is not None


def _placed_like(event: Event, antecedent: Event) -> Event:
    casualty_only = event.type == "killing"
    return dataclasses.replace(
        event,
        place=antecedent.place,
        type=antecedent.type if casualty_only else event.type,
        subtype=antecedent.subtype if casualty_only else event.subtype,
        plover=antecedent.plover if casualty_only else event.plover,
        **_days_of(antecedent),
    )
