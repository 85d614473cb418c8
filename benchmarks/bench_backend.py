"""Backend benchmarks: ratios measured side by side in one run, on a shared, noisy machine.

Prints which BLIS kernel spaCy's matrix code runs (timings mean little without it), then:
- batched nlp.pipe against one nlp() call per paragraph;
- a page seen before (parse cache) against a new one;
- the share of time in parsing against attribution, tone and report;
- memory held by the parse cache per paragraph.
Each pair is timed in alternation, best of several rounds, so drift hits both sides.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from sourcemark.config import Settings
from sourcemark.documents import split_paragraphs
from sourcemark.pipeline import Pipeline, Timings

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "article.txt"


def blis_kernel() -> str:
    """The sub-configuration libblis selects on this CPU, e.g. 'generic' or 'zen2'."""
    probe = "import numpy, blis.py; a = numpy.ones((4, 4), dtype='f'); blis.py.gemm(a, a)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "BLIS_ARCH_DEBUG": "1"},
        check=False,
    )
    found = re.search(r"sub-configuration '(\w+)'", result.stdout + result.stderr)
    return found.group(1) if found else "unknown"


def articles(data_dir: Path, limit: int) -> list[list[str]]:
    texts = sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))[:limit]
    if texts:
        return [split_paragraphs(t.read_text(encoding="utf-8")) for t in texts]
    print(f"(no PolNeAR at {data_dir}; using the test fixture article)")
    return [split_paragraphs(FIXTURE.read_text(encoding="utf-8"))] * 3


def best_of(rounds: int, *runs):
    """Alternate the runs round by round; return each one's best time in seconds."""
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for i, run in enumerate(runs):
            started = time.perf_counter()
            run()
            best[i] = min(best[i], time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    kernel = blis_kernel()
    print(
        f"BLIS kernel: {kernel}"
        + ("  (slow generic SSE fallback: explosion/cython-blis#53)" if kernel == "generic" else "")
    )
    pages = articles(args.data, args.articles)
    paragraphs = [p for page in pages for p in page]
    chars = sum(map(len, paragraphs))
    print(f"corpus: {len(pages)} articles, {len(paragraphs)} paragraphs, {chars} characters")

    pipeline = Pipeline(Settings(cache_size=0))
    nlp = pipeline.nlp
    one_by_one, batched = best_of(
        args.rounds,
        lambda: [nlp(p) for p in paragraphs],
        lambda: list(nlp.pipe(paragraphs, batch_size=pipeline.settings.batch_size)),
    )
    print(
        f"parse, one nlp() call each: {one_by_one:.2f}s; nlp.pipe batched: {batched:.2f}s; "
        f"batched is {one_by_one / batched:.2f}x faster"
    )

    cached = Pipeline(Settings(cache_size=100_000), nlp=nlp)
    requests = [[{"id": str(i), "text": t} for i, t in enumerate(page)] for page in pages]

    def cold():
        cached.cache = type(cached.cache)(100_000)
        for request in requests:
            cached.analyze(request)

    def warm():
        for request in requests:
            cached.analyze(request)

    cold()
    cold_s, warm_s = best_of(args.rounds, cold, warm)
    print(
        f"analyse new pages: {cold_s:.2f}s; pages seen before: {warm_s:.2f}s; "
        f"the cache makes a repeat {cold_s / warm_s:.1f}x faster"
    )

    parse_ms = analysis_ms = 0.0
    for request in requests:
        timings = Timings()
        pipeline.analyze(request, timings)
        parse_ms += timings.parse_ms
        analysis_ms += timings.analysis_ms
    share = analysis_ms / (parse_ms + analysis_ms)
    print(
        f"time after parsing (attribution, tone, report): {share:.0%} of the total; "
        f"{len(paragraphs) / ((parse_ms + analysis_ms) / 1000):.0f} paragraphs/s uncached"
    )

    memory_probe = Pipeline(Settings(cache_size=100_000), nlp=nlp)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    memory_probe.parse(paragraphs)
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    print(
        f"parse cache: {held / len(paragraphs) / 1024:.1f} KiB per paragraph "
        f"({held / chars:.0f} bytes per character of text)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
