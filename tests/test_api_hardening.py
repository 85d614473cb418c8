"""Who gets in (Host, CORS, token), how much is read, and how long an analysis may take."""

from __future__ import annotations

import json
import threading

import pytest

from sourcemark import pipeline as pipeline_module
from sourcemark.contract import MAX_ERROR_DETAILS

from .test_api import EXTENSION_ORIGIN, analyze, assert_error, paragraphs

TOKEN = "s3cret-token-for-tests-only"


# ---- Host ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8765", "127.0.0.1:8765", "127.1.2.3", "[::1]:8765", "[::1]"]
)
def test_loopback_hosts_are_served(client, host):
    assert client.get("/v1/health", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:8765",
        "evil.example",
        "localhost.evil.example",
        "127.0.0.1.evil.example",
        "10.0.0.5:8765",
        "[::2]:8765",
    ],
)
def test_other_hosts_are_refused(client, host):
    """A page that rebinds its own name to 127.0.0.1 still sends its own name."""
    assert_error(client.get("/v1/health", headers={"Host": host}), 403, "host_not_allowed")
    response = analyze(client, paragraphs("x"), headers={"Host": host})
    assert_error(response, 403, "host_not_allowed")


def test_allowed_hosts_setting_adds_names(make_client):
    client = make_client(allowed_hosts=("reader.local",))
    assert client.get("/v1/health", headers={"Host": "reader.local:8765"}).status_code == 200
    assert client.get("/v1/health", headers={"Host": "other.local"}).status_code == 403


# ---- CORS ---------------------------------------------------------------------------------


def preflight(client, origin, method="POST"):
    return client.options(
        "/v1/analyze",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "content-type, authorization",
        },
    )


@pytest.mark.parametrize(
    "origin",
    [
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop.evil.example",
        "chrome-extension://abcdefghijklmnopabcdefghijklmnopx",
        "chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",  # ids use a to p only
        "moz-extension://0d5c1f9e-1b2a-4c3d-9e8f-123456789abc.evil.example",
        "https://chrome-extension.evil.example",
    ],
)
def test_cors_matches_whole_extension_origins_only(client, origin):
    assert "Access-Control-Allow-Origin" not in preflight(client, origin).headers
    response = analyze(client, paragraphs("x"), headers={"Origin": origin})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_preflight_grants_only_get_post_and_options(client):
    granted = preflight(client, EXTENSION_ORIGIN)
    methods = {m.strip() for m in granted.headers["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "POST", "OPTIONS"}
    allowed = granted.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed
    for method in ("DELETE", "PUT", "PATCH"):
        refused = preflight(client, EXTENSION_ORIGIN, method)
        assert "Access-Control-Allow-Methods" not in refused.headers


# ---- token --------------------------------------------------------------------------------


@pytest.fixture
def token_client(make_client):
    return make_client(token=TOKEN)


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token-but-long-enough", f"Basic {TOKEN}", TOKEN, ""]
)
def test_a_set_token_is_required(token_client, authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = analyze(token_client, paragraphs("x"), headers=headers)
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_right_token_gets_in(token_client):
    response = analyze(token_client, paragraphs("x"), headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200


def test_health_and_preflight_need_no_token(token_client):
    assert token_client.get("/v1/health").status_code == 200
    response = preflight(token_client, EXTENSION_ORIGIN)
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION_ORIGIN


# ---- what is read -------------------------------------------------------------------------


def test_too_many_paragraphs_are_refused_before_each_is_validated(make_client):
    """Empty objects would each fail validation; the count is checked first."""
    client = make_client(max_paragraphs=10)
    body = json.dumps({"paragraphs": [{}] * 11})
    assert_error(analyze(client, body), 413, "too_many_paragraphs")


def test_an_error_lists_a_few_details_at_most(make_client):
    client = make_client(max_paragraphs=1000)
    response = analyze(client, json.dumps({"paragraphs": [{}] * 1000}))
    assert_error(response, 400, "invalid_request")
    assert len(response.get_json()["error"]["details"]) == MAX_ERROR_DETAILS
    assert len(response.get_data()) < 2000


def test_duplicate_paragraph_ids_are_echoed_in_order(client):
    body = {"paragraphs": [{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}]}
    response = analyze(client, body)
    assert response.status_code == 200
    assert [(p["id"], p["text"]) for p in response.get_json()["paragraphs"]] == [
        ("a", "One."),
        ("a", "Two."),
    ]


@pytest.mark.parametrize(
    ("escaped", "expected"),
    [
        (r"\ud83d\ude00", "😀"),  # a pair: one astral character
        (r"a\ud800\udc00b", "a\U00010000b"),
        (r"\ud800", None),  # lone high
        (r"\udc00", None),  # lone low
        (r"\udc00\ud800", None),  # a pair the wrong way round
        (r"\ud800\u0041", None),  # a high surrogate before a letter
        (r"\ud83d\ud83d\ude00", None),
    ],
)
def test_surrogate_escapes_round_trip_or_are_refused(client, escaped, expected):
    body = '{"paragraphs": [{"id": "p", "text": "' + escaped + '"}]}'
    response = analyze(client, body)
    if expected is None:
        assert_error(response, 400, "invalid_request", mentions="paragraphs.0.text")
        assert "surrogate" in response.get_json()["error"]["message"]
    else:
        assert response.status_code == 200
        assert response.get_json()["paragraphs"][0]["text"] == expected
        assert json.loads(response.get_data())["paragraphs"][0]["text"] == json.loads(
            '"' + escaped + '"'
        )


# ---- time and room ----------------------------------------------------------------------


class SlowPipe:
    """nlp.pipe that takes `delay` seconds a paragraph, and counts what it parsed."""

    def __init__(self, nlp, delay):
        self.nlp, self.delay, self.parsed = nlp, delay, 0
        self.entered, self.release = threading.Event(), threading.Event()

    def pipe(self, texts, **kwargs):
        self.entered.set()
        for text in texts:
            self.release.wait(self.delay)
            self.parsed += 1
            yield self.nlp(text)

    def __getattr__(self, name):
        return getattr(self.nlp, name)


@pytest.fixture
def slow_client(make_client, monkeypatch):
    monkeypatch.setattr(pipeline_module, "BATCH_CHARS", 1)  # a paragraph a batch

    def make(delay, **settings):
        client = make_client(parse_cache_bytes=0, analysis_cache_bytes=0, **settings)
        pipeline = client.application.extensions["sourcemark.loader"].pipeline
        pipeline.nlp = SlowPipe(pipeline.nlp, delay)
        return client, pipeline.nlp

    return make


def long_page(n):
    return paragraphs(*[f"Paragraph {i} says little." for i in range(n)])


def test_past_the_time_budget_the_answer_is_503_and_the_worker_goes_on(slow_client):
    client, spy = slow_client(0.6, time_budget=2)
    response = analyze(client, long_page(10))
    assert_error(response, 503, "out_of_time")
    assert response.headers["Retry-After"] == "1"
    assert spy.parsed < 10  # the work stopped at the deadline
    assert analyze(client, paragraphs("Short.")).status_code == 200


def test_work_for_a_client_that_went_away_stops(slow_client):
    client, spy = slow_client(0.05)
    gone = {"waitress.client_disconnected": lambda: spy.parsed >= 2}
    response = analyze(client, long_page(10), environ_overrides=gone)
    assert response.status_code == 503
    assert spy.parsed == 2


def test_a_full_queue_answers_503_at_once(slow_client):
    client, spy = slow_client(30, max_analyses=1, max_waiting=0)
    first = threading.Thread(target=analyze, args=(client, paragraphs("Held.")))
    first.start()
    try:
        assert spy.entered.wait(30)
        response = analyze(client, paragraphs("Turned away."))
        assert_error(response, 503, "busy")
        assert int(response.headers["Retry-After"]) >= 1
        assert client.get("/v1/health").status_code == 200
    finally:
        spy.release.set()
        first.join()
    assert analyze(client, paragraphs("Served again.")).status_code == 200
