"""PETRARCH reference dictionaries: import counts, and the unit-test records' actors.

    .venv/bin/python bench/actors_petrarch.py [--shared ../shared] [--misses]

1. Imports every dictionary in ``ref/petrarch2`` and prints entries, surface forms, roles,
   date-restricted roles and malformed lines (each reported as file:line and skipped).
2. Resolves the text of every ``PETR.UnitTest.records.xml`` sentence that states a source or target
   code, with ``PETR.Validate.actors.txt`` + ``PETR.Validate.agents.txt`` only (builtin=False) and the
   record's date, and counts how many stated codes appear among the resolved mentions. PETRARCH
   writes an agent of unknown country as ``---SEC``; a mention with code null and sector SEC counts
   as that. ``---`` alone (no actor) is not counted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventwire.eval.coder import read_petrarch_records  # noqa: E402


def unit_test_records(path: Path) -> list[tuple[str, str, str | None, set[str]]]:
    """(id, text, date, the source/target codes stated) of each unit-test record that states some."""
    records = []
    for record in read_petrarch_records(path):
        codes = {c[k] for c in record.codings for k in ("sourcecode", "targetcode") if k in c} - {"---"}
        if codes:
            records.append((record.id, record.text, record.published, codes))
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data folder")
    parser.add_argument("--misses", action="store_true", help="list the stated codes not found")
    args = parser.parse_args()
    from eventwire.actors import ActorResolver, import_petrarch
    from eventwire.nlp import parse_many

    base = Path(args.shared) / "ref/petrarch2"
    print("file\tentries\tforms\troles\tdated_roles\tmalformed")
    for path in sorted(base.glob("*.txt")):
        if "actors" not in path.name and "agents" not in path.name:
            continue
        problems: list[str] = []
        entries = import_petrarch(path, problems)
        roles = [r for e in entries for r in e.roles]
        print(f"{path.name}\t{len(entries)}\t{sum(len(e.patterns) for e in entries)}\t{len(roles)}\t"
              f"{sum(r.dated for r in roles)}\t{len(problems)}")

    resolver = ActorResolver([base / "PETR.Validate.actors.txt", base / "PETR.Validate.agents.txt"], builtin=False)
    records = unit_test_records(base / "PETR.UnitTest.records.xml")
    found = total = 0
    misses = []
    for (rid, _, day, codes), doc in zip(records, parse_many(r[1] for r in records), strict=True):
        actors = resolver.resolve(doc, day)
        have = {a.code for a in actors if a.code} | {f"---{a.sector}" for a in actors if not a.code and a.sector}
        total += len(codes)
        found += len(codes & have)
        misses += [f"{rid}: {code} not in {sorted(have)}" for code in sorted(codes - have)]
    print(f"unit-test records with stated codes: {len(records)}; stated codes found: {found}/{total} "
          f"({found / total:.1%})")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
