"""Statements: direct quotations and reported speech, each with its cue, content and speaker.

Per sentence, cue words ("said", "told", "according to"...) are found; each attributes either
the clause after it ("Watts said (that) IS is ...") or the clause before it ("..., Watts said."),
and its speaker is the noun phrase next to it. A quotation takes the speaker of a cue right after
its closing mark ("...," he said) or right before its opening mark (He said: "..."); a quotation
with no cue of its own carries on the speaker of the quotation before it in the same or the last
paragraph. Mentions are then linked in text order, so "he" and "Watts" find the person meant.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.attribution.lexicon import AttributionLexicon
from sitrep.attribution.marks import MARKS, Quotation, quotations
from sitrep.attribution.speakers import Mention, PhraseReader, Resolver, is_capitalised
from sitrep.model import Quote, Span, Speaker
from sitrep.patterns import lowered
from sitrep.tokens import Token, tokens_between

_ADJACENT = 16  # tokens between a quotation mark and its cue, at most
_MIN_QUOTE_WORDS = 4  # fewer words with no cue: a term in quotation marks, not a quotation
_CONTENT_TRIM = ' \t\n,;:-–—"“”«»'
_POST_CUE_WORDS = 8  # "..., Watts said on Monday in a statement." still ends the sentence
# A speaker label: capitalised words (or one all-capital word) and a colon opening a paragraph.
_LABEL = re.compile(r"(?P<label>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]*){0,4}):[ \t]+(?=\S)")
# A dateline opening a story: "BEIRUT (Agency) --", "KIRKUK, Iraq (Desk) —", "BAGHDAD, March 8 -".
_DATELINE = re.compile(
    r"[A-Z][A-Z .'-]{2,}(?:,[^()\n]{1,30})?\s*(?:\([^)\n]{1,40}\))?\s*(?:--|[-–—])\s+"
)
_CREDIT_REACH = 120  # characters from "an estimate" to "given ... by", at most
_THAT_WINDOW = 12  # tokens after a cue in which "that" may open the statement
_FINITE = frozenset(
    {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
     "could", "should", "may", "might", "must", "do", "does", "did"}
)  # fmt: skip
_PASSIVE_BEFORE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Tokens are in text order and never overlap, so both their starts and their ends ascend and
# a token is found by bisection rather than by a scan of its sentence.
_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


@dataclass(slots=True)
class Candidate:
    """A statement found, before its speaker is linked."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    mention: Mention | None
    paragraph: int


class Sentence:
    """A sentence span, its paragraph's index, and its tokens, made only when a rule needs them
    (most sentences have no cue and are never tokenised)."""

    __slots__ = ("_text", "_tokens", "paragraph", "span")

    def __init__(self, text: str, span: Span, paragraph: int) -> None:
        self._text = text
        self._tokens: list[Token] | None = None
        self.span = span
        self.paragraph = paragraph

    @property
    def text(self) -> str:
        """The whole article's text, which the span indexes."""
        return self._text

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokens_between(self._text, self.span.start_char, self.span.end_char)
        return self._tokens


class StatementReader:
    """Finds the statements of one article; build once, call for many texts."""

    def __init__(self, lexicon: AttributionLexicon) -> None:
        self.lexicon = lexicon
        self.phrases = PhraseReader(lexicon)

    def read(self, text: str, sentences: Sequence[Span], paragraphs: Sequence[Span]) -> list[Quote]:
        marks = quotations(text, paragraphs)
        cut = _Sentences(text, sentences, paragraphs)
        direct, used_cues = self._direct(text, marks, cut)
        indirect = self._reported(text, cut, marks, used_cues)
        labelled = self._labelled(text, paragraphs, cut)
        candidates = sorted([*direct, *indirect, *labelled], key=lambda c: c.content[0])
        quotes = _without_fragments(_link(text, candidates, self.lexicon))
        return sorted([*quotes, *self._continued(text, cut, quotes)], key=_position)

    def _continued(self, text: str, cut: _Sentences, quotes: list[Quote]) -> list[Quote]:
        """A sentence that carries on the statement before it ("In the past three months, they
        lost another eight percent" after "..., according to IHS"): same paragraph, no statement
        of its own, and a connective that says so (`continuations`)."""
        found = []
        sentences = cut.all()
        for before, sentence in itertools.pairwise(sentences):
            if sentence.paragraph != before.paragraph:
                continue
            span = sentence.span
            previous = _statement_in(quotes, before.span)
            if previous is None or previous.kind != "indirect" or _statement_in(quotes, span):
                continue
            marker = self.lexicon.continuations.search(text, span.start_char, span.end_char)
            if marker is not None and self._pronoun_subject(sentence, marker.start()):
                found.append(_carried(text, _whole(text, sentence), previous, kind="indirect"))
        return found

    def _pronoun_subject(self, sentence: Sentence, before: int) -> bool:
        """ "In the past three months, they lost another ...": the same subject carries on."""
        subjects = self.lexicon.group_pronouns | self.lexicon.person_pronouns | {"it"}
        return any(t.lower in subjects for t in sentence.tokens if t.end <= before)

    # -- speaker labels -----------------------------------------------------------------------

    def _labelled(self, text: str, paragraphs: Sequence[Span], cut: _Sentences) -> list[Candidate]:
        """A transcript turn or a headline-style quote: "WARREN: We see them ...", "Joe Smith:
        the plan will fail". The label opens its paragraph and is a name of at most five words."""
        found = []
        for index, paragraph in enumerate(paragraphs):
            label = _LABEL.match(text, paragraph.start_char, paragraph.end_char)
            if label is None or label["label"].lower() in self.lexicon.not_labels:
                continue
            words = tokens_between(text, label.start("label"), label.end("label"))
            content = _trim(text, label.end(), paragraph.end_char)
            colon = (label.end("label"), label.end("label") + 1)
            mention = Mention(words[0].start, words[-1].end, tuple(words))
            found.append(Candidate("direct", content, colon, mention, index))
        return found

    # -- direct quotations --------------------------------------------------------------------

    def _direct(
        self, text: str, marks: list[Quotation], cut: _Sentences
    ) -> tuple[list[Candidate], set[int]]:
        found, used = [], set()
        for quotation in marks:
            paragraph = cut.paragraph_of(quotation.opened_at)
            attributed = self._after_close(text, quotation, cut) or self._before_open(
                text, quotation, cut
            )
            cue, mention = attributed if attributed else (None, None)
            if cue is not None:
                used.add(cue[0])
            elif _words(text, quotation) < _MIN_QUOTE_WORDS:
                continue
            found.append(
                Candidate("direct", (quotation.start, quotation.end), cue, mention, paragraph)
            )
        return found, used

    def _after_close(
        self, text: str, quotation: Quotation, cut: _Sentences
    ) -> tuple[tuple[int, int], Mention] | None:
        if quotation.closed_at is None:
            return None
        sentence = cut.containing(quotation.closed_at)
        first = bisect.bisect_right(sentence.tokens, quotation.closed_at, key=_START)
        tokens = sentence.tokens[first : first + _ADJACENT]
        tokens = _until_mark(tokens)
        if tokens and tokens[0].text == ",":
            tokens = tokens[1:]
        for index, token in enumerate(tokens):
            cue = self._cue_at(cut.lowered, token)
            if cue is None:
                continue
            if index == 0:  # ', said Col. Steve Warren, a coalition spokesman.'
                mention = self.phrases.after(tokens, _index_at(tokens, cue[1]), to_end=True)
            else:
                mention = self.phrases.before(tokens, index, loose=self._speech(cut.lowered, cue))
                if mention is not None and mention.start != _first_word_start(tokens, mention):
                    mention = None  # words between the quote and the speaker: not this quote's
            return (cue, mention) if mention is not None else None
        return None

    def _before_open(
        self, text: str, quotation: Quotation, cut: _Sentences
    ) -> tuple[tuple[int, int], Mention] | None:
        sentence = cut.containing(quotation.opened_at)
        before = bisect.bisect_right(sentence.tokens, quotation.opened_at, key=_END)
        tokens = sentence.tokens[:before]
        tokens = _after_last_mark(tokens)[-_ADJACENT:]
        while tokens and tokens[-1].text in (":", ",", "that"):
            tokens = tokens[:-1]
        for index in range(len(tokens) - 1, max(-1, len(tokens) - 4), -1):
            cue = self._cue_at(cut.lowered, tokens[index])
            if cue is None or not self._cue_ends(cut.lowered, tokens, index, cue):
                continue
            mention = self.phrases.before(tokens, index, loose=self._speech(cut.lowered, cue))
            return (cue, mention) if mention is not None else None
        return None

    def _speech(self, lowered: str, cue: tuple[int, int]) -> bool:
        return lowered[cue[0] : cue[1]] in self.lexicon.speech_verbs

    def _cue_ends(
        self, lowered: str, tokens: Sequence[Token], index: int, cue: tuple[int, int]
    ) -> bool:
        """The cue is the last word before the quotation, or a hearer follows it: 'He said: "',
        'Doe told reporters: "'."""
        if cue[1] >= tokens[-1].start:
            return True
        if lowered[cue[0] : cue[1]] not in self.lexicon.hearer_verbs:
            return False
        hearer = self.phrases.after(tokens, _index_at(tokens, cue[1]))
        return hearer is not None and hearer.end >= tokens[-1].end - 1

    def _cue_at(self, lowered: str, token: Token) -> tuple[int, int] | None:
        match = self.lexicon.cues.match(lowered, token.start)
        return (match.start(), match.end()) if match else None

    # -- reported speech ----------------------------------------------------------------------

    def _reported(
        self, text: str, cut: _Sentences, marks: list[Quotation], used: set[int]
    ) -> list[Candidate]:
        """Every cue outside a quotation, read in its sentence; one scan of the lowered text."""
        found = self._credited(text, cut)
        for match in self.lexicon.cues.finditer(cut.lowered):
            start = match.start()
            if start in used or _inside_quotation(start, marks):
                continue
            sentence = cut.containing(start)
            if text[start].isupper() and start > sentence.span.start_char:
                continue  # "The United States estimates": a name, not the verb "states"
            candidate = self._statement(text, sentence, (start, match.end()))
            if candidate is not None and not _all_quoted(candidate.content, marks):
                found.append(candidate)
        return found

    def _statement(self, text: str, sentence: Sentence, cue: tuple[int, int]) -> Candidate | None:
        tokens = sentence.tokens
        index = _index_at(tokens, cue[0])
        end_index = _index_at(tokens, cue[1])
        phrase = " ".join(text[cue[0] : cue[1]].lower().split())
        if phrase in self.lexicon.according:
            return self._according(sentence, cue, end_index)
        if self._not_a_statement(text, tokens, index, cue):
            return None
        mention = self.phrases.before(tokens, index, loose=phrase in self.lexicon.speech_verbs)
        if mention is None:
            where = (index, end_index)
            return (
                self._participle(text, sentence, cue, where)
                or self._inverted(sentence, cue, index, end_index)
                or self._coordinated(text, sentence, cue, where)
            )
        if self._ends_sentence(tokens, end_index) and mention.start > sentence.span.start_char:
            content = (sentence.span.start_char, _phrase_start_before(tokens, mention))
        else:
            content = (self._content_start(tokens, end_index, phrase), sentence.span.end_char)
        return self._candidate(text, sentence, content, cue, mention)

    def _not_a_statement(
        self, text: str, tokens: Sequence[Token], index: int, cue: tuple[int, int]
    ) -> bool:
        """ "are estimated to": nobody named; "claimed responsibility for": an act."""
        passive = index > 0 and tokens[index - 1].lower in _PASSIVE_BEFORE
        return (
            passive
            or self._participle_by(text, tokens, cue)
            or self.lexicon.not_statements.match(text, cue[1]) is not None
        )

    def _participle_by(self, text: str, tokens: Sequence[Token], cue: tuple[int, int]) -> bool:
        """ "forces backed by airstrikes": a participle, not a statement ("said by phone" is)."""
        word = text[cue[0] : cue[1]].lower()
        following = _index_at(tokens, cue[1])
        return (
            word.endswith("ed")
            and word not in self.lexicon.speech_verbs
            and following < len(tokens)
            and tokens[following].lower == "by"
        )

    def _participle(
        self, text: str, sentence: Sentence, cue: tuple[int, int], where: tuple[int, int]
    ) -> Candidate | None:
        """ "X issued a statement on Monday, saying ...": the speaker opens the sentence."""
        tokens = sentence.tokens
        index, after = where
        if not text[cue[0] : cue[1]].lower().endswith("ing") or index == 0:
            return None
        if tokens[index - 1].text != ",":
            return None
        mention = self._opening_subject(tokens, index)
        if mention is None:
            return None
        content = (self._content_start(tokens, after, ""), sentence.span.end_char)
        return self._candidate(text, sentence, content, cue, mention)

    def _opening_subject(self, tokens: Sequence[Token], before: int) -> Mention | None:
        """The phrase opening the sentence, past an opening word set off by a comma ("However,
        the ministry ..."), when it ends before token `before`."""
        start = 2 if len(tokens) > 2 and tokens[1].text == "," else 0
        mention = self.phrases.after(tokens, start)
        if (
            mention is None
            or mention.start != tokens[start].start
            or mention.end > tokens[before].start
        ):
            return None
        return mention

    def _coordinated(
        self, text: str, sentence: Sentence, cue: tuple[int, int], where: tuple[int, int]
    ) -> Candidate | None:
        """ "Trump doubled down on his remarks and said the judge ...": the subject that opens
        the sentence speaks."""
        tokens = sentence.tokens
        index, after = where
        joined = self.phrases.skip_between(tokens, index)
        if joined == 0 or tokens[joined - 1].lower not in ("and", "but"):
            return None
        mention = self._opening_subject(tokens, joined - 1)
        if mention is None:
            return None
        if not any(is_capitalised(t) or t.lower in self.lexicon.pronouns for t in mention.words):
            return None
        content = (self._content_start(tokens, after, ""), sentence.span.end_char)
        return self._candidate(text, sentence, content, cue, mention)

    def _credited(self, text: str, cut: _Sentences) -> list[Candidate]:
        """ "an estimate of a 20 percent loss given this week by John Kerry"."""
        found = []
        for match in self.lexicon.credited.finditer(cut.lowered):
            sentence = cut.containing(match.start())
            noun = self._last_noun(cut.lowered, sentence.span.start_char, match.start())
            if noun is None:
                continue
            after = _index_at(sentence.tokens, match.end())
            mention = self.phrases.after(sentence.tokens, after, to_end=True)
            if mention is None:
                continue
            content = _trim(text, noun, match.start())
            found.append(Candidate("indirect", content, match.span(), mention, sentence.paragraph))
        return found

    def _last_noun(self, lowered: str, start: int, end: int) -> int | None:
        """The statement noun nearest before the credit, within `_CREDIT_REACH` characters."""
        nouns = list(
            self.lexicon.credited_noun.finditer(lowered, max(start, end - _CREDIT_REACH), end)
        )
        return nouns[-1].start() if nouns else None

    def _according(self, sentence: Sentence, cue: tuple[int, int], after: int) -> Candidate | None:
        """ "According to X, ..." opens its clause; "..., according to X." closes the sentence;
        "Fundraising, according to the campaign, has surged" sits inside it, and then the
        statement is the whole sentence."""
        tokens = sentence.tokens
        index = _index_at(tokens, cue[0])
        if (
            index == 0
            or tokens[index - 1].text in (";", ":")
            or tokens[index - 1].lower
            in (
                "and",
                "but",
            )
        ):
            return self._according_opening(sentence, cue, after)
        mention = self.phrases.after(tokens, after, to_end=True, loose=True)
        if mention is None:
            return None
        content = (sentence.span.start_char, cue[0])
        if mention.apposition and not self.phrases.apposition_like(mention.apposition):
            mention = Mention(mention.start, mention.end, mention.words)
            content = (sentence.span.start_char, sentence.span.end_char)
        return Candidate(
            "indirect", _trim(sentence.text, *content), cue, mention, sentence.paragraph
        )

    def _according_opening(
        self, sentence: Sentence, cue: tuple[int, int], after: int
    ) -> Candidate | None:
        tokens = sentence.tokens
        mention = self.phrases.after(tokens, after, loose=True)
        if mention is None:
            return None
        comma = next((t for t in tokens if t.start >= mention.end and t.text == ","), None)
        start = comma.end if comma else mention.end
        content = _trim(sentence.text, start, sentence.span.end_char)
        return Candidate("indirect", content, cue, mention, sentence.paragraph)

    def _inverted(
        self, sentence: Sentence, cue: tuple[int, int], index: int, after: int
    ) -> Candidate | None:
        """ "..., said Col. Steve Warren, a coalition spokesman." """
        tokens = sentence.tokens
        if index == 0 or tokens[index - 1].text not in (",", "-", "–", "—"):
            return None
        mention = self.phrases.after(tokens, after, to_end=True)
        if mention is None or not any(is_capitalised(t) for t in mention.words):
            return None
        content = (sentence.span.start_char, tokens[index - 1].start)
        return Candidate(
            "indirect", _trim(sentence.text, *content), cue, mention, sentence.paragraph
        )

    def _ends_sentence(self, tokens: Sequence[Token], after: int) -> bool:
        """Nothing but a few words after the cue ("..., Watts said on Monday."), or a few words
        and a comma ("..., the monitor said on Wednesday, making it the deadliest ...")."""
        rest = [t for t in tokens[after:] if t.text not in '.!?"”']
        if len(rest) <= _POST_CUE_WORDS:
            return self._adverbial(rest) and not any(
                t.lower == "that" or self._clause_word(t) for t in rest
            )
        comma = next((i for i, t in enumerate(rest) if t.text == ","), len(rest))
        return comma <= _POST_CUE_WORDS and (
            comma == 0 or rest[0].lower in self.lexicon.adverbial_openers
        )

    def _adverbial(self, rest: Sequence[Token]) -> bool:
        """What follows the cue says when, where or how ("on Monday", "of the group", "flatly"),
        not what: "the governor said the state paid" goes on with its statement."""
        if not rest:
            return True
        first = rest[0].lower
        return first in self.lexicon.adverbial_openers or first.endswith("ly") or first == "of"

    def _clause_word(self, token: Token) -> bool:
        """A word that starts the statement itself before any "that": "said IS is ... that"."""
        lower = token.lower
        return (
            token.text in ',"“'
            or lower in _FINITE
            or lower in self.lexicon.verbs
            or lower.endswith(("'s", "’s"))
        )

    def _content_start(self, tokens: Sequence[Token], after: int, cue: str) -> int:
        """After the cue, the hearer ("told reporters") and "that"."""
        rest = list(tokens[after:])
        opener = next(
            (i for i, t in enumerate(rest[:_THAT_WINDOW]) if t.lower == "that" or t.text == ":"),
            None,
        )
        if opener is not None and not any(self._clause_word(t) for t in rest[:opener]):
            rest = rest[opener + 1 :]  # "said this week at a conference in Iraq that ..."
        elif cue in self.lexicon.hearer_verbs and rest:
            hearer = self.phrases.after(rest, 0)
            skip = len(hearer.words) if hearer is not None else 0
            rest = rest[skip:]
        while rest and rest[0].text in ":,":
            rest = rest[1:]
        return rest[0].start if rest else (tokens[-1].end if tokens else 0)

    @staticmethod
    def _candidate(
        text: str,
        sentence: Sentence,
        content: tuple[int, int],
        cue: tuple[int, int],
        mention: Mention,
    ) -> Candidate | None:
        start, end = _trim(text, *content)
        if end - start < 2:
            return None
        return Candidate("indirect", (start, end), cue, mention, sentence.paragraph)


# -- sentences --------------------------------------------------------------------------------


class _Sentences:
    """The article's sentences with their tokens, made on first use, and their paragraphs."""

    def __init__(self, text: str, sentences: Sequence[Span], paragraphs: Sequence[Span]) -> None:
        self._text = text
        self.lowered = lowered(text)
        self._spans = list(sentences) or [Span(0, len(text))]
        self._starts = [span.start_char for span in self._spans]
        self._paragraph_starts = [p.start_char for p in paragraphs] or [0]
        self._made: dict[int, Sentence] = {}

    def all(self) -> list[Sentence]:
        return [self._sentence(i) for i in range(len(self._spans))]

    def containing(self, offset: int) -> Sentence:
        return self._sentence(max(0, bisect.bisect_right(self._starts, offset) - 1))

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, offset) - 1)

    def _sentence(self, index: int) -> Sentence:
        if index not in self._made:
            span = self._spans[index]
            self._made[index] = Sentence(self._text, span, self.paragraph_of(span.start_char))
        return self._made[index]


# -- linking ----------------------------------------------------------------------------------


def _link(text: str, candidates: list[Candidate], lexicon: AttributionLexicon) -> list[Quote]:
    """Speakers resolved in text order; an unattributed quotation carries on the one before."""
    resolver = Resolver(lexicon)
    quotes: list[Quote] = []
    last_direct: tuple[int, Quote] | None = None
    for candidate in sorted(candidates, key=_speaker_order):
        speaker = resolver.resolve(candidate.mention) if candidate.mention else None
        mention = candidate.mention
        if candidate.cue is None and last_direct and candidate.paragraph - last_direct[0] <= 1:
            quote = _carried(text, candidate, last_direct[1])
        else:
            quote = _quote(text, candidate, speaker, mention)
        if candidate.cue is None and quote.speaker is None and quote.speaker_start is None:
            continue  # a quotation nobody can be found for
        quotes.append(quote)
        if quote.kind == "direct":
            last_direct = (candidate.paragraph, quote)
    return sorted(quotes, key=_position)


def _speaker_order(candidate: Candidate) -> int:
    """Mentions are linked in the order the reader meets them."""
    return candidate.mention.start if candidate.mention else candidate.content[0]


def _quote(
    text: str, candidate: Candidate, speaker: Speaker | None, mention: Mention | None
) -> Quote:
    start, end = candidate.content
    cue = candidate.cue
    return Quote(
        start_char=start,
        end_char=end,
        text=text[start:end],
        kind=candidate.kind,  # type: ignore[arg-type]
        cue=" ".join(text[cue[0] : cue[1]].split()) if cue else None,
        cue_start=cue[0] if cue else None,
        cue_end=cue[1] if cue else None,
        speaker=speaker,
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
        source=speaker.name if speaker else None,
    )


def _carried(text: str, candidate: Candidate, before: Quote, kind: str = "direct") -> Quote:
    start, end = candidate.content
    return Quote(
        start_char=start,
        end_char=end,
        text=text[start:end],
        kind=kind,  # type: ignore[arg-type]
        speaker=before.speaker,
        speaker_start=before.speaker_start,
        speaker_end=before.speaker_end,
        source=before.source,
    )


# -- helpers ----------------------------------------------------------------------------------


def _position(quote: Quote) -> tuple[int, int]:
    return quote.start_char, quote.end_char


def _without_fragments(quotes: list[Quote]) -> list[Quote]:
    """A quoted phrase with no cue of its own inside a reported statement ("Sanders said this
    cannot be ''an American fight''") is part of that statement, not a second one."""
    reported = [q for q in quotes if q.kind == "indirect"]
    return [
        q
        for q in quotes
        if q.cue is not None
        or not any(r.start_char <= q.start_char and q.end_char <= r.end_char + 1 for r in reported)
    ]


def _statement_in(quotes: Sequence[Quote], span: Span) -> Quote | None:
    return next(
        (q for q in quotes if q.start_char < span.end_char and q.end_char > span.start_char), None
    )


def _whole(text: str, sentence: Sentence) -> Candidate:
    start, end = _trim(text, sentence.span.start_char, sentence.span.end_char)
    return Candidate("indirect", (start, end), None, None, sentence.paragraph)


def _words(text: str, quotation: Quotation) -> int:
    return len(text[quotation.start : quotation.end].split())


def _until_mark(tokens: list[Token]) -> list[Token]:
    cut = next((i for i, t in enumerate(tokens) if t.text in MARKS), len(tokens))
    return tokens[:cut]


def _after_last_mark(tokens: list[Token]) -> list[Token]:
    last = max((i for i, t in enumerate(tokens) if t.text in MARKS), default=-1)
    return tokens[last + 1 :]


def _first_word_start(tokens: Sequence[Token], mention: Mention) -> int:
    return tokens[0].start if tokens else mention.start


def _index_at(tokens: Sequence[Token], offset: int) -> int:
    """The first token starting at or after `offset`."""
    return bisect.bisect_left(tokens, offset, key=_START)


def _phrase_start_before(tokens: Sequence[Token], mention: Mention) -> int:
    """Content ends where the comma or dash before the speaker's phrase is."""
    index = _index_at(tokens, mention.start)
    return tokens[index - 1].start if index > 0 else mention.start


def _inside_quotation(offset: int, marks: list[Quotation]) -> bool:
    return any(q.start <= offset < q.end for q in marks)


def _all_quoted(content: tuple[int, int], marks: list[Quotation]) -> bool:
    start, end = content
    return any(q.start - 1 <= start and end <= q.end + 1 for q in marks)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    dateline = _DATELINE.match(text, start, end)
    if dateline is not None:
        start = dateline.end()  # "KIRKUK, Iraq (Northern Desk) — ": the place of filing
    while start < end and text[start] in _CONTENT_TRIM:
        start += 1
    while end > start and (text[end - 1] in _CONTENT_TRIM or text[end - 1] in ".!?"):
        end -= 1
    return start, end
