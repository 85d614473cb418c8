"""Quote-mark spans in a paragraph: “…”, "…", ‘…’ (not apostrophes) and «…».

Works on spaCy's tokens, which split quote marks off words; a ’ inside a word (don’t) or after
a plural (leaders’) is an apostrophe because no ‘ is open. A quote left open at the end of a
paragraph runs to its end, as a quote that continues in the next paragraph does in news.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

from .invisible import text_of

OPENERS = {"“": "double", "«": "guillemet", "‘": "single", "„": "double"}
CLOSERS = {"”": "double", "»": "guillemet", "’": "single"}
STRAIGHT = {'"': "double", "'": "single", "''": "double", "``": "double"}
MARK_CHARACTERS = {mark[0] for mark in (*OPENERS, *CLOSERS, *STRAIGHT)}
_MARK_CHARACTER = re.compile(f"[{re.escape(''.join(sorted(MARK_CHARACTERS)))}]")


# A double quote mark glued between a word's comma or colon and the next word (`Doe:"We`,
# `said,“Look`, `audiences,"Katie`): web text drops the space, and spaCy keeps the run as one
# token, which hides the quote and its speaker. Each branch opens with the mark it splits,
# so that the search fails at once elsewhere (a lookbehind first cost the tokenizer 5%).
GLUED_QUOTE = r'[:,](?<=\w[:,])(?=["“”«»]\w)|["“”«»](?<=\w[:,]["“”«»])(?=\w)'


def split_glued_quotes(nlp: Language) -> None:
    """Have the tokenizer split such a run into the word, its comma or colon, the quote mark
    and the next word, as it would with the space; its other infixes stay as they are."""
    compiled = getattr(nlp.tokenizer.infix_finditer, "__self__", None)  # a pattern's finditer
    infixes = [compiled.pattern] if compiled is not None else list(nlp.Defaults.infixes)
    nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, GLUED_QUOTE]).finditer


@dataclass(frozen=True)
class Quote:
    start: int  # character offsets in the paragraph, quote marks included
    end: int
    style: str = "double"  # double, single or guillemet

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


class Quotes(list):
    """A paragraph's quotes, in order and apart (as find_quotes gives them), looked up by
    bisection: a long paragraph can hold thousands, and every cue and word asks about them."""

    def __init__(self, quotes: Sequence[Quote] = ()):
        super().__init__(quotes)
        self.starts = [q.start for q in self]
        self.ends = [q.end for q in self]


def _indexed(quotes: Sequence[Quote]) -> Quotes:
    return quotes if isinstance(quotes, Quotes) else Quotes(sorted(quotes, key=lambda q: q.start))


def is_closed(quote: Quote, text: str) -> bool:
    """Whether the paragraph holds both of the quote's marks: it was not carried on from
    before, left open to the paragraph's end, or cut short by the next opener (as a mark
    typed wrong can leave it)."""
    return text[quote.start] in MARK_CHARACTERS and text[quote.end - 1] in MARK_CHARACTERS


def quote_around(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    """The quote that contains the characters start..end (a non-empty stretch)."""
    quotes = _indexed(quotes)
    i = bisect_right(quotes.starts, start) - 1
    return quotes[i] if i >= 0 and quotes[i].contains(start, end) else None


def quotes_overlapping(quotes: Sequence[Quote], start: int, end: int) -> list[Quote]:
    """The quotes that share a character with start..end, in order."""
    quotes = _indexed(quotes)
    found = []
    i = bisect_right(quotes.ends, start)  # the first that ends after `start`
    while i < len(quotes) and quotes[i].start < end:
        found.append(quotes[i])
        i += 1
    return found


def _opens(token: Token) -> bool:
    """A straight quote opens after a space, a bracket or dash, or the paragraph start."""
    doc = token.doc
    if token.whitespace_ or token.i == len(doc) - 1:
        return False
    before = doc[token.i - 1] if token.i else None
    return before is None or bool(before.whitespace_) or before.text in "([{—–-:"


def _mistyped_opener(token: Token) -> bool:
    """ "”Fear. I am afraid …”": a closing mark that opens a line, glued to the word after,
    can close nothing, so it is an opening mark typed wrong."""
    doc = token.doc
    starts_line = token.i == 0 or doc[token.i - 1].text.endswith("\n")
    return starts_line and not token.whitespace_ and token.i + 1 < len(doc)


def find_quotes(doc: Doc, text: str | None = None) -> Quotes:
    """`text` is doc.text, for a caller that has it: a paragraph without a character that
    starts a quote mark has no quote, and its tokens need not be looked at."""
    paragraph = text_of(doc) if text is None else text
    quotes: list[Quote] = []
    open_at: int | None = None
    open_style: str | None = None
    for i in _tokens_starting_with_mark(doc, paragraph):
        token = doc[i]
        text = token.text
        if len(text) > 1 and text[0] in CLOSERS and token.is_punct:
            text = text[0]  # a closer glued to a dash: "”―"
        mistyped = text == "”" and open_at is None and _mistyped_opener(token)
        if (
            text in OPENERS
            or mistyped
            or (text in STRAIGHT and open_style is None and _opens(token))
        ):
            style = "double" if mistyped else OPENERS.get(text) or STRAIGHT[text]
            if open_style == "double" and style == "single":
                continue  # a quote within a quote stays inside the outer one
            if open_at is None:
                open_at, open_style = token.idx, style
            elif style == open_style:
                # A new opener before a closer: the open quote ends where this one starts.
                quotes.append(Quote(open_at, token.idx, style))
                open_at = token.idx
            continue
        style = CLOSERS.get(text) or STRAIGHT.get(text)
        if style is None:
            continue
        if open_at is not None and style == open_style:
            quotes.append(Quote(open_at, token.idx + len(text), style))
            open_at = open_style = None
        elif open_at is None and style != "single" and not quotes:
            # A closer with no opener: the paragraph carries on a quote from before.
            quotes.append(Quote(0, token.idx + len(text), style))
    if open_at is not None:
        quotes.append(Quote(open_at, len(paragraph), open_style))
    return Quotes(quotes)


def _tokens_starting_with_mark(doc: Doc, text: str) -> list[int]:
    """The tokens, in order, that start with a character a quote mark starts with: no other
    token opens or closes a quote. Found from the text's marks, not by visiting every token
    (nearly every paragraph has an apostrophe, few tokens start with one)."""
    at = [match.start() for match in _MARK_CHARACTER.finditer(text)]
    if not at:
        return []
    starts = doc.to_array(IDX)
    found = numpy.searchsorted(starts, at).tolist()
    return [i for i, char in zip(found, at, strict=True) if i < len(doc) and starts[i] == char]
