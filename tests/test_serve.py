"""`sourcemark serve` runs the API under waitress, bound to loopback by default."""

import json
import socket
import urllib.request

import pytest

from .conftest import start_server


@pytest.fixture(scope="module")
def server():
    process, url = start_server()
    yield url, int(url.rsplit(":", 1)[1])
    process.terminate()
    process.wait(timeout=10)


def test_serves_health_and_analysis(server):
    url, _ = server
    with urllib.request.urlopen(f"{url}/v1/health") as response:
        assert json.load(response)["status"] == "ok"
    request = urllib.request.Request(
        f"{url}/v1/analyze",
        data=json.dumps({"paragraphs": [{"id": "a", "text": "The mayor said it works."}]}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Server"] == "sourcemark"
        assert json.load(response)["paragraphs"][0]["id"] == "a"


def test_binds_loopback_only(server):
    _, port = server
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    outside = [a for a in addresses if not a.startswith("127.") and a != "::1"]
    if not outside:
        pytest.skip("this machine has no non-loopback address to try")
    with socket.socket(socket.AF_INET6 if ":" in outside[0] else socket.AF_INET) as s:
        s.settimeout(1)
        assert s.connect_ex((outside[0], port)) != 0
