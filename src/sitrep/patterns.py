"""Word lists read from `sitrep/lexicons` and made into fast patterns, for rule-based stages."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def read_lexicon(name: str) -> dict[str, Any]:
    """A TOML file of `sitrep/lexicons`, read when a stage is built (never at import)."""
    raw = resources.files("sitrep.lexicons").joinpath(name).read_text("utf-8")
    return tomllib.loads(raw)


def words_pattern(words: Iterable[str], *, flags: int = re.IGNORECASE) -> str:
    """An alternation of `words`, longest first so "more than" wins over "more"."""
    ordered = sorted({word.strip() for word in words if word.strip()}, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation of `words` folded into a trie: "t(?:en|hree|wo)" rather than "ten|three|two".

    Python's regex engine tries alternatives one by one; a trie decides on the first letter, and
    a top-level alternation whose branches all start with a literal lets the engine skip ahead to
    the next possible first letter in C. That made the number scan 15 times faster on BBC news.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render_trie(trie)


def _render_trie(node: dict[str, Any]) -> str:
    branches = [
        re.escape(char) + _render_trie(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def lowered(text: str) -> str:
    """`text` in lower case with every offset kept: a few Unicode letters change length when
    lowered ("İ"), and then only ASCII letters are folded."""
    folded = text.lower()
    return folded if len(folded) == len(text) else text.translate(_ASCII_LOWER)
