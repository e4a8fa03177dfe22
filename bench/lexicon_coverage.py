"""How often does the event lexicon find a trigger of the gold PLOVER type? (development metric)

For each gold sentence the lexicon is run over every token; each match's CAMEO code gives a PLOVER type
through the ontology (01x/02x give none). Per gold class it prints:

* ``hit``      - some trigger has the gold type;
* ``top``      - the highest-weight trigger has the gold type;
* ``wrong``    - triggers were found, but none of the gold type;
* ``none``     - no trigger with a PLOVER type at all.

Gold labels: ``../shared/gold/plv_train.tsv`` (Zero-Shot-PLOVER; YIELD = CONCEDE or RETREAT) and
``plover_gsr_cameo.json`` (PLOVER 0.5: DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT ->
ASSAULT). The gold sentences are also evaluation data: the lexicon is written from the codebooks and
general English, never from these sentences.

With ``--modality`` each trigger's code is first passed through the coder's mode reading
(``eventwire.events.modality.event_modes``) and the ontology's mirrors: a negated act becomes its
refusal code (``refusal_code``; dropped when there is none), a future or hypothetical one its intent or
threat code (``intent_code`` / ``threat_code``). That shows what the lexicon gives once the coder reads
modality; without the flag, the lexicon alone is measured.

Usage: .venv/bin/python bench/lexicon_coverage.py [--shared DIR] [--limit N] [--misses CLASS] [--modality]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire import nlp
from eventwire.events.lexicon import get_lexicon
from eventwire.events.ontology import cameo_info, canonical_plover, intent_code, refusal_code, threat_code

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))


def gold_types(label: str) -> frozenset[str]:
    """The PLOVER types that count as correct for a gold label (YIELD accepts CONCEDE and RETREAT)."""
    label = label.strip().upper()
    if label == "YIELD":
        return frozenset({"CONCEDE", "RETREAT"})
    return frozenset({canonical_plover(label)})


def load_plv(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [(r["sentence"], r["gold_root"]) for r in rows if r.get("sentence") and r.get("gold_root")]


def load_gsr(path: Path) -> list[tuple[str, str]]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [
        (r["text"], r["event"]) for r in records if r.get("text") and r.get("event") not in (None, "DOCUMENT")
    ]


def typed_triggers(doc: Doc, modality: bool) -> list[tuple[float, str]]:
    """(weight, PLOVER type) of every trigger in the doc."""
    lexicon = get_lexicon()
    out = []
    for token in doc:
        for match in lexicon.match(token):
            code: str | None = match.cameo
            if modality and code is not None:
                code = _with_modes(token, code)
            ptype = cameo_info(code).plover_type if code else None
            if ptype:
                out.append((match.weight, ptype))
    return out


def _with_modes(token: Token, code: str) -> str | None:
    from eventwire.events.modality import event_modes

    modes = event_modes(token, nominal=token.pos_ in ("NOUN", "PROPN"))
    if "negation" in modes:
        return refusal_code(code)
    if "future" in modes or "hypothetical" in modes:
        return intent_code(code) or threat_code(code) or code
    return code


def evaluate(name: str, items: list[tuple[str, str]], misses: str | None, modality: bool) -> None:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    match_seconds = 0.0
    tokens = 0
    t0 = time.perf_counter()
    docs = nlp.parse_many([text for text, _ in items])
    for (text, label), doc in zip(items, docs, strict=True):
        start = time.perf_counter()
        found = typed_triggers(doc, modality)
        match_seconds += time.perf_counter() - start
        tokens += len(doc)
        wanted = gold_types(label)
        key = "/".join(sorted(wanted)) if label.upper() != "YIELD" else "YIELD"
        row = counts[key]
        row["n"] += 1
        types = {t for _, t in found}
        if types & wanted:
            row["hit"] += 1
        elif types:
            row["wrong"] += 1
        else:
            row["none"] += 1
        if found and max(found)[1] in wanted:
            row["top"] += 1
        if misses and key == misses and not types & wanted:
            print(f"  MISS [{label}] {sorted(types)} :: {text[:160]}")
    total_seconds = time.perf_counter() - t0
    how = "lexicon + modality mirrors" if modality else "lexicon alone"
    print(f"\n== {name}: {sum(c['n'] for c in counts.values())} sentences ({how})")
    print(f"{'class':<12}{'n':>5}{'hit':>8}{'top':>8}{'wrong':>8}{'none':>8}")
    overall: Counter[str] = Counter()
    for key in sorted(counts):
        c = counts[key]
        overall.update(c)
        print(
            f"{key:<12}{c['n']:>5}"
            + "".join(f"{100 * c[k] / c['n']:>7.1f}%" for k in ("hit", "top", "wrong", "none"))
        )
    n = overall["n"]
    print(
        f"{'ALL':<12}{n:>5}"
        + "".join(f"{100 * overall[k] / n:>7.1f}%" for k in ("hit", "top", "wrong", "none"))
    )
    per_class = [counts[k]["hit"] / counts[k]["n"] for k in counts]
    print(f"macro hit {100 * sum(per_class) / len(per_class):.1f}%")
    print(
        f"lexicon matching{' + modes' if modality else ''}: {1e6 * match_seconds / max(tokens, 1):.1f} us/token over {tokens} tokens "
        f"({match_seconds:.2f} s); parse+match {total_seconds:.1f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences of each set")
    parser.add_argument("--misses", help="print the sentences of this gold class that got no right trigger")
    parser.add_argument(
        "--modality", action="store_true", help="map negated/future triggers through the mirrors"
    )
    args = parser.parse_args()
    gold = args.shared / "gold"
    if not gold.is_dir():
        print(f"no gold data at {gold}; pass --shared", file=sys.stderr)
        return 2
    sets = {
        "plv_train.tsv": load_plv(gold / "plv_train.tsv"),
        "plover_gsr_cameo.json": load_gsr(gold / "plover_gsr_cameo.json"),
    }
    print(f"lexicon: {len(get_lexicon())} rules")
    for name, items in sets.items():
        evaluate(name, items[: args.limit] if args.limit else items, args.misses, args.modality)
    return 0


if __name__ == "__main__":
    sys.exit(main())
