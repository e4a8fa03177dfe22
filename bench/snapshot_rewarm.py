"""Pages computed on the request path after each new snapshot, with and without the warming of eventwire/api/rewarm.py.

`bench/load.py` runs the two processes of the snapshot deployment (`watch --snapshot` + `serve`), but its
wall clock moves with the machine's load. Here one process holds both sides and alternates, with no
request in flight during a switch:

1. a cycle: ``--per-cycle`` sample pages (eventwire/samples/html, written for the eventwire project)
   under new URLs through the pipeline (the full stages by default, EVENTWIRE_STAGES) into a copy of
   the >= 100k-event database, then a snapshot published with its changes file, as `watch --snapshot`
   does (:func:`eventwire.feeds.publish_snapshot` with a :class:`SnapshotJournal`);
2. the server's side: a :class:`~eventwire.api.snapshots.SnapshotSource` with ``background`` (as
   `serve` opens it) notices the new copy and publishes it, after asking the app the recent requests
   on it (``--no-rewarm``: at once, as before);
3. a round of requests: bench/load.py's mix (its ``--clients`` clients' first ``--per-client`` requests,
   as every slice of bench/load.py starts them again), called one at a time as uvicorn calls the app.

It prints per cycle the pages the /api/events route computed while warming and on the request path
(the rest were replayed or carried over), the warming's wall time, and the round's CPU per request.
The pages computed on the request path are what queues the requests right after a snapshot.

    python bench/snapshot_rewarm.py [--db /tmp/eventwire-load-100k.duckdb] [--cycles 4] [--no-rewarm]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from live_carry import one_round, requests  # noqa: E402
from load_fixture import SAMPLE_PAGES, ensure_db  # noqa: E402


def counting_pages(warming: list[int], asked: list[int]) -> None:
    """Count the pages the /api/events route computes: while warming a snapshot, or for a request."""
    from eventwire.api import rewarm, routes

    original = routes.events_page  # type: ignore[attr-defined]

    def counted(*args: Any, **kwargs: Any) -> Any:
        (warming if rewarm._REWARMING.get() else asked).append(1)
        return original(*args, **kwargs)

    routes.events_page = counted  # type: ignore[attr-defined]


def wait_switch(source: Any, old: object) -> float:
    """Seconds until ``source`` publishes a file other than ``old`` (a look wakes its switching thread)."""
    started = time.perf_counter()
    while source.version() == old:
        if time.perf_counter() - started > 120:
            raise SystemExit("the new snapshot was not published within 120 s")
        time.sleep(0.005)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-load-100k.duckdb"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--cycles", type=int, default=4)
    parser.add_argument("--per-cycle", type=int, default=4, help="new articles per cycle (bench/load.py's --feed-items)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--per-client", type=int, default=20)
    parser.add_argument("--no-rewarm", action="store_true", help="publish each snapshot at once (the control)")
    args = parser.parse_args()

    from eventwire.api import create_app
    from eventwire.api.snapshots import SnapshotSource
    from eventwire.feeds import publish_snapshot
    from eventwire.pipeline import run
    from eventwire.records import RawDocument
    from eventwire.settings import get_settings
    from eventwire.stages import get_stages
    from eventwire.store.seen import Seen
    from eventwire.store.snapshot_changes import SnapshotJournal

    ensure_db(args.db, args.events)
    folder = Path(tempfile.mkdtemp(prefix="eventwire-rewarm-"))
    db, link = folder / "watch.duckdb", folder / "live.duckdb"
    shutil.copyfile(args.db, db)
    journal = SnapshotJournal()
    publish_snapshot(db, link, journal=journal)
    source = SnapshotSource(link, background=True)
    try:
        app = create_app(source=source)
        if args.no_rewarm:
            source.before_publish = None
        settings = get_settings()
        stages, seen = get_stages(settings.stages, settings.actor_files()), Seen.recent()
        queries, warming, asked = requests(args.clients, args.per_client), [], []
        counting_pages(warming, asked)
        computed, cpu, _ = one_round(app, queries, asked)
        print(f"{len(queries)} requests a round ({args.clients} clients x {args.per_client}, bench/load.py's mix), "
              f"{settings.stages} stages, {args.per_cycle} new articles a cycle, "
              f"{'no warming' if args.no_rewarm else 'warming before publishing'}")
        print(f"first round (empty cache): {computed} pages computed, {1000 * cpu / len(queries):.2f} ms CPU a request")
        totals, released = [0, 0, 0.0, 0], 0
        for cycle in range(1, args.cycles + 1):
            documents = []
            for _ in range(args.per_cycle):
                sample = SAMPLE_PAGES[released % len(SAMPLE_PAGES)]
                url = f"https://rewarm.example/{released:05d}-{sample.name}"
                documents.append(RawDocument(uri=url, url=url, kind="html", content=sample.read_bytes()))
                released += 1
            run(documents=documents, db=db, stages=stages, command="bench snapshot_rewarm", seen=seen)
            old, warmed = source.version(), len(warming)
            publish_snapshot(db, link, journal=journal)
            switch = wait_switch(source, old)
            computed, cpu, wall = one_round(app, queries, asked)
            totals = [totals[0] + computed, totals[1] + len(warming) - warmed, totals[2] + cpu, totals[3] + len(queries)]
            print(f"cycle {cycle}: published after {switch:.2f} s, {len(warming) - warmed} pages computed while "
                  f"warming; round: {computed}/{len(queries)} pages computed on the request path, "
                  f"{1000 * cpu / len(queries):.2f} ms CPU a request, {wall:.2f} s wall")
        print(f"after {args.cycles} cycles: {totals[0]}/{totals[3]} pages computed on the request path, "
              f"{totals[1]} while warming; {1000 * totals[2] / max(1, totals[3]):.2f} ms CPU a request")
    finally:
        source.close()
        journal.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
