"""Tone: VADER sentiment per sentence, aggregated per paragraph and per span of text."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

NEUTRAL = {"compound": 0.0, "pos": 0.0, "neu": 1.0, "neg": 0.0, "label": "neutral"}


def label_for(compound: float) -> str:
    """VADER's standard thresholds."""
    if compound >= 0.05:
        return "positive"
    if compound <= -0.05:
        return "negative"
    return "neutral"


def weighted_mean(scores: Iterable[tuple[dict, float]]) -> dict:
    """Mean of VADER score dicts weighted by a length; neutral when there is nothing."""
    totals = {"compound": 0.0, "pos": 0.0, "neu": 0.0, "neg": 0.0}
    weight_sum = 0.0
    for score, weight in scores:
        if weight <= 0:
            continue
        weight_sum += weight
        for key in totals:
            totals[key] += score[key] * weight
    if weight_sum == 0:
        return dict(NEUTRAL)
    mean = {key: round(value / weight_sum, 4) for key, value in totals.items()}
    mean["label"] = label_for(mean["compound"])
    return mean


def _word_count(text: str) -> int:
    return len(text.split())


class ToneAnalyzer:
    """One VADER analyser per process; sentences come from the spaCy parse."""

    def __init__(self) -> None:
        self.vader = SentimentIntensityAnalyzer()

    def score_text(self, text: str) -> dict:
        return self.vader.polarity_scores(text)

    def paragraph(self, doc: Doc) -> dict:
        """Paragraph tone: sentence scores averaged, weighted by sentence length in words."""
        return weighted_mean(
            (self.score_text(sent.text), _word_count(sent.text)) for sent in doc.sents
        )

    def spans(self, text: str, spans: Iterable[tuple[int, int]]) -> dict:
        """Tone of some stretches of one text (a quote's pieces), weighted by length."""
        pieces = [text[start:end] for start, end in spans]
        return weighted_mean((self.score_text(p), _word_count(p)) for p in pieces if p.strip())

    def markers(self, doc: Doc) -> list[dict]:
        """Loaded and hedge words. Filled by the tone work (issue 3)."""
        return []
