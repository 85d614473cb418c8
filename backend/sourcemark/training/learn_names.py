"""Learns which first names are a man's or a woman's from PolNeAR train; writes
attribution/data/first_names.json.

Run: `python -m sourcemark.training.learn_names [--data DIR]`. "He" and "she" resolve to a
person of their gender where the article tells it (names.py: a title, a noun beside the
name, the first pronoun after it). Where it tells nothing, as for a name met once, the first
name decides if other articles agree on it: each article whose people it tells of casts one
vote per full name, and a first name needs MIN_ARTICLES votes, MIN_SHARE of them alike.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from ..attribution import invisible
from ..attribution.names import FIRST_NAMES_FILE, NameIndex, first_name
from ..attribution.roles import ATTRIBUTION_DATA
from ..documents import split_paragraphs
from ..evaluation.polnear import load_split

MIN_ARTICLES = 2
MIN_SHARE = 0.9


def learn(articles: Iterable[list[Doc]], out: Path) -> dict[str, str]:
    """First name (lower case) -> "male" or "female", from parsed articles; written to
    `out`/first_names.json."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for docs in articles:
        for name, gender in NameIndex(docs).gender.items():
            first = first_name(name)
            if first is not None:
                votes[first][gender] += 1
    table = {}
    for first, counts in sorted(votes.items()):
        gender, agreeing = counts.most_common(1)[0]
        if agreeing >= MIN_ARTICLES and agreeing / sum(counts.values()) >= MIN_SHARE:
            table[first] = gender
    out.mkdir(parents=True, exist_ok=True)
    (out / FIRST_NAMES_FILE).write_text(json.dumps(table, indent=0) + "\n", encoding="utf-8")
    return table


def main(argv: list[str] | None = None) -> int:
    from ..evaluation.__main__ import DEFAULT_DATA
    from ..pipeline import load_model

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--out", type=Path, default=ATTRIBUTION_DATA)
    options = parser.parse_args(argv)
    if not (options.data / "polnear" / "train").is_dir():
        print(f"no PolNeAR train data under {options.data}")
        return 1
    nlp = load_model()
    articles = load_split(options.data / "polnear", "train", options.limit)
    parsed = (
        list(invisible.parse(nlp, split_paragraphs(article.text), batch_size=32))
        for article in articles
    )
    table = learn(parsed, options.out)
    print(f"{len(table)} first names from {len(articles)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
