"""Learns the cue lexicon and cue model from PolNeAR train; writes attribution/data/.

Run: `python -m sourcemark.training.learn_cues [--data DIR]`. Articles are split into
paragraphs and parsed as `sourcemark analyze` does. For every lemma that heads a gold cue it
counts how often the lemma occurs and is a cue in each syntactic frame (cues.json); then it
fits a logistic regression over the context features of cue_model.py (cue_model.json).
Deterministic for a given model and data: full-batch training from zero weights.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, DocBin

from ..attribution import title_case
from ..attribution.cue_model import features, is_candidate, load_model
from ..attribution.frames import frame_of
from ..attribution.quotes import find_quotes
from ..attribution.roles import ATTRIBUTION_DATA
from ..documents import split_paragraphs
from ..evaluation.articles import paragraph_starts
from ..evaluation.polnear import load_split

MIN_CUES = 3  # a lemma must head a gold cue this many times to be listed
MIN_FEATURE_COUNT = 2
L2 = 3e-5  # chosen by cross-validation over articles (cue-word F1)
STEPS = 400
THRESHOLD = 0.45  # chosen on PolNeAR dev for linked attribution F1


def paragraph_cues(article) -> list[tuple[str, list[tuple[int, int]]]]:
    """An article's paragraphs, as `sourcemark analyze` splits them, each with its gold cue
    pieces in paragraph offsets."""
    paragraphs = split_paragraphs(article.text)
    starts = paragraph_starts(article.text, paragraphs)
    cues = [piece for r in article.relations for piece in r.cue]
    return [
        (
            paragraph,
            [(s - start, e - start) for s, e in cues if start <= s < start + len(paragraph)],
        )
        for paragraph, start in zip(paragraphs, starts, strict=True)
    ]


def cue_heads(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    """Token indexes of the heads of the gold cue spans."""
    heads = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            heads.add(span.root.i)
    return heads


def parse_paragraphs(data_dir: Path, nlp, limit: int | None, cache: Path | None):
    """(doc, set of cue-head token indexes) for every paragraph of PolNeAR train."""
    articles = load_split(data_dir / "polnear", "train", limit)
    by_article = [paragraph_cues(article) for article in articles]
    items = [item for paragraphs in by_article for item in paragraphs]
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        # Read as the pipeline reads them (invisible.py, title_case.py); offsets don't move.
        texts = [[text for text, _ in paragraphs] for paragraphs in by_article]
        docs = list(title_case.parse_articles(nlp, texts, 32))
        if cache is not None:
            DocBin(docs=docs).to_disk(cache)
    out = [(doc, cue_heads(doc, spans)) for doc, (_, spans) in zip(docs, items, strict=True)]
    return out, len(articles)


def count_lexicon(paragraphs: list[tuple[Doc, set[int]]]) -> dict:
    cue_counts: Counter = Counter()
    for doc, heads in paragraphs:
        for i in heads:
            token = doc[i]
            cue_counts[token.lemma_.lower(), token.pos_, frame_of(token)] += 1
    by_lemma: Counter = Counter()
    for (lemma, pos, _), n in cue_counts.items():
        by_lemma[lemma, pos] += n
    totals: Counter = Counter()
    for doc, _ in paragraphs:
        for token in doc:
            key = (token.lemma_.lower(), token.pos_)
            if by_lemma[key] >= MIN_CUES:
                totals[key[0], key[1], frame_of(token)] += 1
    table: dict = defaultdict(dict)
    for (lemma, pos, frame), total in sorted(totals.items()):
        table[f"{lemma}/{pos}"][frame] = [cue_counts[lemma, pos, frame], total]
    return dict(sorted(table.items()))


def lexicon_nouns(lexicon: dict) -> list[str]:
    """Nouns that head gold cues often enough to be listed: the cue model judges them."""
    return sorted(key.rsplit("/", 1)[0] for key in lexicon if key.endswith("/NOUN"))


def examples(paragraphs, lexicon: dict):
    """Feature lists and labels for every candidate word (cue_model.is_candidate)."""
    lemmas = {key.rsplit("/", 1)[0] for key in lexicon}
    nouns = set(lexicon_nouns(lexicon))
    rows, labels = [], []
    for doc, heads in paragraphs:
        quotes = find_quotes(doc)
        for sentence in doc.sents:
            sentence_quotes = any(
                q.start < sentence.end_char and sentence.start_char < q.end for q in quotes
            )
            for token in sentence:
                if not is_candidate(token, lemmas, nouns):
                    continue
                in_quote = any(q.contains(token.idx, token.idx + 1) for q in quotes)
                rows.append(features(token, in_quote, sentence_quotes))
                labels.append(token.i in heads)
    return rows, np.array(labels, dtype=np.float64)


def fit(rows: list[list[str]], labels: np.ndarray) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression, full batch with Adam."""
    counts = Counter(f for row in rows for f in set(row))
    vocab = {
        f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT))
    }
    index = [np.array([vocab[f] for f in row if f in vocab], dtype=np.int64) for row in rows]
    lengths = np.array([len(ix) for ix in index])
    flat = np.concatenate(index)
    owner = np.repeat(np.arange(len(rows)), lengths)
    weights = np.zeros(len(vocab) + 1)  # last: bias
    m = np.zeros_like(weights)
    v = np.zeros_like(weights)
    rate, beta1, beta2 = 0.1, 0.9, 0.999
    for step in range(1, STEPS + 1):
        scores = np.bincount(owner, weights=weights[flat], minlength=len(rows)) + weights[-1]
        error = 1.0 / (1.0 + np.exp(-scores)) - labels
        grad = np.zeros_like(weights)
        grad[:-1] = np.bincount(flat, weights=error[owner], minlength=len(vocab)) / len(rows)
        grad[:-1] += L2 * weights[:-1]
        grad[-1] = error.mean()
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
        weights -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    names = sorted(vocab, key=vocab.get)
    kept = {
        f: round(float(w), 4) for f, w in zip(names, weights[:-1], strict=True) if abs(w) > 1e-3
    }
    return kept, round(float(weights[-1]), 4)


def learn(paragraphs: list[tuple[Doc, set[int]]], n_articles: int, out: Path):
    """Count the lexicon and fit the cue model on parsed paragraphs; write both to `out`."""
    lexicon = count_lexicon(paragraphs)
    out.mkdir(parents=True, exist_ok=True)
    about = "cue and total counts per lemma/POS and frame, from PolNeAR train"
    (out / "cues.json").write_text(
        json.dumps({"about": about, "articles": n_articles, "lemmas": lexicon}, indent=0) + "\n"
    )
    rows, labels = examples(paragraphs, lexicon)
    weights, bias = fit(rows, labels)
    model = {
        "about": "logistic regression over cue_model.features, from PolNeAR train",
        "examples": len(rows),
        "threshold": THRESHOLD,
        "nouns": lexicon_nouns(lexicon),
        "bias": bias,
        "weights": weights,
    }
    (out / "cue_model.json").write_text(json.dumps(model, indent=0, sort_keys=True) + "\n")
    load_model.cache_clear()  # a model loaded from `out` before is stale now
    return lexicon, weights


def main(argv: list[str] | None = None) -> int:
    from ..evaluation.__main__ import DEFAULT_DATA
    from ..pipeline import load_model as load_pipeline

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--cache", type=Path, help="keep the parses here to retrain faster")
    parser.add_argument("--out", type=Path, default=ATTRIBUTION_DATA)
    options = parser.parse_args(argv)
    if not (options.data / "polnear" / "train").is_dir():
        print(f"no PolNeAR train data under {options.data}")
        return 1
    paragraphs, n_articles = parse_paragraphs(
        options.data, load_pipeline(), options.limit, options.cache
    )
    lexicon, weights = learn(paragraphs, n_articles, options.out)
    print(f"{len(lexicon)} cue lemmas, {len(weights)} model weights from {n_articles} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
