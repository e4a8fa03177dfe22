"""Inputs named by fsspec URLs: ``s3://``, ``gs://``, ``az://``, ``https://``, ``file://``, ``memory://``.

A URL names a file, a folder (walked like a local one: sorted, files before subfolders, hidden
entries skipped) or a glob (``s3://bucket/crawl/*.warc.gz``, sorted). Every file found is named by
its URL, which is also the ``uri`` of its documents (``s3://bucket/news.jsonl#12``), so a worker on
another machine reopens it by that name. fsspec is a dependency (through Dask); the package of a
protocol is not: a missing one is a :class:`~eventwire.errors.ConfigError` naming the pip extra.
Credentials are fsspec's usual ones (environment variables, ``~/.aws``, ``~/.config/gcloud``...).

The same limits as for local files hold: a remote entry that is neither a file nor a folder is
skipped, and every read goes through the capped streams of :mod:`eventwire.sources.files`.
``file://`` files are opened as local files (non-blocking open, ``fstat`` check), so a FIFO named by
URL is refused as one named by path is.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.errors import ConfigError
from eventwire.sources.regular import NotRegularFile, open_regular

__all__ = ["is_url", "is_local", "RemoteFile", "filesystem", "expand_url", "open_named", "EXTRAS"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
_GLOB_CHARS = re.compile(r"[*?\[]")
# the optional extra (pyproject.toml) that installs a protocol's fsspec implementation
EXTRAS = {"s3": "s3", "s3a": "s3", "gs": "gcs", "gcs": "gcs", "az": "azure", "abfs": "azure",
          "abfss": "azure", "adl": "azure", "http": "http", "https": "http"}
# remote reads are buffered in blocks this big (fsspec adds its own read-ahead per request)
READ_BUFFER = 1 << 20


def is_url(name: str) -> bool:
    """Whether an input name is a URL (``scheme://...``) rather than a local path."""
    return bool(_URL.match(name))


def filesystem(url: str) -> tuple[Any, str]:
    """(fsspec filesystem, path inside it) for ``url``; a ConfigError saying what to install or fix."""
    protocol = url.split("://", 1)[0].lower()
    try:
        # lazy (start-up): fsspec only when a URL is given
        from fsspec.core import url_to_fs
    except ImportError as exc:
        raise ConfigError(f"{url}: URLs are read with fsspec, which is not installed: "
                          f"pip install 'eventwire[{EXTRAS.get(protocol, 's3')}]' (or pip install fsspec for file:// and memory://)") from exc
    try:
        return url_to_fs(url)
    except ImportError as exc:
        extra = EXTRAS.get(protocol)
        fix = (f"pip install 'eventwire[{extra}]'" if extra is not None
               else "install the fsspec implementation of this protocol")
        raise ConfigError(f"{url}: reading {protocol}:// needs a package that is not installed ({exc}): "
                          f"{fix} (on the client and on every worker)") from exc
    except ValueError as exc:
        raise ConfigError(f"{url}: {exc} (fsspec protocols: s3://, gs://, az://, https://, file://, "
                          "memory://; a local path needs no scheme)") from exc


def is_local(fs: Any) -> bool:
    """Whether ``fs`` is the local file system (a ``file://`` URL): read and written as local paths."""
    # lazy (start-up): fsspec only when a URL is given
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(fs, LocalFileSystem)


class _RemoteReader(io.BufferedReader):
    """A buffered remote file that knows its size (no ``fileno`` to ``fstat``)."""

    size: int | None = None


@dataclass(frozen=True)
class RemoteFile:
    """One entry a URL names: ``kind`` is file, directory, other (not a regular file) or missing."""

    name: str
    fs: Any
    path: str
    kind: str
    size: int | None = None

    def open(self) -> BinaryIO:
        """A seekable, peekable binary stream; NotRegularFile for anything but a file."""
        if is_local(self.fs):
            return open_regular(Path(self.path))
        if self.kind != "file":
            raise NotRegularFile(f"not a regular file ({self.kind}): skipped")
        reader = _RemoteReader(self.fs.open(self.path, "rb"), buffer_size=READ_BUFFER)
        reader.size = self.size
        return reader


def _described(name: str, fs: Any, path: str, info: dict[str, Any]) -> RemoteFile:
    kind = info.get("type")
    size = info.get("size")
    return RemoteFile(name, fs, path, kind if kind in ("file", "directory") else "other",
                      size if isinstance(size, int) else None)


def _entry(name: str, fs: Any, path: str) -> RemoteFile:
    try:
        info = fs.info(path)
    except FileNotFoundError:
        return RemoteFile(name, fs, path, "missing")
    return _described(name, fs, path, info)


def _walk_order(relative: str) -> list[tuple[int, str]]:
    """A sort key giving os.walk's order over sorted names: a folder's files, then each subfolder."""
    *folders, file_name = relative.split("/")
    return [(1, folder) for folder in folders] + [(0, file_name)]


def expand_url(name: str, on_error: Callable[[str, str], None] | None = None) -> Iterator[RemoteFile]:
    """The entries ``name`` stands for: itself (a file, or missing/other), a folder's files, a glob's matches."""
    fs, root = filesystem(name)
    protocol = name.split("://", 1)[0].lower()
    try:
        # "?" in an http(s) URL starts its query (a signed URL), not a pattern
        if _GLOB_CHARS.search(root) and protocol not in ("http", "https"):
            for path, info in sorted(fs.glob(root, detail=True).items()):
                if not path.rsplit("/", 1)[-1].startswith(".") and info.get("type") != "directory":
                    yield _described(f"file://{path}" if is_local(fs) else fs.unstrip_protocol(path), fs, path, info)
            return
        entry = _entry(name, fs, root)
        if entry.kind != "directory":
            yield entry
            return
        prefix, base = name.rstrip("/"), root.rstrip("/")
        members = []
        for path, info in fs.find(base, detail=True).items():
            relative = path[len(base):].lstrip("/")
            if relative and not any(part.startswith(".") for part in relative.split("/")):
                members.append((_walk_order(relative), _described(f"{prefix}/{relative}", fs, path, info)))
        for _, member in sorted(members, key=lambda pair: pair[0]):
            if member.kind != "directory":
                yield member
    except Exception as exc:  # noqa: BLE001 - storage libraries raise their own types (no credentials...)
        if on_error is None:
            raise
        on_error(name, f"cannot list this URL ({type(exc).__name__}: {exc}); its files were not read: "
                 "check the URL and the credentials (fsspec's usual ones: docs/scale.md)")


def open_named(name: str) -> BinaryIO:
    """The file a partition names (a URL or a local path), opened for seeking and reading."""
    if not is_url(name):
        return open_regular(Path(name))  # planned as a file; refused the same way if it is no longer one
    fs, path = filesystem(name)
    return _entry(name, fs, path).open()
