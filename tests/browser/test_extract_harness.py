"""The benchmark harness in real Chromium, on hand-made pages whose article text is known:
the built extension must send exactly the article's paragraphs and nothing around them."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sourcemark.extractbench.datasets import Page
from sourcemark.extractbench.harness import CHROMIUM, bundle_finder, fixture_server, run_pages

from .conftest import DIST

PAGES = Path(__file__).parent / "extract_pages"
# As for the other browser tests: where Chromium is not installed, skipped with the reason.
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed (apt-get install chromium)"
)

CLUTTERED_ARTICLE = [
    "The harbour council on Tuesday postponed its vote on the proposed ferry terminal,",
    '"We are not going to rush a decision of this size," the council\'s chair,',
    "Local business owners, who had lobbied for the terminal for almost a decade,",
    "Costs under scrutiny",
    "According to a report prepared for the council, the terminal would now cost",
    "Officials familiar with the negotiations said the contractor had warned",
    "The terminal vote is off again. Six more weeks of waiting for the harbour.",
    "Critics of the project argue that the money would be better spent",
]


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page(name: str) -> Page:
    return Page(id=name, html=(PAGES / f"{name}.html").read_bytes(), expected="")


def run_in_own_thread(pages: list[Page], **options):
    # The other browser tests keep a sync Playwright open in this thread; the harness
    # starts its own, which Playwright allows only in another thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run_pages, pages, **options).result()


@pytest.fixture(scope="module")
def found():
    if not (DIST / "manifest.json").exists():
        pytest.fail("extension/dist is missing: run `make extension` first")
    return run_in_own_thread([page("cluttered"), page("loose-text"), page("front-page")])


def test_only_the_article_paragraphs_are_sent(found):
    sent = [normalize(t) for t in found["cluttered"]]
    assert len(sent) == len(CLUTTERED_ARTICLE), sent
    for text, start in zip(sent, CLUTTERED_ARTICLE, strict=True):
        assert text.startswith(start)


def test_text_split_by_line_breaks_is_one_paragraph_with_all_its_text(found):
    (text,) = found["loose-text"]
    assert normalize(text).startswith("The mountain pass stayed closed on Thursday")
    assert normalize(text).endswith("supplies were holding up well.")


def test_a_front_page_sends_nothing(found):
    assert found["front-page"] is None


def test_injected_finder_matches_the_extension(found):
    injected = run_in_own_thread([page("cluttered"), page("loose-text")], mode="inject")
    assert injected["cluttered"] == found["cluttered"]
    assert injected["loose-text"] == found["loose-text"]


def test_the_finder_leaves_the_live_page_unchanged():
    def find_twice() -> tuple[str, int, str]:
        from playwright.sync_api import sync_playwright

        script = bundle_finder()
        with (
            fixture_server([page("cluttered")], page_scripts=True) as site,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
            )
            tab = browser.new_page()
            tab.goto(f"{site}/page/cluttered")
            before = tab.evaluate("document.documentElement.outerHTML")
            found = tab.evaluate(
                """script => { (0, eval)(script);
                    return SourcemarkFinder.findArticleParagraphs(document).paragraphs.length; }""",
                script,
            )
            after = tab.evaluate("document.documentElement.outerHTML")
            browser.close()
            return before, found, after

    with ThreadPoolExecutor(max_workers=1) as pool:
        before, found, after = pool.submit(find_twice).result()
    assert found == len(CLUTTERED_ARTICLE)
    assert after == before
