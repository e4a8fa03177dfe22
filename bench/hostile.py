"""Issue 17 rerun: every attack of the second red-team round against the real commands, with the peak
RSS and wall time of the process under attack and whether the good inputs around it were stored.

Each hostile input is built here, small on disk (a 1 GB WARC line is 1 MB of gzip), next to good
inputs (sample pages of eventwire/samples/html, written for the eventwire project). File attacks go
through `eventwire run` into a fresh database (full stages unless ``--stages light``); feed attacks
through `eventwire watch --once` against a loopback server started here; API attacks against
`eventwire serve` on loopback. Peak RSS is sampled every 20 ms (psutil, the process and its
children). Target: peak RSS < 1 GB and wall time < 10 s per hostile input.

    python bench/hostile.py                 # every attack
    python bench/hostile.py --only A1,A3    # some of them
    python bench/hostile.py --long-texts 64 # A4 as reported (64 texts of 200,000 characters: long)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile_support import MB, SAMPLES, Files, Row, gzip_stream, measure, stored, warc_record  # noqa: E402


def baseline(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    """The same command on the good inputs alone: start-up and the good pages' own cost."""
    return [Files(root, "baseline").run("-", "none (the good inputs alone)", stages)]


def _good_warc_records() -> list[bytes]:
    return [warc_record(f"https://example.org/{p.stem}", p.read_bytes()) for p in SAMPLES[2:4]]


def attack_a1(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    rows = []
    head = b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: "
    for name, hostile, label in (
        ("A1-header", gzip_stream(b"a", 1024 * MB, head=head), "1 GB WARC header line (1 MB .warc.gz)"),
        ("A1-trailing", gzip_stream(b"b", 1024 * MB), "1 GB line after a record (1 MB .warc.gz)"),
        ("A1-gap", gzip_stream(b"\r\n", 2047 * MB), "2 GB of blank lines between records"),
    ):
        files = Files(root, name)
        first, second = _good_warc_records()
        path = files.add("m-hostile.warc.gz", first + hostile + second)
        files.good.append(f"{path}#0")  # by uri: full extraction keeps a page's canonical URL
        rows.append(files.run("A1", label, stages))
    return rows


def attack_a3(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    rows = []
    comments = "<html><body>" + "<!---->" * 150_000 + "<p>Nothing here.</p></body></html>"
    files = Files(root, "A3-comments")
    files.add("m-comments.html", comments.encode())
    rows.append(files.run("A3", "1 MB of <!----> (HTML)", stages))
    files = Files(root, "A3-gzip")
    files.add("m-comments.html.gz", gzip.compress(("<html><body>" + "<!---->" * 1_200_000).encode(), 9))
    rows.append(files.run("A3", "8 MB of comments in a small .html.gz", stages))
    return rows


def attack_a4(root: Path, stages: str, options: argparse.Namespace) -> list[Row]:
    import random

    rng = random.Random(4)
    words = ["Russia", "Ukraine", "agreed", "talks", "Geneva", "minister", "said", "police", "arrested", "protesters", "capital", "Monday", "government", "troops", "attacked", "rebels", "city", "officials"]
    files = Files(root, "A4-long")
    lines = []
    for i in range(options.long_texts):
        text = " ".join(" ".join(rng.choice(words) for _ in range(14)).capitalize() + "." for _ in range(2000))
        lines.append(json.dumps({"url": f"https://example.org/long/{i}", "text": text[:200_000]}))
    files.add("m-long.jsonl", ("\n".join(lines) + "\n").encode())
    return [files.run("A4", f"{options.long_texts} texts of 200,000 characters (JSONL)", stages)]


def attack_a5(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    files = Files(root, "A5-surrogates")
    text = SAMPLES[4].read_text("utf-8")
    records = [{"url": "https://example.org/\ud83d", "title": "lone \ud83d", "html": text},
               {"url": "https://example.org/s2", "text": "Talks in Geneva \udc00 resumed.", "published": "\ud800"}]
    path = files.add("m-surrogates.jsonl", "".join(json.dumps(r) + "\n" for r in records).encode("ascii"))
    files.good += [f"{path}#1", f"{path}#2"]
    return [files.run("A5", "lone surrogates in JSONL url/title/published", stages)]


def attack_a7(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    files = Files(root, "A7-special")
    os.mkfifo(files.folder / "m-fifo.html")
    (files.folder / "n-zero.jsonl").symlink_to("/dev/zero")
    return [files.run("A7", "a FIFO and a *.jsonl symlink to /dev/zero", stages)]


def attack_a10(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    files = Files(root, "A10-unreadable")
    locked = files.folder / "m-locked"
    locked.mkdir()
    (locked / "page.html").write_bytes(SAMPLES[5].read_bytes())
    locked.chmod(0)
    row = files.run("A10", "an unreadable subfolder", stages)
    locked.chmod(0o755)
    if os.geteuid() == 0:
        row.outcome = "n/a: running as root, permissions do not apply (tests fake the error)"
    return [row]


def attack_a11(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    import re

    files = Files(root, "A11-short")
    record = warc_record("https://example.org/short", SAMPLES[6].read_bytes(), gz=False)
    http_start = record.index(b"\r\n\r\n") + 4
    body_start = record.index(b"\r\n\r\n", http_start) + 4
    declared = re.search(rb"Content-Length: \d+", record)
    assert declared is not None
    short = record.replace(declared.group(0), b"Content-Length: %d" % (body_start - http_start + 1))
    first, second = _good_warc_records()
    packed = gzip.compress(short)
    path = files.add("m-short.warc.gz", first + packed + second)
    files.good += [f"{path}#0", f"{path}#{len(first) + len(packed)}"]
    row = files.run("A11", "WARC record with a too-short Content-Length", stages)
    if f"{path}#{len(first)}" in stored(files.db):
        row.outcome = "STORED the fragment: " + row.outcome
    return [row]


def attack_a9(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    rows = []
    files = Files(root, "A9-source")
    files.run("A9", "", stages)  # a real database to damage
    data = files.db.read_bytes()
    corrupt = bytearray(data)
    for offset in range(3 * 4096 + 100, len(corrupt), 256 * 1024):
        corrupt[offset] ^= 0xFF
    for name, damaged, label in (("A9-truncated", data[: len(data) // 2], "database cut in half"),
                                 ("A9-corrupt", bytes(corrupt), "database with bad checksums")):
        target = Files(root, name)
        target.db.write_bytes(damaged)
        code, err, seconds, peak = measure(["run", "--db", str(target.db), "-q", str(target.folder)],
                                           {"EVENTWIRE_STAGES": stages})
        untouched = target.db.read_bytes() == damaged
        message = err.strip().splitlines()[-1].removeprefix("eventwire: error: ")[:90] if err.strip() else ""
        rows.append(Row("A9", label, code, peak, seconds, "file untouched" if untouched else "FILE CHANGED",
                        message))
    return rows


ATTACKS: dict[str, Callable[[Path, str, argparse.Namespace], list[Row]]] = {
    "A0": baseline, "A1": attack_a1, "A3": attack_a3, "A4": attack_a4, "A5": attack_a5, "A7": attack_a7, "A9": attack_a9,
    "A10": attack_a10, "A11": attack_a11,
}
# the targets of issue 17: per hostile input
MAX_RSS_MB = 1024
MAX_SECONDS = 10.0


def print_table(rows: list[Row]) -> None:
    """Markdown; "over base" is the wall time minus the baseline row's (start-up and the good pages),
    which on a loaded machine is most of the wall time; "CPU s" is the command's own CPU time (user +
    system, steadier than wall time on a shared machine)."""
    base = next((row.seconds for row in rows if row.attack == "-"), None)
    print("| attack | hostile input | exit | peak RSS MB | wall s | over base s | CPU s | good stored | outcome |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        flags = ("" if row.peak_mb < MAX_RSS_MB else " (over 1 GB)") + ("" if row.seconds < MAX_SECONDS else " (over 10 s)")
        extra = f"{row.seconds - base:.1f}" if base is not None and row.attack not in ("-", "A8", "A13", "A15") else "-"
        cpu = f"{row.cpu:.1f}" if row.cpu is not None else "-"
        print(f"| {row.attack} | {row.hostile} | {row.exit} | {row.peak_mb:.0f} | {row.seconds:.1f} | {extra} | {cpu} | "
              f"{row.good} | {row.outcome.replace('|', '/')}{flags} |")


def main() -> int:
    from hostile_services import attack_a2, attack_a6, attack_a8, attack_a13, attack_a15

    ATTACKS.update({"A2": attack_a2, "A6": attack_a6, "A8": attack_a8, "A13": attack_a13, "A15": attack_a15})
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated attacks (A1,A2,...; A0 is the baseline "
                        "run on the good inputs alone); default: all")
    parser.add_argument("--stages", choices=["full", "light"], default="full", help="stages of `run`/`watch`")
    parser.add_argument("--long-texts", type=int, default=2, help="texts of 200,000 characters in A4")
    options = parser.parse_args()
    chosen = [a.strip().upper() for a in options.only.split(",") if a.strip()] or sorted(
        ATTACKS, key=lambda name: int(name[1:]))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="eventwire-hostile-") as scratch:
        for name in chosen:
            started = time.perf_counter()
            rows += ATTACKS[name](Path(scratch), options.stages, options)
            print(f"{name} done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores; stages {options.stages}")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
