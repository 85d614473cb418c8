// Gutter chips: one <sourcemark-chip> beside each analysed paragraph. Colour and letter give
// the dominant source type, a thin bar the mix of the breakdown, a dot the tone.
import { BREAKDOWN_KEYS, dominantType, TYPE_LABELS } from "../shared/contract.js";
import { h } from "../shared/dom.js";
import { THEME_CSS, TYPE_LETTERS } from "../shared/theme.js";
import { boxInLayer, pinStyle } from "./layer.js";

const CHIP_WIDTH = 26;
const CHIP_GAP = 10;

const CHIP_CSS = `${THEME_CSS}
:host { all: initial; }
.chip {
  box-sizing: border-box; width: ${CHIP_WIDTH}px; padding: 3px 3px 3px; border-radius: 7px;
  background: var(--sm-bg); border: 1px solid var(--sm-border);
  box-shadow: 0 1px 2px rgba(15, 23, 42, .12); cursor: pointer; position: relative;
  transition: transform .12s ease, box-shadow .12s ease;
}
.chip:hover, :host(:focus-visible) .chip, :host([aria-expanded="true"]) .chip {
  transform: translateX(-1px); box-shadow: 0 3px 10px rgba(15, 23, 42, .22);
}
:host(:focus-visible) .chip { outline: 2px solid var(--sm-focus); outline-offset: 2px; }
.letter {
  display: block; height: 16px; border-radius: 4px; background: var(--type);
  color: #fff; font: 700 10px/16px system-ui, -apple-system, "Segoe UI", sans-serif;
  text-align: center; letter-spacing: .02em;
}
.mix { display: flex; height: 3px; margin-top: 3px; border-radius: 2px; overflow: hidden;
  background: var(--sm-faint); }
.mix > span { display: block; height: 100%; }
.dot { position: absolute; top: -3px; right: -3px; width: 7px; height: 7px; border-radius: 50%;
  background: var(--tone); border: 1.5px solid var(--sm-bg); }
`;

const TONE_WORDS = { positive: "positive", neutral: "neutral", negative: "negative" };

export function describeParagraph(paragraph) {
  const dominant = dominantType(paragraph.breakdown);
  const count = paragraph.attributions.length;
  const attributions = count === 1 ? "1 attribution" : `${count} attributions`;
  const tone = TONE_WORDS[paragraph.sentiment?.label] ?? "neutral";
  return `Sourcing: mostly ${TYPE_LABELS[dominant].toLowerCase()}, ${attributions}, ${tone} tone. Press Enter for details.`;
}

export class Chips {
  constructor(layer) {
    this.layer = layer;
    this.items = []; // {chip, element}
  }

  add(element, paragraph, onOpen) {
    const dominant = dominantType(paragraph.breakdown);
    const chip = document.createElement("sourcemark-chip");
    chip.setAttribute("role", "button");
    chip.setAttribute("tabindex", "0");
    chip.setAttribute("aria-haspopup", "dialog");
    chip.setAttribute("aria-expanded", "false");
    chip.setAttribute("aria-label", describeParagraph(paragraph));
    chip.setAttribute("data-paragraph", paragraph.id);
    chip.setAttribute("data-dominant-type", dominant);
    chip.setAttribute("title", "Sourcemark: how this paragraph is sourced");
    pinStyle(chip, { all: "initial", position: "absolute", display: "block", cursor: "pointer" });

    const root = chip.attachShadow({ mode: "open" });
    const mix = BREAKDOWN_KEYS.filter((key) => paragraph.breakdown[key] > 0).map((key) =>
      h("span", { style: { width: `${paragraph.breakdown[key] * 100}%`, background: `var(--sm-${key})` } }),
    );
    root.append(
      h("style", { text: CHIP_CSS }),
      h(
        "div",
        {
          class: "chip",
          "aria-hidden": "true",
          style: {
            "--type": `var(--sm-${dominant})`,
            "--tone": `var(--sm-${paragraph.sentiment?.label ?? "neutral"})`,
          },
        },
        h("span", { class: "letter", text: TYPE_LETTERS[dominant] }),
        h("span", { class: "mix" }, mix),
        h("span", { class: "dot" }),
      ),
    );
    chip.addEventListener("click", (event) => {
      event.stopPropagation();
      onOpen(chip, false);
    });
    chip.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onOpen(chip, true);
      }
    });
    this.layer.append(chip);
    this.items.push({ chip, element });
    this.place(chip, element);
    return chip;
  }

  // In the left gutter when there is room, else in the right one; with no gutter at all
  // (narrow screens), at the page's left edge. Never past the page's width, which would
  // add a scrollbar.
  place(chip, element) {
    const box = boxInLayer(this.layer, element);
    const hidden = box.width === 0 && box.height === 0;
    const pageLeft = -this.layer.getBoundingClientRect().left - window.scrollX;
    const pageRight = pageLeft + document.documentElement.clientWidth;
    let left = box.left - CHIP_WIDTH - CHIP_GAP;
    if (left < pageLeft) left = box.right + CHIP_GAP;
    if (left + CHIP_WIDTH > pageRight) left = pageLeft + 2;
    pinStyle(chip, {
      top: `${box.top + 2}px`,
      left: `${left}px`,
      visibility: hidden ? "hidden" : "visible",
    });
  }

  placeAll() {
    for (const { chip, element } of this.items) this.place(chip, element);
  }

  clear() {
    for (const { chip } of this.items) chip.remove();
    this.items = [];
  }
}
