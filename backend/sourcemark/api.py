"""HTTP API: the Flask app factory the extension talks to.

Who gets in: only requests whose Host is a loopback name or one the user allowed (a web page
that rebinds its own DNS name to 127.0.0.1 is refused), CORS for the extensions' own origins
and only for GET, POST and OPTIONS, and, when SOURCEMARK_TOKEN is set, only analyses that
bring it. What they get: a bounded queue of analyses, each with a time budget, and JSON
errors for everything, with at most a few details.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import re
import time

from flask import Flask, Response, jsonify, request
from flask_cors import CORS
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from . import __version__, deadline
from .admission import Admission, Busy
from .config import EXTENSION_ORIGINS, Settings
from .contract import MAX_ERROR_DETAILS, AnalyzeRequest
from .openapi import openapi_document
from .pipeline import Pipeline, PipelineLoader, Timings, TooManyTokens

log = logging.getLogger(__name__)
# How long a request waits for the model still loading before it gets 503 + Retry-After.
LOAD_WAIT_SECONDS = 30

CORS_METHODS = ["GET", "POST", "OPTIONS"]  # what the routes answer; other methods get 405
# Seconds before a retry: soon, since a refusal costs the server next to nothing, and a
# request that ran out of time finds the paragraphs it had parsed in the cache.
RETRY_AFTER = "1"
LOOPBACK_NAMES = ("localhost",)


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
        for e in error.errors(include_url=False, include_input=False)[:MAX_ERROR_DETAILS]
    ]


def _check_count(body, settings: Settings) -> None:
    """Too many paragraphs: refused before each one is validated."""
    paragraphs = body.get("paragraphs") if isinstance(body, dict) else None
    if isinstance(paragraphs, list) and len(paragraphs) > settings.max_paragraphs:
        raise ApiError(
            413,
            "too_many_paragraphs",
            f"paragraphs: {len(paragraphs)} given, at most {settings.max_paragraphs} allowed",
        )


def _check_limits(req: AnalyzeRequest, settings: Settings) -> None:
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


def _read_request(settings: Settings) -> AnalyzeRequest:
    """The body as a request within the limits, or an ApiError saying what is wrong."""
    raw = request.get_data(cache=False)  # raises 413 past MAX_CONTENT_LENGTH
    try:
        # The stdlib parser keeps lone surrogates, so the schema can name their field.
        body = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise ApiError(
            400, "malformed_json", f"the request body is not valid JSON: {error}"
        ) from None
    _check_count(body, settings)
    try:
        req = AnalyzeRequest.model_validate(body)
    except ValidationError as error:
        details = _validation_details(error)
        first = details[0]
        raise ApiError(
            400, "invalid_request", f"{first['field']}: {first['message']}", details
        ) from None
    _check_limits(req, settings)
    return req


def _host_name(host: str) -> str:
    """The name in a Host header, without its port: "[::1]:8765" -> "[::1]"."""
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_loopback(name: str) -> bool:
    if name.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def host_allowed(host: str, settings: Settings) -> bool:
    """Loopback names and addresses, the address the server is bound to, and the names in
    SOURCEMARK_ALLOWED_HOSTS."""
    name = _host_name(host.strip()).lower()
    allowed = {h.lower() for h in settings.allowed_hosts} | {settings.host.lower()}
    return bool(name) and (_is_loopback(name) or name in allowed)


def _origin_patterns(settings: Settings) -> list[re.Pattern]:
    """Whole-origin patterns: "chrome-extension://<id>.evil.example" matches none."""
    extensions = [re.compile(rf"{o}\Z") for o in EXTENSION_ORIGINS]
    extra = [re.compile(rf"{re.escape(o)}\Z", re.IGNORECASE) for o in settings.extra_origins]
    return extensions + extra


def _bearer(header: str | None) -> str:
    scheme, _, credentials = (header or "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else ""


def _ready_pipeline(loader: PipelineLoader) -> Pipeline:
    """The loaded pipeline, waiting a while for a model still loading."""
    pipeline = loader.wait(LOAD_WAIT_SECONDS)
    if pipeline is not None:
        return pipeline
    if loader.state == "loading":
        raise ApiError(
            503,
            "model_loading",
            "the model is still loading; try again shortly",
            headers={"Retry-After": "5"},
        )
    raise ApiError(503, "model_unavailable", "the model failed to load; see the server log")


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
    admission = Admission(settings.max_analyses, settings.max_waiting)

    origins = _origin_patterns(settings)
    CORS(
        app,
        resources={r"/v1/*": {"origins": origins}, r"/openapi.json": {"origins": origins}},
        methods=CORS_METHODS,
        allow_headers=["Content-Type", "Authorization"],
        expose_headers=["Server-Timing"],
        max_age=600,
    )

    def from_extension() -> bool:
        origin = request.headers.get("Origin", "")
        return any(p.match(origin) for p in origins)

    @app.before_request
    def closed_door():
        if not host_allowed(request.host, settings):
            raise ApiError(
                403,
                "host_not_allowed",
                "this server answers only to loopback names and SOURCEMARK_ALLOWED_HOSTS",
            )
        if settings.token and request.method == "POST" and request.path == "/v1/analyze":
            given = _bearer(request.headers.get("Authorization"))
            if not hmac.compare_digest(given.encode(), settings.token.encode()):
                raise ApiError(
                    401,
                    "unauthorized",
                    "send the token set in SOURCEMARK_TOKEN as Authorization: Bearer <token>",
                    headers={"WWW-Authenticate": 'Bearer realm="sourcemark"'},
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
        until = time.monotonic() + settings.time_budget
        if not request.is_json:
            raise ApiError(
                415,
                "unsupported_media_type",
                "send the request body as JSON with Content-Type: application/json",
            )
        try:
            admission.enter(until)  # first: a busy server spends nothing on a request
        except Busy as busy:
            raise ApiError(503, "busy", str(busy), headers={"Retry-After": RETRY_AFTER}) from None
        try:
            req = _read_request(settings)
            pipeline = _ready_pipeline(loader)
            timings = Timings()
            with deadline.deadline(until, request.environ.get("waitress.client_disconnected")):
                encoded = pipeline.analyze_json(
                    [p.model_dump() for p in req.paragraphs], timings, settings.max_tokens
                )
        except TooManyTokens as error:
            raise ApiError(
                413, "too_many_tokens", f"paragraphs: {error}; send fewer at once"
            ) from None
        except deadline.Stopped as stopped:
            log.info("analysis stopped: %s", stopped)
            raise ApiError(
                503,
                "out_of_time",
                f"{stopped}; paragraphs parsed so far are kept, so a retry goes further",
                headers={"Retry-After": RETRY_AFTER},
            ) from None
        finally:
            admission.leave()
        response = Response(encoded, mimetype="application/json")
        if from_extension():  # parse times tell what was parsed before: the extension only
            response.headers["Server-Timing"] = (
                f"parse;dur={timings.parse_ms:.1f}, analysis;dur={timings.analysis_ms:.1f}"
            )
        return response

    @app.get("/openapi.json")
    def openapi():
        return jsonify(openapi_document(settings))

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
