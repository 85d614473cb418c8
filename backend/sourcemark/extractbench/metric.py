"""The article-extraction-benchmark's score, as its evaluate.py defines it.

A text becomes shingles: 4-grams of its `\\w+` tokens (a text of fewer than 4 tokens is one
shorter shingle). Per page, true positives, false positives and false negatives are counted
over the shingle multisets and normalised to sum to 1, so long pages weigh no more than short
ones. Precision and recall are averaged over pages; F1 is taken from the two means.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..evaluation.spans import f1_score

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class PageCounts:
    """True positive, false positive and false negative shares of one page (sum 1 or 0)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """None when the page predicted nothing: such a page is left out of the mean."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """None when the page expected nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        return f1_score(self.precision or 0.0, self.recall or 0.0)


def page_counts(expected: str, predicted: str) -> PageCounts:
    want, got = shingles(expected), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    pages: int


def scores(pages: Iterable[PageCounts]) -> Scores:
    pages = list(pages)
    # As in the benchmark: a page that predicted nothing counts for recall (as 0) but not for
    # precision.
    precisions = [p.precision for p in pages if p.precision is not None]
    recalls = [p.recall for p in pages if p.recall is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    return Scores(precision, recall, f1_score(precision, recall), len(pages))
