"""Thinc ops for running the models, never for training them.

thinc's NumpyOps does two steps of every layer one number at a time: maxout (the largest
of a unit's pieces, and which piece it was, for training) and the embedding tables' row
sums (through blis's saxpy, which runs generic kernels on CPUs it doesn't know). Here both
are numpy array operations, and matrix products go to numpy's BLAS. The sums are taken in
the same order, so every value is the same; `tests/test_matmul.py` checks the annotations.
"""

from __future__ import annotations

import numpy
from thinc.api import NumpyOps, registry


@registry.ops("SourcemarkInferenceOps")
class InferenceOps(NumpyOps):
    name = "sourcemark_inference"

    def __init__(self, device_type: str = "cpu", device_id: int = -1, **_):
        super().__init__(device_type, device_id, use_blis=False)

    def maxout(self, X):
        best = X[:, :, 0].copy()
        for piece in range(1, X.shape[2]):
            numpy.maximum(best, X[:, :, piece], out=best)
        # Which piece won is only needed to train; nothing here trains.
        return best, None

    def backprop_maxout(self, dY, which, P):
        raise NotImplementedError("InferenceOps runs models; train them with NumpyOps")

    def gather_add(self, table, indices):
        if len(indices) == 0 or indices.shape[1] == 0:
            return numpy.zeros((len(indices), table.shape[1]), dtype=table.dtype)
        total = table[indices[:, 0]]
        for column in range(1, indices.shape[1]):
            total += table[indices[:, column]]
        return total
