"""Cross-validation over articles: `python -m sourcemark.evaluation.crossval`.

PolNeAR train and dev together are split into folds by article. For each fold the engine's
learned parts (cue lexicon, cue model, role tagger) are trained on the other folds' articles
(`--train`, slow, once per change to what is learned), and the fold's own articles are then
analysed with them and scored as `make eval` scores dev: spans, linked attributions, and
source types against polnear_source_types' train and dev labels.

The base parse of every article is cached, and so are each fold's role tags, so a run after
a change to the rules only re-runs the engine. Where the folds' taggers are not at hand
(training them takes hours), `--shipped-tagger` scores every fold with the shipped one: it
was trained on train, so the figures are higher than out of fold, but two runs alike still
show whether a change to the rules holds in every fold. A change is worth keeping when it helps in
every fold: `--save FILE` keeps a run's per-article counts and `--compare FILE` prints each
fold's difference from such a saved run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy
import spacy
from spacy.tokens import Doc, DocBin
from thinc.api import fix_random_seed

from ..attribution import title_case
from ..attribution.cues import LEXICON_PATH, lemma_cue_rates
from ..attribution.roles import (
    ATTRIBUTION_DATA,
    CUE_PROBABILITY_KEY,
    ROLE_TAGGER,
    ROLES_KEY,
    add_role_tagger,
)
from ..config import Settings
from ..documents import split_paragraphs
from ..pipeline import Pipeline, load_model, matmul_ops
from ..training import fit_confidence, learn_cues, learn_names, train_roles
from .articles import join_continuations, paragraph_starts, predictions
from .confidence import Judged, Recorder, judge, reliability_table
from .cue_classes import ClassCounts, TokenFinder, cue_class, format_classes
from .polnear import (
    METRICS,
    TYPES,
    Errors,
    GoldArticle,
    Scores,
    annotations_by_article,
    labels_found,
    load_split,
    load_type_labels,
    parse_ann,
    pooled,
    score_article,
)
from .spans import Counts, Relation
from .table import render

FOLDS = 5
SPLITS = ("train", "dev")
DEFAULT_WORK = Path(__file__).resolve().parents[3] / "build" / "crossval"


@dataclass
class Article:
    gold: GoldArticle
    split: str
    fold: int
    paragraphs: list[str]
    starts: list[int]


def fold_of(name: str, folds: int) -> int:
    """A stable fold for an article, whatever else is in the corpus."""
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % folds


def load_corpus(data_dir: Path, folds: int, limit: int | None = None) -> list[Article]:
    out = []
    for split in SPLITS:
        for gold in load_split(data_dir / "polnear", split, limit):
            paragraphs = split_paragraphs(gold.text)
            starts = paragraph_starts(gold.text, paragraphs)
            out.append(Article(gold, split, fold_of(gold.name, folds), paragraphs, starts))
    return out


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


def _write_atomically(path: Path, data: bytes) -> None:
    """Helpers may share a work folder: a reader sees a whole file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def parse_corpus(nlp, articles: list[Article], work: Path) -> dict[str, list[Doc]]:
    """Each article's paragraphs through the base model (no role tagger), read as the
    pipeline reads them (attribution/invisible.py, title_case.py, names.keep_titles_whole,
    quotes.split_glued_quotes), cached on disk by model, spaCy version (lemmas differ between
    3.8 releases), that reading and text."""
    meta = nlp.meta
    texts = (a.gold.text for a in articles)
    reading = (
        "plain spaces, no invisible characters, titles whole, glued quotes split,"
        " title-case paragraphs in sentence case"
    )
    key = _digest(meta["name"], meta["version"], spacy.__version__, reading, *texts)
    path = work / f"parses-{key}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        started = time.time()
        with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p == ROLE_TAGGER]):
            docs = list(title_case.parse_articles(nlp, [a.paragraphs for a in articles], 64))
        _write_atomically(path, DocBin(docs=docs).to_bytes())
        print(f"parsed {len(docs)} paragraphs in {time.time() - started:.0f}s", file=sys.stderr)
    by_article, cursor = {}, 0
    for article in articles:
        by_article[article.gold.name] = docs[cursor : cursor + len(article.paragraphs)]
        cursor += len(article.paragraphs)
    return by_article


# ---- training ------------------------------------------------------------------------------


def train_fold(
    nlp,
    fold: int,
    articles: list[Article],
    docs: dict[str, list[Doc]],
    data_dir: Path,
    out: Path,
    epochs: int,
    cues_only: bool = False,
) -> None:
    """The cue lexicon, cue model, genders and role tagger from every article outside
    `fold`. The teacher tagger's epoch is chosen on the dev articles among them, as shipping
    chooses on dev; the tagger is distilled from it (see train_roles). With `cues_only`, the
    tagger already in `out` stays: the other parts take a minute, the tagger most of an hour."""
    training = [a for a in articles if a.fold != fold]
    cue_paragraphs = []
    for article in training:
        for doc, (_, spans) in zip(
            docs[article.gold.name], learn_cues.paragraph_cues(article.gold), strict=True
        ):
            cue_paragraphs.append((doc, learn_cues.cue_heads(doc, spans)))
    learn_cues.learn(cue_paragraphs, len(training), out)
    learn_names.learn((docs[article.gold.name] for article in training), out)
    if cues_only:
        return

    roles = {}
    for split in SPLITS:
        for name, _, spans in train_roles.articles(data_dir / "polnear" / split):
            roles[name] = spans
    train_set, choose_set = [], []
    for article in training:
        spans = roles[article.gold.name]
        examples = [
            train_roles.example(doc, offset, spans)
            for doc, offset in zip(docs[article.gold.name], article.starts, strict=True)
        ]
        (choose_set if article.split == "dev" else train_set).extend(examples)
    fix_random_seed(train_roles.SEED)
    with tok2vec_read(nlp, [eg.predicted for eg in train_set]):  # the student reads it
        train_roles.train_and_distill(nlp, train_set, choose_set, epochs, out / "roles")


@contextmanager
def tok2vec_read(nlp, docs: list[Doc]) -> Iterator[None]:
    """Within this block each doc holds the tok2vec output that the role tagger reads and
    the parse cache leaves out; dropped after, for its memory. Computed from the doc's own
    text: a title-case headline, which the pipeline read in sentence case, is read here as
    written."""
    for _ in nlp.get_pipe("tok2vec").pipe(docs, batch_size=64):
        pass
    try:
        yield
    finally:
        for doc in docs:
            doc.tensor = numpy.zeros((0, 0), dtype="float32")


# ---- evaluation ----------------------------------------------------------------------------


def tag_fold(nlp, docs: list[Doc], weights: Path, cache_dir: Path) -> None:
    """Set each doc's role tags from the tagger in nlp, loaded from `weights`; cached by the
    weights, spaCy's version, the texts and their lemmas (the tagger reads them)."""
    tagger = nlp.get_pipe(ROLE_TAGGER)
    weights_digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    lemmas = hashlib.sha256(b"".join(d.to_array("LEMMA").tobytes() for d in docs)).hexdigest()
    parts = [weights_digest, spacy.__version__, lemmas, *(d.text for d in docs)]
    key = _digest(*parts)
    cache = cache_dir / f"tags-{key}.pickle"
    if cache.exists():
        tags = pickle.loads(cache.read_bytes())
    else:
        with tok2vec_read(nlp, docs):
            tags = [
                (doc.user_data[ROLES_KEY], doc.user_data[CUE_PROBABILITY_KEY])
                for doc in tagger.pipe(docs, batch_size=64)
            ]
        _write_atomically(cache, pickle.dumps(tags))
    for doc, (roles, probability) in zip(docs, tags, strict=True):
        doc.user_data[ROLES_KEY] = roles
        doc.user_data[CUE_PROBABILITY_KEY] = probability


def evaluate_fold(
    nlp,
    fold: int,
    articles: list[Article],
    docs: dict[str, list[Doc]],
    labels: dict[str, list[dict]],
    fold_dir: Path,
    settings: Settings,
    errors: Errors,
    cache_dir: Path | None = None,
    judged: list[Judged] | None = None,
    predicted_by_article: dict[str, list[Relation]] | None = None,
    roles: Path | None = None,
) -> dict[str, Scores]:
    """The fold's articles analysed with the learned parts in `fold_dir`, on the shared
    `nlp` (one vocab for the cached docs, the matchers and the tagger), and the role tagger
    in `roles` (by default `fold_dir`'s). Role tags are cached in `cache_dir`, by default
    `fold_dir`. Each attribution, judged right or wrong with the features the engine gave its
    calibrator, is added to `judged`; each article's attributions, as scored, to
    `predicted_by_article`."""
    roles = roles or fold_dir / "roles"
    held_out = [a for a in articles if a.fold == fold]
    fold_docs = [doc for a in held_out for doc in docs[a.gold.name]]
    for doc in fold_docs:
        doc.user_data.pop(ROLES_KEY, None)
        doc.user_data.pop(CUE_PROBABILITY_KEY, None)
    if settings.learned_roles:
        with matmul_ops(settings.matmul):
            if not add_role_tagger(nlp, roles):
                raise SystemExit(
                    f"no role tagger in {roles}: train the folds with"
                    " --train, or measure the rules alone with SOURCEMARK_LEARNED_ROLES=0"
                )
    try:
        pipeline = Pipeline(settings, nlp=nlp, attribution_data=fold_dir)
        if settings.learned_roles:
            tag_fold(nlp, fold_docs, roles / "model", cache_dir or fold_dir)
        recorder = Recorder(pipeline.engine.calibrator)
        pipeline.engine.calibrator = recorder
        out = {}
        for article in held_out:
            ids = [f"p{i}" for i in range(len(article.paragraphs))]
            recorder.seen.clear()
            analysis = pipeline.analyze_docs(ids, docs[article.gold.name])
            predicted = predictions(analysis, article.starts)
            found = labels.get(article.gold.name, [])
            out[article.gold.name] = score_article(article.gold, predicted, found, errors)
            if predicted_by_article is not None:
                joined = join_continuations(predicted)
                predicted_by_article[article.gold.name] = [p.relation for p in joined]
            if judged is not None:
                for j, x in zip(
                    judge(article.gold.relations, predicted, found), recorder.seen, strict=True
                ):
                    j.features = x
                    judged.append(j)
        return out
    finally:
        if ROLE_TAGGER in nlp.pipe_names:
            nlp.remove_pipe(ROLE_TAGGER)


# ---- reports -------------------------------------------------------------------------------


def _row(name: str, scores: Scores, n: int) -> list:
    return [name, n, *(scores.metric(m) for m in METRICS)]


def format_folds(results: dict[str, dict], articles: list[Article], folds: int) -> str:
    by_fold: dict[int, dict[str, Scores]] = {k: {} for k in range(folds)}
    for article in articles:
        by_fold[article.fold][article.gold.name] = results[article.gold.name]
    rows = [_row(f"fold {k}", pooled(by_fold[k]), len(by_fold[k])) for k in range(folds)]
    rows.append(_row("all folds", pooled(results), len(results)))
    dev = {a.gold.name: results[a.gold.name] for a in articles if a.split == "dev"}
    rows.append(_row("dev articles", pooled(dev), len(dev)))
    return render(["cross-validation", "articles", *METRICS], rows)


def format_type_folds(results: dict[str, Scores], articles: list[Article], folds: int) -> str:
    """Per fold: source-type accuracy among found for each type, and overall."""
    by_fold: dict[int, dict[str, Scores]] = {k: {} for k in range(folds)}
    for article in articles:
        by_fold[article.fold][article.gold.name] = results[article.gold.name]
    groups = [(f"fold {k}", pooled(by_fold[k])) for k in range(folds)]
    groups.append(("all folds", pooled(results)))
    rows = []
    for name, scores in groups:
        accuracy = [
            scores.types[t, "right"] / scores.types[t, "found"] if scores.types[t, "found"] else 0.0
            for t in TYPES
        ]
        rows.append([name, *accuracy, scores.metric("types overall")])
    return render(["types among found", *TYPES, "overall (found x right)"], rows)


def cross_calibrated(judged: dict[int, list[Judged]]) -> list[Judged]:
    """Each fold's attributions with the confidence of a calibrator fitted on the others."""
    out = []
    for fold, own in judged.items():
        others = [j for k, found in judged.items() if k != fold for j in found]
        calibrator = fit_confidence.fit(others)
        out += [replace(j, confidence=calibrator(j.features)) for j in own]
    return out


def fold_deltas(
    results: dict[str, Scores], before: dict[str, Scores], articles: list[Article], folds: int
) -> dict[int, dict[str, float]]:
    """Each fold's change in each of METRICS from a saved run, over the articles both have."""
    deltas = {}
    for k in range(folds):
        names = [a.gold.name for a in articles if a.fold == k and a.gold.name in before]
        now = pooled({n: results[n] for n in names})
        then = pooled({n: before[n] for n in names})
        deltas[k] = {m: now.metric(m) - then.metric(m) for m in METRICS}
    return deltas


def verdicts(deltas: dict[int, dict[str, float]]) -> dict[str, str]:
    """Per metric: "up in all" folds, "down in all", "same in all", or "mixed"."""
    out = {}
    for metric in METRICS:
        signs = {(d[metric] > 0) - (d[metric] < 0) for d in deltas.values()}
        out[metric] = {
            frozenset({1}): "up in all",
            frozenset({-1}): "down in all",
            frozenset({0}): "same in all",
        }.get(frozenset(signs), "mixed")
    return out


def format_comparison(
    results: dict[str, Scores], before: dict[str, Scores], articles: list[Article], folds: int
) -> str:
    deltas = fold_deltas(results, before, articles, folds)
    rows = [[f"fold {k}", *(f"{d[m]:+.4f}" for m in METRICS)] for k, d in deltas.items()]
    rows.append(["every fold", *verdicts(deltas).values()])
    return render(["change from saved run", *METRICS], rows)


def other_annotations(data_dir: Path, articles: list[Article]) -> dict[str, list[list[Relation]]]:
    """Each article's attributions by its later annotators (none for most articles)."""
    annotations = {split: annotations_by_article(data_dir / "polnear" / split) for split in SPLITS}
    return {
        a.gold.name: [
            parse_ann(other.read_text(encoding="utf-8"))
            for other in annotations[a.split].get(a.gold.name, [])[1:]
        ]
        for a in articles
    }


def format_cue_classes(
    others: dict[str, list[list[Relation]]],
    articles: list[Article],
    docs: dict[str, list[Doc]],
    predicted: dict[str, list[Relation]],
) -> str:
    """The linked attributions of the folds' articles, and those of PolNeAR's annotators
    (`others`, see other_annotations) against the first, by class of cue (cue_classes.py)."""
    rates = lemma_cue_rates(LEXICON_PATH)
    system, annotators = ClassCounts(), ClassCounts()
    for article in articles:
        name = article.gold.name
        if name not in predicted:
            continue
        finder = TokenFinder(docs[name], article.starts)

        def classify(relation: Relation, finder: TokenFinder = finder) -> str:
            return cue_class(relation, finder, rates)

        system.add(article.gold.relations, predicted[name], classify)
        for relations in others[name]:
            annotators.add(article.gold.relations, relations, classify)
    return f"linked attributions by cue class\n{format_classes(system, annotators)}"


def format_labels_found(
    others: dict[str, list[list[Relation]]],
    articles: list[Article],
    results: dict[str, Scores],
    labels: dict[str, list[dict]],
) -> str:
    """Labelled sources found, on the articles several PolNeAR annotators marked: by each
    later annotator's attributions, and by the system's out of fold: type accuracy overall
    is found x right, and this says how far the finding falls short of an annotator's."""
    pairs = by_annotators = total = by_system = 0
    for article in articles:
        name = article.gold.name
        if not others[name] or name not in results or not labels.get(name):
            continue
        for relations in others[name]:
            pairs += len(labels[name])
            by_annotators += labels_found(labels[name], relations)
        types = results[name].types
        total += sum(types[t, "total"] for t in TYPES)
        by_system += sum(types[t, "found"] for t in TYPES)
    if not pairs:
        return "labelled sources found: no labelled article has several annotators"
    return (
        "labelled sources found, on the articles several annotators marked: "
        f"another annotator {by_annotators / pairs:.3f} of {pairs} (label, annotator) pairs; "
        f"Sourcemark out of fold {by_system / total:.3f} of {total}"
    )


def _to_json(scores: Scores) -> dict:
    return {
        "spans": {f"{r}|{m}": asdict(c) for (r, m), c in scores.spans.items()},
        "content_chars": asdict(scores.content_chars),
        "linked": asdict(scores.linked),
        "types": [[t, s, n] for (t, s), n in scores.types.items()],
    }


def _from_json(data: dict) -> Scores:
    scores = Scores()
    for key, counts in data["spans"].items():
        role, mode = key.split("|")
        scores.spans[role, mode] = Counts(**counts)
    scores.content_chars = Counts(**data["content_chars"])
    scores.linked = Counts(**data["linked"])
    scores.types = Counter({(t, s): n for t, s, n in data["types"]})
    return scores


# ---- command -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    from .__main__ import DEFAULT_DATA

    parser = argparse.ArgumentParser(
        prog="python -m sourcemark.evaluation.crossval", description=__doc__
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="caches and fold models")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--train", action="store_true", help="(re)train every fold's models")
    parser.add_argument("--epochs", type=int, default=5, help="role tagger epochs, with --train")
    parser.add_argument(
        "--cues-only",
        action="store_true",
        help="with --train: relearn the cue lexicon, cue model and genders; keep the taggers",
    )
    parser.add_argument(
        "--shipped-tagger",
        action="store_true",
        help="every fold uses the shipped role tagger (trained on train, so in-sample for most"
        " articles): minutes, not hours, to check a change to the rules; with --train, only"
        " the cue parts are learned",
    )
    parser.add_argument("--only-fold", type=int, help="train or evaluate this fold only")
    parser.add_argument("--limit", type=int, help="only the first N articles of each split")
    parser.add_argument("--save", type=Path, help="write per-article counts here")
    parser.add_argument("--compare", type=Path, help="a --save file to compare with, by fold")
    parser.add_argument("--errors", action="store_true", help="print the errors, grouped")
    parser.add_argument(
        "--fit-confidence",
        type=Path,
        help="write the confidence calibrator fitted on every fold's attributions here",
    )
    options = parser.parse_args(argv)
    if not (options.data / "polnear" / "train").is_dir():
        print(f"cross-validation skipped: no PolNeAR under {options.data}")
        return 0

    settings = Settings.from_env()
    articles = load_corpus(options.data, options.folds, options.limit)
    labels = {}
    for split in SPLITS:
        labels.update(load_type_labels(options.data, split))
    work = options.work / f"{options.folds}-folds"
    nlp = load_model(settings.model, matmul=settings.matmul)
    docs = parse_corpus(nlp, articles, options.work)
    folds = [options.only_fold] if options.only_fold is not None else range(options.folds)

    cues_only = options.cues_only or options.shipped_tagger
    taggers = [work / f"fold-{k}" / "roles" for k in folds]
    if options.cues_only and not options.shipped_tagger and not all(t.is_dir() for t in taggers):
        print(f"--cues-only keeps the folds' taggers, but {work} lacks some", file=sys.stderr)
        return 1
    if options.train:
        for fold in folds:
            started = time.time()
            out = work / f"fold-{fold}"
            train_fold(nlp, fold, articles, docs, options.data, out, options.epochs, cues_only)
            print(f"fold {fold} trained in {time.time() - started:.0f}s", file=sys.stderr)

    results: dict[str, Scores] = {}
    judged: dict[int, list[Judged]] = {}
    errors = Errors()
    predicted: dict[str, list[Relation]] | None = {} if options.errors else None
    for fold in folds:
        fold_dir = work / f"fold-{fold}"
        if not (fold_dir / "cue_model.json").exists():
            print(f"fold {fold} has no models in {fold_dir}: run with --train", file=sys.stderr)
            return 1
        judged[fold] = []
        results.update(
            evaluate_fold(
                nlp,
                fold,
                articles,
                docs,
                labels,
                fold_dir,
                settings,
                errors,
                judged=judged[fold],
                predicted_by_article=predicted,
                roles=ATTRIBUTION_DATA / "roles" if options.shipped_tagger else None,
            )
        )
    if options.only_fold is not None:
        articles = [a for a in articles if a.fold == options.only_fold]
    if options.shipped_tagger:
        print("(every fold with the shipped role tagger, trained on train: compare runs alike)")
    print(format_folds(results, articles, options.folds))
    print()
    print(format_type_folds(results, articles, options.folds))
    if len(judged) > 1:
        print()
        print(reliability_table(cross_calibrated(judged), "confidence, out of fold"))
    if options.fit_confidence is not None:
        fit_confidence.fit([j for js in judged.values() for j in js]).save(options.fit_confidence)
    if options.compare is not None:
        saved = json.loads(options.compare.read_text(encoding="utf-8"))
        before = {name: _from_json(data) for name, data in saved.items()}
        print()
        print(format_comparison(results, before, articles, options.folds))
    if options.errors:
        from .polnear import format_errors

        print()
        others = other_annotations(options.data, articles)
        print(format_cue_classes(others, articles, docs, predicted))
        print(format_labels_found(others, articles, results, labels))
        print(format_errors(errors, title="PolNeAR train and dev errors, out of fold"))
    if options.save is not None:
        payload = {name: _to_json(scores) for name, scores in results.items()}
        options.save.write_text(json.dumps(payload), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
