"""Only the work we need: every component the pipeline runs feeds the analysis."""

import pytest

from sourcemark.documents import split_paragraphs
from sourcemark.linear_spacy import CHECK_COMPONENT, SENTENCE_INDEX

from .conftest import FIXTURES


def analysis_without(pipeline, texts: list[str], component: str | None):
    """The analysis with `component` switched off, or the error that switching it off causes."""
    ids = [f"p{i}" for i in range(len(texts))]
    disabled = [component] if component else []
    try:
        with pipeline.nlp.select_pipes(disable=disabled):
            docs = list(pipeline.nlp.pipe(texts))
            return pipeline.analyze_docs(ids, docs)
    except Exception as error:  # a later component or the engine can't do without it
        return repr(error)


@pytest.mark.data
@pytest.mark.filterwarnings("ignore:.*W108")  # the lemmatizer, without the POS it reads
def test_every_component_changes_the_analysis(pipeline, data_dir):
    texts = split_paragraphs((FIXTURES / "article.txt").read_text(encoding="utf-8"))
    for path in sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))[:3]:
        texts += split_paragraphs(path.read_text(encoding="utf-8"))
    full = analysis_without(pipeline, texts, None)
    assert isinstance(full, dict)
    # Our own bookkeeping (deadline checks, the sentence table) changes time, not answers.
    models = [
        name
        for name in pipeline.nlp.pipe_names
        if name != SENTENCE_INDEX and not name.startswith(CHECK_COMPONENT)
    ]
    assert "parser" in models and "sourcemark_roles" in models
    unread = [name for name in models if analysis_without(pipeline, texts, name) == full]
    assert unread == [], f"components whose output nothing reads: {unread}"


def test_verbs_get_their_dictionary_lemma(pipeline):
    """Cue verbs are matched by lemma. spaCy 3.8.18 lemmatizes "hopes" to "hop" and "rated"
    to "rat" with this model; the pinned version must not."""
    doc = pipeline.nlp("She hopes it works. He rated it, and they fined him.")
    lemmas = {token.text: token.lemma_ for token in doc}
    assert [lemmas[w] for w in ("hopes", "rated", "fined")] == ["hope", "rate", "fine"]
