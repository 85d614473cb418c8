"""The extension's request chunks (extension/content/units.js), run in Node against the
backend's own tokenizer: every chunk it sends is within the backend's token limit."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sourcemark.config import Settings

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "article.txt"
NODE = shutil.which("node")
DRIVER = REPO / "tests" / "units_driver.mjs"

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

# Texts whose tokens the estimate must not undercount: news, and the shapes of issue 15.
SHAPES = {
    "quote marks": '"' * 20_000,
    "curly pairs": "“”" * 10_000,
    "emoji": "😀" * 10_000,
    "punctuation": ".,;:!?-()[]…" * 1_666,
    "double spaces": "a  " * 6_000,
    "said": "said " * 4_000,
    "quotes and cues": "“Good,” said Bob, who said “bad things” were said. " * 300,
}


def units(step: str, payload=None):
    """One step of units.js on `payload`, run in Node by tests/units_driver.mjs."""
    result = subprocess.run(
        [NODE, str(DRIVER), step],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_extensions_limits_are_the_backends():
    settings = Settings()
    assert units("limits") == {
        "paragraphs": settings.max_paragraphs,
        "paragraphChars": settings.max_paragraph_chars,
        "tokens": settings.max_tokens,
    }


def test_the_estimate_counts_at_least_the_backends_tokens(pipeline):
    texts = {
        **SHAPES,
        **{f"news {i}": p for i, p in enumerate(news_paragraphs())},
        "split words": "We cannot, and we're not gonna, do it. Gotta go.",
    }
    for (name, text), estimate in zip(
        texts.items(), units("estimate", list(texts.values())), strict=True
    ):
        assert estimate >= len(pipeline.nlp.make_doc(text)), name


def test_every_chunk_is_within_the_backends_limits(pipeline):
    paragraphs = [*SHAPES.values(), *news_paragraphs()] * 3
    chunks = units("chunks", paragraphs)
    settings = Settings()
    assert len(chunks) > 1
    sent: dict[str, str] = {}
    for chunk in chunks:
        texts = [text for _, text in chunk]
        assert len(texts) <= settings.max_paragraphs
        assert sum(len(t) for t in texts) <= 40_000
        assert sum(len(pipeline.nlp.make_doc(t)) for t in texts) <= settings.max_tokens
        for unit_id, text in chunk:
            paragraph = unit_id.split(".")[0]
            sent[paragraph] = sent.get(paragraph, "") + text
    # Every paragraph is sent whole, its parts in order.
    assert [sent[f"p{i}"] for i in range(len(paragraphs))] == paragraphs


def test_a_refused_chunk_halves_until_one_unit_is_left():
    assert units("halve", ["one", '"' * 20_000, "three"]) == {
        "halves": [["p0", "p1.1", "p1.2"], ["p1.3", "p1.4", "p2"]],
        "ofOne": [],
    }


def test_parts_from_two_requests_join_with_their_own_sources_names():
    """Each roster calls its source "s1": the joined paragraph keeps them apart."""
    assert units("join", [["Ann said so. ", "Ann"], ["Bo said no.", "Bo"]]) == {
        "drawnEarlier": [0],  # nothing to draw until every part is in
        "text": "Ann said so. Bo said no.",
        "sourceStarts": [0, 13],
        "names": ["Ann", "Bo"],
    }


def news_paragraphs() -> list[str]:
    return [p for p in FIXTURE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
