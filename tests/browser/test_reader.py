"""What a reader sees and controls (issue 12), and uncertain sources (issue 14), in Chromium:
marks that explain themselves, honest summaries, chips that never cover text, pausing,
retrying, keyboard and list navigation, and pages that change."""

from __future__ import annotations

import json
import re
import time

from playwright.sync_api import expect
from werkzeug.serving import make_server

from sourcemark.contract import SOURCE_TYPES

from ..conftest import free_port
from .conftest import ARTIFACTS, ServerThread
from .pages import NATO

READER = "/reader.html"
ALL_CHIPS = "[...document.querySelectorAll('sourcemark-chip')]"


def chip_of(page, selector: str):
    pid = page.locator(selector).get_attribute("data-sourcemark")
    return page.locator(f'sourcemark-chip[data-paragraph="{pid}"]')


def popover_open(page) -> bool:
    return page.evaluate(
        "() => { const h = document.querySelector('sourcemark-popover');"
        " return !!h && getComputedStyle(h).display !== 'none'; }"
    )


def open_reader(ext, backend, site, **settings):
    ext.configure(backendUrl=backend.url, **settings)
    url = f"{site.url}{READER}"
    return ext.open(url), url


def shown_tone(compound: float) -> str:
    """The display rule: a tone is named only at |compound| >= 0.2."""
    return "positive" if compound >= 0.2 else "negative" if compound <= -0.2 else "neutral"


def largest(breakdown: dict) -> str:
    return max(breakdown, key=lambda key: breakdown[key])


TEXT_BOXES = """() => {
    const boxes = [];
    for (const p of document.querySelectorAll('p, h1, h2, li, nav, aside')) {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.data.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            for (const r of range.getClientRects()) boxes.push([r.left, r.top, r.right, r.bottom]);
        }
    }
    return boxes;
}"""
CHIP_BOXES = """() => [...document.querySelectorAll('sourcemark-chip')].map(c => {
    const r = c.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom,
        c.hasAttribute('data-inline')]; })"""


def assert_chips_cover_no_text(page):
    text = page.evaluate(TEXT_BOXES)
    chips = page.evaluate(CHIP_BOXES)
    assert chips
    for left, top, right, bottom, _inline in chips:
        covered = [
            box
            for box in text
            if box[0] < right - 0.5
            and box[2] > left + 0.5
            and box[1] < bottom - 0.5
            and box[3] > top + 0.5
        ]
        assert covered == [], (left, top, right, bottom)
    return chips


# ---- 1. marks that explain themselves ------------------------------------------------------


def test_chip_tooltip_says_what_letter_bar_and_dot_mean(ext, stub_backend, site):
    page, url = open_reader(ext, stub_backend, site)
    analysis = ext.analysis(url)
    by_id = {p["id"]: p for p in analysis["paragraphs"]}
    chip = chip_of(page, "#mostly-own")
    paragraph = by_id[chip.get_attribute("data-paragraph")]
    own = round(paragraph["breakdown"]["unattributed"] * 100)
    org = round(paragraph["breakdown"]["named_organization"] * 100)
    assert own > 50 > org > 0
    title = chip.get_attribute("title")
    lines = title.split("\n")
    assert lines[0] == (
        f"Letter –: the largest share of this paragraph, {own}%, is the outlet's own voice "
        "(text no one is cited for)."
    )
    assert lines[1] == f"Bar: outlet's own voice {own}%, named organisation {org}%."
    assert lines[2].startswith("Dot: neutral tone (")
    assert lines[3].startswith("1 attribution.")
    assert "Sourcemark: how this paragraph is sourced" not in title
    # The accessible name says the same without the drawing.
    assert chip.get_attribute("aria-label").startswith(
        f"Sourcing: outlet's own voice {own}%, named organisation {org}%; 1 attribution;"
    )


def test_popup_legend_explains_every_type_and_anonymous_against_vague(ext, stub_backend, site):
    _, url = open_reader(ext, stub_backend, site)
    popup = ext.popup(ext.wait_for_state(url, {"done"})["tabId"])
    legend = popup.locator("#legend")
    expect(legend.locator("summary")).to_have_text("What the marks mean")
    legend.locator("summary").click()
    types = legend.locator(".key li").evaluate_all("ls => ls.map(l => l.dataset.type)")
    # The extension's order (documents beside organisations), then the two that are no source.
    assert types[:5] == ["named_person", "named_organization", "document", "anonymous", "vague"]
    assert sorted(types[:5]) == sorted(SOURCE_TYPES) and types[5:] == ["unattributed", "uncertain"]
    for line in legend.locator(".key li").all():
        assert line.is_visible() and len(line.text_content()) > 40
    note = legend.locator("#anonymous-or-vague").text_content()
    assert "could name but does not" in note and "could be anyone" in note
    popup.set_viewport_size({"width": 360, "height": 900})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    popup.screenshot(path=str(ARTIFACTS / "popup-legend.png"), full_page=True)
    legend.screenshot(path=str(ARTIFACTS / "legend-readme.png"))  # docs/legend.png


def test_welcome_page_opens_once_after_install_and_shows_a_chip(ext, browser_context):
    # Installed at the session's start: the welcome tab was opened then (once).
    url = f"chrome-extension://{ext.id}/welcome/welcome.html"
    opened = ext.worker.evaluate("async url => (await chrome.tabs.query({url})).length", url)
    assert opened <= 1
    page = browser_context.new_page()
    page.goto(url)
    chip = page.locator("#sample-chip span[role=img]")
    expect(chip).to_have_attribute("title", re.compile(r"^Letter A: "))
    assert page.locator("#legend .key li").count() == 7
    assert page.locator(".callouts li").count() == 4
    page.set_viewport_size({"width": 900, "height": 1100})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "welcome.png"), full_page=True)


# ---- 2. honest summaries -------------------------------------------------------------------


def test_chip_letter_follows_the_largest_share_and_tone_the_threshold(ext, stub_backend, site):
    page, url = open_reader(ext, stub_backend, site)
    analysis = ext.analysis(url)
    chips = page.locator("sourcemark-chip").evaluate_all(
        """cs => cs.map(c => [c.dataset.paragraph, c.dataset.largest,
            c.shadowRoot.querySelector('.letter').textContent,
            c.shadowRoot.querySelector('.chip').style.getPropertyValue('--tone')])"""
    )
    letters = {"unattributed": "–", "named_organization": "O", "named_person": "P", "vague": "V"}
    by_id = {p["id"]: p for p in analysis["paragraphs"]}
    assert len(chips) == len(by_id) == 5
    for pid, key, letter, tone in chips:
        paragraph = by_id[pid]
        expected = largest(paragraph["breakdown"])
        uncertain = any(a["confidence"] < 0.5 for a in paragraph["attributions"])
        assert key == expected + ("?" if uncertain and expected != "unattributed" else "")
        assert letter == letters[expected] + ("?" if key.endswith("?") else "")
        assert tone == f"var(--sm-{shown_tone(paragraph['sentiment']['compound'])})"
    # The mild paragraph: the backend calls it negative (-0.15), the reader sees neutral.
    mild = by_id[chip_of(page, "#mild").get_attribute("data-paragraph")]["sentiment"]
    assert mild["label"] == "negative" and -0.2 < mild["compound"] < -0.05
    page.locator("#mild").click()
    tone = page.locator("sourcemark-popover .tone")
    assert tone.get_attribute("data-tone") == "neutral"
    assert tone.locator(".label").text_content() == "Neutral"
    assert "named only past ±0.2" in tone.locator(".note").text_content()


def test_popover_quotes_once_paraphrases_without_marks_and_names_canonically(
    ext, stub_backend, site
):
    page, _ = open_reader(ext, stub_backend, site)
    page.locator("#quoted").click()
    row = page.locator("sourcemark-popover li[data-source-type]").first
    # The mention says "Ilic"; the roster's canonical name is shown.
    assert row.locator(".name").text_content() == "Tom Ilic"
    # The engine's content holds its own quotation marks: shown with exactly one pair.
    assert (
        row.locator(".quote").text_content()
        == "“The pier will reopen in May, whatever the weather.”"
    )
    page.keyboard.press("Escape")
    page.locator("#mostly-own").click()
    row = page.locator("sourcemark-popover li[data-source-type]").first
    assert row.locator(".kind").text_content() == "Paraphrase"
    assert row.locator(".quote").count() == 0
    assert row.locator(".paraphrase").text_content() == "repairs were on schedule."
    # On the page, only quoted words are shaded as quotes, not a paraphrase.
    quotes = page.evaluate(
        "() => [...(CSS.highlights.get('sourcemark-quote') || [])].map(r => r.toString())"
    )
    assert "“The pier will reopen in May, whatever the weather.”" in quotes
    assert "repairs were on schedule." not in quotes


def test_uncertain_rows_are_dimmed_explained_and_counted_apart(ext, stub_backend, site):
    page, url = open_reader(ext, stub_backend, site)
    page.locator("#unsure").click()
    row = page.locator("sourcemark-popover li[data-source-type=vague]")
    assert row.get_attribute("data-uncertain") == "true"
    assert row.locator(".name").text_content() == "probably Some fishermen"
    assert row.locator(".type").text_content() == "Probably vague"
    assert "only 30% sure" in row.locator(".why").text_content()
    assert float(row.evaluate("r => getComputedStyle(r).opacity")) < 1
    segments = page.locator("sourcemark-popover .legend li").evaluate_all(
        "ls => ls.map(l => [l.dataset.segment, l.firstChild.nextSibling.textContent])"
    )
    assert ["vague?", "Probably vague"] in segments
    assert not any(key == "vague" for key, _ in segments)  # not counted as sure
    # The popup counts them apart too.
    popup = ext.popup(ext.wait_for_state(url, {"done"})["tabId"])
    popup.wait_for_selector("#roster li")
    expect(popup.locator("#uncertain-count")).to_have_text(" (1 uncertain)")
    assert popup.locator("#share-legend li[data-segment='vague?']").is_visible()
    unsure = popup.locator("#roster li[data-uncertain]")
    assert unsure.locator(".name").text_content() == "probably Some fishermen"


def test_a_backend_without_confidence_shows_nothing_uncertain(ext, backend, site):
    page, _ = open_reader(ext, backend, site)
    page.locator("#quoted").click()
    assert popover_open(page)
    assert page.locator("sourcemark-popover [data-uncertain]").count() == 0
    assert page.locator("sourcemark-popover .legend li[data-segment$='?']").count() == 0


# ---- 3. chips never cover text; the popover is above them ----------------------------------

SIDEBAR_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tides</title>
<style>body{margin:0;font:17px/1.6 Georgia,serif}
.wrap{display:flex;gap:8px;padding:10px}
nav{width:190px;flex:none;font:14px/1.5 sans-serif;background:#f1f5f9}
article{width:330px}
</style></head><body><div class="wrap"><nav><p>Sections</p><ul><li>World news</li><li>Business
and markets</li><li>Science</li><li>Opinion and letters</li><li>Weather</li></ul></nav>
<article><h1>Tides</h1>$PARAGRAPHS</article></div></body></html>"""


def test_chips_take_a_free_margin_not_a_sidebar_and_the_popover_covers_them(
    ext, stub_backend, site
):
    paragraphs = [
        "The Harbour Authority said repairs were on schedule, though the work has run late.",
        *[
            f"Tide tables for week {i} show the highest water on the pier on Sunday mornings, "
            "when the fishing boats come in and the café opens early for their crews."
            for i in range(1, 6)
        ],
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    (site.root / "sidebar.html").write_text(SIDEBAR_PAGE.replace("$PARAGRAPHS", body))
    ext.configure(backendUrl=stub_backend.url)
    page = ext.open(f"{site.url}/sidebar.html")
    page.wait_for_timeout(200)
    chips = assert_chips_cover_no_text(page)
    nav = page.locator("nav").bounding_box()
    article = page.locator("article").bounding_box()
    for left, _top, right, _bottom, inline in chips:
        assert not inline
        assert left >= article["x"] + article["width"]  # the right margin: the left is the nav's
        assert right <= nav["x"] or left >= nav["x"] + nav["width"]
    page.locator("article p").first.click()
    covered = page.evaluate(
        """() => { const pop = document.querySelector('sourcemark-popover').getBoundingClientRect();
            return [...document.querySelectorAll('sourcemark-chip')].map(c => {
                const r = c.getBoundingClientRect();
                const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
                if (x < pop.left || x > pop.right || y < pop.top || y > pop.bottom) return null;
                return document.elementFromPoint(x, y)?.localName; }).filter(Boolean); }"""
    )
    assert covered and set(covered) == {"sourcemark-popover"}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chips-beside-sidebar.png"))


def test_text_at_the_window_edge_and_narrow_windows_get_inline_marks(ext, stub_backend, site):
    ext.configure(backendUrl=stub_backend.url)
    # The reader page with its text flush against the window's left edge.
    reader = (site.root / "reader.html").read_text(encoding="utf-8")
    edge = reader.replace("max-width:680px;margin:40px auto;padding:0 20px", "margin:0;padding:0")
    assert edge != reader
    (site.root / "edge.html").write_text(edge)
    page = ext.open(f"{site.url}/edge.html")
    page.wait_for_timeout(200)
    texts = page.eval_on_selector_all("[data-sourcemark]", "es => es.map(e => e.textContent)")
    chips = assert_chips_cover_no_text(page)
    assert all(inline for *_, inline in chips)
    # An inline mark adds no text: the paragraphs' text is what was analysed.
    assert texts == page.eval_on_selector_all("article p", "ps => ps.map(p => p.textContent)")
    # It still opens the popover, from the keyboard too.
    first = page.locator("sourcemark-chip").first
    first.focus()
    page.keyboard.press("Enter")
    assert popover_open(page)
    page.keyboard.press("Escape")

    page = ext.open(f"{site.url}{READER}")
    page.set_viewport_size({"width": 420, "height": 800})
    page.wait_for_function(f"() => {ALL_CHIPS}.every(c => c.hasAttribute('data-inline'))")
    assert_chips_cover_no_text(page)
    page.locator("#mostly-own").click()
    assert popover_open(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "narrow-inline-marks.png"))
    # Wide again: back in the margin.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function(f"() => {ALL_CHIPS}.every(c => !c.hasAttribute('data-inline'))")
    assert_chips_cover_no_text(page)


def test_seed_page_chips_sit_in_the_margin(ext, stub_backend, seed_url):
    ext.configure(backendUrl=stub_backend.url)
    page = ext.open(seed_url)
    page.wait_for_timeout(200)
    chips = assert_chips_cover_no_text(page)
    assert not any(inline for *_, inline in chips)


# ---- 4. control per site and tab; retry --------------------------------------------------------


def marks(page) -> int:
    return page.locator("sourcemark-chip").count()


def test_pause_on_this_site_is_remembered_and_on_this_tab_is_the_tab_s(ext, stub_backend, site):
    page, url = open_reader(ext, stub_backend, site)
    assert marks(page) == 5
    tab = ext.wait_for_state(url, {"done"})["tabId"]
    popup = ext.popup(tab)
    popup.wait_for_selector("#pause:not([hidden])")
    expect(popup.locator("#pause-site-name")).to_have_text("127.0.0.1")

    popup.check("#pause-site")
    page.wait_for_function("() => !document.querySelector('sourcemark-chip, [data-sourcemark]')")
    assert ext.worker.evaluate("chrome.storage.sync.get('pausedSites')") == {
        "pausedSites": ["127.0.0.1"]
    }
    page.reload()
    state = ext.wait_for_state(url, {"paused"})
    assert state["badge"] == "II"
    page.wait_for_timeout(500)
    assert marks(page) == 0
    popup.reload()
    expect(popup.locator("#page-status")).to_have_text(
        "Sourcemark is paused here: nothing is marked."
    )
    assert popup.locator("#pause-site").is_checked()

    popup.uncheck("#pause-site")
    page.wait_for_selector("sourcemark-chip", state="attached")
    popup.check("#pause-tab")
    page.wait_for_function("() => !document.querySelector('sourcemark-chip')")
    other = ext.open(url)  # another tab of the same site is not paused
    assert marks(other) == 5
    page.reload()
    ext.wait_for_state(url, {"paused", "done"})
    page.wait_for_timeout(500)
    assert marks(page) == 0
    popup.uncheck("#pause-tab")
    page.wait_for_selector("sourcemark-chip", state="attached")


def test_backend_that_comes_back_is_used_without_a_click(ext, stub_pipeline, site):
    from sourcemark.api import create_app
    from sourcemark.config import Settings

    port = free_port()
    ext.configure(backendUrl=f"http://127.0.0.1:{port}")
    url = f"{site.url}{READER}"
    page = ext.open(url, wait_for_marks=False)
    state = ext.wait_for_state(url, {"error"})
    assert state["error"]["retryable"]
    popup = ext.popup(state["tabId"])
    popup.wait_for_selector("#backend[data-state=down]")
    expect(popup.locator("#page-status")).to_have_text(
        "Nothing is marked on this page until the backend answers."
    )
    server = ServerThread(
        make_server(
            "127.0.0.1", port, create_app(Settings(), pipeline=stub_pipeline), threaded=True
        )
    )
    try:
        started = time.monotonic()
        page.wait_for_selector("sourcemark-chip", state="attached", timeout=30000)
        print(f"marked {time.monotonic() - started:.1f} s after the backend came back")
        popup.wait_for_selector("#backend[data-state=ok]", timeout=10000)
        expect(popup.locator("#page-status")).to_contain_text("5 paragraphs", timeout=10000)
    finally:
        server.stop()


# ---- 5. navigation -------------------------------------------------------------------------


def test_keyboard_command_is_registered_and_moves_between_marked_paragraphs(
    ext, stub_backend, seed_url
):
    commands = ext.worker.evaluate(
        "async () => (await chrome.commands.getAll()).map(c => [c.name, c.shortcut])"
    )
    assert ["next-marked-paragraph", "Alt+Shift+J"] in commands
    assert ["previous-marked-paragraph", "Alt+Shift+K"] in commands
    ext.configure(backendUrl=stub_backend.url)
    page = ext.open(seed_url)
    tab = ext.wait_for_state(seed_url, {"done"})["tabId"]
    ids = page.eval_on_selector_all("[data-sourcemark]", "es => es.map(e => e.dataset.sourcemark)")

    def command(name):
        # What the background does on the command (a headless browser has no shortcut keys).
        ext.worker.evaluate(
            "([tab, step]) => chrome.tabs.sendMessage(tab, {type: 'sourcemark:navigate', step})",
            [tab, 1 if name == "next" else -1],
        )
        page.wait_for_timeout(150)
        return page.evaluate("() => document.activeElement?.dataset?.paragraph")

    assert command("next") == ids[0]
    assert command("next") == ids[1]
    assert command("next") == ids[2]
    assert command("previous") == ids[1]
    assert page.locator("sourcemark-flash").count() >= 1
    in_view = page.evaluate(
        f"""() => {{ const r = document.querySelector('[data-sourcemark="{ids[1]}"]')
            .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }}"""
    )
    assert in_view


def test_a_skip_link_first_in_the_tab_order_reaches_the_chips(ext, stub_backend, seed_url):
    ext.configure(backendUrl=stub_backend.url)
    page = ext.open(seed_url)
    page.locator("body").focus()
    page.keyboard.press("Tab")
    active = page.evaluate("() => document.activeElement.localName")
    assert active == "sourcemark-skip"
    label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    count = page.locator("sourcemark-chip").count()
    assert label == f"Skip to Sourcemark's {count} marked paragraphs"
    assert page.locator("sourcemark-skip").is_visible()
    page.keyboard.press("Enter")
    first = page.locator("[data-sourcemark]").first.get_attribute("data-sourcemark")
    assert page.evaluate("() => document.activeElement.dataset.paragraph") == first
    page.keyboard.press("Tab")
    second = page.locator("[data-sourcemark]").nth(1).get_attribute("data-sourcemark")
    assert page.evaluate("() => document.activeElement.dataset.paragraph") == second


def test_popup_sources_go_to_their_first_paragraph_and_the_list_shows_it_scrolls(
    ext, stub_backend, seed_url
):
    ext.configure(backendUrl=stub_backend.url)
    page = ext.open(seed_url)
    tab = ext.wait_for_state(seed_url, {"done"})["tabId"]
    popup = ext.popup(tab)
    popup.set_viewport_size({"width": 360, "height": 640})
    popup.wait_for_selector("#roster li")
    more = popup.locator("#roster-more")
    expect(more).to_be_visible()
    hidden = popup.evaluate(
        """() => { const list = document.getElementById('roster');
            const bottom = list.getBoundingClientRect().bottom;
            return [...list.children]
                .filter(r => r.getBoundingClientRect().top >= bottom - 4).length; }"""
    )
    assert hidden > 0
    expect(more).to_have_text(f"{hidden} more ↓")
    popup.locator("#roster").evaluate("l => l.scrollTo(0, l.scrollHeight)")
    expect(more).to_be_hidden()

    target = popup.locator("#roster li", has_text="NATO official").locator("button")
    pid = target.get_attribute("data-paragraph")
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    target.click()
    page.wait_for_function(
        f"""() => document.activeElement?.dataset?.paragraph === {json.dumps(pid)}"""
    )
    nato = page.locator(f'[data-sourcemark="{pid}"]')
    assert NATO in nato.text_content()
    page.wait_for_function(
        f"""() => {{ const r = document.querySelector('[data-sourcemark="{pid}"]')
            .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }}"""
    )
    flash = page.locator("sourcemark-flash")
    assert flash.count() == 1
    box, para = flash.bounding_box(), nato.bounding_box()
    assert abs(box["y"] - para["y"]) < 2 and abs(box["height"] - para["height"]) < 2


# ---- 6. pages that change ------------------------------------------------------------------


def test_added_paragraphs_and_single_page_navigation_are_analysed(ext, recorded, site):
    ext.configure(backendUrl=recorded.url)
    url = f"{site.url}/spa.html"
    page = ext.open(url)
    assert marks(page) == 3 and len(recorded.recorder.requests) == 1

    page.evaluate("() => window.addMore()")
    page.wait_for_function("() => document.querySelectorAll('sourcemark-chip').length === 5")
    # Only the new paragraphs were sent.
    assert len(recorded.recorder.requests) == 2
    assert [t[:20] for t in recorded.recorder.requests[1]] == [
        "Harbour master Tom I",
        "Tickets for the firs",
    ]
    ids = page.eval_on_selector_all("[data-sourcemark]", "es => es.map(e => e.dataset.sourcemark)")
    assert len(set(ids)) == 5
    popup = ext.popup(ext.wait_for_state(url, {"done"})["tabId"])
    expect(popup.locator("#page-status")).to_contain_text("5 paragraphs")
    assert popup.locator("#roster li", has_text="Tom Ilic").count() == 1

    page.evaluate("() => window.goToNext()")
    second = f"{site.url}/spa/second-story"
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-sourcemark]')].map(e => e.textContent)"
        ".join(' ').includes('ferry company')"
    )
    page.wait_for_function("() => document.querySelectorAll('sourcemark-chip').length === 3")
    assert len(recorded.recorder.requests) == 3
    assert [t[:20] for t in recorded.recorder.requests[2]] == [
        "The ferry company sa",
        "One council member, ",
        "Passengers on the mo",
    ]
    state = ext.wait_for_state(second, {"done"})
    assert state["paragraphs"] == 3
