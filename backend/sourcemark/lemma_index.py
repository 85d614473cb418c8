"""spaCy's rule lemmatizer, made cheaper: the same lemmas (tests/test_lemma_index.py).

Its index of known lemmas is held in sets rather than lists, and a doc's lemmas are found
in a table by word, part of speech and morphology, instead of a walk over the tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

if TYPE_CHECKING:
    from spacy.language import Language

# What a rule lemma depends on, and the lemma already set (by the attribute ruler).
LEMMA_KEY = [ORTH, POS, MORPH, LEMMA]
# The table is emptied when it holds this many lemmas (about 10 MB, at 200 bytes each): the
# seed and 20 dev articles fill 3,900.
LEMMAS_KEPT = 50_000


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


class ArrayLemmatizer(EnglishLemmatizer):
    """The English rule lemmatizer, a doc at a time.

    spaCy's walks the tokens in Python and asks rule_lemmatize about each, whose cache keeps
    only the lemmas its rules made: a singular noun or a verb's base form (most words) goes
    through is_base_form and its morphology dict every time. A rule lemma depends on the
    word, its part of speech and its morphology alone, so this reads them for the whole doc
    in one Doc.to_array, looks the lemma up in a table kept across docs, asks rule_lemmatize
    only on first sight, and writes the lemmas back in one Doc.from_array. Over the seed and
    20 dev articles: 0.030 s instead of 0.055 s with empty caches, 0.008 s instead of 0.047 s
    once every word has been seen.
    """

    lemma_of: dict[tuple[int, int, int], int]  # the lemma's hash by (ORTH, POS, MORPH)

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            strings = doc.vocab.strings
            lemmas = []
            for i, (orth, pos, morph, lemma) in enumerate(doc.to_array(LEMMA_KEY).tolist()):
                if lemma and not self.overwrite:
                    lemmas.append(lemma)
                    continue
                key = (orth, pos, morph)
                found = self.lemma_of.get(key)
                if found is None:
                    if len(self.lemma_of) >= LEMMAS_KEPT:
                        self.lemma_of.clear()
                    # A hash is enough: the StringStore keeps every string it is given.
                    found = self.lemma_of[key] = strings.add(self.lemmatize(doc[i])[0])
                lemmas.append(found)
            if lemmas:
                doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)


def lemmatize_in_arrays(nlp: Language) -> None:
    """Make each English rule lemmatizer of nlp an ArrayLemmatizer, its tables as they are.

    Other lemmatizers, subclasses included, may read more of a token, and are left alone.
    """
    for _, component in nlp.pipeline:
        if type(component) is EnglishLemmatizer and component.mode == "rule":
            # spaCy calls a component through its class's __call__, not the instance's.
            component.__class__ = ArrayLemmatizer
            component.lemma_of = {}
