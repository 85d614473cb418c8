"""Benchmark folders in both layouts load into pages with their expected text."""

import gzip
import json

import pytest

from sourcemark.extractbench.datasets import expected_text, load_pages


def test_aeb_layout(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(b"<p>One</p>"))
    truth = {
        "p1": {"articleBody": "One", "url": "https://example.org/1"},
        "p2": {"articleBody": "Withheld page", "url": "https://example.org/2"},
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    (page,) = load_pages(tmp_path)  # p2 has no html: the benchmark withholds some pages
    assert (page.id, page.html, page.expected, page.url) == (
        "p1",
        b"<p>One</p>",
        "One",
        "https://example.org/1",
    )


def test_readability_layout_reads_expected_html_as_utf8(tmp_path):
    folder = tmp_path / "site-1"
    folder.mkdir()
    (folder / "source.html").write_bytes(b"<html><body><p>x</p></body></html>")
    expected = (
        "<div>\n  <p>Caf\u00e9 \u201cquoted\u201d</p>\n"
        "  <p>Second <a href=x>linked</a> line</p>\n</div>"
    )
    (folder / "expected.html").write_bytes(expected.encode())
    (page,) = load_pages(tmp_path)
    assert page.id == "site-1"
    assert page.expected == "Caf\u00e9 \u201cquoted\u201d\nSecond linked line"


def test_expected_text_keeps_one_block_a_line():
    assert expected_text(b"<ul><li>a</li>\n<li>b</li></ul>") == "a\nb"


def test_unknown_layout_is_an_error(tmp_path):
    with pytest.raises(ValueError, match=r"ground-truth\.json"):
        load_pages(tmp_path)
