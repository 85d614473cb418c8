"""Loads benchmark pages in headless Chromium and records the paragraphs the extension finds.

Pages come from a local fixture server; every other request is aborted, so a page's scripts
and trackers neither hang nor leak. Two ways to run the finder:
- "extension" (the default): the built extension is loaded as a reader would have it, its
  backend setting points at a stub here, and what it POSTs to /v1/analyze is recorded;
- "inject": the finder module alone, bundled with esbuild and run in the page, for working on
  the finder without the rest of the extension.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .datasets import Page

CHROMIUM = "/usr/lib/chromium/chromium"
REPO = Path(__file__).resolve().parents[3]
EXTENSION_DIR = REPO / "extension"
DIST = EXTENSION_DIR / "dist"
FINDER = EXTENSION_DIR / "content" / "find-paragraphs.js"

PAGE_TIMEOUT_MS = 30_000
# How long the extension gets, after the page's load event, to send its paragraphs.
EXTENSION_WAIT_S = 15.0


def _html_content_type(html: bytes) -> str:
    # A page that is valid UTF-8 is served as such; anything else is left to the browser's
    # own detection (its <meta charset>), as a real server without a charset header would.
    try:
        html.decode("utf-8")
    except UnicodeDecodeError:
        return "text/html"
    return "text/html; charset=utf-8"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser closing a connection it no longer needs is not an error here


@contextmanager
def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _quiet_handler(base: type[BaseHTTPRequestHandler]) -> type[BaseHTTPRequestHandler]:
    class Quiet(base):
        def log_message(self, format, *args):
            pass

    return Quiet


# Saved pages' own scripts, cut off from their servers, mostly replace the article with an
# error notice; blocking them (extension content scripts are exempt from a page's CSP)
# leaves the page as its server sent it.
NO_PAGE_SCRIPTS = "script-src 'none'"


@contextmanager
def fixture_server(pages: list[Page], page_scripts: bool = False) -> Iterator[str]:
    """Serves each page at /page/<id>; everything else is 404."""
    by_path = {f"/page/{p.id}": p.html for p in pages}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            html = by_path.get(self.path.split("?", 1)[0])
            if html is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", _html_content_type(html))
            self.send_header("Content-Length", str(len(html)))
            if not page_scripts:
                self.send_header("Content-Security-Policy", NO_PAGE_SCRIPTS)
            self.end_headers()
            self.wfile.write(html)

    with _serve(_quiet_handler(Handler)) as url:
        yield url


def empty_analysis(request: dict) -> dict:
    """A valid contract response that finds nothing, so the extension completes its run."""
    zero = dict.fromkeys(
        (
            "named_person",
            "named_organization",
            "document",
            "anonymous",
            "vague",
            "unattributed",
        ),
        0.0,
    )
    neutral = {"compound": 0.0, "pos": 0.0, "neu": 1.0, "neg": 0.0, "label": "neutral"}
    paragraphs = [
        {
            "id": p["id"],
            "text": p["text"],
            "sentences": [],
            "attributions": [],
            "unattributed": [],
            "sentiment": neutral,
            "markers": [],
            "breakdown": {**zero, "unattributed": 1.0},
        }
        for p in request.get("paragraphs", [])
    ]
    return {
        "version": "1",
        "model": {"name": "recording-stub", "version": "0"},
        "paragraphs": paragraphs,
        "sources": [],
        "summary": {
            "paragraphs": len(paragraphs),
            "attributions": 0,
            "by_type": {},
            "share": {**zero, "unattributed": 1.0 if paragraphs else 0.0},
        },
    }


class Recorder:
    """What the extension sent to /v1/analyze, by page URL."""

    def __init__(self) -> None:
        self._sent: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def record(self, request: dict) -> None:
        with self._lock:
            self._sent[request.get("url") or ""] = [p["text"] for p in request["paragraphs"]]

    def take(self, url: str) -> list[str] | None:
        with self._lock:
            return self._sent.pop(url, None)


@contextmanager
def recording_backend(recorder: Recorder) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def _json(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            origin = self.headers.get("Origin")
            if origin:
                self.send_header("Access-Control-Allow-Origin", origin)
            self.end_headers()
            self.wfile.write(data)

        def do_OPTIONS(self):
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin", "*"))
            self.send_header("Access-Control-Allow-Headers", "content-type")
            self.send_header("Access-Control-Allow-Methods", "GET, POST")
            self.end_headers()

        def do_GET(self):
            if self.path == "/v1/health":
                self._json(
                    200,
                    {
                        "status": "ok",
                        "model": {"name": "recording-stub", "version": "0"},
                        "version": "0",
                    },
                )
            else:
                self._json(404, {"error": {"code": "not_found", "message": self.path}})

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = json.loads(body or b"{}")
            recorder.record(request)
            self._json(200, empty_analysis(request))

    with _serve(_quiet_handler(Handler)) as url:
        yield url


def bundle_finder() -> str:
    """The finder module as a classic script defining `SourcemarkFinder`."""
    result = subprocess.run(
        [
            "npx",
            "--no-install",
            "esbuild",
            str(FINDER),
            "--bundle",
            "--format=iife",
            "--global-name=SourcemarkFinder",
            "--target=chrome120",
        ],
        cwd=EXTENSION_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _block_other_hosts(context, allowed: tuple[str, ...]) -> None:
    def route(r):
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)


def _launch(playwright, extension: Path | None, profile: str):
    args = ["--no-sandbox", "--disable-gpu", "--mute-audio", "--no-first-run"]
    if extension is not None:
        args += [f"--disable-extensions-except={extension}", f"--load-extension={extension}"]
    return playwright.chromium.launch_persistent_context(
        profile,
        executable_path=CHROMIUM,
        headless=True,
        args=args,
        viewport={"width": 1280, "height": 900},
    )


def _extension_worker(context, timeout: float = 15.0):
    """The extension's service worker: listed if it started before the browser was ready,
    else awaited. Polling the list with sleeps alone can miss it for good: the sync API
    takes in Playwright's events only while it waits on a call, never during a sleep."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        for worker in context.service_workers:
            if worker.url.startswith("chrome-extension://"):
                return worker
        try:
            context.wait_for_event("serviceworker", timeout=left * 1000)
        except PlaywrightTimeoutError:
            break
    raise RuntimeError("the extension's service worker did not start")


def run_pages(
    pages: list[Page],
    mode: str = "extension",
    extension: Path = DIST,
    progress: Callable[[Page, list[str] | None], None] | None = None,
    page_scripts: bool = False,
) -> dict[str, list[str] | None]:
    """Each page's paragraph texts (None when the finder sent nothing for it)."""
    from playwright.sync_api import sync_playwright

    if mode not in ("extension", "inject"):
        raise ValueError(f"unknown mode {mode!r}")
    if mode == "extension" and not (extension / "manifest.json").is_file():
        raise FileNotFoundError(f"{extension}/manifest.json: build the extension first")
    script = bundle_finder() if mode == "inject" else None
    recorder = Recorder()
    found: dict[str, list[str] | None] = {}
    with (
        fixture_server(pages, page_scripts) as site,
        recording_backend(recorder) as backend,
        tempfile.TemporaryDirectory(prefix="sourcemark-eval-") as profile,
        sync_playwright() as playwright,
    ):
        context = _launch(playwright, extension if mode == "extension" else None, profile)
        try:
            _block_other_hosts(context, (site + "/", backend + "/"))
            if mode == "extension":
                worker = _extension_worker(context)
                worker.evaluate(
                    "url => chrome.storage.sync.set({backendUrl: url, autoAnalyze: true})",
                    backend,
                )
            for page_data in pages:
                url = f"{site}/page/{page_data.id}"
                texts = _run_page(context, url, script, recorder)
                found[page_data.id] = texts
                if progress:
                    progress(page_data, texts)
        finally:
            context.close()
    return found


def _run_page(context, url: str, script: str | None, recorder: Recorder) -> list[str] | None:
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.dismiss())
    try:
        # A page that never fires load is still read as it stands.
        with contextlib.suppress(Exception):
            page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
        if script is None:
            return _wait_for_request(page, recorder, url)
        return _run_in_isolated_world(context, page, script)
    finally:
        page.close()


def _wait_for_request(page, recorder: Recorder, url: str) -> list[str] | None:
    # Playwright's sync API handles routed requests (the extension's own, too) only while it
    # is waiting, so wait through it rather than on a lock.
    deadline = time.monotonic() + EXTENSION_WAIT_S
    while time.monotonic() < deadline:
        sent = recorder.take(url)
        if sent is not None:
            return sent
        page.wait_for_timeout(100)
    return recorder.take(url)


def _run_in_isolated_world(context, page, script: str) -> list[str] | None:
    """Runs the finder as a content script runs: in its own world, past the page's CSP."""
    cdp = context.new_cdp_session(page)
    try:
        frame_id = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        world = cdp.send("Page.createIsolatedWorld", {"frameId": frame_id, "worldName": "finder"})
        expression = (
            script
            + ";(() => { const r = SourcemarkFinder.findArticleParagraphs(document);"
            + " return r.isArticle ? r.paragraphs.map(p => p.text) : null; })()"
        )
        result = cdp.send(
            "Runtime.evaluate",
            {
                "expression": expression,
                "contextId": world["executionContextId"],
                "returnByValue": True,
            },
        )
    finally:
        cdp.detach()
    if "exceptionDetails" in result:
        raise RuntimeError(f"finder failed: {result['exceptionDetails']}")
    return result["result"].get("value")
