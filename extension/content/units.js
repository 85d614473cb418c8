// What is sent to the backend for the article's paragraphs, within its limits: a paragraph
// over the per-paragraph limit is split at sentence ends into parts (ranges of its element's
// text), and units go in chunks of requests the backend accepts. The parts' analyses are
// joined back into one analysis of the whole paragraph, with offsets into its whole text.
import { weightedSentiment } from "../shared/analysis.js";
import { BREAKDOWN_KEYS } from "../shared/contract.js";

// The backend's default limits (see backend/sourcemark/config.py). A JS string's length
// counts UTF-16 units, never fewer than the code points the backend counts.
export const LIMITS = Object.freeze({ paragraphs: 500, paragraphChars: 20_000 });
// Characters per request, a tenth of the backend's 400,000: a chunk this size is analysed
// well inside the backend's 5 s time budget per request, and the first marks come sooner.
export const REQUEST_CHARS = 40_000;

// A sentence ends at . ! ? or … (maybe closed by quotes or brackets) followed by space.
const SENTENCE_END = /[.!?…]["'”’»)\]]*\s+/gu;

/**
 * Splits text into consecutive parts of at most `limit` UTF-16 units, at the last sentence
 * end that fits, else the last space, else anywhere but inside a surrogate pair. The parts
 * joined give the text back exactly.
 */
export function splitText(text, limit = LIMITS.paragraphChars) {
  const parts = [];
  let start = 0;
  while (text.length - start > limit) {
    const window = text.slice(start, start + limit);
    let cut = 0;
    for (const match of window.matchAll(SENTENCE_END)) cut = match.index + match[0].length;
    if (cut === 0) cut = window.lastIndexOf(" ") + 1;
    if (cut === 0) cut = /[\uD800-\uDBFF]/.test(window[limit - 1]) ? limit - 1 : limit;
    parts.push(text.slice(start, start + cut));
    start += cut;
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Units for paragraphs [{id, element, text}]: [{id, text, paragraph, offset}], where a part
 * of a split paragraph has id "<id>.<n>" and `offset` counts code points into its text.
 */
export function toUnits(paragraphs) {
  const units = [];
  for (const paragraph of paragraphs) {
    const parts = paragraph.text.length > LIMITS.paragraphChars ? splitText(paragraph.text) : [paragraph.text];
    let offset = 0;
    parts.forEach((text, i) => {
      units.push({ id: parts.length > 1 ? `${paragraph.id}.${i + 1}` : paragraph.id, text, paragraph, offset });
      offset += codePoints(text);
    });
  }
  return units;
}

/**
 * Units grouped into requests of at most REQUEST_CHARS (a paragraph's parts stay in one
 * request, so a long one may go alone over it, within the limits).
 */
export function toChunks(units) {
  const chunks = [];
  let chunk = [];
  let chars = 0;
  const groups = [];
  for (const unit of units) {
    const last = groups.at(-1);
    if (last && last[0].paragraph === unit.paragraph) last.push(unit);
    else groups.push([unit]);
  }
  for (const group of groups) {
    const size = group.reduce((sum, unit) => sum + unit.text.length, 0);
    if (chunk.length && (chunk.length + group.length > LIMITS.paragraphs || chars + size > REQUEST_CHARS)) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(...group);
    chars += size;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

function codePoints(text) {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

const shift = (span, by) => (span ? { ...span, start: span.start + by, end: span.end + by } : span);

/**
 * One paragraph analysis from the analyses of its parts [[unit, analysed part]], in order:
 * spans moved by each part's offset, breakdown weighted by each part's non-space characters,
 * tone by its words.
 */
export function joinParts(id, parts) {
  if (parts.length === 1) return { ...parts[0][1], id };
  const weights = parts.map(([unit]) => unit.text.replace(/\s/gu, "").length);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const breakdown = Object.fromEntries(
    BREAKDOWN_KEYS.map((key) => [key, parts.reduce((sum, [, p], i) => sum + (p.breakdown[key] ?? 0) * weights[i], 0) / total]),
  );
  const all = (pick) => parts.flatMap(([unit, p]) => pick(p).map((span) => shift(span, unit.offset)));
  return {
    id,
    text: parts.map(([unit]) => unit.text).join(""),
    sentences: all((p) => p.sentences),
    attributions: parts.flatMap(([unit, p]) =>
      p.attributions.map((a) => ({
        ...a,
        cue: shift(a.cue, unit.offset),
        source: shift(a.source, unit.offset),
        content: a.content.map((span) => shift(span, unit.offset)),
      })),
    ),
    unattributed: all((p) => p.unattributed),
    markers: all((p) => p.markers),
    breakdown,
    sentiment: weightedSentiment(parts.map(([unit, p]) => [p.sentiment, unit.text.split(/\s+/u).filter(Boolean).length])) ?? parts[0][1].sentiment,
  };
}
