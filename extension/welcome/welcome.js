// The welcome page, shown once after install: a paragraph marked as Sourcemark marks one,
// with the real chip, and the key to the marks.
import { CHIP_CSS, chipFace, chipLabel, chipTooltip } from "../shared/chip.js";
import { h } from "../shared/dom.js";
import { anonymousOrVague, chipParts, LEGEND_CSS, legendList } from "../shared/legend.js";
import { THEME_CSS } from "../shared/theme.js";

document.head.append(h("style", { text: THEME_CSS + LEGEND_CSS }));

const SOURCE = "A senior NATO official";
const CUE = "told";
const QUOTE = "“The alliance will not be rushed into a decision it cannot keep.”";
const TEXT = `${SOURCE}, who asked not to be named, ${CUE} reporters on Friday: ${QUOTE} The talks resume next week.`;

/** The example paragraph's analysis, in the backend's contract. */
function example() {
  const span = (words) => {
    const start = Array.from(TEXT.slice(0, TEXT.indexOf(words))).length;
    return { start, end: start + Array.from(words).length, text: words };
  };
  return {
    id: "example",
    text: TEXT,
    attributions: [
      {
        id: "a1",
        kind: "direct",
        cue: span(CUE),
        source: { ...span(SOURCE), name: "NATO official", type: "anonymous", source_id: "s1" },
        content: [span(QUOTE)],
      },
    ],
    sentiment: { compound: -0.31, pos: 0, neu: 0.84, neg: 0.16, label: "negative" },
    markers: [],
    unattributed: [],
  };
}

const paragraph = example();
const host = document.createElement("span");
host.setAttribute("role", "img");
host.setAttribute("aria-label", chipLabel(paragraph));
host.title = chipTooltip(paragraph);
host.attachShadow({ mode: "open" }).append(h("style", { text: CHIP_CSS }), chipFace(paragraph));
document.getElementById("sample-chip").append(host);

const rest = TEXT.split(SOURCE)[1];
const [beforeCue, afterCue] = [rest.slice(0, rest.indexOf(CUE)), rest.slice(rest.indexOf(CUE) + CUE.length)];
document.getElementById("sample-text").append(
  h("span", { class: "u-source", text: SOURCE }),
  beforeCue,
  h("span", { class: "u-cue", text: CUE }),
  afterCue.slice(0, afterCue.indexOf(QUOTE)),
  h("span", { class: "u-quote", text: QUOTE }),
  afterCue.slice(afterCue.indexOf(QUOTE) + QUOTE.length),
);
document.getElementById("legend").append(legendList(), anonymousOrVague(), chipParts());
