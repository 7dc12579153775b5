"""`find_not_after` finds what `finditer` finds with a lookbehind in front of the pattern."""

from __future__ import annotations

import re

import pytest

from sitrep.jobs import sample_corpus
from sitrep.patterns import find_not_after, trie_pattern

_WORDS = ["Iraq", "Iraqi", "Iraqis", "Syria", "US", "U.S.", "Saudi Arabian", "Arabian"]
_BODY = "(?:" + trie_pattern(_WORDS) + r")(?!\w)"
_REFUSED = r"[\w.]"


def _with_lookbehind(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(f"(?<!{_REFUSED}){_BODY}", text)]


def _found(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in find_not_after(re.compile(_BODY), text, re.compile(_REFUSED))]


@pytest.mark.parametrize(
    "text",
    [
        "Iraq and Syria",
        "Iraqis, Iraqi forces and U.S. troops",
        "AntiIraq xSyria .US US.",  # after a word character or a full stop: refused
        "XSaudi Arabian oil",  # a refused match must not hide the one inside it
        "Saudi Arabian",
        "",
    ],
)
def test_find_not_after_matches_a_lookbehind(text: str) -> None:
    assert _found(text) == _with_lookbehind(text)


def test_find_not_after_matches_a_lookbehind_over_the_sample_corpus() -> None:
    texts = [path.read_text("utf-8") for path in sorted(sample_corpus().glob("*.txt"))]
    assert texts
    for text in texts:
        assert _found(text) == _with_lookbehind(text)
