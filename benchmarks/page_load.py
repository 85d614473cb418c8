"""Page load to markers in real Chromium with the built extension: the seed article laid out
as a news page, served locally, against a running backend.

The time is the page's own clock (performance.now(), from navigation start) when the first
marker chip is attached; the extension draws all of an article's chips together.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from harness import REPO

CHROMIUM = Path("/usr/lib/chromium/chromium")
DIST = REPO / "extension" / "dist"
RECORD_FIRST_CHIP = """
new MutationObserver((_, observer) => {
  if (document.querySelector("sourcemark-chip")) {
    window.__firstChipMs = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def unavailable() -> str | None:
    """Why the figure can't be measured here, or None."""
    if not (DIST / "manifest.json").exists():
        return "extension/dist is missing (make extension)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def seed_page(seed_file: Path) -> str:
    sys.path.insert(0, str(REPO))
    from tests.browser.pages import news_page, seed_blocks

    return news_page(*seed_blocks(seed_file))


def visits_ms(backend_url: str, seed_file: Path, visits: int) -> list[float]:
    """Milliseconds from navigation start to the first chip, one per visit.

    Each visit has its own URL and a cleared extension cache, so each one asks the backend.
    """
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="sourcemark-bench-"))
    (root / "seed.html").write_text(seed_page(seed_file), encoding="utf-8")
    site = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root))
    )
    threading.Thread(target=site.serve_forever, daemon=True).start()
    times = []
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                user_data_dir=str(root / "profile"),
                executable_path=str(CHROMIUM),
                headless=True,
                args=[
                    f"--disable-extensions-except={DIST}",
                    f"--load-extension={DIST}",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                ],
            )
            worker = context.service_workers[0] if context.service_workers else None
            worker = worker or context.wait_for_event("serviceworker", timeout=15000)
            worker.evaluate("url => chrome.storage.sync.set({backendUrl: url})", backend_url)
            context.add_init_script(RECORD_FIRST_CHIP)
            for visit in range(visits):
                worker.evaluate("chrome.storage.session.clear()")
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{site.server_address[1]}/seed.html?visit={visit}")
                page.wait_for_function("window.__firstChipMs !== undefined", timeout=60000)
                times.append(page.evaluate("window.__firstChipMs"))
                page.close()
            context.close()
    finally:
        site.shutdown()
        shutil.rmtree(root, ignore_errors=True)
    return times
