"""The tone evaluation's own arithmetic and its behaviour without data."""

from __future__ import annotations

import pytest

from sourcemark.evaluation.tone import macro_f1, read_snippets, run


def test_macro_f1_averages_the_three_classes():
    gold = ["positive", "positive", "negative", "neutral"]
    predicted = ["positive", "negative", "negative", "negative"]
    # positive: tp 1, fn 1 -> 2/3; negative: tp 1, fp 2 -> 1/2; neutral: tp 0 -> 0
    assert macro_f1(gold, predicted) == pytest.approx((2 / 3 + 1 / 2 + 0) / 3)
    assert macro_f1(gold, gold) == 1.0


def test_snippets_keep_editorial_and_position(tmp_path):
    path = tmp_path / "truth.txt"
    path.write_text("12_3\t-1.5\tIt was bad.\tReally.\n\n12_10\t0.25\tFine.\n", encoding="utf-8")
    first, second = read_snippets(path)
    assert (first.paragraph, first.position, first.human) == ("12", 3, -1.5)
    assert first.text == "It was bad.\tReally."
    assert (second.paragraph, second.position) == ("12", 10)


def test_missing_data_is_reported_not_raised(tmp_path):
    assert "skipped" in run(tmp_path)
