"""Give a shipped int8 model 7-bit weights, so that it answers the same on every x86-64 CPU.

    python tools/reduce_range.py eventwire/models/plover-minilm/model.onnx [more model.onnx ...]

Why: onnxruntime multiplies the dynamically quantized activations (unsigned 8 bits) by the int8 weights.
On CPUs with VNNI the products are summed in 32 bits; on CPUs without it (AVX2 alone, many AMD and older
Intel servers) two products are first summed in a saturating 16-bit register, and 255 x 127 x 2 does not
fit. So the full-range int8 models gave different probabilities on different machines (the type model read
"Britain recalled its ambassador to Iran." as RETREAT at 0.933 on an AVX2-only machine, below the override
bar on the machine it was trained on), and with them different events. With weights in [-64, 63]
(onnxruntime's ``reduce_range``) 255 x 64 x 2 = 32,640 fits, and every CPU computes the same integers.

How: the weights are symmetric per output channel (zero point 0), so halving each int8 weight (rounded
to the nearest) and doubling its channel's scale keeps the represented value within one old step of the
trained one. The graph is unchanged; only each ``MatMulInteger`` weight and its scale are rewritten, in
place. A model whose weights are already within [-64, 63] is left as it is. New models get the same range
from the training export (``eventwire.eval.train_model.export``: ``reduce_range=True``). Needs the
``train`` extra (the ``onnx`` package).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["matmul_weights", "reduce_weight_range", "main"]

LOW, HIGH = -64, 63  # onnxruntime's reduced int8 weight range (7 bits)


def matmul_weights(model: Any) -> Iterator[tuple[Any, Any]]:
    """Each ``MatMulInteger`` node of an ONNX model whose weight is stored in the file, with that weight's
    initializer (the dynamically quantized matrices; a weight computed at run time has none)."""
    initializers = {tensor.name: tensor for tensor in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "MatMulInteger" and node.input[1] in initializers:
            yield node, initializers[node.input[1]]


def reduce_weight_range(path: Path) -> int:
    """Rewrite path's MatMulInteger weights to [-64, 63]; returns how many weights were rewritten."""
    # lazy: onnx is the optional `train` extra; inference needs only onnxruntime
    import numpy as np
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    initializers = {tensor.name: tensor for tensor in model.graph.initializer}
    rewritten = 0
    for node, weight in matmul_weights(model):
        base = weight.name.removesuffix("_quantized")
        zero_point = numpy_helper.to_array(initializers[node.input[3]])
        if np.any(zero_point != 0):
            raise ValueError(f"{path}: {weight.name} has a non-zero zero point; only symmetric weights are handled")
        weights = numpy_helper.to_array(weight).astype(np.int32)
        if weights.min() >= LOW and weights.max() <= HIGH:
            continue
        scale = numpy_helper.to_array(initializers[base + "_scale"])
        halved = np.clip(np.rint(weights / 2.0), LOW, HIGH).astype(np.int8)
        weight.CopyFrom(numpy_helper.from_array(halved, weight.name))
        initializers[base + "_scale"].CopyFrom(numpy_helper.from_array((scale * 2).astype(scale.dtype), base + "_scale"))
        rewritten += 1
    if rewritten:
        onnx.save(model, str(path))
    return rewritten


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="+", type=Path, help="model.onnx files to rewrite in place")
    for path in parser.parse_args(argv).models:
        try:
            rewritten = reduce_weight_range(path)
        except ValueError as exc:  # the file is left as it was: nothing is saved before every weight is read
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"{path}: {rewritten} weight matrices now in [{LOW}, {HIGH}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
