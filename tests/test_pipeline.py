from __future__ import annotations

import pickle
from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from sitrep.errors import PipelineError
from sitrep.model import Article, Span
from sitrep.pipeline import Pipeline, Stage, StageRegistry, default_registry


@dataclass(slots=True, frozen=True)
class CountingStage:
    """A test stage: one span per sentence that mentions a digit."""

    name: str = "digits"
    reads: tuple[str, ...] = ("sentences",)
    version: str = "1"

    def __call__(
        self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
    ) -> tuple[Span, ...]:
        return tuple(
            s for s in annotations["sentences"] if any(c.isdigit() for c in s.text_in(article.text))
        )


def test_pipeline_runs_stages_in_order(pipeline: Pipeline) -> None:
    article = Article.create("Two died. Nobody else was hurt.\n\nA third was missing.")
    annotated = pipeline.run(article)
    assert [len(annotated.get("paragraphs")), len(annotated.get("sentences"))] == [2, 3]


def test_pipeline_rejects_a_stage_that_reads_what_nobody_assigns() -> None:
    with pytest.raises(PipelineError, match="reads"):
        Pipeline((CountingStage(),))


def test_pipeline_custom_stage_sees_earlier_annotations() -> None:
    registry = default_registry()
    registry.register("digits", CountingStage)
    pipeline = Pipeline.from_names(("paragraphs", "sentences", "digits"), registry)
    annotated = pipeline.run(Article.create("12 were hurt. Calm returned."))
    assert [s.text_in(annotated.article.text) for s in annotated.get("digits")] == ["12 were hurt."]


def test_pipeline_unknown_stage_names_the_known_ones() -> None:
    with pytest.raises(PipelineError, match="known: paragraphs, sentences"):
        Pipeline.from_names(("paragraphs", "nonsense"))


def test_pipeline_registry_refuses_a_second_stage_of_one_name() -> None:
    registry = StageRegistry()
    registry.register("digits", CountingStage)
    with pytest.raises(PipelineError):
        registry.register("digits", CountingStage)


def test_pipeline_signature_follows_stage_versions(pipeline: Pipeline) -> None:
    bumped = Pipeline(
        (*pipeline.stages[:1], CountingStage(name="sentences", reads=("paragraphs",), version="9"))
    )
    assert bumped.signature != pipeline.signature
    assert Pipeline.from_names().signature == pipeline.signature


def test_pipeline_and_stages_are_picklable_and_satisfy_the_protocol(pipeline: Pipeline) -> None:
    clone = pickle.loads(pickle.dumps(pipeline))
    article = Article.create("Gen. Ali spoke. He left.")
    assert clone.run(article) == pipeline.run(article)
    assert all(isinstance(stage, Stage) for stage in pipeline.stages)


def test_pipeline_stage_cannot_modify_earlier_annotations() -> None:
    @dataclass(slots=True, frozen=True)
    class Meddler:
        name: str = "meddler"
        reads: tuple[str, ...] = ("paragraphs",)
        version: str = "1"

        def __call__(
            self, article: Article, annotations: Mapping[str, tuple[Span, ...]]
        ) -> tuple[Span, ...]:
            annotations["paragraphs"] = ()  # type: ignore[index]
            return ()

    pipeline = Pipeline.from_names(("paragraphs",))
    with pytest.raises(TypeError):
        Pipeline((*pipeline.stages, Meddler())).run(Article.create("Text."))


def test_pipeline_pickles_after_it_has_run(pipeline: Pipeline) -> None:
    """A stage that has run pickles, memo and all (issue 10: the places recogniser kept the
    last text's regex matches, and a Dask worker could not send its pipeline on)."""
    article = Article.create("Syrian and Iraqi forces met near Mosul, Kurdish officials said.")
    before = pipeline.run(article)
    again = pickle.loads(pickle.dumps(pipeline))
    assert again.run(article) == before
