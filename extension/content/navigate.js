// Getting around the marked paragraphs: a skip link first in the page's tab order that
// reaches the chips, the keyboard command that moves to the next or previous marked
// paragraph, and a brief flash on the paragraph reached.
import { h } from "../shared/dom.js";
import { THEME_CSS } from "../shared/theme.js";
import { pinStyle } from "./layer.js";

const FLASH_MS = 1600;
const SKIP_CSS = `${THEME_CSS}
:host { all: initial; }
.skip { display: block; padding: 8px 14px; border-radius: 8px; background: var(--sm-bg); color: var(--sm-fg);
  border: 2px solid var(--sm-focus); box-shadow: var(--sm-shadow);
  font: 600 14px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; white-space: nowrap; }
`;
const FLASH_CSS = `
:host { all: initial; }
.flash { position: absolute; inset: 0; border-radius: 6px; outline: 3px solid #2563eb; outline-offset: 3px;
  background: rgba(37, 99, 235, .10); animation: fade ${FLASH_MS}ms ease-out forwards; }
@keyframes fade { 0%, 60% { opacity: 1; } 100% { opacity: 0; } }
@media (prefers-reduced-motion: reduce) { .flash { animation: none; } }
`;
// Off-screen until focused, as skip links are.
const HIDDEN = { position: "fixed", top: "-200px", left: "8px" };
const SHOWN = { position: "fixed", top: "8px", left: "8px" };

/**
 * The skip link: a button with tabindex 1, so that it comes before everything in the page's
 * tab order without being put into the page's own DOM; Enter takes focus to the first chip.
 */
export function createSkipLink(layer, firstChip) {
  const skip = document.createElement("sourcemark-skip");
  skip.setAttribute("role", "button");
  skip.setAttribute("tabindex", "1");
  pinStyle(skip, { all: "initial", display: "block", "z-index": "3", ...HIDDEN });
  const root = skip.attachShadow({ mode: "open" });
  const label = h("span", { class: "skip" });
  root.append(h("style", { text: SKIP_CSS }), label);
  skip.addEventListener("focus", () => pinStyle(skip, SHOWN));
  skip.addEventListener("blur", () => pinStyle(skip, HIDDEN));
  const go = (event) => {
    event.preventDefault();
    firstChip()?.focus();
  };
  skip.addEventListener("click", go);
  skip.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") go(event);
  });
  layer.prepend(skip);
  return {
    update(count) {
      const text = `Skip to Sourcemark's ${count} marked paragraph${count === 1 ? "" : "s"}`;
      label.textContent = text;
      skip.setAttribute("aria-label", text);
    },
  };
}

/**
 * The chip `step` places after (or before, for -1) the reader's place: the focused chip if
 * one is, else the first paragraph whose top is below the top of the window.
 */
export function chipAfter(ordered, step) {
  if (!ordered.length) return null;
  const focused = ordered.findIndex(({ chip }) => chip === document.activeElement);
  if (focused >= 0) return ordered[Math.min(ordered.length - 1, Math.max(0, focused + step))];
  const tops = ordered.map(({ element }) => element.getBoundingClientRect().top);
  const margin = 4;
  if (step > 0) return ordered[tops.findIndex((top) => top > margin)] ?? ordered.at(-1);
  const before = tops.findLastIndex((top) => top < -margin);
  return ordered[Math.max(0, before)];
}

/** Scrolls a paragraph into view, focuses its chip and flashes the paragraph. */
export function goTo(layer, { element, chip }) {
  const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
  element.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
  chip.focus({ preventScroll: true });
  flash(layer, element);
}

export function flash(layer, element) {
  const origin = layer.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  const host = document.createElement("sourcemark-flash");
  pinStyle(host, {
    all: "initial",
    position: "absolute",
    display: "block",
    "pointer-events": "none",
    top: `${box.top - origin.top}px`,
    left: `${box.left - origin.left}px`,
    width: `${box.width}px`,
    height: `${box.height}px`,
  });
  const root = host.attachShadow({ mode: "open" });
  root.append(h("style", { text: FLASH_CSS }), h("div", { class: "flash" }));
  layer.append(host);
  setTimeout(() => host.remove(), FLASH_MS);
  return host;
}
