"""The parse and analysis caches: bounded in bytes, least recently used out first, and a
repeated article answered without parsing or analysing it again."""

import gc
import json
import threading
import tracemalloc

import numpy
import pytest

from sourcemark.config import Settings
from sourcemark.documents import split_paragraphs
from sourcemark.pipeline import ByteLRU, Pipeline, doc_bytes

from .conftest import FIXTURES


def request(*texts):
    return [{"id": f"p{i}", "text": t} for i, t in enumerate(texts)]


@pytest.fixture
def make_pipeline(pipeline):
    """A pipeline with the given settings, sharing the session's model."""

    def make(**settings):
        return Pipeline(Settings(**settings), nlp=pipeline.nlp)

    return make


class Counting:
    """Counts calls to a method, passing them through."""

    def __init__(self, method):
        self.method, self.calls = method, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.method(*args, **kwargs)


def test_lru_evicts_the_least_recently_used_past_its_bytes():
    cache = ByteLRU(max_bytes=100)
    cache.put("a", "A", 40)
    cache.put("b", "B", 40)
    assert cache.get("a") == "A"  # now "b" is the least recently used
    cache.put("c", "C", 40)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c"), cache.nbytes, len(cache)) == ("A", "C", 80, 2)


def test_lru_keeps_nothing_larger_than_its_budget_and_nothing_when_off():
    cache = ByteLRU(max_bytes=100)
    cache.put("a", "A", 40)
    cache.put("big", "B", 101)
    assert (cache.get("big"), cache.get("a"), cache.nbytes) == (None, "A", 40)
    off = ByteLRU(max_bytes=0)
    off.put("a", "A", 1)
    assert off.get("a") is None and off.nbytes == 0


def test_lru_counts_a_replaced_entry_once():
    cache = ByteLRU(max_bytes=100)
    cache.put("a", "A", 40)
    cache.put("a", "A2", 30)
    assert (cache.get("a"), cache.nbytes, len(cache)) == ("A2", 30, 1)


def test_cached_parses_hold_no_more_than_their_estimate(pipeline):
    """doc_bytes bounds what a cached parse holds, measured, and not by much more."""
    texts = split_paragraphs((FIXTURES / "article.txt").read_text(encoding="utf-8"))
    texts.append(" ".join(texts) * 3)  # one long paragraph too
    list(pipeline.nlp.pipe(texts))  # words seen once, so the vocabulary doesn't grow below
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        docs = list(pipeline.nlp.pipe(texts))
        for doc in docs:
            doc.tensor = numpy.zeros((0, 0), dtype="float32")  # as the pipeline caches them
        keys = [("model", text[:-1] + text[-1]) for text in texts]  # own copies of the texts
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    estimate = sum(doc_bytes(key[1], doc) for key, doc in zip(keys, docs, strict=True))
    assert held <= estimate <= 2 * held, (held, estimate)


def test_the_parse_cache_stays_within_its_bytes(make_pipeline):
    texts = [f"Paragraph {i} says that the mayor spoke on Monday." for i in range(40)]
    one = doc_bytes(texts[0], make_pipeline().nlp(texts[0]))
    pipeline = make_pipeline(parse_cache_bytes=10 * one, analysis_cache_bytes=0)
    pipeline.analyze(request(*texts))
    assert 0 < pipeline.cache.nbytes <= 10 * one and 5 <= len(pipeline.cache) <= 10


def test_parse_cache_evicts_least_recently_used(make_pipeline):
    pipeline = make_pipeline(analysis_cache_bytes=0)
    sizes = [doc_bytes(t, pipeline.nlp(t)) for t in ("one.", "two.", "three.")]
    pipeline = make_pipeline(parse_cache_bytes=sum(sizes) - 1, analysis_cache_bytes=0)
    parsed = []
    pipe = pipeline.nlp.pipe
    pipeline.nlp.pipe = lambda docs, **kw: pipe(parsed.extend(d.text for d in docs) or docs, **kw)
    try:
        for text in ("one.", "two.", "one.", "three.", "one.", "two."):
            pipeline.analyze(request(text))
    finally:
        del pipeline.nlp.pipe
    # "two." was evicted by "three." (least recently used), "one." never was.
    assert parsed == ["one.", "two.", "three.", "two."]


def test_a_repeated_article_is_answered_from_the_analysis_cache(make_pipeline, monkeypatch):
    pipeline = make_pipeline()
    article = request("“We will win,” the mayor said.", "Critics disagreed, officials said.")
    first = pipeline.analyze(article)
    engine = Counting(pipeline.engine.analyze)
    parse = Counting(pipeline.parse)
    monkeypatch.setattr(pipeline.engine, "analyze", engine)
    monkeypatch.setattr(pipeline, "parse", parse)
    second = pipeline.analyze(article)
    assert second == first and (engine.calls, parse.calls) == (0, 0)
    second["paragraphs"].clear()  # the caller's own copy
    assert pipeline.analyze(article) == first


@pytest.mark.parametrize("cache_bytes", [0, 1 << 20])
def test_the_json_answer_is_the_analysis_and_a_repeat_sends_the_kept_bytes(
    make_pipeline, monkeypatch, cache_bytes
):
    pipeline = make_pipeline(analysis_cache_bytes=cache_bytes)
    article = request("“We will win,” the mayor said.", "Astral 😀 text, officials said.")
    fresh = pipeline.analyze_json(article)
    assert json.loads(fresh) == make_pipeline().analyze(article)
    assert "😀".encode() in fresh  # UTF-8 as it is, not escaped
    engine = Counting(pipeline.engine.analyze)
    monkeypatch.setattr(pipeline.engine, "analyze", engine)
    assert pipeline.analyze_json(article) == fresh
    assert engine.calls == (0 if cache_bytes else 1)


@pytest.mark.parametrize(
    "changed",
    [
        request("“We will win,” the mayor said.", "Critics disagreed."),
        [{"id": "other", "text": "“We will win,” the mayor said."}, {"id": "p1", "text": "x"}],
        request("“We will win,” the mayor said."),
    ],
)
def test_any_change_of_id_or_text_is_a_new_analysis(make_pipeline, changed):
    pipeline = make_pipeline()
    pipeline.analyze(
        [{"id": "p0", "text": "“We will win,” the mayor said."}, {"id": "p1", "text": "x"}]
    )
    engine = Counting(pipeline.engine.analyze)
    pipeline.engine.analyze = engine
    result = pipeline.analyze(changed)
    assert engine.calls == 1
    assert [(p["id"], p["text"]) for p in result["paragraphs"]] == [
        (p["id"], p["text"]) for p in changed
    ]


def test_a_model_change_is_a_new_analysis(make_pipeline):
    with_roles, without = make_pipeline(), Pipeline(Settings(learned_roles=False))
    article = request("The mayor said it works.")
    assert with_roles.analysis_key(article) != without.analysis_key(article)


def test_the_analysis_cache_keeps_odd_text_exactly(make_pipeline):
    pipeline = make_pipeline()
    article = request(
        "Combining e\u0301 and \u200b zero-width, said Ann.", "Astral 😀 and NUL \x00 text."
    )
    first = pipeline.analyze(article)
    assert pipeline.analyze(article) == first
    assert [p["text"] for p in first["paragraphs"]] == [p["text"] for p in article]


def test_the_analysis_cache_stays_within_its_bytes(make_pipeline):
    pipeline = make_pipeline(analysis_cache_bytes=20_000)
    for i in range(30):
        pipeline.analyze(request(f"Article {i}: the mayor said the bridge is safe."))
    assert 0 < pipeline.analyses.nbytes <= 20_000 and 2 < len(pipeline.analyses) < 30


def test_concurrent_requests_get_what_serial_ones_get(make_pipeline):
    texts = split_paragraphs((FIXTURES / "article.txt").read_text(encoding="utf-8"))
    articles = [request(*texts[i:], *texts[:i]) for i in range(4)]
    serial = [make_pipeline().analyze(a) for a in articles]
    shared = make_pipeline(parse_cache_bytes=0, analysis_cache_bytes=0)
    results = [None] * len(articles)

    def run(i):
        results[i] = shared.analyze(articles[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(articles))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == serial


@pytest.mark.parametrize("name", ["parse_cache_bytes", "analysis_cache_bytes"])
def test_a_negative_cache_size_is_refused_naming_its_variable(name):
    with pytest.raises(ValueError, match=f"SOURCEMARK_{name.upper()}"):
        Settings.from_env({f"SOURCEMARK_{name.upper()}": "-1"})
