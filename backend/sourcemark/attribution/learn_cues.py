"""Learns the cue lexicon from PolNeAR train and writes attribution/data/cues.json.

Run: `python -m sourcemark.attribution.learn_cues [--data DIR]`. For every lemma that heads a
gold cue, it counts how often the lemma occurs, how often it is a cue, and the same two counts
in each syntactic frame (with a clause or quote to report, or without). cues.py keeps the
lemmas and frames whose cue rate is high enough. Deterministic for a given model and data.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Doc, Token

from ..evaluation.polnear import load_split
from .frames import frame_of

OUT = Path(__file__).parent / "data" / "cues.json"
MIN_CUES = 3  # a lemma must head a gold cue this many times to be listed


def cue_heads(doc: Doc, pieces) -> list[Token]:
    """The syntactic head of each gold cue: its token whose head lies outside the cue."""
    heads = []
    for start, end in pieces:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        heads.append(span.root)
    return heads


def learn(data_dir: Path, nlp, limit: int | None = None) -> dict:
    articles = load_split(data_dir / "polnear", "train", limit)
    cue_counts: Counter = Counter()
    phrase_counts: Counter = Counter()
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    heads_by_article = []
    for article, doc in zip(articles, docs, strict=True):
        heads = set()
        for relation in article.relations:
            for head in cue_heads(doc, relation.cue):
                heads.add(head.i)
                cue_counts[head.lemma_.lower(), head.pos_, frame_of(head)] += 1
            text = " ".join(doc.text[s:e] for s, e in relation.cue).lower()
            if " " in text.strip():
                phrase_counts[text.strip()] += 1
        heads_by_article.append((doc, heads))
    lemmas = {(lemma, pos) for lemma, pos, _ in cue_counts}
    totals: Counter = Counter()
    for doc, _ in heads_by_article:
        for token in doc:
            key = (token.lemma_.lower(), token.pos_)
            if key in lemmas:
                totals[key[0], key[1], frame_of(token)] += 1
    table: dict = defaultdict(dict)
    by_lemma: Counter = Counter()
    for (lemma, pos, _), n in cue_counts.items():
        by_lemma[lemma, pos] += n
    for (lemma, pos, frame), total in sorted(totals.items()):
        if by_lemma[lemma, pos] < MIN_CUES:
            continue
        table[f"{lemma}/{pos}"][frame] = [cue_counts[lemma, pos, frame], total]
    return {
        "about": "cue and total counts per lemma/POS and frame, from PolNeAR train",
        "articles": len(articles),
        "lemmas": dict(sorted(table.items())),
        "phrases": {p: n for p, n in sorted(phrase_counts.items()) if n >= MIN_CUES},
    }


def main(argv: list[str] | None = None) -> int:
    from ..evaluation.__main__ import DEFAULT_DATA
    from ..pipeline import load_model

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--out", type=Path, default=OUT)
    options = parser.parse_args(argv)
    if not (options.data / "polnear" / "train").is_dir():
        print(f"no PolNeAR train data under {options.data}")
        return 1
    lexicon = learn(options.data, load_model(), options.limit)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(lexicon, indent=1, ensure_ascii=False) + "\n")
    print(
        f"{len(lexicon['lemmas'])} cue lemmas from {lexicon['articles']} articles -> {options.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
