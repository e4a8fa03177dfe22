"""Opening local files that are regular files: a FIFO, a device or a socket is refused, not read.

Kept apart from :mod:`eventwire.sources.files` so that :mod:`eventwire.sources.remote` (``file://``
URLs) opens local files the same way without importing the readers.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["NotRegularFile", "open_regular"]


class NotRegularFile(OSError):
    """A path that is a FIFO, device or socket: reading it could block for ever or never end."""


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str:
    what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"{what}, not a regular file: skipped (pipe a stream to standard input with - instead)"


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; raise :class:`NotRegularFile` for anything else.

    Opened non-blocking and checked with ``fstat`` on the open descriptor: a FIFO would block in
    ``open`` itself, and a check on the path before opening could be raced.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(_not_regular(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
