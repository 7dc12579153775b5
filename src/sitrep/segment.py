"""Segmentation stages: paragraphs and sentences with character offsets.

Sentence boundaries are found by rule, not by a model: a run of `.`, `!`, `?` or `…`, any closing
quotes or brackets, white space, then the start of a next sentence. A full stop after an
abbreviation from `lexicons/abbreviations.toml` is kept inside the sentence, so that "Lt. Col.",
"U.S. officials", "Nov. 13", "No. 2" and datelines such as "BAGHDAD, Jan. 17 (Xinhua) --" survive.
Sentences never cross paragraphs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources

from sitrep.model import Article, Paragraph, Sentence, Span

_PARAGRAPH = re.compile(r"[^\n]+")
# Terminal punctuation, closing quotes/brackets, space; the lookahead captures the next visible
# character after any opening quotes or brackets.
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]*(\S))")
_TOKEN_START = re.compile(r"[\"'“‘«(\[]+")
_WORD_AFTER = re.compile(r"[\"'“‘«(\[]*([\w’'-]+)")
_INITIALISM = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")  # U.S, a.m, e.g, U.N, Ph.D


@dataclass(slots=True, frozen=True)
class Abbreviations:
    """The abbreviation lexicon, loaded once when a stage is built (never at import)."""

    titles: frozenset[str]
    before_number: frozenset[str]
    ambiguous: frozenset[str]
    sentence_starters: frozenset[str]

    @classmethod
    def load(cls) -> Abbreviations:
        raw = resources.files("sitrep.lexicons").joinpath("abbreviations.toml").read_text("utf-8")
        data = tomllib.loads(raw)
        return cls(**{name: frozenset(data[name]) for name in cls.__slots__})


def paragraph_spans(text: str) -> Iterator[Paragraph]:
    """Paragraphs of a normalised text: its non-empty lines."""
    for match in _PARAGRAPH.finditer(text):
        yield Paragraph(match.start(), match.end())


@dataclass(slots=True, frozen=True)
class ParagraphStage:
    """Stage `paragraphs`: one span per paragraph of the normalised text."""

    name: str = "paragraphs"
    reads: tuple[str, ...] = ()
    version: str = "1"

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Span, ...]:
        return tuple(paragraph_spans(article.text))


@dataclass(slots=True, frozen=True)
class SentenceStage:
    """Stage `sentences`: sentence spans inside each paragraph."""

    abbreviations: Abbreviations = field(default_factory=Abbreviations.load)
    name: str = "sentences"
    reads: tuple[str, ...] = ("paragraphs",)
    version: str = "2"  # 2: an abbreviation opening a later paragraph stays in its sentence

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Span, ...]:
        text = article.text
        return tuple(
            sentence
            for paragraph in annotations["paragraphs"]
            for sentence in self.split(text, paragraph.start_char, paragraph.end_char)
        )

    def split(self, text: str, start: int, end: int) -> Iterator[Sentence]:
        """Sentences of `text[start:end]`, a single paragraph, trimmed of white space."""
        sentence_start = start
        for match in _CANDIDATE.finditer(text, start, end):
            if self.is_boundary(text, match, start):
                yield Sentence(sentence_start, match.end())
                sentence_start = match.end() + _leading_space(text, match.end(), end)
        if sentence_start < end:
            yield Sentence(sentence_start, end)

    def is_boundary(self, text: str, match: re.Match[str], paragraph_start: int) -> bool:
        next_char = match.group(1)
        if next_char.islower() or next_char in ",;:-–—":
            return False  # '"Is it over?" he asked', 'e.g. the', '... and'
        punctuation = match.group(0)
        if not punctuation.startswith(".") or punctuation.startswith(".."):
            return True  # '!', '?', an ellipsis before a capital
        word = _word_before(text, match.start(), paragraph_start)
        return self._stop_ends_sentence(word, text, match.end())

    def _stop_ends_sentence(self, word: str, text: str, after: int) -> bool:
        lexicon = self.abbreviations
        next_word = _next_word(text, after)
        if word in lexicon.titles or _is_initial(word):
            return False
        if word in lexicon.before_number and next_word[:1].isdigit():
            return False
        if word in lexicon.ambiguous or _INITIALISM.fullmatch(word):
            return next_word in lexicon.sentence_starters  # "U.S. officials" vs "the U.S. The"
        return True


def _leading_space(text: str, position: int, end: int) -> int:
    count = 0
    while position + count < end and text[position + count].isspace():
        count += 1
    return count


def _word_before(text: str, stop: int, floor: int) -> str:
    """The token that a full stop at `stop` ends, without opening quotes or brackets."""
    space = text.rfind(" ", floor, stop)
    token = text[space + 1 if space >= 0 else floor : stop]  # the paragraph's first word
    return _TOKEN_START.sub("", token)


def _next_word(text: str, position: int) -> str:
    match = _WORD_AFTER.match(text, position + _leading_space(text, position, len(text)))
    return match.group(1) if match else ""


def _is_initial(word: str) -> bool:
    """A single capital letter, as in "John F. Kennedy" or "Abu Bakr al-B."."""
    return len(word) == 1 and word.isupper()
