"""The shapes that took minutes (issue 15), at their sizes: each is answered, and answered
right. Their time is measured by `make bench` (benchmarks/bench_scaling.py), not here."""

from __future__ import annotations

import pytest

from sourcemark.attribution.roles import MAX_CUES_PER_SENTENCE
from sourcemark.linear_spacy import (
    LONGEST_CHUNK,
    SENTENCE_STARTS,
    cuts,
    sentence_start,
    sentence_starts,
)

from .analysis_checks import assert_well_formed

# Text made of marks only: nothing is said and no word is there to score.
NOTHING_SAID = {
    "straight quotes": '"' * 20_000,
    "curly pairs": "“”" * 2_500,
    "unbalanced quotes": "“" * 10_000,
    "punctuation": ".,;:!?-()[]…" * 1_666,
    "newlines": "\n" * 20_000,
    "carriage returns": "\r\n" * 10_000,
}


@pytest.mark.parametrize("name", NOTHING_SAID)
def test_marks_alone_say_nothing(analyze, name):
    text = NOTHING_SAID[name]
    analysis = analyze(text)
    assert_well_formed([text], analysis)
    (paragraph,) = analysis["paragraphs"]
    assert paragraph["attributions"] == [] and paragraph["unattributed"] == []
    assert paragraph["markers"] == []
    assert paragraph["sentiment"]["label"] == "neutral"


def test_emoji_alone_are_scored_as_vader_reads_them(analyze):
    text = "😀" * 16_000
    analysis = analyze(text)
    assert_well_formed([text], analysis)
    (paragraph,) = analysis["paragraphs"]
    assert paragraph["attributions"] == []
    assert paragraph["sentiment"]["label"] == "positive"  # VADER reads "grinning face"


@pytest.mark.parametrize(
    "text",
    [
        "said " * 4_000,
        "according to him, " * 1_100,
        "“Good,” said Bob, who said “bad things” were said " * 400,
    ],
)
def test_a_run_on_of_cues_keeps_a_few_per_sentence(analyze, text):
    """More cues than MAX_CUES_PER_SENTENCE in one sentence is no prose: the first are
    kept, so the answer stays in proportion to the text (each attribution quotes its
    sentence, and thousands would quote it thousands of times)."""
    analysis = analyze(text)
    assert_well_formed([text], analysis)
    (paragraph,) = analysis["paragraphs"]
    sentences = [(s["start"], s["end"]) for s in paragraph["sentences"]]
    for start, end in sentences:
        cues = [
            a for a in paragraph["attributions"] if a["cue"] and start <= a["cue"]["start"] < end
        ]
        assert len(cues) <= 2 * MAX_CUES_PER_SENTENCE  # rules' and tagger's, each capped
    quoted = sum(c["end"] - c["start"] for a in paragraph["attributions"] for c in a["content"])
    assert quoted <= 2 * MAX_CUES_PER_SENTENCE * len(text)


def test_a_long_run_without_spaces_is_cut_for_the_tokenizer_only(analyze):
    """Offsets and text stay those of the original; tokens never cross a cut."""
    run = "a" * (3 * LONGEST_CHUNK + 7)
    text = f"The mayor said {run} was fine."
    assert cuts(text) == [15 + LONGEST_CHUNK * k for k in (1, 2, 3)]
    doc = analyze.nlp(text)
    assert doc.text == text
    assert [len(t) for t in doc if t.text.startswith("a")] == [LONGEST_CHUNK] * 3 + [7]
    assert len(list(doc.sents)) == 1  # a cut starts no sentence
    analysis = analyze(text)
    assert_well_formed([text], analysis)


def test_text_without_long_runs_is_tokenized_as_spacy_does(analyze):
    text = "“It works,” said Ms. O’Neill — at 9:30 a.m. — https://example.com/a?b=c."
    assert cuts(text) == []
    plain = analyze.nlp.tokenizer.tokenizer(text)
    assert [t.text for t in analyze.nlp.tokenizer(text)] == [t.text for t in plain]


def test_a_tokens_sentence_start_is_found_with_or_without_the_index(analyze):
    import spacy

    text = "Lee spoke. Then she left! “Why?” he asked. Done"
    indexed = analyze.nlp(text)
    assert SENTENCE_STARTS in indexed.user_data  # kept by the parse's sentence index
    plain = spacy.blank("en")
    plain.add_pipe("sentencizer")
    unindexed = plain(text)
    for doc in (indexed, unindexed):
        assert sentence_starts(doc) == [sent.start for sent in doc.sents]
        assert [sentence_start(doc, t.i) for t in doc] == [t.sent.start for t in doc]
    assert len(sentence_starts(indexed)) >= 3
