"""Turns parses and attributions into the contract: per-paragraph figures, roster, summary."""

from __future__ import annotations

from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from . import deadline
from .attribution.invisible import text_of
from .contract import BREAKDOWN_KEYS, SOURCE_TYPES
from .tone import ToneAnalyzer, weighted_mean
from .tone.analyzer import Sentences
from .tone.scoring import Scored
from .tone.spans import Span, merge, subtract


def _owned_stretches(text: str, attributions: list[dict]) -> list[tuple[int, int, str]]:
    """The stretches of text each source type owns, apart and in order, as (start, end,
    type): the first attribution to cover a character owns it. The rest is the outlet's own
    voice. Kept as stretches, not character by character: an article has few of them."""
    owned: list[tuple[int, int, str]] = []
    for attribution in attributions:
        source = attribution["source"]
        kind = source["type"] if source else "vague"  # no source given counts as vague
        spans = list(attribution["content"])
        spans += [s for s in (source, attribution["cue"]) if s]
        for span in spans:
            for start, end in _uncovered(span["start"], min(span["end"], len(text)), owned):
                insort(owned, (start, end, kind))
    return owned


def _uncovered(start: int, end: int, owned: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The pieces of start..end that no owned stretch covers."""
    pieces = []
    for first, last, _ in owned:
        if last <= start:
            continue
        if first >= end:
            break
        if first > start:
            pieces.append((start, first))
        start = max(start, last)
    if start < end:
        pieces.append((start, end))
    return pieces


def _non_space(text: str) -> int:
    return len("".join(text.split()))  # str.split() splits where str.isspace() holds


def type_counts(text: str, owned: list[tuple[int, int, str]]) -> Counter[str]:
    """Non-space characters by source type ("unattributed" for the outlet's own voice)."""
    counts: Counter[str] = Counter()
    for start, end, kind in owned:
        counts[kind] += _non_space(text[start:end])
    counts["unattributed"] = _non_space(text) - sum(counts.values())
    return +counts  # the types with characters


def shares(counts: Counter[str]) -> dict[str, float]:
    """Fractions of the counted characters by source type; all zero when there are none."""
    total = sum(counts.values())
    # get, not [ ]: a Counter answers a missing key through a Python method.
    return {k: (round(counts.get(k, 0) / total, 4) if total else 0.0) for k in BREAKDOWN_KEYS}


_TRIM = " \t\n\r\u00a0,;:-–—"


def unattributed_spans(sentences: Sentences, owned: list[tuple[int, int, str]]) -> list[dict]:
    """Stretches of each sentence that no attribution covers: the outlet's own voice."""
    text = sentences.text
    spans = []
    for sent_start, sent_end in sentences.spans:
        for start, end in _uncovered(sent_start, sent_end, owned):
            while start < end and text[start] in _TRIM:
                start += 1
            while end > start and text[end - 1] in _TRIM:
                end -= 1
            if any(ch.isalnum() for ch in text[start:end]):
                spans.append({"start": start, "end": end, "text": text[start:end]})
    return spans


def build_analysis(
    ids: Sequence[str],
    docs: Sequence[Doc],
    attributions: Sequence[list[dict]],
    roster: Sequence[dict],
    tone: ToneAnalyzer,
    texts: Sequence[str] | None = None,
) -> dict:
    """The contract's paragraphs, sources and summary. `texts` are the docs' texts, for a
    caller that has them (spaCy joins doc.text anew on every access)."""
    texts = [text_of(doc) for doc in docs] if texts is None else texts
    paragraphs = []
    char_totals: Counter[str] = Counter()
    source_tones: dict[str, list[Scored]] = defaultdict(list)
    source_paragraphs: dict[str, list[str]] = defaultdict(list)
    source_counts: Counter[str] = Counter()
    # The outlet's own voice against what its sources say, in quotes or attributed.
    voice_tones: dict[str, list[Scored]] = {"outlet": [], "sources": []}

    for pid, doc, text, found in zip(ids, docs, texts, attributions, strict=True):
        deadline.check()
        sentences = Sentences(doc, text)
        owned = _owned_stretches(text, found)
        counts = type_counts(text, owned)
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
        unattributed = unattributed_spans(sentences, owned)
        # Quotation marks count as a source's words even where no attribution was found.
        others_voice = merge(said + sentences.quotations)
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
