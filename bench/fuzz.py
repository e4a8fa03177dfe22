"""Mutation fuzzer over extraction (HTML, text, JSONL and WARC readers) and the event coder.

Seeds are the project's own captures (tests/fixtures/pages, eventwire/samples: written for the
eventwire project). Each input is a seed mutated by a few random operators: byte flips, truncation,
splicing two seeds, deep tag nesting, encoding swaps (with a lying or missing charset), NUL
injection, huge attributes, control and bidi characters, repeated furniture ("By ", datelines...);
the operators live in bench/fuzz_mutations.py.

The families of bench/fuzz_families.py add stacked Content-Encodings (``stacked``), WARC and JSONL
lines of megabytes (``longline``) and batches of long texts (``batch``).

An input "crashes" when the target raises anything but the documented ``InputError``, breaks an
output invariant (offsets in range, ISO dates, known CAMEO codes), uses more than ``--timeout`` seconds of CPU (or
:data:`WALL_FACTOR` times that of wall-clock time: a hang that waits), or raises
its worker's peak RSS by more than ``--max-mb``. Inputs over ``--slow`` seconds are counted and
listed; either makes the exit code 1. Each
crashing input is saved under tests/fixtures/regressions/ as ``<target>-<sha1>.<ext>``; the test
tests/test_fuzz_regressions.py replays every file there.

Inputs are generated inside worker processes from (target, seed) so nothing big crosses processes;
the event coder parses its inputs in batches (nlp.parse_many), which is the fast path that makes
100k inputs affordable. Usage:

    python bench/fuzz.py --inputs 100000 --workers 2
"""

from __future__ import annotations

import argparse
import hashlib
import io
import multiprocessing
import os
import random
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = ROOT / "tests" / "fixtures" / "regressions"
sys.path.insert(0, str(ROOT / "tests"))
from fuzz_support import check_article, check_events  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from fuzz_families import FAMILIES, Limits, make_input, peak_mb, run_family  # noqa: E402
from fuzz_mutations import mutate_bytes, mutate_sentence  # noqa: E402

# share of the inputs each target gets: the HTML path (trafilatura + lxml) and the coder (spaCy)
# cost 10-50 ms an input, the text layer and the readers about 1 ms
DEFAULT_MIX = {"html": 0.12, "text": 0.34, "code": 0.2, "jsonl": 0.12, "warc": 0.12, "stacked": 0.05,
               "longline": 0.03, "batch": 0.02}
EXTENSIONS = {"html": "html", "text": "txt", "code": "txt", "jsonl": "jsonl", "warc": "warc", "stacked": "body",
              "longline": "bin", "batch": "batch"}
SLOW_SECONDS = Limits.SLOW_SECONDS
MAX_INPUT_MB = Limits.MAX_INPUT_MB


class Timeout(Exception):
    """An input ran longer than --timeout seconds."""


# --- seeds -------------------------------------------------------------------------------------

def load_seeds() -> dict[str, list[bytes]]:
    pages = ROOT / "tests" / "fixtures" / "pages"
    samples = ROOT / "eventwire" / "samples"
    html = [p.read_bytes() for p in sorted([*pages.glob("*.html"), *(samples / "html").glob("*.html")])]
    text = [p.read_bytes() for p in sorted([*pages.glob("*.txt"), *(samples / "text").glob("*.txt")])]
    jsonl = [line for line in (samples / "asiadesk.jsonl").read_bytes().splitlines(keepends=True) if line.strip()]
    warc = [(samples / "worldwire.warc.gz").read_bytes()]
    import gzip

    warc.append(gzip.decompress(warc[0]))  # the uncompressed form, so byte flips hit headers directly
    sentences: list[bytes] = []
    for blob in text:
        for paragraph in blob.decode("utf-8", "replace").split("\n"):
            sentences.extend(s.strip().encode() + b"." for s in paragraph.split(". ") if len(s.split()) >= 5)
    return {"html": html, "text": text, "jsonl": jsonl, "warc": warc, "code": sentences[:2000],
            "stacked": html, "longline": [warc[0]], "batch": text}


# --- targets -----------------------------------------------------------------------------------

def run_extract(kind: str, data: bytes) -> None:
    from eventwire.errors import InputError
    from eventwire.extract import extract_with_trace
    from eventwire.records import RawDocument

    try:
        extraction = extract_with_trace(RawDocument(uri="fuzz", kind=kind, content=data))
    except InputError:
        return
    check_article(extraction.article)


def run_reader(kind: str, data: bytes) -> None:
    from eventwire.sources.jsonl import read_jsonl
    from eventwire.sources.warc import read_warc

    skipped: list[tuple[str, str]] = []
    reader = read_warc if kind == "warc" else None
    stream = io.BytesIO(data)
    docs = (list(reader(stream, "fuzz.warc", 1 << 20, 8 << 20, lambda u, r: skipped.append((u, r))))
            if reader else list(read_jsonl(stream, "fuzz.jsonl", 1 << 20, lambda u, r: skipped.append((u, r)))))
    for doc in docs:
        assert doc.kind in ("html", "text"), doc.kind
        assert (doc.content is not None) != (doc.text is not None), "exactly one of content/text"
        assert len(doc.content or b"") <= 1 << 20, "max_document_bytes not applied"
    assert all(isinstance(reason, str) and reason for _, reason in skipped)


def replay(target: str, data: bytes) -> None:
    """Run one saved input through its target (the code target takes one text)."""
    if target in ("html", "text"):
        run_extract(target, data)
    elif target in ("jsonl", "warc"):
        run_reader(target, data)
    elif target in FAMILIES:
        run_family(target, data)
    else:
        failures = run_code_batch([data.decode("utf-8", "surrogatepass")])
        assert not failures, failures[0][2]


def run_code_batch(sentences: list[str], limits: Limits | None = None) -> list[tuple[int, BaseException, str]]:
    """Code a batch the way code_text does (extract, parse, resolve, code), parsing in one batch."""
    from eventwire import nlp
    from eventwire.events.coder import code_doc, resolve_actors
    from eventwire.extract import extract_text

    failures: list[tuple[int, BaseException, str]] = []
    articles = []
    for i, text in enumerate(sentences):
        try:
            articles.append((i, extract_text(text, published="2024-03-11")))
        except Exception as exc:
            failures.append((i, exc, traceback.format_exc()))
    docs = nlp.parse_many([a.text for _, a in articles])
    for (i, article), doc in zip(articles, docs, strict=True):
        started, cpu, peak = time.perf_counter(), time.process_time(), peak_mb()
        try:
            with _deadline(TIMEOUT):
                events = code_doc(doc, article, resolve_actors(doc, article.published))
                check_events(events, article.text)
        except Exception as exc:
            failures.append((i, exc, traceback.format_exc()))
        if limits is not None:
            limits.measure(time.process_time() - cpu, time.perf_counter() - started, peak_mb() - peak)
    return failures


TIMEOUT = 10.0
# A hang that waits (a blocking read, a lock) burns no CPU: the wall-clock backstop catches it. It is a
# multiple of the CPU limit because on a machine busy with other work an input's wall time stretches
# while its CPU time does not (once: one text input ran past 10 s of wall time on a loaded
# machine and took 0.3 s when replayed alone), and a limit that fires on the machine's load is no
# finding about the input.
WALL_FACTOR = 6.0


class _deadline:
    """SIGPROF/SIGALRM time limits (worker processes are single-threaded): ``seconds`` of the process's
    CPU time, or ``seconds * WALL_FACTOR`` of wall-clock time, whichever comes first."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        def expire_cpu(*_: Any) -> None:
            raise Timeout(f"used more than {self.seconds:g}s of CPU")

        def expire_wall(*_: Any) -> None:
            raise Timeout(f"ran longer than {self.seconds * WALL_FACTOR:g}s of wall-clock time")
        signal.signal(signal.SIGPROF, expire_cpu)
        signal.signal(signal.SIGALRM, expire_wall)
        signal.setitimer(signal.ITIMER_PROF, self.seconds)
        signal.setitimer(signal.ITIMER_REAL, self.seconds * WALL_FACTOR)

    def __exit__(self, *_: Any) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)


# --- worker ------------------------------------------------------------------------------------

_SEEDS: dict[str, list[bytes]] = {}


def _init_worker(timeout: float, warm_code: bool) -> None:
    global TIMEOUT
    TIMEOUT = timeout
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - warcio prints a warning per damaged record
    _SEEDS.update(load_seeds())
    # first use of htmldate's dateparser fallback loads language data for seconds: not an input's fault
    run_extract("html", _SEEDS["html"][0])
    import dateparser

    dateparser.parse("12 mars 2024")
    if warm_code:  # load spaCy, dictionaries and lexicon once, outside any input's time limit
        run_code_batch(["Russia attacked Ukraine on Monday."])


def _inputs(target: str, seed: int, count: int) -> Iterator[bytes | str]:
    rng = random.Random(seed)
    for _i in range(count):
        if target == "code":
            yield mutate_sentence(rng, _SEEDS["code"])
        elif target in FAMILIES:
            yield make_input(target, rng, _SEEDS[target])
        else:
            yield mutate_bytes(rng, _SEEDS[target], markup=target in ("html", "text"))


Crash = tuple[str, str, bytes]


def fuzz_chunk(task: tuple[str, int, int]) -> tuple[str, int, list[Crash], Limits, float]:
    """Run ``count`` inputs of ``target`` from ``seed``; return (target, count, crashes, limits, peak MB)."""
    target, seed, count = task
    crashes: list[Crash] = []
    limits = Limits()
    inputs = list(_inputs(target, seed, count))
    if target == "code":
        for i, exc, trace in run_code_batch([str(x) for x in inputs], limits):
            crashes.append((_signature(exc, trace), trace, str(inputs[i]).encode("utf-8", "surrogatepass")))
        return target, count, crashes, limits, peak_mb()
    for data in inputs:
        assert isinstance(data, bytes)
        started, cpu, peak = time.perf_counter(), time.process_time(), peak_mb()
        try:
            with _deadline(TIMEOUT):
                replay(target, data)
        except Exception as exc:
            trace = traceback.format_exc()
            crashes.append((_signature(exc, trace), trace, data))
        rise = peak_mb() - peak
        limits.measure(time.process_time() - cpu, time.perf_counter() - started, rise)
        if rise > MAX_INPUT_MB:
            crashes.append((f"MemoryLimit: one {target} input raised the peak RSS by {rise:.0f} MB", "", data))
        del data
    return target, count, crashes, limits, peak_mb()


def _signature(exc: BaseException, trace: str) -> str:
    """Exception type and the innermost eventwire frame: one line per distinct bug."""
    frames = [line.strip() for line in trace.splitlines() if line.strip().startswith('File "') and "eventwire" in line]
    where = frames[-1].split('"')[1].split("eventwire/")[-1] + ":" + frames[-1].split("line ")[1].split(",")[0] \
        if frames else "?"
    return f"{type(exc).__name__} at {where}: {str(exc)[:120]}"


def save_crash(target: str, data: bytes) -> Path:
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    path = REGRESSIONS / f"{target}-{hashlib.sha1(data).hexdigest()[:12]}.{EXTENSIONS[target]}"
    path.write_bytes(data)
    return path


def plan(total: int, mix: dict[str, float], chunk: int, code_chunk: int) -> list[tuple[str, int, int]]:
    tasks: list[tuple[str, int, int]] = []
    for target, share in mix.items():
        want = round(total * share)
        size = code_chunk if target == "code" else chunk
        seed = hash(target) & 0xFFFF
        while want > 0:
            tasks.append((target, seed * 1_000_003 + len(tasks), min(size, want)))
            want -= size
    random.Random(0).shuffle(tasks)  # spread the slow targets over the run
    return tasks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000, help="total inputs over all targets")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds of CPU one input may take (and WALL_FACTOR times that of wall-clock time)")
    parser.add_argument("--targets", default=",".join(DEFAULT_MIX), help="comma-separated subset of " + ",".join(DEFAULT_MIX))
    parser.add_argument("--no-save", action="store_true", help="do not write crashing inputs to the regressions folder")
    args = parser.parse_args()
    chosen = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = set(chosen) - set(DEFAULT_MIX)
    if unknown:
        parser.error(f"unknown targets {sorted(unknown)}")
    weight = sum(DEFAULT_MIX[t] for t in chosen)
    mix = {t: DEFAULT_MIX[t] / weight for t in chosen}
    tasks = plan(args.inputs, mix, chunk=250, code_chunk=64)
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    signatures: Counter[str] = Counter()
    examples: dict[str, tuple[str, str, bytes]] = {}
    totals = Limits()
    worker_peak = 0.0
    slowest: Counter[str] = Counter()
    print(f"fuzzing {args.inputs} inputs ({', '.join(f'{t} {s:.0%}' for t, s in mix.items())}) "
          f"with {args.workers} workers; load average {os.getloadavg()[0]:.1f}", flush=True)
    context = multiprocessing.get_context("fork")
    with context.Pool(args.workers, initializer=_init_worker, initargs=(args.timeout, "code" in chosen)) as pool:
        last_report = time.perf_counter()
        for target, count, crashes, limits, peak_mb in pool.imap_unordered(fuzz_chunk, tasks):
            counts[target] += count
            totals.slowest = max(totals.slowest, limits.slowest)
            totals.slowest_wall = max(totals.slowest_wall, limits.slowest_wall)
            slowest[target] = max(slowest[target], round(limits.slowest, 2))
            totals.slow += limits.slow
            totals.rise_mb = max(totals.rise_mb, limits.rise_mb)
            worker_peak = max(worker_peak, peak_mb)
            for signature, trace, data in crashes:
                signatures[signature] += 1
                if signature not in examples or len(data) < len(examples[signature][2]):
                    examples[signature] = (target, trace, data)
            if time.perf_counter() - last_report > 30:
                last_report = time.perf_counter()
                done = sum(counts.values())
                print(f"  {done} inputs, {time.perf_counter() - started:.0f}s, {len(signatures)} distinct crashes",
                      flush=True)
    elapsed = time.perf_counter() - started
    done = sum(counts.values())
    print(f"inputs: {done} ({', '.join(f'{t} {n}' for t, n in sorted(counts.items()))})")
    print(f"time: {elapsed:.0f}s ({done / elapsed:.0f} inputs/s); load average {os.getloadavg()[0]:.1f}")
    print(f"unhandled exceptions: {sum(signatures.values())} in {len(signatures)} distinct places")
    print(f"per input (CPU time): slowest {totals.slowest:.2f}s (wall {totals.slowest_wall:.2f}s), "
          f"{len(totals.slow)} over {SLOW_SECONDS:g}s "
          f"{sorted(totals.slow, reverse=True)[:5]}; largest peak-RSS rise {totals.rise_mb:.0f} MB "
          f"(limit {MAX_INPUT_MB} MB); worker peak RSS {worker_peak:.0f} MB")
    print("slowest input per target (CPU): " + ", ".join(f"{t} {s:.2f}s" for t, s in sorted(slowest.items())))
    for signature, n in signatures.most_common():
        target, trace, data = examples[signature]
        where = "" if args.no_save else f" -> {save_crash(target, data).relative_to(ROOT)}"
        print(f"  {n:5d}  [{target}] {signature}{where}")
        print("        " + trace.strip().splitlines()[-1][:200])
    return 1 if signatures or totals.slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
