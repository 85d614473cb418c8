"""Small articles of our own for the corpus tests, and rows that can't be analysed."""

import json
from pathlib import Path

from .conftest import FIXTURES, SEED_FILE

ARTICLES = [
    {
        "id": "harbour-1",
        "outlet": "Harbour Gazette",
        "published": "2024-03-02",
        "url": "https://harbour.example/ferry-vote",
        "title": "Ferry vote next week",
        "text": "The council will vote on the ferry terminal next week, officials said on "
        "Tuesday.\n\n“We have waited long enough,” said Mayor Ana Ruiz.\n\nSome residents say "
        "the plan ignores the fishing fleet.",
    },
    {
        "id": "harbour-2",
        "outlet": "Harbour Gazette",
        "published": "2024-04-10T08:30:00+00:00",
        "text": "According to a report by the port authority, traffic rose by a third.\n\n"
        "A senior official who asked not to be named said the budget was already spent.\n\n"
        "Experts say the pier cannot carry heavier ships.",
    },
    {
        "id": "valley-1",
        "outlet": "Valley Post",
        "published": "2024-03-15",
        "text": "The mill closed in March.\n\nWorkers said they learned of it from the radio.\n\n"
        "The company declined to comment.",
    },
    {
        "id": "valley-2",
        "outlet": "Valley Post",
        "paragraphs": [
            "Analysts expect prices to rise before the winter.",
            "",
            "The ministry said in a statement that supplies were sufficient.",
        ],
    },
    {"id": "eastport", "text": (FIXTURES / "article.txt").read_text(encoding="utf-8")},
]
if SEED_FILE.is_file():  # the real seed article, where the shared data is present
    ARTICLES.append({"id": "seed", "outlet": "Seed", "text": SEED_FILE.read_text(encoding="utf-8")})

BAD_LINES = [
    (b'{"id": "empty", "text": " \\n\\n  "}', "empty", "no text"),
    (b'{"id": "latin-1", "text": "caf\xe9 au lait"}', "latin-1", "not UTF-8"),
    (b'{"id": "huge", "paragraphs": ["' + b"x" * 20_001 + b'"]}', "huge", "at most 20000"),
    (b'{"id": "lone", "text": "half \\ud800 a pair"}', "lone", "unpaired surrogate"),
    (b'{"id": "no-text"}', "no-text", "no text"),
    (b'{"text": "Nobody said who wrote this."}', None, "no id"),
    (b'{"id": "cut", "text": "the line ends', None, "not valid JSON"),
    (b"[1, 2, 3]", None, "not a JSON object"),
]


def write_jsonl(path: Path, articles=ARTICLES, bad=True) -> Path:
    """The articles as JSON Lines, the bad rows spread among them."""
    lines = [json.dumps(a, ensure_ascii=False).encode() for a in articles]
    if bad:
        for i, (line, _, _) in enumerate(BAD_LINES):
            lines.insert(min(len(lines), 2 * i + 1), line)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path
