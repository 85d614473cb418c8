"""Confidence: the calibrator's fit, how attributions are judged, and the contract field."""

from __future__ import annotations

import random

from sourcemark.attribution.confidence import Calibrator, Logistic
from sourcemark.evaluation.articles import Predicted
from sourcemark.evaluation.confidence import Judged, judge, reliability_table, share_right
from sourcemark.evaluation.spans import Relation
from sourcemark.training.fit_confidence import fit, fit_logistic


def test_a_fitted_logistic_gives_the_share_right_of_each_group():
    rng = random.Random(0)
    rows, labels = [], []
    for _ in range(2000):
        strong = rng.random() < 0.5
        rows.append({"strong": 1.0} if strong else {"weak": 1.0})
        labels.append(rng.random() < (0.9 if strong else 0.4))
    model = fit_logistic(rows, labels)
    assert abs(model({"strong": 1.0}) - 0.9) < 0.03
    assert abs(model({"weak": 1.0}) - 0.4) < 0.04


def test_confidence_is_linked_times_typed_and_round_trips(tmp_path):
    calibrator = Calibrator(Logistic(0.0, {"a": 2.0}), Logistic(1.0, {}))
    x = {"a": 1.0}
    expected = 1 / (1 + 2.718281828**-2) * (1 / (1 + 2.718281828**-1))
    assert abs(calibrator(x) - expected) < 0.001
    path = tmp_path / "confidence.json"
    calibrator.save(path)
    assert Calibrator.load(path)(x) == calibrator(x)


def _predicted(ident, cue, source, content, kind="indirect", type_="named_person", **extra):
    return Predicted(
        relation=Relation(cue=(cue,), source=(source,) if source else (), content=(content,)),
        kind=kind,
        cue_text="said",
        source_type=type_,
        source_name="X",
        paragraph=0,
        id=ident,
        **extra,
    )


def test_judging_links_carried_quotes_and_types_where_labelled():
    gold = [
        Relation(cue=((10, 14),), source=((0, 9),), content=((15, 40), (50, 70))),
        Relation(cue=((80, 84),), source=((72, 79),), content=((85, 99),)),
    ]
    labels = [{"start": 0, "end": 9, "type": "named_person"}]
    predicted = [
        _predicted("a1", (10, 14), (0, 9), (15, 40), confidence=0.9),
        _predicted("a2", (), None, (50, 70), continues="a1", confidence=0.8),  # carried on
        _predicted("a3", (), None, (200, 220), continues="a1", confidence=0.7),  # not gold's
        _predicted("a4", (80, 84), (72, 79), (85, 99), type_="vague", confidence=0.6),
        _predicted("a5", (120, 124), (110, 119), (125, 140), confidence=0.5),  # no gold
    ]
    judged = judge(gold, predicted, labels)
    assert [j.linked for j in judged] == [True, True, False, True, False]
    assert [j.typed_right for j in judged] == [True, True, None, None, None]
    assert [j.confidence for j in judged] == [0.9, 0.8, 0.7, 0.6, 0.5]


def test_the_share_right_is_linked_times_typed_among_the_labelled():
    judged = [
        Judged(0.9, True, True),
        Judged(0.9, True, False),
        Judged(0.9, True, None),
        Judged(0.9, False, None),
    ]
    linked, typed, labelled, right = share_right(judged)
    assert (linked, typed, labelled) == (0.75, 0.5, 2)
    assert right == 0.375
    table = reliability_table(judged, "test")
    assert "0.9-1.0" in table and ">= 0.8" in table


def test_fit_learns_separate_link_and_type_models():
    judged = [Judged(0.0, True, True, {"named": 1.0}) for _ in range(40)]
    judged += [Judged(0.0, False, None, {"other": 1.0}) for _ in range(40)]
    judged += [Judged(0.0, True, False, {"other": 1.0}) for _ in range(10)]
    calibrator = fit(judged)
    assert calibrator({"named": 1.0}) > 0.8 > calibrator({"other": 1.0})


def test_every_attribution_carries_a_confidence_between_0_and_1(analyze):
    result = analyze(
        "“We will rebuild the bridge,” Mayor Ellen Marsh said on Tuesday.",
        "Some residents believe the plan is too costly.",
    )
    found = [a for p in result["paragraphs"] for a in p["attributions"]]
    assert found
    assert all(0.0 <= a["confidence"] <= 1.0 for a in found)
    named, vague = found[0], found[-1]
    assert named["confidence"] > vague["confidence"]
