"""Sentences and their tense: whether the clause around a mention speaks of the past or future.

An underspecified date is resolved to the future when the tense cue nearest before it in its
sentence says it lies ahead ("will", "is due to", "plans to", ...: `[tense] future` in the
lexicon), and to the past when that cue is a past form ("was", "said", "bought", a word ending
in "-ed" that is not listed in `[tense] not_past`). A mention that opens its sentence reads the
first cue after it instead ("In January, the company brought in ..."). Without the pipeline's
sentences, the text is cut at a full stop, question or exclamation mark followed by a capital,
and at line breaks; a cut after "U.S." costs little here, since the rule only looks for cue words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from sitrep.model import Span
from sitrep.patterns import lowered, trie_pattern
from sitrep.times.grammar import spaced
from sitrep.times.lexicon import TimeLexicon

# How far from a mention a tense cue still governs it: about ten words, tuned on TimeBank's dev
# split (the whole sentence picks up cues of other clauses).
TENSE_REACH = 60
# A past cue must be nearer, about four words (tuned on TimeBank's dev split: at 60 characters
# "declared a dividend payable Dec. 1" reads as the past; 10 to 40 score within 0.3 points).
PAST_REACH = 25
NEAREST, FUTURE, PAST, PAST_TENSE = "nearest", "future", "past", "past tense"
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“'(]?[A-Z])|\n")


class TenseCues:
    """The compiled cue pattern: future forms, past forms, and regular past forms."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        future = spaced(trie_pattern(sorted(lexicon.future_cues)))
        past = spaced(trie_pattern(sorted(lexicon.past_cues)))
        self.pattern = re.compile(
            f"(?<![\\w'-])(?:(?P<future>{future})|(?P<past>{past})|(?P<ed>[a-z]{{2,}}ed))(?![\\w-])"
        )
        self.not_past = lexicon.not_past

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, tense) of every cue, in order."""
        found = []
        for hit in self.pattern.finditer(lowered(text)):
            kind = hit.lastgroup
            if kind == "ed":
                if hit.group() in self.not_past:
                    continue
                kind = PAST
            found.append((hit.start(), hit.end(), FUTURE if kind == "future" else PAST_TENSE))
        return found


class Sentences:
    """The sentence spans of one text, and the tense cues found in it."""

    def __init__(self, text: str, spans: Sequence[Span] | None, cues: TenseCues) -> None:
        bounds = [(s.start_char, s.end_char) for s in spans] if spans else _cut(text)
        self.starts = [start for start, _ in bounds]
        self.ends = [end for _, end in bounds]
        self.cues = cues.find(text)
        self.cue_starts = [start for start, _, _ in self.cues]
        self.cue_ends = [end for _, end, _ in self.cues]

    def index(self, position: int) -> int:
        """The sentence holding `position` (the last one starting at or before it)."""
        return max(0, bisect.bisect_right(self.starts, position) - 1)

    def lean(self, start: int, end: int) -> str:
        """The tense of the nearest cue before the mention in its sentence, at most
        `TENSE_REACH` characters away ("will meet on Tuesday", "was told Wednesday"); for a
        mention with no cue before it, the first cue after it, as near."""
        sentence = self.index(start)
        low = max(self.starts[sentence], start - TENSE_REACH)
        before = bisect.bisect_right(self.cue_ends, start) - 1
        if before >= 0 and self.cue_ends[before] >= low:
            return self._within(self.cues[before][2], start - self.cue_ends[before])
        high = min(self.ends[sentence], end + TENSE_REACH)
        after = bisect.bisect_left(self.cue_starts, end)
        if after < len(self.cues) and self.cue_starts[after] < high:
            return self._within(self.cues[after][2], self.cue_starts[after] - end)
        return NEAREST

    @staticmethod
    def _within(tense: str, distance: int) -> str:
        return tense if tense == FUTURE or distance <= PAST_REACH else NEAREST


def _cut(text: str) -> list[tuple[int, int]]:
    """Sentence bounds of the original text (the capital after a full stop counts)."""
    bounds, start = [], 0
    for hit in _BOUNDARY.finditer(text):
        bounds.append((start, hit.end()))
        start = hit.end()
    bounds.append((start, len(text)))
    return bounds
