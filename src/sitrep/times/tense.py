"""Sentences and their tense: whether the sentence around a mention speaks of the future.

An underspecified date is resolved to the future when a cue shortly before it in its sentence
says it lies ahead ("will", "is due to", "plans to", ...: `[tense] future` in the lexicon).
Without the pipeline's sentences, the text is cut at a full stop, question or exclamation mark
followed by a capital, and at line breaks; a cut after "U.S." costs nothing here, since the rule
only looks for a cue word.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from sitrep.model import Span
from sitrep.patterns import lowered, trie_pattern
from sitrep.times.grammar import spaced
from sitrep.times.lexicon import TimeLexicon

# How far before a mention a future cue still governs it: about ten words, tuned on TimeBank's
# dev split (the whole sentence, or anything after the mention, picks up cues of other clauses).
FUTURE_REACH = 60
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“'(]?[A-Z])|\n")


class Sentences:
    """The sentence spans of one text, and the future cues found in it."""

    def __init__(self, text: str, spans: Sequence[Span] | None, cues: re.Pattern[str]) -> None:
        bounds = [(s.start_char, s.end_char) for s in spans] if spans else _cut(text)
        self.starts = [start for start, _ in bounds]
        self.cues = [hit.end() for hit in cues.finditer(lowered(text))]

    def index(self, position: int) -> int:
        """The sentence holding `position` (the last one starting at or before it)."""
        return max(0, bisect.bisect_right(self.starts, position) - 1)

    def future(self, start: int) -> bool:
        """A future cue in the same sentence, ending at most `FUTURE_REACH` characters before the
        mention ("will meet on Tuesday", "is due to expire Nov. 13")."""
        sentence = self.index(start)
        low = max(self.starts[sentence], start - FUTURE_REACH)
        first = bisect.bisect_left(self.cues, low)
        return first < len(self.cues) and self.cues[first] < start


def _cut(text: str) -> list[tuple[int, int]]:
    """Sentence bounds of the original text (the capital after a full stop counts)."""
    bounds, start = [], 0
    for hit in _BOUNDARY.finditer(text):
        bounds.append((start, hit.end()))
        start = hit.end()
    bounds.append((start, len(text)))
    return bounds


def future_cues(lexicon: TimeLexicon) -> re.Pattern[str]:
    return re.compile(
        f"(?<![\\w'])(?:{spaced(trie_pattern(sorted(lexicon.future_cues)))})(?![\\w])"
    )
