"""Organisations missing from the registry, recognised by the form of their name.

A head noun in capitals is searched for (`[forms]` in the lexicon); around it, the name:
- a head that ends a name takes the capitalised words before it ("Fursan al-Haq Brigade",
  "Foreign Policy Research Institute"), Arabic particles ("al-Haq", "bin") and ordinals ("4th")
  included, back to the last word that opens sentences or titles rather than names ("The",
  "His", "Col."), a possessive or any punctuation;
- a head with a preposition takes the name after it ("Army of Conquest", "Council on Foreign
  Relations"), with "and", "the", "of" inside;
- an Arabic head opens a name and takes the words after it ("Jaish al-Islam", "Liwa al-Tawhid").
The type is the head's; a military head after a state's adjective or name is `state_forces`.
A head followed by a place's noun ("Brigade Street"), and the names in `not_names`, are no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitrep.actors.registry import FormWords
from sitrep.model import Actor, ActorType
from sitrep.patterns import trie_pattern

_MAX_WORDS = 8  # the longest name read on either side of its head
_OPENING = "(\"“‘'"
# A word of a name: capitalised ("Fursan", "McGurk", "Al-Nusra"), initials ("U.S."), an ordinal
# ("4th"), or a word in lower case, which only a particle or a connector may be.
_NAME_WORD = re.compile(
    r"(?:[A-Z][\w&]*(?:['’-][\w&]+)*|(?:[A-Z]\.){2,}|\d+(?:st|nd|rd|th)|[a-z]+(?:-[\w'’]+)*|&)"
)
# Words that join a name's words ("Institute for the Study of War"); never at either end. Before
# a head, "the" is not one: "Bush and the Iraqi Army" would be read as one name.
_CONNECTORS = frozenset({"and", "the", "of", "for", "on", "&"})
_CONNECTORS_BEFORE = frozenset({"and", "of", "for", "&"})
_AND = frozenset({"and", "&"})
_PREPOSITION = re.compile(r" (of|for|on) ")
_NEXT_WORD = re.compile(r" ([A-Z][\w]*)")


class FormReader:
    """The head nouns as one pattern; build once, call for many texts."""

    def __init__(self, words: FormWords) -> None:
        self._words = words
        with_heads = {key.split()[0] for key in words.heads_with}
        ending = trie_pattern(sorted({*words.heads_after, *with_heads}))
        opening = trie_pattern(sorted(words.heads_before))
        self._heads = re.compile(
            rf"(?<![\w'’-])(?:(?P<ending>{ending})|(?P<opening>{opening}))(?![\w'’-])"
        )

    def find(self, text: str) -> list[Actor]:
        """Every organisation by form in `text`, the longest of overlapping ones, in order."""
        found = sorted(self._candidates(text), key=lambda a: (a.start_char, -a.end_char))
        kept: list[Actor] = []
        for actor in found:
            if not kept or actor.start_char >= kept[-1].end_char:
                kept.append(actor)
        return kept

    def _candidates(self, text: str) -> Iterator[Actor]:
        for hit in self._heads.finditer(text):
            if hit.lastgroup == "ending":
                actor = self._ending_at(text, hit.start(), hit.end())
            else:
                actor = self._opening_at(text, hit.start(), hit.end())
            if actor is not None:
                yield actor

    def _ending_at(self, text: str, start: int, end: int) -> Actor | None:
        """A name that ends at its head ("Sultan Murad Division") or runs on after it with a
        preposition ("Army of Conquest")."""
        head = text[start:end]
        before = self._words_before(text, start)
        tail = self._tail(text, head, end)
        if tail is None and (not before or head not in self._words.heads_after):
            return None
        first = before[0] if before else start
        last, kind = tail if tail is not None else (end, self._words.heads_after[head])
        if head in self._words.state_heads and self._opens_with_state(text, first, start):
            kind = "state_forces"
        return self._actor(text, first, last, kind)

    def _opening_at(self, text: str, start: int, end: int) -> Actor | None:
        """A name opened by an Arabic head: "Jaish al-Islam", "Harakat Nour al-Din al-Zenki"."""
        last = self._name_after(text, end, frozenset(), capitalised=True)
        if last is None:
            return None
        return self._actor(text, start, last, self._words.heads_before[text[start:end]])

    def _actor(self, text: str, start: int, end: int, kind: ActorType) -> Actor | None:
        name = text[start:end]
        following = _NEXT_WORD.match(text, end)
        if name in self._words.not_names or (following and following[1] in self._words.not_before):
            return None
        return Actor(start_char=start, end_char=end, text=name, name=name, type=kind, known=False)

    def _words_before(self, text: str, head_start: int) -> list[int]:
        """The starts of the name's words before its head, nearest last; none if none count."""
        starts: list[int] = []
        position = head_start
        while len(starts) < _MAX_WORDS and position > 1 and text[position - 1] == " ":
            begin = max(text.rfind(" ", 0, position - 1), text.rfind("\n", 0, position - 1)) + 1
            word = text[begin : position - 1].lstrip(_OPENING)
            if not self._in_name(word):
                break
            starts.append(position - 1 - len(word))
            if position - 1 - len(word) != begin:  # an opening bracket or quote ends the name
                break
            position = begin
        return self._trimmed(text, starts[::-1])

    def _in_name(self, word: str) -> bool:
        if word.endswith(("'s", "’s")) or not _NAME_WORD.fullmatch(word):
            return False
        return self._may_be_in_name(word, _CONNECTORS_BEFORE)

    def _may_be_in_name(self, word: str, connectors: frozenset[str]) -> bool:
        """A capitalised word, an ordinal, a connector or a particle: "Fursan", "4th", "and",
        "al", "al-Haq"; not another word in lower case."""
        if word[0].isupper() or word[0].isdigit():
            return True
        return (
            word in connectors
            or word in self._words.particles
            or (word.partition("-")[0] in self._words.particle_prefixes and "-" in word)
        )

    def _trimmed(self, text: str, starts: list[int]) -> list[int]:
        """Cut at the last word that opens sentences or titles, and before a word joined by
        "and" to more than one word ("Kate Bush and Joy Division" is two names, "Securities and
        Exchange Commission" one); then drop leading particles and connectors: "His Fursan
        al-Haq" is "Fursan al-Haq", "The Foreign Policy Research" "Foreign Policy Research"."""
        words = [text[s : text.index(" ", s)] for s in starts]
        openers = [i + 1 for i, word in enumerate(words) if word in self._words.not_openers]
        kept = list(zip(starts, words, strict=True))[max(openers, default=0) :]
        joins = [i + 1 for i, (_, word) in enumerate(kept) if word in _AND and i >= 2]
        kept = kept[max(joins, default=0) :]
        while kept and (kept[0][1][0].islower() or kept[0][1] in _CONNECTORS):
            kept.pop(0)
        return [s for s, _ in kept]

    def _tail(self, text: str, head: str, head_end: int) -> tuple[int, ActorType] | None:
        """The end and type of a name that goes on after its head with a preposition."""
        preposition = _PREPOSITION.match(text, head_end)
        kind = preposition and self._words.heads_with.get(f"{head} {preposition[1]}")
        if preposition is None or kind is None:
            return None
        last = self._name_after(text, preposition.end() - 1, _CONNECTORS, capitalised=False)
        return (last, kind) if last is not None else None

    def _name_after(
        self, text: str, position: int, connectors: frozenset[str], *, capitalised: bool
    ) -> int | None:
        """The end of the name whose words follow `position` (a space before each):
        capitalised words and particles, `connectors` inside but not at its end; None when it
        has no word or, unless `capitalised` already (an Arabic head is), no capitalised word.
        A possessive ends it: "Army of Conquest's" is "Army of Conquest". An Arabic name
        takes no English connector: "Jaish al-Islam and ..." ends before "and"."""
        last = None
        for _ in range(_MAX_WORDS):
            word = _NAME_WORD.match(text, position + 1) if text.startswith(" ", position) else None
            if word is None or not self._may_be_in_name(word[0], connectors):
                break
            owner = word[0].endswith(("'s", "’s"))
            if word[0] not in connectors:
                last = word.end() - 2 if owner else word.end()
                capitalised = capitalised or not word[0][0].islower()
            position = word.end()
            if owner or not text.startswith(" ", position):
                break
        return last if capitalised else None

    def _opens_with_state(self, text: str, first: int, head_start: int) -> bool:
        words = text[first:head_start].split()
        return bool(words) and words[0] in self._words.state_words
