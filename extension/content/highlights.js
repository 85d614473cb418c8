// Highlights in paragraph text: source mentions (underlined, coloured by type), cues, quoted
// content and tone words. The CSS Custom Highlight API paints them without touching the
// page's DOM; only where it is missing are text nodes wrapped in <sourcemark-mark> elements.
import { attributionType } from "../shared/analysis.js";
import { TextMap } from "./text-ranges.js";

const PREFIX = "sourcemark-";

// Content shaded as quoted: the source's own words, not a paraphrase of them.
const QUOTED_KINDS = new Set(["direct", "mixed"]);

/** [highlight name, code-point span] pairs for one paragraph, honouring the settings. */
export function highlightSpans(paragraph, show) {
  const spans = [];
  for (const attribution of paragraph.attributions) {
    if (show.quotes && QUOTED_KINDS.has(attribution.kind)) {
      for (const span of attribution.content) spans.push(["quote", span]);
    }
    if (show.cues && attribution.cue) spans.push(["cue", attribution.cue]);
    if (show.sources && attribution.source) {
      spans.push([`source-${attributionType(attribution)}`, attribution.source]);
    }
  }
  if (show.tone) for (const marker of paragraph.markers) spans.push([marker.kind, marker]);
  return spans;
}

export class Highlights {
  constructor() {
    this.native = typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
    this.names = new Set();
    this.wrappers = [];
  }

  /** Draws the highlights of [element, paragraph] pairs, replacing earlier ones. */
  draw(pairs, show) {
    this.clear();
    this.add(pairs, show);
  }

  /** Adds the highlights of more [element, paragraph] pairs to those drawn. */
  add(pairs, show) {
    const byName = new Map();
    for (const [element, paragraph] of pairs) {
      const map = new TextMap(element);
      for (const [name, span] of highlightSpans(paragraph, show)) {
        const range = map.range(span.start, span.end);
        if (!range) continue;
        if (!byName.has(name)) byName.set(name, []);
        byName.get(name).push(range);
      }
    }
    if (this.native) {
      for (const [name, ranges] of byName) {
        const drawn = CSS.highlights.get(PREFIX + name);
        if (this.names.has(PREFIX + name) && drawn) {
          for (const range of ranges) drawn.add(range);
          continue;
        }
        const highlight = new Highlight(...ranges);
        // Quotes lie under everything else; sources on top.
        highlight.priority = name === "quote" ? 0 : name.startsWith("source-") ? 2 : 1;
        CSS.highlights.set(PREFIX + name, highlight);
        this.names.add(PREFIX + name);
      }
    } else {
      // Wrap from the last range back, so earlier ranges' boundaries stay valid.
      const all = [...byName].flatMap(([name, ranges]) => ranges.map((range) => [name, range]));
      all.sort((a, b) => b[1].compareBoundaryPoints(Range.START_TO_START, a[1]));
      for (const [name, range] of all) this.wrap(name, range);
    }
  }

  wrap(name, range) {
    const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    const nodes = [];
    if (range.commonAncestorContainer.nodeType === Node.TEXT_NODE) nodes.push(range.commonAncestorContainer);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (range.intersectsNode(node)) nodes.push(node);
    }
    for (let node of nodes) {
      const start = node === range.startContainer ? range.startOffset : 0;
      const end = node === range.endContainer ? range.endOffset : node.data.length;
      if (end <= start) continue;
      if (end < node.data.length) node.splitText(end);
      if (start > 0) node = node.splitText(start);
      const mark = document.createElement("sourcemark-mark");
      mark.setAttribute("data-kind", name);
      node.replaceWith(mark);
      mark.append(node);
      this.wrappers.push(mark);
    }
  }

  clear() {
    for (const name of this.names) CSS.highlights.delete(name);
    this.names.clear();
    for (const mark of this.wrappers.reverse()) {
      const parent = mark.parentNode;
      if (!parent) continue;
      mark.replaceWith(...mark.childNodes);
      parent.normalize();
    }
    this.wrappers = [];
  }
}
