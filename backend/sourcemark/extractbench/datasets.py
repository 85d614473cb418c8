"""Benchmark folders: pages to load and the article text each should yield.

Two layouts are read:
- article-extraction-benchmark: `html/<id>.html.gz` plus `ground-truth.json`
  (`{id: {"articleBody": ..., "url": ...}}`);
- Mozilla Readability's test pages: `<name>/source.html` plus `<name>/expected.html`, whose
  text is the expected article.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import lxml.html


@dataclass(frozen=True)
class Page:
    id: str
    html: bytes
    expected: str
    url: str | None = None


def load_pages(folder: Path) -> list[Page]:
    if (folder / "ground-truth.json").is_file():
        return _load_aeb(folder)
    pages = _load_readability(folder)
    if not pages:
        raise ValueError(
            f"{folder}: neither ground-truth.json with html/<id>.html.gz "
            "nor <name>/source.html with <name>/expected.html"
        )
    return pages


def _load_aeb(folder: Path) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        path = folder / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            continue  # the benchmark withholds some pages
        pages.append(
            Page(
                id=page_id,
                html=gzip.decompress(path.read_bytes()),
                expected=entry.get("articleBody", ""),
                url=entry.get("url"),
            )
        )
    return pages


def _load_readability(folder: Path) -> list[Page]:
    pages = []
    for source in sorted(folder.glob("*/source.html")):
        expected = source.with_name("expected.html")
        if expected.is_file():
            pages.append(
                Page(
                    id=source.parent.name,
                    html=source.read_bytes(),
                    expected=expected_text(expected.read_bytes()),
                )
            )
    return pages


def expected_text(html: bytes) -> str:
    """The text of an expected.html (UTF-8, with no charset of its own): one block a line."""
    root = lxml.html.fromstring(html.decode("utf-8", errors="replace"))
    lines = (line.strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
