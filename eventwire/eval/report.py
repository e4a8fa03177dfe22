"""Reading a coded database for the real-news scorer, and the report it prints.

Written for the eventwire project. ``bench/realnews.py`` and ``eventwire eval`` both code the gold
articles with ``eventwire run`` into a database (one JSONL record per article, in gold order) and read
the stored event mentions back here, so the figures are those of what a user stores.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from eventwire.eval.realnews import FP_CAUSES, MISS_CAUSES, Produced, Score

__all__ = ["stored_events", "render", "corpus_figures"]


def stored_events(db: Path, ids_by_line: list[str]) -> dict[str, list[Produced]]:
    """Every stored event mention, by gold article id (JSONL line ``name#N`` is the N-th record)."""
    con = duckdb.connect(str(db), read_only=True)
    cursor = con.execute("SELECT a.uri, m.* FROM event_mentions m JOIN articles a ON a.id = m.article_id "
                         "ORDER BY a.uri, m.sentence_index, m.trigger_start")
    names = [d[0] for d in cursor.description]
    produced: dict[str, list[Produced]] = {}
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        line = int(str(row["uri"]).rsplit("#", 1)[1])
        produced.setdefault(ids_by_line[line - 1], []).append(Produced(
            sentence=row["sentence"], source_text=row["source_text"] or "", source_code=row["source_code"],
            target_text=row["target_text"], target_code=row["target_code"], plover=row["plover_type"],
            mode=list(row["plover_mode"] or []), confidence=float(row["confidence"] or 0.0),
            reported=bool(row.get("reported")), decided_by=row.get("decided_by"), row=row))
    con.close()
    return produced


def render(scores: dict[str, Score]) -> str:
    names = list(scores)
    figures = {name: s.figures() for name, s in scores.items()}
    keys = list(next(iter(figures.values())))
    lines = [f"{'':30}" + "".join(f"{n:>10}" for n in names)]
    lines += [f"{k:30}" + "".join(f"{figures[n][k]:>10}" for n in names) for k in keys]
    lines.append("\nfalse events by cause (events produced that match no gold event)")
    lines += [f"  {c:22}" + "".join(f"{scores[n].fp_causes[c]:>8}" for n in names) + f"   {why}"
              for c, why in FP_CAUSES.items()]
    lines.append("missed gold events by cause")
    lines += [f"  {c:22}" + "".join(f"{scores[n].miss_causes[c]:>8}" for n in names) + f"   {why}"
              for c, why in MISS_CAUSES.items()]
    for name in names:
        lines.append(f"\nrule and model disagree ({name}), found events by model probability: "
                     "bin, events, rule right, model right, decided by model")
        lines += [f"  {b:>9} {n:>6} {r:>6} {m:>6} {d:>6}" for b, n, r, m, d in scores[name].verdicts()]
    for name in names:
        lines.append(f"\nreliability of confidence ({name}): bin, events, share right (matched, type right)")
        lines += [f"  {b:>9} {n:>6} {r:>7}" for b, n, r in scores[name].reliability()]
    return "\n".join(lines)


def corpus_figures(db: Path, articles: int) -> dict[str, float | int]:
    con = duckdb.connect(str(db), read_only=True)
    total, uncoded, coded_only = con.execute(  # type: ignore[misc] # an aggregate always gives one row
        "SELECT count(*), count(*) FILTER (WHERE source_code IS NULL), "
        "count(*) FILTER (WHERE source_code IS NOT NULL AND (target_text IS NULL OR target_code IS NOT NULL)) "
        "FROM event_mentions").fetchone()
    con.close()
    return {"articles": articles, "event_mentions": total, "events_per_article": round(total / articles, 2),
            "source_uncoded_share": round(uncoded / total, 3) if total else 0.0,
            "coded_only_share": round(coded_only / total, 3) if total else 0.0}
