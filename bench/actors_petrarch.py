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
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def unit_test_records(path: Path) -> list[tuple[str, str, str, set[str]]]:
    xml = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    records = []
    for match in re.finditer(r"<Sentence ([^>]*)>(.*?)</Sentence>", xml, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        body = match.group(2)
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        codes = {v for c in re.findall(r"<EventCoding ([^>]*)>", body)
                 for k, v in re.findall(r'(\w+)="([^"]*)"', c) if k in ("sourcecode", "targetcode")}
        codes.discard("---")
        if text and codes:
            day = attrs.get("date", "")
            records.append((attrs.get("id", "?"), " ".join(text.group(1).split()),
                            f"{day[:4]}-{day[4:6]}-{day[6:]}", codes))
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
