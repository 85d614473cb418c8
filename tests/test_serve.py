"""`sourcemark serve` runs the API under waitress, bound to loopback by default, and stays
reachable: bodies refused before they are read, idle connections closed, JSON errors."""

import json
import os
import socket
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import running_server

IDLE_TIMEOUT = 2
MAX_BODY = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def server():
    with running_server(idle_timeout=IDLE_TIMEOUT) as (url, port, process):
        yield url, port, process


def raw_exchange(port: int, head: bytes, body: bytes = b"", timeout: float = 10) -> bytes:
    """Send bytes as they are, return what the server answers until it closes or pauses."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(head + body)
        return read_answer(s)


def read_answer(s: socket.socket) -> bytes:
    answer = b""
    try:
        while chunk := s.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and _complete(answer):
                break
    except TimeoutError:
        pass
    return answer


def _complete(answer: bytes) -> bool:
    head, _, body = answer.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def json_error(answer: bytes) -> tuple[int, dict]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    assert b"application/json" in head.lower(), head
    return status, json.loads(body)["error"]


def test_serves_health_and_analysis(server):
    url, _, _ = server
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
    _, port, _ = server
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    outside = [a for a in addresses if not a.startswith("127.") and a != "::1"]
    if not outside:
        pytest.skip("this machine has no non-loopback address to try")
    with socket.socket(socket.AF_INET6 if ":" in outside[0] else socket.AF_INET) as s:
        s.settimeout(1)
        assert s.connect_ex((outside[0], port)) != 0


def test_a_body_over_the_limit_is_refused_from_its_length_unread(server):
    _, port, _ = server
    head = (
        b"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 536870912\r\n\r\n"
    )
    status, error = json_error(raw_exchange(port, head))  # no body sent at all
    assert status == 413 and error["message"]


def test_a_chunked_body_is_refused_once_it_counts_past_the_limit(server):
    _, port, _ = server
    head = (
        b"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"x" * 65536
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        for _ in range(MAX_BODY // len(chunk) + 2):  # past the limit, never the last chunk
            s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        status, _ = json_error(read_answer(s))
    assert status == 413


def test_a_body_within_the_limit_is_not_spooled_to_disk(server):
    """Waitress writes bodies over 512 KiB to a temporary file unless told not to."""
    _, port, process = server
    size = MAX_BODY - 1000
    head = (
        b"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % size
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head + b" " * (size - 1))  # all but the last byte: still being read
        time.sleep(0.5)
        open_files = [os.readlink(f) for f in Path(f"/proc/{process.pid}/fd").iterdir()]
        s.sendall(b" ")
        status, _ = json_error(read_answer(s))
    temporary = tempfile.gettempdir()
    assert not [f for f in open_files if f.startswith(temporary)], open_files
    assert status == 400  # blank JSON


@pytest.mark.parametrize("content_type", [b"application/json\x01", b"application/\x7fjson"])
def test_a_control_character_in_a_header_gets_a_json_error(server, content_type):
    _, port, _ = server
    body = b'{"paragraphs": []}'
    head = (
        b"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + content_type + b"\r\n"
        b"Content-Length: %d\r\n\r\n" % len(body)
    )
    status, error = json_error(raw_exchange(port, head, body))
    assert status in (400, 415) and error["message"]


def test_a_foreign_host_is_refused_over_the_wire(server):
    _, port, _ = server
    answer = raw_exchange(port, b"GET /v1/health HTTP/1.1\r\nHost: evil.example:%d\r\n\r\n" % port)
    status, error = json_error(answer)
    assert (status, error["code"]) == (403, "host_not_allowed")


def test_idle_connections_are_closed(server):
    _, port, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=IDLE_TIMEOUT + 10) as s:
        started = time.monotonic()
        assert s.recv(1) == b""  # the server hung up
        assert time.monotonic() - started < IDLE_TIMEOUT + 6


def test_many_idle_connections_do_not_lock_others_out(server):
    """Waitress' default limit of 100 connections made the 101st wait for a slot."""
    url, port, _ = server
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(150)]
    try:
        started = time.monotonic()
        with urllib.request.urlopen(f"{url}/v1/health", timeout=5) as response:
            assert response.status == 200
        assert time.monotonic() - started < 2
    finally:
        for s in idle:
            s.close()
