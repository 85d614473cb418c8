"""Runs the attribution steps over an article's parsed paragraphs."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class AttributionEngine:
    """Finds attributions in an article.

    `analyze(docs)` takes one parsed Doc per paragraph, in order, and returns
    (per-paragraph lists of attributions in the contract's shape, the article's roster
    of sources as {"id", "name", "type"} dicts).
    """

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def analyze(self, docs: list[Doc]) -> tuple[list[list[dict]], list[dict]]:
        return [[] for _ in docs], []
