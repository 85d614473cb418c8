"""`sourcemark serve --workers N`: pre-forked processes answering health while analysing."""

import json
import os
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from sourcemark import cli

from .conftest import FIXTURES, start_server


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def children(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def post(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        f"{url}/v1/analyze",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        assert response.headers["Server"] == "sourcemark"
        return json.load(response)


@pytest.fixture(scope="module")
def article() -> dict:
    text = (FIXTURES / "article.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return {"paragraphs": [{"id": f"p{i}", "text": t} for i, t in enumerate(paragraphs)]}


@pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc").is_dir(), reason="Linux only")
def test_two_workers_serve_the_same_analysis_as_one_process(article, pipeline):
    process, url = start_server("--workers", "2")
    try:
        deadline = time.monotonic() + 60
        while len(children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)  # gunicorn forks its workers one after the other
        assert len(children(process.pid)) == 2
        assert post(url, article) == pipeline.analyze(article["paragraphs"])
    finally:
        stop(process)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_worker_answers_health_while_it_analyses(article):
    process, url = start_server("--workers", "1")
    answered = []
    try:
        # Many distinct paragraphs: an analysis that takes a while.
        texts = [f"{p['text']} ({i})" for i in range(40) for p in article["paragraphs"]]
        long_one = {"paragraphs": [{"id": str(i), "text": t} for i, t in enumerate(texts)]}
        thread = threading.Thread(target=lambda: answered.append(("analysis", post(url, long_one))))
        thread.start()
        time.sleep(0.5)  # the analysis has begun
        with urllib.request.urlopen(f"{url}/v1/health", timeout=60) as response:
            answered.append(("health", json.load(response)))
        thread.join(300)
        assert [name for name, _ in answered] == ["health", "analysis"]
    finally:
        stop(process)


def test_without_fork_workers_are_refused_with_a_clear_message(monkeypatch, capsys):
    monkeypatch.delattr(os, "fork")
    assert cli.main(["serve", "--workers", "2"]) == 1
    err = capsys.readouterr().err
    assert "--workers needs a system that can fork" in err and "without --workers" in err
