"""Where the Parquet dataset of a parallel run is written: a local folder, or object storage by URL.

The dataset (:mod:`eventwire.scale.dataset`) needs five operations on files named relative to its
root: read, write whole, list by pattern, test and remove. :class:`LocalStore` does them with atomic
renames (a file is replaced whole or not at all); :class:`FsspecStore` with fsspec, where an object
store's upload is itself atomic (an object appears when it is complete), so files are written in
place. ``file://`` URLs are local folders.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.sources.remote import filesystem, is_local, is_url

__all__ = ["Store", "LocalStore", "FsspecStore", "open_store", "table_bytes", "read_table"]


class LocalStore:
    """A dataset in a local folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def exists(self, relative: str) -> bool:
        return (self.root / relative).exists()

    def read_bytes(self, relative: str) -> bytes | None:
        try:
            return (self.root / relative).read_bytes()
        except FileNotFoundError:
            return None

    def write_bytes(self, relative: str, data: bytes) -> None:
        """Write through a temporary file renamed over the target: readers see all or nothing. (Opened
        as an ordinary file, so the umask gives the dataset's files their usual permissions.)"""
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)

    def glob(self, pattern: str) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.glob(pattern))

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink(missing_ok=True)


class FsspecStore:
    """A dataset at an fsspec URL (``s3://bucket/ew-parquet``, ``memory://out``)."""

    def __init__(self, url: str) -> None:
        self.fs, root = filesystem(url)
        self.root = root.rstrip("/")

    def _path(self, relative: str) -> str:
        return f"{self.root}/{relative}"

    def exists(self, relative: str) -> bool:
        return bool(self.fs.exists(self._path(relative)))

    def read_bytes(self, relative: str) -> bytes | None:
        try:
            data: bytes = self.fs.cat_file(self._path(relative))
        except FileNotFoundError:
            return None
        return data

    def write_bytes(self, relative: str, data: bytes) -> None:
        path = self._path(relative)
        self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)  # a no-op on object stores
        self.fs.pipe_file(path, data)

    def glob(self, pattern: str) -> list[str]:
        found = self.fs.glob(self._path(pattern))
        base = self.fs._strip_protocol(self.root).rstrip("/") + "/"  # noqa: SLF001 - glob returns stripped paths
        return sorted(path[len(base):] if path.startswith(base) else path for path in found)

    def remove(self, relative: str) -> None:
        path = self._path(relative)
        if self.fs.exists(path):
            self.fs.rm_file(path)


Store = LocalStore | FsspecStore


def open_store(root: str | Path) -> Store:
    """The store of a dataset root: a local path, a ``file://`` URL (local) or another fsspec URL."""
    text = str(root)
    if not is_url(text):
        return LocalStore(Path(root))
    fs, path = filesystem(text)
    return LocalStore(Path(path)) if is_local(fs) else FsspecStore(text)


def table_bytes(table: pa.Table) -> bytes:
    """One Parquet file's bytes (a partition's rows for one month: small)."""
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def read_table(data: bytes) -> Any:
    """A Parquet file's table from its bytes."""
    return pq.read_table(io.BytesIO(data))
