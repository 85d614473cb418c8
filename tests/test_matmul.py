"""The models' maths in numpy's BLAS instead of blis changes the speed, not the annotations."""

import pytest

from sourcemark.attribution.roles import ROLE_MODEL_DIR
from sourcemark.config import Settings
from sourcemark.documents import split_paragraphs
from sourcemark.inference_ops import InferenceOps
from sourcemark.pipeline import load_model

from .conftest import FIXTURES, SEED_FILE

DEV_ARTICLES = 20


def annotations(nlp, paragraphs: list[str]) -> list[list[tuple]]:
    return [
        [
            (t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_, roles)
            for t, roles in zip(doc, doc.user_data["sourcemark_roles"], strict=True)
        ]
        for doc in nlp.pipe(paragraphs, batch_size=64)
    ]


@pytest.fixture(scope="module")
def blis():
    return load_model(role_model=ROLE_MODEL_DIR, matmul="blis")


@pytest.fixture(scope="module")
def paragraphs(data_dir) -> list[str]:
    dev = sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))
    texts = [SEED_FILE, *dev[:DEV_ARTICLES]]
    assert len(texts) == DEV_ARTICLES + 1
    return [p for path in texts for p in split_paragraphs(path.read_text(encoding="utf-8"))]


@pytest.mark.data
def test_numpy_blas_annotates_as_blis_does(pipeline, blis, paragraphs):
    assert pipeline.settings.matmul == "numpy"  # the default the service runs
    assert annotations(pipeline.nlp, paragraphs) == annotations(blis, paragraphs)


def test_numpy_blas_annotates_the_fixture_as_blis_does(pipeline, blis):
    text = (FIXTURES / "article.txt").read_text(encoding="utf-8")
    assert annotations(pipeline.nlp, split_paragraphs(text)) == annotations(
        blis, split_paragraphs(text)
    )


def test_the_blis_layers_really_use_blis_and_the_default_does_not(pipeline, blis):
    assert all(node.ops.use_blis for node in blis.get_pipe("tok2vec").model.walk())
    assert not any(node.ops.use_blis for node in pipeline.nlp.get_pipe("tok2vec").model.walk())
    roles = pipeline.nlp.get_pipe("sourcemark_roles").model
    assert not any(node.ops.use_blis for node in roles.walk())
    assert all(isinstance(node.ops, InferenceOps) for node in roles.walk())
    assert not any(isinstance(node.ops, InferenceOps) for node in blis.get_pipe("ner").model.walk())


def test_an_unknown_matmul_backend_is_refused():
    with pytest.raises(ValueError, match="matmul"):
        load_model(matmul="cuda")
    assert Settings.from_env({"SOURCEMARK_MATMUL": "blis"}).matmul == "blis"
