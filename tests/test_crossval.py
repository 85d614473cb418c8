"""Cross-validation over articles: stable folds, the cached path equal to the serving path,
and comparisons that say whether a change holds in every fold."""

import shutil
from collections import Counter

import pytest

from sourcemark.attribution.roles import ARCHITECTURE_FILE, ATTRIBUTION_DATA, MODEL_CONFIG
from sourcemark.evaluation import crossval
from sourcemark.evaluation.articles import analyze_text
from sourcemark.evaluation.polnear import Errors, Scores, load_type_labels, score_article
from sourcemark.evaluation.spans import Counts
from sourcemark.pipeline import load_model


def test_folds_are_stable_and_spread():
    names = [f"article-{i}" for i in range(500)]
    folds = [crossval.fold_of(n, 5) for n in names]
    assert folds == [crossval.fold_of(n, 5) for n in names]
    assert set(folds) == set(range(5))
    assert min(Counter(folds).values()) > 60


def _scores(linked: int, found: int) -> Scores:
    scores = Scores()
    scores.linked = Counts(tp_pred=linked, pred=10, tp_gold=linked, gold=10)
    scores.types["vague", "total"] = 10
    scores.types["vague", "found"] = found
    scores.types["vague", "right"] = found
    return scores


def test_saved_counts_round_trip():
    scores = _scores(7, 4)
    scores.spans["cue", "overlap"] = Counts(3, 4, 3, 5)
    back = crossval._from_json(crossval._to_json(scores))
    assert back == scores
    assert back.metric("cue overlap") == scores.metric("cue overlap") > 0


def test_comparison_says_whether_a_change_holds_in_every_fold():
    articles = [
        crossval.Article(
            gold=type("G", (), {"name": f"a{k}"})(), split="train", fold=k, paragraphs=[], starts=[]
        )
        for k in range(3)
    ]
    before = {f"a{k}": _scores(5, 5) for k in range(3)}
    after = {"a0": _scores(6, 4), "a1": _scores(7, 5), "a2": _scores(6, 6)}
    deltas = crossval.fold_deltas(after, before, articles, 3)
    assert deltas[1]["linked"] == pytest.approx(0.2)
    verdict = crossval.verdicts(deltas)
    assert verdict["linked"] == "up in all"
    assert verdict["share found"] == "mixed"
    assert verdict["cue overlap"] == "same in all"
    assert "up in all" in crossval.format_comparison(after, before, articles, 3)


def _ann(*sources: tuple[int, int]) -> str:
    """A BRAT file with one attribution per source span (cue and content placed after it)."""
    lines = []
    for k, (start, end) in enumerate(sources):
        lines += [
            f"T{3 * k + 1}\tSource {start} {end}\tx",
            f"T{3 * k + 2}\tCue {end + 1} {end + 5}\tsaid",
            f"T{3 * k + 3}\tContent {end + 6} {end + 9}\tyes",
            f"E{k + 1}\tAttribution:T{3 * k + 2} Source:T{3 * k + 1} Content:T{3 * k + 3}",
        ]
    return "\n".join(lines) + "\n"


def test_labels_found_by_another_annotator_beside_the_system(tmp_path):
    attributions = tmp_path / "polnear" / "train" / "attributions"
    attributions.mkdir(parents=True)
    (attributions / "art_1.ann").write_text(_ann((0, 4), (20, 24)))
    (attributions / "art_2.ann").write_text(_ann((0, 4)))  # misses the second label
    (attributions / "art_3.ann").write_text(_ann((1, 3), (21, 23)))  # overlaps both
    (attributions / "solo_1.ann").write_text(_ann((0, 4)))  # one annotator: left out
    labels = {
        name: [{"start": 0, "end": 4, "type": "vague"}, {"start": 20, "end": 24, "type": "vague"}]
        for name in ("art", "solo")
    }
    articles = [
        crossval.Article(
            gold=type("G", (), {"name": name})(), split="train", fold=0, paragraphs=[], starts=[]
        )
        for name in ("art", "solo")
    ]
    results = {"art": _scores(5, 3), "solo": _scores(5, 9)}  # 3 of 10 labels found
    others = crossval.other_annotations(tmp_path, articles)
    line = crossval.format_labels_found(others, articles, results, labels)
    assert "another annotator 0.750 of 4 (label, annotator) pairs" in line
    assert "Sourcemark out of fold 0.300 of 10" in line


@pytest.mark.data
def test_cached_parses_score_as_the_serving_path_does(data_dir, pipeline, tmp_path):
    """Docs parsed once and kept in a DocBin, tagged and analysed apart, score exactly as
    `make eval` scores the same articles through Pipeline.analyze."""
    articles = [a for a in crossval.load_corpus(data_dir, 5, limit=3) if a.split == "dev"]
    nlp = load_model()
    docs = crossval.parse_corpus(nlp, articles, tmp_path)
    docs = crossval.parse_corpus(nlp, articles, tmp_path)  # the second time from disk
    labels = load_type_labels(data_dir, "dev")
    for article in articles:
        article.fold = 0
    cached = crossval.evaluate_fold(
        nlp, 0, articles, docs, labels, ATTRIBUTION_DATA, pipeline.settings, Errors(), tmp_path
    )
    for article in articles:
        served = score_article(
            article.gold,
            analyze_text(article.gold.text, pipeline)[0],
            labels[article.gold.name],
            Errors(),
        )
        assert cached[article.gold.name] == served
        assert served.linked.tp_gold > 0


@pytest.mark.data
def test_cue_parts_retrain_alone_and_keep_the_tagger(data_dir, tmp_path):
    """--cues-only writes the fold's cue lexicon and model and leaves its tagger as it was."""
    articles = crossval.load_corpus(data_dir, 5, limit=4)
    nlp = load_model()
    docs = crossval.parse_corpus(nlp, articles, tmp_path)
    out = tmp_path / "fold-0"
    (out / "roles").mkdir(parents=True)
    (out / "roles" / "kept").write_text("the tagger trained before")
    fold = next(a.fold for a in articles)
    crossval.train_fold(nlp, fold, articles, docs, data_dir, out, epochs=1, cues_only=True)
    assert (out / "cues.json").stat().st_size > 0
    assert (out / "cue_model.json").stat().st_size > 0
    assert [p.name for p in (out / "roles").iterdir()] == ["kept"]


@pytest.mark.data
def test_a_fold_trains_its_tagger_from_the_cached_parses(data_dir, tmp_path):
    """The parse cache keeps no tok2vec output; the distilled tagger reads it, so the fold's
    training computes it, then lets it go."""
    articles = crossval.load_corpus(data_dir, 5, limit=4)
    nlp = load_model()
    docs = crossval.parse_corpus(nlp, articles, tmp_path)
    fold = next(a.fold for a in articles)
    out = tmp_path / "fold-0"
    crossval.train_fold(nlp, fold, articles, docs, data_dir, out, epochs=1)
    assert (out / "roles" / "model").stat().st_size > 0
    assert (out / "roles" / ARCHITECTURE_FILE).read_text("utf-8") == MODEL_CONFIG
    taught = [a for a in articles if a.fold != fold and a.split != "dev"]
    assert taught
    assert all(doc.tensor.size == 0 for a in taught for doc in docs[a.gold.name])


@pytest.mark.data
def test_a_fold_without_its_own_tagger_runs_with_the_shipped_one(data_dir, pipeline, tmp_path):
    """--shipped-tagger: a fold holding only its cue parts is scored with the shipped role
    tagger, as the shipped parts themselves score; without it, the missing tagger is an error."""
    articles = [a for a in crossval.load_corpus(data_dir, 5, limit=2) if a.split == "dev"]
    nlp = load_model()
    docs = crossval.parse_corpus(nlp, articles, tmp_path)
    labels = load_type_labels(data_dir, "dev")
    for article in articles:
        article.fold = 0
    fold_dir = tmp_path / "fold-0"
    fold_dir.mkdir()
    for name in ("cues.json", "cue_model.json", "genders.json"):
        shutil.copy(ATTRIBUTION_DATA / name, fold_dir / name)
    settings = pipeline.settings
    with pytest.raises(SystemExit, match="no role tagger"):
        crossval.evaluate_fold(nlp, 0, articles, docs, labels, fold_dir, settings, Errors())
    shipped = crossval.evaluate_fold(
        nlp, 0, articles, docs, labels, fold_dir, settings, Errors(),
        roles=ATTRIBUTION_DATA / "roles",
    )  # fmt: skip
    served = crossval.evaluate_fold(
        nlp, 0, articles, docs, labels, ATTRIBUTION_DATA, settings, Errors(), tmp_path
    )
    assert shipped == served
    assert sum(s.linked.tp_gold for s in shipped.values()) > 0
