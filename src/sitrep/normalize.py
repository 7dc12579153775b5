"""Normalise an article body so that every offset indexes one canonical text.

The rules: Unicode NFC; line ends made `\\n`; non-breaking and typographic spaces made plain
spaces; zero-width characters, soft hyphens and control characters dropped; runs of spaces
collapsed; paragraphs separated by exactly one blank line and holding no line breaks.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

# Tab, no-break space, the typographic spaces U+2000-U+200A, narrow no-break and ideographic.
_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_DROPPED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\n") + "\x7f"
# Two regular expressions beat str.translate with a table: most texts have none of these.
_ODD_SPACE = re.compile(f"[{_SPACES}]")
_INVISIBLE = re.compile(f"[{_DROPPED}{re.escape(_CONTROLS.replace(chr(9), ''))}]")  # tab: a space
_BLANK_LINE = re.compile(r"\n[ ]*\n\s*")
_RUN_OF_SPACES = re.compile(r" {2,}")


class LineBreaks(Enum):
    """What a single line break means in the source text."""

    PARAGRAPH = "paragraph"  # every line is a paragraph (extracted HTML, feeds)
    AUTO = "auto"  # blank lines separate paragraphs when there are any, else every line does


def normalise_text(raw: str, line_breaks: LineBreaks = LineBreaks.AUTO) -> str:
    """Return the canonical form of `raw`; see the module docstring for the rules."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", _ODD_SPACE.sub(" ", text))
    if line_breaks is LineBreaks.PARAGRAPH or not _BLANK_LINE.search(text):
        blocks = text.split("\n")
    else:
        blocks = [block.replace("\n", " ") for block in _BLANK_LINE.split(text)]
    paragraphs = (_RUN_OF_SPACES.sub(" ", block).strip() for block in blocks)
    return "\n\n".join(p for p in paragraphs if p)
