"""Tone of paragraphs and of stretches of them, from the sentences of the existing parse."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .markers import MarkerFinder
from .scoring import Scored, score, weighted_mean, word_count
from .spans import Span, merge


class ToneAnalyzer:
    """VADER per sentence of a spaCy parse; the pipeline builds one per process."""

    def __init__(self, nlp: Language):
        self.marker_finder = MarkerFinder(nlp)

    def pieces(self, doc: Doc, spans: Iterable[Span]) -> list[Scored]:
        """Scores of the given stretches, sentence by sentence, each weighted by its words.

        Stretches within one sentence are scored together, so a quote interrupted by
        "he said" keeps its negation; stretches in different sentences are scored apart.
        """
        spans = merge(spans)
        text = doc.text
        scored = []
        for sent in doc.sents:
            parts = [
                text[max(start, sent.start_char) : min(end, sent.end_char)].strip()
                for start, end in spans
                if start < sent.end_char and end > sent.start_char
            ]
            joined = " ".join(p for p in parts if p)
            words = word_count(joined)
            if words:
                scored.append((score(joined), words))
        return scored

    def paragraph(self, doc: Doc) -> dict:
        """Paragraph tone: sentence scores averaged, weighted by sentence length in words."""
        return weighted_mean(self.pieces(doc, [(0, len(doc.text))]))

    def of_spans(self, doc: Doc, spans: Iterable[Span]) -> dict | None:
        """Tone of some stretches of a paragraph (what a source says); None if no words."""
        pieces = self.pieces(doc, spans)
        return weighted_mean(pieces) if pieces else None

    def markers(self, doc: Doc, others_voice: Iterable[Span] = ()) -> list[dict]:
        """Loaded words anywhere, hedges in the outlet's voice: outside quotation marks and
        outside `others_voice`, the spans of what attributed sources say."""
        return self.marker_finder.find(doc, others_voice)
