"""The name index's scans over a paragraph's tokens, against reading every token."""

import pytest
from spacy.tokens import Doc

from sourcemark.attribution.names import (
    _capitalised_outside_names,
    _proper_nouns,
    quoted_tokens,
)

TEXTS = [
    "Ana Ruiz, the mayor of Springfield, told NATO’s Jens Ford: “We will see.”",
    'He said "no" and then "yes, “maybe” not” and left.',
    "“An open quote runs\non to the next line” and Éamon O’Neill said so.",
    "“Unbalanced ” ” closers and “ openers “ everywhere\n\n“again",
    'Straight " quotes " glued"to words" and a curly”close.',
    "no capitals, no names, no quotes here",
]


def token_by_token(doc) -> list[bool]:
    out, curly, straight = [], 0, False
    for token in doc:
        out.append(curly > 0 or straight)
        text = token.text
        curly = max(0, curly + (text == "“") - (text == "”"))
        straight ^= text == '"'
        if "\n" in text:
            curly, straight = 0, False
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_quoted_tokens_as_read_token_by_token(pipeline, text):
    doc = pipeline.parse([text])[0]
    assert quoted_tokens(doc, text) == token_by_token(doc)


def test_the_texts_quote_someone(pipeline):
    assert sum(any(quoted_tokens(d, d.text)) for d in pipeline.parse(TEXTS)) >= 4


@pytest.mark.parametrize("text", TEXTS)
def test_capitals_and_proper_nouns_as_read_token_by_token(pipeline, text):
    doc = pipeline.parse([text])[0]
    capitalised = [t.i for t in doc if not t.ent_type_ and t.text[:1].isupper()]
    assert _capitalised_outside_names(doc, text) == capitalised
    assert _proper_nouns(doc) == [t for t in doc if t.pos_ == "PROPN" and t.text[:1].isalnum()]


def test_an_emoji_the_tagger_calls_a_proper_noun_is_no_name(pipeline):
    words = ["😀", "Acme", "1010data", "said"]
    doc = Doc(pipeline.nlp.vocab, words=words, pos=["PROPN", "PROPN", "PROPN", "VERB"])
    assert [t.text for t in _proper_nouns(doc)] == ["Acme", "1010data"]
