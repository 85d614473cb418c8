"""A Matcher that reads only the stretches of a paragraph where a match could be.

spaCy's Matcher tries every pattern at every token, and tests a set (IN) or a regex in
Python each time. When every pattern needs one of a few rare words (the anchors: a colon,
a quote mark, "some" or "critics") and no match can be longer than a few tokens, only the
tokens around the anchors need reading: the matches are the same.
"""

from __future__ import annotations

import re

from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

# A token's repetitions in a pattern, "{2,4}" and the like, as spaCy writes them.
_REPEATS = re.compile(r"\{(\d*)(,?)(\d*)\}")


def longest_match(pattern: list[dict]) -> int | None:
    """The most tokens a match of the pattern can span; None if it has no bound ("*", "+",
    "{2,}")."""
    longest = 0
    for token in pattern:
        op = token.get("OP", "1")
        if op in ("1", "!", "?"):
            longest += 1
            continue
        repeats = _REPEATS.fullmatch(op)
        if repeats is None:  # "*" or "+"
            return None
        low, comma, high = repeats.groups()
        if comma and not high:
            return None
        longest += int(high or low)
    return longest


def _required(token: dict) -> bool:
    """Whether every match of a pattern holds this token of it."""
    op = token.get("OP", "1")
    if op in ("1", "+"):
        return True
    repeats = _REPEATS.fullmatch(op)
    return repeats is not None and int(repeats.group(1) or 0) >= 1


def _anchor_value(value) -> int:
    """The number spaCy's arrays hold for a pattern's value: a string's hash, a flag's 0 or 1."""
    return get_string_id(value) if isinstance(value, str) else int(value)


class AnchoredMatcher:
    """A Matcher all of whose patterns need a token with the attribute `attr` (a name such
    as "ORTH" or "LOWER") at one of `values`, and span a bounded number of tokens. It runs
    the Matcher on the stretches around those tokens only, and gives its matches as it
    would on the whole paragraph (their order aside)."""

    def __init__(self, vocab: Vocab, attr: str, values):
        self.matcher = Matcher(vocab)
        self.attr_name = attr
        self.attr = IDS[attr]
        self.values = {_anchor_value(v) for v in values}
        # The most tokens a match holds before its anchor token, and after it.
        self.before = self.after = 0

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        for pattern in patterns:
            if not any(self._is_anchor(token) for token in pattern):
                raise ValueError(f"{key}: a pattern without an anchor token ({self.attr_name})")
            reach = self._reach(pattern)
            if reach is None:
                raise ValueError(f"{key}: a pattern of unbounded length")
            self.before = max(self.before, reach[0])
            self.after = max(self.after, reach[1])
        self.matcher.add(key, patterns)

    def _reach(self, pattern: list[dict]) -> tuple[int, int] | None:
        """The most tokens a match of the pattern holds before and after the first token its
        first anchor token matched; None if unbounded. A colon label's colon ends it: all its
        tokens are before."""
        k = next(k for k, token in enumerate(pattern) if self._is_anchor(token))
        before, rest = longest_match(pattern[:k]), longest_match(pattern[k:])
        return None if before is None or rest is None else (before, rest - 1)

    def _is_anchor(self, token: dict) -> bool:
        """A token the pattern can't match without, whose value is one of the anchors."""
        if not _required(token):
            return False
        value = token.get(self.attr_name)
        if isinstance(value, dict):
            wanted = value.get("IN")
            return wanted is not None and all(_anchor_value(v) in self.values for v in wanted)
        return value is not None and _anchor_value(value) in self.values

    def anchors(self, doc: Doc) -> list[int]:
        """The paragraph's anchor tokens, in order."""
        column = doc.to_array(self.attr).tolist()
        values = self.values
        if values.isdisjoint(column):  # most paragraphs: no token looked at in Python
            return []
        return [i for i, value in enumerate(column) if value in values]

    def __call__(self, doc: Doc, anchors: list[int] | None = None) -> list[tuple[int, int, int]]:
        """(match_id, start, end) as Matcher gives them; `anchors` are the paragraph's, for a
        caller that has them."""
        anchors = self.anchors(doc) if anchors is None else anchors
        # Each match lies within `before` tokens before one of its anchor tokens and `after`
        # after it. Windows that meet are read as one.
        windows: list[list[int]] = []
        for i in anchors:
            start, end = max(0, i - self.before), min(len(doc), i + self.after + 1)
            if windows and start <= windows[-1][1]:
                windows[-1][1] = end
            else:
                windows.append([start, end])
        return [
            (match_id, first + start, first + end)
            for first, last in windows
            for match_id, start, end in self.matcher(doc[first:last])
        ]
