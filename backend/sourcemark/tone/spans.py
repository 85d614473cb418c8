"""Character spans: (start, end) in code points, end exclusive, and quotation-mark spans."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

Span = tuple[int, int]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping, non-empty spans covering the same characters."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def subtract(spans: Iterable[Span], holes: Iterable[Span]) -> list[Span]:
    """The parts of spans that no hole covers (one sweep over both, sorted)."""
    holes = merge(holes)
    left: list[Span] = []
    first = 0  # holes before this one end before every span still to come
    for start, end in merge(spans):
        while first < len(holes) and holes[first][1] <= start:
            first += 1
        k = first
        while k < len(holes) and holes[k][0] < end:
            hole_start, hole_end = holes[k]
            if hole_start > start:
                left.append((start, hole_start))
            start = max(start, hole_end)
            k += 1
        if start < end:
            left.append((start, end))
    return left


class SpanIndex:
    """Sorted, non-overlapping spans (sentences, or merged spans), found by bisection."""

    def __init__(self, spans: list[Span]):
        self.spans = spans
        self._ends = [end for _, end in spans]

    def overlapping(self, span: Span) -> Iterator[int]:
        """Positions of the spans that share a character with `span`, in order."""
        i = bisect_right(self._ends, span[0])  # the first that ends after span starts
        while i < len(self.spans) and self.spans[i][0] < span[1]:
            yield i
            i += 1

    def overlaps(self, span: Span) -> bool:
        return next(self.overlapping(span), None) is not None


# '' is how some archives (the NYT's among them) write a double quotation mark.
_MARKS = re.compile(r"''|[\"“”„«»'‘’]")
_PLAIN_CLOSERS = ('"', "”", "''")
_DOUBLE_CLOSERS = {
    '"': _PLAIN_CLOSERS,
    "''": _PLAIN_CLOSERS,
    "“": _PLAIN_CLOSERS,
    "„": ("“", "”", '"'),
    "«": ("»",),
}
_SINGLE = "'‘’"
_BEFORE_OPENING = '([{“"—–-/'


def _opens_single(text: str, start: int, end: int) -> bool:
    """' or ‘ after a space and before a word, not an elided '90s."""
    before = text[start - 1] if start else " "
    after = text[end : end + 1]
    return (before.isspace() or before in _BEFORE_OPENING) and after.isalpha()


def _closes_single(text: str, start: int, end: int) -> bool:
    """' or ’ after a word and not inside one: Russia’s is an apostrophe."""
    return start > 0 and not text[start - 1].isspace() and not text[end : end + 1].isalnum()


def quotation_spans(text: str) -> list[Span]:
    """The text inside quotation marks, without the marks.

    A quote left open runs to the end of the paragraph: that is how a quotation that goes
    on into the next paragraph is written. Single marks count only where they cannot be
    apostrophes, and quotes nested in a quote belong to it.
    """
    spans: list[Span] = []
    opener: str | None = None
    inside_from = 0
    for match in _MARKS.finditer(text):
        mark, start, end = match.group(), match.start(), match.end()
        if opener is None:
            if mark in _DOUBLE_CLOSERS or (mark in ("'", "‘") and _opens_single(text, start, end)):
                opener, inside_from = mark, end
        elif (opener in _DOUBLE_CLOSERS and mark in _DOUBLE_CLOSERS[opener]) or (
            opener in _SINGLE and mark in ("'", "’") and _closes_single(text, start, end)
        ):
            spans.append((inside_from, start))
            opener = None
    if opener is not None:
        spans.append((inside_from, len(text)))
    return [s for s in spans if s[1] > s[0]]
