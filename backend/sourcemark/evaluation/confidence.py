"""Is `confidence` calibrated? Each attribution judged against PolNeAR, then binned.

An attribution is right when its cue, source and content match an attribution PolNeAR marks
(the linked metric's match; a quote carried on from an earlier one is right when that one
is and its own text lies in the matched content), and its source type is the one
polnear_source_types gives that source. Types are labelled for a random sample of sources
only, so a bin's share right is estimated as (share linked) x (share typed right among the
linked ones whose source is labelled).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from .articles import Predicted, join_continuations
from .spans import Relation, linked_matches, overlaps
from .table import render

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0)
HIGH = 0.8  # issue 14: of attributions given at least this, at least GOAL are right
GOAL = 0.90


@dataclass
class Judged:
    confidence: float
    linked: bool
    typed_right: bool | None  # None: the source's type is not labelled (or not linked)
    features: dict[str, float] | None = None  # what the engine knew, when recorded


class Recorder:
    """Stands in for the engine's calibrator and keeps the features of each attribution,
    in the order the engine made them (the contract's order)."""

    def __init__(self, calibrator):
        self.calibrator = calibrator
        self.seen: list[dict[str, float]] = []

    def __call__(self, x: dict[str, float]) -> float:
        self.seen.append(x)
        return self.calibrator(x)


def judge(gold: list[Relation], predicted: list[Predicted], labels: list[dict]) -> list[Judged]:
    """Each prediction (in the order given, quotes carried on included) judged against one
    article's PolNeAR attributions and source-type labels."""
    joined = join_continuations(predicted)
    matches = linked_matches(gold, [p.relation for p in joined])
    gold_of = {joined[j].id: gold[g] for g, j in enumerate(matches) if j is not None}
    out = []
    for p in predicted:
        root = gold_of.get(p.continues or p.id)
        linked = root is not None and (
            p.continues is None or overlaps(p.relation.content, root.content)
        )
        typed = None
        if linked:
            label = next(
                (x for x in labels if overlaps(((x["start"], x["end"]),), root.source)), None
            )
            if label is not None:
                typed = p.source_type == label["type"]
        out.append(Judged(p.confidence or 0.0, linked, typed))
    return out


def _bin(judged: list[Judged], low: float, high: float) -> list[Judged]:
    top = high >= BINS[-1]
    return [j for j in judged if low <= j.confidence < high or (top and j.confidence == high)]


def share_right(judged: list[Judged]) -> tuple[float, float, int, float]:
    """(share linked, share typed right among the labelled linked, how many, estimate)."""
    if not judged:
        return 0.0, 0.0, 0, 0.0
    linked = sum(j.linked for j in judged) / len(judged)
    labelled = [j.typed_right for j in judged if j.typed_right is not None]
    typed = sum(labelled) / len(labelled) if labelled else 1.0
    return linked, typed, len(labelled), linked * typed


def reliability_table(judged: list[Judged], title: str) -> str:
    rows = []
    for low, high in pairwise(BINS):
        found = _bin(judged, low, high)
        mean = sum(j.confidence for j in found) / len(found) if found else 0.0
        linked, typed, labelled, right = share_right(found)
        rows.append(
            [f"{low:.1f}-{high:.1f}", len(found), mean, linked, f"{typed:.3f} of {labelled}", right]
        )
    high = [j for j in judged if j.confidence >= HIGH]
    linked, typed, labelled, right = share_right(high)
    rows.append([f">= {HIGH}", len(high), "", linked, f"{typed:.3f} of {labelled}", right])
    header = [title, "n", "mean conf", "linked", "type right", "right (est.)"]
    note = (
        f"(right: cue, source and content match PolNeAR and the source type its label; goal: "
        f"right >= {GOAL} among confidence >= {HIGH})"
    )
    return f"{render(header, rows)}\n{note}"
