"""The HTTP API: contract, errors, limits, CORS, timing header and cache."""

import json

import pytest

from sourcemark.contract import Analysis

EXTENSION_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
FIREFOX_ORIGIN = "moz-extension://0d5c1f9e-1b2a-4c3d-9e8f-123456789abc"


def analyze(client, body, **kwargs):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    kwargs.setdefault("content_type", "application/json")
    return client.post("/v1/analyze", data=data, **kwargs)


def paragraphs(*texts):
    return {"paragraphs": [{"id": f"p{i}", "text": t} for i, t in enumerate(texts)]}


def assert_error(response, status, code, mentions=None):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert "Traceback" not in response.get_data(as_text=True)
    if mentions:
        assert mentions in body["error"]["message"]


def test_health_names_the_model(client):
    body = client.get("/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["model"]["name"].startswith("en_core_web_sm")
    assert body["model"]["version"].startswith("3.8")


def test_analyze_returns_the_contract(client):
    text = "The council met on Tuesday. It approved the budget."
    response = analyze(client, {"url": "https://example.com/a", "title": "T", **paragraphs(text)})
    assert response.status_code == 200
    body = response.get_json()
    Analysis.model_validate(body)
    (paragraph,) = body["paragraphs"]
    assert paragraph["id"] == "p0" and paragraph["text"] == text
    assert [text[s["start"] : s["end"]] for s in paragraph["sentences"]] == [
        "The council met on Tuesday.",
        "It approved the budget.",
    ]
    assert body["summary"]["paragraphs"] == 1


def test_paragraph_order_and_ids_are_kept(client):
    body = analyze(client, {"paragraphs": [{"id": "z", "text": "B."}, {"id": "a", "text": "A."}]})
    assert [p["id"] for p in body.get_json()["paragraphs"]] == ["z", "a"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t \u00a0"])
def test_empty_paragraphs_come_back_with_nothing_found(client, text):
    body = analyze(client, paragraphs(text)).get_json()
    (paragraph,) = body["paragraphs"]
    assert paragraph["attributions"] == [] and paragraph["unattributed"] == []
    assert paragraph["markers"] == []
    assert paragraph["sentiment"]["label"] == "neutral"
    assert set(paragraph["breakdown"].values()) == {0.0}


@pytest.mark.parametrize(
    "text",
    [
        "Emoji 😀🇺🇦 and a family 👨‍👩‍👧 said hello.",
        "مرحبا بالعالم. Hello world.",
        "Zero\u200bwidth and NUL\x00 bytes.",
        "Combining e\u0301 and \U0001d54f math letters.",
        "\ufeffA byte-order mark leads.",
    ],
)
def test_odd_unicode_is_analysed_with_code_point_offsets(client, text):
    response = analyze(client, paragraphs(text))
    assert response.status_code == 200
    paragraph = response.get_json()["paragraphs"][0]
    assert paragraph["text"] == text
    for span in paragraph["unattributed"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert max(s["end"] for s in paragraph["sentences"]) <= len(text)


# ---- errors --------------------------------------------------------------------------------


def test_malformed_json_is_400(client):
    assert_error(analyze(client, '{"paragraphs": [}'), 400, "malformed_json")


def test_deeply_nested_json_is_400(client):
    assert_error(analyze(client, "[" * 100_000 + "]" * 100_000), 400, "malformed_json")


def test_truncated_utf8_is_400(client):
    assert_error(
        analyze(client, b'{"paragraphs": [{"id": "a", "text": "\xe2\x82"}]}'), 400, "malformed_json"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "paragraphs"),
        ([], "(body)"),
        ({"paragraphs": "text"}, "paragraphs"),
        ({"paragraphs": [{"text": "x"}]}, "paragraphs.0.id"),
        ({"paragraphs": [{"id": "a", "text": 5}]}, "paragraphs.0.text"),
        ({"paragraphs": [{"id": "", "text": "x"}]}, "paragraphs.0.id"),
        ({"paragraphs": [], "url": 3}, "url"),
        ({"paragraphs": [], "colour": "red"}, "colour"),
        ({"paragraphs": [{"id": "a", "text": "bad \ud800 surrogate"}]}, "paragraphs.0.text"),
    ],
)
def test_schema_violations_are_400_naming_the_field(client, body, field):
    response = analyze(client, json.dumps(body))
    assert_error(response, 400, "invalid_request", mentions=field)
    assert response.get_json()["error"]["details"][0]["field"] == field


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_non_json_is_415(client, content_type):
    response = client.post("/v1/analyze", data='{"paragraphs": []}', content_type=content_type)
    assert_error(response, 415, "unsupported_media_type")


def test_unknown_route_is_404_json(client):
    assert_error(client.get("/v2/nothing"), 404, "not_found")


def test_wrong_method_is_405_json(client):
    response = client.get("/v1/analyze")
    assert_error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["Allow"]


def test_an_internal_failure_is_a_json_500_without_traceback(make_client, monkeypatch):
    client = make_client()
    pipeline = client.application.extensions["sourcemark.loader"].pipeline

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(pipeline, "analyze_json", explode)
    response = analyze(client, paragraphs("x"))
    assert_error(response, 500, "internal_error")
    assert "secret internals" not in response.get_data(as_text=True)


# ---- limits --------------------------------------------------------------------------------


def test_body_over_the_byte_limit_is_413(make_client):
    client = make_client(max_body_bytes=1000)
    assert_error(analyze(client, paragraphs("x" * 2000)), 413, "payload_too_large")


def test_default_body_limit_is_two_megabytes(client):
    response = analyze(client, paragraphs("word " * 450_000))
    assert_error(response, 413, "payload_too_large", mentions="2097152")


def test_too_many_paragraphs_is_413(make_client):
    client = make_client(max_paragraphs=3)
    assert analyze(client, paragraphs("a", "b", "c")).status_code == 200
    assert_error(analyze(client, paragraphs("a", "b", "c", "d")), 413, "too_many_paragraphs")


def test_default_paragraph_count_limit_is_500(client):
    assert_error(
        analyze(client, paragraphs(*["x"] * 501)), 413, "too_many_paragraphs", mentions="500"
    )


def test_long_paragraph_is_413_naming_it(make_client):
    client = make_client(max_paragraph_chars=10)
    assert_error(
        analyze(client, paragraphs("short", "x" * 11)),
        413,
        "paragraph_too_long",
        mentions="paragraphs.1.text",
    )


def test_total_text_limit_is_413(make_client):
    client = make_client(max_total_chars=20)
    assert analyze(client, paragraphs("a" * 10, "b" * 10)).status_code == 200
    assert_error(analyze(client, paragraphs("a" * 10, "b" * 11)), 413, "too_much_text")


def test_too_many_tokens_is_413_before_anything_is_parsed(make_client):
    client = make_client(max_tokens=10)
    pipeline = client.application.extensions["sourcemark.loader"].pipeline
    assert analyze(client, paragraphs("a b c", '"' * 4)).status_code == 200  # 3 + 4 tokens
    parsed = len(pipeline.cache)
    response = analyze(client, paragraphs("a b c", '"' * 8))  # 3 + 8: each mark a token
    assert_error(response, 413, "too_many_tokens", mentions="more than 10 tokens")
    assert len(pipeline.cache) == parsed  # the new paragraph went through no model


def test_the_token_count_is_the_same_for_paragraphs_parsed_before(make_client):
    client = make_client(max_tokens=10)
    first = analyze(client, paragraphs("a b c d e f"))
    assert first.status_code == 200
    # The cached paragraph counts as much as a new one would: a refusal tells nothing of
    # what was read before.
    again = analyze(client, paragraphs("a b c d e f", "g h i j k"))
    fresh = make_client(max_tokens=10)
    anew = analyze(fresh, paragraphs("a b c d e f", "g h i j k"))
    assert again.status_code == anew.status_code == 413
    assert again.get_json() == anew.get_json()


def test_a_paragraph_of_quote_marks_at_the_length_limit_is_refused_by_its_tokens(client):
    assert_error(analyze(client, paragraphs('"' * 20_000)), 413, "too_many_tokens")


def test_default_limits_match_the_issue(client):
    settings = client.application.extensions["sourcemark.settings"]
    assert (
        settings.max_paragraphs,
        settings.max_paragraph_chars,
        settings.max_total_chars,
        settings.max_body_bytes,
    ) == (500, 20_000, 400_000, 2 * 1024 * 1024)


# ---- CORS, timing ---------------------------------------------------------------------------


@pytest.mark.parametrize("origin", [EXTENSION_ORIGIN, FIREFOX_ORIGIN])
def test_cors_admits_extension_origins(client, origin):
    response = analyze(client, paragraphs("x"), headers={"Origin": origin})
    assert response.headers.get("Access-Control-Allow-Origin") == origin
    preflight = client.options(
        "/v1/analyze",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.headers.get("Access-Control-Allow-Origin") == origin
    assert "POST" in preflight.headers.get("Access-Control-Allow-Methods", "")


@pytest.mark.parametrize(
    "origin",
    ["https://news.example.com", "http://127.0.0.1:8000", "chrome-extension://evil.example.com"],
)
def test_cors_refuses_web_origins(client, origin):
    response = analyze(client, paragraphs("x"), headers={"Origin": origin})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_admits_configured_origins(make_client):
    client = make_client(extra_origins=("https://reader.example.org",))
    response = client.get("/v1/health", headers={"Origin": "https://reader.example.org"})
    assert response.headers.get("Access-Control-Allow-Origin") == "https://reader.example.org"


def test_server_timing_reports_parse_and_analysis_to_the_extension(client):
    response = analyze(client, paragraphs("Timing matters."), headers={"Origin": EXTENSION_ORIGIN})
    header = response.headers["Server-Timing"]
    names = [part.split(";")[0].strip() for part in header.split(",")]
    assert names == ["parse", "analysis"]
    assert all(float(part.split("dur=")[1]) >= 0 for part in header.split(","))


@pytest.mark.parametrize("origin", [None, "https://news.example.com"])
def test_server_timing_tells_others_nothing_about_the_cache(client, origin):
    headers = {"Origin": origin} if origin else {}
    response = analyze(client, paragraphs("Timing matters."), headers=headers)
    assert response.status_code == 200
    assert "Server-Timing" not in response.headers


# ---- cache and batching -----------------------------------------------------------------------


class PipeSpy:
    """Counts the texts that reach nlp.pipe (tokenized first, as Docs), and fails on direct
    nlp() calls."""

    def __init__(self, nlp):
        self.nlp, self.texts, self.calls = nlp, [], 0

    def pipe(self, texts, **kwargs):
        self.calls += 1
        texts = list(texts)
        self.texts += [doc.text for doc in texts]
        return self.nlp.pipe(texts, **kwargs)

    def __call__(self, text):
        raise AssertionError("paragraphs must be parsed with nlp.pipe, not one nlp() call each")

    def __getattr__(self, name):
        return getattr(self.nlp, name)


@pytest.fixture
def spied_client(make_client):
    client = make_client()
    pipeline = client.application.extensions["sourcemark.loader"].pipeline
    spy = PipeSpy(pipeline.nlp)
    pipeline.nlp = spy
    return client, spy


def test_a_page_seen_before_is_not_parsed_again(spied_client):
    client, spy = spied_client
    page = paragraphs("First paragraph here.", "Second one there.")
    first = analyze(client, page).get_json()
    assert spy.texts == ["First paragraph here.", "Second one there."] and spy.calls == 1
    second = analyze(client, page).get_json()
    assert spy.calls == 1  # nothing new to parse
    assert first == second


def test_a_paragraph_repeated_across_pages_is_parsed_once(spied_client):
    client, spy = spied_client
    analyze(client, paragraphs("Shared boilerplate sentence.", "Page one."))
    analyze(client, paragraphs("Page two.", "Shared boilerplate sentence."))
    assert spy.texts == ["Shared boilerplate sentence.", "Page one.", "Page two."]


def test_repeats_within_one_page_are_parsed_once_in_one_batch(spied_client):
    client, spy = spied_client
    body = analyze(client, paragraphs("Same.", "Other.", "Same.")).get_json()
    assert spy.texts == ["Same.", "Other."] and spy.calls == 1
    assert [p["text"] for p in body["paragraphs"]] == ["Same.", "Other.", "Same."]


def test_breakdown_and_share_count_characters_by_source_type(client):
    texts = ["“We will win the vote,” the mayor said. The bridge opened in 1990.", "It rained."]
    body = analyze(client, paragraphs(*texts)).get_json()
    totals = {"unattributed": 0}
    for text, paragraph in zip(texts, body["paragraphs"], strict=True):
        owned = [None] * len(text)
        for attribution in paragraph["attributions"]:
            kind = attribution["source"]["type"] if attribution["source"] else "vague"
            for span in [*attribution["content"], attribution["source"], attribution["cue"]]:
                for i in range(span["start"], span["end"]) if span else ():
                    owned[i] = owned[i] or kind
        counts = {}
        for ch, kind in zip(text, owned, strict=True):
            if not ch.isspace():
                counts[kind or "unattributed"] = counts.get(kind or "unattributed", 0) + 1
        expected = {k: round(v / sum(counts.values()), 4) for k, v in counts.items()}
        assert {k: v for k, v in paragraph["breakdown"].items() if v} == expected
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v
    assert body["paragraphs"][0]["attributions"], "the quote should be attributed"
    share = body["summary"]["share"]
    assert {k: v for k, v in share.items() if v} == {
        k: round(v / sum(totals.values()), 4) for k, v in totals.items()
    }
    assert abs(sum(share.values()) - 1.0) < 1e-3
