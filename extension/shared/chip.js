// A paragraph's chip: its letter and colour name the largest share of the paragraph's text
// (the outlet's own voice included), a thin bar shows the whole mix, a dot the tone. Drawn
// beside paragraphs by the content script and, as an example, on the welcome page; described
// in words for its tooltip and for screen readers.
import { isUncertain, paragraphShares, segmentLabel, segmentOf, TONE_THRESHOLD, toneLabel } from "./analysis.js";
import { h } from "./dom.js";
import { percent, signed } from "./format.js";
import { THEME_CSS, TYPE_LETTERS } from "./theme.js";

export const CHIP_WIDTH = 26;
export const CHIP_HEIGHT = 30; // 16 letter + 3 gap + 3 bar + 2 × 3 padding + 2 × 1 border

export const CHIP_CSS = `${THEME_CSS}
:host { all: initial; }
.chip {
  box-sizing: border-box; width: ${CHIP_WIDTH}px; padding: 3px; border-radius: 7px;
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
.uncertain .letter { color: var(--sm-fg); background: repeating-linear-gradient(135deg,
  var(--sm-bg) 0 2px, color-mix(in srgb, var(--type) 45%, var(--sm-bg)) 2px 5px);
  box-shadow: inset 0 0 0 1.5px var(--type); }
.mix { display: flex; height: 3px; margin-top: 3px; border-radius: 2px; overflow: hidden;
  background: var(--sm-faint); }
.mix > span { display: block; height: 100%; }
.dot { position: absolute; top: -3px; right: -3px; width: 7px; height: 7px; border-radius: 50%;
  background: var(--tone); border: 1.5px solid var(--sm-bg); }
/* Inline, at a paragraph's start where no margin is free: smaller, in the text's flow. */
:host([data-inline]) .chip { width: 20px; padding: 2px; border-radius: 5px; }
:host([data-inline]) .letter { height: 13px; font-size: 9px; line-height: 13px; }
:host([data-inline]) .mix { height: 2px; margin-top: 2px; }
:host([data-inline]) .chip:hover, :host([data-inline][aria-expanded="true"]) .chip { transform: none; }
@media (prefers-reduced-motion: reduce) { .chip { transition: none; } }
`;

/** A segment's colour; an uncertain one is the type's colour, drawn hatched. */
export function segmentBackground(key) {
  const { type, uncertain } = segmentOf(key);
  if (!uncertain) return `var(--sm-${type})`;
  return `repeating-linear-gradient(135deg, var(--sm-${type}) 0 2px, color-mix(in srgb, var(--sm-${type}) 35%, transparent) 2px 5px)`;
}

/** The letter on the chip: the type's letter, with "?" when that share is uncertain. */
export function chipLetter(key) {
  const { type, uncertain } = segmentOf(key);
  return `${TYPE_LETTERS[type]}${uncertain ? "?" : ""}`;
}

/** The chip's face (inside its shadow root): letter, mix bar and tone dot. */
export function chipFace(paragraph) {
  const { segments, largest } = paragraphShares(paragraph);
  const { type, uncertain } = segmentOf(largest.key);
  return h(
    "div",
    {
      class: uncertain ? "chip uncertain" : "chip",
      "aria-hidden": "true",
      style: { "--type": `var(--sm-${type})`, "--tone": `var(--sm-${toneLabel(paragraph.sentiment)})` },
    },
    h("span", { class: "letter", text: chipLetter(largest.key) }),
    h(
      "span",
      { class: "mix" },
      segments.map(({ key, share }) => h("span", { style: { width: `${share * 100}%`, background: segmentBackground(key) } })),
    ),
    h("span", { class: "dot" }),
  );
}

function mix(segments) {
  return [...segments].sort((a, b) => b.share - a.share).map(({ key, share }) => `${segmentLabel(key).toLowerCase()} ${percent(share)}`).join(", ");
}

function attributionCount(paragraph) {
  const count = paragraph.attributions.length;
  const uncertain = paragraph.attributions.filter(isUncertain).length;
  const words = count === 1 ? "1 attribution" : `${count} attributions`;
  return uncertain ? `${words} (${uncertain} uncertain)` : words;
}

function toneWords(sentiment) {
  const label = toneLabel(sentiment);
  const score = typeof sentiment?.compound === "number" ? signed(sentiment.compound) : "0.00";
  return label === "neutral"
    ? `neutral tone (${score}; a tone is named only past ±${TONE_THRESHOLD.toFixed(1)})`
    : `${label} tone (${score})`;
}

/** The chip's tooltip: what its letter, bar and dot say about this paragraph, in words. */
export function chipTooltip(paragraph) {
  const { segments, largest } = paragraphShares(paragraph);
  const letter = chipLetter(largest.key);
  const what = largest.key === "unattributed" ? "the outlet's own voice (text no one is cited for)" : segmentLabel(largest.key).toLowerCase();
  return [
    `Letter ${letter}: the largest share of this paragraph, ${percent(largest.share)}, is ${what}.`,
    `Bar: ${mix(segments) || "no text"}.`,
    `Dot: ${toneWords(paragraph.sentiment)}.`,
    `${attributionCount(paragraph)}. Click the paragraph, or press Enter here, for who says what.`,
  ].join("\n");
}

/** The chip's accessible name: the same facts, without the drawing. */
export function chipLabel(paragraph) {
  const { segments } = paragraphShares(paragraph);
  return `Sourcing: ${mix(segments) || "no text"}; ${attributionCount(paragraph)}; ${toneWords(paragraph.sentiment)}. Press Enter for details.`;
}
