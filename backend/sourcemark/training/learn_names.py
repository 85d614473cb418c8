"""Learns which people and first names are a man's or a woman's from PolNeAR train; writes
attribution/data/genders.json.

Run: `python -m sourcemark.training.learn_names [--data DIR]`. "He" and "she" resolve to a
person of their gender where the article tells it (names.py: a title, a noun beside the
name, the first pronoun after it). Where it tells nothing, as for a name met once, other
articles may:
- of the same person (first and last name): MIN_ARTICLES of them, MIN_SHARE alike;
- of the first name: each person takes the gender most articles tell of them, and a first
  name needs MIN_PEOPLE people, MIN_SHARE alike. People vote, not articles: a senator in
  fifty articles is one Lindsey, and the table must hold for people the corpus never met.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from ..attribution import title_case
from ..attribution.names import GENDERS_FILE, NameIndex, person_key
from ..attribution.roles import ATTRIBUTION_DATA
from ..documents import split_paragraphs
from ..evaluation.polnear import load_split

MIN_ARTICLES = 2
MIN_PEOPLE = 2
MIN_SHARE = 0.9


def _agreed(votes: dict[str, Counter], least: int) -> dict[str, str]:
    """Each key's gender where at least `least` votes, MIN_SHARE of all, agree on it."""
    table = {}
    for key, counts in sorted(votes.items()):
        gender, agreeing = counts.most_common(1)[0]
        if agreeing >= least and agreeing / sum(counts.values()) >= MIN_SHARE:
            table[key] = gender
    return table


def learn(articles: Iterable[list[Doc]], out: Path) -> dict[str, dict[str, str]]:
    """People ("hillary clinton") and first names ("hillary"), lower case, -> "male" or
    "female", from parsed articles; written to `out`/GENDERS_FILE."""
    told: dict[str, Counter] = defaultdict(Counter)  # person -> one vote per article
    for docs in articles:
        for name, gender in NameIndex(docs).gender.items():
            key = person_key(name)
            if key is not None:
                told[key][gender] += 1
    by_first_name: dict[str, Counter] = defaultdict(Counter)
    for key, counts in told.items():
        gender, agreeing = counts.most_common(1)[0]
        if agreeing > sum(counts.values()) / 2:  # what most articles tell of this person
            by_first_name[key.split()[0]][gender] += 1
    genders = {
        "people": _agreed(told, MIN_ARTICLES),
        "first_names": _agreed(by_first_name, MIN_PEOPLE),
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / GENDERS_FILE).write_text(json.dumps(genders, indent=0) + "\n", encoding="utf-8")
    return genders


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
    parsed = (  # as the pipeline reads them
        list(title_case.parse_articles(nlp, [split_paragraphs(article.text)], 32))
        for article in articles
    )
    genders = learn(parsed, options.out)
    people, first_names = len(genders["people"]), len(genders["first_names"])
    print(f"{people} people and {first_names} first names from {len(articles)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
