"""Prebuilt forms of slow-to-load data (actor dictionaries, lexicon, gazetteer, language model), kept on
disk between processes.

``cached(name, build, sources)`` returns what ``build()`` returns. The first process pickles it into
the cache directory; later ones unpickle it instead of parsing YAML, TSV and model files again (that
parsing was ~2.5 s of every process's start-up: issue 16). The key is a digest of

- eventwire's own code (every ``.py`` file of the package: a change to a loader rebuilds) and data
  (every file under ``eventwire/data``), the eventwire and Python versions, and
- the ``sources`` a caller names beyond those (user dictionaries, a library's data files),

so a cache is never used for other inputs than the ones it was built from. Where it lives: the
``cache_dir`` setting (``EVENTWIRE_CACHE_DIR``), else the user cache directory (platformdirs:
``~/.cache/eventwire`` on Linux); ``off`` turns caching off.

Nothing here is fatal: a cache that cannot be written (read-only or missing directory, full disk, an
object that does not pickle) only costs the build; one that cannot be read (corrupt, truncated,
written by other library versions) is rebuilt and replaced. Pickles are read only from the user's own
cache directory, created private (0700): whoever can write there can already run code as the user.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import eventwire
from eventwire.settings import get_settings

__all__ = ["cached", "cache_dir", "clear_memo"]

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent
# bumped when the layout of the cache files changes
CACHE_FORMAT = 1


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
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")  # the build then fails or not, as it would without a cache
        digest.update(b"\0")


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
    try:
        with path.open("rb") as handle:
            return True, pickle.load(handle)
    except FileNotFoundError:
        return False, None
    except Exception:  # noqa: BLE001 - corrupt, truncated or from other library versions: rebuild it
        return False, None


def _write(folder: Path, name: str, path: Path, value: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: processes starting together each see a whole file or none
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for stale in folder.glob(f"{name}-*.pickle"):  # earlier versions of the same data
            if stale != path:
                stale.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - read-only, full, or not picklable: the built value is still good
        return


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
    _write(folder, name, path, built)
    return built


def clear_memo() -> None:
    """Forget the package digest computed in this process (tests that change the data)."""
    _package_digest.cache_clear()
