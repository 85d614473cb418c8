// The content script: finds the article, asks the background for its analysis chunk by
// chunk, and draws chips, highlights and the popover. It never talks to the backend itself,
// and listens to nothing the page can send (no window messages): only to this extension.
import { ext } from "../shared/browser-api.js";
import { isOwnExtension, MSG } from "../shared/messages.js";
import { loadSettings, normalizeSettings } from "../shared/settings.js";
import { findArticleParagraphsPaced } from "./find-paragraphs.js";
import { Highlights } from "./highlights.js";
import { createLayer, isOwnElement } from "./layer.js";
import { Chips } from "./markers.js";
import { chipAfter, createSkipLink, goTo } from "./navigate.js";
import { Popover } from "./popover.js";
import { halve, PartJoiner, toChunks, toUnits } from "./units.js";

const INTERACTIVE = "a, button, input, select, textarea, summary, label, [contenteditable], [role=button], [role=link]";
// Chips are drawn this many at a time, then the page gets the main thread back.
const DRAW_BATCH = 40;
// Backoff of the automatic retry while the backend is down or busy.
const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 60_000;
// Changes to the page are looked at once they have settled for this long.
const CHANGES_SETTLE_MS = 600;

let settings = null;
let view = null; // what is drawn: {layer, chips, popover, highlights, skip, marked: Map(element -> entry)}
let run = null; // this page's analysis: {id, url, nextId, total}
let running = null; // the pass in flight, so overlapping requests share it
let retry = { timer: 0, delay: RETRY_FIRST_MS };
let paused = false;

const pageUrl = () => location.href.split("#")[0];
const yieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));

function report(state) {
  return ext.runtime.sendMessage({ type: MSG.PAGE_STATE, url: pageUrl(), ...state }).catch(() => {});
}

/**
 * One pass: analyses the article's paragraphs that are not marked yet (all of them the
 * first time, or after the page moved to another URL), chunk by chunk, drawing each chunk
 * as it comes back.
 */
async function analyzePage() {
  settings = settings ?? (await loadSettings());
  const pause = await ext.runtime.sendMessage({ type: MSG.CHECK_PAUSE, url: pageUrl() }).catch(() => null);
  paused = Boolean(pause?.paused);
  if (paused) {
    erase();
    return { status: "paused", scope: pause.paused };
  }
  if (run && run.url !== pageUrl()) erase(); // a single-page site moved on
  prune();
  const found = await findArticleParagraphsPaced(document, yieldToPage);
  const fresh = found.isArticle ? found.paragraphs.filter((p) => !isMarked(p)) : [];
  if (!found.isArticle && !view) {
    await report({ status: "not-article" });
    return { status: "not-article" };
  }
  if (!fresh.length) return { status: "done", marked: view?.marked.size ?? 0 };
  run = run ?? { id: crypto.randomUUID(), url: pageUrl(), nextId: 1, total: 0 };
  const paragraphs = fresh.map(({ element, text }) => ({ id: `p${run.nextId++}`, element, text }));
  const units = toUnits(paragraphs);
  run.total += units.length;
  let left = units.length;
  const chunks = toChunks(units);
  const joiner = new PartJoiner(); // a paragraph's parts may come back in different chunks
  while (chunks.length) {
    const chunk = chunks.shift();
    const response = await ext.runtime.sendMessage({
      type: MSG.ANALYZE,
      url: run.url,
      title: found.title,
      run: { id: run.id, total: run.total },
      paragraphs: chunk.map(({ id, text }) => ({ id, text })),
    });
    const halves = response?.error?.code === "too_many_tokens" ? halve(chunk) : [];
    if (halves.length) {
      chunks.unshift(...halves); // the backend counted more tokens than the estimate
      continue;
    }
    if (!response?.ok) {
      // What was drawn stays; the rest comes with the next pass, when the backend answers.
      run.total -= left;
      if (!view) run = null;
      scheduleRetry(response?.error);
      return { status: "error", error: response?.error };
    }
    left -= chunk.length;
    await drawChunk(joiner, chunk, response.analysis);
  }
  retry.delay = RETRY_FIRST_MS;
  return { status: "done", marked: view?.marked.size ?? 0 };
}

/** Forgets marked paragraphs that left the page or whose text changed. */
function prune() {
  if (!view) return;
  let pruned = false;
  for (const [element, { paragraph }] of view.marked) {
    if (element.isConnected && element.textContent === paragraph.text) continue;
    view.chips.remove(element);
    element.removeAttribute("data-sourcemark");
    view.marked.delete(element);
    pruned = true;
  }
  if (pruned) redrawHighlights();
}

function redrawHighlights() {
  view.highlights.draw([...view.marked].map(([element, { paragraph }]) => [element, paragraph]), settings.highlights);
}

function isMarked({ element, text }) {
  const entry = view?.marked.get(element);
  return Boolean(entry) && entry.paragraph.text === text;
}

function scheduleRetry(error) {
  if (!error?.retryable) return;
  clearTimeout(retry.timer);
  const wait = Math.max(retry.delay, (error.retryAfter ?? 0) * 1000);
  retry.delay = Math.min(retry.delay * 2, RETRY_MAX_MS);
  retry.timer = setTimeout(() => runPass(), wait);
}

/** Joins split paragraphs' parts once all are in, keeps what still matches the page, and
 * draws it. */
async function drawChunk(joiner, chunk, analysis) {
  const ready = [];
  for (const { paragraph, analysis: joined, names } of joiner.add(chunk, analysis)) {
    // Offsets count into exactly the analysed text: pages change under us.
    const { element } = paragraph;
    if (joined.text === paragraph.text && element.isConnected && element.textContent === paragraph.text) {
      ready.push([element, joined, names]);
    }
  }
  ensureView();
  for (let i = 0; i < ready.length; i += DRAW_BATCH) {
    const batch = ready.slice(i, i + DRAW_BATCH);
    const elements = batch.map(([element]) => element);
    const plans = view.chips.plan(elements); // read the layout before writing to it
    for (const [element, paragraph, names] of batch) mark(element, paragraph, names);
    view.chips.placeFor(elements, plans);
    view.highlights.add(batch, settings.highlights);
    await yieldToPage();
  }
  view.skip.update(view.marked.size);
}

function ensureView() {
  if (view) return;
  const layer = createLayer(document);
  const chips = new Chips(layer);
  view = {
    layer,
    chips,
    popover: new Popover(layer),
    highlights: new Highlights(),
    skip: createSkipLink(layer, () => chips.inOrder()[0]?.chip),
    marked: new Map(),
  };
  let frame = 0;
  view.relayout = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      view?.chips.placeAll();
      view?.popover.place();
    });
  };
  // A newly observed element reports its size at once; only a change of size moves chips
  // (else each batch of chips drawn would lay out every chip drawn before it again).
  const sizes = new WeakMap();
  view.resize = new ResizeObserver((entries) => {
    let changed = false;
    for (const { target, contentRect } of entries) {
      const size = `${contentRect.width}x${contentRect.height}`;
      if (sizes.has(target) && sizes.get(target) !== size) changed = true;
      sizes.set(target, size);
    }
    if (changed) view?.relayout();
  });
  view.resize.observe(document.documentElement);
  if (document.body) view.resize.observe(document.body);
  window.addEventListener("resize", view.relayout);
}

function mark(element, paragraph, names) {
  const old = view.marked.get(element);
  if (old) view.chips.remove(element);
  element.setAttribute("data-sourcemark", paragraph.id);
  const chip = view.chips.add(element, paragraph, (keyboard) => toggle(element, keyboard));
  view.marked.set(element, { paragraph, chip, names });
  view.resize.observe(element);
}

function erase() {
  clearTimeout(retry.timer);
  retry = { timer: 0, delay: RETRY_FIRST_MS };
  run = null;
  if (!view) return;
  view.popover.close();
  view.popover.destroy();
  view.chips.clear();
  view.highlights.clear();
  view.resize.disconnect();
  window.removeEventListener("resize", view.relayout);
  for (const element of view.marked.keys()) element.removeAttribute("data-sourcemark");
  view.layer.remove();
  view = null;
}

function toggle(element, keyboard) {
  const entry = view?.marked.get(element);
  if (!entry) return;
  if (view.popover.isOpenFor(element)) view.popover.close(keyboard);
  else view.popover.open(element, entry.chip, entry.paragraph, { focus: keyboard, names: entry.names });
}

// A click on an analysed paragraph opens its popover, unless it lands on a link or control,
// or ends a text selection; a click anywhere else closes it.
document.addEventListener("click", (event) => {
  if (!view || event.button !== 0) return;
  if (view.popover.contains(event)) return;
  const target = event.target instanceof Element ? event.target : event.target?.parentElement;
  const element = target?.closest("[data-sourcemark]");
  const entry = element ? view.marked.get(element) : null;
  const selecting = !document.getSelection()?.isCollapsed;
  if (entry && !selecting && !target.closest(INTERACTIVE)) {
    toggle(element, false);
  } else if (view.popover.isOpen()) {
    view.popover.close();
  }
});

function runPass() {
  running = running ?? analyzePage().finally(() => (running = null));
  return running;
}

function navigate(step) {
  if (!view) return { ok: false };
  const target = chipAfter(view.chips.inOrder(), step);
  if (target) goTo(view.layer, target);
  return { ok: Boolean(target), paragraph: target?.chip.dataset.paragraph };
}

/** The popup's list of sources: the paragraph with this id (or a part of it). */
function goToParagraph(id) {
  const base = String(id).split(".")[0];
  const target = view?.chips.inOrder().find(({ chip }) => chip.dataset.paragraph === base);
  if (!target) return { ok: false };
  goTo(view.layer, target);
  return { ok: true };
}

const commands = {
  [MSG.RUN]: () => runPass(),
  [MSG.NAVIGATE]: (message) => navigate(message.step === -1 ? -1 : 1),
  [MSG.GO_TO]: (message) => goToParagraph(message.paragraph),
  [MSG.PAUSE_CHANGED]: (message) => {
    if (message.paused) {
      paused = true;
      erase();
      return { status: "paused" };
    }
    paused = false;
    return settings?.autoAnalyze ? runPass() : { status: "idle" };
  },
};

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const command = commands[message?.type];
  if (!command || !isOwnExtension(sender)) return false;
  Promise.resolve(command(message)).then(sendResponse, (error) =>
    sendResponse({ status: "error", error: { code: "content_error", message: String(error) } }),
  );
  return true;
});

ext.storage.onChanged.addListener((changes, area) => {
  if (area !== "sync" || !settings) return;
  const stored = { ...settings };
  for (const [key, { newValue }] of Object.entries(changes)) stored[key] = newValue;
  settings = normalizeSettings(stored);
  if (view) redrawHighlights();
});

// ---- pages that change ------------------------------------------------------------------------

/** Whether a batch of mutations is the page's own doing (ours are our elements and marks). */
function pageChanged(records) {
  return records.some((record) =>
    [...record.addedNodes, ...record.removedNodes].some((node) => !isOwnElement(node) && node.textContent.trim()),
  );
}

let settle = 0;
function watchChanges() {
  let lastUrl = pageUrl();
  const check = () => {
    settle = 0;
    if (paused || !settings.autoAnalyze) return;
    if (pageUrl() !== lastUrl) {
      lastUrl = pageUrl();
      erase();
    } else if (!view) {
      return; // nothing was marked: the first pass and its late look decide
    }
    runPass();
  };
  const soon = () => {
    clearTimeout(settle);
    settle = setTimeout(check, CHANGES_SETTLE_MS);
  };
  new MutationObserver((records) => {
    if (pageUrl() !== lastUrl || pageChanged(records)) soon();
  }).observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  window.addEventListener("popstate", soon);
}

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
  watchChanges();
  const first = await runPass();
  if (first.status === "not-article") {
    await settled();
    if (!view) await runPass();
  }
})();
