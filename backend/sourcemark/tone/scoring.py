"""VADER scores for pieces of text, and their length-weighted means."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from .vader import LinearVader

NEUTRAL = {"compound": 0.0, "pos": 0.0, "neu": 1.0, "neg": 0.0, "label": "neutral"}
Scored = tuple[dict, int]  # a VADER score and its weight in words

# VADER strips only ASCII punctuation from words, so “horrific” or don’t would miss the
# lexicon and the negation list; dashes would glue two words into one. Map typography to
# what VADER expects (for scoring only: offsets always refer to the original text).
PLAIN_PUNCTUATION = {
    **dict.fromkeys("“”„‟«»〝〞", '"'),
    **dict.fromkeys("‘’‚‛‹›′", "'"),
    **dict.fromkeys("–—―", " "),
}
# Emoji presentation selectors would hide ❤️ from VADER's emoji table.
_TYPOGRAPHY = {**PLAIN_PUNCTUATION, "\ufe0e": "", "\ufe0f": ""}


@cache
def vader() -> LinearVader:
    """One analyser per process: loading its lexicons takes a while."""
    return LinearVader()


def label_for(compound: float) -> str:
    """VADER's standard thresholds."""
    if compound >= 0.05:
        return "positive"
    if compound <= -0.05:
        return "negative"
    return "neutral"


def word_count(text: str) -> int:
    return len(text.split())


def score(text: str) -> dict:
    """VADER's scores for a text, with its typography normalised; negation as VADER has it."""
    return vader().polarity_scores(plain_typography(text))


def plain_typography(text: str) -> str:
    """The text with _TYPOGRAPHY's characters replaced. Each is replaced where the text holds
    it: str.translate looks every character of a non-ASCII text up in its table, several
    times slower. The replacements are ASCII, so none is replaced again."""
    return text if text.isascii() else replaced(text, _TYPOGRAPHY)


def replaced(text: str, table: dict[str, str]) -> str:
    """The text with each of the table's characters it holds replaced by the table's ASCII
    string for it (none of which is replaced again)."""
    for char, plain in table.items():
        if char in text:
            text = text.replace(char, plain)
    return text


def weighted_mean(scores: Iterable[Scored]) -> dict:
    """Mean of VADER score dicts weighted by a length; neutral when there is nothing."""
    totals = {"compound": 0.0, "pos": 0.0, "neu": 0.0, "neg": 0.0}
    weight_sum = 0.0
    for scored, weight in scores:
        if weight <= 0:
            continue
        weight_sum += weight
        for key in totals:
            totals[key] += scored[key] * weight
    if weight_sum == 0:
        return dict(NEUTRAL)
    mean = {key: round(value / weight_sum, 4) for key, value in totals.items()}
    mean["label"] = label_for(mean["compound"])
    return mean
