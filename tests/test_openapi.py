"""The OpenAPI document is valid and describes the responses the server really sends."""

import json

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from sourcemark.openapi import openapi_document


@pytest.fixture(scope="module")
def document(pipeline):
    from sourcemark.api import create_app

    return create_app(pipeline=pipeline).test_client().get("/openapi.json").get_json()


def check(document, path, method, response):
    """Validate a real response against the schema the document gives for its status."""
    operation = document["paths"][path][method]
    declared = operation["responses"].get(str(response.status_code))
    assert declared, f"{method.upper()} {path} -> {response.status_code} is not documented"
    schema = declared["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]})
    errors = sorted(validator.iter_errors(response.get_json()), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert document == json.loads(json.dumps(openapi_document()))


def test_health_matches(document, client):
    check(document, "/v1/health", "get", client.get("/v1/health"))


def test_analysis_matches(document, client):
    body = {
        "url": "https://example.com",
        "title": "A title",
        "paragraphs": [
            {"id": "p1", "text": "“It is done,” the mayor said. Critics say it is late."},
            {"id": "p2", "text": ""},
            {"id": "p3", "text": "Emoji 😀 text."},
        ],
    }
    response = client.post("/v1/analyze", json=body)
    assert response.status_code == 200
    check(document, "/v1/analyze", "post", response)


def test_a_schema_mismatch_is_caught(document, client):
    """The check itself can fail: a response with a wrong field type does not pass."""
    response = client.post("/v1/analyze", json={"paragraphs": [{"id": "p", "text": "Hi."}]})
    body = response.get_json()
    body["paragraphs"][0]["sentiment"]["label"] = "furious"
    schema = document["paths"]["/v1/analyze"]["post"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]})
    assert not validator.is_valid(body)


@pytest.mark.parametrize(
    ("data", "content_type", "max_body", "status"),
    [
        ("{", "application/json", None, 400),
        ('{"paragraphs": 1}', "application/json", None, 400),
        ('{"paragraphs": []}', "text/plain", None, 415),
        (
            json.dumps({"paragraphs": [{"id": "a", "text": "x" * 500}]}),
            "application/json",
            100,
            413,
        ),
    ],
)
def test_error_responses_match(document, make_client, data, content_type, max_body, status):
    client = make_client(**({"max_body_bytes": max_body} if max_body else {}))
    response = client.post("/v1/analyze", data=data, content_type=content_type)
    assert response.status_code == status
    check(document, "/v1/analyze", "post", response)


def test_method_not_allowed_matches(document, client):
    check(document, "/v1/analyze", "post", client.put("/v1/analyze"))
