"""The extension in real Firefox (Debian's firefox-esr), driven by puppeteer-core: the same
build as Chromium's marks the seed news page and opens the popover with the right sources."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import REPO
from .conftest import DIST
from .pages import EXPERTS, NATO, normalize, seed_blocks

FIREFOX = Path("/usr/bin/firefox-esr")
DRIVER = Path(__file__).parent / "firefox" / "drive.mjs"
PUPPETEER = REPO / "extension" / "node_modules" / "puppeteer-core"
DEFAULT_BACKEND = '"http://127.0.0.1:8765"'


def build_for_backend(backend_url: str, into: Path) -> Path:
    """A copy of extension/dist whose default backend URL is the test's backend.

    WebDriver BiDi may not open moz-extension:// pages, so the options page cannot set the
    URL as in Chromium; the one constant that names the default is changed instead.
    """
    dist = into / "dist"
    shutil.copytree(DIST, dist)
    patched = 0
    for path in dist.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        if DEFAULT_BACKEND in text:
            path.write_text(
                text.replace(DEFAULT_BACKEND, json.dumps(backend_url)), encoding="utf-8"
            )
            patched += 1
    assert patched, f"{DEFAULT_BACKEND} not found in the build"
    return dist


def run_firefox(
    page_url: str,
    backend_url: str,
    click: list[str],
    tmp_path: Path,
    evaluate: dict[str, str] | None = None,
) -> dict:
    if not FIREFOX.exists():
        pytest.skip(f"{FIREFOX} not installed (apt-get install firefox-esr)")
    if not (DIST / "manifest.json").exists() or not PUPPETEER.exists():
        pytest.fail("extension/dist or puppeteer-core is missing: run `make extension` first")
    job = {
        "dist": str(build_for_backend(backend_url, tmp_path)),
        "firefox": str(FIREFOX),
        "pageUrl": page_url,
        "click": click,
        "evaluate": evaluate or {},
    }
    done = subprocess.run(
        [shutil.which("node") or "node", str(DRIVER), json.dumps(job)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, f"Firefox run failed:\n{done.stderr[-4000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_firefox_marks_seed_article_paragraphs_and_opens_popover(backend, seed_url, tmp_path):
    _, _, body = seed_blocks()
    result = run_firefox(seed_url, backend.url, [NATO], tmp_path)
    assert "Firefox" in result["userAgent"]
    marked = result["marked"]
    assert [normalize(m["text"]) for m in marked] == [normalize(p) for p in body]
    assert all(m["inArticle"] and m["tag"] == "P" for m in marked)
    assert sorted(result["chips"]) == sorted(m["id"] for m in marked)
    # The popover opened on the paragraph (the list of rows exists, even if it is empty).
    assert result["popovers"][NATO] is not None


def test_firefox_popover_source_types_with_fixture_engine(stub_backend, seed_url, tmp_path):
    result = run_firefox(seed_url, stub_backend.url, [NATO, EXPERTS], tmp_path)
    assert "anonymous" in result["popovers"][NATO]
    assert "vague" in result["popovers"][EXPERTS]


def test_firefox_popover_source_types_with_real_engine(backend, seed_url, tmp_path):
    result = run_firefox(seed_url, backend.url, [NATO, EXPERTS], tmp_path)
    assert "anonymous" in result["popovers"][NATO]
    assert "vague" in result["popovers"][EXPERTS]


CHIP_LOOK = """[...document.querySelectorAll('sourcemark-chip')].map(c => {
    const letter = c.shadowRoot.querySelector('.letter');
    return [c.dataset.largest, c.title.split('\\n')[0], getComputedStyle(letter).backgroundColor,
        letter.textContent]; })"""


def test_firefox_chips_explain_themselves_and_are_styled(stub_backend, site, tmp_path):
    # Firefox's content scripts may not share a constructed style sheet with a page's shadow
    # roots: the chips must be styled either way.
    result = run_firefox(
        f"{site.url}/reader.html", stub_backend.url, [], tmp_path, {"chips": CHIP_LOOK}
    )
    chips = {largest: rest for largest, *rest in result["evaluated"]["chips"]}
    line, colour, letter = chips["unattributed"]
    assert line.startswith("Letter –: the largest share of this paragraph")
    assert letter == "–" and colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert chips["vague?"][2] == "V?"
    assert chips["named_person"][2] == "P"


def test_firefox_page_that_redefines_fetch_json_and_attach_shadow_gets_nothing(
    stub_backend, site, tmp_path
):
    result = run_firefox(
        f"{site.url}/hostile-js.html",
        stub_backend.url,
        ["One council member"],
        tmp_path,
        {"stolen": "window.__stolen", "forged": "window.forge()"},
    )
    assert len(result["chips"]) == 3
    assert result["popovers"]["One council member"] == ["anonymous"]
    assert result["evaluated"]["stolen"] == []
    assert result["evaluated"]["forged"] is True
