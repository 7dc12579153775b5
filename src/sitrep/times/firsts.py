"""The ASCII characters a pattern's match can start with, read from the regex parser's tree.

The time grammar's master pattern tries every rule at every word start near an anchor, and most
rules cannot start with the letter there ("the" never starts "2015-03-01"). Knowing each rule's
first characters, `Grammar.search` tries only the rules that can. The answer must never be too
small: anything this module does not know for sure (a negated class, `.`, an ignored case, a
pattern that can match nothing) is `None`, "any character", and the rule is always tried. Only
ASCII is answered for; a non-ASCII character (a Unicode digit matches `\\d`) tries every rule.

The tree comes from `re._parser`, the parser `re.compile` itself uses (private, but in every
Python from 3.11 on); should it be missing or change shape, every rule is tried, as before.
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Iterable
from typing import Any

_ASCII = frozenset(chr(code) for code in range(128))
_CATEGORIES = {"CATEGORY_DIGIT": frozenset(string.digits)}
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")

First = frozenset[str] | None  # None: any character


class _Unknown(Exception):
    """A construct this module does not read: the answer is "any character"."""


def first_chars(pattern: str) -> First:
    """The ASCII characters a match of `pattern` (compiled without flags) can start with, or
    None when it may start with any, or match the empty string."""
    try:
        tree = importlib.import_module("re._parser").parse(pattern)
        if tree.state.flags & re.IGNORECASE:
            return None
        chars, nullable = _sequence(list(tree))
    except (_Unknown, ImportError, AttributeError, TypeError, ValueError, re.error):
        return None
    return None if nullable else frozenset(chars)


def _sequence(items: Iterable[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """First characters of items matched one after the other, and whether all may be empty."""
    chars: set[str] = set()
    for op, argument in items:
        found, nullable = _item(str(op), argument)
        chars |= found
        if not nullable:
            return chars, False
    return chars, True


def _item(op: str, argument: Any) -> tuple[set[str], bool]:  # noqa: PLR0911
    if op == "LITERAL":
        return {chr(argument)} & _ASCII, False
    if op == "IN":
        return _char_class(argument), False
    if op in _ZERO_WIDTH:
        return set(), True  # an assertion only narrows where a match starts
    if op == "SUBPATTERN":
        _group, add_flags, _del_flags, items = argument
        if add_flags & re.IGNORECASE:
            raise _Unknown(op)
        return _sequence(items)
    if op == "ATOMIC_GROUP":
        return _sequence(argument)
    if op == "BRANCH":
        return _branch(argument[1])
    if op in _REPEATS:
        low, _high, items = argument
        chars, nullable = _sequence(items)
        return chars, nullable or low == 0
    raise _Unknown(op)


def _branch(alternatives: Iterable[Iterable[tuple[Any, Any]]]) -> tuple[set[str], bool]:
    chars: set[str] = set()
    nullable = False
    for alternative in alternatives:
        found, empty = _sequence(alternative)
        chars |= found
        nullable = nullable or empty
    return chars, nullable


def _char_class(items: Iterable[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(argument))
        elif name == "RANGE":
            chars.update(chr(code) for code in range(argument[0], min(argument[1], 127) + 1))
        elif name == "CATEGORY" and str(argument) in _CATEGORIES:
            chars |= _CATEGORIES[str(argument)]
        else:
            raise _Unknown(name)  # a negated class, \w, \s: too wide to be worth listing
    return chars & _ASCII
