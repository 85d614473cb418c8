// The analysis contract (backend/sourcemark/contract.py), as the extension reads it.
// Offsets in it count Unicode code points within a paragraph's text.

/**
 * @typedef {{start: number, end: number, text: string}} Span
 * @typedef {Span & {name: string, type: SourceType, source_id: string}} SourceMention
 * @typedef {"named_person"|"named_organization"|"anonymous"|"vague"|"document"} SourceType
 * @typedef {{id: string, kind: string, cue: Span|null, source: SourceMention|null, content: Span[]}} Attribution
 * @typedef {{compound: number, pos: number, neu: number, neg: number, label: "positive"|"neutral"|"negative"}} Sentiment
 * @typedef {{kind: "loaded"|"hedge", start: number, end: number, text: string, valence?: number}} Marker
 * @typedef {{id: string, text: string, sentences: {start: number, end: number}[],
 *   attributions: Attribution[], unattributed: Span[], sentiment: Sentiment,
 *   markers: Marker[], breakdown: Record<BreakdownKey, number>}} Paragraph
 * @typedef {SourceType|"unattributed"} BreakdownKey
 * @typedef {{id: string, name: string, type: SourceType, attributions: number,
 *   paragraphs: string[], sentiment?: Sentiment|null}} Source
 * @typedef {{version: "1", model: {name: string, version: string}, paragraphs: Paragraph[],
 *   sources: Source[], summary: {paragraphs: number, attributions: number,
 *   by_type: Record<string, number>, share: Record<BreakdownKey, number>,
 *   tone?: {outlet: Sentiment|null, sources: Sentiment|null}|null}}} Analysis
 */

export const SOURCE_TYPES = Object.freeze([
  "named_person",
  "named_organization",
  "document",
  "anonymous",
  "vague",
]);

export const BREAKDOWN_KEYS = Object.freeze([...SOURCE_TYPES, "unattributed"]);

export const TYPE_LABELS = Object.freeze({
  named_person: "Named person",
  named_organization: "Named organisation",
  document: "Document",
  anonymous: "Anonymous",
  vague: "Vague",
  unattributed: "Outlet's own voice",
});

export const KIND_LABELS = Object.freeze({
  direct: "Direct quote",
  indirect: "Paraphrase",
  mixed: "Partly quoted",
  according_to: "According to",
  other: "",
});

/** The type that covers most of a paragraph's text, or "unattributed". */
export function dominantType(breakdown) {
  let best = "unattributed";
  let bestShare = 0;
  for (const key of SOURCE_TYPES) {
    if ((breakdown?.[key] ?? 0) > bestShare) {
      best = key;
      bestShare = breakdown[key];
    }
  }
  return best;
}

/** The source type of an attribution; one without a source counts as vague. */
export function attributionType(attribution) {
  return attribution.source ? attribution.source.type : "vague";
}

/** A minimal shape check, so a wrong backend cannot make the content script draw garbage. */
export function looksLikeAnalysis(value) {
  return (
    value !== null &&
    typeof value === "object" &&
    value.version === "1" &&
    Array.isArray(value.paragraphs) &&
    Array.isArray(value.sources) &&
    value.paragraphs.every(
      (p) =>
        p &&
        typeof p.id === "string" &&
        typeof p.text === "string" &&
        Array.isArray(p.attributions) &&
        Array.isArray(p.unattributed) &&
        Array.isArray(p.markers) &&
        p.breakdown &&
        p.sentiment,
    )
  );
}
