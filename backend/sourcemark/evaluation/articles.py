"""Runs an article through the same path as `sourcemark analyze`, in document offsets."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from ..documents import split_paragraphs
from .spans import Relation, Span, normalize


@dataclass
class Predicted:
    """A predicted attribution in document offsets, with the engine's dict for reports."""

    relation: Relation
    kind: str
    cue_text: str
    source_type: str | None
    source_name: str | None
    paragraph: int
    id: str = ""
    continues: str | None = None  # the id of the attribution this quote carries on
    confidence: float | None = None


@cache
def shared_pipeline():
    from ..config import Settings
    from ..pipeline import Pipeline

    # From the environment, so SOURCEMARK_LEARNED_ROLES=0 measures the rules alone.
    return Pipeline(Settings.from_env())


def paragraph_starts(text: str, paragraphs: list[str]) -> list[int]:
    """Where each paragraph from split_paragraphs begins in the original text."""
    starts, cursor = [], 0
    for paragraph in paragraphs:
        start = text.find(paragraph, cursor)
        if start < 0:
            raise ValueError("paragraph not found in text; offsets would be wrong")
        starts.append(start)
        cursor = start + len(paragraph)
    return starts


def _shift(span: dict | None, offset: int) -> Span:
    if not span or span["end"] <= span["start"]:
        return ()
    return ((span["start"] + offset, span["end"] + offset),)


def analyze_text(text: str, pipeline=None) -> tuple[list[Predicted], dict]:
    """Predicted attributions over the whole text, and the contract the pipeline returned."""
    pipeline = pipeline or shared_pipeline()
    paragraphs = split_paragraphs(text)
    analysis = pipeline.analyze([{"id": f"p{i}", "text": p} for i, p in enumerate(paragraphs)])
    return predictions(analysis, paragraph_starts(text, paragraphs)), analysis


def predictions(analysis: dict, starts: list[int]) -> list[Predicted]:
    """The contract's attributions in document offsets, given where each paragraph starts."""
    predicted = []
    for index, (paragraph, offset) in enumerate(zip(analysis["paragraphs"], starts, strict=True)):
        for attribution in paragraph["attributions"]:
            content = tuple(piece for c in attribution["content"] for piece in _shift(c, offset))
            source = attribution["source"]
            predicted.append(
                Predicted(
                    relation=Relation(
                        cue=_shift(attribution["cue"], offset),
                        source=_shift(source, offset),
                        content=content,
                    ),
                    kind=attribution["kind"],
                    cue_text=(attribution["cue"] or {}).get("text", ""),
                    source_type=source["type"] if source else None,
                    source_name=source["name"] if source else None,
                    paragraph=index,
                    id=attribution["id"],
                    continues=attribution.get("continues"),
                    confidence=attribution.get("confidence"),
                )
            )
    return predicted


def join_continuations(predicted: list[Predicted]) -> list[Predicted]:
    """Quotes that carry on an earlier attribution become more of its content, as PolNeAR
    marks a quote that runs on: one attribution with discontinuous content."""
    joined: dict[str, Predicted] = {}
    for p in predicted:
        root = joined.get(p.continues or "")
        if root is None:
            joined[p.id] = p
            continue
        content = normalize(root.relation.content + p.relation.content)
        joined[root.id] = replace(root, relation=replace(root.relation, content=content))
    return list(joined.values())
