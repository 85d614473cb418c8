"""The attribute ruler's rules looked up in tables and their values written in arrays: the
same matches as spaCy's Matcher, the same annotations as its ruler."""

import pytest
from spacy.pipeline import AttributeRuler

from sourcemark.attribute_index import (
    ArrayWrites,
    IndexedRules,
    index_attribute_rules,
    write_attributes_in_arrays,
)

from .stock_model import (
    annotations,
    dev_paragraphs,
    fixture_paragraphs,
    load_stock,
    parsed_up_to,
    token_annotations,
)


def stock_matches(ruler: AttributeRuler, doc):
    return AttributeRuler.match(ruler, doc)  # the class's own, past the instance's


@pytest.fixture(scope="module")
def stock():
    return load_stock()


@pytest.fixture(scope="module")
def ours():
    """The stock model with this module's ruler, and nothing else of the pipeline's."""
    nlp = load_stock()
    index_attribute_rules(nlp)
    write_attributes_in_arrays(nlp)
    return nlp


def parsed_up_to_the_ruler(nlp, paragraphs: list[str]):
    return parsed_up_to(nlp, "attribute_ruler", paragraphs)


def test_the_pipeline_finds_the_rules_matches_in_tables(pipeline):
    ruler = pipeline.nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, IndexedRules)
    # Only the rules of several tokens or with regexes are left to a Matcher.
    assert 0 < len(ruler.match.matcher) < len(ruler.attrs) / 10
    assert isinstance(ruler.set_annotations, ArrayWrites)


def test_the_fixture_gets_the_stock_rules_matches(stock):
    paragraphs = fixture_paragraphs()
    ruler = stock.get_pipe("attribute_ruler")
    indexed = IndexedRules(ruler)
    docs = parsed_up_to_the_ruler(stock, paragraphs)
    assert [indexed(doc) for doc in docs] == [stock_matches(ruler, doc) for doc in docs]
    assert sum(len(indexed(doc)) for doc in docs) > sum(len(doc) for doc in docs)


@pytest.mark.data
def test_dev_articles_get_the_stock_rules_matches(stock, data_dir):
    paragraphs = dev_paragraphs(data_dir)
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


def test_the_fixture_gets_the_stock_annotations(stock, ours):
    paragraphs = fixture_paragraphs()
    assert annotations(ours, paragraphs) == annotations(stock, paragraphs)


@pytest.mark.data
def test_dev_articles_get_the_stock_annotations(stock, ours, data_dir):
    paragraphs = dev_paragraphs(data_dir)
    assert annotations(ours, paragraphs) == annotations(stock, paragraphs)


def test_all_the_english_rules_values_go_in_arrays(ours, monkeypatch):
    def refuse(*_):
        raise AssertionError("set the ruler's way")

    monkeypatch.setattr(AttributeRuler, "set_annotations", refuse)
    assert annotations(ours, fixture_paragraphs())


# Rules that set values, with the index of the token they set in the match.
WRITES = [
    ([[{"LOWER": {"IN": ["ducks", "birds"]}}]], {"POS": "NOUN", "MORPH": "Number=Plur"}, 0),
    ([[{"LOWER": "ducks"}]], {"POS": "PROPN"}, 0),  # later, so it wins over NOUN
    ([[{"LOWER": "in"}, {"LOWER": "winter"}]], {"LEMMA": "wintertime", "TAG": "NNP"}, 1),
    ([[{"LOWER": "swim"}, {"LOWER": "in"}]], {"LEMMA": "bathe"}, -2),
    ([[{"IS_SPACE": True}]], {"DEP": "dep"}, 0),
]
TEXT = "Ducks swim in winter, and other birds  swim too."


def ruler_of(vocab, rules) -> AttributeRuler:
    ruler = AttributeRuler(vocab)
    for patterns, attrs, index in rules:
        ruler.add(patterns, attrs, index=index)
    return ruler


def set_both_ways(stock, rules, text: str = TEXT):
    """The text parsed up to the ruler, with its matches set by ArrayWrites, and as the
    ruler sets them."""
    ruler = ruler_of(stock.vocab, rules)
    [parsed] = parsed_up_to_the_ruler(stock, [text])
    written, expected = parsed.copy(), parsed.copy()
    ArrayWrites(ruler)(written, stock_matches(ruler, written))
    AttributeRuler.set_annotations(ruler, expected, stock_matches(ruler, expected))
    return written, expected


def test_the_arrays_take_each_rules_values_in_the_rulers_order(stock):
    written, expected = set_both_ways(stock, WRITES)
    ducks, swim, winter, birds = written[0], written[1], written[3], written[7]
    assert (ducks.pos_, str(ducks.morph)) == ("PROPN", "Number=Plur")
    assert (birds.text, birds.pos_, str(birds.morph)) == ("birds", "NOUN", "Number=Plur")
    assert (winter.lemma_, winter.tag_) == ("wintertime", "NNP")  # the match's second token
    assert swim.lemma_ == "bathe"  # its first, counted from the end
    assert [t.dep_ for t in written if t.is_space] == ["dep"]
    assert token_annotations(written) == token_annotations(expected)
    assert [t.norm_ for t in written] == [t.norm_ for t in expected]


def test_a_doc_that_a_rule_of_other_values_matches_is_set_the_rulers_way(stock):
    # NORM goes on the token through set_token_attrs; POS after it, in the ruler's order.
    rules = [
        *WRITES,
        ([[{"LOWER": "birds"}]], {"NORM": "fowl", "POS": "X"}, 0),
        ([[{"LOWER": "birds"}]], {"POS": "PROPN"}, 0),
    ]
    written, expected = set_both_ways(stock, rules)
    birds = written[7]
    assert (birds.norm_, birds.pos_, str(birds.morph)) == ("fowl", "PROPN", "Number=Plur")
    assert written[0].pos_ == "PROPN"
    assert token_annotations(written) == token_annotations(expected)
    assert [t.norm_ for t in written] == [t.norm_ for t in expected]


def test_an_index_outside_the_match_raises_the_rulers_error(stock):
    ruler = ruler_of(stock.vocab, [([[{"LOWER": "ducks"}]], {"POS": "X"}, 1)])
    doc = stock.make_doc("Ducks")
    with pytest.raises(ValueError, match="E1001"):
        ArrayWrites(ruler)(doc, stock_matches(ruler, doc))


def test_a_doc_without_matches_is_left_as_it_is(stock):
    ruler = ruler_of(stock.vocab, WRITES)
    for text in ["", "Geese fly."]:
        [parsed] = parsed_up_to_the_ruler(stock, [text])
        before = token_annotations(parsed)
        ArrayWrites(ruler)(parsed, stock_matches(ruler, parsed))
        assert token_annotations(parsed) == before
