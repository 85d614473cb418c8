"""Loaded words (VADER's strong lexicon entries and its intensifiers) and hedges as markers."""

from __future__ import annotations

from collections.abc import Iterable
from string import punctuation as PUNCTUATION

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

from .hedges import build_matchers, hedge_token_spans
from .scoring import PLAIN_PUNCTUATION, replaced, vader
from .spans import Span, SpanIndex, merge, quotation_spans

LOADED_VALENCE = 2.0
# VADER's intensifiers that are plain grammar or measured description in news prose ("the
# most important", "highly unusual", "a major fire"): they scale the score, but a reader
# would not call them loaded. The emphatic rest ("incredibly", "utterly") stay marked.
PLAIN_INTENSIFIERS = frozenset(
    (
        "more", "most", "very", "so", "quite", "really", "especially", "particularly",
        "highly", "fully", "entirely", "completely", "totally", "total", "greatly", "deeply",
        "considerable", "considerably", "substantially", "purely", "thoroughly", "major",
    )
)  # fmt: skip


class MarkerFinder:
    def __init__(self, nlp: Language):
        analyser = vader()
        self.lexicon: dict[str, float] = analyser.lexicon
        self.emojis: dict[str, str] = analyser.emojis
        # VADER looks words up lower-cased, so only lower-case entries can ever match.
        loaded = [w for w, v in self.lexicon.items() if abs(v) >= LOADED_VALENCE and w == w.lower()]
        self.loaded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.loaded.add("LOADED", list(nlp.tokenizer.pipe(loaded)))
        # Dampeners too, so that the "kind" of "kind of" is not taken for a kind word.
        self.loaded.add("BOOSTER", list(nlp.tokenizer.pipe(BOOSTER_DICT)))
        self.hedge_phrases, self.hedge_matchers = build_matchers(nlp)
        # VADER reads text with typography made plain and each emoji as separate words;
        # one character for one keeps positions in the original.
        single_emojis = [e for e in self.emojis if len(e) == 1]
        self._single_emojis = frozenset(single_emojis)
        # A token is a loaded emoji only if the text holds one's first character: most
        # paragraphs don't, and then no token need be looked at.
        self._emoji_starts = frozenset(
            e[0] for e in self.emojis if e and self._emoji_valence(e) is not None
        )
        self._as_vader_reads = str.maketrans(
            {**PLAIN_PUNCTUATION, **dict.fromkeys(single_emojis, " ")}
        )

    def find(
        self,
        doc: Doc,
        text: str,
        others_voice: Iterable[Span] = (),
        quotations: list[Span] | None = None,
    ) -> list[dict]:
        """Loaded words everywhere; hedges only in the outlet's own voice, that is outside
        quotation marks and outside the given spans (what attributions say). `text` is
        doc.text, which spaCy joins anew on every access; `quotations` its
        quotation_spans, for a caller that has them."""
        markers = self._loaded(doc, text)
        quotations = quotation_spans(text) if quotations is None else quotations
        excluded = SpanIndex(merge(quotations + list(others_voice)))
        hedges = [
            doc[s:e] for s, e in hedge_token_spans(doc, self.hedge_phrases, self.hedge_matchers)
        ]
        for span in filter_spans(hedges):
            if not excluded.overlaps((span.start_char, span.end_char)):
                markers.append(_marker("hedge", span.start_char, span.end_char, text))
        markers.sort(key=lambda m: (m["start"], m["end"]))
        return markers

    def _loaded(self, doc: Doc, text: str) -> list[dict]:
        matches = self.loaded(doc)
        # Most paragraphs have no loaded word: only those that do are read as VADER does.
        plain = self._as_vader_reads_it(text) if matches else text
        # Only what VADER reads as a word counts: not the "war" of "war-torn".
        words = [
            doc[s:e]
            for _, s, e in matches
            if _is_vader_word(plain, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
        ]
        markers = []
        following = None  # built on the first intensifier
        emojis = list(self._emoji_tokens(doc)) if not self._emoji_starts.isdisjoint(text) else []
        for span in filter_spans(words + emojis):
            key = span.text.lower()
            if key in self.lexicon:
                valence = self.lexicon[key]
            elif span.text in self.emojis:
                valence = self._emoji_valence(span.text)
            elif BOOSTER_DICT.get(key, 0) > 0 and key not in PLAIN_INTENSIFIERS:
                if following is None:
                    following = self._next_words(doc)
                if not self._intensifies(doc, span, following):
                    continue
                # An intensifier scales a sentiment word and has none itself; dampeners
                # ("slightly") take charge away, so they are not loaded.
                valence = None
            else:
                continue
            markers.append(_marker("loaded", span.start_char, span.end_char, text, valence))
        return markers

    def _as_vader_reads_it(self, text: str) -> str:
        """The text as VADER reads it, one character for one. Without emoji, its typography
        is replaced where the text holds it: str.translate would look every character of a
        non-ASCII text up in the table."""
        if text.isascii():
            return text  # neither typography nor emoji
        if self._single_emojis.isdisjoint(text):
            return replaced(text, PLAIN_PUNCTUATION)
        return text.translate(self._as_vader_reads)

    def _emoji_tokens(self, doc: Doc) -> Iterable:
        for token in doc:
            if token.text in self.emojis and self._emoji_valence(token.text) is not None:
                yield doc[token.i : token.i + 1]

    def _emoji_valence(self, emoji: str) -> float | None:
        """VADER reads an emoji as its name ("crying face"); the strongest loaded word in it."""
        valences = [self.lexicon.get(w, 0.0) for w in self.emojis[emoji].split()]
        strongest = max(valences, key=abs, default=0.0)
        return strongest if abs(strongest) >= LOADED_VALENCE else None

    def _next_words(self, doc: Doc) -> list[int | None]:
        """For each token, the first token from it on, in its sentence, that is neither
        punctuation nor an intensifier: one pass, however long a run of "very"s."""
        following: list[int | None] = [None] * (len(doc) + 1)
        for sent in doc.sents:
            after = None
            for token in reversed(sent):
                if not (token.is_punct or token.lower_ in BOOSTER_DICT):
                    after = token.i
                following[token.i] = after
        return following

    def _intensifies(self, doc: Doc, intensifier, following: list[int | None]) -> bool:
        """Whether a sentiment word follows, maybe after more intensifiers ("very, very
        bad"). VADER reaches three words further, but "so far rejected" is not emphasis."""
        if any(token.is_sent_end for token in intensifier):
            return False  # no sentence word after it
        word = following[intensifier.end]
        return word is not None and doc[word].lower_ in self.lexicon


def _is_vader_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] starts a word VADER reads and ends one. Each edge is asked
    of the word around it alone: VADER's word lies within its whitespace-split chunk."""
    first = _vader_word(text, start)
    last = _vader_word(text, end - 1)
    return first is not None and first[0] == start and last is not None and last[1] == end


def _vader_word(text: str, at: int) -> tuple[int, int] | None:
    """Where the word VADER reads around character `at` starts and ends, if `at` is in
    one: whitespace-split, ASCII punctuation stripped unless that leaves two characters or
    fewer (an emoticon)."""
    if not 0 <= at < len(text) or text[at].isspace():
        return None
    start, end = at, at + 1
    while start and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    word = text[start:end]
    kept = SentiText._strip_punc_if_word(word)
    start += 0 if kept == word else len(word) - len(word.lstrip(PUNCTUATION))
    return start, start + len(kept)


def _marker(kind: str, start: int, end: int, text: str, valence: float | None = None) -> dict:
    marker = {"kind": kind, "start": start, "end": end, "text": text[start:end]}
    if kind == "loaded":
        marker["valence"] = valence
    return marker
