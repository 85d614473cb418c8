// What the reader is shown, computed from the analysis contract: which share of a paragraph
// (or article) each kind of source holds, told apart by how sure the backend is; the tone
// label past the display threshold; and analyses of an article's chunks merged into one.
import { SOURCE_TYPES, TYPE_LABELS } from "./contract.js";

/** Tone labels show only at |compound| ≥ this; smaller scores read as neutral. */
export const TONE_THRESHOLD = 0.2;
/** An attribution whose confidence is below this is shown as uncertain ("probably"). */
export const UNCERTAIN_BELOW = 0.5;

/** "positive", "negative" or "neutral" as the reader is shown it. */
export function toneLabel(sentiment) {
  const compound = sentiment?.compound;
  if (typeof compound !== "number") return "neutral";
  if (compound >= TONE_THRESHOLD) return "positive";
  if (compound <= -TONE_THRESHOLD) return "negative";
  return "neutral";
}

/** A missing confidence (a backend that gives none) counts as certain. */
export function isUncertain(attribution) {
  return typeof attribution?.confidence === "number" && attribution.confidence < UNCERTAIN_BELOW;
}

/** The source type of an attribution; one without a source counts as vague. */
export function attributionType(attribution) {
  return attribution.source ? attribution.source.type : "vague";
}

// ---- shares of text ---------------------------------------------------------------------------

/**
 * The keys of a displayed breakdown, in drawing order: each source type, then its uncertain
 * part ("anonymous?"), then the outlet's own voice.
 */
export const SEGMENT_KEYS = Object.freeze([
  ...SOURCE_TYPES.flatMap((type) => [type, `${type}?`]),
  "unattributed",
]);

/** {type, uncertain} of a segment key. */
export function segmentOf(key) {
  const uncertain = key.endsWith("?");
  return { type: uncertain ? key.slice(0, -1) : key, uncertain };
}

export function segmentLabel(key) {
  const { type, uncertain } = segmentOf(key);
  return uncertain ? `Probably ${TYPE_LABELS[type].toLowerCase()}` : TYPE_LABELS[type];
}

const SPACE = /\s/u;

/**
 * Non-space characters of a paragraph by segment key, counted as the backend counts its
 * breakdown (report.py): each character belongs to the first attribution whose content,
 * source or cue covers it; the rest is the outlet's own voice.
 */
export function segmentCounts(paragraph) {
  const chars = Array.from(paragraph.text); // code points, as the backend's offsets count
  const owner = new Array(chars.length).fill(null);
  for (const attribution of paragraph.attributions) {
    const key = `${attributionType(attribution)}${isUncertain(attribution) ? "?" : ""}`;
    const spans = [...attribution.content, attribution.source, attribution.cue].filter(Boolean);
    for (const span of spans) {
      for (let i = Math.max(0, span.start); i < Math.min(span.end, chars.length); i++) {
        owner[i] ??= key;
      }
    }
  }
  const counts = Object.fromEntries(SEGMENT_KEYS.map((key) => [key, 0]));
  chars.forEach((char, i) => {
    if (!SPACE.test(char)) counts[owner[i] ?? "unattributed"] += 1;
  });
  return counts;
}

/** Adds segment counts into `total`. */
export function addCounts(total, counts) {
  for (const key of SEGMENT_KEYS) total[key] = (total[key] ?? 0) + (counts[key] ?? 0);
  return total;
}

/** [{key, share}] of the segments that hold any text, in drawing order. */
export function segments(counts) {
  const total = SEGMENT_KEYS.reduce((sum, key) => sum + (counts[key] ?? 0), 0);
  if (!total) return [];
  return SEGMENT_KEYS.filter((key) => counts[key] > 0).map((key) => ({ key, share: counts[key] / total }));
}

/** The segment with the largest share, the outlet's own voice included. */
export function largestSegment(shown) {
  let best = { key: "unattributed", share: 0 };
  for (const segment of shown) if (segment.share > best.share) best = segment;
  return best;
}

const sharesOf = new WeakMap(); // paragraph analysis -> its shares, counted once

/** A paragraph's displayed breakdown: segments and the largest of them. */
export function paragraphShares(paragraph) {
  let shares = sharesOf.get(paragraph);
  if (!shares) {
    const shown = segments(segmentCounts(paragraph));
    shares = { segments: shown, largest: largestSegment(shown) };
    sharesOf.set(paragraph, shares);
  }
  return shares;
}

// ---- merging the analyses of an article's chunks ---------------------------------------------

/**
 * One analysis of an article sent in several requests (each within the backend's limits).
 * Each request names its own sources, so sources of the same name and type are joined, and
 * attributions point at the joined ids; shares are recounted from the paragraphs, and the
 * summary's tones are weighted by how much text each chunk gave them.
 */
export function mergeAnalyses(analyses) {
  if (analyses.length === 1) return analyses[0];
  const sources = new Map(); // "type|name" -> merged source
  const paragraphs = [];
  const tones = { outlet: [], sources: [] };
  analyses.forEach((analysis, chunk) => {
    const idMap = new Map();
    for (const source of analysis.sources) {
      const key = `${source.type}|${source.name.toLowerCase()}`;
      const merged = sources.get(key);
      if (merged) {
        merged.attributions += source.attributions;
        merged.paragraphs.push(...source.paragraphs);
        merged.tones.push([source.sentiment, source.attributions]);
      } else {
        const id = chunk === 0 ? source.id : `${source.id}~${chunk}`;
        sources.set(key, {
          ...source,
          id,
          paragraphs: [...source.paragraphs],
          tones: [[source.sentiment, source.attributions]],
        });
      }
      idMap.set(source.id, sources.get(key).id);
    }
    const counts = {};
    for (const paragraph of analysis.paragraphs) {
      addCounts(counts, segmentCounts(paragraph));
      paragraphs.push(withSourceIds(paragraph, idMap));
    }
    const outletChars = counts.unattributed ?? 0;
    const total = SEGMENT_KEYS.reduce((sum, key) => sum + (counts[key] ?? 0), 0);
    tones.outlet.push([analysis.summary?.tone?.outlet, outletChars]);
    tones.sources.push([analysis.summary?.tone?.sources, total - outletChars]);
  });
  const merged = [...sources.values()].map(({ tones: weighted, ...source }) => ({
    ...source,
    sentiment: weightedSentiment(weighted),
  }));
  merged.sort((a, b) => b.attributions - a.attributions || a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  const byType = Object.fromEntries(SOURCE_TYPES.map((type) => [type, 0]));
  for (const analysis of analyses) {
    for (const type of SOURCE_TYPES) byType[type] += analysis.summary?.by_type?.[type] ?? 0;
  }
  return {
    ...analyses[0],
    paragraphs,
    sources: merged,
    summary: {
      paragraphs: paragraphs.length,
      attributions: analyses.reduce((sum, a) => sum + (a.summary?.attributions ?? 0), 0),
      by_type: byType,
      share: analyses[0].summary?.share, // recounted by readers from the paragraphs
      tone: { outlet: weightedSentiment(tones.outlet), sources: weightedSentiment(tones.sources) },
    },
  };
}

function withSourceIds(paragraph, idMap) {
  if (!paragraph.attributions.some((a) => a.source)) return paragraph;
  return {
    ...paragraph,
    attributions: paragraph.attributions.map((a) =>
      a.source ? { ...a, source: { ...a.source, source_id: idMap.get(a.source.source_id) ?? a.source.source_id } } : a,
    ),
  };
}

/** The weighted mean of [sentiment, weight] pairs, labelled as the backend labels (±0.05). */
export function weightedSentiment(pairs) {
  const kept = pairs.filter(([sentiment, weight]) => sentiment && weight > 0);
  const total = kept.reduce((sum, [, weight]) => sum + weight, 0);
  if (!total) return null;
  const mean = (field) => kept.reduce((sum, [s, weight]) => sum + s[field] * weight, 0) / total;
  const compound = mean("compound");
  return {
    compound,
    pos: mean("pos"),
    neu: mean("neu"),
    neg: mean("neg"),
    label: compound >= 0.05 ? "positive" : compound <= -0.05 ? "negative" : "neutral",
  };
}

/** Segment counts of a whole (merged) analysis. */
export function articleCounts(analysis) {
  const total = {};
  for (const paragraph of analysis.paragraphs) addCounts(total, segmentCounts(paragraph));
  return total;
}
