"""What the benchmarks share: servers started as a user starts them, timed HTTP requests,
the articles, and the memory of processes as Linux reports it."""

from __future__ import annotations

import http.client
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sourcemark.documents import read_article

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "article.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request_body(paragraphs: list[str]) -> bytes:
    body = {"paragraphs": [{"id": f"p{i}", "text": t} for i, t in enumerate(paragraphs)]}
    return json.dumps(body).encode()


def words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


class Server:
    """`sourcemark serve ARGS` on a free port, with SOURCEMARK_* settings from `env`."""

    def __init__(self, *args: str, env: dict[str, str] | None = None):
        self.port = free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sourcemark.cli", "serve", "--port", str(self.port), *args],
            env={**os.environ, **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.first_answer: float | None = None  # seconds from start to any health answer
        self.ready: float | None = None  # ... to health saying the model is ready

    def health(self) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            connection.request("GET", "/v1/health")
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_ready(self, timeout: float = 180, workers: int = 0) -> Server:
        """Wait for health to say ready, and for gunicorn to have forked `workers`."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                status = self.health()
            except OSError:
                status = None
            if status is not None:
                now = time.perf_counter() - self.started
                self.first_answer = self.first_answer or now
                if status == 200 and len(self.workers()) >= workers:
                    self.ready = self.ready or now
                    return self
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"server exited: {self.log.read().decode(errors='replace')}")
            time.sleep(0.01)
        raise RuntimeError("the server did not get ready in time")

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)

    def analyze(self, body: bytes, connection: http.client.HTTPConnection | None = None) -> float:
        """Seconds for one /v1/analyze request, from sending to the last byte received."""
        own = connection is None
        connection = connection or self.connect()
        try:
            started = time.perf_counter()
            connection.request(
                "POST", "/v1/analyze", body=body, headers={"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            payload = response.read()
            elapsed = time.perf_counter() - started
        finally:
            if own:
                connection.close()
        if response.status != 200:
            raise RuntimeError(f"/v1/analyze answered {response.status}: {payload[:300]!r}")
        return elapsed

    def workers(self) -> list[int]:
        """The process ids of gunicorn's workers (children of this server process)."""
        return children(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def children(pid: int) -> list[int]:
    return sorted(int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak) of a process, in MB (10^6 bytes)."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024 / 1e6
    return values


def machine() -> dict[str, object]:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def texts(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def articles(paths: list[Path]) -> list[list[str]]:
    return [read_article(str(p)) for p in paths]
