"""The lower-case letters a pattern's match can open with, read from the regex parser's tree.

`firsts.py` tells which rules can start with the character at a word start; most word starts
still match no rule ("in", "to", "of", "said": nine tries in ten over BBC news fail), and each
try costs a match of a long alternation. A rule's opening letters, the run of ASCII lower-case
letters its match begins with, mostly come from a few words ("the", "last", "this", "two"), so
a word start whose run of letters no rule opens with is skipped without trying any rule.

The answer must never be too small: a match can start only where the text's run of lower-case
letters is one of `whole`, or starts with one of `cut`. Anything this module cannot follow (a
back-reference, an ignored case, a set of openings too large to list) makes the answer None,
"any run", and the rules are tried.
Assertions are read as matching everywhere, which only makes the answer larger, except a word
boundary right after a letter: the text's run ends there, which is what lists the words.
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_LETTERS = frozenset(string.ascii_lowercase)
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_ASSERTIONS = ("ASSERT", "ASSERT_NOT", "AT")
# Openings of all the rules together number a few hundred; a set growing past this is a pattern
# such as "[a-z]{2,}" that can open with any word, and listing it would gain nothing.
MAX_OPENINGS = 5_000


class _Unknown(Exception):
    """A construct this module does not follow: the answer is "any run"."""


@dataclass(slots=True, frozen=True)
class Openings:
    """`whole`: runs of letters a match can hold before a character that is no lower-case ASCII
    letter (or the end of the text it may read); `cut`: runs a match can end inside, so that the
    text's run only starts with one of them."""

    whole: frozenset[str]
    cut: frozenset[str]

    def __or__(self, other: Openings) -> Openings:
        return Openings(self.whole | other.whole, self.cut | other.cut)

    def starting(self, char: str) -> Openings:
        """Those a text's run can be where its first character is `char` (no run at all where
        it is no lower-case letter)."""
        first = char if char in _LETTERS else ""
        return Openings(
            frozenset(run for run in self.whole if run[:1] == first),
            frozenset(run for run in self.cut if run[:1] in ("", first)),
        )


def openings(pattern: str) -> Openings | None:
    """The openings of `pattern` (compiled without flags), or None when they cannot be listed."""
    try:
        tree = importlib.import_module("re._parser").parse(pattern)
        if tree.state.flags & re.IGNORECASE:
            return None
        open_runs, whole = _sequence(list(tree), {""})
    except (_Unknown, ImportError, AttributeError, TypeError, ValueError, re.error):
        return None
    return Openings(frozenset(whole), frozenset(open_runs))


Runs = set[str]


def _sequence(items: Iterable[tuple[Any, Any]], runs: Runs) -> tuple[Runs, Runs]:
    """From the runs still open before `items`: those still open after them, and those a
    character other than a lower-case letter closed on the way."""
    closed: Runs = set()
    for op, argument in items:
        if not runs:
            break  # every run closed: what follows cannot change the openings
        runs, ended = _item(str(op), argument, runs)
        closed |= ended
        if len(runs) + len(closed) > MAX_OPENINGS:
            raise _Unknown("too many openings")
    return runs, closed


def _item(op: str, argument: Any, runs: Runs) -> tuple[Runs, Runs]:
    if op == "LITERAL":
        return _step(runs, _chars({chr(argument)}))
    if op == "IN":
        return _step(runs, _char_class(argument))
    if op == "ANY":
        return _step(runs, (set(_LETTERS), True))
    if op == "AT" and str(argument) == "AT_BOUNDARY":
        return {""} & runs, runs - {""}  # after a letter, the next character is none
    if op in _ASSERTIONS:
        return runs, set()
    return _group(op, argument, runs)


def _group(op: str, argument: Any, runs: Runs) -> tuple[Runs, Runs]:
    if op == "SUBPATTERN":
        _group, add_flags, _del_flags, items = argument
        if add_flags & re.IGNORECASE:
            raise _Unknown(op)
        return _sequence(items, runs)
    if op == "ATOMIC_GROUP":
        return _sequence(argument, runs)
    if op == "BRANCH":
        return _branch(argument[1], runs)
    if op in _REPEATS:
        return _repeat(argument, runs)
    raise _Unknown(op)


def _step(runs: Runs, chars: tuple[set[str], bool]) -> tuple[Runs, Runs]:
    """One character of `chars` (its letters, and whether it may be something else) read."""
    letters, other = chars
    return {run + letter for run in runs for letter in letters}, set(runs) if other else set()


def _chars(chars: set[str]) -> tuple[set[str], bool]:
    return chars & _LETTERS, bool(chars - _LETTERS)


def _branch(alternatives: Iterable[Iterable[tuple[Any, Any]]], runs: Runs) -> tuple[Runs, Runs]:
    open_runs: Runs = set()
    closed: Runs = set()
    for alternative in alternatives:
        still_open, ended = _sequence(alternative, runs)
        open_runs |= still_open
        closed |= ended
    return open_runs, closed


def _repeat(argument: Any, runs: Runs) -> tuple[Runs, Runs]:
    """Each count of repeats from the least to the most, until no new run opens."""
    low, high, items = argument
    closed: Runs = set()
    for _ in range(low):
        runs, ended = _sequence(items, runs)
        closed |= ended
    seen, fresh, count = set(runs), set(runs), low
    while fresh and count < high:
        fresh, ended = _sequence(items, fresh)
        closed |= ended
        fresh -= seen
        seen |= fresh
        count += 1
        if len(seen) + len(closed) > MAX_OPENINGS:
            raise _Unknown("too many openings")
    return seen, closed


def _char_class(items: Iterable[tuple[Any, Any]]) -> tuple[set[str], bool]:
    letters: set[str] = set()
    other = False
    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            found, wider = _chars({chr(argument)})
        elif name == "RANGE":
            low, high = argument
            found = {chr(code) for code in range(max(low, 97), min(high, 122) + 1)}
            wider = low < 97 or high > 122
        elif name == "CATEGORY" and str(argument) in ("CATEGORY_DIGIT", "CATEGORY_SPACE"):
            found, wider = set(), True
        elif name == "CATEGORY" and str(argument) == "CATEGORY_WORD":
            found, wider = set(_LETTERS), True
        else:
            raise _Unknown(name)  # a negated class, or a category not read here
        letters |= found
        other = other or wider
    return letters, other
