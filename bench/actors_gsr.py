"""Actor accuracy on the PLOVER gold-standard records (CAMEO manual sentences).

    .venv/bin/python bench/actors_gsr.py [--shared ../shared] [--errors] [--undated] [--actors FILE ...]

For every source/target actor of ``gold/plover_gsr_cameo.json`` we look for the gold ``actorText``
in the sentence (exact, then case-insensitive; when absent, e.g. a misspelt actorText, the actor
counts as a miss) and take the resolved mention that overlaps that span most. Then:

* country: the first three letters of the gold code against the first three of ours, after mapping
  legacy codes on both sides (JAP->JPN, ITL->ITA, ROM->ROU, YUG->SRB, ZAI->COD, GMW->DEU, ...).
  Gold IGO/NGO/IMG codes are compared the same way (our IGOWSTNAT starts with IGO). The CAMEO 1.x
  manual sentences code NGOs (Red Cross, Amnesty) as IGO; we code them NGO...: the "country" line
  counts NGO for IGO as right, and the "strict" line does not.
* sector: the gold sector's first block (``CVLalb`` -> CVL; ``***`` means "any") against ours; no
  gold sector means we must give none either.
* country+sector: both right.

The records carry the placeholder date 2000-01-01 (the manual's sentences are undated); we pass it as
the publication date as it is. ``--undated`` passes no date instead.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LEGACY = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "YUG": "SRB", "ZAI": "COD", "GMW": "DEU",
          "GME": "DEU", "USR": "RUS", "UK_": "GBR", "UKG": "GBR", "PAL": "PSE", "TMP": "TLS",
          "BUL": "BGR", "SUD": "SDN", "LEB": "LBN", "ALG": "DZA", "NIG": "NGA"}


def norm_country(code: str | None) -> str | None:
    if not code:
        return None
    head = code[:3].upper()
    return LEGACY.get(head, head)


def find_span(text: str, needle: str) -> tuple[int, int] | None:
    at = text.find(needle)
    if at < 0:
        at = text.lower().find(needle.lower())
    return (at, at + len(needle)) if at >= 0 else None


def gold_actors(record: dict) -> list[dict]:
    out = []
    for role in ("source", "target"):
        value = record.get(role)
        if not isinstance(value, list):
            continue
        out.extend(a for a in value if isinstance(a, dict) and a.get("actorText"))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data folder")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--undated", action="store_true", help="resolve without the records' placeholder date")
    parser.add_argument("--actors", nargs="*", default=[],
                        help="extra dictionaries loaded as user files (YAML or PETRARCH .txt)")
    args = parser.parse_args()
    from eventwire.actors import ActorResolver
    from eventwire.nlp import parse_many

    records = [r for r in json.loads((Path(args.shared) / "gold/plover_gsr_cameo.json").read_text())
               if isinstance(r, dict) and r.get("text") and gold_actors(r)]
    resolver = ActorResolver(args.actors)
    started = time.perf_counter()
    docs = list(parse_many(r["text"] for r in records))
    parsed = time.perf_counter()
    total = strict_ok = country_ok = sector_ok = both_ok = not_found = 0
    errors: list[str] = []
    for record, doc in zip(records, docs, strict=True):
        actors = resolver.resolve(doc, None if args.undated else record.get("date"))
        for gold in gold_actors(record):
            total += 1
            span = find_span(record["text"], gold["actorText"])
            best = None
            if span is not None:
                overlaps = [(min(a.end, span[1]) - max(a.start, span[0]), a) for a in actors]
                overlaps = [(o, a) for o, a in overlaps if o > 0 and a.code]
                if overlaps:
                    best = max(overlaps, key=lambda oa: oa[0])[1]
            else:
                not_found += 1
            want_country = norm_country(gold.get("code"))
            got_country = norm_country(best.code) if best else None
            want_sector = (gold.get("sector") or "")[:3].upper() or None
            got_sector = best.sector[:3] if best and best.sector else None
            c_strict = want_country == got_country
            c_ok = c_strict or {want_country, got_country} == {"IGO", "NGO"}
            strict_ok += c_strict
            s_ok = want_sector == "***" or want_sector == got_sector
            country_ok += c_ok
            sector_ok += s_ok
            both_ok += c_ok and s_ok
            if not (c_ok and s_ok):
                got = f"{best.text!r}->{best.code}/{best.sector}" if best else "no mention"
                errors.append(f"{record['id']}: {gold['actorText']!r} want {want_country}/{want_sector} got {got}")
    done = time.perf_counter()
    print(f"records: {len(records)}  gold actors: {total}  actorText not in sentence: {not_found}")
    print(f"country correct:         {country_ok / total:6.1%}  ({country_ok}/{total})")
    print(f"country correct, strict: {strict_ok / total:6.1%}  ({strict_ok}/{total})  (NGO is not IGO)")
    print(f"sector correct:          {sector_ok / total:6.1%}  ({sector_ok}/{total})")
    print(f"country+sector correct:  {both_ok / total:6.1%}  ({both_ok}/{total})")
    if args.actors:
        print(f"extra dictionaries: {', '.join(args.actors)}")
    print(f"time: parse {parsed - started:.1f}s, resolve {done - parsed:.2f}s; date: "
          f"{'none' if args.undated else 'record date (2000-01-01 placeholder)'}")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
