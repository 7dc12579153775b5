"""An extractive multi-document summary whose every sentence cites its articles (issue 8).

Sentences are taken whole from the articles, so each keeps its provenance (article and character
offsets). How they are chosen (docs/summaries.md gives the figures):

- A *concept* is a content word or a pair of adjacent words that are not both function words,
  lower-cased. Its weight is the number of *other* articles whose title or text holds it: what
  several outlets report is what a neutral summary says. A single word weighs `unigram_weight`
  of a pair. With one article every concept weighs 1.
- The headline is the title whose concepts weigh most; its concepts count as already said.
- Candidates are the first `lead_sentences` sentences of each article. Greedily, the candidate
  with the most weight of concepts not yet said, divided by (1 + position) ** position_exponent
  and by its length ** length_exponent, joins the summary while the words fit in `max_words`
  (the first sentence always does). A sentence that adds nothing new never joins, nor one that
  says the same as a sentence already chosen (the citation rule below): no fact is told twice.
- The sentences are read in order of publication date (undated last), then position in their
  article, then the order the articles were given in.
- Each sentence cites its own article first, then every other article with a sentence that says
  the same: a Dice overlap of content words of at least `min_overlap`, sharing at least
  `min_shared` content words. The headline is compared with titles too.

The numbers are data in `lexicons/summaries.toml`. Every function is pure; the lexicon is read on
first use, never at import.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sitrep.patterns import read_lexicon

_WORD = re.compile(r"[^\W_]+")  # letters and digits; any other character separates words


@dataclass(slots=True, frozen=True)
class SummaryDocument:
    """One article to summarise: its text and its sentences as (start_char, end_char) offsets."""

    id: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    title: str | None = None
    published: dt.date | None = None


@dataclass(slots=True, frozen=True)
class SummarySentence:
    """A summary sentence: `text` is `article_id`'s text[start_char:end_char]. `cites` holds that
    article first, then the others that say the same, in the order the articles were given."""

    article_id: str
    start_char: int
    end_char: int
    text: str
    cites: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class SummaryHeadline:
    """The title chosen as the summary's headline, whole, and the articles whose title or
    sentence says the same (its own article first)."""

    article_id: str
    text: str
    cites: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class SummaryLexicon:
    """`lexicons/summaries.toml`: the function words and the tuned numbers."""

    stop_words: frozenset[str]
    max_words: int
    lead_sentences: int
    unigram_weight: float
    position_exponent: float
    length_exponent: float
    min_overlap: float
    min_shared: int

    @classmethod
    def load(cls) -> SummaryLexicon:
        data = read_lexicon("summaries.toml")
        selection, citation = data["selection"], data["citation"]
        return cls(
            stop_words=frozenset(data["words"]["stop"]),
            max_words=int(selection["max_words"]),
            lead_sentences=int(selection["lead_sentences"]),
            unigram_weight=float(selection["unigram_weight"]),
            position_exponent=float(selection["position_exponent"]),
            length_exponent=float(selection["length_exponent"]),
            min_overlap=float(citation["min_overlap"]),
            min_shared=int(citation["min_shared"]),
        )


@functools.cache
def default_lexicon() -> SummaryLexicon:
    """The packaged lexicon, read once, on first use."""
    return SummaryLexicon.load()


# --- words and concepts --------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class _Passage:
    """A sentence or a title of one article, with what the selection and the citations read."""

    doc_index: int
    position: int  # the sentence's index in its article; -1 for the title
    start_char: int
    end_char: int
    text: str
    word_count: int
    content: frozenset[str]  # content words, for citations
    concepts: frozenset[str]  # content words and word pairs ("signed order")


def words_of(text: str) -> list[str]:
    """Lower-cased words: runs of letters and digits."""
    return _WORD.findall(text.lower())


def _concepts(words: Sequence[str], stop_words: frozenset[str]) -> frozenset[str]:
    """Content words, and adjacent pairs unless both are function words (joined by a space)."""
    singles = {word for word in words if word not in stop_words}
    pairs = {
        f"{first} {second}"
        for first, second in itertools.pairwise(words)
        if first not in stop_words or second not in stop_words
    }
    return frozenset(singles | pairs)


def _passage(
    doc_index: int, position: int, text: str, span: tuple[int, int], lexicon: SummaryLexicon
) -> _Passage:
    start, end = span
    words = words_of(text[start:end])
    content = frozenset(word for word in words if word not in lexicon.stop_words)
    concepts = _concepts(words, lexicon.stop_words)
    return _Passage(doc_index, position, start, end, text[start:end], len(words), content, concepts)


def _sentences(
    doc_index: int, document: SummaryDocument, lexicon: SummaryLexicon
) -> list[_Passage]:
    return [
        _passage(doc_index, position, document.text, span, lexicon)
        for position, span in enumerate(document.sentences)
    ]


def _title(doc_index: int, document: SummaryDocument, lexicon: SummaryLexicon) -> _Passage | None:
    title = (document.title or "").strip()
    if not words_of(title):
        return None
    return _passage(doc_index, -1, title, (0, len(title)), lexicon)


# --- weights -------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class _Cluster:
    """The documents read once: every sentence and title as passages, and each concept's weight."""

    documents: tuple[SummaryDocument, ...]
    sentences: tuple[tuple[_Passage, ...], ...]  # per document, every sentence
    titles: tuple[_Passage | None, ...]
    weights: dict[str, float]


def _read(documents: Sequence[SummaryDocument], lexicon: SummaryLexicon) -> _Cluster:
    sentences = tuple(tuple(_sentences(i, doc, lexicon)) for i, doc in enumerate(documents))
    titles = tuple(_title(i, doc, lexicon) for i, doc in enumerate(documents))
    support = Counter(
        concept
        for own, title in zip(sentences, titles, strict=True)
        for concept in _document_concepts(own, title)
    )
    weights = {
        concept: _weight(concept, count, len(documents), lexicon)
        for concept, count in support.items()
    }
    return _Cluster(tuple(documents), sentences, titles, weights)


def _document_concepts(sentences: Iterable[_Passage], title: _Passage | None) -> set[str]:
    passages = [*sentences, *([title] if title else [])]
    return set().union(*(passage.concepts for passage in passages))


def _weight(concept: str, support: int, documents: int, lexicon: SummaryLexicon) -> float:
    """Other articles that hold the concept (1 when there is no other); a single word counts
    `unigram_weight` of a pair."""
    others = support - 1 if documents > 1 else 1
    return others * (1.0 if " " in concept else lexicon.unigram_weight)


def _gain(passage: _Passage, weights: dict[str, float], said: frozenset[str]) -> float:
    """Weight of the concepts not yet said; math.fsum is exact, so set order cannot change it."""
    return math.fsum(weights.get(concept, 0.0) for concept in passage.concepts - said)


# --- headline and selection ----------------------------------------------------------------------


def _best_title(cluster: _Cluster) -> _Passage | None:
    """The title whose concepts weigh most; the earlier article wins a tie."""
    scored = [
        (_gain(title, cluster.weights, frozenset()), -title.doc_index, title)
        for title in cluster.titles
        if title is not None
    ]
    return max(scored, key=lambda item: item[:2])[2] if scored else None


def _candidates(cluster: _Cluster, lexicon: SummaryLexicon) -> list[_Passage]:
    return [
        passage
        for sentences in cluster.sentences
        for passage in sentences[: lexicon.lead_sentences]
        if passage.word_count
    ]


def _merit(passage: _Passage, gain: float, lexicon: SummaryLexicon) -> float:
    position = math.pow(1 + passage.position, lexicon.position_exponent)
    return gain / position / math.pow(passage.word_count, lexicon.length_exponent)


def _next(
    candidates: Sequence[_Passage],
    cluster: _Cluster,
    said: frozenset[str],
    room: int | None,
    lexicon: SummaryLexicon,
) -> _Passage | None:
    """The candidate of highest merit that fits in `room` words (None: anything fits) and adds
    something new; the earlier candidate wins a tie."""
    best: tuple[float, _Passage] | None = None
    for passage in candidates:
        if room is not None and passage.word_count > room:
            continue
        merit = _merit(passage, _gain(passage, cluster.weights, said), lexicon)
        if merit > 0 and (best is None or merit > best[0]):
            best = (merit, passage)
    return best[1] if best else None


def _select(
    cluster: _Cluster, title: _Passage | None, max_words: int, lexicon: SummaryLexicon
) -> list[_Passage]:
    """Greedy choice (module docstring). A candidate that says the same as a chosen sentence is
    dropped: that sentence cites its article anyway. One that restates the headline is not (news
    restates its headline in its lead; dev R2 fell from 20.3 to 19.4 when those were dropped)."""
    remaining = _candidates(cluster, lexicon)
    said = title.concepts if title else frozenset()
    chosen: list[_Passage] = []
    while remaining:
        used = sum(passage.word_count for passage in chosen)
        passage = _next(remaining, cluster, said, max_words - used if chosen else None, lexicon)
        if passage is None:
            break
        chosen.append(passage)
        remaining = _not_saying(passage, remaining, lexicon)
        said |= passage.concepts
    return chosen or _candidates(cluster, lexicon)[:1]


def _not_saying(
    passage: _Passage, candidates: Sequence[_Passage], lexicon: SummaryLexicon
) -> list[_Passage]:
    """The candidates other than `passage` that do not say the same as it."""
    return [
        other
        for other in candidates
        if other is not passage and not says_the_same(passage.content, other.content, lexicon)
    ]


def _reading_key(
    documents: Sequence[SummaryDocument], passage: _Passage
) -> tuple[bool, dt.date, int, int]:
    """Date (undated last), then position in the article, then the order articles were given."""
    published = documents[passage.doc_index].published
    return (published is None, published or dt.date.min, passage.position, passage.doc_index)


# --- citations -----------------------------------------------------------------------------------


def says_the_same(first: frozenset[str], second: frozenset[str], lexicon: SummaryLexicon) -> bool:
    """Two passages' content words overlap enough (the citation rule, docs/summaries.md)."""
    shared = len(first & second)
    if shared < lexicon.min_shared:
        return False
    return 2 * shared / (len(first) + len(second)) >= lexicon.min_overlap


def _cites(passage: _Passage, cluster: _Cluster, lexicon: SummaryLexicon) -> tuple[str, ...]:
    """The passage's own article, then each other article with a passage that says the same. A
    sentence is compared with sentences only: a title is a few words, mostly the story's names,
    and would share enough of them with any sentence on the story. The headline, a title itself,
    is compared with titles and sentences."""
    own = cluster.documents[passage.doc_index].id
    others = (
        document.id
        for index, document in enumerate(cluster.documents)
        if index != passage.doc_index
        and any(
            says_the_same(passage.content, other.content, lexicon)
            for other in _passages_of(cluster, index, with_title=passage.position < 0)
        )
    )
    return tuple(dict.fromkeys([own, *others]))


def _passages_of(cluster: _Cluster, index: int, *, with_title: bool) -> Iterator[_Passage]:
    title = cluster.titles[index]
    if with_title and title is not None:
        yield title
    yield from cluster.sentences[index]


# --- public API ----------------------------------------------------------------------------------


def summarize(
    documents: Sequence[SummaryDocument],
    *,
    max_words: int | None = None,
    lexicon: SummaryLexicon | None = None,
) -> tuple[SummarySentence, ...]:
    """The summary's sentences in reading order, each citing the articles that say the same.

    `max_words` (the lexicon's `max_words` when None) bounds the words of all sentences together,
    except that a summary of anything holds at least one sentence. The sentences complement
    `headline(documents)`: what the headline says is not repeated.
    """
    lexicon = lexicon or default_lexicon()
    cluster = _read(documents, lexicon)
    budget = lexicon.max_words if max_words is None else max_words
    chosen = _select(cluster, _best_title(cluster), budget, lexicon)
    chosen.sort(key=lambda passage: _reading_key(cluster.documents, passage))
    return tuple(_summary_sentence(passage, cluster, lexicon) for passage in chosen)


def _summary_sentence(
    passage: _Passage, cluster: _Cluster, lexicon: SummaryLexicon
) -> SummarySentence:
    return SummarySentence(
        article_id=cluster.documents[passage.doc_index].id,
        start_char=passage.start_char,
        end_char=passage.end_char,
        text=passage.text,
        cites=_cites(passage, cluster, lexicon),
    )


def headline(
    documents: Sequence[SummaryDocument], *, lexicon: SummaryLexicon | None = None
) -> SummaryHeadline | None:
    """The title that shares most with the other articles, whole; None when no article has one."""
    lexicon = lexicon or default_lexicon()
    cluster = _read(documents, lexicon)
    title = _best_title(cluster)
    if title is None:
        return None
    article_id = cluster.documents[title.doc_index].id
    return SummaryHeadline(article_id, title.text, _cites(title, cluster, lexicon))
