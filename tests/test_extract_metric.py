"""The article-extraction-benchmark's score, on texts small enough to count by hand."""

import pytest

from sourcemark.extractbench.metric import PageCounts, page_counts, scores, shingles


def test_shingles_are_4_grams_of_word_tokens():
    assert shingles("One, two; three four five!") == {
        ("One", "two", "three", "four"): 1,
        ("two", "three", "four", "five"): 1,
    }


def test_short_text_is_one_shorter_shingle_and_empty_text_none():
    assert shingles("just two") == {("just", "two"): 1}
    assert shingles(" ... ") == {}


def test_shingles_count_repeats_and_keep_case():
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert ("A", "b", "c", "d") not in shingles("a b c d")


def test_page_counts_are_normalised_to_one():
    # expected shingles: abcd bcde cdef; predicted: abcd bcde cdex dexy
    counts = page_counts("a b c d e f", "a b c d e x y")
    assert counts == pytest.approx(PageCounts(tp=2 / 5, fp=2 / 5, fn=1 / 5))
    assert counts.precision == pytest.approx(0.5)
    assert counts.recall == pytest.approx(2 / 3)


def test_repeated_shingle_counts_once_per_occurrence():
    # predicted repeats the article: the second copy is all false positives
    counts = page_counts("a b c d", "a b c d a b c d")
    # predicted: abcd twice (1 tp, 1 fp), bcda, cdab, dabc (fp)
    assert counts.precision == pytest.approx(1 / 5)
    assert counts.recall == 1.0


def test_empty_prediction_has_recall_zero_and_no_precision():
    counts = page_counts("a b c d e", "")
    assert counts.recall == 0.0
    assert counts.precision is None


def test_scores_average_over_pages_then_take_f1_of_the_means():
    perfect = page_counts("a b c d e", "a b c d e")
    half = page_counts("a b c d e f", "a b c d e x y")  # P 0.5, R 2/3
    missing = page_counts("a b c d e", "")  # R 0, no precision
    total = scores([perfect, half, missing])
    assert total.precision == pytest.approx((1 + 0.5) / 2)
    assert total.recall == pytest.approx((1 + 2 / 3 + 0) / 3)
    p, r = total.precision, total.recall
    assert total.f1 == pytest.approx(2 * p * r / (p + r))
    assert total.pages == 3


def test_page_with_nothing_expected_or_found_is_left_out():
    total = scores([page_counts("", ""), page_counts("a b c d", "a b c d")])
    assert (total.precision, total.recall) == (1.0, 1.0)
