"""Error classes by cue: each attribution's class from its cue's head in the parse, and the
counts that compare the system with PolNeAR's annotators class by class."""

import pytest

from sourcemark.evaluation.cue_classes import (
    ClassCounts,
    TokenFinder,
    cue_class,
    f1_with_annotators_in,
)
from sourcemark.evaluation.spans import Relation

RATES = {("say", "VERB"): 0.9, ("add", "VERB"): 0.6, ("attack", "VERB"): 0.1}


@pytest.fixture(scope="module")
def article(analyze):
    """Two paragraphs parsed apart, as an article is, with their offsets in its text."""
    paragraphs = [
        "Dana said the plan failed. According to the memo, costs rose.",
        "Officials attacked the plan: it was late. Critics questioned it.",
    ]
    text = "\n\n".join(paragraphs)
    starts = [0, len(paragraphs[0]) + 2]
    docs = [analyze.nlp(p) for p in paragraphs]
    return text, TokenFinder(docs, starts)


def relation(text: str, cue: str, source: str | None = "x", after: int = 0) -> Relation:
    """A relation whose cue is the first `cue` in `text` after offset `after`."""
    start = text.index(cue, after)
    source_span = ((0, 1),) if source else ()
    return Relation(source=source_span, cue=((start, start + len(cue)),), content=((0, 1),))


def test_finder_maps_offsets_across_paragraphs(article):
    text, finder = article
    start = text.index("Critics")
    assert [t.text for t in finder.within(start, start + len("Critics questioned"))] == [
        "Critics",
        "questioned",
    ]
    assert [t.text for t in finder.within(start + 2, start + 3)] == ["Critics"]


def test_classes_by_the_cue_head(article):
    text, finder = article
    second = text.index("Officials")
    assert cue_class(relation(text, "said"), finder, RATES) == "verb, usually a cue"
    assert cue_class(relation(text, "According to"), finder, RATES) == "according to"
    assert cue_class(relation(text, "attacked"), finder, RATES) == "verb, seldom a cue"
    assert cue_class(relation(text, "questioned"), finder, RATES) == "verb, never a cue in train"
    assert cue_class(relation(text, ":", after=second), finder, RATES) == "punctuation"
    assert cue_class(relation(text, "the plan", after=second), finder, RATES) == "noun"
    assert cue_class(relation(text, "said", source=None), finder, RATES) == "no source"


def test_counts_recall_precision_and_what_a_class_at_annotator_level_brings():
    a = Relation(source=((0, 2),), cue=((3, 5),), content=((6, 9),))
    b = Relation(source=((10, 12),), cue=((13, 15),), content=((16, 19),))
    wrong_content = Relation(source=((10, 12),), cue=((13, 15),), content=((30, 33),))
    false = Relation(source=((40, 42),), cue=((43, 45),), content=((46, 49),))
    by_cue = {3: "speech", 13: "other", 43: "other"}

    def classify(r: Relation) -> str:
        return by_cue[r.cue[0][0]]

    system = ClassCounts()
    system.add([a, b], [a, wrong_content, false], classify)
    assert system.recall("speech") == 1.0 and system.recall("other") == 0.0
    assert system.cue_missed["other"] == 0  # its cue was found; the link failed
    assert system.precision("speech") == 1.0 and system.precision("other") == 0.0
    # Linked F1 now: 1 of 2 gold, 1 of 3 predicted.
    assert f1_with_annotators_in("speech", system, system) == pytest.approx(2 * 1 / 5)
    annotators = ClassCounts()
    annotators.add([b], [b], classify)  # they find every "other" and add none wrong
    # The "other" gold at their recall (1 linked) and precision (1 predicted): 2 of 2 and
    # 2 of 2.
    assert f1_with_annotators_in("other", system, annotators) == pytest.approx(1.0)
