"""The attribute ruler's rules looked up in tables: the same matches as spaCy's Matcher."""

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from sourcemark.attribute_index import IndexedRules
from sourcemark.documents import split_paragraphs
from sourcemark.pipeline import find_model

from .conftest import FIXTURES

DEV_ARTICLES = 20


def stock_matches(ruler: AttributeRuler, doc):
    return AttributeRuler.match(ruler, doc)  # the class's own, past the instance's


@pytest.fixture(scope="module")
def stock():
    return spacy.load(find_model())


def parsed_up_to_the_ruler(nlp, paragraphs: list[str]):
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    with nlp.select_pipes(enable=before):
        return list(nlp.pipe(paragraphs))


def test_the_pipeline_finds_the_rules_matches_in_tables(pipeline):
    ruler = pipeline.nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, IndexedRules)
    # Only the rules of several tokens or with regexes are left to a Matcher.
    assert 0 < len(ruler.match.matcher) < len(ruler.attrs) / 10


def test_the_fixture_gets_the_stock_rules_matches(stock):
    paragraphs = split_paragraphs((FIXTURES / "article.txt").read_text(encoding="utf-8"))
    ruler = stock.get_pipe("attribute_ruler")
    indexed = IndexedRules(ruler)
    docs = parsed_up_to_the_ruler(stock, paragraphs)
    assert [indexed(doc) for doc in docs] == [stock_matches(ruler, doc) for doc in docs]
    assert sum(len(indexed(doc)) for doc in docs) > sum(len(doc) for doc in docs)


@pytest.mark.data
def test_dev_articles_get_the_stock_rules_matches(stock, data_dir):
    dev = sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))[:DEV_ARTICLES]
    paragraphs = [p for path in dev for p in split_paragraphs(path.read_text(encoding="utf-8"))]
    ruler = stock.get_pipe("attribute_ruler")
    indexed = IndexedRules(ruler)
    docs = parsed_up_to_the_ruler(stock, paragraphs)
    assert [indexed(doc) for doc in docs] == [stock_matches(ruler, doc) for doc in docs]


RULES = [
    ([[{"TAG": "NN"}]], {"POS": "NOUN"}),
    ([[{"LOWER": "ducks", "TAG": "NNS"}]], {"LEMMA": "duck"}),
    ([[{"text": "Ducks"}]], {"POS": "PROPN"}),  # the other name and case of ORTH
    ([[{"LOWER": {"IN": ["swim", "swims"]}}]], {"POS": "VERB"}),
    ([[{"TAG": "NNS", "LOWER": {"NOT_IN": ["ducks"]}}]], {"POS": "NOUN"}),
    ([[{"IS_SPACE": True}]], {"POS": "SPACE"}),
    ([[{"LOWER": "in"}, {"LOWER": "winter"}]], {"POS": "ADP"}),
    ([[{"LOWER": {"REGEX": "^w.*r$"}}]], {"POS": "X"}),
    ([[{"TAG": "NN"}], [{"LOWER": "winter"}]], {"POS": "PROPN"}),  # later, so it wins
    ([[{"DEP": {"NOT_IN": ["nsubj"]}}]], {"MORPH": "Foo=Bar"}),  # nothing to look up by
]


@pytest.fixture
def ruler(stock):
    ruler = AttributeRuler(stock.vocab)
    for patterns, attrs in RULES:
        ruler.add(patterns, attrs)
    return ruler


def test_each_shape_of_rule_matches_as_the_matcher_does(stock, ruler):
    docs = list(stock.pipe(["Ducks swim in winter, and other birds  swim too.", "Winter"]))
    indexed = IndexedRules(ruler)
    assert [indexed(doc) for doc in docs] == [stock_matches(ruler, doc) for doc in docs]
    rules_matched = {rule for doc in docs for rule, *_ in indexed(doc)}
    assert rules_matched == set(range(len(RULES)))
    # The rules of several tokens, with regexes or with nothing to look up stay in a Matcher.
    assert len(indexed.matcher) == 3


def test_an_empty_doc_has_no_matches(stock, ruler):
    assert IndexedRules(ruler)(stock.make_doc("")) == []
