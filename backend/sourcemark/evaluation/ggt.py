"""GenderGapTracker dev quotes, scored with the GenderGapTracker's own metric."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .articles import Predicted, analyze_text
from .spans import Counts, overlaps
from .table import render

THRESHOLDS = (0.3, 0.8)
# GGT separates paragraphs with "\n .\n "; the same length of whitespace keeps offsets.
GGT_SEPARATOR = "\n .\n "
BLANK_SEPARATOR = "\n  \n "
QUOTE_KINDS = {"direct", "indirect", "mixed", "according_to"}
# Issue 10's quote F1; issue 14's speaker accuracy and speaker named after resolution.
GOALS = {("f1", 0.3): 0.93, ("speaker", 0.3): 0.97, ("named", 0.3): 0.92}


def as_txt(text: str) -> str:
    """The article as a .txt whose paragraphs split_paragraphs finds, offsets unchanged."""
    return text.replace(GGT_SEPARATOR, BLANK_SEPARATOR)


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    speaker_right: int = 0
    speaker_known: int = 0  # matched gold quotes that name a speaker
    speaker_text_right: int = 0  # the same words, wherever gold's span points
    named_right: int = 0  # the source's name holds the last word of gold's resolved speaker
    named_known: int = 0  # matched gold quotes with a resolved speaker (`reference`)
    verb_right: int = 0


@dataclass
class Errors:
    missed: list = field(default_factory=list)
    spurious: Counter = field(default_factory=Counter)
    speakers: list = field(default_factory=list)
    names: list = field(default_factory=list)  # (gold's resolved speaker, predicted name)


def quote_span(p: Predicted) -> tuple[int, int] | None:
    """A prediction's quote runs from its first content start to its last content end."""
    if not p.relation.content:
        return None
    return p.relation.content[0][0], p.relation.content[-1][1]


def named_right(reference: str, name: str | None) -> bool:
    """Whether a source's resolved name holds the last word of GGT's `reference`, the
    speaker after coreference: "Darian Lonechild" is named by "Lonechild" or "Ms. Darian
    Lonechild", not by "she" or "the student"; a document by its owner's name, "Shannon
    Phillips’s statement", holds "Phillips"."""
    words = re.findall(r"\w[\w'’.-]*\w|\w", reference.lower())
    if not words or not name:
        return False
    named = re.findall(r"\w[\w'’.-]*\w|\w", name.lower())
    return words[-1] in {w.removesuffix("'s").removesuffix("’s") for w in named} | set(named)


def match_article(gold: list[dict], predicted: list[Predicted], threshold: float):
    """For each gold quote, the unmatched prediction with the largest |g ∩ p| / |g|."""
    spans = [quote_span(p) for p in predicted]
    used: set[int] = set()
    pairs = []
    for quote in gold:
        gs, ge = quote["quote_span"]
        best, best_ratio = None, 0.0
        for j, span in enumerate(spans):
            if j in used or span is None:
                continue
            ratio = max(0, min(ge, span[1]) - max(gs, span[0])) / max(1, ge - gs)
            if ratio > best_ratio:
                best, best_ratio = j, ratio
        if best is not None and best_ratio >= threshold:
            used.add(best)
            pairs.append((quote, predicted[best]))
        else:
            pairs.append((quote, None))
    return pairs


def evaluate(data_dir: Path, limit: int | None = None, pipeline=None):
    lines = (data_dir / "ggt" / "ggt_quotes_dev.jsonl").read_text(encoding="utf-8").splitlines()
    tallies = {t: Tally() for t in THRESHOLDS}
    errors = Errors()
    skipped = 0
    for line in lines[:limit]:
        article = json.loads(line)
        text = as_txt(article["text"])
        gold = [q for q in article["quotes"] if q["quote_span"]]
        skipped += len(article["quotes"]) - len(gold)
        predicted, _ = analyze_text(text, pipeline) if text.strip() else ([], None)
        # GGT marks quotes of speakers: what someone said, with a speaker (a quote that
        # carries on the last speaker has one, though not in its paragraph).
        predicted = [p for p in predicted if p.source_name and p.kind in QUOTE_KINDS]
        for threshold, tally in tallies.items():
            pairs = match_article(gold, predicted, threshold)
            tally.gold += len(gold)
            tally.pred += len(predicted)
            for quote, p in pairs:
                if p is None:
                    if threshold == THRESHOLDS[0]:
                        missed = (quote["verb"], quote["speaker"], quote["quote"][:120])
                        errors.missed.append(missed)
                    continue
                tally.matched += 1
                if p.cue_text.lower() == (quote["verb"] or "").lower():
                    tally.verb_right += 1
                if quote["reference"]:
                    tally.named_known += 1
                    if named_right(quote["reference"], p.source_name):
                        tally.named_right += 1
                    elif threshold == THRESHOLDS[0]:
                        errors.names.append((quote["reference"], p.source_name))
                speaker = quote["speaker_span"]
                if not speaker:
                    continue  # a quote with no speaker marked: nothing to check the speaker by
                tally.speaker_known += 1
                said_by = " ".join(text[a:b] for a, b in p.relation.source)
                if quote["speaker"] and quote["speaker"].lower() in said_by.lower():
                    tally.speaker_text_right += 1
                if overlaps((tuple(speaker),), p.relation.source):
                    tally.speaker_right += 1
                elif threshold == THRESHOLDS[0]:
                    errors.speakers.append((quote["speaker"], said_by or f"<{p.source_name}>"))
            if threshold == THRESHOLDS[0]:
                matched_ids = {id(p) for _, p in pairs if p is not None}
                for p in predicted:
                    if id(p) not in matched_ids:
                        errors.spurious[p.cue_text.lower() or f"<{p.kind}>"] += 1
    return tallies, errors, skipped


def format_tallies(tallies: dict[float, Tally], skipped: int) -> str:
    rows = []
    for threshold, t in tallies.items():
        quotes = Counts(tp_pred=t.matched, pred=t.pred, tp_gold=t.matched, gold=t.gold)
        m = t.matched or 1
        speakers = t.speaker_known or 1
        rows.append(
            [
                f"quotes at {threshold}",
                quotes.precision,
                quotes.recall,
                quotes.f1,
                t.speaker_right / speakers,
                t.speaker_text_right / speakers,
                t.named_right / (t.named_known or 1),
                t.verb_right / m,
                GOALS.get(("f1", threshold), ""),
                GOALS.get(("speaker", threshold), ""),
                GOALS.get(("named", threshold), ""),
            ]
        )
    header = ["GGT dev", "P", "R", "F1", "speaker", "(same words)", "named", "verb"]
    table = render([*header, "goal F1", "goal speaker", "goal named"], rows)
    notes = (
        f"({skipped} gold quotes without a quote span left out; speaker accuracy is over "
        "matched quotes whose speaker gold marks; GGT aligned speaker spans by string search,\n"
        "so some point at another mention of the same name: '(same words)' compares the text;\n"
        "'named': the source's resolved name holds the last word of gold's resolved speaker)"
    )
    return f"{table}\n{notes}"


def format_errors(errors: Errors, top: int = 25) -> str:
    lines = ["", "GGT dev errors (at 0.3)", f"\n## missed quotes ({len(errors.missed)})"]
    verbs = Counter(v.lower() if v else "<none>" for v, _, _ in errors.missed)
    lines.extend(f"  {n:4d}  {v}" for v, n in verbs.most_common(top))
    lines.extend(f"  {v!r} {s!r}: {q!r}" for v, s, q in errors.missed[:top])
    lines.append(f"\n## spurious predictions by cue ({sum(errors.spurious.values())})")
    lines.extend(f"  {n:4d}  {k}" for k, n in errors.spurious.most_common(top))
    lines.append(f"\n## wrong speakers ({len(errors.speakers)}), gold | predicted")
    lines.extend(f"  {g!r} | {p!r}" for g, p in errors.speakers[:top])
    lines.append(f"\n## speakers named wrong after resolution ({len(errors.names)}), gold | name")
    lines.extend(f"  {g!r} | {p!r}" for g, p in errors.names[:top])
    return "\n".join(lines)


def run(data_dir: Path, errors: bool = False, limit: int | None = None) -> str:
    if not (data_dir / "ggt" / "ggt_quotes_dev.jsonl").is_file():
        return f"GGT: skipped, no {data_dir / 'ggt' / 'ggt_quotes_dev.jsonl'}"
    tallies, found_errors, skipped = evaluate(data_dir, limit)
    out = format_tallies(tallies, skipped)
    return out + ("\n" + format_errors(found_errors) if errors else "")
