"""Fifty clients at once, each sending twenty real articles (PolNeAR dev) to the real
`sourcemark serve`: every answer is the serial run's analysis or an honest 503, and health
answers fast throughout. The figures are printed (pytest -s shows them)."""

from __future__ import annotations

import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sourcemark.documents import split_paragraphs

from .conftest import running_server

CLIENTS = 50
ARTICLES = 20
HEALTH_EVERY = 0.05  # seconds between health checks
# The goal is 100 ms (printed, with p50 and p95). Speed is for benchmarks, and on a shared,
# loaded machine the scheduler alone can hold a process that long; what this test asserts
# is that health never waits behind the analyses, which took seconds when it did.
HEALTH_GOAL = 0.1
HEALTH_NOT_QUEUED = 1.0


def request_body(text: str) -> bytes:
    paragraphs = [{"id": f"p{i}", "text": t} for i, t in enumerate(split_paragraphs(text))]
    return json.dumps({"paragraphs": paragraphs}).encode()


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Client(threading.Thread):
    """Sends the articles once each, in its own order; after a 503 it waits a little
    (Retry-After, at most half a second, to keep the test short) before the next."""

    def __init__(self, port: int, bodies: list[bytes], offset: int):
        super().__init__()
        self.port, self.bodies, self.offset = port, bodies, offset
        self.answers: list[tuple[int, int, float, dict, dict]] = []  # article, status, s, ...

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        for k in range(len(self.bodies)):
            article = (k + self.offset) % len(self.bodies)
            started = time.monotonic()
            connection.request(
                "POST",
                "/v1/analyze",
                self.bodies[article],
                {"Content-Type": "application/json"},
            )
            response = connection.getresponse()
            body = json.loads(response.read())
            elapsed = time.monotonic() - started
            self.answers.append((article, response.status, elapsed, body, dict(response.headers)))
            if response.status == 503:
                time.sleep(min(float(response.headers.get("Retry-After", 1)), 0.5))
        connection.close()


# Health is watched from a process of its own: the fifty client threads here would
# otherwise delay the watcher's own turns, and be counted against the server.
HEALTH_WATCH = """
import http.client, json, sys, threading, time
port, every = int(sys.argv[1]), float(sys.argv[2])
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
times, failures = [], []
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
while not stop.is_set():
    started = time.monotonic()
    try:
        connection.request("GET", "/v1/health")
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            failures.append(f"status {response.status}")
    except OSError as error:
        failures.append(repr(error))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    times.append(time.monotonic() - started)
    stop.wait(every)
print(json.dumps({"times": times, "failures": failures}))
"""


class HealthWatch:
    def __init__(self, port: int):
        self.process = subprocess.Popen(
            [sys.executable, "-c", HEALTH_WATCH, str(port), str(HEALTH_EVERY)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def finish(self) -> tuple[list[float], list[str]]:
        out, _ = self.process.communicate("stop\n", timeout=60)
        found = json.loads(out)
        return found["times"], found["failures"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@pytest.mark.data
def test_fifty_clients_get_right_answers_or_honest_503s(data_dir, pipeline):
    texts = sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))[:ARTICLES]
    if len(texts) < ARTICLES:
        pytest.skip(f"fewer than {ARTICLES} PolNeAR dev articles in {data_dir}")
    bodies = [request_body(t.read_text(encoding="utf-8")) for t in texts]
    serial = [json.loads(json.dumps(pipeline.analyze(json.loads(b)["paragraphs"]))) for b in bodies]

    # No parse cache: every request is the full work, as for fifty different articles. The
    # default budget of 5 s a request keeps the storm, and so the test, short.
    no_cache = {"parse_cache_bytes": 0, "analysis_cache_bytes": 0}
    with running_server(**no_cache) as (_, port, process):
        health = HealthWatch(port)
        clients = [Client(port, bodies, offset=i) for i in range(CLIENTS)]
        started = time.monotonic()
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        wall = time.monotonic() - started
        health_times, health_failures = health.finish()
        rss = peak_rss_mib(process.pid)

    answers = [a for client in clients for a in client.answers]
    served = [a for a in answers if a[1] == 200]
    refused = [a for a in answers if a[1] == 503]
    print(
        f"\n{CLIENTS} clients x {ARTICLES} articles in {wall:.1f} s: {len(served)} answered, "
        f"{len(refused)} refused with 503"
        f"\n  latency of answers: p50 {statistics.median([a[2] for a in served]):.2f} s, "
        f"p95 {percentile([a[2] for a in served], 0.95):.2f} s; of all requests: "
        f"p50 {statistics.median([a[2] for a in answers]):.2f} s, "
        f"p95 {percentile([a[2] for a in answers], 0.95):.2f} s"
        f"\n  health: {len(health_times)} checks, p50 {statistics.median(health_times) * 1000:.1f}"
        f" ms, p95 {percentile(health_times, 0.95) * 1000:.1f} ms, "
        f"max {max(health_times) * 1000:.1f} ms (goal {HEALTH_GOAL * 1000:.0f} ms), "
        f"{sum(t >= HEALTH_GOAL for t in health_times)} over the goal"
        f"\n  server peak RSS {rss:.0f} MiB"
    )
    assert len(answers) == CLIENTS * ARTICLES
    for article, status, _, body, headers in answers:
        if status == 200:
            assert body == serial[article], f"article {article} differs from the serial run"
        else:
            assert status == 503, body
            assert body["error"]["code"] in ("busy", "out_of_time")
            assert int(headers["Retry-After"]) >= 1
    assert served  # the server kept working through the storm
    assert not health_failures, health_failures[:5]
    assert max(health_times) < HEALTH_NOT_QUEUED
    # Most checks meet the goal itself; a loaded scheduler may hold a few past it.
    assert percentile(health_times, 0.95) < HEALTH_GOAL
