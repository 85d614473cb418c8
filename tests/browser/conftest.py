"""Real-Chromium fixtures: the built extension, the real backend, a stub-engine backend, and a
local server for test pages. Run `make extension` (or `make test`) first to build the extension."""

from __future__ import annotations

import functools
import http.server
import io
import json
import shutil
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from sourcemark.api import create_app
from sourcemark.config import Settings
from sourcemark.extractbench.harness import empty_analysis
from sourcemark.pipeline import Pipeline

from ..conftest import REPO
from .fixture_engine import FixtureEngine, add_fixture_markers
from .pages import SEED_FILE, news_page, seed_blocks

DIST = REPO / "extension" / "dist"
CHROMIUM = Path("/usr/lib/chromium/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if str(item.path).startswith(str(HERE)):
            item.add_marker(pytest.mark.browser)


class ServerThread:
    """A WSGI app or static folder served on a free loopback port from a daemon thread."""

    def __init__(self, server):
        self.server = server
        self.port = server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def serve_app(app) -> ServerThread:
    return ServerThread(make_server("127.0.0.1", 0, app, threaded=True))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Real sites name their charset in the header; the saved pages are UTF-8.
    extensions_map: ClassVar[dict[str, str]] = {".html": "text/html; charset=utf-8"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def backend(pipeline):
    """The real backend, with whatever attribution engine this checkout has."""
    server = serve_app(create_app(Settings(), pipeline=pipeline))
    yield server
    server.stop()


def _stub_pipeline(pipeline, rules_file: str) -> Pipeline:
    stub = Pipeline(Settings(), nlp=pipeline.nlp)
    stub.engine = FixtureEngine.from_file(HERE / "fixtures" / rules_file)
    return stub


@pytest.fixture(scope="session")
def stub_pipeline(pipeline):
    """The real pipeline with a phrase-rule engine: rich analyses before the real engine
    lands (seed rules plus the emoji/XSS page rules)."""
    stub = _stub_pipeline(pipeline, "seed_rules.json")
    stub.engine.rules += FixtureEngine.from_file(HERE / "fixtures" / "page_rules.json").rules
    add_fixture_markers(stub.tone, {"hysteria": "loaded", "frenzy": "loaded", "perhaps": "hedge"})
    return stub


@pytest.fixture(scope="session")
def stub_backend(stub_pipeline):
    """The real API and report code over the stub pipeline."""
    server = serve_app(create_app(Settings(), pipeline=stub_pipeline))
    yield server
    server.stop()


class Recorded:
    """What a backend was sent: each /v1/analyze request's paragraph texts, and the
    Authorization header of every request."""

    def __init__(self, app):
        self.app = app
        self.requests: list[list[str]] = []
        self.authorization: list[tuple[str, str | None]] = []

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        self.authorization.append((path, environ.get("HTTP_AUTHORIZATION")))
        if path == "/v1/analyze" and environ["REQUEST_METHOD"] == "POST":
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            self.requests.append([p["text"] for p in json.loads(body)["paragraphs"]])
            environ["wsgi.input"] = io.BytesIO(body)
        return self.app(environ, start_response)


@pytest.fixture
def recorded(stub_pipeline):
    """The stub backend, recording what it is sent (`.recorder`)."""
    recorder = Recorded(create_app(Settings(), pipeline=stub_pipeline))
    server = serve_app(recorder)
    server.recorder = recorder
    yield server
    server.stop()


class QuickPipeline:
    """A pipeline that finds nothing, at once, behind the real API and its limits: for pages
    too long to parse in a test. Each request waits `delay` seconds, so progress shows."""

    model_info: ClassVar[dict] = {"name": "quick-stub", "version": "0"}

    def __init__(self, delay: float = 0.0):
        self.delay = delay

    def analyze_json(self, paragraphs, timings=None, max_tokens=None) -> bytes:
        time.sleep(self.delay)
        answer = empty_analysis({"paragraphs": paragraphs})
        return json.dumps({**answer, "model": self.model_info}).encode()


@pytest.fixture
def quick_backend():
    recorder = Recorded(create_app(Settings(), pipeline=QuickPipeline(delay=0.4)))
    server = serve_app(recorder)
    server.recorder = recorder
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """A static server for test pages; tests write generated pages into site.root."""
    root = tmp_path_factory.mktemp("site")
    for page in (HERE / "pages").glob("*.html"):
        shutil.copy(page, root / page.name)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ServerThread(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler))
    server.root = root
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory, site):
    if not (DIST / "manifest.json").exists():
        pytest.fail("extension/dist is missing: run `make extension` first")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path_factory.mktemp("profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            viewport={"width": 1280, "height": 900},
            args=[
                f"--disable-extensions-except={DIST}",
                f"--load-extension={DIST}",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        # Pages load offline: only the local servers answer; trackers and CDNs are cut off.
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(
                    ("http://127.0.0.1", "data:", "blob:", "chrome-extension:")
                )
                else route.abort()
            ),
        )
        yield context
        context.close()


@pytest.fixture(scope="session")
def worker(browser_context):
    workers = browser_context.service_workers
    return workers[0] if workers else browser_context.wait_for_event("serviceworker", timeout=15000)


@pytest.fixture(scope="session")
def extension_id(worker):
    return worker.url.split("/")[2]


@pytest.fixture
def ext(browser_context, worker, extension_id):
    """A per-test handle with clean extension storage."""
    worker.evaluate("Promise.all([chrome.storage.sync.clear(), chrome.storage.session.clear()])")
    handle = Extension(browser_context, worker, extension_id)
    keep = browser_context.pages[:1]  # Chromium quits when its last tab closes
    yield handle
    for page in browser_context.pages:
        if page not in keep:
            page.close()


class Extension:
    def __init__(self, context, worker, extension_id):
        self.context, self.worker, self.id = context, worker, extension_id

    def configure(self, **settings):
        self.worker.evaluate("s => chrome.storage.sync.set(s)", settings)

    def open(self, url: str, wait_for_marks: bool = True):
        page = self.context.new_page()
        page.goto(url)
        if wait_for_marks:
            page.wait_for_selector("sourcemark-chip", state="attached", timeout=60000)
        return page

    def tab_state(self, url: str) -> dict:
        return self.worker.evaluate(
            """async url => {
                const [tab] = await chrome.tabs.query({url});
                if (!tab) return null;
                const key = 'tab:' + tab.id;
                const stored = await chrome.storage.session.get(key);
                const badge = await chrome.action.getBadgeText({tabId: tab.id});
                return {tabId: tab.id, badge, ...(stored[key] || {status: 'none'})};
            }""",
            url,
        )

    def wait_for_state(self, url: str, statuses, timeout_s: float = 60):
        import time

        deadline = time.monotonic() + timeout_s
        state = None
        while time.monotonic() < deadline:
            state = self.tab_state(url)
            if state and state["status"] in statuses:
                return state
            time.sleep(0.2)
        raise AssertionError(f"tab state never reached {statuses}: last {state}")

    def analyses(self, url: str) -> list[dict]:
        """The backend's answers for the page's current run, one per chunk, from the cache."""
        keys = self.wait_for_state(url, {"done"})["cacheKeys"]
        return self.worker.evaluate(
            "async keys => { const s = await chrome.storage.session.get(keys);"
            " return keys.map(k => s[k]).filter(Boolean); }",
            keys,
        )

    def analysis(self, url: str) -> dict:
        """The page's analysis, when it came in one request."""
        (only,) = self.analyses(url)
        return only

    def stop_service_worker(self):
        """Stops the background service worker, as Chromium does when it idles."""
        page = self.context.new_page()
        page.goto("chrome://serviceworker-internals/")
        page.locator("cr-button[data-command=stop]").first.click()
        page.wait_for_selector(".serviceworker-running-status .value:text-is('STOPPED')")
        page.close()

    def popup(self, tab_id: int):
        page = self.context.new_page()
        page.goto(f"chrome-extension://{self.id}/popup/popup.html?tab={tab_id}")
        return page

    def options(self):
        page = self.context.new_page()
        page.goto(f"chrome-extension://{self.id}/options/options.html")
        self.wait_for_options(page)
        return page

    @staticmethod
    def wait_for_options(page):
        """Settings load asynchronously into the form."""
        expect(page.locator("#backend-url")).not_to_have_value("")


@pytest.fixture
def seed_url(site):
    """The seed article laid out as a news page (built now: its text is not committed)."""
    if not SEED_FILE.exists():
        pytest.skip(f"no seed article at {SEED_FILE}")
    title, date, paragraphs = seed_blocks()
    (site.root / "seed.html").write_text(news_page(title, date, paragraphs), encoding="utf-8")
    return f"{site.url}/seed.html"
