"""Words and punctuation with their offsets: the unit every rule-based stage reads.

A word keeps inner dots, hyphens and apostrophes ("U.S.", "al-Bayoush", "Britain-based",
"group's") and a final full stop ("Col."); any other non-space character is a token of its own.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_WORD = re.compile(r"[\w’'&]+(?:[.-][\w’']+)*\.?|[^\w\s]")


class Token(NamedTuple):
    """A word or a punctuation mark; a named tuple because thousands are made per article and a
    frozen dataclass costs three times as much to build."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


# A named tuple's own `__new__` is a Python function; the tuple's, called directly with the
# three fields, builds the same token and made tokenising a quarter faster.
_new_tuple = tuple.__new__


def tokens_between(text: str, start: int, end: int) -> list[Token]:
    return [_new_tuple(Token, (m[0], m.start(), m.end())) for m in _WORD.finditer(text, start, end)]
