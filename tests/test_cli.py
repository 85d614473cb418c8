"""The `sourcemark` command on text, HTML, URLs, stdin and folders."""

import codecs
import http.server
import json
import subprocess
import sys
import threading
from functools import partial

import pytest

from sourcemark import cli
from sourcemark.contract import Analysis

from .conftest import FIXTURES


@pytest.fixture
def fast_cli(monkeypatch, pipeline):
    """Run cli.main in-process with the session's already loaded model."""
    monkeypatch.setattr(cli, "_pipeline", lambda settings: pipeline)

    def run(*argv):
        return cli.main(list(argv))

    return run


@pytest.fixture(scope="module")
def site():
    """A local web server for the fixture pages, plus a page too large to fetch."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/huge.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65_536 + b"</p>"
                for _ in range(100):  # 6.5 MB, past the fetch cap
                    self.wfile.write(chunk)
                return
            super().do_GET()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(Handler, directory=str(FIXTURES))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_text_file_to_json(fast_cli, capsys):
    assert fast_cli("analyze", str(FIXTURES / "article.txt"), "--format", "json") == 0
    analysis = Analysis.model_validate_json(capsys.readouterr().out)
    texts = [p.text for p in analysis.paragraphs]
    assert len(texts) == 6
    assert texts[0] == "Harbour council delays vote on the new ferry terminal"
    assert texts[-1] == "The terminal would replace a pier built in 1962."


def test_text_report_is_readable(fast_cli, capsys):
    assert fast_cli("analyze", str(FIXTURES / "article.txt"), "--color", "always") == 0
    out = capsys.readouterr().out
    assert "¶1 [p1]" in out and "¶6 [p6]" in out
    assert "\033[" in out  # coloured when asked
    assert "The terminal would replace a pier built in 1962." in out


def test_text_report_has_no_colour_codes_when_piped(fast_cli, capsys):
    assert fast_cli("analyze", str(FIXTURES / "article.txt")) == 0
    assert "\033[" not in capsys.readouterr().out


def test_html_file_keeps_the_article_paragraphs_only(fast_cli, capsys):
    assert fast_cli("analyze", str(FIXTURES / "article.html"), "--format", "json") == 0
    texts = [p["text"] for p in json.loads(capsys.readouterr().out)["paragraphs"]]
    assert any(t.startswith("“We need more time to study the costs,”") for t in texts)
    assert any(t.startswith("The terminal would replace a pier") for t in texts)
    joined = "\n".join(texts)
    for boilerplate in ("Most read", "Weather", "newsletter", "All rights reserved"):
        assert boilerplate not in joined


def test_url_is_fetched_and_analysed(fast_cli, capsys, site):
    assert fast_cli("analyze", f"{site}/article.html", "--format", "json") == 0
    texts = [p["text"] for p in json.loads(capsys.readouterr().out)["paragraphs"]]
    assert any("senior city official" in t for t in texts)


def test_url_errors_are_reported_without_traceback(fast_cli, capsys, site):
    assert fast_cli("analyze", f"{site}/missing.html") == 1
    err = capsys.readouterr().err
    assert "404" in err and "Traceback" not in err


def test_url_larger_than_the_cap_is_refused(fast_cli, capsys, site):
    assert fast_cli("analyze", f"{site}/huge.html") == 1
    assert "larger than" in capsys.readouterr().err


def test_page_without_an_article_is_an_error(fast_cli, capsys):
    assert fast_cli("analyze", str(FIXTURES / "no-article.html")) == 1
    assert "no article" in capsys.readouterr().err


def test_missing_file_is_an_error(fast_cli, capsys, tmp_path):
    assert fast_cli("analyze", str(tmp_path / "nope.txt")) == 1
    assert "no such file" in capsys.readouterr().err


def test_stdin(fast_cli, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("One.\n\n\n  \nTwo.\nStill two.\n"))
    assert fast_cli("analyze", "-", "--format", "json") == 0
    texts = [p["text"] for p in json.loads(capsys.readouterr().out)["paragraphs"]]
    assert texts == ["One.", "Two.\nStill two."]


def test_folder_without_out_is_an_error(fast_cli, capsys):
    assert fast_cli("analyze", str(FIXTURES)) == 2
    assert "--out" in capsys.readouterr().err


def test_folder_is_analysed_into_one_json_each_with_progress(tmp_path, fast_cli):
    """A real subprocess with two worker processes, as a user would run it, writes what
    one job in this process writes."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The mayor said the bridge is safe.\n\nIt opened in 1990.\n")
    (src / "b.html").write_text((FIXTURES / "article.html").read_text())
    (src / "broken.html").write_text((FIXTURES / "no-article.html").read_text())
    (src / "notes.md").write_text("ignored")
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sourcemark.cli",
            "analyze",
            str(src),
            "--out",
            str(out),
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr  # one file had no article
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    Analysis.model_validate_json((out / "a.json").read_text())
    assert "no article text found" in result.stderr
    assert "2 of 3 analysed" in result.stderr
    assert "Traceback" not in result.stderr
    assert fast_cli("analyze", str(src), "--out", str(tmp_path / "one"), "--jobs", "1") == 1
    for name in ("a.json", "b.json"):
        assert (tmp_path / "one" / name).read_text() == (out / name).read_text()


def test_unknown_model_gets_an_install_hint(capsys):
    assert cli.main(["--model", "no_such_model_xyz", "analyze", str(FIXTURES / "article.txt")]) == 1
    err = capsys.readouterr().err
    assert "no_such_model_xyz" in err and "pip install" in err


def test_request_format_gives_a_body_the_api_accepts(fast_cli, capsys, client):
    assert fast_cli("analyze", str(FIXTURES / "article.txt"), "--format", "request") == 0
    body = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in body["paragraphs"]] == [f"p{i}" for i in range(1, 7)]
    response = client.post("/v1/analyze", json=body)
    assert response.status_code == 200
    assert len(response.get_json()["paragraphs"]) == 6


# ---- charsets of fetched pages -------------------------------------------------------------

VIENNA = "VIENNA — The house on Währinger Straße was sold for €2 million, “a record”."


def _page(meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{VIENNA}</p></body></html>"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        # No charset from the server: the page's own <meta> says UTF-8.
        ("text/html", _page('<meta charset="utf-8">').encode("utf-8")),
        (
            "text/html",
            _page('<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">').encode(),
        ),
        # The header outranks the <meta>.
        ("text/html; charset=utf-8", _page('<meta charset="iso-8859-1">').encode("utf-8")),
        ("text/html; charset=windows-1252", _page().replace("€", "EUR").encode("cp1252")),
        # Neither: detection.
        ("text/html", _page().encode("utf-8")),
        # A byte-order mark outranks everything.
        ("text/html; charset=iso-8859-1", codecs.BOM_UTF8 + _page().encode("utf-8")),
    ],
)
def test_fetched_pages_decode_by_header_then_meta_then_detection(content_type, body):
    from sourcemark.documents import decode_page

    expected = VIENNA if "windows-1252" not in content_type else VIENNA.replace("€", "EUR")
    assert expected in decode_page(body, content_type)


def test_iso_8859_1_means_windows_1252_as_browsers_read_it():
    from sourcemark.documents import decode_page

    body = _page().replace("€", "EUR").encode("cp1252")  # curly quotes and a dash in 0x80-0x9f
    assert VIENNA.replace("€", "EUR") in decode_page(body, "text/html; charset=ISO-8859-1")


def test_url_without_a_charset_header_is_read_by_its_meta(fast_cli, capsys, site):
    # The fixture server sends "text/html" with no charset for .html files.
    assert fast_cli("analyze", f"{site}/article.html", "--format", "json") == 0
    texts = [p["text"] for p in json.loads(capsys.readouterr().out)["paragraphs"]]
    assert any("“We need more time to study the costs,”" in t for t in texts)
    assert not any("â€" in t for t in texts)
