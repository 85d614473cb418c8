"""Character spans: (start, end) in code points, end exclusive, and quotation-mark spans."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    """The parts of spans that no hole covers."""
    holes = merge(holes)
    left: list[Span] = []
    for start, end in merge(spans):
        for hole_start, hole_end in holes:
            if hole_end <= start or hole_start >= end:
                continue
            if hole_start > start:
                left.append((start, hole_start))
            start = max(start, hole_end)
        if start < end:
            left.append((start, end))
    return left


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in others)


# '' is how some archives (the NYT's among them) write a double quotation mark.
_MARKS = re.compile(r"''|[\"“”„«»‘’]")
_CLOSERS = {'"': "\"”''", "''": "\"”''", "“": "\"”''", "„": '“”"', "«": "»", "‘": "’"}


def quotation_spans(text: str) -> list[Span]:
    """The text inside quotation marks, without the marks.

    A quote left open runs to the end of the paragraph: that is how a quotation that goes
    on into the next paragraph is written. ’ closes ‘ only where it is not an apostrophe
    inside a word (Russia’s), and a lone ’ or ' is always taken for an apostrophe.
    """
    spans: list[Span] = []
    opener: str | None = None
    inside_from = 0
    for match in _MARKS.finditer(text):
        mark = match.group()
        if opener is None:
            # ‘90s: a typographer's apostrophe, not a quotation.
            if mark in _CLOSERS and not (
                mark == "‘" and text[match.end() : match.end() + 1].isdigit()
            ):
                opener, inside_from = mark, match.end()
        elif mark in _CLOSERS[opener]:
            if mark == "’" and text[match.end() : match.end() + 1].isalnum():
                continue
            spans.append((inside_from, match.start()))
            opener = None
    if opener is not None:
        spans.append((inside_from, len(text)))
    return [s for s in spans if s[1] > s[0]]
