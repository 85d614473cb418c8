// Chips: one <sourcemark-chip> per analysed paragraph (its face is drawn in shared/chip.js).
// A chip sits in a free margin beside its paragraph, left or right; where neither margin is
// free (text at the window's edge, a sidebar beside it, a narrow window) it becomes a small
// inline mark at the paragraph's start, in the text's flow, so it never covers text.
import { CHIP_CSS, CHIP_HEIGHT, CHIP_WIDTH, chipFace, chipLabel, chipTooltip } from "../shared/chip.js";
import { paragraphShares } from "../shared/analysis.js";
import { adoptStyles, isOwnElement, pinStyle } from "./layer.js";

const CHIP_GAP = 10;
const INLINE_STYLE = {
  position: "static",
  display: "inline-block",
  "vertical-align": "-0.15em",
  "margin-inline-end": "0.35em",
  "line-height": "0",
  top: "auto",
  left: "auto",
  visibility: "visible",
};
const GUTTER_STYLE = { position: "absolute", display: "block", "vertical-align": "baseline", margin: "0", "line-height": "normal" };

export class Chips {
  constructor(layer) {
    this.layer = layer;
    this.items = new Map(); // element -> {chip, element, inline}
  }

  /** A chip for a paragraph; placed by the next placeAll(). */
  add(element, paragraph, onOpen) {
    const chip = document.createElement("sourcemark-chip");
    chip.setAttribute("role", "button");
    chip.setAttribute("tabindex", "0");
    chip.setAttribute("aria-haspopup", "dialog");
    chip.setAttribute("aria-expanded", "false");
    chip.setAttribute("aria-label", chipLabel(paragraph));
    chip.setAttribute("title", chipTooltip(paragraph));
    chip.setAttribute("data-paragraph", paragraph.id);
    chip.setAttribute("data-largest", paragraphShares(paragraph).largest.key);
    pinStyle(chip, { all: "initial", cursor: "pointer", "z-index": "1", ...GUTTER_STYLE, visibility: "hidden" });
    const root = chip.attachShadow({ mode: "open" });
    root.append(chipFace(paragraph));
    adoptStyles(root, CHIP_CSS);
    chip.addEventListener("click", (event) => {
      event.stopPropagation();
      event.preventDefault(); // an inline chip may sit inside a link
      onOpen(false);
    });
    chip.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        onOpen(true);
      }
    });
    this.layer.append(chip);
    this.items.set(element, { chip, element, inline: false });
    return chip;
  }

  remove(element) {
    const item = this.items.get(element);
    if (!item) return;
    item.chip.remove();
    this.items.delete(element);
  }

  /** Chips in the order of their paragraphs on the page. */
  inOrder() {
    return [...this.items.values()]
      .filter(({ element }) => element.isConnected)
      .sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
      .map(({ chip, element }) => ({ chip, element }));
  }

  /** Places every chip (after the page's layout changed). */
  placeAll() {
    const items = [...this.items.values()];
    this.apply(items, this.plan(items.map(({ element }) => element)));
  }

  /**
   * Where chips for these paragraphs go, read from the page's current layout. Reading every
   * box before anything is written (before new chips exist, even) lays the page out once,
   * not once per chip.
   */
  plan(elements) {
    const obstacles = new ObstacleIndex();
    const origin = this.layer.getBoundingClientRect();
    const pageLeft = -origin.left - window.scrollX;
    const pageRight = pageLeft + document.documentElement.clientWidth;
    return elements.map((element) => planChip(element, origin, pageLeft, pageRight, obstacles));
  }

  /** Puts the chips of these paragraphs where `plans` (from plan()) say. */
  placeFor(elements, plans) {
    this.apply(
      elements.map((element) => this.items.get(element)),
      plans,
    );
  }

  apply(items, plans) {
    items.forEach((item, i) => item && applyPlan(this.layer, item, plans[i]));
  }

  clear() {
    for (const { chip } of this.items.values()) chip.remove();
    this.items.clear();
  }
}

function planChip(element, origin, pageLeft, pageRight, obstacles) {
  if (!element.isConnected) return { hidden: true };
  const box = element.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return { hidden: true };
  // An inline chip's own box is part of the paragraph; the margins beside it are what count.
  const top = box.top + 2;
  const candidates = [box.left - CHIP_GAP - CHIP_WIDTH, box.right + CHIP_GAP];
  for (const left of candidates) {
    const rect = { left, right: left + CHIP_WIDTH, top, bottom: top + CHIP_HEIGHT };
    const inPage = left - origin.left >= pageLeft && left + CHIP_WIDTH - origin.left <= pageRight;
    if (inPage && !obstacles.blocks(rect, element)) {
      return { top: top - origin.top, left: left - origin.left };
    }
  }
  return { inline: true };
}

function applyPlan(layer, item, plan) {
  const { chip, element } = item;
  if (plan.inline) {
    if (!item.inline || chip.parentNode !== element) {
      element.prepend(chip);
      chip.setAttribute("data-inline", "");
      pinStyle(chip, INLINE_STYLE);
      item.inline = true;
    }
    return;
  }
  if (item.inline) {
    layer.append(chip);
    chip.removeAttribute("data-inline");
    pinStyle(chip, GUTTER_STYLE);
    item.inline = false;
  }
  if (plan.hidden) pinStyle(chip, { visibility: "hidden" });
  else pinStyle(chip, { top: `${plan.top}px`, left: `${plan.left}px`, visibility: "visible" });
}

// ---- what a margin may hold ------------------------------------------------------------------

// Elements that show something even without text.
const REPLACED = new Set(["IMG", "SVG", "VIDEO", "IFRAME", "CANVAS", "PICTURE", "OBJECT", "EMBED", "INPUT", "BUTTON", "SELECT", "TEXTAREA"]);
// How far into an element that overlaps a margin we look for what it shows there; past this,
// it counts as showing something (a margin is left free only when we know it is).
const SEARCH_BUDGET = 400;
// How many siblings wholly above (or below) a chip are passed before the search stops.
const SIBLINGS_PAST = 8;

/** Whether an element paints a box of its own: a background or a border (a sidebar's panel). */
function paints(element) {
  const style = getComputedStyle(element);
  if (style.backgroundImage !== "none") return true;
  if (!/^(?:transparent|rgba\(.*,\s*0\))$/.test(style.backgroundColor)) return true;
  return ["Top", "Right", "Bottom", "Left"].some(
    (side) => style[`border${side}Style`] !== "none" && Number.parseFloat(style[`border${side}Width`]) > 0,
  );
}

/**
 * Finds whether a rectangle beside a paragraph holds anything the page shows: text, a
 * picture, a control, a panel. Only elements outside the paragraph's ancestors can (the ancestors are
 * the column it sits in, whose padding is free space). Boxes are cached for one placement
 * pass, and a query looks only at the few siblings level with the chip, even beside
 * thousands of paragraphs.
 */
class ObstacleIndex {
  constructor() {
    this.boxes = new Map();
  }

  box(element) {
    let box = this.boxes.get(element);
    if (!box) {
      box = element.getBoundingClientRect();
      this.boxes.set(element, box);
    }
    return box;
  }

  blocks(rect, paragraph) {
    for (let child = paragraph, parent = paragraph.parentElement; parent; child = parent, parent = parent.parentElement) {
      for (const sibling of this.levelWith(child, rect)) {
        if (this.shows(sibling, rect, { budget: SEARCH_BUDGET })) return true;
      }
    }
    return false;
  }

  /**
   * The siblings of `child` that overlap the rectangle's rows. Siblings are met in page order
   * going out from `child`, so each way stops after a few that lie wholly past the rectangle
   * (a few, not one: a float may come later in the page than where it shows).
   */
  *levelWith(child, rect) {
    for (const step of ["previousElementSibling", "nextElementSibling"]) {
      let past = 0;
      for (let sibling = child[step]; sibling && past < SIBLINGS_PAST; sibling = sibling[step]) {
        if (isOwnElement(sibling)) continue;
        const box = this.box(sibling);
        const beyond = step === "previousElementSibling" ? box.bottom <= rect.top : box.top >= rect.bottom;
        if (beyond && box.height > 0) past += 1;
        else if (box.bottom > rect.top && box.top < rect.bottom) yield sibling;
      }
    }
  }

  shows(element, rect, search) {
    const box = this.box(element);
    if (!(box.left < rect.right && box.right > rect.left && box.top < rect.bottom && box.bottom > rect.top)) return false;
    if (--search.budget < 0 || REPLACED.has(element.tagName.toUpperCase())) return true;
    if (paints(element)) return true;
    for (const node of element.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && node.data.trim()) return true;
    }
    for (const child of element.children) {
      if (!isOwnElement(child) && this.shows(child, rect, search)) return true;
    }
    return false;
  }
}
