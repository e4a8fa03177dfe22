"""Peak RSS of a process and its descendants, sampled in a thread: one sampler for the benches that
watch a subprocess (bench/day_of_news.py: per process, to tell the coordinator from the workers;
bench/api_latency.py: the whole server).

Written for the eventwire project. Sampling misses peaks shorter than ``interval``; the benches
choose it (0.2 s for minutes-long runs, 0.05 s for a server answering requests in milliseconds).
"""

from __future__ import annotations

import threading

import psutil

__all__ = ["RssSampler"]


class RssSampler:
    """``peaks``: the highest RSS of each process (MiB, by pid); ``total_peak``: the highest RSS of
    the whole tree at one sample (bytes)."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self.total_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            total = 0
            for process in processes:
                try:
                    rss = process.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0.0), rss / 2**20)
            self.total_peak = max(self.total_peak, total)
            self._stop.wait(self.interval)

    def stop(self) -> int:
        """Stop sampling; the whole tree's peak in bytes."""
        self._stop.set()
        self._thread.join()
        return self.total_peak
