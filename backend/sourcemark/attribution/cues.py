"""Cue words: verbs that report speech, beliefs and intentions, and `according to`.

Verb and noun cues are learned from PolNeAR train by learn_cues.py. The cue model
(cue_model.py) decides for every verb, and the nouns that head cues in PolNeAR, from its lemma
and context; the role tagger may overrule it. The lexicon rule, a verb is a cue in a syntactic
frame when annotators marked it so often enough in that frame, judges words inside quotes
(which PolNeAR leaves unmarked) and stands in for the model with SOURCEMARK_CUE_RULES=1, to
compare the two.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.attrs import LOWER, NORM, POS
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..anchored import AnchoredMatcher
from ..linear_spacy import sentence_start
from .cue_model import features, is_candidate, load_model
from .frames import frame_of
from .invisible import text_of
from .names import SAID_BEFORE_NAME
from .quotes import Quote, quote_around, quotes_overlapping
from .roles import ATTRIBUTION_DATA, CUE_PROBABILITY_KEY, first_per_sentence

LEXICON_PATH = ATTRIBUTION_DATA / "cues.json"
MIN_RATE = 0.3  # share of a lemma's uses, in a frame, that PolNeAR marks as cues
MIN_COUNT = 3  # cue uses seen in that frame in PolNeAR train
# A lemma that is a cue this often over all its uses is one in any frame ("say", "tell").
MIN_LEMMA_RATE = 0.5
MIN_LEMMA_COUNT = 10
CUE_POS = {"VERB", "AUX"}
# Verbs of saying, writing and other speech acts: their clauses are reported speech
# ("indirect"); what people believe, want, find or show is "other".
# fmt: off
SPEECH_LEMMAS = frozenset({
    "accuse", "acknowledge", "add", "address", "admit", "advise", "affirm", "agree",
    "allege", "announce", "answer", "argue", "ask", "assert", "assure", "blame", "boast",
    "call", "caution", "charge", "chant", "claim", "comment", "complain", "concede",
    "conclude", "confess", "confirm", "contend", "counter", "cry", "declare", "decry",
    "demand", "deny", "describe", "detail", "disclose", "dismiss", "emphasize", "emphasise",
    "explain", "express", "highlight", "hint", "inform", "insist", "joke", "lament",
    "maintain", "mention", "note", "object", "observe", "plead", "pledge", "point", "post",
    "praise", "predict", "proclaim", "promise", "propose", "protest", "quip", "recall",
    "recommend", "reiterate", "remark", "remind", "repeat", "reply", "report", "respond",
    "retort", "reveal", "say", "scream", "shout", "slam", "speak", "state", "stress",
    "suggest", "swear", "tell", "testify", "thank", "threaten", "tweet", "underline",
    "urge", "vow", "warn", "whisper", "write", "yell",
})
# fmt: on
DASH_CHARACTERS = "―—–-"
# What spaCy's quote marks (IS_QUOTE) are made of: "``", "''", "“" and the like.
QUOTE_CHARACTERS = "\"'`«»‘’‚‛“”„‟‹›❮❯"
# A dash, maybe glued to the closing quote: a token the dash labels need.
DASH_TOKEN = rf"^[”\"»’]?([{DASH_CHARACTERS}]|--)$"
# The tokens DASH_TOKEN matches (a token holds no line break): a byline's anchors.
DASH_TOKENS = [mark + dash for mark in ("", *'”"»’') for dash in (*DASH_CHARACTERS, "--")]
# Auxiliaries and negation that PolNeAR includes in a cue ("has said", "did not deny").
CUE_PARTS = {"aux", "auxpass", "neg"}
# "The veto is (widely) expected to come": an expectation no one is said to hold, which
# PolNeAR marks as an attribution with no source (67 times in train and dev).
EXPECTATION_LEMMAS = {"expect"}
# Honorifics that open a transcript's speaker label in capitals: "MR. SMITH: …".
TITLES = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "rev", "prof", "president",
    "senator", "governor", "secretary", "judge", "mayor", "moderator",
}  # fmt: skip
# Between a label's name and whom or what it addresses: "Clinton to Planned Parenthood: …".
ADDRESSING = {"to", "on", "at"}
# Before a label inside a paragraph: "… ISIS.” Bush: “…”", "HEADLINE - Jane Doe: “…”".
LABEL_AFTER = {".", "!", "?", "-", "--", "—", "–", "―", "”", '"', "’"}
# A byline's dash follows a quote mark, maybe after spaces: "“…” ― Name", "“…”― Name".
QUOTE_THEN_DASH = re.compile(f"[{re.escape(QUOTE_CHARACTERS)}]\\s*[{re.escape(DASH_CHARACTERS)}]")
MAX_PULL_QUOTE_TITLE = 12  # words of "Name, title" after a pull quote
CLOSING = '”"»’'  # what a pull quote's mark is (or a part of)
MAX_SIGNATURE_WORDS = 4  # words of a name that signs a paragraph alone
MIN_SIGNED_WORDS = 5  # words of the quote before it
SENTENCE_ENDS = {".", "!", "?", "”", '"', "’", "»"}
# Objects that point at what follows a colon: "posted this on Facebook: …".
POINTING_OBJECTS = {
    "this", "these", "following", "statement", "message", "words", "comment", "comments", "remark",
    "remarks",
}  # fmt: skip
# Nouns of saying that hang a colon's content on their possessor: "His answer was simple: …".
SPEECH_NOUNS = {
    "answer", "response", "reply", "message", "advice", "argument", "explanation",
    "verdict", "view", "warning", "take", "reaction", "retort", "words", "plea", "pitch",
}  # fmt: skip
# "In a CNN poll released Monday, 31% of Republicans …": the poll is the source, as with
# "according to". PolNeAR train marks "in" on a verb before a singular poll or survey as a
# cue 27 times in 44; before plural ones ("leads in the polls") 13 times in 64, so those are
# left out.
POLL_NOUNS = {"poll", "survey"}
POLL_TAGS = {"NN", "NNP"}
# How likely the role tagger must find a word the cue model takes for a cue, for it to stay
# one: a little, or more when the model itself is only fairly sure. Tuned on PolNeAR dev. A
# logistic regression over both probabilities, the word's part of speech and frame, fitted
# out of fold, found no better line: at these rules' precision its recall of cue words was
# within 0.01 of theirs in every cross-validation fold, lower in three of five.
MIN_TAGGER_CUE_PROBABILITY = 0.05
MIN_TAGGER_WEAK_CUE_PROBABILITY = 0.2
MAX_WEAK_MODEL_PROBABILITY = 0.6


@dataclass(frozen=True)
class Cue:
    head: Token
    start: int  # token indexes of the cue span
    end: int
    according_to: bool = False  # "according to X", and "in X" of a poll: X is the source
    # "Pence: …" (a speaker label) and "“…” ― Name" (a byline dash): the cue is punctuation
    # and the source is the name, given here as token indexes.
    label: tuple[int, int] | None = None
    # The colon whose following text is the content: "posted this on Facebook: …".
    colon: int | None = None
    post: bool = False  # a byline under an embedded post: "… — Name (@handle) June 5"
    # A pull quote without quotation marks, signed by the name that ends the paragraph:
    # "… constitute an emergency. Linda Lamoureux". The name stands for the cue here (the
    # analysis shows none) and is the source; the content is all that comes before it.
    signed: bool = False

    @property
    def span(self):
        return self.head.doc[self.start : self.end]


@cache
def _lexicon_data(path: Path = LEXICON_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def lexicon_lemmas(path: Path = LEXICON_PATH) -> set[str]:
    """Lemmas that head a cue in PolNeAR train, in any part of speech."""
    return {key.rsplit("/", 1)[0] for key in _lexicon_data(path)["lemmas"]}


def lemma_cue_rates(path: Path = LEXICON_PATH) -> dict[tuple[str, str], float]:
    """(lemma, POS) -> the share of its uses in PolNeAR train that are cues, in any frame."""
    rates = {}
    for key, frames in _lexicon_data(path)["lemmas"].items():
        lemma, pos = key.rsplit("/", 1)
        cues, uses = _in_all_frames(frames)
        rates[lemma, pos] = cues / uses if uses else 0.0
    return rates


def _in_all_frames(frames: dict[str, list[int]]) -> tuple[int, int]:
    """A lemma's cues and uses in PolNeAR train, over all its frames."""
    return sum(cues for cues, _ in frames.values()), sum(uses for _, uses in frames.values())


@cache
def load_lexicon(
    path: Path = LEXICON_PATH, min_rate: float = MIN_RATE, min_count: int = MIN_COUNT
) -> dict[tuple[str, str], set[str]]:
    """(lemma, POS) -> the frames in which it is a cue."""
    data = _lexicon_data(path)
    lexicon: dict[tuple[str, str], set[str]] = {}
    for key, frames in data["lemmas"].items():
        lemma, pos = key.rsplit("/", 1)
        if pos not in CUE_POS:
            continue
        cues_all, uses_all = _in_all_frames(frames)
        if cues_all >= MIN_LEMMA_COUNT and cues_all / uses_all >= MIN_LEMMA_RATE:
            good = set(frames)
        else:
            good = {
                frame
                for frame, (cues, total) in frames.items()
                if cues >= min_count and cues / total >= min_rate
            }
        if good:
            lexicon[lemma, pos] = good
    return lexicon


def _opens_sentence(token: Token) -> bool:
    """The first word of its sentence, after any quotation mark or bracket."""
    first = next((t for t in token.sent if not (t.is_punct or t.is_space)), None)
    return first is not None and first.i == token.i


def _colon_after_words(doc: Doc, end: int) -> int | None:
    """The colon that ends "in the words of X", pointing at what follows: "Here is how bad
    it got, in the words of the patient: …"."""
    owner = next((c for c in doc[end - 1].children if c.dep_ == "pobj"), None)
    after = owner.right_edge.i + 1 if owner is not None else end
    return after if after < len(doc) and doc[after].text == ":" else None


class CueFinder:
    """Built once per engine: the lexicon and the Matcher for multi-word cues. `data` holds
    the lexicon and the cue model learned from PolNeAR (another folder, for cross-validation)."""

    def __init__(self, nlp, data: Path = ATTRIBUTION_DATA):
        self.nlp = nlp
        self.lexicon = load_lexicon(data / "cues.json")
        cue_model = data / "cue_model.json"
        self.model = None if os.environ.get("SOURCEMARK_CUE_RULES") else load_model(cue_model)
        self.lemmas = lexicon_lemmas(data / "cues.json")
        self.nouns = self.model.nouns if self.model is not None else frozenset()
        self.matcher = Matcher(nlp.vocab)
        # NORM: a word with an invisible character inside keeps its clean form there.
        self.matcher.add("ACCORDING_TO", [[{"NORM": "according"}, {"NORM": "to"}]])
        name = {"POS": "PROPN", "OP": "{1,4}"}
        # "In the words of Mayor Poole, …", "In Dr. Shadlen's words, …", "in his words".
        words = {"NORM": "words"}
        owner = [name, {"NORM": {"IN": ["'s", "’s"]}}]
        self.matcher.add(
            "IN_THE_WORDS_OF",
            [
                [{"NORM": "in"}, {"NORM": "the"}, words, {"NORM": "of"}],
                [{"NORM": "in"}, *owner, words],
                [{"NORM": "in"}, {"NORM": {"IN": ["his", "her", "their"]}}, words],
            ],
            greedy="LONGEST",
        )
        self.in_words = nlp.vocab.strings["IN_THE_WORDS_OF"]
        # Each of those phrases has one of these words. A Matcher costs a pass over the
        # paragraph's annotations however few its patterns; the norms array is cheaper.
        self.phrase_norms = {get_string_id(word) for word in ("according", "words")}
        self.candidate_pos = {nlp.vocab.strings[pos] for pos in ("NOUN", *CUE_POS)}
        self.in_lower = get_string_id("in")
        colon = {"ORTH": ":"}
        title = {"LOWER": {"IN": sorted(TITLES | {f"{t}." for t in TITLES})}}
        # Most labels need a character that most paragraphs lack, and their patterns' regex and
        # set tests cost a Python call per token: a matcher runs only where the text may hold
        # a label it finds, and those whose patterns all need a colon or quote mark token
        # read only the few tokens around one ("10:30" has a colon, but no colon token).
        colon_labels = AnchoredMatcher(nlp.vocab, "ORTH", [":"])
        byline_labels = AnchoredMatcher(nlp.vocab, "ORTH", DASH_TOKENS)
        post_labels = Matcher(nlp.vocab)
        self.quote_labels = quote_labels = AnchoredMatcher(nlp.vocab, "IS_QUOTE", [True])
        # Bylines before posts, as one Matcher gave them: a byline ends before the post of
        # the same dash, and where both name the same words the byline is kept (_labels).
        self.labels = [
            (_has_colon, colon_labels),
            (_may_sign, byline_labels),
            (_may_post, post_labels),
            (_has_quote_mark, self._pull_quotes),
        ]
        # At a paragraph's start, maybe inside a quote: "PENCE: Well, …", "Poll: Voters …",
        # "MR. SMITH: …"; or after a sentence or dash, before a quote: "… Bush: “…”".
        colon_labels.add(
            "SPEAKER_LABEL",
            [
                [{"IS_QUOTE": True, "OP": "?"}, name, colon],
                [{"IS_QUOTE": True, "OP": "?"}, {"POS": "NOUN"}, colon],
                [{"IS_QUOTE": True, "OP": "?"}, title, {"ORTH": ".", "OP": "?"}, name, colon],
            ],
        )
        # At a paragraph's start, a person named after a description: "Former secretary of
        # state Hillary Rodham Clinton: …" (see _described_person_label).
        described = {"POS": {"IN": ["ADJ", "NOUN", "PROPN", "ADP"]}, "OP": "{1,6}"}
        colon_labels.add(
            "DESCRIBED_LABEL", [[{"IS_QUOTE": True, "OP": "?"}, described, name, colon]]
        )
        # At a paragraph's start, a capitalised word is a label whatever the tagger makes of
        # it: "CRUZ: We will win" is tagged a verb out of context.
        # So are words in capitals, which the tagger reads as anything: "JAKE TAPPER: …".
        capitals = {"TEXT": {"REGEX": r"^[A-Z][A-Z'’.-]*$"}, "OP": "{2,4}"}
        colon_labels.add(
            "SHAPED_LABEL",
            [
                [{"IS_QUOTE": True, "OP": "?"}, {"TEXT": {"REGEX": r"^[A-Z][A-Za-z'’-]+$"}}, colon],
                [{"IS_QUOTE": True, "OP": "?"}, capitals, colon],
            ],
        )
        # A name addressing someone or speaking of something before a colon, as headlines
        # put it: "Clinton to Planned Parenthood: …", "Lee on the dam: …".
        addressed = {
            "ORTH": {"NOT_IN": [":", ".", "!", "?", ";"]},
            "IS_QUOTE": False,
            "OP": "{1,8}",
        }
        colon_labels.add(
            "ADDRESS_LABEL", [[name, {"LOWER": {"IN": sorted(ADDRESSING)}}, addressed, colon]]
        )
        # A round-up line: "Jane Doe, The Daily Planet: …", "Carl Dent, columnist at the
        # Daily Planet: …" (the source is the name; the description has no verb).
        outlet = {"POS": "PROPN", "OP": "{1,5}"}
        description = {
            "ORTH": {"NOT_IN": [":", ".", "!", "?", ";"]},
            "POS": {"NOT_IN": ["VERB", "AUX"]},
            "IS_QUOTE": False,
            "OP": "{1,8}",
        }
        colon_labels.add(
            "ROUNDUP",
            [
                [name, {"ORTH": ","}, {"LOWER": "the", "OP": "?"}, outlet, colon],
                [name, {"ORTH": ","}, description, colon],
            ],
        )
        # After a closing quote: "“…” ― Sonya Herridge"; under a post: "— Name (@handle)".
        dash = {"TEXT": {"REGEX": DASH_TOKEN}}
        space = {"IS_SPACE": True, "OP": "?"}
        byline_dash = {"ORTH": {"IN": DASH_TOKENS}}
        byline_labels.add(
            "BYLINE",
            [[{"IS_QUOTE": True}, space, byline_dash, space, name], [byline_dash, space, name]],
        )
        handle = {"TEXT": {"REGEX": r"^@\w+$"}}
        symbols = {"TEXT": {"REGEX": r"^[^\w()@]+$"}, "OP": "*"}  # emoji after the name
        post_labels.add("POST", [[dash, space, name, symbols, {"ORTH": "("}, handle]])
        # A pull quote signed without a dash: "“…” Jane Doe, mayor of Springfield".
        quote_labels.add("PULL_QUOTE", [[{"IS_QUOTE": True}, space, name, {"ORTH": ","}]])

    def model_probability(self, token: Token, quotes: list[Quote]) -> float | None:
        """The cue model's probability that a candidate word outside quotes is a cue; None
        where the model does not judge (no model shipped, not a candidate, inside a quote)."""
        return self._probability(token, quotes) if self._model_judges(token, quotes) else None

    def _model_judges(self, token: Token, quotes: list[Quote]) -> bool:
        # PolNeAR leaves nested cues out, so its model can't judge words inside quotes.
        return (
            self.model is not None
            and is_candidate(token, self.lemmas, self.nouns)
            and quote_around(quotes, token.idx, token.idx + 1) is None
        )

    def _probability(self, token: Token, quotes: list[Quote]) -> float:
        sentence_quotes = False
        if quotes:  # most paragraphs quote no one: then the sentence need not be found
            sentence = token.sent
            found = quotes_overlapping(quotes, sentence.start_char, sentence.end_char)
            sentence_quotes = bool(found)
        return self.model.probability(features(token, False, sentence_quotes))

    def is_cue_word(self, token: Token, quotes: list[Quote]) -> bool:
        """The learned model decides where it is shipped, the lexicon rule otherwise and
        inside quotes. Where the model decides, the role tagger (if the pipeline has it) can
        overrule it; inside quotes it can't, as PolNeAR, which it learned from, leaves nested
        cues unmarked."""
        if self.model is not None and not is_candidate(token, self.lemmas, self.nouns):
            return False
        if not self._model_judges(token, quotes):
            frames = self.lexicon.get((token.lemma_.lower(), token.pos_))
            return bool(frames) and frame_of(token) in frames
        if is_saying_infinitive(token) and not self.is_cue_word(token.head, quotes):
            return True  # the model can't judge it (below); the chain's first verb no cue
        if _says_with(token):
            return True  # the model learned "with … saying" from too few to judge it
        tagger = token.doc.user_data.get(CUE_PROBABILITY_KEY)
        # Below both of the tagger's lines a word is no cue, whatever the model says: asked
        # first, as the tagger's probability is at hand and the model's features cost.
        lowest = min(MIN_TAGGER_CUE_PROBABILITY, MIN_TAGGER_WEAK_CUE_PROBABILITY)
        if tagger is not None and tagger[token.i] < lowest:
            return False
        probability = self._probability(token, quotes)
        if probability < self.model.threshold:
            return False
        if tagger is None:
            return True
        if probability < MAX_WEAK_MODEL_PROBABILITY:
            return tagger[token.i] >= MIN_TAGGER_WEAK_CUE_PROBABILITY
        return tagger[token.i] >= MIN_TAGGER_CUE_PROBABILITY

    def find(self, doc: Doc, quotes: list[Quote], text: str | None = None) -> list[Cue]:
        """`text` is doc.text, for a caller that has it already."""
        cues = []
        phrases = not self.phrase_norms.isdisjoint(doc.to_array(NORM).tolist())
        for match_id, start, end in self.matcher(doc) if phrases else []:
            ending = _colon_after_words(doc, end) if match_id == self.in_words else None
            if match_id == self.in_words and not _opens_sentence(doc[start]) and ending is None:
                continue  # "because, in her words, he …": a claim's own wording, not a cue
            # "In Dr. Shadlen's words": the cue is "words", apart from whose they are.
            words = doc[end - 1].norm_ == "words"
            first = end - 1 if words else start
            cues.append(Cue(doc[start], first, end, according_to=True, colon=ending))
        text = text_of(doc) if text is None else text
        cues += self._labels(doc, text)
        # Cues that point at what follows a colon need one in the paragraph.
        colon = ":" in text
        for i in self._cue_candidates(doc):
            token = doc[i]
            pos = token.pos_  # spaCy looks the string up on every access
            if pos == "NOUN" and token.lemma_.lower() in self.nouns:
                if self.is_cue_word(token, quotes):  # "his plan to", "their claim that"
                    cues.append(Cue(token, token.i, token.i + 1))
            elif pos in CUE_POS and is_set_phrase(token):
                continue
            elif pos in CUE_POS and (
                (colon and self._points(token))
                or is_expectation(token)
                or self.is_cue_word(token, quotes)
            ):
                parts = CUE_PARTS | ({"advmod"} if is_expectation(token) else set())
                # "went on to say": PolNeAR's cue is the chain from the first verb
                opener = token.head if _chained_saying(token) else token
                start = min(
                    [opener.i]
                    + [c.i for c in opener.lefts if c.dep_ in parts and c.i >= opener.i - 3]
                )
                pointing = _pointing_colon(token) if colon else None
                cues.append(Cue(token, start, token.i + 1, colon=pointing))
            elif _in_a_poll(token):
                cues.append(Cue(token, token.i, token.i + 1, according_to=True))
        nouns = _noun_cues(doc) if colon else []
        # "was" in "His answer was simple:", and "answer" itself, are that noun cue's.
        taken = {cue.head.head.i for cue in nouns} | {cue.head.i for cue in nouns}
        cues = [c for c in cues if c.head.i not in taken] + nouns
        cues.sort(key=lambda c: c.start)
        return first_per_sentence(cues, lambda c: sentence_start(doc, c.start))

    def _cue_candidates(self, doc: Doc) -> list[int]:
        """The tokens that may be a word's cue, in order: a noun, verb or auxiliary, or "in"
        (of "in a poll"). Picked from the arrays: a Token for each word costs more."""
        pos, lower = doc.to_array([POS, LOWER]).T.tolist()
        judged, in_ = self.candidate_pos, self.in_lower
        pairs = zip(pos, lower, strict=True)
        return [i for i, (tag, word) in enumerate(pairs) if tag in judged or word == in_]

    def _labels(self, doc: Doc, text: str) -> list[Cue]:
        found = []
        matches = [
            match for possible, matcher in self.labels if possible(text) for match in matcher(doc)
        ]
        for match_id, start, end in matches:
            kind = self.nlp.vocab.strings[match_id]
            if kind in ("SPEAKER_LABEL", "SHAPED_LABEL", "DESCRIBED_LABEL"):
                first = start + 1 if doc[start].is_quote else start
                colon = end - 1
                opens = start == 0 or (start == 1 and doc[0].is_quote)
                # Inside, a name or a word in capitals: "… taxes. SANDERS: “…”", whatever
                # the tagger makes of it.
                inside = kind != "DESCRIBED_LABEL" and self._label_inside(doc, first, end)
                if not (opens or inside):
                    continue  # a speaker label opens its paragraph or a quote
                if kind == "DESCRIBED_LABEL" and not _described_person_label(doc, first, colon):
                    continue
                if doc[first].lower_ in SAID_BEFORE_NAME and first + 1 < colon:
                    first += 1  # "Continued Stone: …": the name is Stone
                found.append(Cue(doc[colon], colon, end, label=(first, colon)))
            elif kind == "ADDRESS_LABEL":
                if start != 0:
                    continue  # it opens its paragraph
                to = next(i for i in range(start, end) if doc[i].lower_ in ADDRESSING)
                found.append(Cue(doc[end - 1], end - 1, end, label=(start, to)))
            elif kind == "ROUNDUP":
                if start != 0:
                    continue
                comma = next(t.i for t in doc[start:end] if t.text == ",")
                found.append(Cue(doc[end - 1], end - 1, end, label=(start, comma)))
            elif kind == "POST":
                dash = start
                first = dash + 2 if doc[dash + 1].is_space else dash + 1
                last = end - 2  # the name ends before "(", and any emoji after it
                while last > first and not doc[last - 1].is_alpha and not doc[last - 1].is_punct:
                    last -= 1
                found.append(Cue(doc[dash], dash, dash + 1, label=(first, last), post=True))
            elif kind == "PULL_QUOTE":
                comma = end - 1
                if doc[start].text not in CLOSING or not self._signature(doc, comma):
                    continue
                first = start + 2 if doc[start + 1].is_space else start + 1
                found.append(Cue(doc[comma], comma, end, label=(first, comma)))
            else:
                dash = next(
                    i for i in range(start, end) if not (doc[i].is_quote or doc[i].is_space)
                )
                before = next((t for t in reversed(doc[:dash]) if not t.is_space), None)
                if not (doc[dash].text[0] in '”"»’' or (before is not None and before.is_quote)):
                    continue  # a dash not right after a quote is no byline
                first = dash + 2 if doc[dash + 1].is_space else dash + 1
                found.append(Cue(doc[dash], dash, dash + 1, label=(first, end)))
        signature = _signature_alone(doc)
        if signature is not None:
            found.append(
                Cue(doc[signature], signature, len(doc), label=(signature, len(doc)), signed=True)
            )
        # Longest name wins where matches overlap.
        found.sort(key=lambda c: (c.start, -(c.label[1] - c.label[0])))
        kept: list[Cue] = []
        for cue in found:
            if not kept or kept[-1].start != cue.start:
                kept.append(cue)
        return kept

    def _points(self, verb: Token) -> bool:
        """A word that heads cues in PolNeAR whose object points at what follows a colon:
        "posted this on Facebook: …"."""
        if verb.lemma_.lower() not in self.lemmas:
            return False
        # The object first: few verbs have one that points, and the colon is looked for
        # as far as the sentence's end.
        if not any(c.dep_ == "dobj" and c.lower_ in POINTING_OBJECTS for c in verb.children):
            return False
        return _pointing_colon(verb) is not None

    @staticmethod
    def _label_inside(doc: Doc, first: int, end: int) -> bool:
        """A label inside a paragraph follows a sentence's end or a dash and opens a quote."""
        before = doc[first - 1].text if first else ""
        after = next((t for t in doc[end:] if not t.is_space), None)
        return before in LABEL_AFTER and after is not None and after.is_quote

    def _pull_quotes(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The quote labels' matches that may be signed (_signature): the comma after the
        name has at most MAX_PULL_QUOTE_TITLE words after it, so only a quote mark that near
        the paragraph's end can open one, and only a closing one is kept (_labels)."""
        # The farthest back the comma may be: with MAX_PULL_QUOTE_TITLE words after it.
        last_comma, words = len(doc), 0
        while last_comma > 0 and words <= MAX_PULL_QUOTE_TITLE:
            last_comma -= 1
            words += not doc[last_comma].is_space
        tail = range(max(0, last_comma - self.quote_labels.after), len(doc))
        anchors = [i for i in tail if doc[i].is_quote and doc[i].text in CLOSING]
        return self.quote_labels(doc, anchors) if anchors else []

    @staticmethod
    def _signature(doc: Doc, comma: int) -> bool:
        """ "Jane Doe, mayor of Springfield" ends the paragraph: a title, with no verb."""
        title = [t for t in doc[comma + 1 :] if not t.is_space]
        return 0 < len(title) <= MAX_PULL_QUOTE_TITLE and not any(
            t.pos_ in ("VERB", "AUX") for t in title
        )


def _has_colon(text: str) -> bool:
    return ":" in text


def _may_sign(text: str) -> bool:
    """Whether the text may hold a byline: its dash after a quote mark. A hyphen alone, as
    most paragraphs have, signs nothing."""
    return QUOTE_THEN_DASH.search(text) is not None


def _may_post(text: str) -> bool:
    """Whether the text may hold a post's byline: a dash and an @handle."""
    return "@" in text and any(char in text for char in DASH_CHARACTERS)


def _has_quote_mark(text: str) -> bool:
    return any(char in text for char in QUOTE_CHARACTERS)


def _described_person_label(doc: Doc, first: int, colon: int) -> bool:
    """Whether tokens first..colon are a person's name after a description in running text:
    the name (the proper nouns before the colon) holds a person the recogniser found, and the
    description a word in lower case. Not "The mayor of Springfield: …", nor a headline in
    title case ("Clinton Cash Debunks Hillary: …", "Former AG Mukasey at RNC: …")."""
    name = colon
    while name > first and doc[name - 1].pos_ == "PROPN":
        name -= 1
    person = any(t.ent_type_ == "PERSON" for t in doc[name:colon])
    return person and any(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in doc[first:name])


def _signature_alone(doc: Doc) -> int | None:
    """Where a person's full name starts that ends the paragraph on its own, after a
    sentence's end: "… constitute an emergency. Linda Lamoureux"."""
    end = len(doc)
    while end and doc[end - 1].is_space:
        end -= 1
    start = end
    while start and doc[start - 1].ent_type_ == "PERSON" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    if not 2 <= end - start <= MAX_SIGNATURE_WORDS or doc[start].ent_iob_ != "B":
        return None
    before = next((t for t in reversed(doc[:start]) if not t.is_space), None)
    if before is None or before.text not in SENTENCE_ENDS or before.i < MIN_SIGNED_WORDS:
        return None
    return start


# "That said, …", "All told, …": openers of a sentence that say nothing of anyone.
SET_PHRASES = {("that", "say"), ("all", "tell")}


def _says_with(verb: Token) -> bool:
    """ "…, with 30 percent of voters saying they have a positive view of him": a verb of
    saying that "with" opens, and the clause it says."""
    return (
        verb.dep_ == "pcomp"
        and verb.head.lower_ == "with"
        and verb.lemma_.lower() in SPEECH_LEMMAS
        and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
    )


def is_set_phrase(verb: Token) -> bool:
    """A verb of saying in a set phrase that opens its sentence, before a comma."""
    doc, i = verb.doc, verb.i
    return (
        0 < i < len(doc) - 1
        and (doc[i - 1].lower_, verb.lemma_.lower()) in SET_PHRASES
        and doc[i + 1].text == ","
        and doc[i - 1].sent.start == i - 1
    )


# "went on to say that …", "continued to insist that …": PolNeAR marks the whole chain,
# rooted at the first verb, so the cue model learned the verb of saying there as no cue
# (0.07 for "continued to say that"); outside quotes it is in a cue 74 times in 109.
MAX_CHAIN_GAP = 3  # "went on to say", "was trying insistently to ask"
EXPLETIVES = {"it", "there"}


def is_saying_infinitive(verb: Token) -> bool:
    """A verb of saying in a "to" infinitive, with a clause of what is said; not one whose
    speaker is the object of the verb before ("forced Stumpf to admit that …"), nor one
    after "it is" or "there is" ("it's safe to say that …": no one says it)."""
    head = verb.head
    return (
        verb.dep_ in ("xcomp", "advcl")
        and verb.lemma_.lower() in SPEECH_LEMMAS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and any(c.dep_ == "ccomp" for c in verb.children)
        and not (verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in head.children))
        and not (head.lemma_ == "be" and any(c.lower_ in EXPLETIVES for c in head.lefts))
    )


def _chained_saying(verb: Token) -> bool:
    """A saying infinitive right after the verb it completes: "went on to say"."""
    head = verb.head
    return (
        head.pos_ in ("VERB", "AUX")
        and 0 < verb.i - head.i <= MAX_CHAIN_GAP
        and is_saying_infinitive(verb)
    )


def is_expectation(verb: Token) -> bool:
    """ "X is expected to Y": a passive of expecting with a subject and an infinitive, and no
    one who expects it ("by analysts" names a source)."""
    if verb.lemma_.lower() not in EXPECTATION_LEMMAS:  # asked of every verb: cheap first
        return False
    deps = {c.dep_ for c in verb.children}
    return {"auxpass", "nsubjpass", "xcomp"} <= deps and "agent" not in deps


def _colon_after(token: Token) -> int | None:
    """The colon that ends what this word opens, with no other verb before it."""
    for t in token.doc[token.i + 1 : token.sent.end]:
        if t.text == ":":
            return t.i
        if t.pos_ in ("VERB", "AUX") or t.is_quote:
            return None
    return None


def _pointing_colon(verb: Token) -> int | None:
    """ "posted this on Facebook: …", "He said:": a verb with no clause of its own whose
    content follows a colon."""
    children = {c.dep_ for c in verb.children}
    if children & {"ccomp", "parataxis", "xcomp"}:
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if any(o.lower_ not in POINTING_OBJECTS and o.lemma_ not in POINTING_OBJECTS for o in objects):
        return None
    return _colon_after(verb)


def _noun_cues(doc: Doc) -> list[Cue]:
    """ "His answer was simple: …": a noun of saying, its possessor the source, the content
    after the colon."""
    found = []
    for noun in doc:
        if noun.lemma_.lower() not in SPEECH_NOUNS or noun.dep_ not in ("nsubj", "attr"):
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        colon = _colon_after(noun.head) if noun.head.lemma_ == "be" else None
        if owner is None or colon is None or colon == len(doc) - 1:
            continue
        first, last = owner.left_edge.i, owner.right_edge.i
        if doc[last].text in ("'s", "’s"):
            last -= 1
        found.append(Cue(noun, noun.i, noun.i + 1, label=(first, last + 1), colon=colon))
    return found


def _in_a_poll(token: Token) -> bool:
    """ "in" before one poll or survey, on a verb: "In a CNN poll released Monday, …". On a
    noun, the poll is part of another source: "Some 20 percent of people in a poll said"."""
    if token.lower_ != "in" or token.dep_ != "prep" or token.head.pos_ not in CUE_POS:
        return False
    return any(
        c.dep_ == "pobj" and c.lemma_.lower() in POLL_NOUNS and c.tag_ in POLL_TAGS
        for c in token.children
    )
