"""The anchored Matcher finds what spaCy's Matcher finds, reading only around its anchors."""

import pytest
from spacy.matcher import Matcher

from sourcemark.anchored import AnchoredMatcher, longest_match

COLON = {"ORTH": ":"}
NAME = {"POS": "PROPN", "OP": "{1,4}"}
PATTERNS = {
    "LABEL": [[{"IS_QUOTE": True, "OP": "?"}, NAME, COLON]],
    "ADDRESS": [[NAME, {"LOWER": "to"}, {"IS_QUOTE": False, "OP": "{1,8}"}, COLON]],
    "CAPITALS": [[{"TEXT": {"REGEX": r"^[A-Z]+$"}, "OP": "{2,3}"}, COLON]],
}
TEXTS = [
    "PENCE: Well, we will see. Later, Kaine said: “No.”",
    "Clinton to Planned Parenthood and its donors: thank you. Then at 10:30 she left.",
    "“Jane Doe: I was there,” she said. JAKE TAPPER: Go on. ANA RUIZ: Yes: all of it.",
    "No label here at all, nor a colon.",
    ": at the start, and at the end:",
]


@pytest.fixture(scope="module")
def nlp(analyze):
    return analyze.nlp


def test_it_finds_what_the_matcher_finds(nlp):
    anchored, plain = AnchoredMatcher(nlp.vocab, "ORTH", [":"]), Matcher(nlp.vocab)
    for key, patterns in PATTERNS.items():
        anchored.add(key, patterns)
        plain.add(key, patterns)
    found = 0
    for text in TEXTS:
        doc = nlp(text)
        assert sorted(anchored(doc)) == sorted(plain(doc))
        found += len(plain(doc))
    assert found > 10  # the texts hold matches enough to tell
    assert (anchored.before, anchored.after) == (13, 0)  # a colon ends each: read before it


def test_the_reach_either_side_of_an_anchor(nlp):
    anchored = AnchoredMatcher(nlp.vocab, "ORTH", [":", ";"])
    anchored.add("MIDDLE", [[{"OP": "?"}, {"ORTH": ":", "OP": "{1,3}"}, {"IS_ALPHA": True}]])
    assert (anchored.before, anchored.after) == (1, 3)
    # Of two anchors, the first: every match holds it.
    two = AnchoredMatcher(nlp.vocab, "ORTH", [":", ";"])
    two.add("TWO", [[{"OP": "?"}, {"ORTH": ":"}, {"OP": "{0,9}"}, {"ORTH": ";"}]])
    assert (two.before, two.after) == (1, 10)
    doc = nlp("a : b c d e f g h i j ; k")
    assert two(doc) == two.matcher(doc) and len(two(doc)) == 2


def test_windows_that_meet_are_read_once(nlp):
    anchored = AnchoredMatcher(nlp.vocab, "ORTH", [":"])
    anchored.add("PAIR", [[{"IS_ALPHA": True}, COLON]])
    doc = nlp("a: b: c: d")
    assert anchored(doc) == anchored.matcher(doc)  # one window: no match twice
    assert len(anchored(doc)) == 3


def test_anchors_from_a_set_and_a_flag(nlp):
    words = AnchoredMatcher(nlp.vocab, "LOWER", ["some", "many"])
    words.add("VAGUE", [[{"LOWER": "some"}, {"LOWER": "say"}], [{"LOWER": "many"}]])
    doc = nlp("Some say so, and many agree; some do not.")
    assert words.anchors(doc) == [0, 5, 8]
    assert sorted(words(doc)) == sorted(words.matcher(doc))
    quotes = AnchoredMatcher(nlp.vocab, "IS_QUOTE", [True])
    quotes.add("QUOTE", [[{"IS_QUOTE": True}, {"IS_ALPHA": True}]])
    assert quotes.anchors(nlp("He said “yes” twice.")) == [2, 4]


def test_a_pattern_must_hold_an_anchor_and_a_bound(nlp):
    anchored = AnchoredMatcher(nlp.vocab, "ORTH", [":"])
    with pytest.raises(ValueError, match="anchor"):
        anchored.add("OPTIONAL", [[{"IS_ALPHA": True}, {"ORTH": ":", "OP": "?"}]])
    with pytest.raises(ValueError, match="anchor"):
        anchored.add("OTHER", [[{"ORTH": ";"}]])
    with pytest.raises(ValueError, match="unbounded"):
        anchored.add("STAR", [[{"IS_ALPHA": True, "OP": "*"}, COLON]])
    anchored.add("SET", [[{"ORTH": {"IN": [":"]}}]])  # a set of anchors is one


@pytest.mark.parametrize(
    ("pattern", "longest"),
    [
        ([COLON], 1),
        ([{"OP": "?"}, {"OP": "!"}, COLON], 3),
        ([{"OP": "{1,4}"}, {"OP": "{3}"}, {"OP": "{,2}"}], 9),
        ([{"OP": "{2,}"}], None),
        ([{"OP": "+"}], None),
        ([{"OP": "*"}, COLON], None),
    ],
)
def test_longest_match(pattern, longest):
    assert longest_match(pattern) == longest
