"""Where linked attributions fall short of PolNeAR's annotators, class by class of cue.

Each attribution is put in a class by its cue's syntactic head in the article's parse: a verb
PolNeAR train marks as a cue at least half the time ("said", "told"), a verb it seldom or
never marks, a noun, a preposition, punctuation; attributions with no source form a class of
their own. The same classes are then scored two ways: the system against the first
annotator, and each later annotator of the articles PolNeAR had marked by several people
against the first. A class where the system's recall or precision is far below the
annotators' is where the work is; the last column says how much linked F1 closing that
class's gap alone would bring.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..attribution.cues import MIN_LEMMA_RATE
from .spans import Relation, linked_matches, overlaps
from .table import render

VERB_POS = ("VERB", "AUX")
CLASSES = (
    "verb, usually a cue",
    "verb, seldom a cue",
    "verb, never a cue in train",
    "according to",
    "noun",
    "preposition",
    "punctuation",
    "other",
    "no source",
)


class TokenFinder:
    """The token at a character offset of an article parsed paragraph by paragraph."""

    def __init__(self, docs: list[Doc], starts: list[int]):
        self.tokens = [t for doc in docs for t in doc]
        self.offsets = [start + t.idx for doc, start in zip(docs, starts, strict=True) for t in doc]

    def within(self, start: int, end: int) -> list[Token]:
        """The tokens that overlap [start, end)."""
        first = max(bisect.bisect_right(self.offsets, start) - 1, 0)
        last = bisect.bisect_left(self.offsets, end)
        return [
            t
            for t, offset in zip(self.tokens[first:last], self.offsets[first:last], strict=True)
            if offset + len(t.text) > start
        ]


def cue_head(tokens: list[Token]) -> Token | None:
    """The token of a cue span that the rest hangs from: its first verb among the tokens
    whose head lies outside the span, else the last such token."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    verbs = [t for t in roots if t.pos_ in VERB_POS]
    if verbs:
        return verbs[0]
    return roots[-1] if roots else None


def cue_class(relation: Relation, finder: TokenFinder, rates: dict[tuple[str, str], float]) -> str:
    """The class of an attribution by its cue; `rates` are the cue lexicon's (lemma, POS)
    rates (cues.lemma_cue_rates)."""
    if not relation.source:
        return "no source"
    tokens = [t for start, end in relation.cue for t in finder.within(start, end)]
    words = [t for t in tokens if t.is_alpha]
    if not words:
        return "punctuation" if tokens else "other"
    if words[0].lower_ == "according":
        return "according to"
    head = cue_head(words)
    if head is None:
        return "other"
    if head.pos_ in VERB_POS:
        rate = rates.get((head.lemma_.lower(), head.pos_), 0.0)
        if rate >= MIN_LEMMA_RATE:
            return "verb, usually a cue"
        return "verb, seldom a cue" if rate > 0 else "verb, never a cue in train"
    if head.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if head.pos_ == "ADP":
        return "preposition"
    return "other"


@dataclass
class ClassCounts:
    """Per class: gold attributions, those not linked (and of those, with no cue found
    where gold has one), predictions, and predictions not linked."""

    gold: Counter = field(default_factory=Counter)
    missed: Counter = field(default_factory=Counter)
    cue_missed: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)

    def add(
        self,
        gold: list[Relation],
        predicted: list[Relation],
        classify: Callable[[Relation], str],
    ) -> None:
        matches = linked_matches(gold, predicted)
        for relation, match in zip(gold, matches, strict=True):
            name = classify(relation)
            self.gold[name] += 1
            if match is None:
                self.missed[name] += 1
                if not any(overlaps(relation.cue, p.cue) for p in predicted):
                    self.cue_missed[name] += 1
        linked = {m for m in matches if m is not None}
        for i, relation in enumerate(predicted):
            name = classify(relation)
            self.predicted[name] += 1
            if i not in linked:
                self.false[name] += 1

    def recall(self, name: str) -> float | None:
        return 1 - self.missed[name] / self.gold[name] if self.gold[name] else None

    def precision(self, name: str) -> float | None:
        return 1 - self.false[name] / self.predicted[name] if self.predicted[name] else None

    def linked(self) -> int:
        return sum(self.gold.values()) - sum(self.missed.values())


def f1_with_annotators_in(name: str, system: ClassCounts, annotators: ClassCounts) -> float:
    """The system's linked F1 if, in this class alone, it found and predicted as the
    annotators do: their recall on its gold, and predictions at their precision."""
    recall, precision = annotators.recall(name), annotators.precision(name)
    gold = sum(system.gold.values())
    linked, predicted = system.linked(), sum(system.predicted.values())
    if recall is None or not precision:
        return 2 * linked / (gold + predicted)
    class_linked = recall * system.gold[name]
    linked += class_linked - (system.gold[name] - system.missed[name])
    predicted += class_linked / precision - system.predicted[name]
    return 2 * linked / (gold + predicted)


def format_classes(system: ClassCounts, annotators: ClassCounts) -> str:
    gold_total = sum(system.gold.values())

    def share(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    names: Iterable[str] = [c for c in CLASSES if system.gold[c] or system.predicted[c]]
    rows = [
        [
            name,
            system.gold[name],
            share(system.gold[name] / gold_total),
            share(system.recall(name)),
            system.cue_missed[name],
            f"{share(annotators.recall(name))} of {annotators.gold[name]}",
            system.predicted[name],
            share(system.precision(name)),
            f"{share(annotators.precision(name))} of {annotators.predicted[name]}",
            f1_with_annotators_in(name, system, annotators),
        ]
        for name in names
    ]
    header = [
        "cue class",
        "gold",
        "share",
        "recall",
        "no cue found",
        "annotators' recall",
        "predicted",
        "precision",
        "annotators' precision",
        "linked F1 if as annotators",
    ]
    return "\n".join(
        [
            render(header, rows),
            "(recall and precision of linked attributions; annotators: each later annotator of"
            " the articles PolNeAR had marked by several people against the first)",
        ]
    )
