"""hypothesis feeds the pipeline arbitrary Unicode: astral and combining characters, right-
to-left text, zero-width marks, lone quote marks, \\r\\n and NUL, among words that make
cues and quotes. Whatever comes in, the analysis is well formed and the same every time.

`make test` tries a modest number of examples; `make fuzz` many more
(SOURCEMARK_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcemark.config import Settings
from sourcemark.pipeline import Pipeline

from .analysis_checks import assert_well_formed

EXAMPLES = int(os.environ.get("SOURCEMARK_FUZZ_EXAMPLES", "300")) // 3

PIECES = [
    "said", "says", "told reporters", "according to", "the mayor", "Senator Jane Doe",
    "an official who asked not to be named", "PENCE:", "— Anna Lee", "It is believed that",
    "very", "not good", "horrible", "reportedly", "so-called", "but",
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", "''", "``",
    "😀", "👨‍👩‍👧", "🇺🇦", "𝕏", "e\u0301", "\u0301", "שלום", "مرحبا", "\u200f", "\u202e",
    "\u200b", "\u200d", "\ufeff", "\x00", "\r\n", "\n", "\t", "\u00a0", "\u2028", " ", ".",
    ",", "!", "?", ":", "…", "https://example.com/a?b=c",
]  # fmt: skip

pieces = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
paragraph = st.lists(pieces, max_size=40).map(" ".join) | st.lists(pieces, max_size=40).map("".join)


@pytest.fixture(scope="module")
def uncached(pipeline):
    """The session's model, no parse cache: each analysis parses anew."""
    return Pipeline(Settings(parse_cache_bytes=0, analysis_cache_bytes=0), nlp=pipeline.nlp)


def test_any_text_is_analysed_well_and_the_same_each_time(uncached):
    tried = 0

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(texts=st.lists(paragraph, min_size=1, max_size=3))
    def run(texts):
        nonlocal tried
        tried += 1
        request = [{"id": f"p{i}", "text": t} for i, t in enumerate(texts)]
        first = uncached.analyze(request)
        assert_well_formed(texts, first)
        assert uncached.analyze(request) == first

    run()
    print(f"\nhypothesis through the pipeline: {tried} examples tried, 0 failures")
    assert tried >= EXAMPLES * 0.9
