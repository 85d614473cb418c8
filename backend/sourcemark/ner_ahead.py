"""The entity recogniser's own word embedding, computed in a second thread while the
tagger and parser work.

In the English models the recogniser embeds the words with a tok2vec of its own, which
reads nothing but the words (NORM, PREFIX, SUFFIX, SHAPE): a fifth of the parse. Nothing in
it waits for the components before the recogniser, so a second thread embeds a batch as
soon as it is tokenized, and the recogniser takes each paragraph's rows from there (its
transitions still wait for the parser's sentences). The numbers are those the recogniser
computes itself; tests/test_ner_ahead.py checks the annotations.

One thread more pays only where a core is idle: batch work, whose processes fill the
cores between them (serve --workers, analyze of a folder, corpus workers), parses in one
thread per process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from spacy.attrs import IDS, NORM, PREFIX, SHAPE, SUFFIX
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from thinc.api import Model

EMBEDDING_AHEAD = "sourcemark_ner_embedding_ahead"
# Where a Doc keeps its rows to come: (the batch's future, the Doc's place in the batch).
ROWS = "sourcemark_ner_rows"
# What the words' embedding may read: attributes of the words themselves, which the
# tokenizer sets and components before the recogniser don't change (AttributeRuler checked).
WORD_ATTRIBUTES = {NORM, PREFIX, SUFFIX, SHAPE, IDS["ORTH"], IDS["LOWER"]}


def _column_id(column) -> int:
    return IDS[column.upper()] if isinstance(column, str) else column


def _words_embedding(nlp: Language) -> Model | None:
    """The recogniser's own embedding of the words, if it has one that reads only them and
    hands on one array per Doc; None otherwise (a listener to a shared tok2vec, say)."""
    if "ner" not in nlp.pipe_names:
        return None
    ner = nlp.get_pipe("ner")
    if not ner.model.has_ref("tok2vec"):
        return None
    # spaCy's transition models: chain(embedding, list2array, linear).
    outer = ner.model.get_ref("tok2vec")
    if len(outer.layers) < 2 or outer.layers[1].name != "list2array":
        return None
    embedding = outer.layers[0]
    if embedding.name == EMBEDDING_AHEAD:
        return embedding.layers[0]
    extractors = [node for node in embedding.walk() if node.name == "extract_features"]
    if len(extractors) != 1:
        return None
    columns = {_column_id(c) for c in extractors[0].attrs["columns"]}
    return embedding if reads_only_words(columns, _written_before(nlp, "ner")) else None


def _written_before(nlp: Language, name: str) -> set[int]:
    """The attributes that attribute rulers before component `name` set."""
    written: set[int] = set()
    for _, component in nlp.pipeline[: nlp.pipe_names.index(name)]:
        if isinstance(component, AttributeRuler):
            written |= {_column_id(a) for attrs in component.attrs for a in attrs}
    return written


def reads_only_words(columns: Iterable[int], written: Iterable[int]) -> bool:
    columns = set(columns)
    return columns <= WORD_ATTRIBUTES and not columns & set(written)


class NerEmbeddingAhead:
    """Installs a stand-in for the recogniser's embedding that serves the rows computed
    ahead, and computes them (`start`) in a thread of its own."""

    def __init__(self, embedding: Model):
        self.embedding = embedding
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0

    @classmethod
    def install(cls, nlp: Language) -> NerEmbeddingAhead | None:
        """Installed in `nlp`'s recogniser, or None where its embedding can't run ahead."""
        embedding = _words_embedding(nlp)
        if embedding is None:
            return None
        outer = nlp.get_pipe("ner").model.get_ref("tok2vec")
        if outer.layers[0] is embedding:
            outer.layers[0] = Model(EMBEDDING_AHEAD, _serve_rows, layers=[embedding])
        return cls(embedding)

    def start(self, docs: Sequence[Doc]) -> None:
        """Begin embedding `docs` for the recogniser, before they go through the pipeline."""
        if not docs:
            return
        future = self._thread().submit(self.embedding.predict, list(docs))
        for place, doc in enumerate(docs):
            doc.user_data[ROWS] = (future, place)

    def _thread(self) -> ThreadPoolExecutor:
        # A forked child has the pool but not its thread: it starts one of its own.
        if self._pool is None or self._pool_pid != os.getpid():
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="sourcemark-ner-embedding")
            self._pool_pid = os.getpid()
        return self._pool


def _serve_rows(model: Model, docs: list[Doc], is_train: bool):
    """The rows computed ahead when every Doc has them, else the embedding's own forward."""
    ahead: list[tuple[Future, int] | None] = [doc.user_data.pop(ROWS, None) for doc in docs]
    if is_train or any(rows is None for rows in ahead):
        return model.layers[0](docs, is_train)
    rows = [future.result()[place] for future, place in ahead]  # type: ignore[misc]
    return rows, _no_backprop


def _no_backprop(gradient):
    raise NotImplementedError("rows computed ahead are for inference only")
