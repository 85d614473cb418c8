"""The linear-time VADER gives vaderSentiment's own scores, and stays linear on long input."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from sourcemark.tone.vader import LinearVader


@pytest.fixture(scope="module")
def both():
    return SentimentIntensityAnalyzer(), LinearVader()


# Sentences that reach every branch the linear checks replace: negation one to three words
# back, "never so", "without doubt", idioms before and after, "kind of", "least", "but" with
# equal scores on both sides (where the original writes a score to an earlier position).
SENTENCES = [
    "The food was not good.",
    "It isn't really that great, honestly.",
    "He was never so happy, and never this sad.",
    "Without doubt the best film, without a doubt.",
    "Kind of bad, sort of good, kind of.",
    "The least bad option, at least good, very least awful.",
    "It was good but bad.",
    "Good good bad but good good bad bad.",
    "Happy happy joy, but happy sad happy joy joy sad.",
    "Great but",
    "but great",
    "The bomb was the bomb, yeah right, cut the mustard, hand to mouth.",
    "Back handed compliment, but a kiss of death, the shit is the bomb.",
    "NOT GOOD at all, but VERY nice and EXTREMELY bad!!!",
    "No problem, no good, no no bad, nor or evil.",
    "😀 😢 👍 and :) :( but :D",
    "Sarah didn't love it but didn't hate it either; it wasn't bad, nor good.",
    "",
    "   ",
    "a",
    "good",
    "no good",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_scores_as_vader_on_fixtures(both, sentence):
    original, linear = both
    assert linear.polarity_scores(sentence) == original.polarity_scores(sentence)


def test_the_but_check_keeps_the_originals_quirk(both):
    """2.0 halved to 1.0 before "but" equals the next score, so the original halves the
    first position twice and leaves the second alone."""
    original, linear = both
    words = ["a", "b", "but", "c"]
    assert original._but_check(words, [2.0, 1.0, 0, 3.0]) == [0.5, 1.0, 0, 4.5]
    assert linear._but_check(words, [2.0, 1.0, 0, 3.0]) == [0.5, 1.0, 0, 4.5]


@pytest.mark.data
def test_same_scores_as_vader_on_its_ground_truth(both, data_dir):
    """Every sentence of VADER's own ground-truth sets, NYT editorials first."""
    original, linear = both
    folder = data_dir / "vader"
    files = sorted(folder.glob("*_GroundTruth.txt"), key=lambda p: not p.name.startswith("nyt"))
    if not files:
        pytest.skip(f"no VADER ground truth in {folder}")
    compared = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3:
                continue
            text = "\t".join(parts[2:])
            assert linear.polarity_scores(text) == original.polarity_scores(text), text
            compared += 1
    assert compared > 5000


def test_long_sentences_score_as_the_original_does(both):
    """Long enough to reach every window edge, short enough for the original's time."""
    original, linear = both
    text = "not good but very bad , kind of happy without doubt never so sad 😀 " * 40
    assert linear.polarity_scores(text) == original.polarity_scores(text)


def test_a_long_sentence_costs_linear_work(both):
    """Count the words the checks turn into strings to lower-case: linear in the sentence's
    length, where the original's are quadratic."""
    _, linear = both
    read = 0

    class Word:
        def __init__(self, text):
            self.text = text

        def __str__(self):
            nonlocal read
            read += 1
            return self.text

    def count(n):
        nonlocal read
        read = 0
        words = [Word(w) for w in ("not good but bad " * n).split()]
        for i in range(3, len(words)):
            linear._negation_check(1.0, words, 2, i)
            linear._special_idioms_check(1.0, words, i)
        linear._but_check(words, [1.0] * len(words))
        return read

    small, large = count(100), count(400)
    assert small > 0 and large <= 4.2 * small


def test_typography_is_made_plain_character_for_character():
    from sourcemark.tone.scoring import _TYPOGRAPHY, plain_typography

    table = str.maketrans({char: plain or None for char, plain in _TYPOGRAPHY.items()})
    text = "“Don’t” – ‘no’ — «yes» ‚x‛ „y‟ ‹z› 〝q〞 ′ ― ❤️ ok\ufe0e: ascii \"too\" - 'fine'"
    assert plain_typography(text) == text.translate(table)
    assert plain_typography("plain ASCII, “") == 'plain ASCII, "'
    assert plain_typography("nothing to do") == "nothing to do"
