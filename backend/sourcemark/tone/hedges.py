"""Hedges and weasel words: phrases by which the outlet's own voice distances itself
from a claim, leans on vague hearsay, or editorialises ("strangely").

Fixed phrases go through a PhraseMatcher on lower-cased tokens; constructions that vary
(it is widely believed, X is said to have, some analysts say) through a Matcher.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..anchored import AnchoredMatcher

# Distancing adverbs, hearsay and the outlet's editorial asides.
HEDGE_WORDS = (
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "seemingly",
    "ostensibly", "arguably", "presumably", "reputedly", "perhaps", "possibly",
    "conceivably", "strangely", "oddly", "curiously", "suspiciously", "conveniently",
    "mysteriously", "inexplicably", "tellingly", "ironically", "surprisingly",
    "unsurprisingly", "predictably", "interestingly", "admittedly",
)  # fmt: skip

HEDGE_PHRASES = (
    "so-called", "so called", "self-styled", "self-proclaimed",
    "according to some", "according to reports", "according to some reports",
    "according to unconfirmed reports", "unconfirmed reports", "unverified reports",
    "there are reports", "there were reports", "reports suggest", "rumor has it",
    "rumour has it", "what appears to be", "what appeared to be", "what seems to be",
    "what seemed to be", "widely believed", "widely thought", "widely seen as",
    "widely regarded as", "widely viewed as", "widely perceived as", "widely considered",
    "generally believed", "commonly believed",
    "some would argue", "many would argue", "some would say", "some might say",
    "it goes without saying", "needless to say", "in some quarters", "questions remain",
)  # fmt: skip

# Adjectives that hedge only as modifiers: "the alleged attack", not "he alleged that".
HEDGE_MODIFIERS = (
    "alleged", "purported", "supposed", "rumored", "rumoured", "reputed", "presumed",
    "putative", "apparent", "suspected",
)  # fmt: skip

# Participles of hearsay: "it is said", "he is believed to have".
HEARSAY = (
    "said", "believed", "thought", "reported", "rumored", "rumoured", "alleged", "claimed",
    "understood", "suggested", "feared", "argued", "assumed", "presumed", "speculated",
    "reputed", "purported",
)  # fmt: skip
_AUXILIARIES = (
    "is", "was", "'s", "’s", "has", "had", "been", "being", "be", "will", "would", "may",
    "might", "could", "can", "'d", "’d",
)  # fmt: skip
_SEEMING = ("appear", "seem")
_DEGREE = ("widely", "generally", "commonly", "often", "sometimes", "now", "also", "increasingly")

# Vague collectives that say, think or claim: "some say", "many analysts believe".
_VAGUE_QUANTIFIERS = ("some", "many", "most", "others", "several")
_VAGUE_PEOPLE = (
    "critics", "observers", "experts", "analysts", "commentators", "skeptics", "sceptics",
    "insiders", "people", "pundits", "watchers",
)  # fmt: skip
_SAYING = (
    "say", "believe", "claim", "argue", "suggest", "think", "contend", "fear", "speculate",
    "suspect", "allege", "feel", "worry", "warn", "insist",
)  # fmt: skip

# Matches whose last token is only there to check the construction ("to" + a verb).
_DROP_LAST = "HEDGE_RAISING"
# Matches that must not follow a determiner or a number: "the experts said" is definite.
_VAGUE_ONLY = "HEDGE_VAGUE_PEOPLE"


class Constructions:
    """The impersonal and raising constructions (it is believed, he is said to). A Matcher
    costs a pass over the paragraph however rare its words; each of these needs "it" or "to"
    with a word of hearsay (or "appear", "seem"), which few paragraphs hold together, and
    it runs only on those."""

    def __init__(self, nlp: Language):
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add(
            "HEDGE_IMPERSONAL",  # it is (widely) believed, it has been said, it would seem
            [
                [
                    {"LOWER": "it"},
                    {"LOWER": {"IN": _AUXILIARIES}, "OP": "+"},
                    {"LOWER": {"IN": _DEGREE}, "OP": "?"},
                    {"LOWER": {"IN": HEARSAY}},
                ],
                [
                    {"LOWER": "it"},
                    {"LOWER": {"IN": ["would", "might", "may", "could"]}, "OP": "?"},
                    {"LEMMA": {"IN": _SEEMING}},
                ],
            ],
        )
        self.matcher.add(
            _DROP_LAST,  # he is said to (have), they were believed to (be)
            [
                [
                    {"LEMMA": "be"},
                    {"LOWER": {"IN": _DEGREE}, "OP": "?"},
                    {"LOWER": {"IN": HEARSAY}},
                    {"LOWER": "to"},
                    {"POS": {"IN": ["AUX", "VERB"]}},
                ]
            ],
        )
        self.it, self.to, self.be = (get_string_id(word) for word in ("it", "to", "be"))
        self.hearsay = {get_string_id(word) for word in HEARSAY}
        self.seeming = {get_string_id(word) for word in _SEEMING}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        return self.matcher(doc) if self._may_hold_one(doc) else []

    def _may_hold_one(self, doc: Doc) -> bool:
        """Whether the paragraph holds the words of a construction. The words' lists are
        searched as they are: building their sets would cost more than the search."""
        words = doc.to_array(LOWER).tolist()
        it = self.it in words
        hearsay = not self.hearsay.isdisjoint(words)
        if it and hearsay:
            return True  # it is said
        if not it and not (hearsay and self.to in words):
            return False
        lemmas = doc.to_array(LEMMA).tolist()
        impersonal = it and not self.seeming.isdisjoint(lemmas)  # it seems
        raising = hearsay and self.to in words and self.be in lemmas  # he is said to
        return impersonal or raising


def build_matchers(nlp: Language) -> tuple[PhraseMatcher, list[Constructions | AnchoredMatcher]]:
    """The fixed phrases' matcher, and the constructions' matchers."""
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases.add("HEDGE", list(nlp.tokenizer.pipe((*HEDGE_WORDS, *HEDGE_PHRASES))))
    # The vague sayers and the modifiers are a pattern per word, not a set on the first
    # token: spaCy tests such a set in Python at every word of a paragraph. Each opens on
    # one of a few words, and is at most three long: only the words around those are read.
    vague = AnchoredMatcher(
        nlp.vocab, "LOWER", {*_VAGUE_QUANTIFIERS, *_VAGUE_PEOPLE, *HEDGE_MODIFIERS}
    )
    vague.add(
        "HEDGE_VAGUE_SAY",  # some say, many analysts believe, others argue
        [
            [
                {"LOWER": quantifier},
                {"LOWER": {"IN": _VAGUE_PEOPLE}, "OP": "?"},
                {"LEMMA": {"IN": _SAYING}, "POS": "VERB"},
            ]
            for quantifier in _VAGUE_QUANTIFIERS
        ],
    )
    vague.add(
        _VAGUE_ONLY,  # critics say, experts believe
        [
            [{"LOWER": people}, {"LEMMA": {"IN": _SAYING}, "POS": "VERB"}]
            for people in _VAGUE_PEOPLE
        ],
    )
    vague.add(
        "HEDGE_MODIFIER",  # the alleged attack
        [[{"LOWER": modifier, "DEP": "amod"}] for modifier in HEDGE_MODIFIERS],
    )
    return phrases, [Constructions(nlp), vague]


def hedge_token_spans(
    doc: Doc, phrases: PhraseMatcher, matchers: list[Constructions | AnchoredMatcher]
) -> list[tuple[int, int]]:
    """Hedges as (first token, end token) pairs, possibly overlapping, in no set order."""
    found = [(start, end) for _, start, end in phrases(doc)]
    strings = doc.vocab.strings
    matches = [match for matcher in matchers for match in matcher(doc)]
    for match_id, start, end in matches:
        label = strings[match_id]
        if label == _DROP_LAST:
            end -= 1
        if label == _VAGUE_ONLY and start > 0:
            before = doc[start - 1]
            if before.pos_ in ("DET", "NUM") or before.tag_ == "PRP$":
                continue
        found.append((start, end))
    return found
