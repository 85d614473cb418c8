"""HTTP API: the Flask app factory the extension talks to."""

from __future__ import annotations

import json
import logging
import re

from flask import Flask, Response, jsonify, request
from flask_cors import CORS
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from . import __version__
from .config import EXTENSION_ORIGINS, Settings
from .contract import AnalyzeRequest
from .openapi import openapi_document
from .pipeline import Pipeline, PipelineLoader, Timings

log = logging.getLogger(__name__)
# How long a request waits for the model still loading before it gets 503 + Retry-After.
LOAD_WAIT_SECONDS = 30


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details=None, headers=None):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details
        self.headers = headers or {}


def _error(status: int, code: str, message: str, details=None) -> tuple[Response, int]:
    body = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return jsonify({"error": body}), status


def _field(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(body)"


def _validation_details(error: ValidationError) -> list[dict]:
    return [
        {"field": _field(e["loc"]), "message": e["msg"], "type": e["type"]}
        for e in error.errors(include_url=False, include_input=False)
    ]


def _check_limits(req: AnalyzeRequest, settings: Settings) -> None:
    if len(req.paragraphs) > settings.max_paragraphs:
        raise ApiError(
            413,
            "too_many_paragraphs",
            f"paragraphs: {len(req.paragraphs)} given, at most {settings.max_paragraphs} allowed",
        )
    total = 0
    for i, paragraph in enumerate(req.paragraphs):
        total += len(paragraph.text)
        if len(paragraph.text) > settings.max_paragraph_chars:
            raise ApiError(
                413,
                "paragraph_too_long",
                f"paragraphs.{i}.text: {len(paragraph.text)} characters, "
                f"at most {settings.max_paragraph_chars} allowed",
            )
    if total > settings.max_total_chars:
        raise ApiError(
            413,
            "too_much_text",
            f"paragraphs: {total} characters in all, at most {settings.max_total_chars} allowed",
        )


def create_app(config: Settings | dict | None = None, pipeline: Pipeline | None = None) -> Flask:
    """Build the app. `config` is a Settings or a dict of Settings fields. Without a
    `pipeline`, the model loads in the background and health says so until it is ready."""
    settings = config if isinstance(config, Settings) else Settings(**(config or {}))
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False
    app.extensions["sourcemark.settings"] = settings
    loader = PipelineLoader(settings, pipeline)
    app.extensions["sourcemark.loader"] = loader

    origins = [re.compile(o) for o in EXTENSION_ORIGINS] + list(settings.extra_origins)
    CORS(
        app,
        resources={r"/v1/*": {"origins": origins}, r"/openapi.json": {"origins": origins}},
        expose_headers=["Server-Timing"],
    )

    @app.get("/v1/health")
    def health():
        if loader.state == "ready":
            model = loader.pipeline.model_info
            return jsonify({"status": "ok", "model": model, "version": __version__})
        response = jsonify({"status": loader.state, "version": __version__})
        if loader.state == "loading":
            response.headers["Retry-After"] = "1"
        return response, 503

    @app.post("/v1/analyze")
    def analyze():
        if not request.is_json:
            raise ApiError(
                415,
                "unsupported_media_type",
                "send the request body as JSON with Content-Type: application/json",
            )
        raw = request.get_data(cache=False)  # raises 413 past MAX_CONTENT_LENGTH
        try:
            # The stdlib parser keeps lone surrogates, so the schema can name their field.
            body = json.loads(raw)
        except (ValueError, RecursionError) as error:
            raise ApiError(
                400, "malformed_json", f"the request body is not valid JSON: {error}"
            ) from None
        try:
            req = AnalyzeRequest.model_validate(body)
        except ValidationError as error:
            details = _validation_details(error)
            first = details[0]
            raise ApiError(
                400, "invalid_request", f"{first['field']}: {first['message']}", details
            ) from None
        _check_limits(req, settings)
        pipeline = loader.wait(LOAD_WAIT_SECONDS)
        if pipeline is None:
            loading = loader.state == "loading"
            raise ApiError(
                503,
                "model_loading" if loading else "model_unavailable",
                "the model is still loading; try again shortly"
                if loading
                else "the model failed to load; see the server log",
                headers={"Retry-After": "5"} if loading else None,
            )
        timings = Timings()
        result = pipeline.analyze([p.model_dump() for p in req.paragraphs], timings)
        response = jsonify(result)
        response.headers["Server-Timing"] = (
            f"parse;dur={timings.parse_ms:.1f}, analysis;dur={timings.analysis_ms:.1f}"
        )
        return response

    @app.get("/openapi.json")
    def openapi():
        return jsonify(openapi_document())

    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        response, status = _error(error.status, error.code, error.message, error.details)
        response.headers.update(error.headers)
        return response, status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        codes = {413: "payload_too_large", 404: "not_found", 405: "method_not_allowed"}
        message = error.description or error.name
        if error.code == 413:
            message = f"the request body is larger than {settings.max_body_bytes} bytes"
        response, status = _error(error.code or 500, codes.get(error.code, "http_error"), message)
        if error.code == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response, status

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unexpected error")
        return _error(500, "internal_error", "the analysis failed; see the server log")

    return app
