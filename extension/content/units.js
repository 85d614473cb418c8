// What is sent to the backend for the article's paragraphs, within its limits: a paragraph
// over the per-paragraph limit is split at sentence ends into parts (ranges of its element's
// text), and units go in chunks of requests the backend accepts. The parts' analyses are
// joined back into one analysis of the whole paragraph, with offsets into its whole text.
import { weightedSentiment } from "../shared/analysis.js";
import { BREAKDOWN_KEYS } from "../shared/contract.js";

// The backend's default limits (see backend/sourcemark/config.py). A JS string's length
// counts UTF-16 units, never fewer than the code points the backend counts.
export const LIMITS = Object.freeze({ paragraphs: 500, paragraphChars: 20_000, tokens: 12_000 });
// Characters per request, a tenth of the backend's 400,000, and tokens by estimateTokens,
// three quarters of its 12,000 (the estimate may fall short of spaCy's count on rare
// shapes): a chunk is analysed well inside the backend's 5 s time budget, and the first
// marks come sooner.
export const REQUEST_CHARS = 40_000;
export const REQUEST_TOKENS = (LIMITS.tokens * 3) / 4;

// What spaCy's tokenizer can make a token of: a run of letters, a run of digits ("10am" is
// two), any other visible character alone, and whitespace other than one space.
const TOKENISH = /[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{N}\p{M}]|\s{2,}|[^\S ]/gu;

// Words spaCy splits in two though no mark is in them.
const TWO_TOKEN_WORDS = /^(?:cannot|gonna|gotta|wanna|gimme|lemme)$/iu;

/** An estimate of the backend's token count for `text`, from above on ordinary text. */
export function estimateTokens(text) {
  let count = 0;
  for (const [token] of text.matchAll(TOKENISH)) count += TWO_TOKEN_WORDS.test(token) ? 2 : 1;
  return count;
}

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
 * Units for paragraphs [{id, element, text}]: [{id, text, paragraph, offset, parts, tokens}],
 * where a part of a split paragraph has id "<id>.<n>", `offset` counts code points into its
 * text and `parts` is how many it was split into. A paragraph is split when it is over the
 * character limit, or a part over a request's tokens.
 */
export function toUnits(paragraphs) {
  const units = [];
  for (const paragraph of paragraphs) {
    let parts = splitText(paragraph.text);
    let tokens = parts.map(estimateTokens);
    for (let limit = LIMITS.paragraphChars; tokens.some((count) => count > REQUEST_TOKENS); ) {
      limit = Math.floor(limit / 2);
      parts = splitText(paragraph.text, limit);
      tokens = parts.map(estimateTokens);
    }
    let offset = 0;
    parts.forEach((text, i) => {
      const id = parts.length > 1 ? `${paragraph.id}.${i + 1}` : paragraph.id;
      units.push({ id, text, paragraph, offset, parts: parts.length, tokens: tokens[i] });
      offset += codePoints(text);
    });
  }
  return units;
}

/**
 * Units in order, grouped into requests of at most REQUEST_CHARS and REQUEST_TOKENS. The
 * parts of a long paragraph may go in different requests: PartJoiner puts them together.
 */
export function toChunks(units) {
  const chunks = [];
  let chunk = [];
  let chars = 0;
  let tokens = 0;
  for (const unit of units) {
    const full =
      chunk.length === LIMITS.paragraphs ||
      chars + unit.text.length > REQUEST_CHARS ||
      tokens + unit.tokens > REQUEST_TOKENS;
    if (chunk.length && full) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
      tokens = 0;
    }
    chunk.push(unit);
    chars += unit.text.length;
    tokens += unit.tokens;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** A chunk the backend refused as too many tokens (its count is above the estimate), in two;
 * none if it holds one unit only. */
export function halve(chunk) {
  if (chunk.length < 2) return [];
  const middle = Math.ceil(chunk.length / 2);
  return [chunk.slice(0, middle), chunk.slice(middle)];
}

/**
 * Collects analysed units [unit, analysed part, names] as chunks come back, and gives each
 * paragraph once all its parts are in: [{paragraph, analysis, names}], where `names` maps
 * the analysis's source ids to the roster's names. Parts from different requests have
 * source ids from different rosters, so theirs are told apart by the request's number.
 */
export class PartJoiner {
  constructor() {
    this.pending = new Map(); // paragraph -> [[unit, analysed, names, request]]
    this.requests = 0;
  }

  add(chunk, analysis) {
    const request = ++this.requests;
    const byId = new Map(analysis.paragraphs.map((p) => [p.id, p]));
    const names = new Map(analysis.sources.map((s) => [s.id, s.name]));
    const joined = [];
    for (const unit of chunk) {
      const parts = this.pending.get(unit.paragraph) ?? [];
      parts.push([unit, byId.get(unit.id), names, request]);
      if (parts.length < unit.parts) {
        this.pending.set(unit.paragraph, parts);
        continue;
      }
      this.pending.delete(unit.paragraph);
      if (parts.some(([part, analysed]) => analysed?.text !== part.text)) continue;
      joined.push({ paragraph: unit.paragraph, ...joinNamed(unit.paragraph.id, parts) });
    }
    return joined;
  }
}

function joinNamed(id, parts) {
  const requests = new Set(parts.map(([, , , request]) => request));
  if (requests.size === 1) return { analysis: joinParts(id, parts), names: parts[0][2] };
  const names = new Map();
  const qualified = parts.map(([unit, analysed, partNames, request]) => {
    for (const [sourceId, name] of partNames) names.set(`${sourceId}@${request}`, name);
    const attributions = analysed.attributions.map((a) =>
      a.source?.source_id ? { ...a, source: { ...a.source, source_id: `${a.source.source_id}@${request}` } } : a,
    );
    return [unit, { ...analysed, attributions }];
  });
  return { analysis: joinParts(id, qualified), names };
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
