"""Properties every analysis must have, whatever the text: shared by the tests that feed
the pipeline odd or hostile input."""

from __future__ import annotations

import math


def spans_of(paragraph: dict):
    """Every (start, end, text-or-None) the paragraph's analysis points at."""
    for sentence in paragraph["sentences"]:
        yield sentence["start"], sentence["end"], None
    for attribution in paragraph["attributions"]:
        for span in [attribution["cue"], attribution["source"], *attribution["content"]]:
            if span:
                yield span["start"], span["end"], span["text"]
    for span in paragraph["unattributed"] + paragraph["markers"]:
        yield span["start"], span["end"], span["text"]


def assert_well_formed(texts: list[str], analysis: dict) -> None:
    """Text back as sent; spans inside their paragraph and quoting it exactly; each
    breakdown a share of the paragraph's non-space characters."""
    assert [p["text"] for p in analysis["paragraphs"]] == texts
    for text, paragraph in zip(texts, analysis["paragraphs"], strict=True):
        for start, end, quoted in spans_of(paragraph):
            assert 0 <= start <= end <= len(text), (start, end, len(text))
            if quoted is not None:
                assert text[start:end] == quoted
        total = sum(paragraph["breakdown"].values())
        if any(not ch.isspace() for ch in text):
            assert math.isclose(total, 1.0, abs_tol=1e-3), paragraph["breakdown"]
        else:
            assert total == 0.0
        assert -1.0 <= paragraph["sentiment"]["compound"] <= 1.0
