"""Learned roles: a tagger, trained on PolNeAR train, that marks each token as part of a
source, a cue and/or a content span, and the decoding of those marks into attributions.

A token's tag has three letters, for source, cue and content, each B (begins), I (inside)
or O (outside): "OBI" begins a cue inside someone's content. Nested attributions need all
three at once. The tagger reads the parse (POS, tag, dependency, entity) through its own
small network over what the pipeline already computed: the shared tok2vec's vectors
(doc.tensor, set during nlp.pipe) and hashed lemma, dependency and entity labels, so it sees
the syntax the rules see for a fraction of a parse's cost. Its weights ship in data/roles/,
with a fingerprint of the tok2vec they were trained on: with any other, the tagger stays out.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.ml.featureextractor import FeatureExtractor
from spacy.pipeline import Tagger
from spacy.tokens import Doc, Token
from spacy.util import registry
from thinc.api import (
    Config,
    HashEmbed,
    Maxout,
    Model,
    Ragged,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)

# The learned parts: cue lexicon (cues.json), cue model (cue_model.json), tagger (roles/).
ATTRIBUTION_DATA = Path(__file__).parent / "data"
ROLE_MODEL_DIR = ATTRIBUTION_DATA / "roles"
ROLE_TAGGER = "sourcemark_roles"  # the pipeline component's factory and name
ROLES_KEY = "sourcemark_roles"  # doc.user_data key for the per-token tags
CUE_PROBABILITY_KEY = "sourcemark_cue_probability"
SOURCE, CUE, CONTENT = range(3)
MAX_CARRY_TOKENS = 40  # how far a content run may sit from a cue outside its sentences

FEATURES_FROM = "tok2vec"  # the pipeline component whose doc.tensor the tagger reads
log = logging.getLogger(__name__)

MODEL_CONFIG = """
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "sourcemark.RoleFeatures.v1"
width = 64
tensor_width = 96
attrs = ["LEMMA", "DEP", "ENT_TYPE", "ENT_IOB"]
rows = [2000, 100, 50, 10]
attr_width = 16

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 64
depth = 2
window_size = 2
maxout_pieces = 3
"""


def _doc_tensors(width: int) -> Model[list[Doc], Ragged]:
    """The vectors the pipeline's tok2vec left in doc.tensor, read as input (not trained)."""

    def forward(model: Model, docs: list[Doc], is_train: bool):
        lengths = model.ops.asarray1i([len(doc) for doc in docs])
        arrays = []
        for doc in docs:
            if doc.tensor.shape != (len(doc), width):
                raise ValueError(
                    f"the role tagger reads {FEATURES_FROM}'s vectors (doc.tensor, {width} wide)"
                    f" but got {doc.tensor.shape}: run it in a pipeline that sets them"
                )
            arrays.append(doc.tensor)
        data = model.ops.asarray2f(
            numpy.concatenate(arrays) if arrays else numpy.zeros((0, width), "float32")
        )
        return Ragged(data, lengths), lambda d_ragged: []

    return Model("doc_tensors", forward, dims={"nO": width})


@registry.architectures("sourcemark.RoleFeatures.v1")
def role_features(
    width: int, tensor_width: int, attrs: list[str], rows: list[int], attr_width: int
) -> Model[list[Doc], list]:
    """doc.tensor beside small hashed embeddings of the parse's labels, mixed to `width`."""
    embeddings = [
        HashEmbed(attr_width, n, column=i, seed=11 + i, dropout=0.0) for i, n in enumerate(rows)
    ]
    labels = chain(FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*embeddings)))
    mixed = tensor_width + attr_width * len(attrs)
    return chain(
        concatenate(_doc_tensors(tensor_width), labels),
        with_array(Maxout(width, mixed, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


def features_fingerprint(nlp: Language) -> str:
    """Identifies the weights of the tok2vec whose vectors the tagger reads."""
    return hashlib.sha256(nlp.get_pipe(FEATURES_FROM).model.to_bytes()).hexdigest()[:16]


def ensure_features(nlp: Language, docs: list[Doc]) -> None:
    """Set doc.tensor where a doc lost it (docs restored from a DocBin keep no tensor)."""
    missing = [doc for doc in docs if doc.tensor.shape[0] != len(doc)]
    for _ in nlp.get_pipe(FEATURES_FROM).pipe(missing, batch_size=128):
        pass


class RoleTagger(Tagger):
    """A tagger whose labels go to doc.user_data, leaving token.tag_ to spaCy's tagger.

    It keeps, per token, the probability that the token is part of a cue, so the engine
    can weigh a learned cue against the rules.
    """

    def predict(self, docs):
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(0, len(self.labels)) for _ in docs]
        return self.model.predict(docs)

    def set_annotations(self, docs, batch_scores):
        labels = self.labels
        cue_columns = [i for i, label in enumerate(labels) if label[CUE] != "O"]
        for doc, scores in zip(docs, batch_scores, strict=True):
            scores = self.model.ops.to_numpy(scores)
            doc.user_data[ROLES_KEY] = [labels[int(i)] for i in scores.argmax(axis=1)]
            # The model leaves its outputs unnormalised at inference: softmax them here.
            odds = numpy.exp(scores - scores.max(axis=1, keepdims=True))
            probability = odds[:, cue_columns].sum(axis=1) / odds.sum(axis=1)
            doc.user_data[CUE_PROBABILITY_KEY] = probability.tolist()


@Language.factory(ROLE_TAGGER, default_config=Config().from_str(MODEL_CONFIG))
def make_role_tagger(nlp: Language, name: str, model) -> RoleTagger:
    return RoleTagger(nlp.vocab, model, name)


def add_role_tagger(nlp: Language, path: Path = ROLE_MODEL_DIR) -> bool:
    """Append the trained role tagger to nlp, if its weights are there and were trained on
    this pipeline's tok2vec."""
    if not (path / "model").is_file() or FEATURES_FROM not in nlp.pipe_names:
        return False
    trained_on = json.loads((path / "cfg").read_text(encoding="utf-8")).get("features")
    if trained_on != features_fingerprint(nlp):
        log.warning("role tagger left out: not trained on this model's %s", FEATURES_FROM)
        return False
    nlp.add_pipe(ROLE_TAGGER, last=True).from_disk(path, exclude=["vocab"])
    return True


def role_tags(doc: Doc) -> list[str] | None:
    return doc.user_data.get(ROLES_KEY)


def runs(tags: list[str], role: int) -> list[tuple[int, int]]:
    """Token ranges [start, end) of one role's B/I runs."""
    found, start = [], None
    for i, tag in enumerate([*tags, "OOO"]):
        letter = tag[role]
        if start is not None and letter != "I":
            found.append((start, i))
            start = None
        if letter == "B" or (letter == "I" and start is None):
            start = i
    return found


@dataclass
class RoleAttribution:
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: list[tuple[int, int]]
    confidence: float  # mean probability, over the cue's tokens, of being in a cue


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _cue_head(doc: Doc, cue: tuple[int, int]) -> Token:
    """The cue's syntactic head: the token whose head lies outside the cue."""
    tokens = doc[cue[0] : cue[1]]
    return tokens.root


def decode(doc: Doc, tags: list[str]) -> list[RoleAttribution]:
    """Link each cue run to a source run and its content runs.

    The source is the run holding the cue verb's subject, else the nearest in the cue's
    sentence. Each content run joins the nearest cue in its sentences that it does not
    contain (a run holding a cue is that nested cue's outer content), else the nearest
    cue in the paragraph within MAX_CARRY_TOKENS.
    """
    sources, cues, contents = runs(tags, SOURCE), runs(tags, CUE), runs(tags, CONTENT)
    if not cues:
        return []
    sentence = {}
    for n, sent in enumerate(doc.sents):
        for token in sent:
            sentence[token.i] = n

    linked = []
    for cue in cues:
        head = _cue_head(doc, cue)
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        subjects = {t.i for t in verb.children if t.dep_ in ("nsubj", "nsubjpass", "agent")}
        here = sentence[cue[0]]
        candidates = [s for s in sources if here in (sentence[s[0]], sentence[s[1] - 1])]
        source = min(
            candidates,
            key=lambda s: (not any(s[0] <= i < s[1] for i in subjects), _gap(s, cue)),
            default=None,
        )
        probability = doc.user_data.get(CUE_PROBABILITY_KEY) or [1.0] * len(doc)
        confidence = sum(probability[cue[0] : cue[1]]) / (cue[1] - cue[0])
        linked.append(RoleAttribution(cue, source, [], confidence))

    for content in contents:
        spans = {sentence[content[0]], sentence[content[1] - 1]}
        outside = [a for a in linked if not content[0] <= a.cue[0] < content[1]]
        near = [a for a in outside if sentence[a.cue[0]] in spans]
        pool = near or [a for a in outside if _gap(a.cue, content) <= MAX_CARRY_TOKENS]
        if pool:
            min(pool, key=lambda a: _gap(a.cue, content)).content.append(content)
    return linked
