"""The stock model, and what of a parse the tests of the pipeline's faster components hold
to it: every annotation the components could change."""

import spacy

from sourcemark.attribution.names import keep_titles_whole
from sourcemark.attribution.quotes import split_glued_quotes
from sourcemark.documents import split_paragraphs
from sourcemark.pipeline import find_model

from .conftest import FIXTURES

DEV_ARTICLES = 20


def load_stock():
    """The default model as spaCy loads it, with the pipeline's tokens, so that only the
    annotations can differ."""
    nlp = spacy.load(find_model())
    keep_titles_whole(nlp)
    split_glued_quotes(nlp)
    return nlp


def token_annotations(doc) -> list[tuple]:
    return [
        (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start)
        for t in doc
    ]


def annotations(nlp, paragraphs: list[str]) -> list[list[tuple]]:
    return [token_annotations(doc) for doc in nlp.pipe(paragraphs)]


def parsed_up_to(nlp, component: str, paragraphs: list[str]) -> list:
    """The paragraphs through the components before `component`."""
    before = nlp.pipe_names[: nlp.pipe_names.index(component)]
    with nlp.select_pipes(enable=before):
        return list(nlp.pipe(paragraphs))


def fixture_paragraphs() -> list[str]:
    return split_paragraphs((FIXTURES / "article.txt").read_text(encoding="utf-8"))


def dev_paragraphs(data_dir) -> list[str]:
    dev = sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))[:DEV_ARTICLES]
    return [p for path in dev for p in split_paragraphs(path.read_text(encoding="utf-8"))]
