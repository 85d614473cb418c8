"""Turns parses and attributions into the contract: per-paragraph figures, roster, summary."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from . import deadline
from .contract import BREAKDOWN_KEYS, SOURCE_TYPES
from .tone import ToneAnalyzer, weighted_mean
from .tone.analyzer import Sentences
from .tone.scoring import Scored
from .tone.spans import Span, merge, quotation_spans, subtract


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


def type_counts(text: str, owner: list[str | None]) -> Counter[str]:
    """Non-space characters by source type ("unattributed" for the outlet's own voice)."""
    return Counter(
        kind or "unattributed" for ch, kind in zip(text, owner, strict=True) if not ch.isspace()
    )


def shares(counts: Counter[str]) -> dict[str, float]:
    """Fractions of the counted characters by source type; all zero when there are none."""
    total = sum(counts.values())
    return {k: (round(counts[k] / total, 4) if total else 0.0) for k in BREAKDOWN_KEYS}


_TRIM = " \t\n\r\u00a0,;:-–—"


def unattributed_spans(sentences: Sentences, owner: list[str | None]) -> list[dict]:
    """Stretches of each sentence that no attribution covers: the outlet's own voice."""
    text = sentences.text
    spans = []
    for sent_start, sent_end in sentences.spans:
        i = sent_start
        while i < sent_end:
            if owner[i] is not None:
                i += 1
                continue
            j = i
            while j < sent_end and owner[j] is None:
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
    source_tones: dict[str, list[Scored]] = defaultdict(list)
    source_paragraphs: dict[str, list[str]] = defaultdict(list)
    source_counts: Counter[str] = Counter()
    # The outlet's own voice against what its sources say, in quotes or attributed.
    voice_tones: dict[str, list[Scored]] = {"outlet": [], "sources": []}

    for pid, doc, found in zip(ids, docs, attributions, strict=True):
        deadline.check()
        sentences = Sentences(doc)
        text = sentences.text
        owner = _covered_types(text, found)
        counts = type_counts(text, owner)
        char_totals += counts
        said: list[Span] = []
        toned = []
        for attribution in found:
            spans = [(c["start"], c["end"]) for c in attribution["content"]]
            said += spans
            pieces = tone.pieces(doc, spans, sentences)
            toned.append({**attribution, "sentiment": weighted_mean(pieces) if pieces else None})
            source = attribution["source"]
            if source:
                sid = source["source_id"]
                source_counts[sid] += 1
                source_tones[sid] += pieces
                if pid not in source_paragraphs[sid]:
                    source_paragraphs[sid].append(pid)
        unattributed = unattributed_spans(sentences, owner)
        # Quotation marks count as a source's words even where no attribution was found.
        others_voice = merge(said + quotation_spans(text))
        own_voice = subtract([(s["start"], s["end"]) for s in unattributed], others_voice)
        voice_tones["sources"] += tone.pieces(doc, others_voice, sentences)
        voice_tones["outlet"] += tone.pieces(doc, own_voice, sentences)
        paragraphs.append(
            {
                "id": pid,
                "text": text,
                "sentences": [{"start": s, "end": e} for s, e in sentences.spans],
                "attributions": toned,
                "unattributed": unattributed,
                "sentiment": tone.paragraph(doc, sentences),
                "markers": tone.markers(doc, said, sentences),
                "breakdown": shares(counts),
            }
        )

    sources = [
        {
            "id": s["id"],
            "name": s["name"],
            "type": s["type"],
            "attributions": source_counts[s["id"]],
            "paragraphs": source_paragraphs[s["id"]],
            "sentiment": weighted_mean(source_tones[s["id"]]) if source_tones[s["id"]] else None,
        }
        for s in roster
        if source_counts[s["id"]]
    ]
    sources.sort(key=lambda s: (-s["attributions"], s["name"].lower()))
    all_attributions = [a for found in attributions for a in found]
    by_type = Counter(a["source"]["type"] if a["source"] else "vague" for a in all_attributions)
    summary = {
        "paragraphs": len(paragraphs),
        "attributions": len(all_attributions),
        "by_type": {k: by_type[k] for k in SOURCE_TYPES},
        "share": shares(char_totals),
        "tone": {
            voice: weighted_mean(tones) if tones else None for voice, tones in voice_tones.items()
        },
    }
    return {"paragraphs": paragraphs, "sources": sources, "summary": summary}
