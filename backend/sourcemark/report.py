"""Turns parses and attributions into the contract: per-paragraph figures, roster, summary."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from .contract import BREAKDOWN_KEYS, SOURCE_TYPES
from .tone import ToneAnalyzer, weighted_mean


def _covered_types(text: str, attributions: list[dict]) -> list[str | None]:
    """The source type that owns each character; None for the outlet's own voice."""
    owner: list[str | None] = [None] * len(text)
    for attribution in attributions:
        source = attribution["source"]
        kind = source["type"] if source else "vague"  # no source given counts as vague
        spans = list(attribution["content"])
        spans += [s for s in (source, attribution["cue"]) if s]
        for span in spans:
            for i in range(span["start"], min(span["end"], len(text))):
                if owner[i] is None:
                    owner[i] = kind
    return owner


def breakdown(text: str, owner: list[str | None]) -> dict[str, float]:
    """Fractions of the paragraph's non-space characters by source type."""
    counts: Counter[str] = Counter()
    for ch, kind in zip(text, owner, strict=True):
        if not ch.isspace():
            counts[kind or "unattributed"] += 1
    total = sum(counts.values())
    return {k: (round(counts[k] / total, 4) if total else 0.0) for k in BREAKDOWN_KEYS}


_TRIM = " \t\n\r\u00a0,;:-–—"


def unattributed_spans(doc: Doc, owner: list[str | None]) -> list[dict]:
    """Stretches of each sentence that no attribution covers: the outlet's own voice."""
    text = doc.text
    spans = []
    for sent in doc.sents:
        i = sent.start_char
        while i < sent.end_char:
            if owner[i] is not None:
                i += 1
                continue
            j = i
            while j < sent.end_char and owner[j] is None:
                j += 1
            start, end = i, j
            while start < end and text[start] in _TRIM:
                start += 1
            while end > start and text[end - 1] in _TRIM:
                end -= 1
            if any(ch.isalnum() for ch in text[start:end]):
                spans.append({"start": start, "end": end, "text": text[start:end]})
            i = j
    return spans


def build_analysis(
    ids: Sequence[str],
    docs: Sequence[Doc],
    attributions: Sequence[list[dict]],
    roster: Sequence[dict],
    tone: ToneAnalyzer,
) -> dict:
    paragraphs = []
    char_totals: Counter[str] = Counter()
    source_tones: dict[str, list[tuple[dict, float]]] = defaultdict(list)
    source_paragraphs: dict[str, list[str]] = defaultdict(list)
    source_counts: Counter[str] = Counter()
    voice_tones: dict[str, list[tuple[dict, float]]] = {"outlet": [], "sources": []}

    for pid, doc, found in zip(ids, docs, attributions, strict=True):
        text = doc.text
        owner = _covered_types(text, found)
        for ch, kind in zip(text, owner, strict=True):
            if not ch.isspace():
                char_totals[kind or "unattributed"] += 1
        for attribution in found:
            spans = [(c["start"], c["end"]) for c in attribution["content"]]
            attribution_tone = tone.spans(text, spans)
            weight = sum(len(text[s:e].split()) for s, e in spans)
            voice_tones["sources"].append((attribution_tone, weight))
            source = attribution["source"]
            if source:
                sid = source["source_id"]
                source_counts[sid] += 1
                source_tones[sid].append((attribution_tone, weight))
                if pid not in source_paragraphs[sid]:
                    source_paragraphs[sid].append(pid)
        unattributed = unattributed_spans(doc, owner)
        voice_tones["outlet"] += [
            (tone.score_text(s["text"]), len(s["text"].split())) for s in unattributed
        ]
        paragraphs.append(
            {
                "id": pid,
                "text": text,
                "sentences": [{"start": s.start_char, "end": s.end_char} for s in doc.sents],
                "attributions": found,
                "unattributed": unattributed,
                "sentiment": tone.paragraph(doc),
                "markers": tone.markers(doc),
                "breakdown": breakdown(text, owner),
            }
        )

    sources = [
        {
            "id": s["id"],
            "name": s["name"],
            "type": s["type"],
            "attributions": source_counts[s["id"]],
            "paragraphs": source_paragraphs[s["id"]],
            "sentiment": weighted_mean(source_tones[s["id"]]),
        }
        for s in roster
        if source_counts[s["id"]]
    ]
    sources.sort(key=lambda s: (-s["attributions"], s["name"].lower()))
    total_chars = sum(char_totals.values())
    all_attributions = [a for found in attributions for a in found]
    by_type = Counter(
        a["source"]["type"] if a["source"] else "vague" for a in all_attributions
    )
    summary = {
        "paragraphs": len(paragraphs),
        "attributions": len(all_attributions),
        "by_type": {k: by_type[k] for k in SOURCE_TYPES},
        "share": {
            k: (round(char_totals[k] / total_chars, 4) if total_chars else 0.0)
            for k in BREAKDOWN_KEYS
        },
        "tone": {
            "outlet": weighted_mean(voice_tones["outlet"]) if voice_tones["outlet"] else None,
            "sources": weighted_mean(voice_tones["sources"]) if voice_tones["sources"] else None,
        },
    }
    return {"paragraphs": paragraphs, "sources": sources, "summary": summary}
