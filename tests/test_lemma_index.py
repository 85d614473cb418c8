"""The lemmatizer's index held in sets, and its lemmas looked up a doc at a time: the same
lemmas, and the same annotations, as the stock model's."""

import pytest
import spacy
from spacy.lang.en.lemmatizer import EnglishLemmatizer

from sourcemark import lemma_index
from sourcemark.lemma_index import ArrayLemmatizer, lemmatize_in_arrays

from .stock_model import (
    annotations,
    dev_paragraphs,
    fixture_paragraphs,
    load_stock,
    parsed_up_to,
    token_annotations,
)


@pytest.fixture(scope="module")
def stock():
    return load_stock()


@pytest.fixture(scope="module")
def ours():
    """The stock model with this module's lemmatizer, and nothing else of the pipeline's."""
    nlp = load_stock()
    lemmatize_in_arrays(nlp)
    return nlp


def test_the_pipeline_looks_lemmas_up_in_sets_and_the_stock_model_in_lists(pipeline, stock):
    ours = pipeline.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    theirs = stock.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert list(ours) == list(theirs)
    for part_of_speech in ours:
        assert isinstance(ours[part_of_speech], frozenset)
        assert isinstance(theirs[part_of_speech], list)
        assert ours[part_of_speech] == set(theirs[part_of_speech])


def test_the_pipeline_lemmatizes_in_arrays(pipeline, stock):
    assert type(pipeline.nlp.get_pipe("lemmatizer")) is ArrayLemmatizer
    assert type(stock.get_pipe("lemmatizer")) is EnglishLemmatizer


def test_the_fixture_gets_the_stock_annotations(pipeline, ours, stock):
    paragraphs = fixture_paragraphs()
    theirs = annotations(stock, paragraphs)
    assert annotations(ours, paragraphs) == theirs
    assert annotations(pipeline.nlp, paragraphs) == theirs


@pytest.mark.data
def test_dev_articles_get_the_stock_annotations(pipeline, ours, stock, data_dir):
    paragraphs = dev_paragraphs(data_dir)
    theirs = annotations(stock, paragraphs)
    assert annotations(ours, paragraphs) == theirs
    assert annotations(pipeline.nlp, paragraphs) == theirs


TEXTS = [
    "Ducks swim in winter, and the geese were flying south.",
    "They found it, and want to found a school. She saw the saw.",
    "",
]


def lemmatized_both_ways(nlp, texts: list[str] = TEXTS):
    """The texts parsed up to the lemmatizer, each lemmatized by ArrayLemmatizer and as
    spaCy's EnglishLemmatizer does it, with the same tables."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    parsed = parsed_up_to(nlp, "lemmatizer", texts)
    parsed[0][1].lemma_ = "preset"  # set before, as the attribute ruler sets some
    written = [lemmatizer(doc.copy()) for doc in parsed]
    expected = [EnglishLemmatizer.__call__(lemmatizer, doc.copy()) for doc in parsed]
    return written, expected


def lemmas(docs) -> list[list[str]]:
    return [[t.lemma_ for t in doc] for doc in docs]


def test_a_lemma_already_set_is_kept_unless_the_lemmatizer_overwrites(ours, monkeypatch):
    written, expected = lemmatized_both_ways(ours)
    assert lemmas(written)[0][:4] == ["duck", "preset", "in", "winter"]
    assert lemmas(written) == lemmas(expected)
    monkeypatch.setattr(ours.get_pipe("lemmatizer"), "overwrite", True)
    written, expected = lemmatized_both_ways(ours)
    assert lemmas(written)[0][:4] == ["duck", "swim", "in", "winter"]
    assert lemmas(written) == lemmas(expected)
    assert [token_annotations(d) for d in written] == [token_annotations(d) for d in expected]


def test_a_word_is_lemmatized_by_its_part_of_speech_and_morphology(ours):
    written, expected = lemmatized_both_ways(ours)
    found = [(t.pos_, str(t.morph), t.lemma_) for t in written[1] if t.text == "found"]
    assert found == [("VERB", "Tense=Past|VerbForm=Fin", "find"), ("VERB", "VerbForm=Inf", "found")]
    saw = [(t.pos_, t.lemma_) for t in written[1] if t.text == "saw"]
    assert saw == [("VERB", "see"), ("NOUN", "saw")]
    assert lemmas(written) == lemmas(expected)


def test_the_table_is_emptied_when_full(ours, monkeypatch):
    lemmatizer = ours.get_pipe("lemmatizer")
    monkeypatch.setattr(lemmatizer, "lemma_of", {})
    monkeypatch.setattr(lemma_index, "LEMMAS_KEPT", 3)
    written, expected = lemmatized_both_ways(ours)
    assert 0 < len(lemmatizer.lemma_of) <= 3
    assert lemmas(written) == lemmas(expected)


def test_only_english_rule_lemmatizers_are_replaced():
    nlp = spacy.blank("en")
    lookup = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lemmatize_in_arrays(nlp)
    assert type(lookup) is EnglishLemmatizer
