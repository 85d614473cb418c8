"""While the model loads in the background, health says so and analyses wait or get 503."""

import threading

import pytest

from sourcemark import api
from sourcemark import pipeline as pipeline_module
from sourcemark.api import create_app
from sourcemark.config import Settings
from sourcemark.openapi import openapi_document

from .test_openapi import check

BODY = {"paragraphs": [{"id": "a", "text": "The mayor said it works."}]}


@pytest.fixture
def gated_model(monkeypatch, pipeline):
    """Model loading that finishes (or fails) only when the test says so."""
    gate = threading.Event()
    outcome = {"error": None}

    def load(settings):
        gate.wait(30)
        if outcome["error"]:
            raise outcome["error"]
        return pipeline

    monkeypatch.setattr(pipeline_module, "Pipeline", load)
    monkeypatch.setattr(api, "LOAD_WAIT_SECONDS", 0.05)

    def finish(error=None):
        outcome["error"] = error
        gate.set()

    return finish


def test_health_says_loading_then_ok(gated_model):
    app = create_app(Settings())
    client = app.test_client()
    loading = client.get("/v1/health")
    assert loading.status_code == 503 and loading.get_json()["status"] == "loading"
    check(openapi_document(), "/v1/health", "get", loading)
    assert loading.headers["Retry-After"]
    gated_model()
    assert app.extensions["sourcemark.loader"].wait(10) is not None
    ready = client.get("/v1/health")
    assert ready.status_code == 200 and ready.get_json()["status"] == "ok"
    assert ready.get_json()["model"]["name"]


def test_an_analysis_while_loading_gets_503_with_retry_after_then_works(gated_model):
    app = create_app(Settings())
    client = app.test_client()
    early = client.post("/v1/analyze", json=BODY)
    assert early.status_code == 503 and early.get_json()["error"]["code"] == "model_loading"
    assert early.headers["Retry-After"]
    check(openapi_document(), "/v1/analyze", "post", early)
    gated_model()
    app.extensions["sourcemark.loader"].wait(10)
    late = client.post("/v1/analyze", json=BODY)
    assert late.status_code == 200 and late.get_json()["paragraphs"][0]["id"] == "a"


def test_an_analysis_waits_for_a_model_that_is_nearly_loaded(gated_model, monkeypatch):
    monkeypatch.setattr(api, "LOAD_WAIT_SECONDS", 30)
    client = create_app(Settings()).test_client()
    threading.Timer(0.2, gated_model).start()
    response = client.post("/v1/analyze", json=BODY)
    assert response.status_code == 200


def test_a_failed_load_is_reported_not_hidden(gated_model):
    app = create_app(Settings())
    client = app.test_client()
    gated_model(OSError("model files unreadable"))
    app.extensions["sourcemark.loader"].wait(10)
    health = client.get("/v1/health")
    assert health.status_code == 503 and health.get_json()["status"] == "failed"
    response = client.post("/v1/analyze", json=BODY)
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "model_unavailable"
