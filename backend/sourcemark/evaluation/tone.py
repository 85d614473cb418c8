"""Tone evaluation on VADER's NYT editorial ground truth (Hutto and Gilbert, 2014).

Sentences: Pearson r and 3-class macro F1 of our sentence compound against the mean human
rating, beside plain VADER in the same run; also each snippet through spaCy's sentences, as
a paragraph would go. Paragraphs, rebuilt from the snippet ids
(<editorial>_<sentence>): our paragraph score (word-weighted mean over spaCy's sentences)
against plain VADER on the joined text, both against the mean human rating of the sentences.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..pipeline import load_model
from ..tone import ToneAnalyzer, label_for, score
from ..tone.scoring import vader, weighted_mean

GROUND_TRUTH = Path("vader") / "nytEditorialSnippets_GroundTruth.txt"
HUMAN_SCALE = 4.0  # ratings run from -4 to +4
PUBLISHED = "Hutto & Gilbert (2014) report VADER r = 0.492, F1 = 0.55 on these sentences."
LABELS = ("negative", "neutral", "positive")


@dataclass
class Snippet:
    id: str
    human: float
    text: str

    @property
    def paragraph(self) -> str:
        return self.id.split("_")[0]

    @property
    def position(self) -> int:
        return int(self.id.split("_")[1])


def read_snippets(path: Path) -> list[Snippet]:
    snippets = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            sid, rating, text = line.split("\t", 2)
            snippets.append(Snippet(sid, float(rating), text.strip()))
    return snippets


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    scores = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def _compare(human: list[float], systems: dict[str, list[float]]) -> list[tuple[str, float, float]]:
    gold = [label_for(h / HUMAN_SCALE) for h in human]
    return [
        (
            name,
            statistics.correlation(human, scores),
            macro_f1(gold, [label_for(s) for s in scores]),
        )
        for name, scores in systems.items()
    ]


def _table(title: str, rows: list[tuple[str, float, float]]) -> list[str]:
    lines = [f"  {title}", f"    {'':<54} {'Pearson r':>9} {'macro F1':>9}"]
    lines += [f"    {name:<54} {r:>9.3f} {f1:>9.3f}" for name, r, f1 in rows]
    return lines


def _worst(snippets, ours, plain, key, count=10) -> list[str]:
    order = sorted(range(len(snippets)), key=key, reverse=True)[:count]
    return [
        f"    {snippets[i].id:>7} human {snippets[i].human / HUMAN_SCALE:+.2f} "
        f"ours {ours[i]:+.2f} plain {plain[i]:+.2f}  {snippets[i].text[:90]}"
        for i in order
    ]


def run(data_dir: Path, errors: bool = False) -> str:
    path = Path(data_dir) / GROUND_TRUTH
    if not path.exists():
        return f"Tone: skipped, {path} not found.\n"
    snippets = read_snippets(path)
    nlp = load_model(Settings.from_env().model)
    tone = ToneAnalyzer(nlp)
    plain = vader()

    # Our score of a sentence, and each snippet through the whole path (spaCy may split a
    # snippet into several sentences, which are then averaged by their words).
    ours = [score(s.text)["compound"] for s in snippets]
    docs = list(nlp.pipe((s.text for s in snippets), batch_size=128))
    through_spacy = [tone.paragraph(doc)["compound"] for doc in docs]
    split = sum(len(list(doc.sents)) > 1 for doc in docs)
    vader_plain = [plain.polarity_scores(s.text)["compound"] for s in snippets]
    human = [s.human for s in snippets]
    sentence_rows = _compare(
        human,
        {
            "Sourcemark sentence score": ours,
            f"Sourcemark via spaCy sentences ({split} snippets split)": through_spacy,
            "plain VADER": vader_plain,
        },
    )

    # Paragraphs: an editorial's snippets in order, joined.
    by_paragraph: dict[str, list[int]] = defaultdict(list)
    for i, snippet in enumerate(snippets):
        by_paragraph[snippet.paragraph].append(i)
    members = [sorted(ix, key=lambda i: snippets[i].position) for ix in by_paragraph.values()]
    joined = [" ".join(snippets[i].text for i in ix) for ix in members]
    paragraph_human = [statistics.fmean(human[i] for i in ix) for ix in members]
    paragraph_docs = nlp.pipe(joined, batch_size=32)
    paragraph_rows = _compare(
        paragraph_human,
        {
            "Sourcemark: word-weighted mean of spaCy sentences": [
                tone.paragraph(doc)["compound"] for doc in paragraph_docs
            ],
            "plain VADER on the joined text": [
                plain.polarity_scores(t)["compound"] for t in joined
            ],
            "(word-weighted plain VADER over the given sentences)": [
                weighted_mean(
                    (plain.polarity_scores(snippets[i].text), len(snippets[i].text.split()))
                    for i in ix
                )["compound"]
                for ix in members
            ],
        },
    )

    lines = [
        f"Tone: VADER on NYT editorial snippets ({path})",
        f"  {len(snippets):,} sentences, {len(members)} paragraphs rebuilt from the ids; "
        "human class: mean/4 at ±0.05",
        *_table("Sentences, against their mean human rating:", sentence_rows),
        f"    {PUBLISHED}",
        *_table("Paragraphs, against the mean human rating of their sentences:", paragraph_rows),
    ]
    for name, r, f1 in sentence_rows[:2]:
        _, plain_r, plain_f1 = sentence_rows[2]
        verdict = "not worse than" if r >= plain_r and f1 >= plain_f1 else "WORSE than"
        lines.append(
            f"  {name}: {verdict} plain VADER (r {r - plain_r:+.3f}, F1 {f1 - plain_f1:+.3f})."
        )
    best = max(paragraph_rows[:2], key=lambda row: row[1])
    lines.append(f"  Paragraphs: the better score by r is: {best[0]}.")
    if errors:
        lines.append("  Largest disagreements with the human mean (sentences):")
        lines += _worst(snippets, ours, vader_plain, lambda i: abs(ours[i] - human[i] / 4))
        lines.append("  Largest differences between the spaCy path and plain VADER (sentences):")
        lines += _worst(
            snippets, through_spacy, vader_plain, lambda i: abs(through_spacy[i] - vader_plain[i])
        )
    return "\n".join(lines) + "\n"
