"""Where a request's time goes inside `eventwire serve`: `bench/load.py --probe` runs the server through this.

    python bench/load_probe.py OUT.json serve --db DB --port N      # what load.py --probe starts

The server is the ordinary one (`eventwire.cli`), with measuring wrapped around it in this process only:

- every ASGI request: its wall time in the app (from the event loop handing it over to the last body
  byte handed back), and whether :mod:`eventwire.api.replay` answered it from the cache (no route ran);
- every computed answer (``Answers._compute``): the wait for a compute slot (``EVENTWIRE_API_SLOTS``),
  the query's wall and thread-CPU time, the JSON encoding's, and whether it opened a DuckDB cursor (a page
  of the in-memory index whose rows are all kept does not);
- the garbage collector's pauses (``gc.callbacks``), by generation, wall and CPU time;
- the event loop's lag: a task asks to wake every 5 ms and records how late it woke (a request that
  arrived meanwhile waited at least that long before the app saw it).

When the server shuts down (``load.py`` terminates it) the records go to OUT.json; :func:`summary` makes the lines
``load.py`` prints. Nothing here changes what the server answers; the measuring costs a few microseconds
a request.
"""

from __future__ import annotations

import asyncio
import gc
import json
import statistics
import sys
import threading
import time
from contextvars import ContextVar
from pathlib import Path
from typing import Any

LOOP_TICK = 0.005  # seconds between the lag probe's wake-ups
_REQUEST: ContextVar[dict[str, float] | None] = ContextVar("load_probe_request", default=None)


class Records:
    def __init__(self) -> None:
        self.requests: list[dict[str, float]] = []
        self.gc: list[tuple[float, int, float, float]] = []  # (start, generation, wall seconds, CPU seconds)
        self.lag: list[float] = []  # seconds late, per loop tick
        self.lock = threading.Lock()
        self._gc_started = self._gc_cpu = 0.0

    def on_gc(self, phase: str, info: dict[str, int]) -> None:
        # the collection's thread CPU too: on a busy machine the thread holding the GIL is also
        # descheduled, which stretches the wall time of a pause far beyond the collector's own work
        if phase == "start":
            self._gc_started, self._gc_cpu = time.perf_counter(), time.thread_time()
        else:
            self.gc.append((self._gc_started, info["generation"], time.perf_counter() - self._gc_started,
                            time.thread_time() - self._gc_cpu))


def _wrap_app(records: Records) -> None:
    """Wrap the app ``create_app`` returns in an ASGI timer (outside the Guard: all of the app)."""
    import eventwire.api as api
    import eventwire.api.app as app_module

    made = app_module.create_app

    def create_app(*args: Any, **kwargs: Any) -> Any:
        app = made(*args, **kwargs)
        inner = app.build_middleware_stack

        def stack() -> Any:
            return _Timed(inner(), records)

        app.build_middleware_stack = stack
        return app

    app_module.create_app = create_app
    api.create_app = create_app  # type: ignore[attr-defined]


class _Timed:
    def __init__(self, app: Any, records: Records) -> None:
        self.app, self.records = app, records

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from eventwire.api.rewarm import _REWARMING

        record = {"start": time.perf_counter(), "computed": 0.0, "rewarm": float(_REWARMING.get())}
        token = _REQUEST.set(record)
        try:
            await self.app(scope, receive, send)
        finally:
            _REQUEST.reset(token)
            record["total"] = time.perf_counter() - record["start"]
            with self.records.lock:
                self.records.requests.append(record)


def _wrap_compute() -> None:
    """Time the slot wait, the query and the encoding of every computed answer."""
    from eventwire.api import answers as module

    def compute(self: Any, compute: Any) -> bytes:
        record = _REQUEST.get() or {}
        asked = time.perf_counter()
        with self._slots:
            got = time.perf_counter()
            cpu = time.thread_time()
            opened: list[int] = []
            with module.on_demand(self.source) as cursor:  # opened when the answer asks for it, as Answers does

                def counted() -> Any:
                    opened.append(1)
                    return cursor()

                value = compute(counted)
            queried, cpu_queried = time.perf_counter(), time.thread_time()
            body = module.encode_json(value)
        record.update(computed=1.0, slot_wait=got - asked, query=queried - got, query_cpu=cpu_queried - cpu,
                      encode=time.perf_counter() - queried, encode_cpu=time.thread_time() - cpu_queried,
                      cursor=1.0 if opened else 0.0)
        return body

    module.Answers._compute = compute  # type: ignore[method-assign]


async def _lag_probe(records: Records) -> None:
    while True:
        asked = time.perf_counter()
        await asyncio.sleep(LOOP_TICK)
        records.lag.append(time.perf_counter() - asked - LOOP_TICK)


def _hook_server(records: Records, write: Any) -> None:
    """Start the lag task on uvicorn's loop (its ``startup``) and write the records after its ``shutdown``
    (uvicorn raises a SIGTERM it caught again once shut down: no ``atexit`` then)."""
    import uvicorn

    started, stopped = uvicorn.Server.startup, uvicorn.Server.shutdown

    async def startup(self: Any, sockets: Any = None) -> None:
        asyncio.get_running_loop().create_task(_lag_probe(records))
        await started(self, sockets=sockets)

    async def shutdown(self: Any, sockets: Any = None) -> None:
        await stopped(self, sockets=sockets)
        write()

    uvicorn.Server.startup = startup  # type: ignore[method-assign]
    uvicorn.Server.shutdown = shutdown  # type: ignore[method-assign]


def _index_stats() -> dict[str, Any]:
    """Which path answered the pages and what the in-memory index builds did (eventwire/read/memory_index.py;
    empty for code without it)."""
    try:
        from eventwire.read import memory_index
    except ImportError:
        return {}
    try:
        from eventwire.api.rows import MISSES
    except ImportError:
        MISSES = {}  # type: ignore[assignment]
    return {"served": {**memory_index.SERVED, **{f"rows: {k}": v for k, v in MISSES.items()}},
            "builds": list(memory_index.BUILDS)}


def install(out: Path) -> Records:
    records = Records()
    _wrap_app(records)
    _wrap_compute()
    gc.callbacks.append(records.on_gc)

    def write() -> None:
        with records.lock:
            data = {"requests": records.requests, "gc": records.gc, "lag": records.lag, "index": _index_stats()}
        out.write_text(json.dumps(data), encoding="utf-8")

    _hook_server(records, write)
    return records


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def summary(path: Path, since: float = 0.0) -> list[str]:
    """Lines about the records in ``path`` of the requests that started after ``since`` (perf_counter of the
    server's clock: the same clock as the bench's on Linux, CLOCK_MONOTONIC)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    requests = [r for r in data["requests"] if r["start"] >= since and not r.get("rewarm")]
    rewarmed = [r for r in data["requests"] if r["start"] >= since and r.get("rewarm")]
    if not requests:
        return ["probe: no requests recorded"]
    ms = 1000.0
    computed = [r for r in requests if r.get("computed")]
    totals = [r["total"] * ms for r in requests]
    lines = [f"probe: {len(requests)} requests in the app, {len(computed)} computed ({100 * len(computed) / len(requests):.1f}%); "
             f"time in the app p50 {statistics.median(totals):.1f} ms, p99 {_pct(totals, 0.99):.1f} ms, "
             f"over 100 ms: {sum(t > 100 for t in totals)}; and {len(rewarmed)} asked by the rewarming "
             f"({sum(1 for r in rewarmed if r.get('computed'))} computed, {sum(r['total'] for r in rewarmed):.1f} s)"]
    if computed:
        lines.append(f"probe: computed answers that opened a DuckDB cursor: {sum(r.get('cursor', 1.0) for r in computed):.0f} "
                     f"of {len(computed)}")

        def line(name: str, key: str) -> str:
            values = [r[key] * ms for r in computed]
            return f"{name} p50 {statistics.median(values):.1f} / p95 {_pct(values, 0.95):.1f} / p99 {_pct(values, 0.99):.1f} ms"
        lines.append("probe: computed answers: " + ", ".join([
            line("in the app", "total"), line("slot wait", "slot_wait"), line("query wall", "query"),
            line("query CPU", "query_cpu"), line("encode wall", "encode"), line("encode CPU", "encode_cpu")]))
        slow = [r for r in computed if r["total"] > 0.1]
        if slow:
            parts = {k: statistics.mean(r[k] for r in slow) * ms for k in ("total", "slot_wait", "query", "query_cpu", "encode")}
            lines.append(f"probe: the {len(slow)} computed over 100 ms in the app, mean: " +
                         ", ".join(f"{k} {v:.1f} ms" for k, v in parts.items()) +
                         f"; the rest (routing, thread hand-offs, sending): {parts['total'] - parts['slot_wait'] - parts['query'] - parts['encode']:.1f} ms")
    kept = [r["total"] * ms for r in requests if not r.get("computed")]
    if kept:
        lines.append(f"probe: answered without computing: p50 {statistics.median(kept):.2f} ms, p99 {_pct(kept, 0.99):.1f} ms, "
                     f"over 100 ms: {sum(t > 100 for t in kept)}")
    pauses = [pause for pause in data["gc"] if pause[0] >= since]
    for gen in (0, 1, 2):
        took = [(wall * ms, cpu * ms) for _, g, wall, cpu in pauses if g == gen]
        if took:
            lines.append(f"probe: GC generation {gen}: {len(took)} collections, {sum(w for w, _ in took):.0f} ms in all "
                         f"(max {max(w for w, _ in took):.1f} ms), of which CPU {sum(c for _, c in took):.0f} ms "
                         f"(max {max(c for _, c in took):.1f} ms)")
    index = data.get("index") or {}
    if index:
        served, builds = index.get("served", {}), index.get("builds", [])
        built = [b for b in builds if "bytes" in b]
        lines.append(f"probe: /api/events pages computed from the in-memory index {served.get('index', 0)}, by SQL "
                     f"{served.get('sql', 0)} (whole run; rows read again, and why: "
                     f"{ {k: v for k, v in served.items() if k.startswith('rows')} }); index builds {len(builds)}, of which built {len(built)}" +
                     (f": {statistics.median(b['bytes'] for b in built) / 1e6:.1f} MB, CPU p50 "
                      f"{statistics.median(b['build_cpu'] for b in built):.2f} s, max {max(b['build_cpu'] for b in built):.2f} s"
                      if built else "") + (f"; last: {builds[-1]['state']}" if builds else ""))
    lag = [x * ms for x in data["lag"]]
    if lag:
        lines.append(f"probe: event loop lag ({LOOP_TICK * ms:.0f} ms ticks): p50 {statistics.median(lag):.1f} ms, "
                     f"p99 {_pct(lag, 0.99):.1f} ms, max {max(lag):.1f} ms")
    return lines


if __name__ == "__main__":
    install(Path(sys.argv[1]))
    sys.argv = ["eventwire", *sys.argv[2:]]
    from eventwire.cli import main

    main()
