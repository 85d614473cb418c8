"""A logistic-regression cue classifier over a word's lemma and syntactic context.

The lexicon alone says how often a lemma is a cue in a frame; the model also weighs who the
subject is, what the word governs ("that" clause, "to" infinitive, object, preposition),
whether the sentence quotes someone, and so on, so that "want" or "see" count as cues where
PolNeAR's annotators would mark them. It judges every verb, the auxiliaries that head cues,
and the nouns that head cues in PolNeAR ("his plan to", "their claim that", "support for").
Trained by learn_cues.py on PolNeAR train; weights in data/cue_model.json.
"""

from __future__ import annotations

import json
import math
from functools import cache
from itertools import repeat
from pathlib import Path

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from ..linear_spacy import sentence_start
from .frames import frame_from

MODEL_PATH = Path(__file__).parent / "data" / "cue_model.json"
PERSON_PRONOUNS = {"he", "she", "i", "we", "they", "you"}
PERSON_POSSESSORS = PERSON_PRONOUNS | {"his", "her", "their", "my", "our"}
# Prepositions whose object is what a noun of saying or wanting is about: "support for".
CONTENT_PREPOSITIONS = {"of", "for", "about", "on", "against", "over", "to", "from", "with"}
# Words that report speech outright, for the model's "speech beside it" feature: a word in
# the same sentence as one ("said he wants") is less often a cue itself. A short list of its
# own, apart from cues.SPEECH_LEMMAS: the shipped weights were learned with this one.
REPORTING_LEMMAS = frozenset(
    {"say", "tell", "according", "add", "state", "write", "note", "explain", "argue", "claim"}
)


def _subject_kind(token: Token, subject: Token | None) -> str:
    if subject is None:
        return "none" if token.dep_ not in ("conj", "xcomp", "advcl", "relcl") else "shared"
    if subject.lower_ in PERSON_PRONOUNS:
        return "pron_person"
    if subject.ent_type_:
        return f"ent_{subject.ent_type_}"
    return f"{subject.pos_}_{subject.tag_}"


def is_candidate(token: Token, lemmas: set[str], nouns: set[str] = frozenset()) -> bool:
    """Every verb may be a cue; an auxiliary or a noun only when its lemma heads cues in
    PolNeAR (`lemmas` in any part of speech, `nouns` as a noun)."""
    if token.pos_ == "VERB":
        return True
    if token.pos_ == "NOUN":
        return token.lemma_.lower() in nouns
    return token.pos_ == "AUX" and token.lemma_.lower() in lemmas


def complement(token: Token) -> str:
    """What the word governs that could be its content: a "that" clause, a "to"
    infinitive, another clause, a preposition's object, or nothing."""
    for child in token.children:
        if child.dep_ in ("ccomp", "acl", "xcomp", "advcl") and child.i > token.i:
            marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "aux")}
            if "to" in marks:
                return "to"
            if marks & {"that", "whether", "if"}:
                return "that"
            if child.dep_ == "ccomp":
                return "clause"
    preps = [
        c.lower_ for c in token.rights if c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS
    ]
    return f"prep_{preps[0]}" if preps else "-"


def owner(token: Token) -> str:
    """For a noun, who holds it: a possessor ("his plan"), a "by" or "from" phrase, or the
    subject of the verb it is the object of ("made the claim")."""
    if token.pos_ != "NOUN":
        return "-"
    for child in token.children:
        if child.dep_ == "poss":
            return "poss_person" if child.lower_ in PERSON_POSSESSORS or child.ent_type_ else "poss"
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return f"prep_{child.lower_}"
    if token.dep_ in ("dobj", "obj") and any(c.dep_ == "nsubj" for c in token.head.children):
        return "object_of_subject"
    return "none"


REPORTING_BY_SENTENCE = "sourcemark_reporting_by_sentence"


def _beside_speech(token: Token) -> bool:
    """Whether another word of the token's sentence reports speech. Counted once per doc:
    asking each word's sentence anew costs the square of a long sentence's length."""
    doc = token.doc
    counts = doc.user_data.get(REPORTING_BY_SENTENCE)
    if counts is None:
        counts = {}
        for i in _reporting(doc):
            start = sentence_start(doc, i)
            counts[start] = counts.get(start, 0) + 1
        doc.user_data[REPORTING_BY_SENTENCE] = counts
    itself = token.lemma_.lower() in REPORTING_LEMMAS
    return counts.get(sentence_start(doc, token.i), 0) > itself


# Whether a lemma (by its hash) reports speech, as found so far: a lemma's string is looked
# up once, not once per paragraph. Bounded, as the vocabulary grows with what is read.
_REPORTS_SPEECH: dict[int, bool] = {}
MAX_LEMMAS_KEPT = 50_000


def _reporting(doc: Doc) -> list[int]:
    """The tokens whose lemma reports speech, in order."""
    lemmas = doc.to_array(LEMMA).tolist()
    known = _REPORTS_SPEECH
    if len(known) > MAX_LEMMAS_KEPT:
        known.clear()
    strings = doc.vocab.strings
    for lemma in set(lemmas).difference(known):
        known[lemma] = strings[lemma].lower() in REPORTING_LEMMAS
    return [i for i, lemma in enumerate(lemmas) if known[lemma]]


def features(token: Token, in_quote: bool, sentence_quotes: bool) -> list[str]:
    lemma = token.lemma_.lower()
    dep, pos, tag, head = token.dep_, token.pos_, token.tag_, token.head
    # Listed once with their relations: spaCy walks the parse anew on each pass over a
    # token's children, and looks each relation's string up on every access.
    children = [(c, c.dep_) for c in token.children]
    relations = {d for _, d in children}
    frame = frame_from(relations, dep)
    subject_head = next((c for c, d in children if d in ("nsubj", "nsubjpass")), None)
    subject = _subject_kind(token, subject_head)
    preps = [c.lower_ for c, d in children if d == "prep"]
    deps = sorted(relations)
    out = [
        f"l={lemma}",
        f"p={pos}",
        f"t={tag}",
        f"f={frame}",
        f"d={dep}",
        f"s={subject}",
        f"l|f={lemma}|{frame}",
        f"l|d={lemma}|{dep}",
        f"l|t={lemma}|{tag}",
        f"l|s={lemma}|{subject}",
        f"f|s={frame}|{subject}",
        f"d|h={dep}|{head.pos_}",
        f"q={in_quote}|{sentence_quotes}",
        f"l|q={lemma}|{in_quote}|{sentence_quotes}",
    ]
    obj = next((c for c, d in children if d in ("dobj", "dative")), None)
    aux = [c.lower_ for c, d in children if d in ("aux", "neg", "auxpass")]
    neighbours = [
        token.doc[i]
        for i in (token.i - 2, token.i - 1, token.i + 1, token.i + 2)
        if 0 <= i < len(token.doc)
    ]
    out += [
        f"sl={subject_head.lemma_.lower() if subject_head is not None else '-'}",
        f"ol={obj.lemma_.lower() if obj is not None else '-'}",
        f"l|ol={lemma}|{obj.lemma_.lower() if obj is not None else '-'}",
        f"adjq={any(t.is_quote for t in neighbours)}",
        f"l|hl={lemma}|{head.lemma_.lower() if dep != 'ROOT' else '-'}",
    ]
    clause = next((c for c, d in children if d in ("ccomp", "parataxis")), None)
    marker = next((c.lower_ for c in clause.children if c.dep_ == "mark"), "-") if clause else "-"
    out += [
        f"l|f|s={lemma}|{frame}|{subject}",
        f"mark={marker}",
        f"root={dep == 'ROOT'}",
        f"clause_side={'-' if clause is None else clause.i < token.i}",
    ]
    # The words either side ("to", "that", a name, a comma) and whether the sentence reports
    # speech elsewhere: each lifted cue-word F1 in cross-validation over articles (README).
    doc = token.doc
    before = doc[token.i - 1].lemma_.lower() if token.i > 0 else "<s>"
    after = doc[token.i + 1].lemma_.lower() if token.i + 1 < len(doc) else "</s>"
    out += [
        f"pv={before}",
        f"nx={after}",
        f"l|pv={lemma}|{before}",
        f"l|nx={lemma}|{after}",
        f"oc={_beside_speech(token)}",
    ]
    out += [f"a={a}" for a in aux]
    out += [f"c={d}" for d in deps] + [f"l|c={lemma}|{d}" for d in deps]
    out += [f"pr={p}" for p in preps] + [f"l|pr={lemma}|{p}" for p in preps]
    if pos != "NOUN":
        return out
    # A noun weighs what it governs and who holds it, with weights of its own: sharing them
    # with verbs' moved the verbs' decisions (and cost linked F1 in cross-validation).
    comp, held = complement(token), owner(token)
    out += [f"cmp={comp}", f"l|cmp={lemma}|{comp}", f"own={held}", f"l|own={lemma}|{held}"]
    return [f"noun:{f}" for f in out]


class CueModel:
    def __init__(
        self,
        weights: dict[str, float],
        bias: float,
        threshold: float,
        nouns: frozenset = frozenset(),
    ):
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.nouns = nouns  # the nouns it judges

    def probability(self, feats: list[str]) -> float:
        # map, not a generator: the same sum, in the same order, without a Python step each
        score = self.bias + sum(map(self.weights.get, feats, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def load_model(path: Path = MODEL_PATH) -> CueModel | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    nouns = frozenset(data.get("nouns", ()))
    return CueModel(data["weights"], data["bias"], data["threshold"], nouns)
