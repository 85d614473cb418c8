"""Learned roles: a tagger, trained on PolNeAR train, that marks each token as part of a
source, a cue and/or a content span, and the decoding of those marks into attributions.

A token's tag has three letters, for source, cue and content, each B (begins), I (inside)
or O (outside): "OBI" begins a cue inside someone's content. Nested attributions need all
three at once. The tagger reads what the pipeline's tok2vec made of the words and the
parse's labels (POS, tag, dependency, entity, lemma), so it sees the syntax the rules
see; its weights ship in data/roles/.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy
from spacy.language import Language
from spacy.pipeline import Tagger
from spacy.tokens import Doc, Token
from spacy.util import registry
from thinc.api import Config, Maxout, Model, chain, concatenate, with_array

from ..linear_spacy import sentence_starts
from .tokens import entity_end, entity_start

# The learned parts: cue lexicon (cues.json), cue model (cue_model.json), tagger (roles/).
ATTRIBUTION_DATA = Path(__file__).parent / "data"
ROLE_MODEL_DIR = ATTRIBUTION_DATA / "roles"
ARCHITECTURE_FILE = "model.cfg"  # the model config the weights beside it were trained as
ROLE_TAGGER = "sourcemark_roles"  # the pipeline component's factory and name
ROLES_KEY = "sourcemark_roles"  # doc.user_data key for the per-token tags
CUE_PROBABILITY_KEY = "sourcemark_cue_probability"
SOURCE, CUE, CONTENT = range(3)
OUTSIDE = "OOO"  # the tag of a token in no source, cue or content
T = TypeVar("T")
MAX_CARRY_TOKENS = 40  # how far a content run may sit from a cue outside its sentences
# More cues than this in one sentence is no prose ("said said said …"): the first are kept,
# which bounds the work, and the answer's size, per sentence.
MAX_CUES_PER_SENTENCE = 12


def _tagger(embed: str, width: int, depth: int) -> str:
    """A spaCy tagger's model config: `embed` (the words' features, `width` wide) under
    `depth` window layers, each reaching 2 tokens further each side."""
    return f"""
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
{embed.strip()}

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 2
maxout_pieces = 3
"""


def tagger_config(width: int) -> str:
    """A role tagger with its own CNN over the words and the parse's features, `width`
    wide, reaching 12 tokens each side: the teacher's model (training/train_roles.py)."""
    embed = f"""
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "POS", "TAG", "DEP", "ENT_TYPE", "LEMMA"]
rows = [5000, 1000, 2500, 2500, 100, 200, 200, 100, 5000]
include_static_vectors = false
"""
    return _tagger(embed, width, 6)


def tensor_tagger_config(width: int, depth: int, label_width: int) -> str:
    """A role tagger that starts from what the pipeline's tok2vec already computed for the
    words (doc.tensor, reaching 4 tokens each side) and adds the parse's labels."""
    embed = f"""
@architectures = "sourcemark.TensorAndParse.v1"
width = {width}
label_width = {label_width}
attrs = ["POS", "TAG", "DEP", "ENT_TYPE", "LEMMA"]
rows = [100, 200, 200, 100, 5000]
"""
    return _tagger(embed, width, depth)


# The shipped tagger: distilled from one with its own CNN, 64 wide, in under half its time
# (README: "roles.py"). Words cost it nothing: the pipeline's tok2vec read them already.
MODEL_CONFIG = tensor_tagger_config(64, 2, 32)


@registry.architectures("sourcemark.TensorAndParse.v1")
def tensor_and_parse(width: int, label_width: int, attrs: list, rows: list) -> Model:
    """Each token's doc.tensor row beside embeddings of its parse labels, mixed to `width`."""
    from spacy.ml.models.tok2vec import MultiHashEmbed

    labels = MultiHashEmbed(label_width, attrs, rows, include_static_vectors=False)
    tensor = Model("doc_tensor", _tensor_forward)
    model = chain(concatenate(tensor, labels), with_array(Maxout(width, nP=3, normalize=True)))
    model.set_dim("nO", width)
    return model


def _tensor_forward(model, docs, is_train):
    tensors = [doc.tensor for doc in docs]
    if any(len(tensor) != len(doc) for tensor, doc in zip(tensors, docs, strict=True)):
        raise ValueError("the role tagger reads doc.tensor: run it after the tok2vec")
    # The pipeline's tok2vec is frozen here: nothing flows back into it.
    return [model.ops.asarray2f(tensor) for tensor in tensors], lambda d_tensors: []


class RoleTagger(Tagger):
    """A tagger whose labels go to doc.user_data, leaving token.tag_ to spaCy's tagger.

    It keeps, per token, the probability that the token is part of a cue, so the engine
    can weigh a learned cue against the rules.
    """

    def predict(self, docs):
        tagged = [doc for doc in docs if len(doc)]
        return self.model.predict(tagged) if tagged else []

    def set_annotations(self, docs, batch_scores):
        labels = self.labels
        cue_columns = [i for i, label in enumerate(labels) if label[CUE] != "O"]
        scores_of = iter(batch_scores)
        for doc in docs:
            tags, probability = [], []
            if len(doc):
                scores = self.model.ops.to_numpy(next(scores_of))
                tags = [labels[int(i)] for i in scores.argmax(axis=1)]
                # The model leaves its outputs unnormalised at inference: softmax them here.
                odds = numpy.exp(scores - scores.max(axis=1, keepdims=True))
                probability = (odds[:, cue_columns].sum(axis=1) / odds.sum(axis=1)).tolist()
            doc.user_data[ROLES_KEY] = tags
            doc.user_data[CUE_PROBABILITY_KEY] = probability


@Language.factory(ROLE_TAGGER, default_config=Config().from_str(MODEL_CONFIG))
def make_role_tagger(nlp, name, model):
    # Unannotated: confection validates a factory's arguments from its annotations, and
    # older confection can't resolve this module's postponed (string) ones.
    return RoleTagger(nlp.vocab, model, name)


def architecture(path: Path, default: str = MODEL_CONFIG) -> str:
    """The model config the weights in `path` were trained as (its ARCHITECTURE_FILE), else
    `default`."""
    written = path / ARCHITECTURE_FILE
    return written.read_text("utf-8") if written.is_file() else default


def model_settings(config: str) -> dict:
    """A model config string as add_pipe takes it."""
    return {"model": Config().from_str(config)["model"]}


def add_role_tagger(nlp: Language, path: Path = ROLE_MODEL_DIR) -> bool:
    """Append the trained role tagger to nlp, if its weights are there, built as their
    architecture says."""
    if not (path / "model").is_file():
        return False
    settings = model_settings(architecture(path))
    nlp.add_pipe(ROLE_TAGGER, last=True, config=settings).from_disk(path, exclude=["vocab"])
    return True


def role_tags(doc: Doc) -> list[str] | None:
    return doc.user_data.get(ROLES_KEY)


# A run of one role: a B and the Is after it, or Is that no B opened.
_RUN = re.compile("BI*|I+")


def runs(tags: list[str], role: int) -> list[tuple[int, int]]:
    """Token ranges [start, end) of one role's B/I runs. Each tag has a letter per role:
    the role's letters, one per token, are read as a string, not token by token."""
    letters = "".join(tags)[role :: len(OUTSIDE)]
    return [match.span() for match in _RUN.finditer(letters)]


def first_per_sentence(items: list[T], sentence_of: Callable[[T], int]) -> list[T]:
    """The first MAX_CUES_PER_SENTENCE items of each sentence, in order."""
    seen: dict[int, int] = {}
    kept = []
    for item in items:
        n = sentence_of(item)
        seen[n] = seen.get(n, 0) + 1
        if seen[n] <= MAX_CUES_PER_SENTENCE:
            kept.append(item)
    return kept


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


def _names_whole(doc: Doc, sources: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Source runs, each widened to the whole of every name it takes part of, and joined
    where that makes them meet: "[Blaze co-host] Stu [Burguiere]" is one run."""
    if not sources:
        return sources
    widened = []
    for start, end in sources:
        first, last = doc[start], doc[end - 1]
        if first.ent_iob_ == "I":
            start = entity_start(doc, start)
        if last.ent_iob_ != "O" and end < len(doc) and doc[end].ent_iob_ == "I":
            end = entity_end(doc, end)
        if widened and start <= widened[-1][1]:
            widened[-1] = (widened[-1][0], max(end, widened[-1][1]))
        else:
            widened.append((start, end))
    return widened


def decode(doc: Doc, tags: list[str]) -> list[RoleAttribution]:
    """Link each cue run to a source run and its content runs.

    The source is the run holding the cue verb's subject, else the nearest in the cue's
    sentence. Each content run joins the nearest cue in its sentences that it does not
    contain (a run holding a cue is that nested cue's outer content), else the nearest
    cue in the paragraph within MAX_CARRY_TOKENS. Runs are looked up by sentence and by
    place, so that a paragraph of thousands of runs costs time in its length.
    """
    cues = runs(tags, CUE)
    if not cues:
        return []  # most paragraphs: no need for the other runs
    sources, contents = _names_whole(doc, runs(tags, SOURCE)), runs(tags, CONTENT)
    starts = sentence_starts(doc)

    def sentence(i: int) -> int:
        """The position of token i's sentence."""
        return bisect_right(starts, i) - 1

    cues = first_per_sentence(cues, lambda cue: sentence(cue[0]))
    sources_in: dict[int, list[tuple[int, int]]] = {}  # by the sentences of their edges
    for s in sources:
        for n in dict.fromkeys((sentence(s[0]), sentence(s[1] - 1))):
            sources_in.setdefault(n, []).append(s)
    probability = doc.user_data.get(CUE_PROBABILITY_KEY) or [1.0] * len(doc)

    linked = []
    cues_in: dict[int, list[RoleAttribution]] = {}
    for cue in cues:
        head = _cue_head(doc, cue)
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        subjects = {t.i for t in verb.children if t.dep_ in ("nsubj", "nsubjpass", "agent")}
        here = sentence(cue[0])
        source = min(
            sources_in.get(here, ()),
            key=lambda s: (not any(s[0] <= i < s[1] for i in subjects), _gap(s, cue)),
            default=None,
        )
        confidence = sum(probability[cue[0] : cue[1]]) / (cue[1] - cue[0])
        linked.append(RoleAttribution(cue, source, [], confidence))
        cues_in.setdefault(here, []).append(linked[-1])

    cue_ends = [a.cue[1] for a in linked]  # runs don't overlap: ends ascend with starts
    for content in contents:

        def outside(a: RoleAttribution, content=content) -> bool:
            return not content[0] <= a.cue[0] < content[1]

        spans = sorted({sentence(content[0]), sentence(content[1] - 1)})
        pool = [a for n in spans for a in cues_in.get(n, ()) if outside(a)]
        if not pool:
            k = bisect_left(cue_ends, content[0] - MAX_CARRY_TOKENS)
            while k < len(linked) and linked[k].cue[0] <= content[1] + MAX_CARRY_TOKENS:
                if outside(linked[k]) and _gap(linked[k].cue, content) <= MAX_CARRY_TOKENS:
                    pool.append(linked[k])
                k += 1
        if pool:
            min(pool, key=lambda a: _gap(a.cue, content)).content.append(content)
    return linked
