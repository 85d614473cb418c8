// The analysis contract (backend/sourcemark/contract.py), as the extension reads it.
// Offsets in it count Unicode code points within a paragraph's text.

/**
 * @typedef {{start: number, end: number, text: string}} Span
 * @typedef {Span & {name: string, type: SourceType, source_id: string}} SourceMention
 * @typedef {"named_person"|"named_organization"|"anonymous"|"vague"|"document"} SourceType
 * @typedef {{id: string, kind: string, cue: Span|null, source: SourceMention|null, content: Span[],
 *   confidence?: number, continues?: string|null}} Attribution
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

/** What each source type means, in the words of polnear_source_types/GUIDELINES.md. */
export const TYPE_MEANINGS = Object.freeze({
  named_person: "a person the article names (“Emmanuel Macron”, “the mayor, Ana Ferreira”).",
  named_organization: "a named company, agency, government or group (“the Kremlin”, “Reuters”).",
  document: "a report, statement, poll, filing, recording or post (“a Kremlin readout”).",
  anonymous:
    "a specific person or group the article describes by role or affiliation but does not name (“a senior NATO official”, “sources close to the talks”).",
  vague:
    "an unspecified group with nothing that lets a reader check it (“experts say”, “some analysts”, “critics”).",
  unattributed: "text no one is cited for: the outlet speaking for itself.",
});

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
