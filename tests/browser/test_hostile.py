"""A page is untrusted (issue 15, the extension's part), in Chromium: markup in its text stays
text, a very long page is analysed in chunks with progress and without long tasks, a page
that redefines what the extension might lean on neither breaks it nor reads its data, forged
window messages get nothing, and the backend's shared token reaches the backend."""

from __future__ import annotations

import json
import os
import time

from playwright.sync_api import expect

from .conftest import ARTIFACTS

PWNED = "window.__sourcemarkPwned"
# Long tasks (over 50 ms) on the page's main thread, which content scripts share; observed
# from the start, buffered.
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
"""


def test_markup_in_page_text_and_source_names_stays_inert_text(ext, stub_backend, site):
    ext.configure(backendUrl=stub_backend.url)
    url = f"{site.url}/xss.html"
    page = ext.open(url)
    page.locator("#script").click()
    name = page.locator("sourcemark-popover li[data-source-type] .name").text_content()
    assert name == '<img src=x onerror="window.__sourcemarkPwned=3">Technology office'
    voice = page.locator("sourcemark-popover .voice").text_content()
    assert "<script>window.__sourcemarkPwned=2</script>" in voice
    page.keyboard.press("Escape")
    page.locator("#statement").click()
    quote = page.locator("sourcemark-popover .quote").text_content()
    assert '<img src=x onerror="document.title=' in quote
    titles = page.locator("sourcemark-chip").evaluate_all("cs => cs.map(c => c.title)")
    assert all(title.startswith("Letter ") for title in titles)
    counted = """() => document.querySelectorAll('img, script:not([src])').length
        + [...document.querySelectorAll('sourcemark-popover, sourcemark-chip')]
            .reduce((n, h) => n + h.shadowRoot.querySelectorAll('img, script').length, 0)"""
    assert page.evaluate(counted) == 0
    assert page.evaluate(f"() => {PWNED}") is None
    assert page.title() == "Council publishes budget statement"

    popup = ext.popup(ext.wait_for_state(url, {"done"})["tabId"])
    row = popup.locator("#roster li", has_text="Technology office")
    expect(row.locator(".name")).to_have_text(name)
    assert popup.evaluate("() => document.querySelectorAll('img').length") == 0
    assert popup.evaluate(f"() => {PWNED}") is None


def big_page(count: int) -> str:
    body = "".join(
        f"<p>Item {i}: the committee went through the budget line by line on Thursday, and "
        f"the mayor's office said it would publish every figure by the end of the month.</p>"
        for i in range(1, count + 1)
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Budget, line by '
        "line</title><style>body{font:17px/1.5 Georgia,serif;max-width:680px;margin:30px auto;"
        f"padding:0 20px}}</style></head><body><article><h1>Budget</h1>{body}</article></body>"
        "</html>"
    )


TASK_EVENTS = {"RunTask", "ThreadControllerImpl::RunTask"}


class MainThreadTrace:
    """Every task on a page's renderer main thread, from Chromium's own trace: unlike the
    page's PerformanceObserver, it also sees tasks that run a content script's code after an
    extension message (those are not reported to the page as long tasks)."""

    def __init__(self, context, page, script: str):
        self.script = script
        self.cdp = context.new_cdp_session(page)
        self.events: list[dict] = []
        self.done = False
        self.cdp.on("Tracing.dataCollected", lambda p: self.events.extend(p["value"]))
        self.cdp.on("Tracing.tracingComplete", lambda p: setattr(self, "done", True))
        self.cdp.send(
            "Tracing.start",
            {
                "categories": "devtools.timeline,toplevel,blink.user_timing",
                "transferMode": "ReportEvents",
            },
        )

    def stop(self, page) -> None:
        # A mark whose trace time and page time are both known ties the two clocks.
        self.mark_at = page.evaluate(
            "() => { performance.mark('sourcemark-test'); return performance.now(); }"
        )
        self.cdp.send("Tracing.end")
        while not self.done:
            page.wait_for_timeout(100)
        self.calls = [
            e
            for e in self.events
            if e.get("name") == "FunctionCall"
            and e.get("args", {}).get("data", {}).get("url", "").startswith(self.script)
        ]

    def first_call_page_ms(self) -> float:
        """When `script` first ran, on the page's performance.now() clock."""
        mark = next(e["ts"] for e in self.events if e.get("name") == "sourcemark-test")
        first = min(e["ts"] for e in self.calls)
        return self.mark_at - (mark - first) / 1000

    def tasks_ms(self, clock: str = "dur") -> list[float]:
        """Durations of the main-thread tasks from the first time `script` (a URL prefix)
        ran (the page's own parse and first layout come before it): "dur" by the wall clock,
        "tdur" in the thread's own CPU time, which other processes on the machine don't
        lengthen."""
        threads = {(e["pid"], e["tid"]) for e in self.calls}
        first = min((e["ts"] for e in self.calls), default=0)
        return [
            e.get(clock, e["dur"]) / 1000  # no thread time: the wall clock, the longer
            for e in self.events
            if e.get("name") in TASK_EVENTS
            and e.get("ph") == "X"
            and (e["pid"], e["tid"]) in threads
            and e["ts"] + e["dur"] >= first
        ]


def test_a_3000_paragraph_page_is_marked_in_chunks_with_progress_and_no_long_task(
    ext, quick_backend, site, browser_context
):
    count = 3000
    (site.root / "big.html").write_text(big_page(count), encoding="utf-8")
    url = f"{site.url}/big.html"
    ext.configure(backendUrl=quick_backend.url)
    page = browser_context.new_page()
    page.add_init_script(LONG_TASKS)
    trace = MainThreadTrace(browser_context, page, f"chrome-extension://{ext.id}/content/")
    page.goto(url)
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        state = ext.tab_state(url)
        if state and state["status"] == "analysing" and state.get("done"):
            seen.append((state["done"], state["total"], state["badge"]))
            if len(seen) == 1:
                popup = ext.popup(state["tabId"])
                expect(popup.locator("#page-status")).to_contain_text(f"of {count:,} paragraphs")
                assert popup.locator("#progress").get_attribute("aria-valuemax") == str(count)
                popup.close()
        if state and state["status"] == "done":
            break
        time.sleep(0.05)
    assert ext.tab_state(url)["status"] == "done"
    page.wait_for_function(
        f"() => document.querySelectorAll('sourcemark-chip').length === {count}", timeout=30000
    )
    # Chunks within the backend's 500-paragraph limit and the extension's 40,000 characters
    # a request (each analysed well inside the time budget), every paragraph sent once.
    requests = quick_backend.recorder.requests
    assert len(requests) > 1
    assert all(len(texts) <= 500 and sum(map(len, texts)) <= 40_000 for texts in requests)
    sent = [text.split(":")[0] for texts in requests for text in texts]
    assert sent == [f"Item {i}" for i in range(1, count + 1)]
    # Progress was shown on the way: the badge counts percent done.
    assert seen and all(total == count for _, total, _ in seen)
    assert any(badge.endswith("%") and badge != "100%" for _, _, badge in seen)
    assert ext.tab_state(url)["paragraphs"] == count
    # No task of the extension's ran over 200 ms. Chromium's trace gives each main-thread task
    # that ran the content script, and its CPU time, which other work on a shared machine does
    # not lengthen. The page's PerformanceObserver sees long tasks by the wall clock (the page
    # does nothing of its own once the content script has begun, so those after that are the
    # extension's finding, drawing or the layout it causes); on an oversubscribed machine the
    # wall clock measures the machine, so that bound is held only with a core to spare.
    page.wait_for_timeout(500)
    trace.stop(page)
    began = trace.first_call_page_ms()
    tasks = page.evaluate("() => window.__longTasks")
    observed = [round(duration) for start, duration in tasks if start + duration >= began]
    cpu = sorted(trace.tasks_ms("tdur"), reverse=True)
    wall = sorted(trace.tasks_ms("dur"), reverse=True)
    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    print(f"long tasks seen by the page's PerformanceObserver (ms): {observed}")
    print(f"longest content-script tasks, CPU ms: {[round(t) for t in cpu[:6]]}")
    print(f"the same, wall-clock ms: {[round(t) for t in wall[:6]]}; load per core {load:.1f}")
    assert len(cpu) > 100 and cpu[0] <= 200, cpu[:6]
    if load < 1:
        assert max(observed, default=0) <= 200, observed
    page.locator("[data-sourcemark]").nth(count - 1).click()
    assert page.locator("sourcemark-popover[data-paragraph]").count() == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "big-page.png"))


def test_a_page_that_redefines_fetch_json_and_attach_shadow_gets_nothing(ext, recorded, site):
    ext.configure(backendUrl=recorded.url)
    url = f"{site.url}/hostile-js.html"
    page = ext.open(url)
    assert page.locator("sourcemark-chip").count() == 3
    page.locator("#anon").click()
    row = page.locator("sourcemark-popover li[data-source-type=anonymous]")
    expect(row).to_be_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("() => window.__stolen") == []
    assert ext.wait_for_state(url, {"done"})["paragraphs"] == 3

    # Forged window messages, shaped like the extension's: nothing answers, nothing runs.
    requests = len(recorded.recorder.requests)
    assert page.evaluate("() => window.forge()") is True
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__replies") == []
    assert len(recorded.recorder.requests) == requests
    assert ext.tab_state(url)["status"] == "done"
    assert page.locator("sourcemark-chip").count() == 3
    assert ext.worker.evaluate("chrome.storage.sync.get('pausedSites')") == {}
    assert page.evaluate("() => window.__stolen") == []


def test_the_shared_token_reaches_the_backend_and_stays_local(ext, recorded, site):
    options = ext.options()
    options.fill("#backend-url", recorded.url)
    options.fill("#backend-token", "two words")
    options.click("#save")
    expect(options.locator("#backend-token-error")).to_be_visible()
    assert ext.worker.evaluate("chrome.storage.local.get(null)") == {}

    token = "s3cret-Token_0123456789"
    options.fill("#backend-token", token)
    options.click("#save")
    options.wait_for_selector("#saved:has-text('Saved')")
    assert ext.worker.evaluate("chrome.storage.local.get(null)") == {"backendToken": token}
    assert "backendToken" not in json.dumps(ext.worker.evaluate("chrome.storage.sync.get(null)"))
    assert options.locator("#backend-token").get_attribute("type") == "password"

    url = f"{site.url}/reader.html"
    page = ext.open(url)
    popup = ext.popup(ext.wait_for_state(url, {"done"})["tabId"])
    popup.wait_for_selector("#backend[data-state=ok]")
    sent = dict(recorded.recorder.authorization)
    assert sent["/v1/analyze"] == f"Bearer {token}"
    assert sent["/v1/health"] == f"Bearer {token}"
    # The page never sees it.
    assert token not in page.content()

    # No token: no header.
    options.fill("#backend-token", "")
    options.click("#save")
    options.wait_for_selector("#saved:has-text('Saved')")
    recorded.recorder.authorization.clear()
    popup.reload()
    popup.wait_for_selector("#backend[data-state=ok]")
    assert dict(recorded.recorder.authorization)["/v1/health"] is None
