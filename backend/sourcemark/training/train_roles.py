"""Train the role tagger on PolNeAR train: `python -m sourcemark.training.train_roles`.

Reproducible (fixed seeds, sorted inputs), CPU only. Each article's first .ann file in
sorted order is its gold; paragraphs are split as `sourcemark analyze` splits them and
parsed with the pipeline's model, so the tagger learns from the features it will see.
The epoch with the best dev score (mean of source, cue and content run F1) is kept.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import fix_random_seed

from ..attribution.roles import CONTENT, CUE, ROLE_MODEL_DIR, ROLE_TAGGER, ROLES_KEY, SOURCE, runs
from ..documents import split_paragraphs
from ..evaluation.spans import Counts
from ..pipeline import load_model, matmul_ops

GOLD_ROLES = {"Source": SOURCE, "Cue": CUE, "Content": CONTENT}
SEED = 0
BATCH = 32


def gold_spans(ann: str) -> dict[int, list[tuple[int, int]]]:
    """Character pieces of each role in a BRAT .ann file (`;` splits discontinuous spans)."""
    spans: dict[int, list[tuple[int, int]]] = {role: [] for role in GOLD_ROLES.values()}
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        label, _, offsets = parts[1].partition(" ")
        if label in GOLD_ROLES:
            for piece in offsets.split(";"):
                start, end = map(int, piece.split())
                spans[GOLD_ROLES[label]].append((start, end))
    return spans


def articles(split_dir: Path, limit: int | None = None):
    """(name, text, gold role pieces) of each article, its first .ann file in sorted order."""
    anns = sorted((split_dir / "attributions").glob("*.ann"))
    for text_path in sorted((split_dir / "text").glob("*.txt"))[:limit]:
        first = next((a for a in anns if a.name.startswith(text_path.stem + "_")), None)
        if first is not None:
            text = text_path.read_text(encoding="utf-8")
            yield text_path.stem, text, gold_spans(first.read_text("utf-8"))


def tags_for(doc: Doc, offset: int, spans: dict[int, list[tuple[int, int]]]) -> list[str]:
    letters = [["O", "O", "O"] for _ in doc]
    for role, pieces in spans.items():
        for start, end in pieces:
            start, end = max(start - offset, 0), min(end - offset, len(doc.text))
            if end <= start:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            for k, token in enumerate(span or ()):
                if k == 0 or letters[token.i][role] == "O":
                    letters[token.i][role] = "B" if k == 0 else "I"
    return ["".join(t) for t in letters]


def paragraphs_at(text: str) -> list[tuple[str, int]]:
    """Each paragraph as `sourcemark analyze` splits it, with its offset in the text."""
    out, cursor = [], 0
    for paragraph in split_paragraphs(text):
        offset = text.find(paragraph, cursor)
        cursor = offset + len(paragraph)
        out.append((paragraph, offset))
    return out


def example(doc: Doc, offset: int, spans: dict[int, list[tuple[int, int]]]) -> Example:
    """A parsed paragraph beside its gold role tags."""
    reference = Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=tags_for(doc, offset, spans),
    )
    return Example(doc, reference)


def examples(nlp, split_dir: Path, limit: int | None = None) -> list[Example]:
    items = [
        (paragraph, (offset, spans))
        for _, text, spans in articles(split_dir, limit)
        for paragraph, offset in paragraphs_at(text)
    ]
    return [
        example(doc, offset, spans)
        for doc, (offset, spans) in nlp.pipe(items, as_tuples=True, batch_size=128)
    ]


def run_f1(predicted: list[list[str]], gold: list[list[str]], role: int) -> float:
    """Overlap F1 of one role's runs."""
    hits_p = hits_g = n_p = n_g = 0
    for p_tags, g_tags in zip(predicted, gold, strict=True):
        p_runs, g_runs = runs(p_tags, role), runs(g_tags, role)
        n_p += len(p_runs)
        n_g += len(g_runs)
        hits_p += sum(any(s < ge and gs < e for gs, ge in g_runs) for s, e in p_runs)
        hits_g += sum(any(s < pe and ps < e for ps, pe in p_runs) for s, e in g_runs)
    return Counts(tp_pred=hits_p, pred=n_p, tp_gold=hits_g, gold=n_g).f1


def score(tagger, dev: list[Example]) -> dict[str, float]:
    docs = list(tagger.pipe([eg.predicted for eg in dev], batch_size=256))
    predicted = [doc.user_data[ROLES_KEY] for doc in docs]
    gold = [[t.tag_ for t in eg.reference] for eg in dev]
    result = {name: run_f1(predicted, gold, role) for name, role in GOLD_ROLES.items()}
    result["mean"] = sum(result.values()) / len(GOLD_ROLES)
    return result


def train(nlp, train_set: list[Example], dev_set: list[Example], epochs: int, out: Path):
    """Train the tagger; after each epoch, keep it in `out` if it beats the best on dev."""
    with matmul_ops():
        tagger = nlp.add_pipe(ROLE_TAGGER)
    tagger.initialize(lambda: train_set, nlp=nlp)
    optimizer = tagger.create_optimizer()
    shuffler = random.Random(SEED)
    best = -1.0
    for epoch in range(epochs):
        started = time.time()
        shuffler.shuffle(train_set)
        losses: dict[str, float] = {}
        for i in range(0, len(train_set), BATCH):
            tagger.update(train_set[i : i + BATCH], sgd=optimizer, losses=losses)
        result = score(tagger, dev_set)
        kept = result["mean"] > best
        if kept:
            best = result["mean"]
            out.mkdir(parents=True, exist_ok=True)
            tagger.to_disk(out, exclude=["vocab"])
        figures = "  ".join(f"{k} {v:.3f}" for k, v in result.items())
        print(
            f"epoch {epoch}: {time.time() - started:.0f}s, loss {losses[tagger.name]:.0f}, "
            f"dev run F1: {figures}{'  (kept)' if kept else ''}",
            flush=True,
        )
    return best


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parents[3]
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=repo.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROLE_MODEL_DIR)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--limit", type=int, help="only the first N articles (smoke tests)")
    args = parser.parse_args(argv)
    polnear = args.data / "polnear"
    if not (polnear / "train").is_dir():
        print(f"no PolNeAR train at {polnear}; nothing to train")
        return 1

    fix_random_seed(SEED)
    nlp = load_model()
    started = time.time()
    train_set = examples(nlp, polnear / "train", args.limit)
    dev_set = examples(nlp, polnear / "dev", args.limit)
    print(
        f"{len(train_set)} train and {len(dev_set)} dev paragraphs parsed "
        f"in {time.time() - started:.0f}s"
    )
    train(nlp, train_set, dev_set, args.epochs, args.out)
    print(f"role tagger written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
