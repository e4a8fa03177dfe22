"""The fixture side of bench/load.py: the request mix, the events database, the feed site and the watcher.

Written for the eventwire project. ``random_filter`` is the mix of filter combinations the load clients
send (bench/api_cpu.py and bench/live_carry.py replay it); ``FixtureSite`` serves a feed of the sample
pages under new URLs, and ``Ingestion`` runs `eventwire watch` on it, noting when each snapshot (or, with
``--live``, each productive cycle) appears.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_events_db  # noqa: E402
from api_latency import free_port  # noqa: E402

__all__ = ["ACTORS", "PLOVERS", "SAMPLE_PAGES", "random_filter", "ensure_db", "counts", "FixtureSite", "Ingestion"]

ACTORS = ["RUS", "UKR", "USA", "CHN", "ISR", "PSE", "IRN", "IND", "PAK", "DEU", "Russia", "United States"]
PLOVERS = ["ASSAULT", "CONSULT", "ACCUSE", "AID", "COERCE", "PROTEST", "COOPERATE", "REQUEST"]
SAMPLE_PAGES = sorted((ROOT / "eventwire" / "samples" / "html").glob("*.html"))
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Load-test desk (fixture written for the eventwire project)</title>
<link>{base}/</link><description>Sample pages under new URLs</description>
{items}
</channel></rss>
"""


def random_filter(rng: random.Random) -> dict[str, str | int]:
    """A filter combination like the dashboard's: one to three filters, sometimes a sort or a page."""
    choices: list[dict[str, str | int]] = [
        {"source": rng.choice(ACTORS)}, {"target": rng.choice(ACTORS)}, {"actor": rng.choice(ACTORS)},
        {"actor": rng.choice(ACTORS[:10]), "actor2": rng.choice(ACTORS[:10])}, {"plover": rng.choice(PLOVERS)},
        {"cameo": rng.choice(["01", "04", "19", "190", "17", "112"])},
        {"from": f"2024-{rng.randint(1, 12):02d}-01"}, {"to": f"2023-{rng.randint(1, 12):02d}-28"},
        {"place": rng.choice(["Kyiv", "Gaza", "Moscow", "Tbilisi"])}, {"q": rng.choice(["synthetic", "day 2", "said"])},
    ]
    params: dict[str, str | int] = {}
    for extra in rng.sample(choices, rng.randint(1, 3)):
        params.update(extra)
    if rng.random() < 0.3:
        params["sort"] = rng.choice(["goldstein", "mentions", "confidence", "date"])
    if rng.random() < 0.2:
        params["page"] = rng.randint(2, 5)
    params["page_size"] = rng.choice([20, 50, 50, 100])
    return params


def ensure_db(path: Path, events: int) -> None:
    from eventwire.errors import DatabaseError
    from eventwire.store.db import connect

    have = 0
    if path.exists():
        try:  # a database from an older schema is rebuilt rather than migrated
            with connect(path, read_only=True) as con:
                row = con.execute("SELECT count(*) FROM event_mentions").fetchone()
                have = int(row[0]) if row else 0
        except DatabaseError:
            have = 0
    if have < events:
        path.unlink(missing_ok=True)
        seconds = make_events_db.build(path, events)
        print(f"built {path} with {events} synthetic event mentions in {seconds:.0f}s", flush=True)


def counts(db: Path, port: int | None = None) -> dict[str, int]:
    """Rows in a published snapshot (immutable once published, so reading it races with nobody), or, with
    ``port``, as the live service's API counts them (its database is open in that process only)."""
    from eventwire.store.db import connect

    if port is not None:
        import json
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=60) as answer:
            stats = json.loads(answer.read())
        return {"articles": stats["articles"], "events": stats["events"], "event_mentions": stats["mentions"]}

    with connect(db, read_only=True) as con:
        found = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone() for table in
                 ("articles", "events", "event_mentions")}
    return {table: int(row[0]) if row else 0 for table, row in found.items()}


class FixtureSite:
    """A feed and article pages in a folder, served by `python -m http.server` on 127.0.0.1."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "pages").mkdir(parents=True)
        (folder / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.items: list[str] = []
        self.released = 0
        self._write_feed()
        self.proc = subprocess.Popen([sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
                                      "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def release(self, n: int) -> None:
        """Add ``n`` new items: sample pages under new URLs, so each is a new article."""
        for _ in range(n):
            sample = SAMPLE_PAGES[self.released % len(SAMPLE_PAGES)]
            name = f"{self.released:05d}-{sample.name}"
            shutil.copyfile(sample, self.folder / "pages" / name)
            day = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())
            self.items.append(f"<item><title>{sample.stem} ({self.released})</title><link>{self.base}/pages/{name}"
                              f"</link><guid>urn:eventwire-load:{self.released}</guid><pubDate>{day}</pubDate></item>")
            self.released += 1
        self._write_feed()

    def _write_feed(self) -> None:
        tmp = self.folder / ".rss.xml.tmp"
        tmp.write_text(RSS.format(base=self.base, items="\n".join(self.items[-200:])), encoding="utf-8")
        os.replace(tmp, self.folder / "rss.xml")  # the server never sends half a feed

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Ingestion:
    """`eventwire watch` of the fixture feed into a copy of the database, publishing snapshots to ``link``."""

    def __init__(self, folder: Path, db: Path, stages: str, feed_items: int, live_port: int | None = None) -> None:
        from eventwire.feeds import publish_snapshot

        self.site = FixtureSite(folder / "site")
        self.db, self.link = folder / "watch.duckdb", folder / "live.duckdb"
        shutil.copyfile(db, self.db)
        self.live = live_port is not None
        if not self.live:
            publish_snapshot(self.db, self.link)  # what `serve` opens first
        self.site.release(feed_items)
        self.log = (folder / "watch.log").open("wb")
        # live: one process watches and serves the database itself (docs/watch.md); else snapshots for `serve`
        serving = ["--serve", "--port", str(live_port)] if self.live else ["--snapshot", str(self.link)]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "eventwire.cli", "watch", f"{self.site.base}/rss.xml", "--db", str(self.db),
             *serving, "--every", "2s", "--rate", "0", "--allow-private"],
            stdout=self.log, stderr=self.log, env={**os.environ, "EVENTWIRE_STAGES": stages})
        self.snapshots: list[float] = []  # when each new snapshot was seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch_link, daemon=True)
        self._thread.start()

    def _watch_link(self) -> None:
        if self.live:  # no snapshots: a productive cycle is a "cycle:" line in the log
            self._watch_log()
            return
        seen = os.readlink(self.link)
        while not self._stop.wait(0.05):
            try:
                now = os.readlink(self.link)
            except OSError:
                continue
            if now != seen:
                seen = now
                self.snapshots.append(time.perf_counter())

    def _watch_log(self) -> None:
        cycles = 0
        while not self._stop.wait(0.05):
            found = Path(self.log.name).read_text(encoding="utf-8", errors="replace").count("eventwire: cycle: ")
            self.snapshots += [time.perf_counter()] * (found - cycles)
            cycles = found

    def wait_first_snapshot(self, timeout: float) -> None:
        end = time.perf_counter() + timeout
        while not self.snapshots:
            if self.proc.poll() is not None:
                raise SystemExit(f"eventwire watch exited; see {self.log.name}")
            if time.perf_counter() > end:
                raise SystemExit(f"eventwire watch published nothing within {timeout:.0f} s; see {self.log.name}")
            time.sleep(0.2)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.site.stop()
        self.log.close()
