"""Snippet classification the CASE 2021 way: one ACLED-style code for a snippet that tells one
event.

Two steps. The trigger and cue words of `lexicons/events.toml` score every code (cues only among
the codes a trigger names, and no trigger a modal word stands before), and the best names the
lead: that is the family (a protest, an explosion, land taken, ...), which the counts of words
find well. Within a family the counts cannot tell who did what to whom (protesters who
throw stones and police who fire tear gas both stand in a protest's words), so `[[classify.rules]]`
then decide by what is done: the first rule that may override the lead and whose cues stand in
the snippet gives its code. docs/events.md states the rules.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from sitrep.events.detect import find_triggers
from sitrep.events.lexicon import ClassifyRule, EventLexicon, Phrase, Sides

# A trigger counts more than a cue, and words in a snippet's first 200 characters, where a news
# lead names its event, more than later ones.
TRIGGER_WEIGHT, WEAK_WEIGHT, CUE_WEIGHT = 3.0, 2.0, 1.0
LEAD_CHARS, LATE_WEIGHT = 200, 0.6
# The month March, told from a march by a number beside it or a word of time before it ("on 16
# March", "March 7", "since March"): blanked out, so it names no protest.
_MONTH_MARCH = re.compile(
    r"(?:(?<=\d)\s+|\b(?:in|on|of|since|until|early|late|mid|last|next)\s+)(?P<after>March)\b"
    r"|\b(?P<before>March)(?=\s+\d)"
)
# Where the actor who took land is looked for: the clause before the taking words, else the
# sentence before them, at most this many characters back.
_SUBJECT_REACH = 160
_CLAUSE_END = re.compile(r"[,;:()]|\band\s+(?:the|a|an)\b|\bafter\b|\bwhile\b", re.IGNORECASE)
# How many words before a rule's cue a modal word (`[modality]`) makes it an intention.
_MODAL_REACH = 3
_WORD = re.compile(r"[\w'-]+")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
# A preposition right before an actor word (with "the" and one more word between at most).
_OBJECT_BEFORE = re.compile(
    r"\b(?:with|against|from|by|on|at|to|into)\s+(?:the\s+)?(?:[\w'-]+\s+)?$", re.IGNORECASE
)


def classify(lexicon: EventLexicon, text: str) -> str:
    """The CASE 2021 code of `text`: the lead code of the scores, or the code of the first rule
    that overrides it; "OTHER" when no word scores."""
    text = _without_no_event_uses(lexicon, text)
    scores = score_codes(lexicon, text)
    if not scores:
        return "OTHER"
    lead = lead_code(lexicon, scores)
    for rule in lexicon.rules:
        if lead in rule.over and applies(lexicon, rule, text):
            return _side_code(lexicon, rule, text, lead)
    return lead


def _without_no_event_uses(lexicon: EventLexicon, text: str) -> str:
    """The text with words that name no event in their use blanked out (same length, so offsets
    stay): the month March, and a state after a determiner ("the occupied West Bank", detection's
    `[modality] states`), which names no land taken."""
    spans = [m.span(m.lastgroup or 0) for m in _MONTH_MARCH.finditer(text)]
    spans += [m.span("state") for m in lexicon.state_uses.finditer(text)]
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def score_codes(lexicon: EventLexicon, text: str) -> dict[str, float]:
    """Each code's weight of trigger and cue words (casualty words name no code). A cue only
    tells which of the codes a trigger names the event is: where a trigger names some code, a
    code of cues alone ("army", "military", "tank") does not compete."""
    scores: defaultdict[str, float] = defaultdict(float)
    for trigger in find_triggers(lexicon, text, 0, len(text)):
        if not _modal(lexicon, text, trigger.start):
            add_score(lexicon, scores, trigger.phrase, trigger.start)
    triggered = set(scores)
    for match in lexicon.cues.finditer(text):
        add_score(lexicon, scores, lexicon.phrases[match.lastgroup or ""], match.start())
    if triggered:
        return {code: scores[code] for code in triggered}
    return dict(scores)


def add_score(
    lexicon: EventLexicon, scores: defaultdict[str, float], phrase: Phrase, start: int
) -> None:
    """Add one phrase's weight to each code it may name."""
    weight = CUE_WEIGHT if phrase.cue else WEAK_WEIGHT if phrase.weak else TRIGGER_WEIGHT
    if start > LEAD_CHARS:
        weight *= LATE_WEIGHT
    for name in phrase.subtypes:
        subtype = lexicon.subtypes[name]
        if not subtype.casualty:
            scores[subtype.code] += weight


def lead_code(lexicon: EventLexicon, scores: Mapping[str, float]) -> str:
    """The code its words weigh most for, the higher priority among equals."""
    priority = {s.code: s.priority for s in lexicon.subtypes.values()}
    return max(scores, key=lambda code: (round(scores[code], 6), priority.get(code, 0)))


def applies(lexicon: EventLexicon, rule: ClassifyRule, text: str) -> bool:
    """Whether the rule's cues (and what it requires, and none of what it excludes) stand."""
    cue = done_cue(lexicon, rule, text)
    if cue is None or (rule.within is not None and cue.start() > rule.within):
        return False
    if rule.requires is not None and rule.requires.search(text) is None:
        return False
    return rule.unless is None or rule.unless.search(text) is None


def done_cue(lexicon: EventLexicon, rule: ClassifyRule, text: str) -> re.Match[str] | None:
    """The rule's first cue. Land is taken only by a deed: for a territorial rule an infinitive
    or a modal before the cue ("intended to take control", "could seize the town") tells an aim,
    and a failed aim is a clash (while protesters who try to block a road are violent already)."""
    for cue in rule.cues.finditer(text):
        if rule.by_side is None or not _intended(lexicon, text, cue.start()):
            return cue
    return None


def _intended(lexicon: EventLexicon, text: str, start: int) -> bool:
    before = _words_before(text, start)
    return bool(before and before[-1] in lexicon.adjacent) or _modal(lexicon, text, start)


def _modal(lexicon: EventLexicon, text: str, start: int) -> bool:
    return bool(lexicon.modality.intersection(_words_before(text, start)[-_MODAL_REACH:]))


def _words_before(text: str, start: int) -> list[str]:
    return [word.lower() for word in _WORD.findall(text, max(0, start - 40), start)]


def _side_code(lexicon: EventLexicon, rule: ClassifyRule, text: str, lead: str) -> str:
    """A territorial rule's code by who took the land; the lead's (or the rule's) code when the
    snippet names no actor."""
    sides = lexicon.sides
    if rule.by_side is None:
        return rule.code
    cue = done_cue(lexicon, rule, text)
    side = actor_side(sides, text, cue.start() if cue else 0)
    if side is None:
        return lead if lead in (sides.state_code, sides.non_state_code) else rule.code
    state_took = (side == "state") == (rule.by_side == "taker")
    return sides.state_code if state_took else sides.non_state_code


def actor_side(sides: Sides, text: str, start: int) -> str | None:
    """The side ("state" or "non_state") of the actor before `start`: in its clause, else in its
    sentence. A state word wins ("the army and allied fighters captured"), and an actor after a
    preposition is no subject ("clashing with insurgents and capturing")."""
    reach = max(0, start - _SUBJECT_REACH)
    sentence_start = max(
        (m.end() for m in _SENTENCE_END.finditer(text, reach, start)), default=reach
    )
    before = text[sentence_start:start]
    cuts = [m.end() for m in _CLAUSE_END.finditer(before)]
    for stretch in (before[cuts[-1] :] if cuts else before, before):
        state = _subject(sides.state, stretch)
        if state or _subject(sides.non_state, stretch):
            return "state" if state else "non_state"
    return None


def _subject(actors: re.Pattern[str], stretch: str) -> bool:
    return any(
        _OBJECT_BEFORE.search(stretch, 0, match.start()) is None
        for match in actors.finditer(stretch)
    )
