"""What a brief holds, gathered from the store in one pass over its articles: the key figures and
where sources disagree (claim groups), the events, notable statements by speaker, a short
summary, and every article cited, numbered. Both renderers (`markdown.py`, `html.py`) draw from
this one `Brief`, so the two files always say the same.

Memory stays bounded however large the store: articles are streamed once, and only the metadata
of cited articles, the statements kept and the latest `SUMMARY_ARTICLES` bodies are held.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sitrep.model import AnnotatedArticle, Article, Place, Quote
from sitrep.reconcile.claims import ClaimGroup
from sitrep.reconcile.events import MergedEvent
from sitrep.store import Store
from sitrep.store.event_tables import fold
from sitrep.summarize import SummaryDocument, SummarySentence, summarize

# A brief is read in minutes: these bound each section (chosen, not measured).
KEY_FIGURES = 12  # claim groups shown as key figures, most voices first
SPEAKERS = 8  # speakers whose statements are shown, most statements first
STATEMENTS_PER_SPEAKER = 3
STATEMENT_CHARS = 320  # a statement longer than this is cut at a word
SUMMARY_ARTICLES = 60  # the latest articles the summary is drawn from
SUMMARY_WORDS = 160


@dataclass(slots=True, frozen=True)
class BriefFilter:
    """What the brief covers: days (inclusive) and a place, each optional."""

    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None


@dataclass(slots=True, frozen=True)
class Cited:
    """An article the brief cites, by its number `n` ([1], [2], ...)."""

    n: int
    article_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None


@dataclass(slots=True, frozen=True)
class Statement:
    """What a speaker said, with its article and offsets."""

    speaker: str
    role: str | None
    text: str
    article_id: str
    start_char: int
    end_char: int
    kind: str


@dataclass(slots=True, frozen=True)
class Brief:
    covers: BriefFilter
    made: dt.date
    figures: tuple[ClaimGroup, ...]
    conflicts: tuple[ClaimGroup, ...]
    events: tuple[MergedEvent, ...]
    statements: tuple[tuple[str, tuple[Statement, ...]], ...]
    summary: tuple[SummarySentence, ...]
    sources: tuple[Cited, ...]
    articles: int  # articles the brief covers
    numbers: dict[str, int] = field(default_factory=dict)  # article id -> its number

    def cite(self, article_ids: Iterable[str]) -> str:
        """ "[1][3]": the numbers of the articles, in order, once each."""
        found = sorted({self.numbers[i] for i in article_ids if i in self.numbers})
        return "".join(f"[{n}]" for n in found)


def build_brief(store: Store, covers: BriefFilter, made: dt.date | None = None) -> Brief:
    """The brief of what `store` holds within `covers`."""
    groups = [g for g in store.claims(place=covers.place) if _in_days(g, covers)]
    events = store.events(since=covers.since, until=covers.until, place=covers.place)
    reading = _Reading(covers, _cited_ids(groups, events, (), ()))
    for annotated in store.articles():
        reading.take(annotated)
    summary = summarize(reading.documents(), max_words=SUMMARY_WORDS) if reading.kept else ()
    statements = reading.statements()
    cited = _cited_ids(groups, events, statements, summary)
    sources = tuple(_numbered(reading.metadata, cited))
    return Brief(
        covers=covers,
        made=made or dt.date.today(),
        figures=tuple(_key_figures(groups)),
        conflicts=tuple(g for g in groups if g.conflict),
        events=tuple(events),
        statements=statements,
        summary=summary,
        sources=sources,
        articles=reading.count,
        numbers={source.article_id: source.n for source in sources},
    )


def _in_days(group: ClaimGroup, covers: BriefFilter) -> bool:
    """A group with a period reaching into the days covered (undated groups always)."""
    since = covers.since.isoformat() if covers.since else ""
    until = covers.until.isoformat() if covers.until else "9999"
    return any(
        p.interval is None or (p.interval[1] >= since and p.interval[0] <= until)
        for p in group.periods
    )


def _key_figures(groups: Sequence[ClaimGroup]) -> list[ClaimGroup]:
    """The groups most voices speak to (conflicts before agreement among equals)."""
    ranked = sorted(groups, key=lambda g: (-len(g.voices), not g.conflict, -len(g.reports)))
    return ranked[:KEY_FIGURES]


class _Reading:
    """What one pass over the store's articles keeps for the brief."""

    def __init__(self, covers: BriefFilter, cited: set[str]) -> None:
        self.covers = covers
        self.cited = cited
        self.metadata: dict[str, Article] = {}
        self.kept: list[tuple[str, int, SummaryDocument]] = []  # a heap, latest kept
        self.by_speaker: dict[str, list[Statement]] = {}
        self.count = 0

    def take(self, annotated: AnnotatedArticle) -> None:
        article = annotated.article
        covered = self._covered(annotated)
        if covered or article.id in self.cited:
            self.metadata[article.id] = _without_text(article)
        if not covered or annotated.copy_of is not None:
            return
        self.count += 1
        self._keep_document(annotated)
        for quote in annotated.get("quotes"):
            if isinstance(quote, Quote) and quote.source:
                self._keep_statement(article, quote)

    def _covered(self, annotated: AnnotatedArticle) -> bool:
        published = annotated.article.published
        covers = self.covers
        if published is not None and covers.since and published < covers.since:
            return False
        if published is not None and covers.until and published > covers.until:
            return False
        return covers.place is None or _names_place(annotated, covers.place)

    def _keep_document(self, annotated: AnnotatedArticle) -> None:
        article = annotated.article
        document = SummaryDocument(
            id=article.id,
            text=article.text,
            sentences=tuple((s.start_char, s.end_char) for s in annotated.get("sentences")),
            title=article.title,
            published=article.published,
        )
        entry = ((article.published or dt.date.min).isoformat(), self.count, document)
        if len(self.kept) < SUMMARY_ARTICLES:
            heapq.heappush(self.kept, entry)
        else:
            heapq.heappushpop(self.kept, entry)

    def _keep_statement(self, article: Article, quote: Quote) -> None:
        words = " ".join(article.text[quote.start_char : quote.end_char].split())
        if len(words) > STATEMENT_CHARS:
            words = words[:STATEMENT_CHARS].rsplit(" ", 1)[0] + " …"
        speaker = quote.speaker
        name = quote.source or (speaker.name if speaker else "")
        role = ", ".join(p for p in ((speaker.role, speaker.org) if speaker else ()) if p)
        statement = Statement(
            name, role or None, words, article.id, quote.start_char, quote.end_char, quote.kind
        )
        self.by_speaker.setdefault(fold(name), []).append(statement)

    def documents(self) -> list[SummaryDocument]:
        return [document for _, _, document in sorted(self.kept)]

    def statements(self) -> tuple[tuple[str, tuple[Statement, ...]], ...]:
        """The speakers with most statements, direct quotes first, then longer ones."""
        ranked = sorted(self.by_speaker.values(), key=lambda said: (-len(said), said[0].speaker))
        return tuple(
            (said[0].speaker, tuple(sorted(said, key=_statement_rank)[:STATEMENTS_PER_SPEAKER]))
            for said in ranked[:SPEAKERS]
        )


def _statement_rank(statement: Statement) -> tuple[bool, int]:
    return (statement.kind != "direct", -len(statement.text))


def _names_place(annotated: AnnotatedArticle, place: str) -> bool:
    wanted = fold(place)
    for found in annotated.get("places"):
        if isinstance(found, Place) and (
            wanted in fold(found.name) or (found.country or "").lower() == wanted
        ):
            return True
    return False


def _without_text(article: Article) -> Article:
    """The article's metadata only: the brief keeps every cited article's, not its body."""
    return Article(
        id=article.id,
        text="",
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        url=article.url,
    )


def _cited_ids(
    groups: Sequence[ClaimGroup],
    events: Sequence[MergedEvent],
    statements: Sequence[tuple[str, Sequence[Statement]]],
    summary: Sequence[SummarySentence],
) -> set[str]:
    cited = {r.article_id for g in groups for r in g.reports}
    cited |= {r.article_id for e in events for r in e.reports}
    cited |= {s.article_id for _, said in statements for s in said}
    cited |= {i for sentence in summary for i in sentence.cites}
    return cited


def _numbered(metadata: dict[str, Article], cited: set[str]) -> Iterable[Cited]:
    """The cited articles by publication day (undated last), outlet and id, numbered from 1."""
    known = [metadata[i] for i in cited if i in metadata]
    ordered = sorted(
        known, key=lambda a: (a.published is None, a.published or dt.date.min, a.outlet or "", a.id)
    )
    for n, article in enumerate(ordered, 1):
        yield Cited(n, article.id, article.title, article.outlet, article.published, article.url)
