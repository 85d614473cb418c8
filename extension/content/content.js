// The content script: finds the article, asks the background for its analysis, and draws
// chips, highlights and the popover. It never talks to the backend itself.
import { ext } from "../shared/browser-api.js";
import { isOwnExtension, MSG } from "../shared/messages.js";
import { loadSettings, normalizeSettings } from "../shared/settings.js";
import { findArticleParagraphs } from "./find-paragraphs.js";
import { Highlights } from "./highlights.js";
import { createLayer } from "./layer.js";
import { Chips } from "./markers.js";
import { Popover } from "./popover.js";

const INTERACTIVE = "a, button, input, select, textarea, summary, label, [contenteditable], [role=button], [role=link]";

let running = null; // the analysis in flight, so overlapping requests share it
let view = null; // what is drawn: {layer, chips, popover, highlights, marked: [[element, paragraph]]}
let settings = null;

function report(state) {
  return ext.runtime.sendMessage({ type: MSG.PAGE_STATE, ...state }).catch(() => {});
}

async function analyzePage() {
  settings = settings ?? (await loadSettings());
  const found = findArticleParagraphs(document);
  const paragraphs = (found.isArticle ? withinLimits(found.paragraphs) : []).map((p, i) => ({
    id: `p${i + 1}`,
    element: p.element,
    text: p.text,
  }));
  if (paragraphs.length === 0) {
    erase();
    await report({ status: "not-article" });
    return { status: "not-article" };
  }
  const response = await ext.runtime.sendMessage({
    type: MSG.ANALYZE,
    url: location.href.split("#")[0],
    title: found.title,
    paragraphs: paragraphs.map(({ id, text }) => ({ id, text })),
  });
  if (!response?.ok) {
    // Nothing is drawn half-way: a failed run leaves the page as it was.
    erase();
    return { status: "error", error: response?.error };
  }
  const byId = new Map(response.analysis.paragraphs.map((p) => [p.id, p]));
  // Draw only paragraphs whose text is still what was analysed (pages change under us), since
  // the offsets count into exactly that text.
  const marked = paragraphs
    .filter(
      ({ id, element, text }) =>
        byId.get(id)?.text === text && element.isConnected && element.textContent === text,
    )
    .map(({ id, element }) => [element, byId.get(id)]);
  draw(marked);
  return { status: "done", marked: marked.length };
}

// The backend's default limits (see backend/sourcemark/config.py). A JS string's length
// counts UTF-16 units, never fewer than the code points the backend counts.
const LIMITS = { paragraphs: 500, paragraphChars: 20_000, totalChars: 400_000 };

/** The article's first paragraphs that fit the limits; an over-long one is left unmarked. */
function withinLimits(paragraphs) {
  const kept = [];
  let total = 0;
  for (const paragraph of paragraphs) {
    if (paragraph.text.length > LIMITS.paragraphChars) continue;
    if (kept.length === LIMITS.paragraphs || total + paragraph.text.length > LIMITS.totalChars) break;
    total += paragraph.text.length;
    kept.push(paragraph);
  }
  return kept;
}

function draw(marked) {
  erase();
  const layer = createLayer(document);
  const chips = new Chips(layer);
  const popover = new Popover(layer);
  const highlights = new Highlights();
  view = { layer, chips, popover, highlights, marked, byElement: new Map(), resize: null };
  for (const [element, paragraph] of marked) {
    element.setAttribute("data-sourcemark", paragraph.id);
    const chip = chips.add(element, paragraph, (from, keyboard) => toggle(element, keyboard));
    view.byElement.set(element, { paragraph, chip });
  }
  highlights.draw(marked, settings.highlights);

  let frame = 0;
  const relayout = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      chips.placeAll();
      popover.place();
    });
  };
  view.resize = new ResizeObserver(relayout);
  view.resize.observe(document.documentElement);
  if (document.body) view.resize.observe(document.body);
  for (const [element] of marked) view.resize.observe(element);
  window.addEventListener("resize", relayout);
  view.relayout = relayout;
}

function erase() {
  if (!view) return;
  view.popover.close();
  view.popover.destroy();
  view.chips.clear();
  view.highlights.clear();
  view.resize.disconnect();
  window.removeEventListener("resize", view.relayout);
  for (const [element] of view.marked) element.removeAttribute("data-sourcemark");
  view.layer.remove();
  view = null;
}

function toggle(element, keyboard) {
  const entry = view?.byElement.get(element);
  if (!entry) return;
  if (view.popover.isOpenFor(element)) view.popover.close(keyboard);
  else view.popover.open(element, entry.chip, entry.paragraph, { focus: keyboard });
}

// A click on an analysed paragraph opens its popover, unless it lands on a link or control,
// or ends a text selection; a click anywhere else closes it.
document.addEventListener("click", (event) => {
  if (!view || event.button !== 0) return;
  if (view.popover.contains(event)) return;
  const target = event.target instanceof Element ? event.target : event.target?.parentElement;
  const element = target?.closest("[data-sourcemark]");
  const entry = element ? view.byElement.get(element) : null;
  const selecting = !document.getSelection()?.isCollapsed;
  if (entry && !selecting && !target.closest(INTERACTIVE)) {
    toggle(element, false);
  } else if (view.popover.isOpen()) {
    view.popover.close();
  }
});

function run() {
  running = running ?? analyzePage().finally(() => (running = null));
  return running;
}

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!isOwnExtension(sender) || message?.type !== MSG.RUN) return false;
  run().then(sendResponse, (error) => sendResponse({ status: "error", error: { code: "content_error", message: String(error) } }));
  return true;
});

ext.storage.onChanged.addListener((changes, area) => {
  if (area !== "sync" || !settings) return;
  const stored = { ...settings };
  for (const [key, { newValue }] of Object.entries(changes)) stored[key] = newValue;
  settings = normalizeSettings(stored);
  if (view) view.highlights.draw(view.marked, settings.highlights);
});

// Pages that fill in their article with script after loading get one more look this long
// after the load event.
const LATE_CONTENT_MS = 1500;

function settled() {
  return new Promise((resolve) => {
    const later = () => setTimeout(resolve, LATE_CONTENT_MS);
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later, { once: true });
  });
}

(async () => {
  settings = await loadSettings();
  if (!settings.autoAnalyze) {
    await report({ status: "idle" });
    return;
  }
  const first = await run();
  if (first.status === "not-article") {
    await settled();
    if (!view) await run();
  }
})();
