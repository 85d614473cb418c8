"""spaCy in linear time on any paragraph: its tokenizer, and the sentence of a token.

spaCy strips prefixes and suffixes from a space-free chunk one at a time, and each step
searches and copies the rest of the chunk: a chunk of n quote marks, emoji or punctuation
costs time in n². Chunks longer than any word or URL are cut into pieces that are tokenized
apart; the text, and so every offset, stays the same. Text without such chunks is tokenized
exactly as spaCy does it.

`token.sent` and `span.sent` first check the whole document for sentence starts, then walk
to the sentence's edges: asked for each word of a long paragraph, that is n² again. A last
pipeline component gives each parse a table of its sentence starts, looked up by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import deadline

LONGEST_CHUNK = 200  # characters without a space tokenized in one piece
SENTENCE_INDEX = "sourcemark_sentence_index"
SENTENCE_STARTS = "sourcemark_sentence_starts"  # doc.user_data key


@cache
def _long_chunk(longest: int) -> re.Pattern:
    return re.compile(rf"\S{{{longest + 1},}}")


def cuts(text: str, longest: int = LONGEST_CHUNK) -> list[int]:
    """Where to cut the text so that no piece holds more than `longest` characters
    without a space."""
    found: list[int] = []
    for chunk in _long_chunk(longest).finditer(text):
        found += range(chunk.start() + longest, chunk.end(), longest)
    return found


class BoundedTokenizer:
    """Wraps a pipeline's tokenizer; anything else is asked of the wrapped one."""

    def __init__(self, tokenizer, longest: int = LONGEST_CHUNK):
        self.tokenizer = tokenizer
        self.longest = longest

    def __call__(self, text: str) -> Doc:
        bounds = cuts(text, self.longest)
        if not bounds:
            return self.tokenizer(text)
        edges = [0, *bounds, len(text)]
        pieces = [self.tokenizer(text[a:b]) for a, b in pairwise(edges)]
        doc = Doc.from_docs(pieces, ensure_whitespace=False)
        first = 0
        for piece in pieces[:-1]:  # a piece starts no sentence: the parser decides
            first += len(piece)
            doc[first].is_sent_start = None
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


class _Sentences:
    """The token indexes where a parse's sentences start."""

    def __init__(self, doc: Doc):
        self.starts = [sent.start for sent in doc.sents]

    def of(self, doc: Doc, i: int) -> Span:
        n = bisect_right(self.starts, i) - 1
        end = self.starts[n + 1] if n + 1 < len(self.starts) else len(doc)
        return doc[self.starts[n] : end]

    def of_token(self, token: Token) -> Span:
        return self.of(token.doc, token.i)

    def of_span(self, span: Span) -> Span:
        return self.of(span.doc, span.start)  # the first sentence, as spaCy's own


@Language.component(SENTENCE_INDEX)
def index_sentences(doc: Doc) -> Doc:
    if len(doc):
        sentences = _Sentences(doc)
        doc.user_token_hooks["sent"] = sentences.of_token
        doc.user_span_hooks["sent"] = sentences.of_span
        doc.user_data[SENTENCE_STARTS] = sentences.starts
    return doc


def sentence_starts(doc: Doc) -> list[int]:
    """The token indexes where the doc's sentences start, in order: the index's, or found
    once per doc where the pipeline made none."""
    starts = doc.user_data.get(SENTENCE_STARTS)
    if starts is None:
        starts = doc.user_data[SENTENCE_STARTS] = [sent.start for sent in doc.sents]
    return starts


def sentence_start(doc: Doc, i: int) -> int:
    """Where the sentence of token i starts: token.sent.start without building the Span."""
    starts = sentence_starts(doc)
    return starts[bisect_right(starts, i) - 1]


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Each sentence's (start_char, end_char), from the kept sentence starts and the
    offsets of the tokens at its edges: no Span is built."""
    bounds = [*sentence_starts(doc), len(doc)]
    return [
        (doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) for start, end in pairwise(bounds)
    ]


def make_linear(nlp: Language) -> Language:
    """Give the pipeline the bounded tokenizer and the sentence index (once), right after
    the parser that sets the sentences, so that the components after it (the role tagger
    asks for sentences) find them in linear time too."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if SENTENCE_INDEX not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(SENTENCE_INDEX, after="parser")
        else:
            nlp.add_pipe(SENTENCE_INDEX, last=True)
    return nlp


CHECK_COMPONENT = "sourcemark_deadline"


@Language.component(CHECK_COMPONENT)
def _check_between_components(doc: Doc) -> Doc:
    deadline.check()
    return doc


def check_between_components(nlp: Language) -> Language:
    """Check the deadline before each of the pipeline's components (once): a long paragraph
    is stopped after the component at work, not after the whole parse."""
    names = nlp.pipe_names
    for name in names[1:]:
        check = f"{CHECK_COMPONENT}_{name}"
        if not name.startswith(CHECK_COMPONENT) and check not in names:
            nlp.add_pipe(CHECK_COMPONENT, name=check, before=name)
    return nlp
