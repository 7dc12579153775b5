"""Speakers: the noun phrase that names who speaks, read into name, role and organisation, and
every later mention ("Watts", "he", "Col Warren") linked to the person or body meant.

There is no parser: a speaker's phrase is the longest run of words that can belong to a noun phrase
(capitalised words, role nouns such as "official" or "spokesman", determiners and a few modifiers,
"of"/"for" inside names) next to the cue, bounded by punctuation and by words that never belong to
one ("that", "which", "was"...). An apposition set off by commas ("Clint Watts, a fellow at the
Foreign Policy Research Institute,") gives the role and the organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.attribution.lexicon import AttributionLexicon
from sitrep.model import Speaker
from sitrep.tokens import Token

_MAX_PHRASE = 12  # tokens; a speaker's phrase longer than this is a clause, not a name
_MAX_LOOSE = 6  # tokens of a plain phrase before a speech verb: "a number of attendees"
_MAX_APPOSITION = 20  # "President Barack Obama's envoy to the U.S.-led coalition fighting IS"
# Lower-case words outside the lexicon allowed before a determiner ("the terror group").
_MAX_UNKNOWN = 2
# Abbreviations that keep their full stop at the end of a phrase.
_KEEP_STOP = frozenset({"jr.", "sr.", "inc.", "co.", "ltd.", "corp.", "st.", "bros.", "plc."})
# Lower-case parts of names: "Staffan de Mistura", "Abu Bakr al Baghdadi", "Ursula von der Leyen".
_PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "der",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "al",
        "el",
        "bin",
        "ibn",
        "abu",
        "ben",
    }
)
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "this", "that"})
_INNER = frozenset({"of", "for", "and", "&", "at", "in", "on", "with", "to"})
# Ranks written without their full stop ("Col Steve Warren"), which open a name as titles do.
_BARE_RANKS = frozenset({"col", "gen", "lt", "maj", "capt"})
_ORG_WORDS = frozenset(
    {
        "institute", "observatory", "forces", "force", "ministry", "army", "group", "council",
        "agency", "party", "committee", "department", "coalition", "brigade", "front", "office",
        "organization", "organisation", "union", "association", "news", "times", "post", "press",
        "reuters", "command", "government", "state", "states", "police", "court", "university",
        "center", "centre", "foundation", "network", "company", "corporation", "bank", "fund",
        "commission", "authority", "service", "services", "guard", "corps", "navy", "militia",
        "movement", "alliance", "administration", "house", "pentagon", "kremlin", "campaign",
        "daily", "journal", "tribune", "channel", "tv", "radio", "ihs", "un", "nato",
    }
)  # fmt: skip
# "a fellow at the Institute", "commander of a faction", "envoy to the coalition"
_ORG_LINKS = ("at", "of", "for", "with", "to")
_BASED = ("-based", "-led", "-backed", "-run", "-allied", "-linked")


@dataclass(slots=True, frozen=True)
class Mention:
    """A speaker's phrase in the text, with its apposition when there is one."""

    start: int
    end: int
    words: tuple[Token, ...]
    apposition: tuple[Token, ...] = ()
    antecedent: Mention | None = None  # what a relative "who" stands for

    @property
    def text(self) -> str:
        return " ".join(token.text for token in self.words)


class PhraseReader:
    """Finds a speaker's phrase next to a cue in one sentence's tokens."""

    def __init__(self, lexicon: AttributionLexicon) -> None:
        self.lexicon = lexicon

    def before(self, tokens: Sequence[Token], end: int, *, loose: bool = False) -> Mention | None:
        """The phrase ending right before `tokens[end]`, skipping words such as "also" or "has".

        `loose` (after a verb that only reports speech) also takes a plain noun phrase that opens
        its clause: "..., donors said", "Twenty-four percent said"."""
        end = self.skip_between(tokens, end)
        if end > 0 and tokens[end - 1].lower == "who":
            return self._relative(tokens, end - 1)
        if end > 0 and tokens[end - 1].text == ",":
            return self._with_apposition(tokens, end - 1)
        stop = _before_parenthesis(tokens, end)
        start = self._phrase_start(tokens, stop)
        if start is None and loose:
            start, stop = self._loose_start(tokens, end), end
        return None if start is None else _mention(tokens[start:stop])

    def _relative(self, tokens: Sequence[Token], who: int) -> Mention:
        """ "voters who said ...": the mention is "who", standing for the phrase before it."""
        end = who - 1 if who > 0 and tokens[who - 1].text == "," else who
        start = self._phrase_start(tokens, _before_parenthesis(tokens, end))
        antecedent = None if start is None else _mention(tokens[start:end])
        word = tokens[who]
        return Mention(word.start, word.end, (word,), antecedent=antecedent)

    def _loose_start(self, tokens: Sequence[Token], end: int) -> int | None:
        if end == 0 or not self._loose_head(tokens, end - 1):
            return None
        start = end - 1
        while start > 0 and end - start < _MAX_LOOSE and self._loose_word(tokens[start - 1]):
            start -= 1
        while start < end - 1 and tokens[start].lower in _INNER:
            start += 1
        if start > 0 and not self._opens_clause(tokens[start - 1]):
            return None  # "the report that the ground said": inside another phrase
        return start

    def _loose_head(self, tokens: Sequence[Token], index: int) -> bool:
        token = tokens[index]
        if token.lower in self.lexicon.group_counts:
            return True
        if token.text.isdigit():  # "six in 10 said"
            return index > 0 and tokens[index - 1].lower in ("in", "of")
        return self._plain_noun(token) and not token.lower.endswith(("ly", "ing"))

    def _loose_word(self, token: Token) -> bool:
        return (
            self._word(token)
            or token.lower in self.lexicon.group_counts
            or self._plain_noun(token)
            or token.lower in ("than", "out")  # "more than half", "two out of three"
        )

    def _plain_noun(self, token: Token) -> bool:
        """A lower-case word that may be a noun: not a function word, not a past tense
        ("visited"), not a word that opens a clause."""
        lower = token.lower
        return (
            self._unknown_modifier(token)
            and lower not in _INNER
            and lower not in _DETERMINERS
            and lower not in self.lexicon.clause_openers
            and not (lower.endswith("ed") and lower not in self.lexicon.modifiers)
        )

    def _opens_clause(self, token: Token) -> bool:
        return token.text in ",;:(—–-\"“”'‘’" or token.lower in self.lexicon.clause_openers

    def after(
        self, tokens: Sequence[Token], start: int, *, to_end: bool = False, loose: bool = False
    ) -> Mention | None:
        """The phrase starting at `tokens[start]` ("said Col. Steve Warren, a spokesman").

        With `to_end`, everything after a comma up to the end of the sentence is its apposition:
        "..., according to IHS, an analysis group that monitors the conflict."
        """
        end = start
        while (
            end < len(tokens)
            and end - start < _MAX_PHRASE
            and (self._word_after(tokens, end) or (loose and self._loose_after(tokens[end])))
        ):
            end += 1
        while end > start and tokens[end - 1].lower in _INNER | _DETERMINERS:
            end -= 1
        if end == start:
            return None
        apposition: tuple[Token, ...] = ()
        if to_end and end < len(tokens) and tokens[end].text == ",":
            apposition = tuple(t for t in tokens[end + 1 :] if t.text not in '.!?"”')
        return _mention(tokens[start:end], apposition)

    def _word_after(self, tokens: Sequence[Token], index: int) -> bool:
        """A word of a phrase read rightwards: "an SDF field commander", "Staffan de Mistura"."""
        token = tokens[index]
        if self._word(token):
            return True
        following = tokens[index + 1 : index + 3]
        if token.lower in _PARTICLES:
            return bool(following) and is_capitalised(following[0])
        previous = tokens[index - 1] if index > 0 else None
        after_name = previous is not None and (
            is_capitalised(previous) or previous.lower in _DETERMINERS
        )
        return (
            after_name
            and self._unknown_modifier(token)
            and not token.lower.endswith("ed")
            and any(t.lower in self.lexicon.role_nouns for t in following)
        )

    def _loose_after(self, token: Token) -> bool:
        """ "according to the traders' union": any plain word names a source there."""
        return self._plain_noun(token) or (token.text.endswith("'") and token.text[:-1].isalpha())

    def skip_between(self, tokens: Sequence[Token], end: int) -> int:
        while end > 0 and (
            tokens[end - 1].lower in self.lexicon.between or tokens[end - 1].lower.endswith("ly")
        ):
            end -= 1
        return end

    def _with_apposition(self, tokens: Sequence[Token], comma: int) -> Mention | None:
        """ "Clint Watts, a fellow at the Institute, said": the name before the first comma."""
        opening = next((i for i in range(comma - 1, -1, -1) if tokens[i].text == ","), None)
        if opening is None or comma - opening < 2 or comma - opening > _MAX_APPOSITION:
            return None
        apposition = tuple(tokens[opening + 1 : comma])
        if not self.apposition_like(apposition):
            return None
        stop = _before_parenthesis(tokens, self._before_age(tokens, opening))
        start = self._phrase_start(tokens, stop)
        if start is None or not any(is_capitalised(t) for t in tokens[start:stop]):
            return None
        return _mention(tokens[start:stop], apposition)

    @staticmethod
    def _before_age(tokens: Sequence[Token], opening: int) -> int:
        """ "Yin Myint May, 60, a doctor, said": the age between the name and its apposition."""
        if opening >= 2 and tokens[opening - 1].text.isdigit() and tokens[opening - 2].text == ",":
            return opening - 2
        return opening

    def apposition_like(self, words: Sequence[Token]) -> bool:
        """ "a fellow at ...", "commander of ...", "President Barack Obama's envoy to ...", and a
        relative clause: "McCain, who has tangled with Cruz, said"."""
        first = words[0].lower
        if first in _DETERMINERS or first in self.lexicon.titles or first.isdigit():
            return True
        if first in ("who", "whose"):
            return True
        return any(w.lower in self.lexicon.role_nouns for w in words[:5])

    def _phrase_start(self, tokens: Sequence[Token], end: int) -> int | None:
        if end == 0:
            return None
        last = tokens[end - 1]
        if last.lower in self.lexicon.pronouns:
            return end - 1
        if not self._head(last):
            return None
        start = end - 1
        unknown = 0
        while start > 0 and end - start < _MAX_PHRASE:
            token = tokens[start - 1]
            if (
                self._word(token)
                or self._list_comma(tokens, start - 1, end)
                or (token.lower in _PARTICLES and is_capitalised(tokens[start]))
            ):
                start -= 1
            elif (
                unknown < _MAX_UNKNOWN
                and self._unknown_modifier(token)
                and _determiner_near(tokens, start)
            ):
                start -= 1
                unknown += 1
            else:
                break
        while start < end and tokens[start].lower in _INNER:
            start += 1
        return start if start < end else None

    def _unknown_modifier(self, token: Token) -> bool:
        """A lower-case word outside the lexicon that may modify a head: not a verb or stop."""
        lower = token.lower
        return (
            _plain_word(token)
            and lower not in self.lexicon.verbs
            and lower not in self.lexicon.stops
        )

    def _head(self, token: Token) -> bool:
        lower = token.lower.rstrip(".")  # "officials." closing a sentence
        if token.lower in self.lexicon.stops:
            return False  # "If confirmed, ...": a capitalised first word, not a name
        return (
            is_capitalised(token)
            or lower in self.lexicon.role_nouns
            or lower in self.lexicon.document_nouns
        )

    def _word(self, token: Token) -> bool:
        lower = token.lower
        if lower in self.lexicon.stops or lower in self.lexicon.verbs:
            return lower in _INNER
        return (
            is_capitalised(token)
            or lower.rstrip(".") in self.lexicon.role_nouns
            or lower in self.lexicon.modifiers
            or lower in self.lexicon.titles
            or lower in self.lexicon.document_nouns
            or lower.endswith(("'s", "’s"))
            or token.text[:1].isdigit()
        )

    @staticmethod
    def _list_comma(tokens: Sequence[Token], index: int, end: int) -> bool:
        """ "Iraqi, Syrian and U.S. officials": a comma inside a list of names joined by "and"."""
        return (
            tokens[index].text == ","
            and index > 0
            and is_capitalised(tokens[index - 1])
            and any(t.lower == "and" for t in tokens[index + 1 : end])
        )


def is_capitalised(token: Token) -> bool:
    """A capitalised word or a name with a particle: "al-Bayoush", "bin-Laden"."""
    return any(part[:1].isupper() for part in token.text.split("-"))


def _plain_word(token: Token) -> bool:
    return token.text.isalpha() and token.text.islower()


def _before_parenthesis(tokens: Sequence[Token], end: int) -> int:
    """ "Rep. Elijah Cummings (D-Md.)": the phrase ends before a closing parenthetical."""
    if end == 0 or tokens[end - 1].text != ")":
        return end
    opening = next((i for i in range(end - 2, max(-1, end - 8), -1) if tokens[i].text == "("), None)
    return opening if opening is not None else end


def _determiner_near(tokens: Sequence[Token], start: int) -> bool:
    window = tokens[max(0, start - 1 - _MAX_UNKNOWN) : start - 1]
    return any(t.lower in _DETERMINERS for t in window)


def _mention(words: Sequence[Token], apposition: Sequence[Token] = ()) -> Mention:
    words = [*words[:-1], _without_full_stop(words[-1])]
    if apposition:
        apposition = [*apposition[:-1], _without_full_stop(apposition[-1])]
    return Mention(words[0].start, words[-1].end, tuple(words), tuple(apposition))


def _without_full_stop(word: Token) -> Token:
    """ "Kerry." or "IHS." at the end of a sentence is Kerry or IHS; "U.S.", "Jr." and an
    initial keep their stop."""
    text = word.text
    if not text.endswith(".") or "." in text[:-1] or len(text) == 2:
        return word
    if text.lower() in _KEEP_STOP:
        return word
    return Token(text[:-1], word.start, word.end - 1)


# -- reading a phrase -------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Reading:
    """What a phrase says about its speaker: the record, whether a person, and a surname."""

    speaker: Speaker
    person: bool
    surname: str | None = None
    plural: bool = False


def read_phrase(mention: Mention, lexicon: AttributionLexicon) -> Reading:
    """Name, role and organisation from the phrase and its apposition."""
    words = _name_words(list(mention.words))
    name_at = _personal_name_start(words, lexicon)
    role, org = _apposition_parts(mention.apposition, lexicon)
    if name_at is not None:
        return _person(words, name_at, (role, org), lexicon)
    head = words[-1].lower
    plural = head.endswith("s") and not head.endswith("ss") and not is_capitalised(words[-1])
    if _name_like(words):  # "the Syrian Observatory for Human Rights", "IHS": a body by name
        return Reading(Speaker(_join(words), role, org), person=False, plural=plural)
    org = org or _org_in_phrase(words)
    role = role or _role_in_phrase(words, lexicon)
    text = _join(words)
    text = text[0].lower() + text[1:] if words[0].lower in _DETERMINERS else text
    return Reading(Speaker(text, role, org), person=False, plural=plural)


def _name_words(words: list[Token]) -> list[Token]:
    """ "the Britain-based Syrian Observatory for Human Rights" is the Syrian Observatory..."""
    if words[0].lower == "the" and len(words) > 1 and _name_like(words[1:]):
        words = words[1:]
    while len(words) > 1 and words[0].lower.endswith(_BASED) and is_capitalised(words[1]):
        words = words[1:]
    return words


def _name_like(words: Sequence[Token]) -> bool:
    return (
        is_capitalised(words[0])
        and is_capitalised(words[-1])
        and all(is_capitalised(w) or w.lower in _INNER for w in words)
    )


def _person(
    words: list[Token], name_at: int, parts: tuple[str | None, str | None], lex: AttributionLexicon
) -> Reading:
    role, org = parts
    prefix = words[:name_at]
    titles = [w for w in prefix if w.lower in lex.titles]
    title_start = next((i for i, w in enumerate(prefix) if w.lower in lex.titles), name_at)
    name = _join(words[title_start:]) if titles else _join(words[name_at:])
    before_titles = prefix[:title_start]
    role = role or _role_in_phrase(before_titles, lex)
    org = org or _join([w for w in before_titles if is_capitalised(w)]) or None
    surname = words[-1].text.lower().removesuffix("'s").removesuffix("’s")
    return Reading(Speaker(name, role, org), person=True, surname=surname)


def _personal_name_start(words: list[Token], lexicon: AttributionLexicon) -> int | None:
    """Where a person's name starts: a capitalised run at the end, after a title or of two or
    more words that do not name an organisation ("Clint Watts", "Col. Steve Warren"), and not
    the tail of a body's name ("... for Human Rights")."""
    start = len(words)
    while start > 0 and (is_capitalised(words[start - 1]) or words[start - 1].lower in _PARTICLES):
        if _title_or_org(words[start - 1], lexicon):
            break
        start -= 1
    while start < len(words) and words[start].lower in _PARTICLES:
        start += 1
    run = words[start:]
    if not run or any(w.text.isupper() and len(w.text) > 1 for w in run):
        return None  # "SDF", "IHS": acronyms name bodies
    before = words[start - 1] if start > 0 else None
    if before is not None and (before.lower in lexicon.titles or before.lower in _BARE_RANKS):
        return start
    if len(run) < 2 or (before is not None and before.lower in _INNER):
        return None
    return start


def _title_or_org(word: Token, lexicon: AttributionLexicon) -> bool:
    lower = word.lower.rstrip(".")
    return word.lower in lexicon.titles or lower in lexicon.titles or lower in _ORG_WORDS


def _apposition_parts(
    words: Sequence[Token], lexicon: AttributionLexicon
) -> tuple[str | None, str | None]:
    """ "a fellow at the Foreign Policy Research Institute" → ("fellow", "Foreign Policy ...");
    a relative clause ends it: "an analysis group that monitors the conflict" → "analysis group"."""
    cut = next((i for i, w in enumerate(words) if w.lower in ("that", "which", "who")), None)
    words = list(words[:cut])
    if not words:
        return None, None
    link = next((i for i, w in enumerate(words) if w.lower in _ORG_LINKS and i > 0), None)
    role_words = list(words[:link] if link is not None else words)
    while role_words and role_words[0].lower in _DETERMINERS:
        role_words = role_words[1:]
    role = _join(role_words) or None
    if link is None:
        return role, None
    org_words = list(words[link + 1 :])
    while org_words and org_words[0].lower in _DETERMINERS:
        org_words = org_words[1:]
    return role, _join(org_words) or None


def _role_in_phrase(words: Sequence[Token], lexicon: AttributionLexicon) -> str | None:
    """The role nouns before any "for"/"of"/"at": "a senior spokesman for the coalition"."""
    link = next((i for i, w in enumerate(words) if w.lower in _ORG_LINKS), len(words))
    roles = [
        w.text for w in words[:link] if w.lower in lexicon.role_nouns and not is_capitalised(w)
    ]
    return " ".join(roles) or None


def _org_in_phrase(words: Sequence[Token]) -> str | None:
    """ "a senior spokesman for the US-led coalition": the body after "for"/"of"/"at"; else the
    names before the role ("U.S. officials" → "U.S.")."""
    link = next((i for i, w in enumerate(words) if w.lower in _ORG_LINKS), None)
    if link is None:
        names = [w for w in words[:-1] if is_capitalised(w) and w.lower not in _DETERMINERS]
        return _join(names) if names else None
    rest = list(words[link + 1 :])
    while rest and rest[0].lower in _DETERMINERS:
        rest = rest[1:]
    return _join(rest) or None


def _join(words: Sequence[Token]) -> str:
    """The words as written: no space where the text had none ("U.S.-led")."""
    parts = []
    for index, word in enumerate(words):
        glued = index > 0 and word.start == words[index - 1].end
        parts.append(word.text if index == 0 or glued else " " + word.text)
    return "".join(parts).strip()


# -- linking mentions -------------------------------------------------------------------------


@dataclass(slots=True)
class Resolver:
    """Links mentions in text order: a surname or a pronoun to the person or body meant."""

    lexicon: AttributionLexicon
    people: dict[str, Speaker] = field(default_factory=dict)
    last_person: Speaker | None = None
    last_group: Speaker | None = None
    last_body: Speaker | None = None

    def resolve(self, mention: Mention) -> Speaker | None:
        if mention.words[0].lower == "who":
            return self.resolve(mention.antecedent) if mention.antecedent else None
        words = mention.words
        lower = words[0].lower if len(words) == 1 else ""
        if lower in self.lexicon.person_pronouns:
            return self.last_person
        if lower in self.lexicon.group_pronouns:
            return self.last_group or self.last_body
        if lower in self.lexicon.thing_pronouns:
            return self.last_body
        reading = read_phrase(mention, self.lexicon)
        return self._remember(reading)

    def _remember(self, reading: Reading) -> Speaker:
        if reading.person and reading.surname is not None:
            known = self.people.get(reading.surname)
            speaker = _fuller(known, reading.speaker) if known else reading.speaker
            self.people[reading.surname] = speaker
            self.last_person = speaker
            return speaker
        surname = reading.speaker.name.lower()
        if surname in self.people and " " not in surname:
            self.last_person = self.people[surname]  # "Watts said": the Watts named before
            return self.last_person
        if reading.plural:
            self.last_group = reading.speaker
        else:
            self.last_body = reading.speaker
        return reading.speaker


def _fuller(known: Speaker, new: Speaker) -> Speaker:
    """The fuller of two mentions of one person, keeping any role or body either gives."""
    name = new.name if len(new.name) > len(known.name) else known.name
    return Speaker(name, known.role or new.role, known.org or new.org)
