import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from sourcemark.api import create_app
from sourcemark.config import Settings
from sourcemark.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA_DIR = Path(os.environ.get("SOURCEMARK_DATA", REPO.parent / "shared" / "data"))
SEED_FILE = DATA_DIR / "seed" / "russia-security-demands.txt"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """One model load for the whole test session."""
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def analyze(pipeline):
    """Analyse paragraphs given as strings, ids p0, p1, ...; `analyze.nlp` is the model."""

    def run(*paragraphs: str) -> dict:
        return pipeline.analyze([{"id": f"p{i}", "text": t} for i, t in enumerate(paragraphs)])

    run.nlp = pipeline.nlp
    return run


@pytest.fixture
def make_client(pipeline):
    """A test client for an app with the given settings, sharing the session's model."""

    def make(**settings):
        app = create_app(
            Settings(**settings), pipeline=Pipeline(Settings(**settings), nlp=pipeline.nlp)
        )
        return app.test_client()

    return make


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA_DIR.is_dir():
        pytest.skip(f"shared data not found at {DATA_DIR}")
    return DATA_DIR


def free_port() -> int:
    """A loopback port that nothing listens on at the moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(*args: str, **environment) -> tuple[subprocess.Popen, str]:
    """`sourcemark serve` with these arguments and SOURCEMARK_ settings from `environment`
    on a free port, once it answers health."""
    port = free_port()
    env = {**os.environ, **{f"SOURCEMARK_{k.upper()}": str(v) for k, v in environment.items()}}
    process = subprocess.Popen(
        [sys.executable, "-m", "sourcemark.cli", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/v1/health", timeout=1):
                return process, url
        except OSError:  # not listening yet, or 503 while the model loads
            if process.poll() is not None:
                pytest.fail(f"server exited: {process.stdout.read()}")
            time.sleep(0.2)
    process.kill()
    pytest.fail("the server never answered health")


@contextmanager
def running_server(**environment):
    """start_server as a context: yields (base url, port, process), then stops it."""
    process, url = start_server(**environment)
    try:
        yield url, int(url.rsplit(":", 1)[1]), process
    finally:
        process.terminate()
        process.wait(timeout=10)
