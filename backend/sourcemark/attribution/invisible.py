"""Invisible characters (zero-width spaces and joiners, word joiner, BOM, soft hyphen) that web
pages leave inside names and words: "Dana\u200b said" is Dana saying. And spaces other than
the plain one (no-break, thin, narrow), of which spaCy makes tokens of their own, splitting
names and parses: "Stu\u00a0Burguiere said".

The pipeline parses the text without them, then lays the parse back over the original text:
each invisible character joins the token before it (or the next one, at the start or after a
space), so every offset stays in the original text and the models see clean words. The other
spaces become plain ones before all that, one for one, so offsets don't move; the pipeline
puts them back in the texts it returns (pipeline.with_original_texts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# No-break, en quad to hair, narrow no-break, medium mathematical, ideographic.
OTHER_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
ANNOTATIONS = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE]
# doc.user_data: the doc's text, which parse compared with the text it was given. The same
# string as that text, unless the text has other spaces: no copy for a cached parse to hold.
TEXT = "sourcemark_text"


def plain_spaces(text: str) -> str:
    """The text with a plain space for each other space: the same length, the same offsets."""
    return OTHER_SPACES.sub(" ", text)


def clean(text: str) -> str:
    """The text the models read: plain spaces, and no invisible characters unless that
    leaves nothing."""
    text = plain_spaces(text)
    return INVISIBLE.sub("", text) or text


def parse(
    nlp: Language, texts: Iterable[str], batch_size: int, tokenized: Iterable[Doc] | None = None
) -> Iterator[Doc]:
    """nlp.pipe over the texts, each Doc over its text with plain spaces, invisible
    characters in. `tokenized` may give each text's clean form already tokenized by nlp."""
    texts = [plain_spaces(text) for text in texts]
    inputs = [clean(text) for text in texts] if tokenized is None else list(tokenized)
    for text, doc in zip(texts, nlp.pipe(inputs, batch_size=batch_size), strict=True):
        if doc.text == text:
            doc.user_data[TEXT] = text  # joined from the tokens here, not again (text_of)
            yield doc
        else:
            yield restore(doc, text)


def text_of(doc: Doc) -> str:
    """doc.text: as parse kept it, else joined from the tokens (spaCy joins it anew on every
    access)."""
    text = doc.user_data.get(TEXT)
    return doc.text if text is None else text


def restore(doc: Doc, original: str) -> Doc:
    """The same tokens and annotations as `doc` (parsed from `original` without its
    invisible characters), over `original`."""
    kept = [i for i, char in enumerate(original) if not INVISIBLE.match(char)]
    words, spaces, begin = [], [], 0
    for token in doc:
        nxt = token.i + 1
        if token.whitespace_:
            space = kept[token.idx + len(token.text)]  # the space after it, in the original
            words.append(original[begin:space])
            begin = space + 1  # invisible characters after a space open the next token
        else:
            end = kept[doc[nxt].idx] if nxt < len(doc) else len(original)
            words.append(original[begin:end])
            begin = end
        spaces.append(bool(token.whitespace_))
    if begin < len(original):  # invisible characters after a last space: the last word's
        words[-1] += " " + original[begin:]
        spaces[-1] = False
    restored = Doc(doc.vocab, words=words, spaces=spaces)
    restored.from_array(ANNOTATIONS, doc.to_array(ANNOTATIONS))
    for new, old in zip(restored, doc, strict=True):
        if new.text != old.text:
            new.norm_ = old.norm_
    restored.user_data.update(doc.user_data)
    # Same tokens, same sentences: keep the sentence index (linear_spacy.py) too.
    restored.user_token_hooks.update(doc.user_token_hooks)
    restored.user_span_hooks.update(doc.user_span_hooks)
    restored.tensor = doc.tensor
    return restored
