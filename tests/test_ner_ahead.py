"""The entity recogniser's word embedding computed in a second thread: the same annotations,
from rows the thread computed, and one thread where processes fill the cores."""

import threading
from multiprocessing import get_context

import pytest
import spacy
from spacy.attrs import NORM, POS, PREFIX, SHAPE, SUFFIX

from sourcemark import cli
from sourcemark.config import SettingError, Settings
from sourcemark.documents import split_paragraphs
from sourcemark.ner_ahead import EMBEDDING_AHEAD, ROWS, NerEmbeddingAhead, reads_only_words
from sourcemark.pipeline import Pipeline, find_model

from .conftest import FIXTURES, SEED_FILE

DEV_ARTICLES = 20
TEXTS = [
    "“We will win,” Dana Cole told Reuters in Ottawa on Monday.",
    "Officials at the Transport Ministry said the bridge was safe.",
    "It opened in 1990.",
]


def annotations(docs) -> list[list[tuple]]:
    return [
        [
            (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_)
            for t in doc
        ]
        + [
            (t.ent_type_, tuple(roles))
            for t, roles in zip(doc, doc.user_data["sourcemark_roles"], strict=True)
        ]
        for doc in docs
    ]


@pytest.fixture(scope="module")
def fresh(pipeline) -> Pipeline:
    """The session's model with no parse cache, so that every parse runs the models."""
    return Pipeline(Settings(parse_cache_bytes=0, analysis_cache_bytes=0), nlp=pipeline.nlp)


def stock_path(pipeline, texts: list[str]):
    """nlp.pipe without rows computed ahead: the recogniser embeds the words itself."""
    return list(pipeline.nlp.pipe(texts, batch_size=64))


@pytest.fixture
def embedding_threads(fresh, monkeypatch) -> list[str]:
    """The names of the threads the recogniser's word embedding runs in, call by call."""
    embedding = fresh.ner_ahead.embedding
    threads = []

    def counted(model, docs, is_train, forward=embedding._func):
        threads.append(threading.current_thread().name)
        return forward(model, docs, is_train)

    monkeypatch.setattr(embedding, "_func", counted)
    return threads


def test_the_recogniser_takes_the_rows_the_second_thread_computed(fresh, embedding_threads):
    docs = [fresh.nlp.make_doc(t) for t in TEXTS]
    fresh.ner_ahead.start(docs)
    parsed = list(fresh.nlp.pipe(docs))
    assert len(embedding_threads) == 1
    assert embedding_threads[0].startswith("sourcemark-ner-embedding")
    assert not any(ROWS in doc.user_data for doc in parsed)  # taken, not kept in the cache
    assert annotations(parsed) == annotations(stock_path(fresh, TEXTS))


def test_docs_without_rows_ahead_are_embedded_where_they_are(fresh, embedding_threads):
    list(fresh.nlp.pipe(TEXTS))
    assert embedding_threads == [threading.current_thread().name]


@pytest.fixture(scope="module")
def one_thread(pipeline) -> Pipeline:
    return Pipeline(
        Settings(parse_cache_bytes=0, analysis_cache_bytes=0, parse_threads=1), nlp=pipeline.nlp
    )


def test_the_fixture_is_annotated_as_without_the_second_thread(fresh, one_thread):
    paragraphs = split_paragraphs((FIXTURES / "article.txt").read_text(encoding="utf-8"))
    assert annotations(fresh.parse(paragraphs)) == annotations(one_thread.parse(paragraphs))


@pytest.mark.data
def test_dev_articles_are_annotated_as_without_the_second_thread(fresh, one_thread, data_dir):
    dev = sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))[:DEV_ARTICLES]
    for path in [SEED_FILE, *dev]:
        paragraphs = split_paragraphs(path.read_text(encoding="utf-8"))
        assert annotations(fresh.parse(paragraphs)) == annotations(one_thread.parse(paragraphs))


def test_one_parse_thread_leaves_the_recogniser_to_itself(fresh, one_thread):
    assert fresh.ner_ahead is not None and one_thread.ner_ahead is None
    with pytest.raises(SettingError, match="SOURCEMARK_PARSE_THREADS"):
        Settings.from_env({"SOURCEMARK_PARSE_THREADS": "3"})
    assert Settings.from_env({"SOURCEMARK_PARSE_THREADS": "1"}).parse_threads == 1


def test_only_what_the_words_say_is_read_ahead():
    assert reads_only_words([NORM, PREFIX, SUFFIX, SHAPE], written=[POS])
    assert not reads_only_words([NORM, POS], written=[])  # the tagger sets it meanwhile
    assert not reads_only_words([NORM, SHAPE], written=[NORM])  # an attribute ruler does


def test_a_ruler_that_rewrites_a_word_attribute_keeps_the_embedding_in_line():
    nlp = spacy.load(find_model())
    nlp.get_pipe("attribute_ruler").add([[{"ORTH": "gonna"}]], {"NORM": "going"})
    assert NerEmbeddingAhead.install(nlp) is None
    assert nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0].name != EMBEDDING_AHEAD


_FORKED: Pipeline | None = None


def _entities_in_a_child(texts: list[str], answer) -> None:
    answer.send([[(e.text, e.label_) for e in doc.ents] for doc in _FORKED.parse(texts)])


def test_a_forked_process_embeds_in_a_thread_of_its_own(fresh):
    global _FORKED
    _FORKED = fresh
    fresh.parse(["Warm up the thread, said Ann Lee."])  # the parent's thread now runs
    expected = [[(e.text, e.label_) for e in doc.ents] for doc in stock_path(fresh, TEXTS)]
    fork = get_context("fork")
    received, answer = fork.Pipe(duplex=False)
    child = fork.Process(target=_entities_in_a_child, args=(TEXTS, answer))
    child.start()
    got = received.recv() if received.poll(timeout=120) else "no answer: the child hangs"
    child.join(timeout=5)
    if child.is_alive():
        child.kill()
    assert got == expected


def test_a_folder_is_analysed_in_one_thread_per_process(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The mayor said the bridge is safe.\n")
    threads = []
    monkeypatch.setattr(cli, "_pipeline", lambda settings: threads.append(settings.parse_threads))
    monkeypatch.setattr(cli, "_outcomes", lambda *args: iter([]))
    for jobs in ("2", "1"):
        cli.main(["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--jobs", jobs])
    assert threads == [1, 1]


def test_serve_with_workers_parses_in_one_thread_per_worker(monkeypatch):
    from sourcemark import pipeline, workers

    class Loaded(Exception):
        pass

    def stop_at_load(settings):
        raise Loaded(settings.parse_threads)

    monkeypatch.setattr(pipeline, "Pipeline", stop_at_load)
    with pytest.raises(Loaded) as loaded:
        workers.serve_workers(Settings(), 2)
    assert loaded.value.args == (1,)
