"""Reading articles into paragraphs: plain text, HTML pages, and URLs."""

from __future__ import annotations

import codecs
import re
from email.message import Message
from pathlib import Path

import charset_normalizer
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
            content_type = response.headers.get("Content-Type", "")
    except requests.RequestException as error:
        raise DocumentError(f"{url}: {error}") from error
    return decode_page(bytes(body), content_type)


# A byte-order mark outranks everything else, as in the HTML standard's encoding sniffing.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# <meta charset=...> or <meta http-equiv="Content-Type" content="...; charset=...">. Browsers
# look in the first 1024 bytes; news pages put a fifth of theirs later, after inline scripts.
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_META_PRESCAN_BYTES = 64 * 1024
# The Encoding Standard reads these labels as windows-1252, which servers mean by them.
_AS_WINDOWS_1252 = {"iso8859-1", "ascii"}


def decode_page(body: bytes, content_type: str = "") -> str:
    """A fetched page's text: its byte-order mark, else the HTTP header's charset, else its
    `<meta charset>`, else the charset that detection finds likeliest, else UTF-8.

    (requests itself falls back to ISO-8859-1 for any text/* without a charset, which turns
    UTF-8 pages into "VIENNA â€\"".)"""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    encoding = _known(_header_charset(content_type))
    if encoding is None:
        meta = _META_CHARSET.search(body[:_META_PRESCAN_BYTES])
        encoding = _known(meta.group(1).decode("ascii") if meta else None)
        # Bytes that could hold a <meta> are ASCII-compatible: the standard reads "utf-16" there
        # as UTF-8.
        if encoding and encoding.startswith("utf-16"):
            encoding = "utf-8"
    if encoding is None:
        detected = charset_normalizer.from_bytes(body).best()
        encoding = _known(detected.encoding if detected else None) or "utf-8"
    return body.decode(encoding, errors="replace")


def _header_charset(content_type: str) -> str | None:
    header = Message()
    header["Content-Type"] = content_type
    return header.get_param("charset") if content_type else None


def _known(name: str | None) -> str | None:
    """The codec of a charset name, or None when Python knows no such charset."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    return "cp1252" if codec in _AS_WINDOWS_1252 else codec


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
