"""The OpenAPI 3.1 document, generated from the contract's pydantic models."""

from __future__ import annotations

from functools import cache

from pydantic.json_schema import models_json_schema

from . import __version__
from .config import Settings
from .contract import (
    MAX_ERROR_DETAILS,
    Analysis,
    AnalyzeRequest,
    ErrorResponse,
    Health,
    HealthNotReady,
)

_REF = "#/components/schemas/{model}"


def _json(model: str) -> dict:
    return {"application/json": {"schema": {"$ref": _REF.format(model=model)}}}


_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds after which a retry may be served.",
        "schema": {"type": "string"},
    }
}


def _error_responses(settings: Settings, *statuses: int) -> dict:
    descriptions = {
        400: "Malformed JSON, or a schema violation (`details` names the fields, at most "
        f"{MAX_ERROR_DETAILS} of them), or text with an unpaired surrogate code point "
        '(JSON escapes like "\\ud800" alone), which no UTF-8 text can hold.',
        401: "SOURCEMARK_TOKEN is set and the request did not send it as "
        "`Authorization: Bearer <token>`.",
        403: "The Host header names neither a loopback address nor a host in "
        "SOURCEMARK_ALLOWED_HOSTS.",
        404: "No such route.",
        405: "Method not allowed.",
        413: f"Too large: a body over {settings.max_body_bytes} bytes (refused before it is "
        f"read), over {settings.max_paragraphs} paragraphs, a paragraph over "
        f"{settings.max_paragraph_chars} characters, over {settings.max_total_chars} "
        f"characters in all, or (`too_many_tokens`) over {settings.max_tokens} tokens in all: "
        "words and marks as the model's tokenizer counts them, each mark its own "
        '(`"""` is three), which bounds the time an analysis takes.',
        415: "The body is not JSON.",
        500: "An internal failure; the details are in the server log.",
        503: f"Busy (every analysis slot taken and {settings.max_waiting} waiting), or the "
        f"analysis ran past its time budget of {settings.time_budget:g} s (paragraphs parsed "
        "so far are kept, so a retry after `Retry-After` seconds goes further), or the model "
        "is still loading (`model_loading`, with Retry-After) or failed to load "
        "(`model_unavailable`).",
    }
    return {
        str(s): {
            "description": descriptions[s],
            **({"headers": _RETRY_AFTER} if s == 503 else {}),
            "content": _json("ErrorResponse"),
        }
        for s in statuses
    }


def _with_limits(schemas: dict, settings: Settings) -> dict:
    """The request's limits that a schema can state: paragraph count and length."""
    schemas["AnalyzeRequest"]["properties"]["paragraphs"]["maxItems"] = settings.max_paragraphs
    text = schemas["ParagraphIn"]["properties"]["text"]
    text["maxLength"] = settings.max_paragraph_chars
    return schemas


@cache
def openapi_document(settings: Settings | None = None) -> dict:
    settings = settings or Settings()
    _, schemas = models_json_schema(
        [
            (m, "validation" if m is AnalyzeRequest else "serialization")
            for m in (AnalyzeRequest, Analysis, Health, HealthNotReady, ErrorResponse)
        ],
        ref_template=_REF,
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sourcemark backend",
            "version": __version__,
            "description": "Per-paragraph attributions, source types and tone for news articles. "
            "Offsets count Unicode code points within each paragraph's text. The server "
            "answers only to loopback Host names (and SOURCEMARK_ALLOWED_HOSTS).",
        },
        "paths": {
            "/v1/health": {
                "get": {
                    "operationId": "health",
                    "responses": {
                        "200": {
                            "description": "The backend is up; names the model it loaded. "
                            "Needs no token.",
                            "content": _json("Health"),
                        },
                        **_error_responses(settings, 403),
                        "503": {
                            "description": "Not ready: the model is loading (Retry-After "
                            "says when to ask again) or failed to load.",
                            "content": _json("HealthNotReady"),
                        },
                    },
                }
            },
            "/v1/analyze": {
                "post": {
                    "operationId": "analyze",
                    # The token is optional: required only when SOURCEMARK_TOKEN is set.
                    "security": [{}, {"token": []}],
                    "requestBody": {
                        "required": True,
                        "content": _json("AnalyzeRequest"),
                    },
                    "responses": {
                        "200": {
                            "description": "The analysis of every paragraph, in the order given.",
                            "headers": {
                                "Server-Timing": {
                                    "description": "parse and analysis durations in ms; "
                                    "sent only to the extension's own origins",
                                    "schema": {"type": "string"},
                                }
                            },
                            "content": _json("Analysis"),
                        },
                        **_error_responses(settings, 400, 401, 403, 405, 413, 415, 500, 503),
                    },
                }
            },
        },
        "components": {
            "schemas": _with_limits(schemas["$defs"], settings),
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The shared token from SOURCEMARK_TOKEN, when it is set.",
                }
            },
        },
    }
