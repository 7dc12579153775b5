"""From an article's figures to its claims: what each figure measures, about whom, where, for
which period and who says it, in the form claims are compared across articles.

The quantities stage already gives each figure its measure, subject, place, period and source.
Reading it as a claim adds what only the article as a whole tells (docs/claims.md):

- the subject as its canonical actor, also when written as a phrase resolved earlier in the
  article ("the jihadis");
- a place named with another ("in Iraq and Syria") as both;
- which way a territorial figure goes (`aspect`: lost, gained, held);
- a figure without a place, subject or aspect takes them from the claim of the same measure at
  most `carry` sentences before ("they lost another eight percent");
- a figure after "down from" holds for an earlier time named in its sentence.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sitrep.actors.registry import ActorRegistry
from sitrep.claims.lexicon import ClaimLexicon
from sitrep.model import (
    Actor,
    Claim,
    ClaimAspect,
    Event,
    Place,
    Quantity,
    Span,
    TimeExpression,
)
from sitrep.quantities.claims import bare_name

# Clause breaks: a word before one of these does not say which way a figure after it goes. A
# bracket is no break: "lost 21,000 square kilometers (8,100 square miles), about 40%".
_CLAUSE_BREAK = re.compile(r";|\s[—–]\s|\s--\s")
# A figure written "from 8,000 to 10,000" holds the "from" of "down from".
_LEADING_FROM = re.compile(r"(?:from\s+)?", re.IGNORECASE)
# What joins two places named together: "Iraq and Syria", "Iraq, Syria and Libya".
_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)(?:the\s+)?")


@dataclass(slots=True, frozen=True)
class ArticleParts:
    """What a claim is read from: the article's text and the records of earlier stages."""

    text: str
    sentences: Sequence[Span]
    quantities: Sequence[Quantity]
    actors: Sequence[Actor] = ()
    places: Sequence[Place] = ()
    times: Sequence[TimeExpression] = ()
    events: Sequence[Event] = ()


class ClaimReader:
    """Compiled lexicon and registry; build once, read many articles."""

    def __init__(self, lexicon: ClaimLexicon, registry: ActorRegistry) -> None:
        self.lexicon = lexicon
        self.registry = registry

    def read(self, parts: ArticleParts) -> tuple[Claim, ...]:
        tolls = _toll_spans(parts.events)
        starts = [s.start_char for s in parts.sentences]
        claims: list[tuple[int, Claim]] = []
        for quantity in parts.quantities:
            if not self._compared(quantity, parts.quantities, tolls):
                continue
            index = max(0, bisect.bisect_right(starts, quantity.start_char) - 1)
            claim = self._claim(quantity, parts, index)
            claims.append((index, self._with_context(claim, index, claims, parts)))
        return tuple(claim for _, claim in claims if claim.subject or claim.place)

    def _compared(
        self, quantity: Quantity, quantities: Sequence[Quantity], tolls: set[tuple[int, int]]
    ) -> bool:
        """A figure worth comparing: a compared measure, not vague, not a conversion of the
        figure before it, not an event's toll (the event reconciles those)."""
        if quantity.measure not in self.lexicon.compared or quantity.vague:
            return False
        if quantity.same_as is not None and quantity.same_as[0] < quantity.start_char:
            return False
        return not any(s < quantity.end_char and quantity.start_char < e for s, e in tolls)

    def _claim(self, quantity: Quantity, parts: ArticleParts, index: int) -> Claim:
        value, low, high, unit = _figures(quantity)
        time = quantity.time
        return Claim(
            start_char=quantity.start_char,
            end_char=quantity.end_char,
            text=quantity.text,
            measure=quantity.measure,
            aspect=self._aspect(parts.text, quantity, parts.sentences[index])
            if parts.sentences
            else None,
            subject=self._subject(quantity, parts.actors),
            place=_place(parts.text, quantity, parts.places),
            unit=unit,
            value=value,
            low=low,
            high=high,
            approx=quantity.approx,
            period=time.interval if time else None,
            period_basis=time.basis if time else None,
            source=quantity.source,
        )

    def _aspect(self, text: str, quantity: Quantity, sentence: Span) -> ClaimAspect | None:
        if quantity.measure not in self.lexicon.territorial:
            return None
        before = text[sentence.start_char : quantity.start_char]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause = before[breaks[-1].end() :] if breaks else before
        found = self.lexicon.aspect_before(clause)
        if found is not None:
            return found
        return self.lexicon.aspect_after(text[quantity.end_char : quantity.end_char + 40])

    def _subject(self, quantity: Quantity, actors: Sequence[Actor]) -> str | None:
        """The canonical actor the subject names: a registered name, else the actor an earlier
        mention written the same way was resolved to ("the jihadis"), else the words."""
        if not quantity.subject:
            return None
        registered = self.registry.canonical(quantity.subject)
        if registered is not None:
            return registered
        wanted = bare_name(quantity.subject)
        earlier = [
            a for a in actors if a.start_char < quantity.start_char and bare_name(a.text) == wanted
        ]
        return earlier[-1].name if earlier else quantity.subject

    def _with_context(
        self, claim: Claim, index: int, before: list[tuple[int, Claim]], parts: ArticleParts
    ) -> Claim:
        earlier = self._earlier_figure(claim, index, before, parts)
        if earlier is not None:
            return earlier
        keyed = self._carried(claim, index, before)
        keyed = self._increment(keyed, index, before, parts)
        return dataclasses.replace(keyed, key=self.lexicon.key_of(keyed))

    def _increment(
        self, claim: Claim, index: int, before: list[tuple[int, Claim]], parts: ArticleParts
    ) -> Claim:
        """ "Another eight percent" adds to the figure of its measure and source before it."""
        sentence = parts.sentences[index] if parts.sentences else Span(0, claim.start_char)
        if not self.lexicon.increment(parts.text[sentence.start_char : claim.start_char]):
            return claim
        base = self._previous(claim, index, before)
        if base is None or (claim.source or base.source) != (base.source or claim.source):
            return claim
        source = claim.source or base.source
        return dataclasses.replace(claim, adds_to=(base.start_char, base.end_char), source=source)

    def _previous(self, claim: Claim, index: int, before: list[tuple[int, Claim]]) -> Claim | None:
        """The claim of the same measure at most `carry_sentences` before `claim`."""
        return next(
            (
                c
                for i, c in reversed(before)
                if c.measure == claim.measure and index - i <= self.lexicon.carry_sentences
            ),
            None,
        )

    def _earlier_figure(
        self, claim: Claim, index: int, before: list[tuple[int, Claim]], parts: ArticleParts
    ) -> Claim | None:
        """A figure after "down from" is the earlier state of the figure before it in its
        sentence: it takes that one's subject, place and aspect, and the latest time its
        sentence names that ends before that one's period (none: the period stays open)."""
        sentence = parts.sentences[index] if parts.sentences else Span(0, claim.start_char)
        opening = _LEADING_FROM.match(claim.text)
        lead = parts.text[sentence.start_char : claim.start_char] + (
            opening.group() if opening else ""
        )
        if not self.lexicon.earlier(lead):
            return None
        later = [c for i, c in before if i == index and c.measure == claim.measure]
        if not later:
            return None
        newer = later[-1]
        period = _own_earlier(claim, newer) or _time_before(parts.times, sentence, newer.period)
        found = dataclasses.replace(
            claim,
            subject=newer.subject,
            place=newer.place,
            aspect=newer.aspect,
            period=period,
            period_basis="earlier",
            carried=("subject", "place", "period"),
        )
        return dataclasses.replace(found, key=self.lexicon.key_of(found))

    def _carried(self, claim: Claim, index: int, before: list[tuple[int, Claim]]) -> Claim:
        """Place, subject and aspect a claim lacks, from the claim of its measure before it."""
        turns = claim.measure in self.lexicon.territorial
        if claim.place and claim.subject and (claim.aspect or not turns):
            return claim
        previous = self._previous(claim, index, before)
        if previous is None or not _aspects_agree(claim.aspect, previous.aspect):
            return claim
        filled = {
            name: getattr(previous, name)
            for name in ("place", "subject", "aspect")
            if getattr(claim, name) is None and getattr(previous, name) is not None
        }
        return dataclasses.replace(claim, **filled, carried=tuple(filled)) if filled else claim


def _own_earlier(claim: Claim, newer: Claim) -> tuple[str, str] | None:
    """The figure's own time, when it names one before the newer figure's ("in 2019")."""
    if claim.period_basis != "expression" or claim.period is None or newer.period is None:
        return None
    return claim.period if claim.period[1] < newer.period[0] else None


def _aspects_agree(first: str | None, second: str | None) -> bool:
    return first is None or second is None or first == second


def _toll_spans(events: Sequence[Event]) -> set[tuple[int, int]]:
    """The offsets of every casualty figure an event carries."""
    spans: set[tuple[int, int]] = set()
    for event in events:
        tolls = (event.killed, event.wounded, *event.killed_by_side, *event.wounded_by_side)
        for toll in tolls:
            if toll is not None and toll.start_char is not None and toll.end_char is not None:
                spans.add((toll.start_char, toll.end_char))
    return spans


def _figures(quantity: Quantity) -> tuple[float | None, float | None, float | None, str]:
    """The figure in its base unit when it was converted (927 square miles as km2)."""
    if quantity.base_unit:
        return (
            quantity.normalized,
            quantity.normalized_low,
            quantity.normalized_high,
            quantity.base_unit,
        )
    return quantity.value, quantity.low, quantity.high, quantity.unit


def _place(text: str, quantity: Quantity, places: Sequence[Place]) -> str | None:
    """The figure's place, and the places named with it: "in Iraq and Syria" is both, in a
    fixed order, so that "Syria and Iraq" is the same place."""
    if quantity.place is None:
        return None
    named = [p for p in places if p.name == quantity.place]
    if not named:
        return quantity.place
    anchor = min(named, key=lambda p: abs(p.start_char - quantity.end_char))
    names = {anchor.name, *(p.name for p in _coordinated(text, anchor, places))}
    return " and ".join(sorted(names))


def _coordinated(text: str, anchor: Place, places: Sequence[Place]) -> Iterator[Place]:
    """Places joined to `anchor` by "and" or commas, after it and before it."""
    ordered = sorted(places, key=lambda p: p.start_char)
    at = ordered.index(anchor)
    for step in (1, -1):
        current = anchor
        index = at + step
        while 0 <= index < len(ordered):
            other = ordered[index]
            first, second = (current, other) if step == 1 else (other, current)
            if not _JOINER.fullmatch(text[first.end_char : second.start_char]):
                break
            yield other
            current, index = other, index + step


def _time_before(
    times: Sequence[TimeExpression], sentence: Span, period: tuple[str, str] | None
) -> tuple[str, str] | None:
    """The latest time of the sentence that ends before `period` begins."""
    if period is None:
        return None
    inside = [
        t
        for t in times
        if sentence.start_char <= t.start_char < sentence.end_char
        and t.interval is not None
        and not t.vague
        and t.interval[1] < period[0]
    ]
    latest = max(inside, key=lambda t: t.interval[1] if t.interval else "", default=None)
    return latest.interval if latest is not None else None
