"""The lemmatizer's index held in sets: the same lemmas as the stock model's lists."""

import pytest
import spacy

from sourcemark.attribution.names import keep_titles_whole
from sourcemark.documents import split_paragraphs
from sourcemark.pipeline import find_model

from .conftest import FIXTURES

DEV_ARTICLES = 20


def lemmas(nlp, paragraphs: list[str]) -> list[list[str]]:
    return [[t.lemma_ for t in doc] for doc in nlp.pipe(paragraphs)]


@pytest.fixture(scope="module")
def stock():
    nlp = spacy.load(find_model())
    keep_titles_whole(nlp)  # the same tokens as the pipeline's, so only lemmas can differ
    return nlp


def test_the_pipeline_looks_lemmas_up_in_sets_and_the_stock_model_in_lists(pipeline, stock):
    ours = pipeline.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    theirs = stock.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert list(ours) == list(theirs)
    for part_of_speech in ours:
        assert isinstance(ours[part_of_speech], frozenset)
        assert isinstance(theirs[part_of_speech], list)
        assert ours[part_of_speech] == set(theirs[part_of_speech])


def test_the_fixture_gets_the_stock_lemmas(pipeline, stock):
    paragraphs = split_paragraphs((FIXTURES / "article.txt").read_text(encoding="utf-8"))
    assert lemmas(pipeline.nlp, paragraphs) == lemmas(stock, paragraphs)


@pytest.mark.data
def test_dev_articles_get_the_stock_lemmas(pipeline, stock, data_dir):
    dev = sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))[:DEV_ARTICLES]
    paragraphs = [p for path in dev for p in split_paragraphs(path.read_text(encoding="utf-8"))]
    assert lemmas(pipeline.nlp, paragraphs) == lemmas(stock, paragraphs)
