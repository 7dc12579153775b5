"""Events: what happened, where, when, to whom, with how many killed and wounded, and who says so.

`lexicon.py` reads the vocabulary (`lexicons/events.toml`), `detect.py` finds the sentences that
tell of events and cuts them into one group of trigger words per event, `arguments.py` reads each
event's subtype, actors, place, date, casualties and source from the records earlier stages made.
This module puts them together; `classify` types a snippet the CASE 2021 way. The rules are in
docs/events.md.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence

from sitrep.events import classify
from sitrep.events.arguments import (
    ArticleView,
    casualty_tolls,
    choose_subtype,
    counts_many,
    event_actors,
    event_place,
    event_source,
    event_time,
    in_extent,
    is_passing,
    located_after,
    lone_victim,
    same_clause,
    takes_land,
    victim_group,
)
from sitrep.events.detect import (
    FAMILIES,
    SEPARATOR,
    SentenceSigns,
    Trigger,
    admissible,
    find_triggers,
    group_triggers,
)
from sitrep.events.lexicon import EventLexicon, Subtype
from sitrep.events.mentions import resolve_mentions
from sitrep.model import (
    ID_HEX_CHARS,
    Actor,
    Article,
    Event,
    EventType,
    Place,
    Quantity,
    Quote,
    Span,
    TimeExpression,
)

__all__ = ["EventExtractor", "extract_events"]

_ARMED_TYPES = frozenset({"armed_group", "state_forces", "coalition"})
_CASUALTY_MEASURES = frozenset({"killed", "wounded"})
_DEATH_WORDS = frozenset({"killed", "died", "dead", "killing", "kills", "deaths"})
_WORD = re.compile(r"[\w']+")
# How many words before a death word a leader may stand ("IS military leader Omar al-Shishani
# died"), and after it ("killed the group's deputy leader").
_LEADER_BEFORE, _LEADER_AFTER = 6, 4


class EventExtractor:
    """The compiled vocabulary; build once, call for many articles."""

    def __init__(self, lexicon: EventLexicon | None = None) -> None:
        self.lexicon = lexicon or EventLexicon.load()

    def extract(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Event, ...]:
        view = _view(article, annotations, self.lexicon)
        sentences = annotations.get("sentences") or (Span(0, len(article.text)),)
        triggers = find_triggers(self.lexicon, article.text, 0, len(article.text))
        # A disaster anywhere in the article: its casualty words need an armed actor nearby.
        disaster = any(s.suppresses for t in triggers for s in t.subtypes(self.lexicon))
        found: list[Event] = []
        for sentence, inside in _by_sentence(sentences, triggers):
            found.extend(self._sentence_events(view, article.id, sentence, inside, disaster))
        paragraphs = annotations.get("paragraphs") or (Span(0, len(article.text)),)
        return tuple(resolve_mentions(self.lexicon, article.text, found, sentences, paragraphs))

    def classify(self, text: str) -> str:
        """The CASE 2021 code of a snippet that tells one event: the code its trigger and cue
        words weigh most for, unless a rule of `[[classify.rules]]` overrides it (`classify.py`);
        "OTHER" with none."""
        return classify.classify(self.lexicon, text)

    def _sentence_events(
        self,
        view: ArticleView,
        article_id: str,
        sentence: Span,
        triggers: list[Trigger],
        disaster: bool,
    ) -> Iterator[Event]:
        bounds = (sentence.start_char, sentence.end_char)
        signs = _signs(self.lexicon, view, bounds)
        lexicon = self.lexicon
        admitted = [t for t in triggers if admissible(lexicon, view.text, bounds, t, signs)]
        suppressed = (
            any(s.suppresses for t in triggers for s in t.subtypes(lexicon))
            or (disaster and not signs.armed_actor)
            or lexicon.natural_causes.search(view.text, *bounds) is not None
        )
        eventful = [t for t in admitted if any(s.is_event for s in t.subtypes(lexicon))]
        groups = list(group_triggers(lexicon, view.text, eventful, signs))
        extents = _extents(view.text, groups, bounds, signs.times)
        for group, extent in zip(groups, extents, strict=True):
            event = self._event(
                view,
                article_id=article_id,
                sentence=bounds,
                group=group,
                extent=extent,
                suppressed=suppressed,
            )
            if event is not None:
                yield event

    def _event(
        self,
        view: ArticleView,
        *,
        article_id: str,
        sentence: tuple[int, int],
        group: list[Trigger],
        extent: tuple[int, int],
        suppressed: bool,
    ) -> Event | None:
        chosen = choose_subtype(self.lexicon, view, group)
        if chosen is None:
            return None
        subtype, head = chosen
        killed, killed_by_side = casualty_tolls(self.lexicon, view, extent, "killed")
        wounded, wounded_by_side = casualty_tolls(self.lexicon, view, extent, "wounded")
        place = event_place(self.lexicon, view, extent, sentence, head)
        stands = self._stands(
            view,
            subtype=subtype,
            group=group,
            extent=extent,
            head=head,
            casualties=killed or wounded,
            suppressed=suppressed,
        )
        if not stands:
            return None
        interval, basis, time_start, time_end = event_time(view, extent, head, (killed, wounded))
        tally = self._leader_died(view.text, group)
        if counts_many(self.lexicon, view, subtype, killed, time_start, leader_tally=tally):
            return None
        if _generic(view, head, place, basis, killed or wounded):
            return None
        perpetrator, target = event_actors(view, extent, head)
        kind = self._type(view.text, subtype, group)
        named = place or in_extent(view.places, extent)  # "Algeria's leading activist" too
        if not (named or basis == "expression" or killed or wounded or perpetrator or target):
            return None  # nothing ties it to one happening ("booby-trapping areas")
        if kind == "leader_killed":
            perpetrator, target = self._leader_actors(view, group, perpetrator, target)
        return Event(
            head.start,
            head.end,
            trigger=view.text[head.start : head.end],
            type=kind,
            subtype=self._code(subtype, view, perpetrator),
            plover=self.lexicon.plover(subtype),
            sentence_start=sentence[0],
            sentence_end=sentence[1],
            perpetrator=perpetrator,
            target=target if target != perpetrator else None,
            place=place,
            interval=interval,
            time_basis=basis,
            time_start=time_start,
            time_end=time_end,
            killed=killed,
            wounded=wounded,
            killed_by_side=killed_by_side,
            wounded_by_side=wounded_by_side,
            source=event_source(view, head, (killed, wounded)),
            mention="passing" if is_passing(interval, basis, view.published) else "report",
            event_id=_report_id(article_id, head, kind),
        )

    def _stands(
        self,
        view: ArticleView,
        *,
        subtype: Subtype,
        group: Sequence[Trigger],
        extent: tuple[int, int],
        head: Trigger,
        casualties: object,
        suppressed: bool,
    ) -> bool:
        """Whether the group makes an event: casualty words alone need a figure or a leader who
        died, and neither a disaster nor a natural cause of death in the sentence, nor a disaster
        in the article without an armed actor in the sentence; a territorial event must say
        where."""
        if subtype.casualty:
            return not suppressed and (
                casualties is not None or self._leader_died(view.text, group)
            )
        if FAMILIES[subtype.type] == "territory":
            return takes_land(view, extent, head)
        return True

    def _type(self, text: str, subtype: Subtype, group: Sequence[Trigger]) -> EventType:
        violent = FAMILIES[subtype.type] == "violence"
        if violent and self._leader_died(text, group):
            return "leader_killed"
        return cast_type(subtype.type)

    def _leader_died(self, text: str, group: Sequence[Trigger]) -> bool:
        return self._leader_death(text, group) is not None

    def _leader_death(self, text: str, group: Sequence[Trigger]) -> Trigger | None:
        """The death word of the group that a leader stands near, if any."""
        for trigger in group:
            if text[trigger.start : trigger.end].lower() not in _DEATH_WORDS:
                continue
            before = _WORD.findall(text[max(0, trigger.start - 80) : trigger.start])
            after = _WORD.findall(text[trigger.end : trigger.end + 60])
            near = before[-_LEADER_BEFORE:] + after[:_LEADER_AFTER]
            if self.lexicon.leaders.intersection(word.lower() for word in near):
                return trigger
        return None

    def _leader_actors(
        self,
        view: ArticleView,
        group: Sequence[Trigger],
        perpetrator: str | None,
        target: str | None,
    ) -> tuple[str | None, str | None]:
        """The dead leader's group is the target, never the perpetrator."""
        death = self._leader_death(view.text, group)
        victim = victim_group(view, death) if death else None
        if victim is None:
            return perpetrator, target
        return (None if perpetrator == victim else perpetrator), victim

    def _code(self, subtype: Subtype, view: ArticleView, perpetrator: str | None) -> str:
        """A territorial event's code says who gained: the state (GOV_REGAINS_TERIT) or
        another armed group (NON_STATE_ACTOR_OVERTAKES_TER), by the perpetrator's actor type."""
        if FAMILIES.get(subtype.type) != "territory" or subtype.code == "NON_VIOL_TERRIT_TRANSFER":
            return subtype.code
        kinds = {a.type for a in view.actors if a.name == perpetrator}
        if kinds & {"state_forces", "government", "coalition"}:
            return "GOV_REGAINS_TERIT"
        if "armed_group" in kinds:
            return "NON_STATE_ACTOR_OVERTAKES_TER"
        return subtype.code


def cast_type(name: str) -> EventType:
    if name not in FAMILIES:
        raise ValueError(f"unknown event type {name!r} in lexicons/events.toml")
    return name  # type: ignore[return-value]


def _view(
    article: Article, annotations: Mapping[str, tuple[Span, ...]], lexicon: EventLexicon
) -> ArticleView:
    figures = [q for q in annotations.get("quantities", ()) if isinstance(q, Quantity)]
    return ArticleView(
        text=article.text,
        published=article.published,
        actors=[a for a in annotations.get("actors", ()) if isinstance(a, Actor)],
        places=[p for p in annotations.get("places", ()) if isinstance(p, Place)],
        times=[t for t in annotations.get("times", ()) if isinstance(t, TimeExpression)],
        casualties=[q for q in figures if q.measure in _CASUALTY_MEASURES],
        figures=figures,
        quotes=[q for q in annotations.get("quotes", ()) if isinstance(q, Quote)],
        lexicon_territory=lexicon.territory,
    )


def _by_sentence(
    sentences: Sequence[Span], triggers: Sequence[Trigger]
) -> Iterator[tuple[Span, list[Trigger]]]:
    starts = [s.start_char for s in sentences]
    buckets: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        index = bisect.bisect_right(starts, trigger.start) - 1
        if index >= 0 and trigger.end <= sentences[index].end_char:
            buckets.setdefault(index, []).append(trigger)
    for index, inside in sorted(buckets.items()):
        yield sentences[index], inside


def _signs(lexicon: EventLexicon, view: ArticleView, bounds: tuple[int, int]) -> SentenceSigns:
    actors = in_extent(view.actors, bounds)
    lone = any(lone_victim(lexicon, view.text, bounds, m) for m in ("killed", "wounded"))
    return SentenceSigns(
        casualties=lone or bool(in_extent(view.casualties, bounds)),
        armed_actor=any(isinstance(a, Actor) and a.type in _ARMED_TYPES for a in actors),
        times=tuple(t.start_char for t in in_extent(view.times, bounds)),
    )


def _extents(
    text: str, groups: Sequence[list[Trigger]], bounds: tuple[int, int], times: Sequence[int]
) -> list[tuple[int, int]]:
    """Each group's stretch of the sentence. Two groups part where a new clause begins, else
    where a time expression between them begins ("the Nov. 13 attacks that left 130 dead and
    the Oct. 31 downing": the second date is the second event's), else at the second group."""
    if not groups:
        return []
    cuts = [bounds[0]]
    for before, after in itertools.pairwise(groups):
        cuts.append(_cut(text, before[-1].end, after[0].start, times))
    cuts.append(bounds[1])
    return list(itertools.pairwise(cuts))


def _cut(text: str, start: int, end: int, times: Sequence[int]) -> int:
    separator = SEPARATOR.search(text, start, end)
    if separator is not None:
        return separator.start()
    return min((at for at in times if start <= at < end), default=end)


def _generic(
    view: ArticleView, head: Trigger, place: Place | None, basis: str | None, casualties: object
) -> bool:
    """Attacks in general rather than one event: a plural trigger with no figure, no date of its
    own and no place finer than a country in its clause ("stepped-up airstrikes in Iraq and
    Syria", "turning to spectacular attacks on civilians as they lose ground ..., where government
    forces ... pushed them out of Ramadi")."""
    plural = view.text[head.start : head.end].lower().endswith("s")
    vague_place = (
        place is None
        or place.precision == 4
        or not (located_after(view.text, head.end, place) or same_clause(view.text, head, place))
    )
    return plural and casualties is None and basis != "expression" and vague_place


def _report_id(article_id: str, head: Trigger, kind: str) -> str:
    key = f"{article_id}\x1f{head.start}\x1f{head.end}\x1f{kind}"
    return hashlib.sha256(key.encode()).hexdigest()[:ID_HEX_CHARS]


def extract_events(
    text: str, published: dt.date | None = None, outlet: str | None = None
) -> tuple[Event, ...]:
    """The events of one text, through the default pipeline (every stage events read)."""
    from sitrep.pipeline import Pipeline  # the pipeline imports this package's stage

    article = Article.create(text, published=published, outlet=outlet)
    return cast_events(Pipeline.from_names().run(article).get("events"))


def cast_events(records: Sequence[Span]) -> tuple[Event, ...]:
    return tuple(r for r in records if isinstance(r, Event))
