"""Live without copies, measured: a new feed item to its events in the API, at 1M and 10M stored events.

The deployment of docs/watch.md, one process on one database:

    eventwire watch http://127.0.0.1:PORT/rss.xml --serve --db DB --every 2s --rate 0 --allow-private

runs against a database of ``--events`` SYNTHETIC stored events (bench/make_events_db.py) and a feed
served by this script on loopback. Each round adds one item to the feed (a sample page of
eventwire/samples/html, written for the eventwire project, under a new URL), then asks the API for
that article (``/api/articles/ID``, the id computed from the page as the pipeline computes it) every
50 ms until it answers with the article and its events (stored in one transaction). Printed per history size (medians over the rounds):

- ``visible``: seconds from the item's appearance in the feed to its events in the API; it includes
  the wait for the next poll (at most ``--every``);
- ``cycle``: the cycle that stored it, as the watcher logs it (fetch, pipeline, store, feed state);
- ``after cycle``: from the end of that cycle to the API answering with the events; negative when
  they were served before the cycle ended (the pipeline commits before the feed state is recorded;
  the API reads the database the watcher writes: nothing to copy or reopen);
- ``written``: bytes the service wrote to disk during the round (/proc/PID/io), against the size of
  the database: a whole-database copy would write at least the database's size.

``--before`` also times, on each database (before the service opens it), what a productive cycle
cost in the old deployment on top of its articles: the snapshot copy of the database
(``publish_snapshot``) and the pipeline's reload of every stored digest and article.

    python bench/live.py --events 1000000 10000000 --rounds 5 --before
    python bench/live.py --events 1000000 --db-dir /tmp --stages light
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_events_db  # noqa: E402
from api_latency import free_port  # noqa: E402

SAMPLE_PAGES = sorted((ROOT / "eventwire" / "samples" / "html").glob("*.html"))
RSS = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Live bench desk (fixture '
       'written for the eventwire project)</title><link>{base}/</link><description>Sample pages under new URLs'
       '</description>\n{items}\n</channel></rss>\n')


class FeedSite:
    """A feed and its pages, served from memory on 127.0.0.1 by a thread of this process."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {"/robots.txt": b"User-agent: *\nAllow: /\n"}
        self.items: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = site.rss() if self.path == "/rss.xml" else site.pages.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/rss+xml" if self.path == "/rss.xml" else "text/html")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def rss(self) -> bytes:
        return RSS.format(base=self.base, items="\n".join(self.items[-50:])).encode("utf-8")

    def add(self, number: int) -> tuple[str, str, bytes]:
        """A new item: a sample page under a new URL. Returns its URL, title and page."""
        sample = SAMPLE_PAGES[number % len(SAMPLE_PAGES)]
        path, title = f"/pages/{number:05d}-{sample.name}", f"{sample.stem} ({number})"
        # a sentence of its own in the first paragraph: a new text, so a new article (the id is the
        # page's canonical URL and text, the same for every copy of one sample otherwise)
        page = sample.read_bytes().replace(b"</p>", f" Bench item {number}.</p>".encode(), 1)
        self.pages[path] = page
        self.items.append(f"<item><title>{title}</title><link>{self.base}{path}</link>"
                          f"<guid>urn:eventwire-live:{number}</guid></item>")
        return self.base + path, title, page

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def article_id(url: str, title: str, page: bytes, stages: str) -> str:
    """The id the service's pipeline gives the page (its extraction stage: the light stages have their own)."""
    from eventwire.records import RawDocument
    from eventwire.stages import get_stages

    return get_stages(stages).extract(RawDocument(uri=url, kind="html", content=page, url=url, title=title)).id


class Service:
    """``eventwire watch FEED --serve`` in a child process; its stderr lines are kept with their times."""

    def __init__(self, db: Path, feed: str, every: str, stages: str) -> None:
        self.port = free_port()
        self.lines: list[tuple[float, str]] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "eventwire.cli", "watch", feed, "--serve", "--db", str(db), "--every", every,
             "--rate", "0", "--allow-private", "--port", str(self.port)],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env={**os.environ, "EVENTWIRE_STAGES": stages})
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            self.lines.append((time.perf_counter(), raw.decode("utf-8", "replace").rstrip()))

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as exc:
            return exc.code, b""

    def wait_ready(self, timeout: float = 300) -> None:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if self.proc.poll() is not None:
                raise SystemExit("eventwire watch --serve exited:\n" + "\n".join(line for _, line in self.lines))
            try:
                if self.get("/api/filters")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"the service did not answer within {timeout:.0f} s")

    def written(self) -> int:
        """Bytes this process caused to be written to storage so far."""
        for line in Path(f"/proc/{self.proc.pid}/io").read_text().splitlines():
            if line.startswith("write_bytes:"):
                return int(line.split()[1])
        return 0

    def cycle_after(self, since: float) -> tuple[float, float] | None:
        """(when the first cycle logged after ``since`` ended, its seconds) or None."""
        for when, line in list(self.lines):
            if when >= since and "cycle: " in line and " stored in " in line:
                return when, float(line.rsplit(" in ", 1)[1].split()[0])
        return None

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)


def one_round(service: Service, site: FeedSite, number: int, args: argparse.Namespace) -> dict[str, float]:
    url, title, page = site.add(number)
    ident = article_id(url, title, page, args.stages)
    timeout = args.timeout
    written = service.written()
    added = time.perf_counter()
    while time.perf_counter() - added < timeout:
        status, body = service.get(f"/api/articles/{ident}")
        if status == 200:  # the article and its events are stored in one transaction: all or nothing
            seen = time.perf_counter()
            events = len(json.loads(body)["events"])
            break
        time.sleep(0.05)
    else:
        raise SystemExit(f"item {number} ({url}) not in the API after {timeout:.0f} s; the service said:\n"
                         + "\n".join(line for _, line in service.lines[-20:]))
    cycle = service.cycle_after(added)
    while cycle is None and time.perf_counter() - added < timeout:  # its cycle line: logged after the commit
        time.sleep(0.05)
        cycle = service.cycle_after(added)
    ended, seconds = cycle if cycle else (seen, float("nan"))
    return {"visible": seen - added, "cycle": seconds, "after": seen - ended,
            "written": float(service.written() - written), "events": float(events)}


def before(db: Path) -> tuple[float, float]:
    """Seconds of the old per-cycle extras on ``db``: the snapshot copy, the pipeline's full reload."""
    from eventwire.feeds import publish_snapshot
    from eventwire.store.db import connect
    from eventwire.store.seen import Seen

    folder = Path(tempfile.mkdtemp(prefix="eventwire-live-copy-", dir=db.parent))
    try:
        started = time.perf_counter()
        publish_snapshot(db, folder / "live.duckdb")
        copy = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    con = connect(db)
    try:
        started = time.perf_counter()
        Seen.whole(con)
        reload = time.perf_counter() - started
    finally:
        con.close()
    return copy, reload


def ensure_db(path: Path, events: int) -> None:
    if path.exists():
        return
    bulk = getattr(make_events_db, "build_bulk", None)  # generated by SQL where available (branch apisql)
    seconds = (bulk or make_events_db.build)(path, events)
    print(f"built {path} ({events} synthetic events) in {seconds:.0f} s", flush=True)


def measure(db: Path, args: argparse.Namespace, first: int) -> list[dict[str, float]]:
    site = FeedSite()
    service = Service(db, f"{site.base}/rss.xml", args.every, args.stages)
    try:
        service.wait_ready()
        one_round(service, site, first, args)  # warm-up: models loaded, first cycle
        return [one_round(service, site, first + k + 1, args) for k in range(args.rounds)]
    finally:
        service.stop()
        site.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000], help="stored events, one run each")
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp"), help="where the databases are (or are built)")
    parser.add_argument("--rounds", type=int, default=5, help="new items measured per history size")
    parser.add_argument("--every", default="2s", help="the watcher's polling interval")
    parser.add_argument("--stages", choices=["full", "light"], default="full", help="the pipeline's stages")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for one item")
    parser.add_argument("--before", action="store_true", help="also time the old deployment's per-cycle extras")
    args = parser.parse_args()
    rows = []
    for number, events in enumerate(args.events):
        db = args.db_dir / f"eventwire-live-{events}.duckdb"
        ensure_db(db, events)
        extras = before(db) if args.before else None
        size = db.stat().st_size
        results = measure(db, args, int(time.time()) * 100 + number * 50)  # new URLs and guids every run
        rows.append((events, size, extras, results))
    print(f"eventwire watch --serve --every {args.every}, {args.stages} stages, {args.rounds} new items per size "
          f"(medians; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    print(f"{'events':>10} {'db MB':>8} {'visible s':>10} {'cycle s':>8} {'after cycle s':>14} {'written MB':>11}"
          + (f" | before: {'copy s':>7} {'reload s':>9}" if args.before else ""))
    for events, size, extras, results in rows:
        med = {key: statistics.median(r[key] for r in results) for key in results[0]}
        line = (f"{events:>10} {size / 1e6:>8.0f} {med['visible']:>10.2f} {med['cycle']:>8.2f} {med['after']:>14.3f} "
                f"{max(r['written'] for r in results) / 1e6:>11.1f}")
        if extras:
            line += f" |         {extras[0]:>7.2f} {extras[1]:>9.2f}"
        print(line)
        print("           per round: " + "; ".join(f"visible {r['visible']:.2f} s, cycle {r['cycle']:.2f} s, "
                                                   f"{r['events']:.0f} events" for r in results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
