"""Which sentences tell of an event, and where one event's words end and the next one's begin.

A trigger phrase of `lexicons/events.toml` makes an event unless its clause negates it, plans it,
threatens it or speaks of attacks in general; a weak trigger needs a sign of armed conflict in its
sentence and none of sport or business, or, for a protest, the crowd that protests. The triggers
of a sentence that tell one event ("a suicide bombing ... killed at least 83") form one group; a
time expression or a new clause ("and the Oct. 31 downing of ...") between two triggers of
another kind starts a new one.
docs/events.md states the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sitrep.events.lexicon import EventLexicon, Phrase, Subtype

_WORD = re.compile(r"[\w'.-]+")
_WORD_AT = re.compile(r"[\w'-]+")
# How far back generic words reach ("under cover of intense coalition airstrikes").
_GENERIC_REACH = 4
# A new clause between two triggers: "; ", ", and the", "and the", "as well as", "while".
SEPARATOR = re.compile(r";|\b(?:and|but|while|whereas|as well as)\s+(?:the|a|an|in|on)\b", re.I)
# The types whose triggers name a weapon, which may be what another attack hit.
_MEANS = frozenset({"bombing", "shelling"})
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:but|while|and)\b|\bbut\b")
# Families of types whose triggers may tell one event together: the means of an attack and its
# casualties are one event, a captured town and the airstrikes that backed it are two.
FAMILIES = {
    "suicide_bombing": "violence",
    "bombing": "violence",
    "chemical_attack": "violence",
    "airstrike": "violence",
    "shelling": "violence",
    "armed_clash": "violence",
    "assault": "violence",
    "killing": "violence",
    "leader_killed": "violence",
    "territory_captured": "territory",
    "territory_lost": "territory",
    "arrest_capture": "arrest",
    "surrender_defection": "surrender",
    "protest": "protest",
    "other": "other",
}


@dataclass(slots=True, frozen=True)
class Trigger:
    """A trigger phrase found in the text, and the subtypes it may name."""

    start: int
    end: int
    phrase: Phrase

    def subtypes(self, lexicon: EventLexicon) -> list[Subtype]:
        return [lexicon.subtypes[name] for name in self.phrase.subtypes]


@dataclass(slots=True, frozen=True)
class SentenceSigns:
    """What a sentence holds beyond its triggers: a figure of killed or wounded, an armed actor,
    and the offsets of its time expressions."""

    casualties: bool
    armed_actor: bool
    times: tuple[int, ...]


def find_triggers(lexicon: EventLexicon, text: str, start: int, end: int) -> list[Trigger]:
    """Every trigger phrase in `text[start:end]`, in text order, none overlapping another."""
    found: list[Trigger] = []
    cursor = start
    for anchor in lexicon.first_words.finditer(_lower_in_place(text), start, end):
        at = anchor.start()
        if at < cursor or (at > 0 and (text[at - 1].isalnum() or text[at - 1] in "-_")):
            continue
        match = _longest_at(lexicon, text, at, end)
        if match is not None:
            found.append(Trigger(at, match.end(), lexicon.phrases[match.lastgroup or ""]))
            cursor = match.end()
    return found


def _lower_in_place(text: str) -> str:
    """`text` lowered one character for one, as `_longest_at` lowers a word: "İ" (the only
    letter that lowers to two characters, "i" and a dot above) becomes its "i"."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower()[0] for char in text)


def _longest_at(lexicon: EventLexicon, text: str, at: int, end: int) -> re.Match[str] | None:
    """The longest trigger starting at `at`, trying only the phrases its first word may begin."""
    word = _WORD_AT.match(text, at, end)
    if word is None:
        return None
    lowered = word.group().lower()
    stems = [
        lowered[:size] for size in range(1, len(lowered)) if lowered[:size] in lexicon.prefix_words
    ]
    best: re.Match[str] | None = None
    for key in (*stems, lowered):
        pattern = lexicon.by_first_word.get(key)
        match = pattern.match(text, at, end) if pattern is not None else None
        if match is not None and (best is None or match.end() > best.end()):
            best = match
    return best


def admissible(
    lexicon: EventLexicon,
    text: str,
    sentence: tuple[int, int],
    trigger: Trigger,
    signs: SentenceSigns,
) -> bool:
    """Whether `trigger` can tell an event that happened (docs/events.md, "Detection")."""
    if _ruled_out(lexicon, text, sentence, trigger):
        return False
    if trigger.phrase.weak:
        return _conflict_context(lexicon, text, sentence, signs) or _protest_held(
            lexicon, text, sentence, trigger
        )
    return signs.casualties or lexicon.veto.search(text, *sentence) is None


def _ruled_out(
    lexicon: EventLexicon, text: str, sentence: tuple[int, int], trigger: Trigger
) -> bool:
    """The words around the trigger say it did not happen, or is no event of its own: a
    negation or plan before it, a generic or adjacent word, a state, a weapon struck."""
    before = _words_before(text, sentence[0], trigger.start, lexicon.modality_reach)
    if lexicon.modality.intersection(before) or _generic_before(lexicon, before):
        return True
    if before and (
        before[-1].lower() in lexicon.adjacent
        or _describes_a_state(lexicon, text, trigger, before[-1])
    ):
        return True
    return lexicon.modality_after.match(text, trigger.end) is not None or _struck_weapon(
        lexicon, text, sentence, trigger
    )


def _describes_a_state(lexicon: EventLexicon, text: str, trigger: Trigger, previous: str) -> bool:
    """ "the occupied West Bank": a participle after a determiner says how a place is."""
    word = text[trigger.start : trigger.end].lower()
    return word in lexicon.states and previous.lower() in lexicon.anaphora


def _struck_weapon(
    lexicon: EventLexicon, text: str, sentence: tuple[int, int], trigger: Trigger
) -> bool:
    """A weapon named as what an attack hit or what was found ("hitting ... a car bomb"): the
    object of another event, not a bombing or a shelling of its own."""
    means = {s.type for s in trigger.subtypes(lexicon)} <= _MEANS
    start = max(sentence[0], trigger.start - 64)
    return means and lexicon.struck_weapon.search(text, start, trigger.start) is not None


def _generic_before(lexicon: EventLexicon, before: list[str]) -> bool:
    """A generic word among the last few, or as the last part of one ("Paris-style")."""
    last = before[-_GENERIC_REACH:]
    return any(word.split("-")[-1] in lexicon.generic for word in last)


def _words_before(text: str, floor: int, start: int, reach: int) -> list[str]:
    """The words of the trigger's clause before it, at most `reach` of them. Only the sentence's
    first word is lowered: elsewhere "May" and "Will" are a month and a name, not modals."""
    window_start = max(floor, start - 12 * reach)
    words = [
        (_plain_word(m.group(), lower=m.start() == floor))
        for m in _WORD.finditer(text, window_start, start)
    ]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, window_start, start)]
    if breaks:
        kept = sum(1 for m in _WORD.finditer(text, breaks[-1], start))
        words = words[len(words) - kept :]
    return words[-reach:]


def _plain_word(word: str, *, lower: bool) -> str:
    """Without its dots; a contracted negation ("didn't") is just "n't"."""
    plain = word.strip(".")
    plain = plain.lower() if lower else plain
    return "n't" if plain.endswith("n't") else plain


def _conflict_context(
    lexicon: EventLexicon, text: str, sentence: tuple[int, int], signs: SentenceSigns
) -> bool:
    if signs.casualties:
        return True
    if lexicon.veto.search(text, *sentence):
        return False
    return signs.armed_actor or lexicon.context.search(text, *sentence) is not None


def _protest_held(
    lexicon: EventLexicon, text: str, sentence: tuple[int, int], trigger: Trigger
) -> bool:
    """A protest outside armed conflict (`[protest]`): an act of protest by itself ("began a
    hunger strike") or a protest word in a sentence that names its crowd ("thousands of students
    marched"), neither a labour dispute nor a sentence of sport or show business."""
    signs = lexicon.protest
    if not any(s.type == "protest" for s in trigger.subtypes(lexicon)):
        return False
    if signs.labour.match(text, trigger.start) or signs.veto.search(text, *sentence):
        return False
    if signs.acts.match(text, trigger.start):
        return True
    return signs.crowd.search(text, *sentence) is not None


def group_triggers(
    lexicon: EventLexicon, text: str, triggers: Sequence[Trigger], signs: SentenceSigns
) -> Iterator[list[Trigger]]:
    """The sentence's triggers cut into the events they tell, in text order."""
    group: list[Trigger] = []
    for trigger in triggers:
        if group and _starts_new_event(lexicon, text, group, trigger, signs):
            yield group
            group = []
        group.append(trigger)
    if group:
        yield group


def _starts_new_event(
    lexicon: EventLexicon, text: str, group: list[Trigger], trigger: Trigger, signs: SentenceSigns
) -> bool:
    new = _family(lexicon, trigger)
    if new is None:  # casualty words belong to the event before them
        return False
    families = {_family(lexicon, t) for t in group} - {None}
    between = (group[-1].end, trigger.start)
    if any(between[0] <= at < between[1] for at in signs.times):
        return bool(families)
    if new not in families and families:
        return True
    return SEPARATOR.search(text, *between) is not None and new not in families


def _family(lexicon: EventLexicon, trigger: Trigger) -> str | None:
    subtypes = [s for s in trigger.subtypes(lexicon) if s.is_event and not s.casualty]
    return FAMILIES[subtypes[0].type] if subtypes else None
