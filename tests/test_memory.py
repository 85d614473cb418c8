"""After a burst of requests at the size limits, the server's memory comes back near where
it started: the caches are bounded in bytes, and what an analysis freed goes back to the
system. A real server process, as Linux counts its memory (RSS)."""

import json
import random
import re
import urllib.request
from pathlib import Path

import pytest

from sourcemark import pipeline
from sourcemark.documents import split_paragraphs

from .conftest import FIXTURES, start_server

PARAGRAPHS, PARAGRAPH_CHARS = 8, 5_000
CACHES = {"SOURCEMARK_PARSE_CACHE_BYTES": 8 << 20, "SOURCEMARK_ANALYSIS_CACHE_BYTES": 4 << 20}
# What may stay besides the caches: allocator pools kept for reuse, new words in spaCy's
# vocabulary. Measured: 8 to 11 MiB; 35 MiB with a malloc arena per thread, and without
# handing freed memory back, three requests of 100,000 characters kept 300 MB.
SLACK_MB = 40


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def at_the_limits(seed: int) -> bytes:
    """PARAGRAPHS paragraphs of PARAGRAPH_CHARS characters: the fixture's sentences in an
    order of their own, so that no paragraph repeats another."""
    text = (FIXTURES / "article.txt").read_text(encoding="utf-8")
    sentences = [s for p in split_paragraphs(text) for s in re.split(r"(?<=[.?!”])\s+", p)]
    rng = random.Random(seed)
    paragraphs = []
    for i in range(PARAGRAPHS):
        words = []
        while sum(len(w) + 1 for w in words) < PARAGRAPH_CHARS:
            words.append(rng.choice(sentences))
        paragraphs.append({"id": f"p{i}", "text": " ".join(words)[:PARAGRAPH_CHARS]})
    return json.dumps({"paragraphs": paragraphs}).encode()


def post(url: str, body: bytes) -> int:
    request = urllib.request.Request(
        f"{url}/v1/analyze", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()
        return response.status


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_memory_returns_near_its_baseline_after_a_burst_at_the_limits(monkeypatch):
    limits = {
        "SOURCEMARK_MAX_PARAGRAPHS": PARAGRAPHS,
        "SOURCEMARK_MAX_PARAGRAPH_CHARS": PARAGRAPH_CHARS,
        "SOURCEMARK_MAX_TOTAL_CHARS": PARAGRAPHS * PARAGRAPH_CHARS,
    }
    for name, value in {**limits, **CACHES}.items():
        monkeypatch.setenv(name, str(value))
    process, url = start_server()
    try:
        post(url, json.dumps({"paragraphs": [{"id": "a", "text": "It works, he said."}]}).encode())
        baseline = rss_mb(process.pid)
        statuses = [post(url, at_the_limits(seed)) for seed in range(3)]
        after = rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
    caches_mb = sum(CACHES.values()) / 2**20
    print(f"RSS at baseline {baseline:.0f} MiB, after the burst {after:.0f} MiB")
    assert statuses == [200] * 3
    assert after - baseline <= caches_mb + SLACK_MB


class FakeGlibc:
    """Counts trims; reports `free` bytes held, or nothing without mallinfo2."""

    def __init__(self, free: int | None):
        self.trims = 0
        if free is not None:
            self.mallinfo2 = lambda: pipeline.MallInfo2(fordblks=free)

    def malloc_trim(self, pad: int) -> int:
        self.trims += 1
        return 1


@pytest.mark.parametrize(
    ("free", "trims"),
    [
        (8 << 20, 0),  # what an article's analysis leaves: kept for the next one
        (pipeline.KEEP_FREED_BYTES + 1, 1),
        (None, 1),  # a glibc that can't say how much it holds: trim every time
    ],
)
def test_freed_memory_goes_back_once_glibc_holds_more_than_it_may_keep(monkeypatch, free, trims):
    glibc = FakeGlibc(free)
    monkeypatch.setattr(pipeline, "_LIBC", glibc)
    pipeline.release_freed_memory()
    assert glibc.trims == trims


@pytest.mark.skipif(pipeline.freed_bytes_kept() is None, reason="needs glibc 2.33 or later")
def test_glibc_says_how_much_freed_memory_it_holds():
    assert 0 <= pipeline.freed_bytes_kept() < 1 << 40
