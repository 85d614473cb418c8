// The breakdown popover: one <sourcemark-popover> host with an open shadow root, anchored to
// the paragraph it describes. Everything from the page or the backend goes in as text.
import {
  attributionType,
  isUncertain,
  paragraphShares,
  segmentLabel,
  TONE_THRESHOLD,
  toneLabel,
} from "../shared/analysis.js";
import { segmentBackground } from "../shared/chip.js";
import { KIND_LABELS, TYPE_LABELS } from "../shared/contract.js";
import { h } from "../shared/dom.js";
import { percent, signed } from "../shared/format.js";
import { THEME_CSS } from "../shared/theme.js";
import { pinStyle } from "./layer.js";

const WIDTH = 400;
const MARGIN = 10;
const EXCERPT_CHARS = 220;

const POPOVER_CSS = `${THEME_CSS}
:host { all: initial; }
.panel {
  box-sizing: border-box; width: 100%; max-height: min(70vh, 560px); overflow: auto;
  background: var(--sm-bg); color: var(--sm-fg); border: 1px solid var(--sm-border);
  border-radius: 12px; box-shadow: var(--sm-shadow);
  font: 400 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: left; color-scheme: light dark;
}
.panel:focus { outline: none; }
header { display: flex; align-items: center; gap: 8px; padding: 12px 14px 10px;
  border-bottom: 1px solid var(--sm-faint); position: sticky; top: 0; background: var(--sm-bg); }
.brand { width: 18px; height: 18px; border-radius: 5px; background: #1e293b; flex: none;
  display: grid; align-content: center; gap: 2px; padding: 0 4px; box-sizing: border-box; }
.brand i { display: block; height: 2px; border-radius: 1px; }
h2 { flex: 1; margin: 0; font-size: 13px; font-weight: 650; letter-spacing: .01em; }
.close { all: unset; cursor: pointer; width: 24px; height: 24px; border-radius: 6px;
  display: grid; place-items: center; color: var(--sm-muted); font-size: 18px; line-height: 1; }
.close:hover { background: var(--sm-faint); color: var(--sm-fg); }
.close:focus-visible { outline: 2px solid var(--sm-focus); outline-offset: 1px; }
section { padding: 10px 14px; }
section + section { border-top: 1px solid var(--sm-faint); }
h3 { margin: 0 0 7px; font-size: 11px; font-weight: 650; text-transform: uppercase;
  letter-spacing: .06em; color: var(--sm-muted); }
ul { list-style: none; margin: 0; padding: 0; }
.bar { display: flex; height: 8px; border-radius: 4px; overflow: hidden; background: var(--sm-faint); }
.bar > span { height: 100%; }
.bar > span + span { box-shadow: inset 1.5px 0 0 var(--sm-bg); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin-top: 8px; font-size: 12px; color: var(--sm-muted); }
.legend li { display: flex; align-items: center; gap: 5px; }
.legend b { color: var(--sm-fg); font-weight: 600; font-variant-numeric: tabular-nums; }
.swatch { width: 9px; height: 9px; border-radius: 3px; flex: none; }
.rows { display: grid; gap: 8px; }
.row { border: 1px solid var(--sm-faint); border-left: 3px solid var(--type); border-radius: 8px;
  padding: 7px 10px; background: var(--sm-raised); }
.row-head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.type { font-size: 10.5px; font-weight: 700; letter-spacing: .03em; text-transform: uppercase;
  color: var(--type); border: 1px solid var(--type); border-radius: 999px; padding: 0 7px; line-height: 17px; white-space: nowrap; }
.name { font-weight: 600; }
.kind { margin-left: auto; font-size: 11px; color: var(--sm-muted); white-space: nowrap; }
.cue { color: var(--sm-muted); font-size: 12px; }
.cue q { quotes: none; font-style: italic; color: var(--sm-fg); }
.quote { margin: 5px 0 0; padding: 4px 8px; border-radius: 5px; background: var(--sm-quote-bg);
  font-size: 12.5px; color: var(--sm-fg); }
.paraphrase { margin: 5px 0 0; padding: 0 0 0 8px; border-left: 2px solid var(--sm-faint);
  font-size: 12.5px; color: var(--sm-fg); }
.row.uncertain { border-style: dashed; border-left-style: solid; opacity: .72; }
.row.uncertain .type { border-style: dashed; }
.why { margin: 4px 0 0; font-size: 11.5px; color: var(--sm-muted); font-style: italic; }
.tone .note { flex-basis: 100%; font-size: 11.5px; color: var(--sm-muted); }
.tone { flex-wrap: wrap; }
.empty { color: var(--sm-muted); font-style: italic; margin: 0; }
.voice li { position: relative; padding-left: 12px; margin-top: 4px; color: var(--sm-fg); font-size: 12.5px; }
.voice li::before { content: ""; position: absolute; left: 0; top: .55em; width: 5px; height: 5px;
  border-radius: 50%; background: var(--sm-unattributed); }
.tone { display: flex; align-items: center; gap: 8px; }
.tone .dot { width: 10px; height: 10px; border-radius: 50%; background: var(--tone); }
.tone .label { font-weight: 600; }
.tone .value { color: var(--sm-muted); font-variant-numeric: tabular-nums; }
.meter { flex: 1; height: 4px; border-radius: 2px; background: var(--sm-faint); position: relative; max-width: 140px; }
.meter i { position: absolute; top: -3px; width: 2px; height: 10px; border-radius: 1px; background: var(--tone); }
.meter::after { content: ""; position: absolute; left: 50%; top: -1px; width: 1px; height: 6px; background: var(--sm-border); }
.words { display: flex; flex-wrap: wrap; gap: 5px; }
.word { font-size: 12px; border-radius: 5px; padding: 1px 7px; border: 1px solid var(--sm-border); }
.word small { color: var(--sm-muted); margin-left: 4px; font-size: 10.5px; text-transform: uppercase; letter-spacing: .04em; }
.word.loaded { border-color: var(--sm-negative); }
.word.hedge { border-style: dashed; }
`;



function excerpt(text) {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= EXCERPT_CHARS) return clean;
  const cut = clean.slice(0, EXCERPT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), EXCERPT_CHARS - 30))}…`;
}

function brand() {
  return h(
    "span",
    { class: "brand", "aria-hidden": "true" },
    h("i", { style: { background: "#60a5fa", width: "100%" } }),
    h("i", { style: { background: "#fbbf24", width: "70%" } }),
    h("i", { style: { background: "#f472b6", width: "85%" } }),
  );
}

function breakdownSection(paragraph) {
  const { segments } = paragraphShares(paragraph);
  const summary = segments.map(({ key, share }) => `${segmentLabel(key)} ${percent(share)}`).join(", ");
  return h(
    "section",
    { "aria-labelledby": "sm-breakdown" },
    h("h3", { id: "sm-breakdown", text: "Share of text by source" }),
    h(
      "div",
      { class: "bar", role: "img", "aria-label": summary || "No text" },
      segments.map(({ key, share }) => h("span", { style: { width: `${share * 100}%`, background: segmentBackground(key) } })),
    ),
    h(
      "ul",
      { class: "legend" },
      segments.map(({ key, share }) =>
        h(
          "li",
          { "data-segment": key },
          h("span", { class: "swatch", style: { background: segmentBackground(key) } }),
          segmentLabel(key),
          h("b", { text: percent(share) }),
        ),
      ),
    ),
  );
}

function cueLine(attribution) {
  if (attribution.cue) return h("div", { class: "cue" }, "Cue: ", h("q", { text: attribution.cue.text }));
  // A quote with no cue of its own that carries on the same speaker's earlier quote.
  if (attribution.continues) return h("div", { class: "cue", text: "No cue: carries on an earlier quote" });
  return null;
}

const LEADING_QUOTES = /^["“”„«»‘’‚‹›'「『\s]+/u;
// Closing marks, and the comma or colon before them that belongs to the sentence around.
const TRAILING_QUOTES = /[,;:]?["“”„«»‘’‚‹›'」』\s]+$/u;

/**
 * What a source says, as the reader should see it: a direct quote in exactly one pair of
 * quotation marks (its own, if the span has them, are not doubled), a partly quoted claim as
 * it stands, and a paraphrase with none, since those are not the source's words.
 */
export function sayingOf(attribution) {
  const parts = attribution.content.map((span) => excerpt(span.text)).filter(Boolean);
  if (!parts.length) return null;
  if (attribution.kind !== "direct") return { quoted: false, text: parts.join(" … ") };
  const quoted = parts.map((part) => `“${part.replace(LEADING_QUOTES, "").replace(TRAILING_QUOTES, "")}”`);
  return { quoted: true, text: quoted.join(" … ") };
}

/** Why a row is shown as uncertain, in words. */
function uncertainty(attribution) {
  const sure = Math.round(attribution.confidence * 100);
  return `Uncertain: Sourcemark is only ${sure}% sure that this source, its type and its cue are all right.`;
}

function attributionRow(attribution, names) {
  const type = attributionType(attribution);
  const uncertain = isUncertain(attribution);
  const source = attribution.source;
  const name = source ? names.get(source.source_id) || source.name || source.text : "Unnamed source";
  const saying = sayingOf(attribution);
  return h(
    "li",
    {
      class: uncertain ? "row uncertain" : "row",
      "data-source-type": type,
      "data-uncertain": uncertain ? "true" : null,
      style: { "--type": `var(--sm-${type})` },
    },
    h(
      "div",
      { class: "row-head" },
      h("span", { class: "type", text: uncertain ? `Probably ${TYPE_LABELS[type].toLowerCase()}` : TYPE_LABELS[type] }),
      h("span", { class: "name", text: uncertain ? `probably ${name}` : name, title: source?.text ?? null }),
      KIND_LABELS[attribution.kind] ? h("span", { class: "kind", text: KIND_LABELS[attribution.kind] }) : null,
    ),
    cueLine(attribution),
    saying
      ? h(saying.quoted ? "blockquote" : "p", { class: saying.quoted ? "quote" : "paraphrase", text: saying.text })
      : null,
    uncertain ? h("p", { class: "why", text: uncertainty(attribution) }) : null,
  );
}

function attributionsSection(paragraph, names) {
  const rows = paragraph.attributions.map((attribution) => attributionRow(attribution, names));
  return h(
    "section",
    { "aria-labelledby": "sm-who" },
    h("h3", { id: "sm-who", text: "Who says what" }),
    rows.length
      ? h("ul", { class: "rows", "aria-labelledby": "sm-who" }, rows)
      : h("p", { class: "empty", text: "No attributed claims in this paragraph." }),
  );
}

function voiceSection(paragraph) {
  if (!paragraph.unattributed.length) return null;
  return h(
    "section",
    { "aria-labelledby": "sm-voice" },
    h("h3", { id: "sm-voice", text: "Outlet's own voice (unattributed)" }),
    h(
      "ul",
      { class: "voice" },
      paragraph.unattributed.map((span) => h("li", { text: excerpt(span.text) })),
    ),
  );
}

function toneSection(sentiment) {
  const shown = toneLabel(sentiment);
  const label = shown[0].toUpperCase() + shown.slice(1);
  const position = `${((sentiment.compound + 1) / 2) * 100}%`;
  return h(
    "section",
    { "aria-labelledby": "sm-tone", style: { "--tone": `var(--sm-${shown})` } },
    h("h3", { id: "sm-tone", text: "Tone" }),
    h(
      "div",
      { class: "tone", "data-tone": shown },
      h("span", { class: "dot", "aria-hidden": "true" }),
      h("span", { class: "label", text: label }),
      h("span", { class: "value", text: signed(sentiment.compound), title: "VADER compound score, −1 to +1" }),
      h("span", { class: "meter", "aria-hidden": "true" }, h("i", { style: { left: `calc(${position} - 1px)` } })),
      shown === "neutral" && sentiment.compound !== 0
        ? h("span", { class: "note", text: `A tone is named only past ±${TONE_THRESHOLD.toFixed(1)}.` })
        : null,
    ),
  );
}

function wordsSection(markers) {
  if (!markers.length) return null;
  return h(
    "section",
    { "aria-labelledby": "sm-words" },
    h("h3", { id: "sm-words", text: "Loaded and hedge words" }),
    h(
      "ul",
      { class: "words" },
      markers.map((marker) =>
        h(
          "li",
          { class: `word ${marker.kind}`, "data-marker-kind": marker.kind },
          marker.text,
          h("small", { text: marker.kind }),
        ),
      ),
    ),
  );
}

export class Popover {
  constructor(layer) {
    this.layer = layer;
    this.host = document.createElement("sourcemark-popover");
    // Above every chip: an open popover is never cut into by the chips of later paragraphs.
    pinStyle(this.host, { all: "initial", position: "absolute", display: "none", width: `${WIDTH}px`, "z-index": "2" });
    this.root = this.host.attachShadow({ mode: "open" });
    this.layer.append(this.host);
    this.current = null; // {element, chip, paragraph}
    this.onKeydown = (event) => {
      if (event.key === "Escape" && this.isOpen()) {
        event.stopPropagation();
        this.close(true);
      }
    };
    document.addEventListener("keydown", this.onKeydown, true);
  }

  isOpen() {
    return this.current !== null;
  }

  isOpenFor(element) {
    return this.current?.element === element;
  }

  contains(event) {
    return event.composedPath().includes(this.host);
  }

  /** `names` maps source ids to the roster's canonical names. */
  open(element, chip, paragraph, { focus = false, names = new Map() } = {}) {
    if (this.current) this.current.chip?.setAttribute("aria-expanded", "false");
    this.current = { element, chip, paragraph, keyboard: focus };
    chip?.setAttribute("aria-expanded", "true");
    const panel = h(
      "div",
      { class: "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "sm-title", tabindex: "-1" },
      h(
        "header",
        {},
        brand(),
        h("h2", { id: "sm-title", text: "How this paragraph is sourced" }),
        h("button", { class: "close", type: "button", "aria-label": "Close", text: "×" }),
      ),
      breakdownSection(paragraph),
      attributionsSection(paragraph, names),
      voiceSection(paragraph),
      toneSection(paragraph.sentiment),
      wordsSection(paragraph.markers),
    );
    panel.querySelector(".close").addEventListener("click", () => this.close(true));
    this.root.replaceChildren(h("style", { text: POPOVER_CSS }), panel);
    this.host.setAttribute("data-paragraph", paragraph.id);
    pinStyle(this.host, { display: "block", visibility: "hidden" });
    const fits = this.place();
    pinStyle(this.host, { visibility: "visible" });
    if (!fits) this.host.scrollIntoView({ block: "nearest" });
    if (focus) panel.focus();
  }

  // Below the paragraph when it fits in the viewport, else above it, else as near as fits.
  place() {
    if (!this.current) return;
    const viewportWidth = document.documentElement.clientWidth;
    const viewportHeight = window.innerHeight;
    const width = Math.min(WIDTH, viewportWidth - 2 * MARGIN);
    pinStyle(this.host, { width: `${width}px` });
    const origin = this.layer.getBoundingClientRect();
    const box = this.current.element.getBoundingClientRect();
    const height = this.host.getBoundingClientRect().height;
    const fitsBelow = box.bottom + MARGIN + height <= viewportHeight - MARGIN;
    const fitsAbove = box.top - MARGIN - height >= MARGIN;
    // Below by default; above when only that fits; else below, and the page scrolls to it.
    const top = !fitsBelow && fitsAbove ? box.top - MARGIN - height : box.bottom + MARGIN;
    const left = Math.max(MARGIN, Math.min(box.left, viewportWidth - MARGIN - width));
    pinStyle(this.host, { top: `${top - origin.top}px`, left: `${left - origin.left}px` });
    return fitsBelow || fitsAbove;
  }

  close(restoreFocus = false) {
    if (!this.current) return;
    const { chip, keyboard } = this.current;
    const focusWasInside = this.root.activeElement !== null;
    this.current = null;
    chip?.setAttribute("aria-expanded", "false");
    pinStyle(this.host, { display: "none" });
    this.host.removeAttribute("data-paragraph");
    this.root.replaceChildren();
    // Focus goes back where it came from, without scrolling a mouse user's page.
    if (chip && restoreFocus && (keyboard || focusWasInside)) chip.focus({ preventScroll: !keyboard });
  }

  destroy() {
    document.removeEventListener("keydown", this.onKeydown, true);
    this.host.remove();
  }
}
