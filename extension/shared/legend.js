// The key to the marks, for the popup and the welcome page: one line per source type, what
// tells an anonymous source from a vague one, and what a chip's letter, bar and dot say.
import { TONE_THRESHOLD } from "./analysis.js";
import { segmentBackground } from "./chip.js";
import { TYPE_LABELS, TYPE_MEANINGS } from "./contract.js";
import { h } from "./dom.js";
import { TYPE_LETTERS } from "./theme.js";

export const LEGEND_CSS = `
.key { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.key li { display: grid; grid-template-columns: 22px 1fr; gap: 8px; align-items: start; }
.key .letter { display: block; height: 16px; border-radius: 4px; color: #fff; text-align: center;
  font: 700 10px/16px system-ui, -apple-system, "Segoe UI", sans-serif; margin-top: 1px; }
.key .letter.uncertain { color: var(--sm-fg); box-shadow: inset 0 0 0 1.5px var(--sm-muted); }
.key strong { font-weight: 650; }
.key-note { margin: 8px 0 0; }
.key-dots { display: inline-flex; gap: 4px; vertical-align: -1px; }
.key-dots i { display: inline-block; width: 8px; height: 8px; border-radius: 50%; }
`;

/** One line per source type, the outlet's own voice, and uncertain sources. */
export function legendList() {
  const types = Object.keys(TYPE_LABELS);
  return h(
    "ul",
    { class: "key" },
    types.map((type) =>
      h(
        "li",
        { "data-type": type },
        h("span", { class: "letter", "aria-hidden": "true", style: { background: `var(--sm-${type})` }, text: TYPE_LETTERS[type] }),
        h("span", {}, h("strong", { text: TYPE_LABELS[type] }), `: ${TYPE_MEANINGS[type]}`),
      ),
    ),
    h(
      "li",
      { "data-type": "uncertain" },
      h("span", { class: "letter uncertain", "aria-hidden": "true", style: { background: segmentBackground("anonymous?") }, text: "A?" }),
      h(
        "span",
        {},
        h("strong", { text: "Probably …" }),
        ": Sourcemark is less than 50% sure of the source, its type or its cue. Shown dimmed and counted apart, not hidden.",
      ),
    ),
  );
}

/** What tells an anonymous source from a vague one. */
export function anonymousOrVague() {
  return h(
    "p",
    { class: "key-note", id: "anonymous-or-vague" },
    h("strong", { text: "Anonymous or vague? " }),
    "An anonymous source is someone particular whom the article could name but does not: it says who they are " +
      "(“a senior NATO official”, “analysts at Goldman Sachs”). A vague source could be anyone: nothing in the " +
      "article lets a reader check who (“experts say”, “some analysts”, “critics”).",
  );
}

/** What a chip's letter, bar and dot mean. */
export function chipParts() {
  return h(
    "p",
    { class: "key-note" },
    h("strong", { text: "On a chip: " }),
    "the letter and colour are the source type with the largest share of the paragraph's text (the outlet's own " +
      "voice included); the bar under it shows the whole mix; the dot is the tone: ",
    h(
      "span",
      { class: "key-dots", "aria-hidden": "true" },
      h("i", { style: { background: "var(--sm-positive)" } }),
      h("i", { style: { background: "var(--sm-neutral)" } }),
      h("i", { style: { background: "var(--sm-negative)" } }),
    ),
    ` positive, neutral or negative, named only past ±${TONE_THRESHOLD.toFixed(1)} (VADER's compound score, −1 to +1).`,
  );
}
