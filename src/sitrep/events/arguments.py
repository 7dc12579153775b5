"""What one event's words say about it: its subtype, who did it to whom, where, when, how many
died or were hurt, and who says so. Every argument comes from a record an earlier stage made
(actors, places, times, quantities, quotes) lying in the event's stretch of its sentence.
docs/events.md states the rules.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from sitrep.events.detect import Trigger
from sitrep.events.lexicon import EventLexicon, Subtype
from sitrep.model import Actor, Approx, Place, Quantity, Quote, Span, TimeExpression, Toll
from sitrep.quantities.claims import governing_time

S = TypeVar("S", bound=Span)
TimeBasis = Literal["expression", "reported", "published"]
# Actors that report on a war rather than fight in it are never its perpetrator or target.
_BYSTANDER_TYPES = frozenset({"monitor", "research", "media"})
# Case matters: "IS" before a trigger is the group, "is" the auxiliary.
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$")
_AGENT = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?by\s+$", re.I)
_TARGET_CUE = re.compile(
    r"\b(?:on|against|targeting|targeted|at|from|to|into)\s+(?:\S+\s+){0,3}$", re.I
)
_CLAUSE = re.compile(r";|\b(?:that|who|which|when)\b")
_CLAUSE_MARK = re.compile(r"[,;:]|\b(?:that|who|which|when|while|whereas)\b")
# Irregular past forms among trigger words: such a trigger is a verb, not a noun an actor names.
_PAST_FORMS = frozenset(
    {"took", "overran", "fought", "fled", "shot", "blew", "gave", "struck", "hit", "drove", "broke"}
)
# An actor this close before a trigger names it: "an IS chemical weapons attack".
_MODIFIER_REACH = 25
# How far before a death word the dead leader's group may stand.
_VICTIM_REACH = 60
_DETERMINERS = re.compile(
    r"\s*(?:(?:the|a|an|its|their|his|her|key|strategic|town|city)\s+)*", re.I
)
_LAND_MEASURES = frozenset({"area", "places_count"})
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|on|across|of|into|around)\b", re.I)
# How far after a trigger its location may begin ("an assault on the northern Syrian border town
# of Tal Abyad").
_PLACE_REACH = 50
# What may stand between a statement's cue and the time that dates it ("said late on Sunday").
_SAID_WHEN = re.compile(r"\s+(?:(?:late|early)\s+)?(?:on\s+)?", re.I)
# Places joined after a trigger: "in Sayyida Zeinab and Homs", "in Homs and Damascus".
_NAMES_BEFORE_AND = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){1,3}and\s+$")
_AND_NEXT = re.compile(r",?\s+and\s+(?:in\s+)?|,\s+")
_SIDE_NOUN = re.compile(r"[A-Za-z][A-Za-z' -]*$")
_GENERIC_SIDES = frozenset({"", "people", "person", "persons", "others", "other", "one", "all"})
# An object this close after "captured" or "seized" says what was taken: a town or a man.
_OBJECT_REACH = 60
# How far after a trigger its own date may stand: a place name and a preposition or two.
_TIME_REACH = 80
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# An event dated by its own expression more than this many days before its article went out is
# an earlier event named in passing ("the Nov. 13 Paris attacks"); ACLED's coders take a month
# as the span within which a report is news of the event.
PASSING_DAYS = 30


@dataclass(slots=True, frozen=True)
class ArticleView:
    """The records of one article an event's arguments are read from."""

    text: str
    published: dt.date | None
    actors: Sequence[Actor]
    places: Sequence[Place]
    times: Sequence[TimeExpression]
    casualties: Sequence[Quantity]
    figures: Sequence[Quantity]
    quotes: Sequence[Quote]
    lexicon_territory: re.Pattern[str]


def choose_subtype(
    lexicon: EventLexicon, view: ArticleView, group: Sequence[Trigger]
) -> tuple[Subtype, Trigger] | None:
    """The subtype that names the group's event and the trigger that says it: the highest
    priority among the triggers' subtypes, a shared phrase ("captured") read by its object."""
    best: tuple[Subtype, Trigger] | None = None
    for trigger in group:
        for subtype in _readings(lexicon, view.text, trigger):
            if best is None or subtype.priority > best[0].priority:
                best = (subtype, trigger)
    return best


def _readings(lexicon: EventLexicon, text: str, trigger: Trigger) -> list[Subtype]:
    subtypes = [s for s in trigger.subtypes(lexicon) if s.is_event]
    if len({s.type for s in subtypes}) < 2:
        return subtypes
    after = text[trigger.end : trigger.end + _OBJECT_REACH]
    after = re.split(r"[.;]", after, maxsplit=1)[0]
    territorial = lexicon.territory.search(after)
    people = lexicon.people.search(after)
    takes_land = territorial is not None and (
        people is None or territorial.start() < people.start()
    )
    wanted = {"territory_captured", "territory_lost"}
    return [s for s in subtypes if (s.type in wanted) == takes_land] or subtypes


def in_extent(spans: Sequence[S], extent: tuple[int, int]) -> list[S]:
    return [s for s in spans if extent[0] <= s.start_char and s.end_char <= extent[1]]


def casualty_tolls(
    lexicon: EventLexicon, view: ArticleView, extent: tuple[int, int], measure: str
) -> tuple[Toll | None, tuple[Toll, ...]]:
    """The event's total of killed (or wounded) and its split by side: figures of distinct sides
    ("47 SDF fighters and 140 militants") are a split whose sum is the total; otherwise the first
    figure is the total. A part of the toll ("the dead included dozens of civilians") is
    neither."""
    figures = [
        q
        for q in in_extent(view.casualties, extent)
        if q.measure == measure and not _part_of_toll(lexicon, view.text, q)
    ]
    if not figures:
        return lone_victim(lexicon, view.text, extent, measure), ()
    tolls = [_toll(view.text, q) for q in figures]
    sides = {t.side for t in tolls}
    if len(tolls) > 1 and len(sides) == len(tolls) and None not in sides:
        return _summed(tolls), tuple(tolls)
    first = tolls[0]
    return Toll(first.value, first.low, first.high, first.approx, None, *_offsets(first)), ()


def lone_victim(
    lexicon: EventLexicon, text: str, extent: tuple[int, int], measure: str
) -> Toll | None:
    """A victim named in the singular, with no figure ("a journalist has been killed",
    "wounding a policeman"): a toll of one, its offsets the victim's noun phrase."""
    match = lexicon.lone_victims[measure].search(text, *extent)
    if match is None:
        return None
    start, end = match.span("victim") if match["victim"] else match.span("object")
    return Toll(1.0, start_char=start, end_char=end)


def _part_of_toll(lexicon: EventLexicon, text: str, quantity: Quantity) -> bool:
    return (
        lexicon.part_of_toll.search(text, max(0, quantity.start_char - 40), quantity.start_char)
        is not None
    )


def _toll(text: str, quantity: Quantity) -> Toll:
    return Toll(
        quantity.value,
        quantity.low,
        quantity.high,
        quantity.approx,
        quantity.subject or _side_noun(quantity.text),
        quantity.start_char,
        quantity.end_char,
    )


def _side_noun(written: str) -> str | None:
    """The counted noun of a figure as the side it names: "140 militants" is "militants"."""
    match = _SIDE_NOUN.search(written)
    noun = match.group().strip() if match else ""
    return None if noun.lower() in _GENERIC_SIDES else noun


def _offsets(toll: Toll) -> tuple[int | None, int | None]:
    return toll.start_char, toll.end_char


def _summed(tolls: Sequence[Toll]) -> Toll:
    lows = [t.bounds[0] for t in tolls]
    highs = [t.bounds[1] for t in tolls]
    ranged = any(t.low is not None for t in tolls)
    approx: Approx = next((t.approx for t in tolls if t.approx != "exact"), "exact")
    if ranged:
        return Toll(None, sum(lows), sum(highs), approx)
    return Toll(sum(lows), None, None, approx)


def event_place(
    lexicon: EventLexicon,
    view: ArticleView,
    extent: tuple[int, int],
    sentence: tuple[int, int],
    head: Trigger,
) -> Place | None:
    """The most precise place in the event's stretch of its sentence (nearest to the trigger
    among equals), else in the whole sentence; a place inside an actor's or a source's name
    ("the Britain-based Syrian Observatory") or naming a party ("U.S. officials") is none."""
    for bounds in (extent, sentence):
        places = [
            p
            for p in in_extent(view.places, bounds)
            if not _inside_name(view, p) and not names_a_party(lexicon, view.text, p)
        ]
        if places:
            best = min(
                places,
                key=lambda p: (
                    not located_after(view.text, head.end, p),
                    not same_clause(view.text, head, p),
                    p.precision,
                    _distance(p, head),
                ),
            )
            return None if _coordinated(view, head, best) else best
    return None


def _coordinated(view: ArticleView, head: Trigger, place: Place) -> bool:
    """The trigger's place is one of several it names ("the bombings in Sayyida Zeinab and
    Homs"): its figures add up events in all of them, so none of them is the event's place."""
    if not located_after(view.text, head.end, place):
        return False
    if _NAMES_BEFORE_AND.search(view.text, head.end, place.start_char):
        return True
    after = _AND_NEXT.match(view.text, place.end_char)
    return after is not None and any(p.start_char == after.end() for p in view.places)


def located_after(text: str, end: int, place: Place) -> bool:
    """The place follows a trigger ending at `end` as its location: "a bombing in a suburb of
    Damascus", "attacks in Turkey", "an assault on the town of Tal Abyad", "a strike south of
    Baghdad"."""
    between = text[end : place.start_char]
    if place.start_char < end or len(between) > _PLACE_REACH or "," in between:
        return False
    return _LOCATIVE.search(between) is not None or _DETERMINERS.fullmatch(between) is not None


def same_clause(text: str, head: Trigger, place: Place) -> bool:
    """No comma or clause break between the place and the trigger: "Turkish artillery has
    shelled Kurdish positions north of Aleppo" is Aleppo's, not the Moscow of the clause
    before it."""
    if place.end_char <= head.start:
        between = text[place.end_char : head.start]
    else:
        between = text[head.end : place.start_char]
    return _CLAUSE_MARK.search(between) is None


def takes_land(view: ArticleView, extent: tuple[int, int], head: Trigger) -> bool:
    """A territorial trigger's object is land: a place or a word for land in its clause right
    after it ("seized the Tishrin Dam", "forced out of the town of Kobani"), or an area or a
    count of villages in its stretch ("captured 2,400 square kilometers")."""
    clause = re.split(r"[,.;:]", view.text[head.end : head.end + _OBJECT_REACH], maxsplit=1)[0]
    end = head.end + len(clause)
    if any(head.end <= p.start_char < end for p in view.places):
        return True
    figures = in_extent(view.figures, extent)
    return bool(view.lexicon_territory.search(clause)) or any(
        q.measure in _LAND_MEASURES for q in figures
    )


def _inside_name(view: ArticleView, place: Place) -> bool:
    if view.text.startswith("-based", place.end_char):
        return True
    return any(
        a.start_char <= place.start_char and place.end_char <= a.end_char for a in view.actors
    )


def names_a_party(lexicon: EventLexicon, text: str, place: Place) -> bool:
    """The place names a party rather than where something happened: "U.S. officials",
    "Moscow's announcement", "the U.S.-led invasion" (`[parties]`)."""
    after = text[place.end_char : place.end_char + 24]
    if after.startswith(("'s", "’s")) or after.startswith(lexicon.party_suffixes):
        return True
    word = _NEXT_WORD.match(after)
    return word is not None and word.group(1).lower() in lexicon.party_words


def _distance(span: Span, head: Trigger) -> int:
    if span.end_char <= head.start:
        return head.start - span.end_char
    return max(0, span.start_char - head.end)


def event_time(
    view: ArticleView, extent: tuple[int, int], head: Trigger, tolls: Sequence[Toll | None]
) -> tuple[tuple[str, str] | None, TimeBasis | None, int | None, int | None]:
    """The days the event happened in: the time expression governing its trigger in its stretch
    of the sentence, else the one governing its casualty figure, else the day a source spoke of
    it ("officials said on Sunday": basis "reported"), else the publication day."""
    cue_ends = sorted(q.cue_end for q in view.quotes if q.cue_end is not None)
    times = [t for t in view.times if not _dates_speech(view.text, cue_ends, t)]
    found = _time_after(times, extent, head) or governing_time(
        view.text, Span(head.start, head.end), times, Span(*extent)
    )
    if found is None:
        found = _figure_time(view, times, tolls)
    if found is not None and found.interval is not None:
        return found.interval, "expression", found.start_char, found.end_char
    spoken = [t for t in in_extent(view.times, extent) if t not in times and t.interval]
    if spoken:
        return spoken[0].interval, "reported", spoken[0].start_char, spoken[0].end_char
    if view.published is None:
        return None, None, None, None
    day = view.published.isoformat()
    return (day, day), "published", None, None


def counts_many(
    lexicon: EventLexicon,
    view: ArticleView,
    subtype: Subtype,
    killed: Toll | None,
    time_start: int | None,
    *,
    leader_tally: bool,
) -> bool:
    """A count over a period rather than one happening (`[aggregate]`): casualty words alone
    with a toll of a war or a disaster, or a time that is the period a count runs over ("more
    than 10,000 air strikes since the summer of 2014"), unless it is a tally of leaders killed."""
    rules = lexicon.aggregate
    if subtype.casualty and killed is not None and killed.bounds[0] >= rules.deaths:
        return True
    if leader_tally:
        return False
    found = next((t for t in view.times if t.start_char == time_start), None)
    if found is None or found.interval is None:
        return False
    first, last = (dt.date.fromisoformat(day) for day in found.interval)
    if (last - first).days < rules.days:
        return False
    before = view.text[max(0, found.start_char - 24) : found.start_char]
    return (
        found.type == "duration"
        or "/" in found.value
        or rules.period_words.search(before) is not None
        or rules.period_start.match(found.text) is not None
    )


def _dates_speech(text: str, cue_ends: Sequence[int], time: TimeExpression) -> bool:
    """The time right after the cue of a statement (the attribution stage's "said", "told
    reporters") dates the words, not the event: "officials said on Sunday", "the monitor said
    late on Saturday"."""
    index = bisect.bisect_right(cue_ends, time.start_char) - 1
    if index < 0:
        return False
    return _SAID_WHEN.fullmatch(text, cue_ends[index], time.start_char) is not None


def _time_after(
    times: Sequence[TimeExpression], extent: tuple[int, int], head: Trigger
) -> TimeExpression | None:
    """A dated expression right after the trigger is the event's own ("died of his wounds from
    a U.S. airstrike in northeastern Syria earlier this month"); one before it may be when the
    news came ("Last week, officials confirmed that ...")."""
    after = [
        t
        for t in times
        if head.end <= t.start_char < head.end + _TIME_REACH
        and t.end_char <= extent[1]
        and t.interval is not None
        and not t.vague
    ]
    return min(after, key=lambda t: t.start_char) if after else None


def _figure_time(
    view: ArticleView, times: Sequence[TimeExpression], tolls: Sequence[Toll | None]
) -> TimeExpression | None:
    starts = {t.start_char for t in tolls if t is not None and t.start_char is not None}
    for quantity in view.casualties:
        time = quantity.time
        if quantity.start_char in starts and time and time.basis == "expression":
            return next((t for t in times if t.start_char == time.start_char), None)
    return None


def event_actors(
    view: ArticleView, extent: tuple[int, int], head: Trigger
) -> tuple[str | None, str | None]:
    """Perpetrator and target. The agent after "by" ("forced out of Kobani by Kurdish forces")
    did it, and a passive trigger's subject had it done to them; otherwise the actor naming the
    trigger ("an IS chemical weapons attack", "a U.S. airstrike") or the first of its clause
    ("the SDF, under cover of coalition airstrikes, seized") did it to the actor after it."""
    actors = [a for a in in_extent(view.actors, extent) if a.type not in _BYSTANDER_TYPES]
    text = view.text
    clause = _clause_start(text, extent[0], head.start)
    before = [a for a in actors if clause <= a.start_char and a.end_char <= head.start]
    doers = [a for a in before if not _TARGET_CUE.search(_lead(text, a))]
    after = [a for a in actors if a.start_char >= head.end]
    agent = next((a for a in after if _AGENT.match(text[head.end : a.start_char])), None)
    if agent is not None or _PASSIVE.search(text[max(extent[0], head.start - 20) : head.start]):
        return _name(agent), _name(before[-1] if before else None)
    modifier = next((a for a in reversed(doers) if _modifies(text, a, head)), None)
    doer = modifier or (doers[0] if doers else None)
    targets = [a for a in after if a is not agent]
    return _name(doer), _name(targets[0] if targets else None)


def victim_group(view: ArticleView, death: Trigger) -> str | None:
    """The group of a leader who died: the actor right before ("IS military leader Omar
    al-Shishani died")."""
    near = [
        a
        for a in view.actors
        if death.start - _VICTIM_REACH <= a.start_char and a.end_char <= death.start
    ]
    return near[-1].name if near else None


def _clause_start(text: str, floor: int, start: int) -> int:
    breaks = list(_CLAUSE.finditer(text, floor, start))
    return breaks[-1].end() if breaks else floor


def _modifies(text: str, actor: Actor, head: Trigger) -> bool:
    """The actor is part of the trigger's noun phrase ("a U.S. airstrike"); a verb's doer is
    its clause's subject instead ("the SDF, under cover of coalition airstrikes, seized")."""
    between = text[actor.end_char : head.start]
    first = text[head.start : head.end].split(maxsplit=1)[0].lower()
    verbal = first.endswith("ed") or first in _PAST_FORMS
    return not verbal and len(between) <= _MODIFIER_REACH and "," not in between


def _lead(text: str, actor: Actor) -> str:
    return text[max(0, actor.start_char - 40) : actor.start_char]


def _name(actor: Actor | None) -> str | None:
    return actor.name if actor is not None else None


def event_source(view: ArticleView, head: Trigger, tolls: Sequence[Toll | None]) -> str | None:
    """Who the report attributes the event to: its casualty figure's source, else the source of
    the statement its trigger lies in; None when the outlet tells it in its own voice."""
    starts = {t.start_char for t in tolls if t is not None}
    for quantity in view.casualties:
        if quantity.start_char in starts and quantity.source:
            return quantity.source
    holders = [
        q for q in view.quotes if q.source and q.start_char <= head.start and head.end <= q.end_char
    ]
    return min(holders, key=lambda q: q.end_char - q.start_char).source if holders else None


def is_passing(
    interval: tuple[str, str] | None, basis: str | None, published: dt.date | None
) -> bool:
    if interval is None or basis != "expression" or published is None:
        return False
    return (published - dt.date.fromisoformat(interval[1])).days > PASSING_DAYS
