"""The attribute ruler's one-token rules looked up in a table, not run through the Matcher,
and the values of its matches written in one array.

spaCy's AttributeRuler finds its matches with a Matcher, which tries every pattern at every
token: with the English model's 179 rules, 7.5 ms of an 850-token article, more than its
lemmatizer and tagger together. All but a few of those rules test one token for equal
values ("TAG is NNS", "LOWER is 'n't' and TAG is RB"), so the rules that test the same
attributes go in one dict, keyed by their values, and each token asks each dict once.
Rules of any other shape (more than one token, regexes, operators) stay in a Matcher of
their own.

The ruler then sets each match's values on its token through a Span and set_token_attrs.
The English model's rules set only the token's POS, TAG, MORPH, LEMMA and DEP, so the values
go into an array of the doc's instead, written back in one Doc.from_array. The matches, and
so the annotations, are the same (tests/test_attribute_index.py).
"""

from __future__ import annotations

from itertools import product
from operator import itemgetter

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Token attributes that Doc.to_array gives as the value a pattern names: a string's hash
# or a flag's 0/1. TEXT is the Matcher's other name for ORTH.
TABLE_ATTRIBUTES = {"ORTH", "TEXT", "NORM", "LOWER", "TAG", "POS", "DEP", "LEMMA", "ENT_TYPE"}
FLAGS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE"}
# What a rule may set through Doc.from_array: values the token holds and its lexeme doesn't
# (set_token_attrs sets the lexeme's too), and DEP, which without HEAD leaves the tree and
# the sentences as they are.
ARRAY_ATTRIBUTES = (POS, TAG, MORPH, LEMMA, DEP)


class IndexedRules:
    """A stand-in for AttributeRuler.match: the same (rule, match id, start, end) list."""

    def __init__(self, ruler: AttributeRuler):
        strings = ruler.vocab.strings
        self.matcher = Matcher(ruler.vocab, validate=False)
        self.columns: list[int] = []  # attribute ids, in Doc.to_array's column order
        self.rule_of: dict[int, int] = {}
        # By the attributes a rule tests: its values -> (rule, match id, attributes excluded).
        tables: dict[tuple[int, ...], dict] = {}
        # The ruler adds its rules to its Matcher under their numbers, as strings.
        for rule in range(len(ruler.attrs)):
            match_id = strings.add(str(rule))
            self.rule_of[match_id] = rule
            for pattern in ruler.matcher.get(str(rule))[1]:
                test = _one_token_test(pattern, strings)
                if test is None:
                    self.matcher.add(str(rule), [pattern])
                    continue
                equal, excluded = test
                self.columns += [a for a in [*equal, *excluded] if a not in self.columns]
                tested = tuple(sorted(equal))
                table = tables.setdefault(tested, {})
                for values in product(*[equal[attr] for attr in tested]):
                    # itemgetter gives one column's value bare, several as a tuple.
                    key = values[0] if len(values) == 1 else values
                    table.setdefault(key, []).append((rule, match_id, excluded))
        column = {attr: n for n, attr in enumerate(self.columns)}
        # Each table with what reads its key from a row of Doc.to_array(self.columns), and
        # each rule's exclusions by column.
        self.lookups = [
            (
                itemgetter(*[column[attr] for attr in tested]),
                {
                    key: [
                        (rule, match_id, [(column[a], values) for a, values in excluded.items()])
                        for rule, match_id, excluded in rules
                    ]
                    for key, rules in table.items()
                },
            )
            for tested, table in tables.items()
        ]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        matches = {
            (self.rule_of[m], m, start, end)
            for m, start, end in self.matcher(doc, allow_missing=True, as_spans=False)
        }
        if self.columns and len(doc):
            rows = doc.to_array(self.columns).reshape(len(doc), -1).tolist()
            for i, row in enumerate(rows):
                for values_of, table in self.lookups:
                    found = table.get(values_of(row))
                    if found is None:
                        continue
                    for rule, match_id, excluded in found:
                        if all(row[n] not in values for n, values in excluded):
                            matches.add((rule, match_id, i, i + 1))
        return sorted(matches)


class ArrayWrites:
    """A stand-in for AttributeRuler.set_annotations: the same values, in one Doc.from_array.

    The matches come in the ruler's order, so a later rule's value overwrites an earlier
    one's in the array as it would on the token. A doc that a rule setting anything else
    matches gets all its matches set the ruler's way; none of the English model's rules do.
    Over the seed and 20 dev articles: 0.018 s instead of 0.031 s of CPU time.
    """

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        column = {attr: n for n, attr in enumerate(ARRAY_ATTRIBUTES)}
        # Each rule's token (its index in the match) and (column, value) pairs, or None for
        # a rule that sets anything else.
        self.rules = [
            (index, [(column[attr], value) for attr, value in attrs.items()])
            if attrs.keys() <= column.keys()
            else (index, None)
            for index, attrs in zip(ruler.indices, ruler.attrs, strict=True)
        ]

    def __call__(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        if not matches:
            return
        rows = doc.to_array(ARRAY_ATTRIBUTES).tolist()
        for rule, _, start, end in matches:
            index, writes = self.rules[rule]
            if writes is None or not -(end - start) <= index < end - start:
                # Other attributes are the ruler's to set, and a bad index its error to raise.
                return AttributeRuler.set_annotations(self.ruler, doc, matches)
            row = rows[start + index if index >= 0 else end + index]
            for n, value in writes:
                row[n] = value
        doc.from_array(ARRAY_ATTRIBUTES, numpy.array(rows, dtype=numpy.uint64))


def _one_token_test(pattern: list[dict], strings) -> tuple[dict, dict] | None:
    """A one-token rule of equal values (or IN sets) and NOT_IN sets, as the values each
    attribute may have and those it may not; None for a rule of any other shape."""
    if len(pattern) != 1:
        return None
    equal: dict[int, list[int]] = {}
    excluded: dict[int, frozenset[int]] = {}
    for name, value in pattern[0].items():
        name = "ORTH" if name.upper() == "TEXT" else name.upper()
        if name not in TABLE_ATTRIBUTES and name not in FLAGS:
            return None
        attr = IDS[name]
        if isinstance(value, bool) and name in FLAGS:
            equal[attr] = [int(value)]
        elif isinstance(value, str) and name not in FLAGS:
            equal[attr] = [strings.add(value)]
        elif isinstance(value, dict) and len(value) == 1 and name not in FLAGS:
            ((operator, values),) = value.items()
            if operator not in ("IN", "NOT_IN") or not all(isinstance(v, str) for v in values):
                return None
            hashes = [strings.add(v) for v in values]
            if operator == "IN":
                equal[attr] = hashes
            else:
                excluded[attr] = frozenset(hashes)
        else:
            return None
    return (equal, excluded) if equal else None  # with no equal values, nothing to look up


def index_attribute_rules(nlp) -> None:
    """Let each AttributeRuler of nlp find its matches through IndexedRules, built from the
    rules it has now: call it after the last rule is added."""
    for _, component in nlp.pipeline:
        if isinstance(component, AttributeRuler):
            component.match = IndexedRules(component)


def write_attributes_in_arrays(nlp) -> None:
    """Let each AttributeRuler of nlp set its matches' attributes through ArrayWrites, built
    from the rules it has now: call it after the last rule is added."""
    for _, component in nlp.pipeline:
        if isinstance(component, AttributeRuler):
            component.set_annotations = ArrayWrites(component)
