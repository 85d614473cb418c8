"""PolNeAR dev: spans, content characters, linked attributions and source types."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .articles import Predicted, analyze_text, join_continuations
from .spans import (
    Counts,
    Relation,
    Span,
    char_counts,
    linked_matches,
    normalize,
    overlaps,
    span_counts,
)
from .table import render

ROLES = ("source", "cue", "content")


@dataclass
class GoldArticle:
    name: str
    text: str
    relations: list[Relation]


def parse_ann(ann: str) -> list[Relation]:
    """Attributions of a BRAT .ann file; `;` separates the pieces of a discontinuous span."""
    spans: dict[str, Span] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            offsets = parts[1].split(" ", 1)[1]
            pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
            spans[parts[0]] = normalize(pieces)
        elif parts[0].startswith("E"):
            events.append(parts[1].split())
    relations = []
    for arguments in events:
        roles: dict[str, list] = defaultdict(list)
        for argument in arguments[1:]:
            role, ref = argument.split(":")
            roles[re.sub(r"\d+$", "", role).lower()].extend(spans.get(ref, ()))
        relations.append(
            Relation(
                cue=normalize(roles["cue"]),
                source=normalize(roles["source"]),
                content=normalize(roles["content"]),
            )
        )
    return relations


def load_split(polnear_dir: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """Each article with the first .ann file for it in sorted order."""
    texts = sorted((polnear_dir / split / "text").glob("*.txt"))[:limit]
    anns = sorted((polnear_dir / split / "attributions").glob("*.ann"))
    articles = []
    for text_path in texts:
        first = next((a for a in anns if a.name.startswith(text_path.stem + "_")), None)
        if first is None:
            continue
        relations = parse_ann(first.read_text(encoding="utf-8"))
        articles.append(
            GoldArticle(text_path.stem, text_path.read_text(encoding="utf-8"), relations)
        )
    return articles


@dataclass
class Scores:
    spans: dict[tuple[str, str], Counts] = field(
        default_factory=lambda: {(r, m): Counts() for r in ROLES for m in ("exact", "overlap")}
    )
    content_chars: Counts = field(default_factory=Counts)
    linked: Counts = field(default_factory=Counts)
    types_total: int = 0
    types_found: int = 0
    types_right: int = 0


@dataclass
class Errors:
    missed_cues: Counter = field(default_factory=Counter)
    false_cues: Counter = field(default_factory=Counter)
    unlinked: Counter = field(default_factory=Counter)  # cue found, link failed: why
    source_bounds: list = field(default_factory=list)
    content_bounds: list = field(default_factory=list)
    type_confusions: Counter = field(default_factory=Counter)
    type_examples: dict = field(default_factory=lambda: defaultdict(list))
    types_missed: list = field(default_factory=list)


def _text(text: str, span: Span) -> str:
    return " … ".join(text[s:e] for s, e in span).replace("\n", " ")


def add_scores(gold: list[Relation], predicted: list[Relation], scores: Scores) -> list:
    """Adds one article's span, character and linked counts; returns the linked matches."""
    for role in ROLES:
        g = [getattr(r, role) for r in gold]
        p = [getattr(r, role) for r in predicted]
        for mode in ("exact", "overlap"):
            scores.spans[role, mode].add(span_counts(g, p, mode))
    scores.content_chars.add(char_counts([r.content for r in gold], [r.content for r in predicted]))
    matches = linked_matches(gold, predicted)
    matched = sum(m is not None for m in matches)
    scores.linked.add(
        Counts(tp_pred=matched, pred=len(predicted), tp_gold=matched, gold=len(matches))
    )
    return matches


def score_article(
    gold: GoldArticle, predicted: list[Predicted], scores: Scores, errors: Errors
) -> None:
    matches = add_scores(gold.relations, [p.relation for p in predicted], scores)
    _collect_errors(gold, predicted, matches, errors)


def annotator_agreement(polnear_dir: Path) -> tuple[Scores, int, int]:
    """How far PolNeAR's own annotators agree under these metrics: on every article that
    several annotators marked (train and dev), each later .ann scored against the first,
    as the system is. Returns the scores, the number of pairs and of articles."""
    scores, pairs, articles = Scores(), 0, 0
    for split in ("train", "dev"):
        by_article: dict[str, list[Path]] = defaultdict(list)
        for ann in sorted((polnear_dir / split / "attributions").glob("*.ann")):
            by_article[ann.name.rsplit("_", 1)[0]].append(ann)
        for anns in by_article.values():
            if len(anns) < 2:
                continue
            articles += 1
            first = parse_ann(anns[0].read_text(encoding="utf-8"))
            for other in anns[1:]:
                pairs += 1
                add_scores(first, parse_ann(other.read_text(encoding="utf-8")), scores)
    return scores, pairs, articles


def _collect_errors(gold: GoldArticle, predicted, matches, errors: Errors) -> None:
    text = gold.text
    for g, m in zip(gold.relations, matches, strict=True):
        if m is not None:
            p = predicted[m].relation
            if g.source and normalize(g.source) != normalize(p.source):
                errors.source_bounds.append((_text(text, g.source), _text(text, p.source)))
            continue
        same_cue = [p for p in predicted if overlaps(g.cue, p.relation.cue)]
        if not same_cue:
            errors.missed_cues[_text(text, g.cue).lower()] += 1
            continue
        p = same_cue[0].relation
        if not overlaps(g.content, p.content):
            errors.unlinked["content missed"] += 1
            pair = (_text(text, g.content)[:160], _text(text, p.content)[:160])
            errors.content_bounds.append(pair)
        elif g.source and not p.source:
            errors.unlinked["source missing"] += 1
        elif g.source:
            errors.unlinked["source wrong"] += 1
            errors.source_bounds.append((_text(text, g.source), _text(text, p.source) + "  ✗"))
    gold_cues = [g.cue for g in gold.relations]
    for p in predicted:
        if not any(overlaps(p.relation.cue, c) for c in gold_cues):
            errors.false_cues[p.cue_text.lower() or f"<{p.kind}, no cue>"] += 1


def score_types(
    labels: list[dict],
    predicted: dict[str, list[Predicted]],
    texts: dict[str, str],
    scores: Scores,
    errors: Errors,
) -> None:
    """First prediction whose source overlaps the labelled span; `unclear` is left out."""
    for item in labels:
        if item["type"] == "unclear" or item["doc"] not in predicted:
            continue
        scores.types_total += 1
        span = ((item["start"], item["end"]),)
        hit = next((p for p in predicted[item["doc"]] if overlaps(span, p.relation.source)), None)
        mention = texts[item["doc"]][item["start"] : item["end"]]
        if hit is None:
            errors.types_missed.append((mention, item["type"]))
            continue
        scores.types_found += 1
        if hit.source_type == item["type"]:
            scores.types_right += 1
        else:
            errors.type_confusions[item["type"], hit.source_type] += 1
            errors.type_examples[item["type"], hit.source_type].append(
                f"{mention!r} -> {hit.source_name!r} ({item.get('referent', '')})"
            )


def evaluate(data_dir: Path, limit: int | None = None, pipeline=None) -> tuple[Scores, Errors]:
    polnear_dir = data_dir / "polnear"
    articles = load_split(polnear_dir, "dev", limit)
    scores, errors = Scores(), Errors()
    predictions: dict[str, list[Predicted]] = {}
    for article in articles:
        predicted = join_continuations(analyze_text(article.text, pipeline)[0])
        predictions[article.name] = predicted
        score_article(article, predicted, scores, errors)
    labels_path = data_dir / "polnear_source_types" / "dev.jsonl"
    if labels_path.exists():
        labels = [json.loads(line) for line in labels_path.read_text().splitlines() if line]
        texts = {a.name: a.text for a in articles}
        score_types(labels, predictions, texts, scores, errors)
    return scores, errors


GOALS = {
    ("source", "overlap"): 0.88,
    ("cue", "overlap"): 0.88,
    "content_chars": 0.80,
    "linked": 0.75,
    "types": 0.93,
}


def _rows(scores: Scores) -> list[tuple[str, Counts, float | str]]:
    """(row name, counts, goal) in the table's order."""
    rows = [
        (f"{role} span {mode}", scores.spans[role, mode], GOALS.get((role, mode), ""))
        for role in ROLES
        for mode in ("exact", "overlap")
    ]
    rows.append(("content characters", scores.content_chars, GOALS["content_chars"]))
    rows.append(("linked attribution", scores.linked, GOALS["linked"]))
    return rows


def format_scores(scores: Scores, agreement: tuple[Scores, int, int] | None = None) -> str:
    """The system's scores beside the goals and, when given, the annotators' agreement F1."""
    system = _rows(scores)
    humans = [c.f1 for _, c, _ in _rows(agreement[0])] if agreement else [""] * len(system)
    rows = [
        [name, c.precision, c.recall, c.f1, goal, human]
        for (name, c, goal), human in zip(system, humans, strict=True)
    ]
    table = render(["PolNeAR dev", "P", "R", "F1", "goal", "annotators F1"], rows)
    if agreement is not None:
        _, pairs, articles = agreement
        table += (
            f"\n(annotators F1: each later annotator of the {articles} articles PolNeAR had"
            f" marked by several people, {pairs} pairs in train and dev, scored against the"
            " first as the system is)"
        )
    total = scores.types_total or 1
    found = scores.types_found or 1
    types = render(
        ["source types (labelled dev)", "value", "goal"],
        [
            ["labelled sources (not unclear)", scores.types_total, ""],
            ["share found", scores.types_found / total, ""],
            ["accuracy among found", scores.types_right / found, ""],
            ["accuracy overall", scores.types_right / total, GOALS["types"]],
        ],
    )
    return f"{table}\n\n{types}"


def format_errors(errors: Errors, top: int = 25) -> str:
    lines = ["", "PolNeAR dev errors"]

    def counter(title: str, counts: Counter) -> None:
        lines.append(f"\n## {title} ({sum(counts.values())})")
        lines.extend(f"  {n:4d}  {key}" for key, n in counts.most_common(top))

    counter("missed cues (gold cue text)", errors.missed_cues)
    counter("false-positive cues (predicted cue text)", errors.false_cues)
    counter("cue found but link failed", errors.unlinked)
    lines.append(f"\n## source boundary errors ({len(errors.source_bounds)}), gold | predicted")
    lines.extend(f"  {g!r} | {p!r}" for g, p in errors.source_bounds[:top])
    lines.append(f"\n## content missed with cue found ({len(errors.content_bounds)}), gold | pred")
    lines.extend(f"  {g!r}\n    | {p!r}" for g, p in errors.content_bounds[:top])
    counter("type confusions (gold, predicted)", errors.type_confusions)
    for key, examples in sorted(errors.type_examples.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"  {key}:")
        lines.extend(f"      {e}" for e in examples[:6])
    lines.append(f"\n## labelled sources not found ({len(errors.types_missed)})")
    lines.extend(f"  {m!r} ({t})" for m, t in errors.types_missed[:top])
    return "\n".join(lines)


def run(data_dir: Path, errors: bool = False, limit: int | None = None) -> str:
    if not (data_dir / "polnear" / "dev").is_dir():
        return f"PolNeAR: skipped, no {data_dir / 'polnear' / 'dev'}"
    scores, found_errors = evaluate(data_dir, limit)
    out = format_scores(scores, annotator_agreement(data_dir / "polnear"))
    return out + ("\n" + format_errors(found_errors) if errors else "")
