"""PolNeAR dev: spans, content characters, linked attributions and source types."""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .articles import Predicted, analyze_text, join_continuations
from .confidence import Judged, judge, reliability_table
from .ggt import named_right
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
    # Labelled sources by (gold type, "total" | "found" | "right").
    types: Counter = field(default_factory=Counter)

    def add(self, other: Scores) -> None:
        for key, counts in other.spans.items():
            self.spans[key].add(counts)
        self.content_chars.add(other.content_chars)
        self.linked.add(other.linked)
        self.types.update(other.types)

    def _types(self, stage: str) -> int:
        return sum(n for (_, s), n in self.types.items() if s == stage)

    @property
    def types_total(self) -> int:
        return self._types("total")

    @property
    def types_found(self) -> int:
        return self._types("found")

    @property
    def types_right(self) -> int:
        return self._types("right")

    def metric(self, name: str) -> float:
        """One figure by name, as METRICS lists them."""
        if name == "types overall":
            return self.types_right / self.types_total if self.types_total else 0.0
        if name == "types among found":
            return self.types_right / self.types_found if self.types_found else 0.0
        if name == "person named right":
            checked = self.types["named_person", "name checked"]
            return self.types["named_person", "name right"] / checked if checked else 0.0
        if name == "share found":
            return self.types_found / self.types_total if self.types_total else 0.0
        if name == "linked":
            return self.linked.f1
        if name == "content chars":
            return self.content_chars.f1
        role, mode = name.split()
        return self.spans[role, mode].f1


# The figures cross-validation and the bootstrap report.
METRICS = (
    "linked",
    "source overlap",
    "cue overlap",
    "content chars",
    "share found",
    "types among found",
    "types overall",
    "person named right",
)


@dataclass
class Errors:
    missed_cues: Counter = field(default_factory=Counter)
    false_cues: Counter = field(default_factory=Counter)  # by (kind, cue lemma)
    false_cue_texts: dict = field(default_factory=lambda: defaultdict(Counter))
    unlinked: Counter = field(default_factory=Counter)  # cue found, link failed: why
    source_bounds: list = field(default_factory=list)
    content_bounds: list = field(default_factory=list)
    type_confusions: Counter = field(default_factory=Counter)
    type_examples: dict = field(default_factory=lambda: defaultdict(list))
    types_missed: list = field(default_factory=list)
    cues_needed: Counter = field(default_factory=Counter)  # their gold cue lemma, where none
    names_wrong: list = field(default_factory=list)  # one named person, found, named wrong


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


def annotator_agreement(polnear_dir: Path) -> tuple[Scores, int, int]:
    """How far PolNeAR's own annotators agree under these metrics: on every article that
    several annotators marked (train and dev), each later .ann scored against the first,
    as the system is. Returns the scores, the number of pairs and of articles."""
    scores, pairs, articles = Scores(), 0, 0
    for split in ("train", "dev"):
        for anns in annotations_by_article(polnear_dir / split).values():
            if len(anns) < 2:
                continue
            articles += 1
            first = parse_ann(anns[0].read_text(encoding="utf-8"))
            for other in anns[1:]:
                pairs += 1
                add_scores(first, parse_ann(other.read_text(encoding="utf-8")), scores)
    return scores, pairs, articles


def annotations_by_article(split_dir: Path) -> dict[str, list[Path]]:
    """Each article's .ann files in sorted order: the first is its gold, any later ones
    another annotator's marking of the same text."""
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        by_article[ann.name.rsplit("_", 1)[0]].append(ann)
    return by_article


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
            key = (p.kind, cue_lemma(p.cue_text) if p.cue_text else "<no cue>")
            errors.false_cues[key] += 1
            errors.false_cue_texts[key][p.cue_text.lower()] += 1


@cache
def _lemmatizer():
    from ..pipeline import load_model

    return load_model(role_model=None)


def cue_lemma(text: str) -> str:
    """The lemma a cue's text turns on: its last verb ("had told": tell), else its last word
    ("according to", "―")."""
    if text.lower().startswith("according"):
        return "according to"
    doc = _lemmatizer()(text)
    verbs = [t for t in doc if t.pos_ in ("VERB", "AUX")]
    words = verbs or [t for t in doc if not t.is_space] or list(doc)
    return words[-1].lemma_.lower() if words else text


def load_type_labels(data_dir: Path, split: str) -> dict[str, list[dict]]:
    """Source-type labels of one split by article, `unclear` (not a real source) left out."""
    path = data_dir / "polnear_source_types" / f"{split}.jsonl"
    by_doc: dict[str, list[dict]] = defaultdict(list)
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else None
            if item and item["type"] != "unclear":
                by_doc[item["doc"]].append(item)
    return by_doc


def labels_found(labels: list[dict], relations: list[Relation]) -> int:
    """How many labelled sources some attribution's source overlaps."""
    return sum(
        any(r.source and overlaps(((item["start"], item["end"]),), r.source) for r in relations)
        for item in labels
    )


NEEDS_A_CUE = "no attribution found there (needs a cue)"


def why_missed(span: Span, gold: list[Relation], predicted: list[Predicted]) -> str:
    """Why no prediction has a labelled source: what was found of its attribution."""
    for relation in (r for r in gold if overlaps(span, r.source)):
        if any(overlaps(relation.cue, p.relation.cue) for p in predicted):
            return "cue found, source put elsewhere"
        if any(overlaps(relation.content, p.relation.content) for p in predicted):
            return "content found under another cue"
        return NEEDS_A_CUE
    return "no PolNeAR attribution has this source"


def score_types(
    labels: list[dict],
    predicted: list[Predicted],
    gold: GoldArticle,
    scores: Scores,
    errors: Errors,
) -> None:
    """One article's labelled sources: the first prediction whose source overlaps each."""
    text = gold.text
    for item in labels:
        scores.types[item["type"], "total"] += 1
        span = ((item["start"], item["end"]),)
        hit = next((p for p in predicted if overlaps(span, p.relation.source)), None)
        mention = text[item["start"] : item["end"]]
        if hit is None:
            why = why_missed(span, gold.relations, predicted)
            errors.types_missed.append((mention, item["type"], why))
            if why == NEEDS_A_CUE:
                relation = next(r for r in gold.relations if overlaps(span, r.source))
                errors.cues_needed[cue_lemma(_text(text, relation.cue))] += 1
            continue
        scores.types[item["type"], "found"] += 1
        if hit.source_type == item["type"]:
            scores.types[item["type"], "right"] += 1
        else:
            errors.type_confusions[item["type"], hit.source_type] += 1
            errors.type_examples[item["type"], hit.source_type].append(
                f"{mention!r} -> {hit.source_name!r} ({item.get('referent', '')})"
            )
        referent = re.sub(r"\(.*?\)", "", item.get("referent", "")).strip()
        if item["type"] == "named_person" and referent and not re.search(r",| and ", referent):
            # One person: is the source named by the last word of the label's referent?
            scores.types["named_person", "name checked"] += 1
            right = named_right(referent, hit.source_name)
            scores.types["named_person", "name right"] += right
            if not right:
                errors.names_wrong.append(f"{mention!r} -> {hit.source_name!r} ({referent})")


def score_article(
    gold: GoldArticle, predicted: list[Predicted], labels: list[dict], errors: Errors
) -> Scores:
    """One article's scores: spans, linked attributions (continuations joined as PolNeAR
    marks them) and labelled source types."""
    scores = Scores()
    predicted = join_continuations(predicted)
    matches = add_scores(gold.relations, [p.relation for p in predicted], scores)
    _collect_errors(gold, predicted, matches, errors)
    score_types(labels, predicted, gold, scores, errors)
    return scores


def evaluate(
    data_dir: Path, limit: int | None = None, pipeline=None, judged: list[Judged] | None = None
) -> tuple[dict[str, Scores], Errors]:
    """Dev's scores by article, and the errors; each attribution judged into `judged`."""
    articles = load_split(data_dir / "polnear", "dev", limit)
    labels = load_type_labels(data_dir, "dev")
    errors = Errors()
    by_article = {}
    for article in articles:
        predicted = analyze_text(article.text, pipeline)[0]
        found = labels[article.name]
        by_article[article.name] = score_article(article, predicted, found, errors)
        if judged is not None:
            judged += judge(article.relations, predicted, found)
    return by_article, errors


def pooled(by_article: dict[str, Scores]) -> Scores:
    total = Scores()
    for scores in by_article.values():
        total.add(scores)
    return total


def bootstrap_intervals(
    by_article: dict[str, Scores], rounds: int = 1000, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """95% intervals of each of METRICS, resampling articles with replacement."""
    articles = list(by_article.values())
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {m: [] for m in METRICS}
    for _ in range(rounds):
        total = Scores()
        for scores in rng.choices(articles, k=len(articles)):
            total.add(scores)
        for metric in METRICS:
            samples[metric].append(total.metric(metric))
    low, high = int(0.025 * rounds), int(0.975 * rounds) - 1
    return {m: (sorted(v)[low], sorted(v)[high]) for m, v in samples.items()}


# Issue 10's goals (a second annotator's agreement) and issue 14's for source types.
GOALS = {
    "source overlap": 0.85,
    "cue overlap": 0.81,
    "content chars": 0.91,
    "linked": 0.80,
    "types overall": 0.93,
    "types among found, each type": 0.90,
}
TYPES = ("named_person", "named_organization", "anonymous", "vague", "document")
CALIBRATION_NOTE = (
    "(the shipped calibrator was fitted on train and dev together; `make crossval` prints\n"
    "the same table with each fold's confidence from a calibrator fitted on the other folds)"
)


def _rows(scores: Scores) -> list[tuple[str, str | None, Counts]]:
    """(row name, metric name for its interval and goal, counts) in the table's order."""
    rows = [
        (f"{role} span {mode}", f"{role} {mode}" if mode == "overlap" else None, counts)
        for (role, mode), counts in scores.spans.items()
    ]
    rows.append(("content characters", "content chars", scores.content_chars))
    rows.append(("linked attribution", "linked", scores.linked))
    return rows


def _interval(intervals: dict[str, tuple[float, float]], metric: str | None) -> str:
    if metric is None or metric not in intervals:
        return ""
    low, high = intervals[metric]
    return f"{low:.3f}-{high:.3f}"


def format_scores(
    by_article: dict[str, Scores], agreement: tuple[Scores, int, int] | None = None
) -> str:
    """The system's scores with a bootstrap interval over articles, beside the goals and,
    when given, the annotators' agreement F1."""
    scores = pooled(by_article)
    intervals = bootstrap_intervals(by_article)
    system = _rows(scores)
    humans = [c.f1 for _, _, c in _rows(agreement[0])] if agreement else [""] * len(system)
    rows = [
        [name, c.precision, c.recall, c.f1, _interval(intervals, m), GOALS.get(m, ""), human]
        for (name, m, c), human in zip(system, humans, strict=True)
    ]
    header = ["PolNeAR dev", "P", "R", "F1", "95% interval", "goal", "annotators F1"]
    table = render(header, rows)
    table += f"\n(interval: 1,000 bootstrap resamples of the {len(by_article)} dev articles)"
    if agreement is not None:
        _, pairs, articles = agreement
        table += (
            f"\n(annotators F1: each later annotator of the {articles} articles PolNeAR had"
            f" marked by several people, {pairs} pairs in train and dev, scored against the"
            " first as the system is)"
        )
    return f"{table}\n\n{format_types(scores, intervals)}"


def format_types(scores: Scores, intervals: dict[str, tuple[float, float]]) -> str:
    rows = [
        ["labelled sources (not unclear)", scores.types_total, "", ""],
        ["share found", scores.metric("share found"), _interval(intervals, "share found"), ""],
        [
            "accuracy among found",
            scores.metric("types among found"),
            _interval(intervals, "types among found"),
            "",
        ],
    ]
    for kind in TYPES:
        found = scores.types[kind, "found"]
        right = scores.types[kind, "right"] / found if found else 0.0
        goal = GOALS["types among found, each type"]
        rows.append([f"  {kind} ({found} of {scores.types[kind, 'total']} found)", right, "", goal])
    rows.append(
        [
            "one person, named by the referent's last word",
            scores.metric("person named right"),
            _interval(intervals, "person named right"),
            "",
        ]
    )
    rows.append(
        [
            "accuracy overall (found x right)",
            scores.metric("types overall"),
            _interval(intervals, "types overall"),
            GOALS["types overall"],
        ]
    )
    return render(["source types (labelled dev)", "value", "95% interval", "goal"], rows)


def format_errors(errors: Errors, top: int = 25, title: str = "PolNeAR dev errors") -> str:
    lines = ["", title]

    def counter(title: str, counts: Counter) -> None:
        lines.append(f"\n## {title} ({sum(counts.values())})")
        lines.extend(f"  {n:4d}  {key}" for key, n in counts.most_common(top))

    counter("missed cues (gold cue text)", errors.missed_cues)
    lines.append(f"\n## false cues by kind and lemma ({sum(errors.false_cues.values())})")
    for (kind, lemma), n in errors.false_cues.most_common(top * 2):
        texts = ", ".join(t for t, _ in errors.false_cue_texts[kind, lemma].most_common(3))
        lines.append(f"  {n:4d}  {kind:12s} {lemma:16s} ({texts})")
    by_kind = Counter()
    for (kind, _), n in errors.false_cues.items():
        by_kind[kind] += n
    lines.append("  by kind: " + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()))
    counter("cue found but link failed", errors.unlinked)
    lines.append(f"\n## source boundary errors ({len(errors.source_bounds)}), gold | predicted")
    lines.extend(f"  {g!r} | {p!r}" for g, p in errors.source_bounds[:top])
    lines.append(f"\n## content missed with cue found ({len(errors.content_bounds)}), gold | pred")
    lines.extend(f"  {g!r}\n    | {p!r}" for g, p in errors.content_bounds[:top])
    counter("source types found but wrong (gold, predicted)", errors.type_confusions)
    for key, examples in sorted(errors.type_examples.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"  {key}:")
        lines.extend(f"      {e}" for e in examples[:top])
    lines.append(f"\n## labelled sources not found ({len(errors.types_missed)}), by why")
    reasons = Counter(why for _, _, why in errors.types_missed)
    for why, n in reasons.most_common():
        lines.append(f"  {n:4d}  {why}")
        examples = [(m, t) for m, t, w in errors.types_missed if w == why]
        lines.extend(f"          {m!r} ({t})" for m, t in examples[:top])
        if why == NEEDS_A_CUE:
            lemmas = ", ".join(f"{lemma} {n}" for lemma, n in errors.cues_needed.most_common(top))
            lines.append(f"        their gold cues, by lemma: {lemmas}")
    lines.append(f"\n## one named person found, named wrong ({len(errors.names_wrong)})")
    lines.extend(f"  {e}" for e in errors.names_wrong[:top])
    return "\n".join(lines)


def run(data_dir: Path, errors: bool = False, limit: int | None = None) -> str:
    if not (data_dir / "polnear" / "dev").is_dir():
        return f"PolNeAR: skipped, no {data_dir / 'polnear' / 'dev'}"
    judged: list[Judged] = []
    by_article, found_errors = evaluate(data_dir, limit, judged=judged)
    out = format_scores(by_article, annotator_agreement(data_dir / "polnear"))
    title = "confidence (dev)"
    out += f"\n\n{reliability_table(judged, title)}\n{CALIBRATION_NOTE}"
    return out + ("\n" + format_errors(found_errors) if errors else "")
