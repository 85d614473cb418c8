"""The OpenAPI 3.1 document, generated from the contract's pydantic models."""

from __future__ import annotations

from functools import cache

from pydantic.json_schema import models_json_schema

from . import __version__
from .contract import Analysis, AnalyzeRequest, ErrorResponse, Health, HealthNotReady

_REF = "#/components/schemas/{model}"


def _json(model: str) -> dict:
    return {"application/json": {"schema": {"$ref": _REF.format(model=model)}}}


def _error_responses(*statuses: int) -> dict:
    descriptions = {
        400: "Malformed JSON or a schema violation; `details` names the field.",
        404: "No such route.",
        405: "Method not allowed.",
        413: "Too large: body, paragraph count, paragraph length or total text.",
        415: "The body is not JSON.",
        500: "An internal failure; the details are in the server log.",
        503: "The model is still loading (`model_loading`, with Retry-After) or failed to "
        "load (`model_unavailable`).",
    }
    return {
        str(s): {
            "description": descriptions[s],
            "content": _json("ErrorResponse"),
        }
        for s in statuses
    }


@cache
def openapi_document() -> dict:
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
            "Offsets count Unicode code points within each paragraph's text.",
        },
        "paths": {
            "/v1/health": {
                "get": {
                    "operationId": "health",
                    "responses": {
                        "200": {
                            "description": "The backend is up; names the model it loaded.",
                            "content": _json("Health"),
                        },
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
                    "requestBody": {
                        "required": True,
                        "content": _json("AnalyzeRequest"),
                    },
                    "responses": {
                        "200": {
                            "description": "The analysis of every paragraph, in the order given.",
                            "headers": {
                                "Server-Timing": {
                                    "description": "parse and analysis durations in ms",
                                    "schema": {"type": "string"},
                                }
                            },
                            "content": _json("Analysis"),
                        },
                        **_error_responses(400, 405, 413, 415, 500, 503),
                    },
                }
            },
        },
        "components": {"schemas": schemas["$defs"]},
    }
