"""The trigger scan looks only where a trigger's first word stands, and finds what trying
every first word everywhere, ignoring case, finds (`detect.find_triggers`)."""

from __future__ import annotations

import re

import pytest

from sitrep.events.detect import Trigger, _longest_at, find_triggers
from sitrep.events.lexicon import EventLexicon, Phrase
from sitrep.jobs import sample_corpus
from sitrep.patterns import trie_pattern


@pytest.fixture(scope="module")
def lexicon() -> EventLexicon:
    return EventLexicon.load()


def _first_word_stems(phrases: list[Phrase]) -> re.Pattern[str]:
    words = {
        word.rstrip("*")
        for phrase in phrases
        for word in phrase.text.split(maxsplit=1)[0].split("|")
    }
    return re.compile(trie_pattern(words), re.IGNORECASE)


def _every_start(lexicon: EventLexicon, text: str) -> list[Trigger]:
    """The scan as it was: a first word at any place, ignoring case, then the checks."""
    phrases = [p for p in lexicon.phrases.values() if not p.cue]
    found: list[Trigger] = []
    cursor = 0
    for anchor in _first_word_stems(phrases).finditer(text):
        at = anchor.start()
        if at < cursor or (at > 0 and (text[at - 1].isalnum() or text[at - 1] in "-_")):
            continue
        match = _longest_at(lexicon, text, at, len(text))
        if match is not None:
            found.append(Trigger(at, match.end(), lexicon.phrases[match.lastgroup or ""]))
            cursor = match.end()
    return found


@pytest.mark.parametrize(
    "text",
    [
        "A SUICIDE BOMBING KILLED 20 PEOPLE IN BAGHDAD.",
        "Airstrikes and air-strikes hit the town; shelling went on.",
        "The attack's toll rose. Attackers clashed with troops in İdlib after the bombİng.",
        "Anti-attack measures, pre-shelling plans and counterattacks were discussed.",
        "",
    ],
)
def test_trigger_scan_finds_what_trying_every_start_finds(lexicon: EventLexicon, text: str) -> None:
    assert find_triggers(lexicon, text, 0, len(text)) == _every_start(lexicon, text)


def test_trigger_scan_over_the_sample_corpus(lexicon: EventLexicon) -> None:
    texts = [path.read_text("utf-8") for path in sorted(sample_corpus().glob("*.txt"))]
    found = 0
    for text in texts:
        triggers = find_triggers(lexicon, text, 0, len(text))
        assert triggers == _every_start(lexicon, text)
        found += len(triggers)
    assert found > 0
