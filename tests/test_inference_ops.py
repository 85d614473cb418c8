"""The inference ops give thinc's own values, faster, and refuse to train."""

import numpy
import pytest
from thinc.api import Maxout, NumpyOps, use_ops

from sourcemark.inference_ops import InferenceOps

STOCK = NumpyOps(use_blis=False)


def test_maxout_keeps_the_largest_piece_of_each_unit():
    rng = numpy.random.default_rng(7)
    pieces = rng.standard_normal((50, 16, 3)).astype("float32")
    pieces[0, 0] = [2.0, 2.0, 1.0]  # a tie
    pieces[1, 1] = [-1.0, -3.0, 5.0]  # the last piece wins
    best, _ = InferenceOps().maxout(pieces)
    expected, _ = STOCK.maxout(pieces)
    assert best.dtype == expected.dtype and best.flags.c_contiguous
    assert numpy.array_equal(best, expected)
    assert best[1, 1] == 5.0


def test_gather_add_sums_the_rows_in_thincs_order():
    rng = numpy.random.default_rng(11)
    table = rng.standard_normal((40, 8)).astype("float32")
    keys = rng.integers(0, 40, size=(30, 4)).astype("uint32")
    keys[0] = [3, 3, 3, 3]
    total = InferenceOps().gather_add(table, keys)
    assert total.shape == (30, 8)
    assert numpy.array_equal(total, STOCK.gather_add(table, keys))  # bit for bit


def test_gather_add_of_no_rows():
    table = numpy.ones((5, 4), dtype="float32")
    assert InferenceOps().gather_add(table, numpy.zeros((0, 4), dtype="uint32")).shape == (0, 4)


def test_a_layer_built_under_them_predicts_as_thincs_does_and_cannot_learn():
    X = numpy.random.default_rng(3).standard_normal((20, 10)).astype("float32")
    with use_ops(InferenceOps.name):
        layer = Maxout(6, 10, nP=3).initialize(X=X)
    assert isinstance(layer.ops, InferenceOps) and not layer.ops.use_blis
    with use_ops("numpy", use_blis=False):
        stock = Maxout(6, 10, nP=3).initialize(X=X)
    for name in ("W", "b"):
        stock.set_param(name, layer.get_param(name))
    assert numpy.array_equal(layer.predict(X), stock.predict(X))
    Y, backprop = layer.begin_update(X)
    with pytest.raises(NotImplementedError, match="train"):
        backprop(Y)
