"""Cue words: verbs that report speech, beliefs and intentions, and `according to`.

The verb lexicon is learned from PolNeAR train (see learn_cues.py): a verb counts as a cue in
a syntactic frame when annotators marked it as one often enough in that frame there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from .frames import frame_of

LEXICON_PATH = Path(__file__).parent / "data" / "cues.json"
MIN_RATE = 0.3  # share of a lemma's uses, in a frame, that PolNeAR marks as cues
MIN_COUNT = 3  # cue uses seen in that frame in PolNeAR train
# A lemma that is a cue this often over all its uses is one in any frame ("say", "tell").
MIN_LEMMA_RATE = 0.5
MIN_LEMMA_COUNT = 10
CUE_POS = {"VERB", "AUX"}
# Auxiliaries and negation that PolNeAR includes in a cue ("has said", "did not deny").
CUE_PARTS = {"aux", "auxpass", "neg"}


@dataclass(frozen=True)
class Cue:
    head: Token
    start: int  # token indexes of the cue span
    end: int
    according_to: bool = False

    @property
    def span(self):
        return self.head.doc[self.start : self.end]


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> dict[tuple[str, str], set[str]]:
    """(lemma, POS) -> the frames in which it is a cue."""
    data = json.loads(path.read_text(encoding="utf-8"))
    lexicon: dict[tuple[str, str], set[str]] = {}
    for key, frames in data["lemmas"].items():
        lemma, pos = key.rsplit("/", 1)
        if pos not in CUE_POS:
            continue
        cues_all = sum(cues for cues, _ in frames.values())
        total_all = sum(total for _, total in frames.values())
        if cues_all >= MIN_LEMMA_COUNT and cues_all / total_all >= MIN_LEMMA_RATE:
            good = set(frames)
        else:
            good = {
                frame
                for frame, (cues, total) in frames.items()
                if cues >= MIN_COUNT and cues / total >= MIN_RATE
            }
        if good:
            lexicon[lemma, pos] = good
    return lexicon


class CueFinder:
    """Built once per engine: the lexicon and the Matcher for multi-word cues."""

    def __init__(self, nlp):
        self.lexicon = load_lexicon()
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add(
            "ACCORDING_TO",
            [[{"LOWER": "according"}, {"LOWER": "to"}]],
        )

    def is_cue_word(self, token: Token) -> bool:
        frames = self.lexicon.get((token.lemma_.lower(), token.pos_))
        return bool(frames) and frame_of(token) in frames

    def find(self, doc: Doc) -> list[Cue]:
        cues = [
            Cue(doc[start], start, end, according_to=True) for _, start, end in self.matcher(doc)
        ]
        for token in doc:
            if token.pos_ in CUE_POS and self.is_cue_word(token):
                start = min(
                    [token.i]
                    + [c.i for c in token.lefts if c.dep_ in CUE_PARTS and c.i >= token.i - 3]
                )
                cues.append(Cue(token, start, token.i + 1))
        return sorted(cues, key=lambda c: c.start)
