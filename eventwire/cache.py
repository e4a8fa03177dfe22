"""Prebuilt forms of slow-to-load data (actor dictionaries, lexicon, gazetteer, language model), kept on
disk between processes.

``cached(name, build, sources)`` returns what ``build()`` returns. The first process pickles it into
the cache directory; later ones unpickle it instead of parsing YAML, TSV and model files again (that
parsing was ~2.5 s of every process's start-up: issue 16). The key is a digest of

- eventwire's own code (every ``.py`` file of the package: a change to a loader rebuilds) and data
  (every file under ``eventwire/data``), the eventwire and Python versions, and
- the ``sources`` a caller names beyond those (user dictionaries, a library's data files; files over
  1 MB by size, modification time and inode instead of content),

so a cache is never used for other inputs than the ones it was built from. Where it lives: the
``cache_dir`` setting (``EVENTWIRE_CACHE_DIR``), else the user cache directory (platformdirs:
``~/.cache/eventwire`` on Linux); ``off`` turns caching off.

Three forms: :func:`cached` pickles any object; :func:`cached_arrays` keeps numeric tables in a file
that later processes map into memory (nothing to load, pages shared between processes);
:func:`cached_path` keeps a file that a library writes (the classifier's optimised graph).

Nothing here is fatal: a cache that cannot be written (read-only or missing directory, full disk, an
object that does not pickle) only costs the build; one that cannot be read (corrupt, truncated,
written by other library versions) is rebuilt and replaced. Pickles are read only from the user's own
cache directory, created private (0700): whoever can write there can already run code as the user.
"""

from __future__ import annotations

import gc
import hashlib
import json
import mmap
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import eventwire
from eventwire.settings import get_settings

if TYPE_CHECKING:
    import numpy as np  # (imported where arrays are read or written: not every process needs numpy)

__all__ = ["cached", "cached_arrays", "cached_path", "cache_dir", "clear_memo"]

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent
# bumped when the layout of the cache files changes
CACHE_FORMAT = 1
# array offsets in an .arrays file are multiples of this: aligned for every dtype (and SIMD loads)
_ALIGN = 64
# sources larger than this are told apart by their size and modification time, not their content
BIG_FILE = 1 << 20


def cache_dir() -> Path | None:
    """The directory caches go to, or None when caching is off."""
    configured = get_settings().cache_dir
    if configured.lower() == "off":
        return None
    if configured:
        return Path(configured)
    import platformdirs  # (imported only here: ~10 ms that a process without caches never pays)

    return Path(platformdirs.user_cache_dir("eventwire", appauthor=False))


def _hash_files(digest: hashlib._Hash, files: Iterable[Path]) -> None:
    for path in files:
        digest.update(str(path.name).encode() + b"\0")
        try:
            digest.update(_fingerprint(path))
        except OSError:
            digest.update(b"<missing>")  # the build then fails or not, as it would without a cache
        digest.update(b"\0")


def _fingerprint(path: Path) -> bytes:
    """A file's content, or for a big one its size, modification time and inode: reading the 23 MB
    classifier and the 17 MB city list on every start-up cost ~50 ms, and installing or editing a
    file gives it a new modification time."""
    stat = path.stat()
    if stat.st_size <= BIG_FILE:
        return path.read_bytes()
    return f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino}".encode()


@lru_cache(maxsize=1)
def _package_digest() -> str:
    """eventwire's code and data as installed (read once per process: ~1.8 MB, a few milliseconds)."""
    digest = hashlib.sha1(f"{CACHE_FORMAT}\0{eventwire.__version__}\0{sys.version_info[:2]}\0".encode())
    code = sorted(PACKAGE.rglob("*.py"))
    data = sorted(p for p in (PACKAGE / "data").rglob("*") if p.is_file())
    _hash_files(digest, [*code, *data])
    return digest.hexdigest()


def _key(name: str, sources: Iterable[Path]) -> str:
    digest = hashlib.sha1(f"{name}\0{_package_digest()}\0".encode())
    _hash_files(digest, (Path(p) for p in sources))
    return digest.hexdigest()[:24]


def _read(path: Path) -> tuple[bool, object]:
    # the cyclic collector would otherwise run every few hundred objects created, walking the ones
    # already unpickled again and again: ~40% of the actor tables' load time (none of it is garbage)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            return True, pickle.load(handle)
    except FileNotFoundError:
        return False, None
    except Exception:  # noqa: BLE001 - corrupt, truncated or from other library versions: rebuild it
        return False, None
    finally:
        if collecting:
            gc.enable()


def _write(folder: Path, name: str, path: Path, dump: Callable[[Path], None]) -> None:
    """``dump(tmp)`` writes the file at a temporary path, which then replaces ``path``."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        os.close(fd)
        try:
            dump(Path(tmp))
            os.replace(tmp, path)  # atomic: processes starting together each see a whole file or none
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for stale in folder.glob(f"{name}-*{path.suffix}"):  # earlier versions of the same data
            if stale != path:
                stale.unlink(missing_ok=True)  # (a process that mapped it keeps its pages)
    except Exception:  # noqa: BLE001 - read-only, full, or not picklable: the built value is still good
        return


def _dump_pickle(value: object, path: Path) -> None:
    with path.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)


def cached(name: str, build: Callable[[], T], sources: Iterable[Path | str] = ()) -> T:
    """``build()``, or its pickled result from an earlier process with the same code, data and
    ``sources``. ``name`` names the cache file (one file per name is kept)."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{_key(name, (Path(s) for s in sources))}.pickle"
    found, value = _read(path)
    if found:
        return value  # type: ignore[return-value]
    built = build()
    _write(folder, name, path, lambda tmp: _dump_pickle(built, tmp))
    return built


def cached_path(name: str, suffix: str, build: Callable[[Path], None], sources: Iterable[Path | str] = ()) -> Path | None:
    """The path of a file that ``build(path)`` writes (e.g. a model file a library optimises), made
    once per code, data and ``sources``; None when caching is off or the file cannot be made. A
    source that names no file (a library's version, say) is part of the key by its name."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{name}-{_key(name, (Path(s) for s in sources))}{suffix}"
    if path.is_file():
        return path
    _write(folder, name, path, build)
    return path if path.is_file() else None


def _dump_arrays(arrays: dict[str, np.ndarray], meta: dict[str, Any], path: Path) -> None:
    """Header (its length, then JSON: each array's dtype, shape and offset, and ``meta``), then the
    arrays' bytes, each at an offset aligned for any dtype."""
    # lazy (start-up): numpy only for the caches that hold arrays, not for every cached pickle
    import numpy as np

    layout, offset = {}, 0
    for key, array in arrays.items():
        layout[key] = [array.dtype.str, list(array.shape), offset]
        offset += -(-array.nbytes // _ALIGN) * _ALIGN
    header = json.dumps({"arrays": layout, "meta": meta}).encode()
    start = -(-(8 + len(header)) // _ALIGN) * _ALIGN
    with path.open("wb") as handle:
        handle.write(start.to_bytes(8, "little") + header.ljust(start - 8, b" "))
        for array in arrays.values():
            handle.write(np.ascontiguousarray(array).tobytes().ljust(-(-array.nbytes // _ALIGN) * _ALIGN, b"\0"))


def _map_arrays(path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]] | None:
    # lazy (start-up): numpy only for the caches that hold arrays, not for every cached pickle
    import numpy as np

    try:
        with path.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        start = int.from_bytes(mapped[:8], "little")
        header = json.loads(mapped[8:start])
        arrays = {}
        for key, (dtype, shape, offset) in header["arrays"].items():
            count = int(np.prod(shape, dtype=np.int64))
            arrays[key] = np.frombuffer(mapped, np.dtype(dtype), count, start + offset).reshape(shape)
        return arrays, header["meta"]
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - corrupt, truncated or another layout: rebuild it
        return None


def cached_arrays(name: str, build: Callable[[], tuple[dict[str, np.ndarray], dict[str, Any]]],
                  sources: Iterable[Path | str] = ()) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Like :func:`cached` for numeric tables: ``build()`` gives (arrays, JSON-able meta). A later
    process maps the file instead of reading it: no load time, and only the pages it touches are
    read, shared by every process on the machine (a 68 MB language model pickle cost ~0.15 s and
    68 MB of every process). The arrays are read-only."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{_key(name, (Path(s) for s in sources))}.arrays"
    found = _map_arrays(path)
    if found is not None:
        return found
    arrays, meta = build()
    _write(folder, name, path, lambda tmp: _dump_arrays(arrays, meta, tmp))
    return _map_arrays(path) or (arrays, meta)


def clear_memo() -> None:
    """Forget the package digest computed in this process (tests that change the data)."""
    _package_digest.cache_clear()
