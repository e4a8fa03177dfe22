"""The shipped int8 models keep their weights in [-64, 63], so they answer the same on every x86-64 CPU.

Full-range int8 weights saturate onnxruntime's 16-bit sums on CPUs without VNNI: the type model then read
"Britain recalled its ambassador to Iran." as RETREAT at 0.93 on one machine and below the override bar
on another (tools/reduce_range.py says why and how)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from script_support import load_script

MODELS = Path(__file__).resolve().parents[1] / "eventwire" / "models"

onnx = pytest.importorskip("onnx", reason="the dev extra installs onnx: pip install -e '.[dev]'")


def _tool() -> Any:
    """tools/reduce_range.py, which is a script, not a module of the package."""
    return load_script("tools/reduce_range.py")


def _weight_ranges(path: Path) -> list[tuple[int, int]]:
    from onnx import numpy_helper

    ranges = []
    for _, weight in _tool().matmul_weights(onnx.load(str(path))):
        values = numpy_helper.to_array(weight)
        ranges.append((int(values.min()), int(values.max())))
    return ranges


@pytest.mark.parametrize("name", sorted(p.name for p in MODELS.iterdir() if (p / "model.onnx").is_file()))
def test_every_shipped_model_has_seven_bit_weights(name: str) -> None:
    ranges = _weight_ranges(MODELS / name / "model.onnx")
    assert ranges, "no quantized weights found: was the model exported without quantize_dynamic?"
    assert all(low >= -64 and high <= 63 for low, high in ranges), \
        f"{name}: full-range int8 weights; run python tools/reduce_range.py eventwire/models/{name}/model.onnx"


def _one_matmul_model(folder: Path, weights: Any, scale: Any, zero_point: Any) -> Path:
    """A model file of one MatMulInteger whose int8 weight, scale and zero point are given."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["a", "w_quantized", "a_zero", "w_zero_point"], ["y"])],
        "g", [helper.make_tensor_value_info("a", TensorProto.UINT8, [1, 2])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, [1, 2])],
        initializer=[numpy_helper.from_array(weights, "w_quantized"),
                     numpy_helper.from_array(zero_point, "w_zero_point"),
                     numpy_helper.from_array(np.array(0, dtype=np.uint8), "a_zero"),
                     numpy_helper.from_array(scale, "w_scale")])
    path = folder / "model.onnx"
    onnx.save(helper.make_model(graph), str(path))
    return path


def test_the_tool_halves_the_weights_and_doubles_their_scale(tmp_path: Path) -> None:
    import numpy as np
    from onnx import numpy_helper

    tool = _tool()
    weights = np.array([[127, -128], [3, -5]], dtype=np.int8)
    scale = np.array([0.5, 0.25], dtype=np.float32)
    path = _one_matmul_model(tmp_path, weights, scale, np.zeros(2, dtype=np.int8))
    assert tool.reduce_weight_range(path) == 1
    assert _weight_ranges(path) == [(-64, 63)]
    stored = {t.name: numpy_helper.to_array(t) for t in onnx.load(str(path)).graph.initializer}
    assert stored["w_scale"].tolist() == [1.0, 0.5]
    # each represented weight moves by at most one old step (half of the new one)
    assert np.all(np.abs(stored["w_quantized"] * stored["w_scale"] - weights * scale) <= scale + 1e-6)
    assert tool.reduce_weight_range(path) == 0  # already in range: left as it is


def test_the_tool_refuses_asymmetric_weights_and_leaves_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import numpy as np

    tool = _tool()
    path = _one_matmul_model(tmp_path, np.array([[127, -128], [3, -5]], dtype=np.int8),
                             np.array([0.5, 0.25], dtype=np.float32), np.array([1, 0], dtype=np.int8))
    before = path.read_bytes()
    with pytest.raises(ValueError, match="non-zero zero point"):
        tool.reduce_weight_range(path)  # a library call: the caller can catch it
    assert tool.main([str(path)]) == 1
    assert "non-zero zero point" in capsys.readouterr().err
    assert path.read_bytes() == before
