"""Train the role tagger on PolNeAR train: `python -m sourcemark.training.train_roles`.

Reproducible (fixed seeds, sorted inputs), CPU only. Each article's first .ann file in
sorted order is its gold; paragraphs are split as `sourcemark analyze` splits them and
parsed with the pipeline's model, so the tagger learns from the features it will see.

Two steps. A wide teacher with its own CNN (TEACHER_CONFIG) learns the gold tags; the epoch
with the best dev score (mean of source, cue and content run F1) is kept. The shipped
tagger (roles.MODEL_CONFIG), which reads the pipeline's tok2vec output instead of its own,
then learns the teacher's softened probabilities on the train paragraphs for a fixed
number of epochs. Trained on the gold tags directly, a narrow tagger scored as well on
runs, but its probabilities, which the engine's thresholds and calibrator read, were not
the teacher's: linked F1 on dev fell by 0.01. Distilled at temperature 2 it gave 0.774
and 0.779 in two runs against the teacher's 0.778 (at 1, 0.772 to 0.776); a run's seed and
data order move it by about 0.005. `--teacher DIR` distils from a tagger trained before,
built as DIR's roles.ARCHITECTURE_FILE says (the wide teacher's config if it has none).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import numpy
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import fix_random_seed

from ..attribution import title_case
from ..attribution.roles import (
    ARCHITECTURE_FILE,
    CONTENT,
    CUE,
    MODEL_CONFIG,
    ROLE_MODEL_DIR,
    ROLE_TAGGER,
    ROLES_KEY,
    SOURCE,
    architecture,
    model_settings,
    runs,
    tagger_config,
)
from ..documents import split_paragraphs
from ..evaluation.spans import Counts
from ..pipeline import load_model, matmul_ops

GOLD_ROLES = {"Source": SOURCE, "Cue": CUE, "Content": CONTENT}
SEED = 0
BATCH = 32
DISTILL_EPOCHS = 12
# The teacher has seen the train paragraphs it teaches on, so its probabilities there are
# nearly one-hot; softened, they also say which tags it found close.
TEMPERATURE = 2.0
TEACHER = "sourcemark_roles_teacher"
TEACHER_CONFIG = tagger_config(128)


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
    items, by_article = [], []
    for _, text, spans in articles(split_dir, limit):
        placed = paragraphs_at(text)
        items += [(paragraph, (offset, spans)) for paragraph, offset in placed]
        by_article.append([paragraph for paragraph, _ in placed])
    # Read as the pipeline reads them (invisible.py, title_case.py); offsets don't move.
    docs = title_case.parse_articles(nlp, by_article, 128)
    return [
        example(doc, offset, spans) for doc, (_, (offset, spans)) in zip(docs, items, strict=True)
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
    """Train the teacher (TEACHER_CONFIG) on the gold tags, as the pipeline's ROLE_TAGGER;
    after each epoch, keep it in `out` if it beats the best on dev."""
    with matmul_ops(training=True):
        tagger = nlp.add_pipe(ROLE_TAGGER, config=model_settings(TEACHER_CONFIG))
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
            (out / ARCHITECTURE_FILE).write_text(TEACHER_CONFIG, encoding="utf-8")
        figures = "  ".join(f"{k} {v:.3f}" for k, v in result.items())
        print(
            f"epoch {epoch}: {time.time() - started:.0f}s, loss {losses[tagger.name]:.0f}, "
            f"dev run F1: {figures}{'  (kept)' if kept else ''}",
            flush=True,
        )
    return best


def _softened(scores: numpy.ndarray, temperature: float) -> numpy.ndarray:
    """softmax(scores / temperature), row by row."""
    scores = scores / temperature
    odds = numpy.exp(scores - scores.max(axis=1, keepdims=True))
    return odds / odds.sum(axis=1, keepdims=True)


def _probabilities(tagger, docs: list[Doc], temperature: float) -> list[numpy.ndarray]:
    found = []
    for i in range(0, len(docs), 256):
        for scores in tagger.model.predict(docs[i : i + 256]):  # unnormalised at inference
            found.append(_softened(tagger.model.ops.to_numpy(scores), temperature))
    return found


def distill(
    nlp,
    teacher,
    docs: list[Doc],
    epochs: int,
    out: Path,
    temperature: float = TEMPERATURE,
    config: str = MODEL_CONFIG,
) -> None:
    """Train a tagger built as `config` (the shipped roles.MODEL_CONFIG unless another is
    being tried) to give the teacher's probabilities over the tags of each token of `docs`,
    both softened by `temperature`, and write it, and its config, to `out`. Seeded here, so
    that its first weights don't depend on what training the teacher drew; it reads `docs`
    in the order given."""
    targets = _probabilities(teacher, docs, temperature)
    fix_random_seed(SEED)
    with matmul_ops(training=True):
        student = nlp.add_pipe(
            ROLE_TAGGER, name=f"{ROLE_TAGGER}_student", config=model_settings(config)
        )
    try:
        sample = [Example(doc, Doc(doc.vocab, words=[t.text for t in doc])) for doc in docs[:10]]
        student.initialize(lambda: sample, nlp=nlp, labels=list(teacher.labels))
        optimizer = student.create_optimizer()
        order = list(range(len(docs)))
        shuffler = random.Random(SEED)
        for epoch in range(epochs):
            started = time.time()
            shuffler.shuffle(order)
            for i in range(0, len(order), BATCH):
                batch = order[i : i + BATCH]
                guesses, backprop = student.model.begin_update([docs[k] for k in batch])
                # Cross-entropy between the softened distributions. The layer gives softmax
                # probabilities p in training; softmax(z / T) is p ** (1 / T), renormalised,
                # and the gradient to z is T * (guess - target) (Hinton et al. 2015).
                backprop(
                    [
                        temperature * (_softened(numpy.log(g + 1e-12), temperature) - targets[k])
                        for g, k in zip(guesses, batch, strict=True)
                    ]
                )
                student.finish_update(optimizer)
            print(f"distillation epoch {epoch}: {time.time() - started:.0f}s", flush=True)
        out.mkdir(parents=True, exist_ok=True)
        student.to_disk(out, exclude=["vocab"])
        (out / ARCHITECTURE_FILE).write_text(config, encoding="utf-8")
    finally:
        nlp.remove_pipe(student.name)


def train_and_distill(
    nlp,
    train_set: list[Example],
    dev_set: list[Example],
    epochs: int,
    out: Path,
    distill_epochs: int = DISTILL_EPOCHS,
    teacher_dir: Path | None = None,
) -> None:
    """The teacher from the gold tags (its epoch chosen on `dev_set`), unless `teacher_dir`
    holds one already, then the shipped tagger from the teacher, in `out`. nlp is left as
    it was."""
    with tempfile.TemporaryDirectory() as scratch:
        if teacher_dir is None:
            teacher_dir = Path(scratch)
            try:
                train(nlp, train_set, dev_set, epochs, teacher_dir)
            finally:
                nlp.remove_pipe(ROLE_TAGGER)
        config = model_settings(architecture(teacher_dir, TEACHER_CONFIG))
        with matmul_ops(training=True):
            teacher = nlp.add_pipe(ROLE_TAGGER, name=TEACHER, config=config)
        try:
            teacher.from_disk(teacher_dir, exclude=["vocab"])
            distill(nlp, teacher, [eg.predicted for eg in train_set], distill_epochs, out)
        finally:
            nlp.remove_pipe(TEACHER)


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parents[3]
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=repo.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROLE_MODEL_DIR)
    parser.add_argument("--epochs", type=int, default=5, help="the teacher's epochs")
    parser.add_argument("--distill-epochs", type=int, default=DISTILL_EPOCHS)
    parser.add_argument("--teacher", type=Path, help="distil from this teacher; train none")
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
    train_and_distill(
        nlp, train_set, dev_set, args.epochs, args.out, args.distill_epochs, args.teacher
    )
    print(f"role tagger written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
