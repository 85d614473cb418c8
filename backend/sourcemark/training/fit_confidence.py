"""Fits the confidence calibrator (attribution/confidence.py) from judged attributions.

The examples are cross-validation's: every attribution of PolNeAR train and dev, found by
the models of the fold that held its article out, with the features the engine gave the
calibrator and whether it was right (evaluation/confidence.py). `make crossval` fits one
calibrator per fold on the other folds' examples to print the out-of-fold reliability
table, and with `--fit-confidence FILE` writes the one fitted on all of them, which ships
as attribution/data/confidence.json. Deterministic: Newton steps from zero weights.
"""

from __future__ import annotations

import numpy as np

from ..attribution.confidence import Calibrator, Logistic
from ..evaluation.confidence import Judged

L2 = 1.0  # on the summed log loss: a feature seen a few times can't swing far
STEPS = 25


def fit_logistic(rows: list[dict[str, float]], labels: list[bool]) -> Logistic:
    """L2-regularised logistic regression (not on the bias) by Newton's method."""
    names = sorted({k for row in rows for k in row})
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    column = {n: i for i, n in enumerate(names)}
    for r, row in enumerate(rows):
        for name, value in row.items():
            x[r, column[name]] = value
    y = np.array(labels, dtype=np.float64)
    penalty = np.full(len(names) + 1, L2)
    penalty[-1] = 0.0
    w = np.zeros(len(names) + 1)
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    weights = {n: round(float(w[i]), 4) for n, i in column.items()}
    return Logistic(round(float(w[-1]), 4), weights)


def fit(judged: list[Judged]) -> Calibrator:
    """P(cue and source right) from every example; P(type right | that) from the right ones
    whose source type is labelled."""
    linked = fit_logistic([j.features for j in judged], [j.linked for j in judged])
    labelled = [j for j in judged if j.typed_right is not None]
    typed = fit_logistic([j.features for j in labelled], [j.typed_right for j in labelled])
    return Calibrator(linked, typed)
