"""Tone: VADER per sentence of the spaCy parse, aggregated per paragraph, attribution,
source and voice; loaded words and hedges marked."""

from .analyzer import ToneAnalyzer
from .scoring import NEUTRAL, label_for, score, weighted_mean
from .spans import quotation_spans

__all__ = ["NEUTRAL", "ToneAnalyzer", "label_for", "quotation_spans", "score", "weighted_mean"]
