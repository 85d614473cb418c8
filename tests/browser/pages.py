"""Builds the test pages that cannot be committed: the seed article laid out as a news page,
and real news pages from the data folder."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path
from string import Template

from ..conftest import DATA_DIR, SEED_FILE

NEWSHTML_AEB = DATA_DIR / "newshtml" / "aeb"
TEMPLATE = Path(__file__).parent / "templates" / "news_page.html"
_DATE = re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4}")
_COMMENT_FORM = re.compile(r"^leave a (comment|reply)", re.I)

# Paragraphs of the seed article the tests open, by their first words.
NATO = "A top NATO official who chose to remain anonymous"
EXPERTS = "Experts say"


def normalize(text: str) -> str:
    """Whitespace folded, for comparing text across the DOM and the backend."""
    return re.sub(r"\s+", " ", text).strip()


def seed_blocks(path: Path = SEED_FILE) -> tuple[str, str, list[str]]:
    """(title, date, body paragraphs) of a text article: blocks separated by blank lines,
    the title first, a date line next if there is one, and the comment form's text cut off."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    blocks = [b for b in blocks if b]
    title, rest = blocks[0], blocks[1:]
    date = rest.pop(0) if rest and _DATE.match(rest[0]) else ""
    for i, block in enumerate(rest):
        if _COMMENT_FORM.match(block):
            rest = rest[:i]
            break
    return title, date, rest


def news_page(title: str, date: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    template = Template(TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(title=html.escape(title), date=html.escape(date), paragraphs=body)


def aeb_pages(limit: int) -> list[tuple[str, bytes, str]]:
    """(page id, html bytes, ground-truth articleBody) of the first `limit` benchmark pages."""
    truth = json.loads((NEWSHTML_AEB / "ground-truth.json").read_text(encoding="utf-8"))
    # Full articles only: some pages are paywall snippets of two or three paragraphs.
    full = [pid for pid, page in sorted(truth.items()) if len(page["articleBody"].split()) >= 300]
    pages = []
    for page_id in full[:limit]:
        with gzip.open(NEWSHTML_AEB / "html" / f"{page_id}.html.gz", "rb") as f:
            pages.append((page_id, f.read(), truth[page_id]["articleBody"]))
    return pages
