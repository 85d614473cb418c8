"""Tone of paragraphs and of stretches of them, from the sentences of the existing parse."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..attribution.invisible import text_of
from ..linear_spacy import sentence_spans
from .markers import MarkerFinder
from .scoring import Scored, score, weighted_mean, word_count
from .spans import Span, SpanIndex, merge, quotation_spans


class Sentences(SpanIndex):
    """A paragraph's text and its sentences as character spans: build it once per
    paragraph (spaCy joins doc.text anew on every access). It keeps the VADER scores of
    the stretches scored so far: a report scores many a sentence twice or more, for the
    paragraph, for a source that says all of it, and for the outlet's or the sources' voice.
    """

    def __init__(self, doc: Doc, text: str | None = None):
        """`text` is doc.text, for a caller that has it."""
        self.text = text_of(doc) if text is None else text
        super().__init__(sentence_spans(doc))
        # A stretch's text -> its score and words (None: no words to score).
        self.scores: dict[str, Scored | None] = {}
        self._quotations: list[Span] | None = None

    @property
    def quotations(self) -> list[Span]:
        """The paragraph's text inside quotation marks (spans.quotation_spans), found once."""
        if self._quotations is None:
            self._quotations = quotation_spans(self.text)
        return self._quotations


class ToneAnalyzer:
    """VADER per sentence of a spaCy parse; the pipeline builds one per process.

    Each method takes the paragraph's Sentences, or builds them: callers that score many
    stretches of one paragraph pass them, so that the work grows with the stretches'
    sentences, not with the paragraph's.
    """

    def __init__(self, nlp: Language):
        self.marker_finder = MarkerFinder(nlp)

    def pieces(
        self, doc: Doc, spans: Iterable[Span], sentences: Sentences | None = None
    ) -> list[Scored]:
        """Scores of the given stretches, sentence by sentence, each weighted by its words.

        Stretches within one sentence are scored together, so a quote interrupted by
        "he said" keeps its negation; stretches in different sentences are scored apart.
        """
        sentences = sentences if sentences is not None else Sentences(doc)
        text = sentences.text
        parts: dict[int, list[str]] = {}  # sentence position -> its stretches, in order
        for start, end in merge(spans):
            for i in sentences.overlapping((start, end)):
                sent_start, sent_end = sentences.spans[i]
                parts.setdefault(i, []).append(text[max(start, sent_start) : min(end, sent_end)])
        scored = []
        for i in sorted(parts):
            joined = " ".join(p for p in (part.strip() for part in parts[i]) if p)
            if joined not in sentences.scores:
                words = word_count(joined)
                sentences.scores[joined] = (score(joined), words) if words else None
            known = sentences.scores[joined]
            if known is not None:
                scored.append(known)
        return scored

    def paragraph(self, doc: Doc, sentences: Sentences | None = None) -> dict:
        """Paragraph tone: sentence scores averaged, weighted by sentence length in words."""
        sentences = sentences if sentences is not None else Sentences(doc)
        return weighted_mean(self.pieces(doc, [(0, len(sentences.text))], sentences))

    def of_spans(
        self, doc: Doc, spans: Iterable[Span], sentences: Sentences | None = None
    ) -> dict | None:
        """Tone of some stretches of a paragraph (what a source says); None if no words."""
        pieces = self.pieces(doc, spans, sentences)
        return weighted_mean(pieces) if pieces else None

    def markers(
        self, doc: Doc, others_voice: Iterable[Span] = (), sentences: Sentences | None = None
    ) -> list[dict]:
        """Loaded words anywhere, hedges in the outlet's voice: outside quotation marks and
        outside `others_voice`, the spans of what attributed sources say."""
        if sentences is None:
            return self.marker_finder.find(doc, text_of(doc), others_voice)
        return self.marker_finder.find(doc, sentences.text, others_voice, sentences.quotations)
