"""Reading articles into paragraphs: plain text, HTML pages, and URLs."""

from __future__ import annotations

import re
from pathlib import Path

import requests
import trafilatura

FETCH_TIMEOUT_S = 15
FETCH_MAX_BYTES = 5 * 1024 * 1024
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


class DocumentError(Exception):
    """An article that can't be read; the message says why."""


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; line breaks inside one are kept."""
    text = text.replace("\r\n", "\n")
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


def paragraphs_from_html(html: str, url: str | None = None) -> list[str]:
    """The article's paragraphs, as found by trafilatura; no article is an error."""
    extracted = trafilatura.extract(
        html,
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if not extracted or not extracted.strip():
        raise DocumentError("no article text found in the page")
    return [line.strip() for line in extracted.split("\n") if line.strip()]


def fetch(url: str, timeout: float = FETCH_TIMEOUT_S, max_bytes: int = FETCH_MAX_BYTES) -> str:
    """GET a page with a timeout and a size cap; returns its text."""
    try:
        with requests.get(
            url, timeout=timeout, stream=True, headers={"User-Agent": "sourcemark/0.1"}
        ) as response:
            response.raise_for_status()
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise DocumentError(f"{url}: page is larger than {max_bytes} bytes")
            encoding = response.encoding or response.apparent_encoding or "utf-8"
    except requests.RequestException as error:
        raise DocumentError(f"{url}: {error}") from error
    return body.decode(encoding, errors="replace")


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def read_article(target: str, stdin_text: str | None = None) -> list[str]:
    """Paragraphs of a .txt or .html file, an http(s) URL, or '-' (text on stdin)."""
    if target == "-":
        return split_paragraphs(stdin_text or "")
    if is_url(target):
        return paragraphs_from_html(fetch(target), url=target)
    path = Path(target)
    if not path.is_file():
        raise DocumentError(f"{target}: no such file")
    try:
        content = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise DocumentError(f"{target}: {error.strerror}") from error
    if path.suffix.lower() in (".html", ".htm"):
        return paragraphs_from_html(content)
    return split_paragraphs(content)
