"""Span metrics for attribution evaluation.

A span is a tuple of (start, end) pieces in document offsets; a discontinuous span is its
pieces together. Counts are micro-averaged: callers add per-article results to a Counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Piece = tuple[int, int]
Span = tuple[Piece, ...]


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Counts:
    """Matched predictions, predictions, matched gold items and gold items."""

    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)


def normalize(span: Iterable[Piece]) -> Span:
    """Sorted non-empty pieces."""
    return tuple(sorted((s, e) for s, e in span if e > s))


def overlaps(a: Span, b: Span) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def span_counts(gold: Sequence[Span], pred: Sequence[Span], mode: str) -> Counts:
    """Exact: a span is right if the other side holds the same pieces. Overlap: a predicted
    span is right if it overlaps any gold span, a gold span found if any prediction overlaps."""
    gold = [normalize(g) for g in gold if normalize(g)]
    pred = [normalize(p) for p in pred if normalize(p)]
    if mode == "exact":
        gold_set, pred_set = set(gold), set(pred)
        return Counts(
            tp_pred=sum(p in gold_set for p in pred),
            pred=len(pred),
            tp_gold=sum(g in pred_set for g in gold),
            gold=len(gold),
        )
    if mode != "overlap":
        raise ValueError(mode)
    return Counts(
        tp_pred=sum(any(overlaps(p, g) for g in gold) for p in pred),
        pred=len(pred),
        tp_gold=sum(any(overlaps(g, p) for p in pred) for g in gold),
        gold=len(gold),
    )


def characters(spans: Iterable[Span]) -> set[int]:
    return {i for span in spans for s, e in span for i in range(s, e)}


def char_counts(gold: Sequence[Span], pred: Sequence[Span]) -> Counts:
    """Characters inside any gold span against characters inside any predicted span."""
    gold_chars, pred_chars = characters(gold), characters(pred)
    both = len(gold_chars & pred_chars)
    return Counts(tp_pred=both, pred=len(pred_chars), tp_gold=both, gold=len(gold_chars))


@dataclass(frozen=True)
class Relation:
    """One attribution: its cue, source (empty when none is given) and content."""

    cue: Span
    source: Span
    content: Span


def relation_matches(gold: Relation, pred: Relation) -> bool:
    """Cues overlap, contents overlap, and sources overlap unless gold has no source."""
    if not (overlaps(gold.cue, pred.cue) and overlaps(gold.content, pred.content)):
        return False
    return not gold.source or overlaps(gold.source, pred.source)


def linked_matches(gold: Sequence[Relation], pred: Sequence[Relation]) -> list[int | None]:
    """One-to-one greedy matching in document order: for each gold, the index of its pred."""
    used: set[int] = set()
    found: list[int | None] = []
    for g in gold:
        match = next(
            (j for j, p in enumerate(pred) if j not in used and relation_matches(g, p)), None
        )
        if match is not None:
            used.add(match)
        found.append(match)
    return found
