"""What a figure measures and about whom, decided from its clause by the cues in the lexicon.

The measure comes from the unit (areas, distances, money), then from casualty, displacement and
detention cues around the figure ("killed at least 83 people", "47 SDF fighters ... were killed"),
then from the counted noun (villages are places, fighters a force size). The subject is the name
inside the figure's noun phrase ("47 SDF fighters"), else the subject of the verb that governs it
("IS fields 19,000 to 25,000 fighters"), with it / they / their resolved to the nearest earlier
subject. docs/quantities.md lists the rules with examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from sitrep.quantities.extract import Draft, is_name
from sitrep.quantities.lexicon import QuantityLexicon, word_alternation
from sitrep.tokens import Token, tokens_between

CASUALTY_MEASURES = ("killed", "wounded", "displaced", "detained")
_CLAUSE_END = frozenset({";", ":", "—", "–", "!", "?"})
_SPEECH = frozenset({"said", "says", "told", "added", "announced", "stated", "claimed", "warned"})
_CANDIDATE_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would"})
# Right before the figure ("compared with 40"), or before its number with a qualifier or a
# range's "from" between ("down from an estimated 20,000", "down from 20,000 to 31,500").
_INHERIT = re.compile(
    r"\b(?:(?:down|up)\s+from|from|than|compared\s+(?:with|to)|versus|vs\.?)\s+$", re.IGNORECASE
)
_INHERIT_QUALIFIED = re.compile(r"\b(?:down|up)\s+from\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_RATE = re.compile(r"\s+(?:every|per|each|a\s+(?:day|week|month|year))\b", re.IGNORECASE)
_AGE = re.compile(r"\b(?:age of|aged|ages|age)\s+$", re.IGNORECASE)
_COORDINATION = re.compile(r"\s*,?\s*(?:and|or)\s+$", re.IGNORECASE)
_CUE_WINDOW_WORDS = 8
_VERB_WINDOW_WORDS = 24  # tokens: "21,000-24,000" alone is five
_ANTECEDENT_CHARS = 700


def _cue_pattern(cues: Mapping[str, Iterable[str]], *, anchored: bool) -> re.Pattern[str]:
    # Cues are matched in lower case only: "Dead Man's Shoes" is a title, not a death toll.
    alternation = word_alternation(
        (cue for words in cues.values() for cue in words), ignore_case=False
    )
    prefix = r"\s*" if anchored else r"(?<![\w-])"  # anchored: used with .match(text, pos)
    return re.compile(rf"{prefix}(?P<cue>{alternation})(?![\w-])")


def _by_cue(cues: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {" ".join(c.lower().split()): name for name, words in cues.items() for c in words}


class MeaningReader:
    """Decides `measure` and `subject` for the drafts of one sentence."""

    def __init__(self, lexicon: QuantityLexicon) -> None:
        measures = lexicon.measures
        before = {name: measures[name]["before"] for name in CASUALTY_MEASURES}
        after = {name: measures[name]["after"] for name in CASUALTY_MEASURES}
        self._before, self._before_class = _cue_pattern(before, anchored=False), _by_cue(before)
        self._after, self._after_class = _cue_pattern(after, anchored=True), _by_cue(after)
        self._aux = frozenset(measures["auxiliaries"])
        self._toll_nouns = {
            **dict.fromkeys(measures["killed_nouns"], "killed"),
            **dict.fromkeys(measures["wounded_nouns"], "wounded"),
        }
        levels = word_alternation(measures["level_verbs"])
        self._level = re.compile(rf"\b(?:{levels})\s+(?:to\s+|at\s+)?$", re.IGNORECASE)
        self._people = frozenset(measures["people_nouns"])
        self._force = frozenset(measures["force_nouns"])
        self._places = frozenset(measures["place_nouns"])
        self._territory = _cue_pattern({"t": measures["territory_words"]}, anchored=False)
        self._territory_verbs = frozenset(measures["territory_verbs"])
        subjects = lexicon.subjects
        self._verbs = frozenset(subjects["verbs"])
        self._skip = frozenset(subjects["skip"]) | {"having"}
        self._pronouns = frozenset(subjects["pronouns"])
        self._groups = frozenset(subjects["group_nouns"])

    def read(
        self, text: str, span: tuple[int, int], paragraph_start: int, drafts: list[Draft]
    ) -> None:
        previous: Draft | None = None
        for draft in drafts:
            if previous is not None and self._inherits(text, span[0], draft):
                _inherit(draft, previous)
            else:
                draft.measure = self._measure(text, span, paragraph_start, draft, drafts)
                draft.subject = self._subject(text, span[0], draft)
            previous = draft

    # -- measure ------------------------------------------------------------------------------

    def _measure(
        self,
        text: str,
        span: tuple[int, int],
        paragraph_start: int,
        draft: Draft,
        drafts: list[Draft],
    ) -> str:
        unit = draft.unit
        if unit is not None and unit.dimension in ("area", "length", "currency"):
            return {"area": "area", "length": "distance", "currency": "money"}[unit.dimension]
        if (unit is not None and unit.name == "percent") or draft.number.kind == "fraction":
            share = self._territory_share(text, span, paragraph_start, draft)
            return "territory_share" if share else "other"
        if unit is not None:
            return "other"
        if draft.strength:
            return "force_size"
        return self._count_measure(text, span, draft, drafts)

    def _count_measure(
        self, text: str, span: tuple[int, int], draft: Draft, drafts: list[Draft]
    ) -> str:
        noun = draft.noun
        if noun in self._toll_nouns:
            return self._toll_nouns[noun]  # "83 deaths", "40 bodies"
        # "one every two days" is a rate, "found dead at the age of 87" an age: neither a toll.
        if _RATE.match(text, draft.end) or _AGE.search(
            text, max(span[0], draft.start - 16), draft.start
        ):
            return "other"
        if noun is None or noun in self._people or draft.demonym:
            cue = (
                self._verb_right_before(text, span, draft)
                or self._after_cue(text, span, draft, drafts)
                or self._before_cue(text, span, draft)
            )
            if cue is not None:
                return cue
        if noun in self._places:
            return "places_count"
        if noun in self._force:
            return "force_size"
        return "count" if noun is not None else "other"

    def _after_cue(
        self, text: str, span: tuple[int, int], draft: Draft, drafts: list[Draft]
    ) -> str | None:
        end = draft.end
        for later in drafts:  # "47 SDF fighters and 140 militants were killed"
            if later.start >= end and _COORDINATION.fullmatch(text, end, later.start):
                end = later.end
        tokens = _skip_place_phrase(tokens_between(text, end, span[1]), self._aux)
        position = end
        for token in tokens:
            if token.lower not in self._aux:
                position = token.start
                break
        else:
            return None
        match = self._after.match(text, position, span[1])
        return self._after_class[" ".join(match["cue"].lower().split())] if match else None

    def _verb_right_before(self, text: str, span: tuple[int, int], draft: Draft) -> str | None:
        """A cue right before the figure is its verb, whatever follows: in "killed about 60
        people, and hundreds were treated" the 60 were killed."""
        start = max(span[0], draft.start - 24)
        last = None
        for last in self._before.finditer(text, start, draft.start):  # noqa: B007
            pass
        if last is None or text[last.end() : draft.start].strip():
            return None
        return self._before_class[" ".join(last["cue"].lower().split())]

    def _before_cue(self, text: str, span: tuple[int, int], draft: Draft) -> str | None:
        start = _clause_start(text, span[0], draft.start)
        last = None
        for last in self._before.finditer(text, start, draft.start):  # noqa: B007
            pass
        if last is None:
            return None
        level = self._level.search(text, max(start, draft.start - 20), draft.start)
        near = len(tokens_between(text, last.end(), draft.start)) <= _CUE_WINDOW_WORDS
        if not (near or level):
            return None
        return self._before_class[" ".join(last["cue"].lower().split())]

    def _territory_share(
        self, text: str, span: tuple[int, int], paragraph_start: int, draft: Draft
    ) -> bool:
        if self._territory.search(text, span[0], span[1]):
            return True
        words = tokens_between(text, span[0], span[1])
        if not any(token.lower in self._territory_verbs for token in words):
            return False
        of_place = re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[draft.end : draft.end + 20])
        return bool(of_place or self._territory.search(text, paragraph_start, span[0]))

    # -- subject ------------------------------------------------------------------------------

    def _subject(self, text: str, sentence_start: int, draft: Draft) -> str | None:
        if draft.strength:
            return draft.strength_of
        if draft.modifiers:
            return " ".join(draft.modifiers)
        if draft.measure in (*CASUALTY_MEASURES, "other"):
            return None  # the side whose dead: only what the noun phrase itself says
        return self._verb_subject(text, sentence_start, draft.start)

    def _verb_subject(self, text: str, sentence_start: int, position: int) -> str | None:
        tokens = tokens_between(text, _clause_start(text, sentence_start, position), position)
        tokens = tokens[-_VERB_WINDOW_WORDS:]
        for index in range(len(tokens) - 1, -1, -1):
            if _plain(tokens[index]) in self._verbs:
                return self._noun_phrase(text, sentence_start, tokens, index - 1)
        return None

    def _noun_phrase(
        self, text: str, sentence_start: int, tokens: list[Token], index: int
    ) -> str | None:
        while index >= 0 and _plain(tokens[index]) in self._skip:
            index -= 1
        if index < 0:
            return None
        token = tokens[index]
        if _plain(token) in self._pronouns:
            return self._resolve(text, sentence_start, token)
        if index > 0 and tokens[index - 1].text.endswith(("'s", "’s")):
            return self._possessor(text, tokens, index - 1)  # "the group's territory shrank"
        return self._phrase_ending_at(text, tokens, index)

    def _possessor(self, text: str, tokens: list[Token], index: int) -> str | None:
        phrase = self._phrase_ending_at(text, tokens, index)
        return phrase[:-2] if phrase is not None else None

    def _phrase_ending_at(self, text: str, tokens: list[Token], index: int) -> str | None:
        token = tokens[index]
        head = token.lower.removesuffix("'s").removesuffix("’s")
        if not (is_name(token) or head in self._groups):
            return None
        first = index
        while first > 0 and is_name(tokens[first - 1]):
            first -= 1
        if first > 0 and tokens[first - 1].lower in ("the", "its", "their"):
            first -= 1
        if first == index and head in self._groups and not is_name(token):
            return None  # "group" alone, with no article, is not a subject
        return text[tokens[first].start : token.end]

    def _resolve(self, text: str, sentence_start: int, pronoun: Token) -> str | None:
        """The nearest earlier subject: "the SDF said it captured", "the jihadis ... they"."""
        if pronoun.lower in ("he", "his", "she", "her"):
            return None
        window = max(0, sentence_start - _ANTECEDENT_CHARS)
        tokens = tokens_between(text, window, pronoun.start)
        for index in range(len(tokens) - 2, -1, -1):
            following = tokens[index + 1].lower
            speech = following in _SPEECH and tokens[index].start >= sentence_start
            if not (speech or following in _CANDIDATE_VERBS or following in self._verbs):
                continue
            if following in _SPEECH and not speech:
                continue
            phrase = self._phrase_ending_at(text, tokens, index)
            if phrase is not None and tokens[index].lower not in self._pronouns:
                return phrase
        return None

    def _inherits(self, text: str, sentence_start: int, draft: Draft) -> bool:
        if draft.unit is not None or draft.noun is not None or draft.strength:
            return False
        window = max(sentence_start, draft.start - 20)
        return bool(
            _INHERIT.search(text, window, draft.start)
            or _INHERIT_QUALIFIED.search(text, window, draft.number.start)
        )


_PREPOSITIONS = frozenset({"in", "from", "at", "near", "across", "on", "inside", "around"})
_PLACE_PHRASE_WORDS = 10


def _skip_place_phrase(tokens: list[Token], auxiliaries: frozenset[str]) -> list[Token]:
    """ "Hundreds of people in the town of Taza have been treated": past the place, to the verb."""
    if not tokens or tokens[0].lower not in _PREPOSITIONS:
        return tokens
    for index, token in enumerate(tokens[:_PLACE_PHRASE_WORDS]):
        if token.lower in auxiliaries and token.lower not in _PREPOSITIONS:
            return tokens[index:]
        if token.text in (",", ";"):
            break
    return tokens


def _inherit(draft: Draft, previous: Draft) -> None:
    """ "19,000 to 25,000 fighters, down from 20,000 to 31,500": the second counts the same."""
    draft.unit, draft.noun = previous.unit, previous.noun
    draft.measure, draft.subject = previous.measure, previous.subject


def _plain(token: Token) -> str:
    """Lower case, except acronyms: "IS" is the group, never the verb."""
    text = token.text
    return text if len(text) > 1 and text.isupper() else text.lower()


def _clause_start(text: str, sentence_start: int, position: int) -> int:
    for index in range(position - 1, sentence_start - 1, -1):
        if text[index] in _CLAUSE_END:
            return index + 1
    return sentence_start
